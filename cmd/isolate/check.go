package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/isolate-dev/isolate/check"
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/ui"
)

func init() { commandConstructors = append(commandConstructors, newCheckCmd) }

// checkFormats are the values of --format.
var checkFormats = []string{"text", "json", "sarif"}

type checkOptions struct {
	Dir       string
	Format    string
	FailOn    string
	ListRules bool
}

func newCheckCmd(e *env) *cobra.Command {
	opts := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check [dir]",
		Short: "Audit an Electron app against Electron's security checklist",
		Long: `Audit the Electron app in dir (default: the current directory) against Electron's security checklist.

isolate reads the app as migrate does (respecting .gitignore for files git does not track, skipping
node_modules, build output and minified files), knows what the app's Electron version defaults to, and reports each finding as
file:line:col severity rule message, with what to do about it. Findings cover isolation and Node
integration, the sandbox, remote, webviews and window.open, the contextBridge API the preload exposes
(generic IPC passthroughs, raw events, listeners that cannot be removed), the main process (IPC sender
validation, navigation and new-window limits, shell.openExternal, permissions, http and file:// loads,
the Electron version) and pages (Content Security Policy, http resources). 'isolate check --list-rules'
lists the rules.

Suppress one finding with a comment on its line or the line before, giving a reason:
  // isolate-ignore <rule-id>: <reason>          (<!-- isolate-ignore <rule-id>: <reason> --> in HTML)
A suppression without a reason, or naming an unknown rule, is itself a finding.

Configure a project in .isolaterc.json, or under an "isolate" key of package.json:
  {"ignore": ["test/**", "docs/"], "severity": {"file-protocol": "off", "sender-validation": "high"}}

Exit codes:
  0  no finding at or above --fail-on
  1  a finding at or above --fail-on (default medium), or the app could not be read
  2  usage error, or a configuration file that is not valid`,
		Example: `  # audit the app in the current directory
  isolate check

  # fail CI only on high findings, and upload the results to GitHub code scanning
  isolate check --fail-on high --format sarif > isolate.sarif

  # every finding as JSON, for tools
  isolate check --format json ./my-app`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			return runCheck(e, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "text", "output format: "+strings.Join(checkFormats, ", "))
	f.StringVar(&opts.FailOn, "fail-on", "medium", "exit 1 when a finding has this severity or a higher one: high, medium, low, info")
	f.BoolVar(&opts.ListRules, "list-rules", false, "list the rules with their severity and reference, and exit")
	return cmd
}

func runCheck(e *env, opts *checkOptions) error {
	if !containsString(checkFormats, opts.Format) {
		return usageErrorf("--format %q: want one of %s", opts.Format, strings.Join(checkFormats, ", "))
	}
	failOn, err := codemod.ParseSeverity(opts.FailOn)
	if err != nil {
		return usageErrorf("--fail-on %q: want one of high, medium, low, info", opts.FailOn)
	}
	rules := codemod.Rules(codemod.ForCheck)
	if opts.ListRules {
		return listRules(e, rules)
	}
	if info, err := os.Stat(opts.Dir); err != nil || !info.IsDir() {
		if err == nil || errors.Is(err, fs.ErrNotExist) {
			return usageErrorf("%s is not a directory", opts.Dir)
		}
		return err
	}
	root, err := filepath.Abs(opts.Dir)
	if err != nil {
		return err
	}
	cfg, err := check.LoadConfig(root)
	if err != nil {
		fmt.Fprintf(e.streams.Err, "isolate: %v\n", err)
		return silentError{exitUsage}
	}

	facts, problems, files, err := loadForCheck(root)
	if err != nil {
		return err
	}
	report := check.Build(codemod.Run(rules, facts), facts, rules, cfg)
	report.Problems, report.Files = problems, files

	s := e.streams
	switch opts.Format {
	case "json":
		err = report.WriteJSON(s.Out, failOn)
	case "sarif":
		err = report.WriteSARIF(s.Out, check.Tool{Name: "isolate", Version: version,
			InformationURI: "https://github.com/isolate-dev/isolate"}, root)
	default:
		errPal := s.Palette(true)
		for _, p := range problems {
			// A problem in a file that was parsed anyway (a syntax error, code isolate's parser does not follow)
			// leaves findings reported as far as the parser got: the file is partly checked. Any other problem
			// (unreadable, binary, too large, package.json not JSON) means nothing in the file was.
			where, verdict := ui.Quote(p.File), "not checked:"
			if p.Line > 0 {
				where = fmt.Sprintf("%s:%d:%d", ui.Quote(p.File), p.Line, p.Column)
			}
			if _, parsed := facts.Files[p.File]; parsed {
				verdict = "partly checked:"
			}
			fmt.Fprintf(s.Err, "isolate: %s %s %s\n", errPal.Bold(where), errPal.Yellow(verdict), ui.Escape(p.Message))
		}
		err = report.WriteText(s.Out, s.Palette(false), failOn)
	}
	if err != nil {
		return err
	}
	if report.Fails(failOn) {
		return silentError{exitFailure}
	}
	return nil
}

func listRules(e *env, rules []*codemod.Rule) error {
	tw := tabwriter.NewWriter(e.streams.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tFINDS\tREFERENCE")
	for _, r := range rules {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Doc, r.Ref)
	}
	return tw.Flush()
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
