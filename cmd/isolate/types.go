package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/migrate"
	"github.com/isolate-dev/isolate/ui"
)

func init() { commandConstructors = append(commandConstructors, newTypesCmd) }

type typesOptions struct {
	Dir   string
	Check bool
}

func newTypesCmd(e *env) *cobra.Command {
	opts := &typesOptions{}
	cmd := &cobra.Command{
		Use:   "types [dir]",
		Short: "Regenerate the Window typings from what the preloads expose",
		Long: `Bring the Window typings of an isolated app in line with its preloads.

isolate reads every contextBridge.exposeInMainWorld('key', { … }) of the app in dir (default: the current
directory) and writes the matching members of 'declare global { interface Window { key: … } }': one
member per IPC method (saveFile: (data: unknown) => void, onFileSaved: (callback: …) => () => void),
parameter and result types taken from the preload's annotations, unknown otherwise. Members the preload
gained are added, members it lost are removed, and other members keep their declared types. An app with
no declaration gets window.d.ts beside its preload when it is TypeScript or has a tsconfig.json or
jsconfig.json. Keys typed by a named type of their own (a scaffolded app's contract Api) are already in
step and left alone.

With --check nothing is written: the diff is printed and the exit code says whether the typings are up to
date, for CI. Writes are atomic and keep line endings, comments and file modes.

Exit codes:
  0  the typings are up to date, or were brought up to date
  1  with --check: the typings are out of date (the diff is on stdout); otherwise a write failed or isolate
     hit an internal error
  2  usage error`,
		Example: `  # after changing the preload
  isolate types

  # in CI: fail when the typings lag behind the preload
  isolate types --check`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			return runTypes(e, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Check, "check", false, "write nothing; print the diff and exit 1 when the typings are out of date")
	return cmd
}

func runTypes(e *env, opts *typesOptions) error {
	if info, err := os.Stat(opts.Dir); err != nil || !info.IsDir() {
		if err == nil || errors.Is(err, fs.ErrNotExist) {
			return usageErrorf("%s is not a directory", opts.Dir)
		}
		return err
	}
	s := e.streams
	out, errPal := s.Palette(false), s.Palette(true)
	plan, problems, err := migrate.Compute(opts.Dir, codemod.Rules(codemod.ForTypes), nil)
	if err != nil {
		return err
	}
	migrate.WriteProblems(s.Err, problems, errPal)
	migrate.WriteProblems(s.Err, plan.Skipped, errPal)
	for _, d := range plan.Diagnostics {
		if !d.Fixed {
			fmt.Fprintln(s.Err, migrate.DiagnosticLine(d, errPal))
		}
	}
	for _, pe := range plan.Errors {
		fmt.Fprintf(s.Err, "%s\n", errPal.Red("isolate: "+migrate.ProblemLine(pe)))
	}
	if len(plan.Errors) > 0 {
		return silentError{exitFailure}
	}
	if len(plan.Changes) == 0 {
		fmt.Fprintln(s.Err, "The Window typings are up to date with the preloads.")
		return nil
	}
	if opts.Check {
		for _, c := range plan.Changes {
			migrate.WriteDiff(s.Out, c, out)
		}
		fmt.Fprintf(s.Err, "isolate: the Window typings are out of date in %s; run isolate types to update them\n", plural(len(plan.Changes), "file"))
		return silentError{exitFailure}
	}
	failed := false
	for _, c := range plan.Changes {
		if err := plan.Apply(c); err != nil {
			fmt.Fprintf(s.Err, "%s\n", errPal.Red("isolate: "+ui.Escape(err.Error())))
			failed = true
			continue
		}
		verb := "updated"
		if c.Created {
			verb = "created"
		}
		fmt.Fprintf(s.Out, "%s %s\n", verb, ui.Quote(c.Path))
	}
	if failed {
		return silentError{exitFailure}
	}
	return nil
}
