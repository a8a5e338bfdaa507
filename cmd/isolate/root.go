package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/isolate-dev/isolate/prompt"
	"github.com/isolate-dev/isolate/ui"
)

// version is set at release time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Exit codes, the same for every command.
const (
	exitOK      = 0
	exitFailure = 1 // the command ran and failed, or found what it was asked to fail on
	exitUsage   = 2 // the command line was wrong
	// exitInterrupted is 128 + SIGINT: the user pressed Ctrl-C at a question.
	exitInterrupted = 130
)

// usageError marks an error in the command line; it exits with exitUsage.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// silentError exits with its code without printing anything more: the command has already said why.
type silentError struct{ code int }

func (e silentError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// env is what every command needs from the outside world; tests replace its parts.
type env struct {
	streams  *ui.Streams
	prompter prompt.Prompter
}

// run executes isolate with the given arguments and returns the process exit code. No panic escapes it: a bug
// becomes a one-line internal error and exit code 1, not a Go stack trace.
func run(args []string, streams *ui.Streams) int {
	return runEnv(args, &env{streams: streams, prompter: prompt.New(streams)})
}

func runEnv(args []string, e *env) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.streams.Err, "isolate: internal error: %s\n", ui.Escape(fmt.Sprint(r)))
			fmt.Fprintln(e.streams.Err, "This is a bug in isolate; please report it with the command you ran.")
			if debugEnabled() {
				fmt.Fprintf(e.streams.Err, "%s", debug.Stack())
			}
			code = exitFailure
		}
	}()
	root := newRootCmd(e)
	if len(args) > 0 && args[0] == "" {
		// Cobra shows the help and exits 0 for an empty command name.
		fmt.Fprintln(e.streams.Err, "isolate: the command is empty; run 'isolate --help' for the commands")
		return exitUsage
	}
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var silent silentError
	if errors.As(err, &silent) {
		return silent.code
	}
	if errors.Is(err, prompt.ErrInterrupted) {
		// 128 + SIGINT, what a shell reports for a command ended with Ctrl-C.
		fmt.Fprintln(e.streams.Err, "isolate: cancelled")
		return exitInterrupted
	}
	// Errors name paths from the command line and the tree: escaped, like everything isolate prints.
	fmt.Fprintf(e.streams.Err, "isolate: %s\n", errorText(err))
	if isUsage(err) {
		if cmd, _, findErr := root.Find(args); findErr == nil && cmd != nil {
			fmt.Fprintf(e.streams.Err, "Run '%s --help' for usage.\n", cmd.CommandPath())
		}
		return exitUsage
	}
	return exitFailure
}

// linesError is an error whose message spans lines on purpose (a list of files), each already escaped with
// ui.Escape; other errors are escaped whole, so that a newline in a path cannot forge a line.
type linesError struct{ error }

// errorText is an error's message as the terminal may show it.
func errorText(err error) string {
	var lines linesError
	if errors.As(err, &lines) {
		return err.Error()
	}
	return ui.Escape(err.Error())
}

// isUsage reports whether err is about the command line. Cobra returns plain errors for unknown commands and
// flags, so those are recognised by their text.
func isUsage(err error) bool {
	var u usageError
	if errors.As(err, &u) {
		return true
	}
	msg := err.Error()
	for _, prefix := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "invalid argument",
		"flag needs an argument", "required flag", "accepts ", "requires ", "if any flags in the group"} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}

// debugEnabled lets a developer see the stack of an internal error (ISOLATE_DEBUG=1); users never see it otherwise.
func debugEnabled() bool { return os.Getenv("ISOLATE_DEBUG") == "1" }

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "isolate <command>",
		Short: "Make Electron apps safe by construction",
		Long: `isolate makes Electron apps safe by construction.

  isolate new       scaffold an isolated, sandboxed, typed Electron app
  isolate migrate   move a legacy app to context isolation and contextBridge, showing diffs first
  isolate add       add one IPC message to an isolated app: contract, preload, checked handler, typings
  isolate check     audit an app against Electron's security checklist
  isolate types     regenerate the Window typings from what the preloads expose

Exit codes: 0 success, 1 failure (or findings, for check), 2 usage error, 130 cancelled at a question (Ctrl-C).`,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(e.streams.In)
	root.SetOut(e.streams.Out)
	root.SetErr(e.streams.Err)
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.CompletionOptions.HiddenDefaultCmd = false

	root.AddCommand(newVersionCmd(e))
	for _, add := range commandConstructors {
		root.AddCommand(add(e))
	}
	return root
}

// commandConstructors is filled by the init functions of the files that define the commands, so that each command
// stays in its own file.
var commandConstructors []func(*env) *cobra.Command

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of isolate",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(e.streams.Out, versionString())
			return err
		},
	}
}

func versionString() string {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = strings.TrimPrefix(info.Main.Version, "v")
	}
	return fmt.Sprintf("isolate %s (%s %s/%s)", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// noArgs and maxArgs are cobra argument validators whose errors are usage errors.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments, got %q", cmd.CommandPath(), args)
	}
	return nil
}

// maxArgs also refuses an empty argument: the commands' arguments are directories (and add's a name), and an
// empty one is a mistake in the command line (an unset shell variable), not a directory named "".
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return usageErrorf("%s takes at most %d argument(s), got %d: %q", cmd.CommandPath(), n, len(args), args)
		}
		for _, a := range args {
			if a == "" {
				return usageErrorf("%s: the directory argument is empty; give a directory, or leave it out for the current one", cmd.CommandPath())
			}
		}
		return nil
	}
}
