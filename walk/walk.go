// Package walk lists the files of a project that isolate may read: JavaScript and TypeScript sources, HTML pages
// and templates, Vue and Svelte components, package.json files and lockfiles. It respects .gitignore files as git
// does (nested ones, negations, the ones above the root up to the repository's top, and .git/info/exclude; a file
// git tracks is listed whatever they say, as git reads it too), skips
// dependencies, build output and minified files, and never follows a symbolic link out of the root. What it cannot
// list (a dangling link, a link out of the root, an unreadable directory) becomes a Problem with the path and a
// plain message; nothing of that stops a walk.
package walk

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/isolate-dev/isolate/syntax"
)

// File is one file isolate may read.
type File struct {
	// Path is slash-separated and relative to the root.
	Path string
	Size int64
	// Mode is the file's mode; for a symbolic link, the mode of the file it points to.
	Mode fs.FileMode
	// Link is set when Path is a symbolic link: the slash path, relative to the root, of the file it resolves to
	// (always inside the root). Readers that also list the target read the file once.
	Link string
}

// Problem is something isolate could not read or understand, with where and why.
type Problem struct {
	// Path is slash-separated and relative to the root ("." for the root itself).
	Path string
	// Pos is the position in the file the problem is about; zero when it is about the whole file.
	Pos     syntax.Position
	Message string
}

func (p Problem) String() string {
	if p.Pos.Line > 0 {
		return fmt.Sprintf("%s:%s: %s", p.Path, p.Pos, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.Path, p.Message)
}

// Result is what a walk found.
type Result struct {
	// Root is the absolute directory walked, with symbolic links resolved.
	Root string
	// Prefix is Root's slash path from the top of the git repository it is in, ending in "/" ("" when Root is
	// the top or not in a repository). Patches for git apply name files from the top.
	Prefix   string
	Files    []File
	Problems []Problem
}

// Walk lists the files under root that isolate may read, sorted by path. It fails only when root itself cannot be
// read as a directory; everything below it that cannot be read is a Problem.
func Walk(root string) (*Result, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	resolved, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", root, unwrapPathError(err))
	}
	st, err := os.Stat(resolved)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", root, unwrapPathError(err))
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", root)
	}
	w := &walker{root: resolved, slots: make(chan struct{}, max(4, 2*runtime.GOMAXPROCS(0)))}
	top, prefix, patterns := ancestorPatterns(resolved)
	if top != "" {
		w.tracked = newTracked(top)
	}
	w.wg.Add(1)
	go w.dir("", prefix, patterns)
	w.wg.Wait()
	if w.tracked != nil && w.tracked.err != nil {
		w.problem(".", "cannot read git's index (%v): files .gitignore lists are left out even where git tracks them", w.tracked.err)
	}

	sort.Slice(w.files, func(i, j int) bool { return w.files[i].Path < w.files[j].Path })
	sort.SliceStable(w.problems, func(i, j int) bool { return w.problems[i].Path < w.problems[j].Path })
	res := &Result{Root: resolved, Files: w.files, Problems: w.problems}
	if len(prefix) > 0 {
		res.Prefix = strings.Join(prefix, "/") + "/"
	}
	return res, nil
}

type walker struct {
	root string
	// tracked is what git tracks, when the root is in a repository: ignore rules apply only to other files.
	tracked *tracked
	// slots bounds the directories read at once: reading is mostly waiting on the kernel, so a few more than the
	// cores keeps both busy.
	slots chan struct{}
	wg    sync.WaitGroup

	mu       sync.Mutex
	files    []File
	problems []Problem
}

func (w *walker) problem(p string, format string, args ...any) {
	w.mu.Lock()
	w.problems = append(w.problems, Problem{Path: p, Message: fmt.Sprintf(format, args...)})
	w.mu.Unlock()
}

