package migrate

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	gogit "github.com/go-git/go-git/v5"
)

// GitState is what git says about the project directory before anything is written.
type GitState struct {
	// InWorkTree is false for a directory that is not in a git work tree: its
	// changes cannot be reverted with git.
	InWorkTree bool
	// NoGit is true when git is not installed (the status is then read with go-git).
	NoGit bool
	// Dirty lists `git status --porcelain` lines for the directory: uncommitted changes, untracked files
	// included, since neither could be told apart from isolate's changes or reverted with git.
	Dirty []string
}

// Git asks git about dir. An error means git failed for another reason than dir not being in a repository (a
// repository owned by someone else, say); the caller should not write then.
func Git(dir string) (GitState, error) {
	bin, err := exec.LookPath("git")
	if err != nil {
		return statusWithoutGit(dir)
	}
	cmd := exec.Command(bin, "-C", dir, "status", "--porcelain", "--untracked-files=normal", "--", ".")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		var exit *exec.ExitError
		if errors.As(err, &exit) && strings.Contains(msg, "not a git repository") {
			return GitState{}, nil
		}
		if msg == "" {
			msg = err.Error()
		}
		return GitState{}, fmt.Errorf("git status failed in %s: %s", dir, msg)
	}
	st := GitState{InWorkTree: true}
	for _, line := range strings.Split(stdout.String(), "\n") {
		if strings.TrimSpace(line) != "" {
			st.Dirty = append(st.Dirty, line)
		}
	}
	return st, nil
}

// statusWithoutGit reads the work tree's status with go-git when the git binary is missing, so that isolate still
// never writes over uncommitted changes. What go-git cannot read is an error: the caller refuses to write.
func statusWithoutGit(dir string) (GitState, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return GitState{}, err
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	}
	repo, err := gogit.PlainOpenWithOptions(abs, &gogit.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if errors.Is(err, gogit.ErrRepositoryNotExists) {
		return GitState{NoGit: true}, nil
	}
	if err != nil {
		return GitState{}, fmt.Errorf("git is not installed, and go-git cannot read the repository of %s: %v", dir, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return GitState{}, fmt.Errorf("git is not installed, and go-git cannot read the work tree of %s: %v", dir, err)
	}
	status, err := wt.Status()
	if err != nil {
		return GitState{}, fmt.Errorf("git is not installed, and go-git cannot read the status of %s: %v", dir, err)
	}
	top := wt.Filesystem.Root()
	if resolved, err := filepath.EvalSymlinks(top); err == nil {
		top = resolved
	}
	prefix, err := filepath.Rel(top, abs)
	if err != nil {
		return GitState{}, err
	}
	prefix = filepath.ToSlash(prefix)
	st := GitState{InWorkTree: true, NoGit: true}
	paths := make([]string, 0, len(status))
	for path := range status {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		fs := status[path]
		if fs.Staging == gogit.Unmodified && fs.Worktree == gogit.Unmodified {
			continue
		}
		if prefix != "." && path != prefix && !strings.HasPrefix(path, prefix+"/") {
			continue
		}
		st.Dirty = append(st.Dirty, fmt.Sprintf("%c%c %s", fs.Staging, fs.Worktree, path))
	}
	return st, nil
}
