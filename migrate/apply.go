package migrate

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/walk"
)

// WriteError is a change that could not be written. Group, when set, names the group it belongs to; every file of
// that group is as it was.
type WriteError struct {
	Path   string
	Reason string
	Group  string
}

func (e *WriteError) Error() string { return e.Path + ": " + e.Reason }

// ErrInterrupted is the reason of a group that a signal stopped: its files were put back.
var ErrInterrupted = errors.New("interrupted")

// tempPattern names isolate's temporary files: short, so that a temporary file beside a target whose own name
// is as long as the file system allows still fits (NAME_MAX is 255 bytes on most), and recognizable, so that a
// run can remove what a crash left behind (CleanTemps).
const tempPattern = ".isolate-*.tmp"

// Apply writes one change of the plan, as a group of its own (see WriteGroup).
func (p *Plan) Apply(c *Change) error {
	return p.WriteGroup(&Group{Name: c.Path, Changes: []*Change{c}}, nil)
}

// Faults lets tests make one step of a group's write fail: it is called with the step ("stage", "commit" or
// "committed") and the change's path, and an error it returns is that step's failure. Nil in real runs.
var Faults func(step, path string) error

func fault(step, path string) error {
	if Faults == nil {
		return nil
	}
	return Faults(step, path)
}

// staged is one change of a group being written.
type staged struct {
	c *Change
	// resolved is the file written: the target with symbolic links followed.
	resolved string
	info     fs.FileInfo
	// next holds the new content, backup the old (for an existing file), both beside resolved.
	next, backup string
	committed    bool
}

// WriteGroup writes every change of g or none. It first checks every file (inside the root, writable, bytes
// unchanged since the plan, for a new file: not there yet) and stages both its new content and, for an existing
// file, a copy of its old bytes in temporary files beside it; only then does it rename the new contents into
// place, one by one. A file that fails then, or interrupted returning true (a signal), puts the group's written
// files back by renaming their copies over them, so the group is left entirely as it was. Each rename is atomic,
// keeps the file's mode and, when it can, its owner, and goes to the file a symbolic link points to rather than
// replacing the link. The error is a *WriteError naming the file and the group.
func (p *Plan) WriteGroup(g *Group, interrupted func() bool) (err error) {
	if g.Held != "" {
		return &WriteError{Path: g.Changes[0].Path, Group: g.Name, Reason: "held back: " + g.Held}
	}
	var files []*staged
	var madeDirs []string
	defer func() {
		for _, s := range files {
			if s.next != "" {
				os.Remove(s.next)
			}
			if s.backup != "" {
				os.Remove(s.backup)
			}
		}
		if err != nil {
			for i := len(madeDirs) - 1; i >= 0; i-- {
				os.Remove(madeDirs[i]) // only when still empty
			}
			if we, ok := err.(*WriteError); ok {
				we.Group = g.Name
			}
		}
	}()
	refuse := func(c *Change, format string, args ...any) error {
		return &WriteError{Path: c.Path, Reason: fmt.Sprintf(format, args...)}
	}
	// Check every file before writing any.
	for _, c := range g.Changes {
		s, err := p.check(c, refuse, &madeDirs)
		if err != nil {
			return err
		}
		files = append(files, s)
	}
	for _, s := range files {
		if err := s.stage(p.command(), refuse); err != nil {
			return err
		}
	}
	// Every file of the group is staged: put them in place.
	rollback := func(cause error) error {
		var lost []string
		for i := len(files) - 1; i >= 0; i-- {
			s := files[i]
			if !s.committed {
				continue
			}
			if s.c.Created {
				if err := os.Remove(s.resolved); err != nil && !errors.Is(err, fs.ErrNotExist) {
					lost = append(lost, s.c.Path)
				}
			} else if err := os.Rename(s.backup, s.resolved); err != nil {
				lost = append(lost, s.c.Path)
			} else {
				s.backup = ""
			}
		}
		if len(lost) > 0 {
			if we, ok := cause.(*WriteError); ok {
				we.Reason += fmt.Sprintf("; could not put back %v, which hold the new content: check them", lost)
			}
		}
		return cause
	}
	for _, s := range files {
		if interrupted != nil && interrupted() {
			return rollback(refuse(s.c, "%v before it was written; the group's files are as they were", ErrInterrupted))
		}
		if err := s.commit(p.command(), refuse); err != nil {
			return rollback(err)
		}
		if err := fault("committed", s.c.Path); err != nil {
			return rollback(refuse(s.c, "%v", err))
		}
	}
	return nil
}

