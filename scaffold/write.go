package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Existing lists the entries of dir that make it "not empty" for a new app: everything but a .git directory (a
// freshly cloned, empty repository is a fine place for a new app). A missing dir has no entries.
func Existing(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Name() != ".git" {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// Overwrites returns the paths of files that already exist in dir and would be replaced, sorted. It fails when a
// file cannot be written at all: a directory stands where a file goes, a file stands where a directory goes, or
// the path passes through a symbolic link, which could point outside dir.
func Overwrites(dir string, files []File) ([]string, error) {
	var out []string
	for _, f := range files {
		exists, err := checkPath(dir, f.Path)
		if err != nil {
			return nil, err
		}
		if exists {
			out = append(out, f.Path)
		}
	}
	slices.Sort(out)
	return out, nil
}

// checkPath reports whether rel exists under dir as a regular file, and fails if writing it would replace a
// directory or follow a symbolic link.
func checkPath(dir, rel string) (exists bool, err error) {
	parts := strings.Split(rel, "/")
	cur := dir
	for i, p := range parts {
		cur = filepath.Join(cur, p)
		info, err := os.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		last := i == len(parts)-1
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			return false, fmt.Errorf("%s is a symbolic link; isolate will not write through it", filepath.Join(parts[:i+1]...))
		case !last && !info.IsDir():
			return false, fmt.Errorf("%s is a file, but %s needs it to be a directory", filepath.Join(parts[:i+1]...), rel)
		case last && !info.Mode().IsRegular():
			return false, fmt.Errorf("%s exists and is not a regular file", rel)
		}
	}
	return true, nil
}

// Write writes files under dir, creating directories as needed. Each file is written to a temporary file beside
// it and renamed into place, so a failure (disk full, permission denied, interrupt) leaves either the old file or
// the complete new one, never a half-written one. It writes nothing through a symbolic link and deletes nothing.
func Write(dir string, files []File) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if _, err := checkPath(dir, f.Path); err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := writeAtomic(target, f.Data, f.Mode); err != nil {
			return fmt.Errorf("writing %s: %w", f.Path, err)
		}
	}
	return nil
}

func writeAtomic(target string, data []byte, mode fs.FileMode) (err error) {
	if mode == 0 {
		mode = 0o644
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".isolate-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), target)
}