// dir lists one directory. rel is its slash path from the root ("" for the root), parts its path components as
// gitignore matching sees them (from the repository's top), and patterns the ignore patterns in force above it.
func (w *walker) dir(rel string, parts []string, patterns []ignorePattern) {
	defer w.wg.Done()
	w.slots <- struct{}{}
	defer func() { <-w.slots }()

	abs := filepath.Join(w.root, filepath.FromSlash(rel))
	entries, err := os.ReadDir(abs)
	if err != nil && len(entries) == 0 {
		w.problem(orDot(rel), "cannot read directory: %v; its files are not checked", unwrapPathError(err))
		return
	}
	patterns = append(patterns[:len(patterns):len(patterns)], readIgnoreFile(w.root, filepath.Join(abs, ".gitignore"), parts, func(err error) {
		w.problem(path.Join(rel, ".gitignore"), "%s; its patterns are not applied", err.(*ManifestError).Reason)
	})...)
	m := ignoreMatcher(patterns)
	ignored := func(name string, isDir bool) bool {
		if len(patterns) == 0 {
			return false
		}
		p := append(parts[:len(parts):len(parts)], name)
		return m.Match(p, isDir) && !w.tracked.has(p, isDir)
	}

	var files []File
	for _, e := range entries {
		name := e.Name()
		p := path.Join(rel, name)
		switch t := e.Type(); {
		case t.IsDir():
			if SkippedDir(name) || ignored(name, true) {
				continue
			}
			w.wg.Add(1)
			go w.dir(p, append(parts[:len(parts):len(parts)], name), patterns)
		case t&fs.ModeSymlink != 0:
			if SkippedDir(name) || ignored(name, false) {
				continue
			}
			if f, ok := w.symlink(p, name); ok {
				files = append(files, f)
			}
		case t.IsRegular():
			if !Wanted(name) || ignored(name, false) {
				continue
			}
			info, err := e.Info()
			if err != nil {
				w.problem(p, "cannot read file information: %v", unwrapPathError(err))
				continue
			}
			files = append(files, File{Path: p, Size: info.Size(), Mode: info.Mode()})
		default:
			if Wanted(name) && !ignored(name, false) {
				w.problem(p, "not a regular file (%s); skipped", kindOf(t))
			}
		}
	}
	if err != nil {
		w.problem(orDot(rel), "directory only partly read: %v", unwrapPathError(err))
	}
	w.mu.Lock()
	w.files = append(w.files, files...)
	w.mu.Unlock()
}

// symlink decides what a symbolic link inside the root stands for. A link to a file inside the root is listed
// (isolate reads and writes the file it points to); a link to a directory is not followed (a directory inside the
// root is walked where it lives, and following links invites cycles). A dangling link and a link out of the root
// are reported when they would have been read.
func (w *walker) symlink(p, name string) (File, bool) {
	abs := filepath.Join(w.root, filepath.FromSlash(p))
	target, _ := os.Readlink(abs)
	resolved, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if Wanted(name) || path.Ext(name) == "" {
			if os.IsNotExist(err) {
				w.problem(p, "dangling symbolic link to %s (the target does not exist); skipped", target)
			} else {
				w.problem(p, "symbolic link to %s cannot be resolved: %v; skipped", target, unwrapPathError(err))
			}
		}
		return File{}, false
	}
	info, err := os.Stat(resolved)
	if err != nil {
		w.problem(p, "cannot read the target of symbolic link %s: %v", target, unwrapPathError(err))
		return File{}, false
	}
	inside, relTarget := within(w.root, resolved)
	switch {
	case info.IsDir():
		if !inside {
			w.problem(p, "symbolic link to a directory outside the project (%s); not followed", resolved)
		}
		return File{}, false
	case !Wanted(name):
		return File{}, false
	case !inside:
		w.problem(p, "symbolic link to a file outside the project (%s); not read, and never written", resolved)
		return File{}, false
	case !info.Mode().IsRegular():
		w.problem(p, "symbolic link to %s, which is not a regular file (%s); skipped", relTarget, kindOf(info.Mode().Type()))
		return File{}, false
	}
	return File{Path: p, Size: info.Size(), Mode: info.Mode(), Link: relTarget}, true
}

// within reports whether target lies in root (both absolute and resolved) and returns its slash path from root.
func within(root, target string) (bool, string) {
	rel, err := filepath.Rel(root, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return false, ""
	}
	return true, filepath.ToSlash(rel)
}

// Within reports whether the path target, once its symbolic links are resolved, lies inside root (which must be
// resolved already). A target that does not exist yet is judged by its nearest existing parent.
func Within(root, target string) bool {
	probe := target
	var rest []string
	for {
		resolved, err := filepath.EvalSymlinks(probe)
		if err == nil {
			ok, _ := within(root, filepath.Join(append([]string{resolved}, rest...)...))
			return ok
		}
		if !os.IsNotExist(err) {
			return false
		}
		parent := filepath.Dir(probe)
		if parent == probe {
			return false
		}
		rest = append([]string{filepath.Base(probe)}, rest...)
		probe = parent
	}
}

func orDot(rel string) string {
	if rel == "" {
		return "."
	}
	return rel
}

func kindOf(t fs.FileMode) string {
	switch {
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case t&fs.ModeSocket != 0:
		return "a socket"
	case t&fs.ModeDevice != 0:
		return "a device"
	}
	return "special file"
}

// unwrapPathError drops the path an *fs.PathError repeats, since every problem already names its path.
func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	if le, ok := err.(*os.LinkError); ok {
		return le.Err
	}
	return err
}
