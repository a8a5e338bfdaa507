package migrate

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// GitState is what git says about the project directory before anything is written.
type GitState struct {
	// InWorkTree is false for a directory that is not in a git work tree (or when git is not installed): its
	// changes cannot be reverted with git.
	InWorkTree bool
	// NoGit is true when git is not installed.
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
		return GitState{NoGit: true}, nil
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
