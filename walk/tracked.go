package walk

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// tracked is what git tracks in the repository a walk is in, read from its index: git reads a tracked file
// whatever .gitignore says (ignore rules only keep untracked files out), so isolate must too. Otherwise a
// committed file listed in .gitignore would be silently left out of the audit. The index is one file and is read
// only when an ignore rule first matches something; the object store is never opened.
type tracked struct {
	gitDir string // where the index is; "" outside a repository

	once  sync.Once
	files map[string]bool // slash paths from the repository's top
	dirs  map[string]bool // every directory that holds a tracked file, at any depth
	err   error
}

// newTracked finds the index of the repository whose top is top: .git is the git directory, or, in a linked
// worktree or a submodule, a file that names it ("gitdir: …").
func newTracked(top string) *tracked {
	dotGit := filepath.Join(top, ".git")
	info, err := os.Stat(dotGit)
	if err != nil {
		return &tracked{}
	}
	if info.IsDir() {
		return &tracked{gitDir: dotGit}
	}
	data, err := os.ReadFile(dotGit)
	if err != nil {
		return &tracked{err: err}
	}
	line, _, _ := strings.Cut(string(data), "\n")
	dir, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
	if !ok {
		return &tracked{}
	}
	dir = strings.TrimSpace(dir)
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(top, dir)
	}
	return &tracked{gitDir: dir}
}

func (t *tracked) load() {
	if t.gitDir == "" || t.err != nil {
		return
	}
	f, err := os.Open(filepath.Join(t.gitDir, "index"))
	if os.IsNotExist(err) {
		return // a repository with nothing staged yet tracks nothing
	}
	if err != nil {
		t.err = err
		return
	}
	defer f.Close()
	var idx index.Index
	if err := index.NewDecoder(bufio.NewReaderSize(f, 64<<10)).Decode(&idx); err != nil {
		t.err = err
		return
	}
	t.files = make(map[string]bool, len(idx.Entries))
	t.dirs = map[string]bool{}
	for _, e := range idx.Entries {
		// A sparse index keeps a directory outside the sparse checkout as one entry ending in "/".
		name := strings.TrimSuffix(e.Name, "/")
		if name != e.Name {
			t.dirs[name] = true
		} else {
			t.files[name] = true
		}
		for i := strings.LastIndexByte(name, '/'); i > 0; i = strings.LastIndexByte(name[:i], '/') {
			if t.dirs[name[:i]] {
				break
			}
			t.dirs[name[:i]] = true
		}
	}
}

// has reports whether git tracks the file (or, for a directory, some file below it) at parts, the path's
// components from the repository's top.
func (t *tracked) has(parts []string, isDir bool) bool {
	if t == nil || t.gitDir == "" {
		return false
	}
	t.once.Do(t.load)
	p := strings.Join(parts, "/")
	if isDir {
		return t.dirs[p]
	}
	return t.files[p]
}
