package migrate

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/isolate-dev/isolate/walk"
)

// WriteError is a change that could not be written; the file is as it was.
type WriteError struct {
	Path   string
	Reason string
}

func (e *WriteError) Error() string { return e.Path + ": " + e.Reason }

// Apply writes one change of the plan. The write is atomic (a temporary file in the same directory, renamed over
// the original), keeps the file's mode and, when it can, its owner, and goes to the file a symbolic link points to
// rather than replacing the link. It refuses, with a *WriteError and nothing written, a path that resolves
// outside the root, a file whose bytes differ from those the plan was computed from, a read-only file, and a
// file to create that exists by now.
func (p *Plan) Apply(c *Change) error {
	target := filepath.Join(p.Root, filepath.FromSlash(c.Path))
	refuse := func(format string, args ...any) error {
		return &WriteError{Path: c.Path, Reason: fmt.Sprintf(format, args...)}
	}
	if !walk.Within(p.Root, target) {
		return refuse("resolves to a place outside %s; isolate never writes there", p.Root)
	}
	if c.Created {
		return create(p.Root, target, c, p.command(), refuse)
	}
	resolved, err := filepath.EvalSymlinks(target)
	if err != nil {
		return refuse("cannot find the file any more: %v", plainError(err))
	}
	info, err := os.Stat(resolved)
	if err != nil {
		return refuse("cannot read the file any more: %v", plainError(err))
	}
	if info.Mode().Perm()&0o222 == 0 {
		// Root could write it anyway; a file someone made read-only is not isolate's to change.
		return refuse("is read-only (mode %04o); not written. Make it writable (chmod u+w) and run %s again",
			info.Mode().Perm(), p.command())
	}
	current, err := os.ReadFile(resolved)
	if err != nil {
		return refuse("cannot read the file any more: %v", plainError(err))
	}
	// Comparing the bytes themselves is a hash comparison that cannot collide; the plan holds them anyway.
	if !bytes.Equal(current, c.Old) {
		return refuse("changed since the plan was computed; not overwritten. Run %s again for a fresh plan", p.command())
	}
	return replace(resolved, c.New, info, refuse)
}

// replace writes data to a temporary file beside path and renames it over path.
func replace(path string, data []byte, info fs.FileInfo, refuse func(string, ...any) error) error {
	tmp, err := writeTemp(filepath.Dir(path), filepath.Base(path), data, info.Mode().Perm())
	if err != nil {
		return refuse("cannot write: %v", plainError(err))
	}
	keepOwner(tmp, info)
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return refuse("cannot write: %v", linkError(err))
	}
	return nil
}

// create writes a new file. The temporary file is hard-linked into place, which fails if the name is taken, so a
// file that appeared meanwhile is never overwritten.
func create(root, target string, c *Change, command string, refuse func(string, ...any) error) error {
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return refuse("cannot create its directory: %v", plainError(err))
	}
	if !walk.Within(root, target) {
		// MkdirAll went through a link that the first check could not see yet.
		return refuse("resolves to a place outside the project; isolate never writes there")
	}
	tmp, err := writeTemp(dir, filepath.Base(target), c.New, createdMode)
	if err != nil {
		return refuse("cannot write: %v", plainError(err))
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, target); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return refuse("exists by now, but the plan creates it; not overwritten. Run %s again", command)
		}
		// Some file systems have no hard links; fall back to a rename after checking the name is free.
		if _, statErr := os.Lstat(target); statErr == nil {
			return refuse("exists by now, but the plan creates it; not overwritten. Run %s again", command)
		}
		if err := os.Rename(tmp, target); err != nil {
			return refuse("cannot write: %v", linkError(err))
		}
	}
	return nil
}

func writeTemp(dir, base string, data []byte, perm fs.FileMode) (string, error) {
	f, err := os.CreateTemp(dir, "."+base+".isolate-*")
	if err != nil {
		return "", err
	}
	name := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = f.Sync()
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

func linkError(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
