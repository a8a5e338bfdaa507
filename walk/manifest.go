package walk

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Size caps for the manifests and configuration files isolate reads beside the sources. A lockfile of a large app
// runs to tens of megabytes; a package.json, tsconfig.json or .gitignore to kilobytes.
const (
	MaxManifestSize = 8 << 20
	MaxLockfileSize = 128 << 20
)

// ManifestError says why a manifest or configuration file was not read: it is a link out of the tree, not a
// regular file (a device or a FIFO, which would never end or never answer), or over its size cap.
type ManifestError struct {
	Path, Reason string
}

func (e *ManifestError) Error() string { return e.Path + ": " + e.Reason }

// ReadManifest reads a package.json, tsconfig.json, .gitignore, .isolaterc.json or lockfile at path, through the
// same gate as sources: a symbolic link must stay inside root, the file must be regular (it is opened without
// blocking, so a FIFO cannot hang isolate, and its mode checked before anything is read), and at most limit bytes
// are read. A missing file is an error that matches fs.ErrNotExist; the other refusals are *ManifestError.
func ReadManifest(root, path string, limit int64) ([]byte, error) {
	rel, err := filepath.Rel(root, path)
	if err != nil {
		rel = path
	}
	rel = filepath.ToSlash(rel)
	if _, err := os.Lstat(path); err != nil {
		return nil, err
	}
	// Any link on the way (the file, or a directory above it) must stay inside the tree.
	resolved, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, err
	}
	if realRoot, err := filepath.EvalSymlinks(root); err == nil {
		root = realRoot
	}
	if ok, _ := within(root, resolved); !ok {
		return nil, &ManifestError{Path: rel, Reason: fmt.Sprintf("symbolic link to %s, outside the project; not read", resolved)}
	}
	path = resolved
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &ManifestError{Path: rel, Reason: fmt.Sprintf("not a regular file (%s); not read", kindOf(st.Mode()))}
	}
	if st.Size() > limit {
		return nil, &ManifestError{Path: rel, Reason: fmt.Sprintf("larger than %d MB (%d bytes); not read", limit>>20, st.Size())}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &ManifestError{Path: rel, Reason: fmt.Sprintf("larger than %d MB; not read", limit>>20)}
	}
	return data, nil
}

// IsManifestRefusal reports whether err is a refusal of the gate (as opposed to a missing file).
func IsManifestRefusal(err error) bool {
	var me *ManifestError
	return errors.As(err, &me)
}
