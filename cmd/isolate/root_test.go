package main

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/isolate-dev/isolate/prompt"
	"github.com/isolate-dev/isolate/ui"
)

// runTest runs isolate in-process with scripted answers and returns the exit code and the two output streams.
func runTest(t *testing.T, p prompt.Prompter, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	s, out, errOut := ui.Test("")
	if p == nil {
		p = prompt.Defaults{}
	}
	code = runEnv(args, &env{streams: s, prompter: p})
	return code, out.String(), errOut.String()
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, errOut := runTest(t, nil, args...)
		if code != 0 || !strings.HasPrefix(out, "isolate ") || errOut != "" {
			t.Errorf("%v: code %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

func TestHelpListsCommands(t *testing.T) {
	code, out, _ := runTest(t, nil, "--help")
	if code != 0 {
		t.Fatalf("--help exited %d", code)
	}
	for _, want := range []string{"new", "version", "completion"} {
		if !strings.Contains(out, "\n  "+want) {
			t.Errorf("--help does not list %q:\n%s", want, out)
		}
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"--no-such-flag"}, {"version", "extra"}} {
		code, out, errOut := runTest(t, nil, args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
		if out != "" || !strings.HasPrefix(errOut, "isolate: ") {
			t.Errorf("%v: stdout %q, stderr %q; want the error on stderr only", args, out, errOut)
		}
	}
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		code, out, _ := runTest(t, nil, "completion", shell)
		if code != 0 || !strings.Contains(out, "isolate") {
			t.Errorf("completion %s: exit %d, %d bytes", shell, code, len(out))
		}
	}
}

func TestPanicBecomesInternalError(t *testing.T) {
	commandConstructors = append(commandConstructors, func(*env) *cobra.Command {
		return &cobra.Command{Use: "boom", RunE: func(*cobra.Command, []string) error { panic("kaboom") }}
	})
	defer func() { commandConstructors = commandConstructors[:len(commandConstructors)-1] }()
	code, _, errOut := runTest(t, nil, "boom")
	if code != exitFailure || !strings.Contains(errOut, "internal error: kaboom") || strings.Contains(errOut, "goroutine") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// The overview at the top of --help names every command a user runs, not only some of them.
func TestHelpOverviewNamesEveryCommand(t *testing.T) {
	s, _, _ := ui.Test("")
	root := newRootCmd(&env{streams: s, prompter: prompt.Defaults{}})
	for _, c := range root.Commands() {
		switch c.Name() {
		case "version", "completion", "help":
			continue
		}
		if !strings.Contains(root.Long, "\n  isolate "+c.Name()+" ") {
			t.Errorf("the --help overview does not name %q:\n%s", c.Name(), root.Long)
		}
	}
}