// check resolves and checks one change before anything of its group is written.
func (p *Plan) check(c *Change, refuse func(*Change, string, ...any) error, madeDirs *[]string) (*staged, error) {
	target := filepath.Join(p.Root, filepath.FromSlash(c.Path))
	if !walk.Within(p.Root, target) {
		return nil, refuse(c, "resolves to a place outside %s; isolate never writes there", p.Root)
	}
	s := &staged{c: c}
	if c.Created {
		dir := filepath.Dir(target)
		if err := mkdirAll(dir, madeDirs); err != nil {
			return nil, refuse(c, "cannot create its directory: %v", plainError(err))
		}
		if !walk.Within(p.Root, target) {
			// MkdirAll went through a link that the first check could not see yet.
			return nil, refuse(c, "resolves to a place outside the project; isolate never writes there")
		}
		if _, err := os.Lstat(target); err == nil {
			return nil, refuse(c, "exists by now, but the plan creates it; not overwritten. Run %s again", p.command())
		}
		s.resolved = target
		return s, nil
	}
	resolved, err := filepath.EvalSymlinks(target)
	if err != nil {
		return nil, refuse(c, "cannot find the file any more: %v", plainError(err))
	}
	info, err := os.Stat(resolved)
	if err != nil {
		return nil, refuse(c, "cannot read the file any more: %v", plainError(err))
	}
	if !info.Mode().IsRegular() {
		return nil, refuse(c, "is not a regular file any more; not written")
	}
	if info.Mode().Perm()&0o222 == 0 || !writable(resolved) {
		// Root could write a read-only file anyway; a file someone made read-only is not isolate's to change.
		return nil, refuse(c, "is read-only (mode %04o); not written. Make it writable (chmod u+w) and run %s again",
			info.Mode().Perm(), p.command())
	}
	if err := unchanged(resolved, c.Old); err != nil {
		return nil, refuse(c, "%v. Run %s again for a fresh plan", err, p.command())
	}
	s.resolved, s.info = resolved, info
	return s, nil
}

// stage writes the temporary files of one change: its new content and a copy of its old bytes.
func (s *staged) stage(command string, refuse func(*Change, string, ...any) error) error {
	if err := fault("stage", s.c.Path); err != nil {
		return refuse(s.c, "cannot write: %v", err)
	}
	dir := filepath.Dir(s.resolved)
	perm := createdMode
	if s.info != nil {
		perm = s.info.Mode().Perm()
	}
	var err error
	if s.next, err = writeTemp(dir, s.c.New, perm, s.info); err != nil {
		return refuse(s.c, "cannot write: %v", plainError(err))
	}
	if !s.c.Created {
		if s.backup, err = writeTemp(dir, s.c.Old, perm, s.info); err != nil {
			return refuse(s.c, "cannot write: %v", plainError(err))
		}
	}
	return nil
}

// commit puts one staged change in place, after checking once more that the file is as the plan saw it.
func (s *staged) commit(command string, refuse func(*Change, string, ...any) error) error {
	if err := fault("commit", s.c.Path); err != nil {
		return refuse(s.c, "%v", err)
	}
	if s.c.Created {
		// A hard link fails if the name is taken, so a file that appeared meanwhile is never overwritten.
		if err := os.Link(s.next, s.resolved); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return refuse(s.c, "exists by now, but the plan creates it; not overwritten. Run %s again", command)
			}
			// Some file systems have no hard links; fall back to a rename after checking the name is free.
			if _, statErr := os.Lstat(s.resolved); statErr == nil {
				return refuse(s.c, "exists by now, but the plan creates it; not overwritten. Run %s again", command)
			}
			if err := os.Rename(s.next, s.resolved); err != nil {
				return refuse(s.c, "cannot write: %v", linkError(err))
			}
			s.next = ""
		}
		s.committed = true
		return nil
	}
	if err := unchanged(s.resolved, s.c.Old); err != nil {
		return refuse(s.c, "%v. Run %s again for a fresh plan", err, command)
	}
	if err := os.Rename(s.next, s.resolved); err != nil {
		return refuse(s.c, "cannot write: %v", linkError(err))
	}
	s.next = ""
	s.committed = true
	return nil
}

// unchanged compares the file's bytes with those the plan was computed from; comparing the bytes themselves is a
// hash comparison that cannot collide, and the plan holds them anyway.
func unchanged(path string, old []byte) error {
	current, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("cannot read the file any more: %v", plainError(err))
	}
	if !bytes.Equal(current, old) {
		return errors.New("changed since the plan was computed; not overwritten")
	}
	return nil
}

func mkdirAll(dir string, made *[]string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append(missing, d)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := len(missing) - 1; i >= 0; i-- {
		*made = append(*made, missing[i])
	}
	return nil
}

func writeTemp(dir string, data []byte, perm fs.FileMode, owner fs.FileInfo) (string, error) {
	f, err := os.CreateTemp(dir, tempPattern)
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
	if owner != nil {
		keepOwner(name, owner)
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

// CleanTemps removes the temporary files an interrupted or crashed run of isolate left in root (named like
// .isolate-123.tmp, or .main.js.isolate-123 by older versions), and returns their paths from root. It skips .git
// and node_modules, where isolate never writes.
func CleanTemps(root string) []string {
	var removed []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if path != root && (d.Name() == ".git" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && IsTempName(d.Name()) {
			if os.Remove(path) == nil {
				rel, _ := filepath.Rel(root, path)
				removed = append(removed, filepath.ToSlash(rel))
			}
		}
		return nil
	})
	sort.Strings(removed)
	return removed
}

// IsTempName reports whether a file name is one isolate gives its temporary files.
func IsTempName(name string) bool {
	if m, _ := filepath.Match(tempPattern, name); m && allDigits(name[len(".isolate-"):len(name)-len(".tmp")]) {
		return true
	}
	// Older versions: ".<name>.isolate-<digits>".
	if len(name) > 1 && name[0] == '.' {
		if i := strings.LastIndex(name, ".isolate-"); i > 0 && allDigits(name[i+len(".isolate-"):]) {
			return true
		}
	}
	return false
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
