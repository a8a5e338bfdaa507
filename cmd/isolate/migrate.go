package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/migrate"
	"github.com/isolate-dev/isolate/prompt"
	"github.com/isolate-dev/isolate/ui"
	"github.com/isolate-dev/isolate/walk"
)

func init() { commandConstructors = append(commandConstructors, newMigrateCmd) }

// migrateRules returns the rules migrate runs; tests replace it.
var migrateRules = func() []*codemod.Rule { return codemod.Rules(codemod.ForMigrate) }

type migrateOptions struct {
	Dir        string
	DryRun     bool
	DiffOnly   bool
	Yes        bool
	JSON       bool
	AllowDirty bool
}

func newMigrateCmd(e *env) *cobra.Command {
	opts := &migrateOptions{}
	cmd := &cobra.Command{
		Use:   "migrate [dir]",
		Short: "Move a legacy Electron app to context isolation, showing every change as a diff first",
		Long: `Move an Electron app written for contextIsolation: false to context isolation and contextBridge.

isolate reads the app in dir (default: the current directory), respecting .gitignore for files git does
not track and skipping node_modules, build output and minified files, and plans its changes: preloads that assign to window
expose their API with contextBridge.exposeInMainWorld, and windows get contextIsolation: true and
nodeIntegration: false. It prints the plan as a unified diff per file together with every finding it
cannot fix (file:line:col severity rule message), then asks about each group of changes that must land
together (a window, the preloads it loads, their page code): apply, skip, apply all, or quit. A group is
written whole or not at all: every file is checked before any is written, and a failed write, SIGINT or
SIGTERM puts the group's written files back. Nothing outside dir is ever written; every write is atomic
and keeps line endings, byte order marks, comments and file modes; a file that changed after the plan was
shown is not overwritten. Temporary files (.isolate-*.tmp) a crash left behind are removed on the next run.

In a git work tree with uncommitted changes isolate writes nothing unless --allow-dirty is given, so
that its changes can always be reviewed with 'git diff' and reverted with git. In a directory that is not
in git, keep a backup.

The patch names files from the top of the git repository dir is in, as 'git diff' does, so 'git apply'
takes it anywhere in the work tree; outside git, files are named from dir.

Without a terminal to ask on (in a script or CI), isolate prints the plan and writes nothing unless
--yes or --dry-run says what to do.

Exit codes:
  0  the plan was shown, and everything accepted was written (also: nothing to change)
  1  a group could not be written (or a signal stopped the run), git could not be asked or the tree is dirty, isolate hit an internal
     error (a rewrite it dropped because it did not parse), or the migration is not complete: findings
     marked high are left to resolve by hand (a window isolate left unchanged because it could not read its
     code, a preload value it could not rewrite, page code that still needs Node), and until they are the
     app may not work
  2  usage error, including a run without a terminal and without --yes or --dry-run that had changes`,
		Example: `  # review the changes file by file, on a terminal
  isolate migrate ./my-app

  # only show what would change
  isolate migrate --dry-run

  # save the changes as a patch, review it, apply it with git
  isolate migrate --dry-run --diff-only > isolate.patch && git apply isolate.patch

  # apply everything without asking (in CI, say)
  isolate migrate --yes

  # every change and finding as one JSON document, for tools
  isolate migrate --json`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			return runMigrate(e, opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.DryRun, "dry-run", false, "show the plan and write nothing")
	f.BoolVar(&opts.DiffOnly, "diff-only", false, "with --dry-run: print only the patch on stdout (findings go to stderr)")
	f.BoolVarP(&opts.Yes, "yes", "y", false, "apply every change without asking")
	f.BoolVar(&opts.JSON, "json", false, "print one JSON document with every change and finding (writes only with --yes)")
	f.BoolVar(&opts.AllowDirty, "allow-dirty", false, "write even when the git work tree has uncommitted changes")
	return cmd
}

func runMigrate(e *env, opts *migrateOptions) error {
	switch {
	case opts.DiffOnly && !opts.DryRun:
		return usageErrorf("--diff-only needs --dry-run")
	case opts.DryRun && opts.Yes:
		return usageErrorf("--dry-run and --yes contradict each other: --dry-run writes nothing")
	case opts.DiffOnly && opts.JSON:
		return usageErrorf("--diff-only and --json are two different outputs; pick one")
	}
	if info, err := os.Stat(opts.Dir); err != nil || !info.IsDir() {
		if err == nil || errors.Is(err, fs.ErrNotExist) {
			return usageErrorf("%s is not a directory", opts.Dir)
		}
		return err
	}

	s := e.streams
	var progress migrate.Progress
	stop := startProgress(s, &progress, !opts.JSON)
	plan, problems, err := migrate.Compute(opts.Dir, migrateRules(), &progress)
	stop()
	if err != nil {
		return err
	}
	m := &migration{env: e, opts: opts, plan: plan, problems: problems, out: s.Palette(false), err: s.Palette(true)}
	if opts.JSON {
		return m.json()
	}
	return m.text()
}

// migration is one run of isolate migrate after the plan is computed.
type migration struct {
	*env
	opts     *migrateOptions
	plan     *migrate.Plan
	problems []walk.Problem
	out, err ui.Palette
	applied  map[*migrate.Change]bool
	failed   []walk.Problem
	// notes are what isolate says beside the plan (no git to revert with); the JSON report carries them.
	notes []string
	// interrupted is true when a signal stopped the writing.
	interrupted bool
	// noGit is true when the changes cannot be reviewed with git (no git, or not a work tree).
	noGit bool
}

func (m *migration) text() error {
	s, p := m.streams, m.plan
	m.writeProblems()
	unattended := isUnattended(m.prompter)
	switch {
	case m.opts.DiffOnly:
		for _, c := range p.Changes {
			migrate.WriteDiff(s.Out, c, m.out)
		}
		migrate.WriteDiagnostics(s.Err, p.Diagnostics, m.err)
		fmt.Fprintln(s.Err, m.err.Bold(p.Summary()))
		return m.exit()
	case m.opts.DryRun || len(p.Changes) == 0:
		migrate.WriteText(s.Out, p, m.out)
		return m.exit()
	case m.opts.Yes:
		migrate.WriteText(s.Out, p, m.out)
		if err := m.checkGit(); err != nil {
			return err
		}
		m.write(m.groups())
		return m.exit()
	case unattended:
		migrate.WriteText(s.Out, p, m.out)
		return usageErrorf("not writing: there is no terminal to ask on. Pass --yes to apply the %s above, or --dry-run to only show them",
			plural(len(p.Changes), "change"))
	}
	return m.review()
}

// review shows the findings, then each group of changes in turn (all its diffs together), and asks what to do
// with it: a window and its preload are accepted or skipped together, never one without the other.
func (m *migration) review() error {
	s, p := m.streams, m.plan
	migrate.WriteDiagnostics(s.Out, p.Diagnostics, m.out)
	fmt.Fprintln(s.Out, m.out.Bold(p.Summary()))
	if err := m.checkGit(); err != nil {
		return err
	}
	options := []string{"apply", "skip", "apply this and all remaining", "quit (write what was accepted, skip the rest)"}
	groups := m.groups()
	var accepted []*migrate.Group
	all := false
	for i, g := range groups {
		if all {
			accepted = append(accepted, g)
			continue
		}
		fmt.Fprintln(s.Out)
		for _, c := range g.Changes {
			migrate.WriteDiff(s.Out, c, m.out)
		}
		question := fmt.Sprintf("Change %d of %d: %s?", i+1, len(groups), ui.Escape(g.Name))
		if len(g.Changes) > 1 {
			question = fmt.Sprintf("Change %d of %d: %s, %d files that must change together?", i+1, len(groups), ui.Escape(g.Name), len(g.Changes))
		}
		answer, err := m.prompter.Select(question, options, 0)
		if err != nil {
			return err
		}
		switch answer {
		case 0:
			accepted = append(accepted, g)
		case 2:
			accepted = append(accepted, g)
			all = true
		case 3:
			for _, rest := range groups[i:] {
				m.unfix(rest)
			}
			m.write(accepted)
			return m.exit()
		default:
			m.unfix(g)
		}
	}
	m.write(accepted)
	return m.exit()
}

// groups are the plan's groups of changes; a plan made without them (by another command) has one per change.
func (m *migration) groups() []*migrate.Group {
	if len(m.plan.Groups) > 0 || len(m.plan.Changes) == 0 {
		return m.plan.Groups
	}
	var out []*migrate.Group
	for _, c := range m.plan.Changes {
		out = append(out, &migrate.Group{Name: c.Path, Changes: []*migrate.Change{c}})
	}
	return out
}

func (m *migration) unfix(g *migrate.Group) {
	for _, c := range g.Changes {
		m.plan.Unfix(c)
	}
}

// interruptSignals are the signals that stop a run between two files: the group being written is put back.
var interruptSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// interruptReceived is set when SIGINT or SIGTERM arrives while groups are written.
var interruptReceived atomic.Bool

// write writes the groups, each whole or not at all, and going on with the others after one fails. SIGINT and
// SIGTERM stop it: the group being written is put back and the rest is not started. The summary names every
// group written and every group not written, with why.
func (m *migration) write(groups []*migrate.Group) {
	s := m.streams
	m.applied = map[*migrate.Change]bool{}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, interruptSignals...)
	stopped := &interruptReceived
	stopped.Store(false)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-signals:
				stopped.Store(true)
			case <-done:
				return
			}
		}
	}()
	defer func() { signal.Stop(signals); close(done) }()
	interrupted := stopped.Load
	var written, failed, notStarted []*migrate.Group
	for i, g := range groups {
		if interrupted() {
			notStarted = groups[i:]
			break
		}
		if err := m.plan.WriteGroup(g, interrupted); err != nil {
			m.unfix(g)
			failed = append(failed, g)
			path, reason := g.Changes[0].Path, err.Error()
			var we *migrate.WriteError
			if errors.As(err, &we) {
				path, reason = we.Path, we.Reason
			}
			m.failed = append(m.failed, walk.Problem{Path: path, Message: reason})
			if !m.opts.JSON {
				what := fmt.Sprintf("not written: %s: %s", path, reason)
				if g.Name != path {
					what = fmt.Sprintf("not written: %s: %s: %s", g.Name, path, reason)
				}
				fmt.Fprintf(s.Err, "isolate: %s\n", m.err.Red(ui.Escape(what)))
				if len(g.Changes) > 1 {
					fmt.Fprintf(s.Err, "isolate: none of this group's %d files was changed: they only work together\n", len(g.Changes))
				}
			}
			continue
		}
		written = append(written, g)
		for _, c := range g.Changes {
			m.applied[c] = true
		}
	}
	m.interrupted = stopped.Load()
	for _, g := range notStarted {
		m.unfix(g)
		m.failed = append(m.failed, walk.Problem{Path: g.Changes[0].Path, Message: "not written: interrupted before its group was started"})
	}
	if m.opts.JSON {
		return
	}
	if m.interrupted {
		fmt.Fprintf(s.Err, "isolate: %s\n", m.err.Red("interrupted: stopped writing; every group is either whole or as it was"))
		for _, g := range notStarted {
			fmt.Fprintf(s.Err, "isolate: not written: %s: interrupted before it was started\n", ui.Escape(g.Name))
		}
	}
	files := 0
	for _, g := range written {
		files += len(g.Changes)
	}
	msg := fmt.Sprintf("Wrote %s", plural(files, "file"))
	if len(written) != files {
		msg += fmt.Sprintf(" in %s", plural(len(written), "group"))
	}
	var skipped int
	for _, g := range m.groups() {
		if !m.applied[g.Changes[0]] {
			skipped++
		}
	}
	if n := skipped - len(failed) - len(notStarted); n > 0 {
		msg += fmt.Sprintf(", skipped %d", n)
	}
	if n := len(failed) + len(notStarted); n > 0 {
		msg += fmt.Sprintf(", %s not written (see above)", plural(n, "group"))
	}
	fmt.Fprintln(s.Out, m.out.Bold(msg+"."))
	if len(failed)+len(notStarted) > 0 || len(written) > 1 {
		for _, g := range written {
			fmt.Fprintf(s.Out, "  written: %s\n", ui.Escape(g.Name))
		}
	}
	unwritten := 0
	for _, g := range append(append([]*migrate.Group{}, failed...), notStarted...) {
		unwritten += len(g.Changes)
	}
	switch {
	case unwritten > 0 && len(written) == 0:
		fmt.Fprintln(s.Out, "Nothing was changed. Fix what kept the files from being written (see above), then run isolate migrate again.")
	case unwritten > 0:
		// Running again at once would only fail the same way; each written group is whole, but the app may need
		// the groups that were not written too.
		undo := ""
		if !m.noGit {
			undo = " (or undo what was written: 'git diff' shows it)"
		}
		fmt.Fprintf(s.Out, "The app is only partly migrated and may not work until the rest is written: fix what kept %s from being written (see above), then run isolate migrate again, which changes only what is left%s.\n",
			plural(unwritten, "file"), undo)
	case len(m.applied) > 0:
		review := "Review the changes with 'git diff'; run"
		if m.noGit {
			review = "Run"
		}
		fmt.Fprintln(s.Out, review+" isolate migrate again to confirm nothing is left to change.")
	}
}

// cleanTemps removes the temporary files a crashed run left behind, before the work tree is checked (they would
// make it look dirty).
func (m *migration) cleanTemps() {
	if removed := migrate.CleanTemps(m.plan.Root); len(removed) > 0 {
		m.warn("removed %s an interrupted run of isolate left behind: %s", plural(len(removed), "temporary file"), strings.Join(removed, ", "))
	}
}

// checkGit refuses to write in a work tree with uncommitted changes (unless --allow-dirty), and warns when the
// directory is not in git at all.
func (m *migration) checkGit() error {
	m.cleanTemps()
	st, err := migrate.Git(m.plan.Root)
	if err != nil && !m.opts.AllowDirty {
		return linesError{fmt.Errorf("cannot tell whether %s has uncommitted changes: %s\nPass --allow-dirty to write anyway",
			ui.Escape(m.opts.Dir), ui.Escape(err.Error()))}
	}
	switch {
	case st.NoGit && !st.InWorkTree && err == nil:
		m.noGit = true
		m.warn("git is not installed and %s is not in a git work tree: isolate's changes cannot be reverted with git, so keep a backup", m.opts.Dir)
	case !st.InWorkTree && err == nil:
		m.noGit = true
		m.warn("%s is not in a git work tree: isolate's changes cannot be reverted with git, so keep a backup", m.opts.Dir)
	case len(st.Dirty) > 0 && !m.opts.AllowDirty:
		// Written twice: exact for the JSON report, escaped line by line for the terminal.
		var raw, shown strings.Builder
		fmt.Fprintf(&raw, "not writing: %s has uncommitted changes:\n", m.opts.Dir)
		fmt.Fprintf(&shown, "not writing: %s has uncommitted changes:\n", ui.Quote(m.opts.Dir))
		for i, line := range st.Dirty {
			if i == 10 {
				fmt.Fprintf(&raw, "  … and %d more\n", len(st.Dirty)-10)
				fmt.Fprintf(&shown, "  … and %d more\n", len(st.Dirty)-10)
				break
			}
			fmt.Fprintf(&raw, "  %s\n", line)
			fmt.Fprintf(&shown, "  %s\n", ui.Escape(line))
		}
		const advice = "Commit or stash them first, so that isolate's changes can be reviewed and reverted with git, or pass --allow-dirty"
		raw.WriteString(advice)
		shown.WriteString(advice)
		if m.opts.JSON {
			m.failed = append(m.failed, walk.Problem{Path: ".", Message: raw.String()})
		}
		return linesError{errors.New(shown.String())}
	}
	return nil
}

func (m *migration) warn(format string, args ...any) {
	if m.opts.JSON {
		m.notes = append(m.notes, fmt.Sprintf(format, args...))
		return
	}
	fmt.Fprintf(m.streams.Err, "isolate: %s\n", m.err.Yellow("note: "+ui.Escape(fmt.Sprintf(format, args...))))
}

// writeProblems prints on stderr what could not be read or rewritten, the analysis' notes, and internal errors.
func (m *migration) writeProblems() {
	s, p := m.streams, m.plan
	migrate.WriteProblems(s.Err, m.problems, m.err)
	migrate.WriteProblems(s.Err, p.Skipped, m.err)
	for _, n := range p.Notes {
		fmt.Fprintf(s.Err, "note: %s\n", ui.Escape(n))
	}
	for _, e := range p.Errors {
		fmt.Fprintf(s.Err, "%s\n", m.err.Red("isolate: "+migrate.ProblemLine(e)))
	}
	if len(p.Errors) > 0 {
		fmt.Fprintln(s.Err, "This is a bug in isolate; please report it with the file it names. The other files are not affected.")
	}
}

// exit turns what went wrong into the exit code: 1 for an internal error or a failed write, and for a migration
// that leaves high findings unresolved (the summary has said which).
func (m *migration) exit() error {
	if len(m.plan.Errors) > 0 || len(m.failed) > 0 || m.interrupted || m.plan.Incomplete() > 0 {
		return silentError{exitFailure}
	}
	return nil
}

func (m *migration) json() error {
	var gitErr error
	if m.opts.Yes && len(m.plan.Changes) > 0 {
		if gitErr = m.checkGit(); gitErr == nil {
			m.write(m.groups())
		}
	}
	r := migrate.NewReport(m.plan, m.opts.Yes && gitErr == nil, m.applied, m.problems, m.failed)
	r.Notes = append(r.Notes, m.notes...)
	if err := r.WriteJSON(m.streams.Out); err != nil {
		return err
	}
	if gitErr != nil {
		fmt.Fprintf(m.streams.Err, "isolate: %s\n", errorText(gitErr))
		return silentError{exitFailure}
	}
	return m.exit()
}

// isUnattended reports whether the prompter answers every question with its default: no one is there to ask.
func isUnattended(p prompt.Prompter) bool {
	_, ok := p.(prompt.Defaults)
	return ok
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// startProgress draws a one-line progress report on stderr while the plan is computed, when stderr is a terminal
// and the work takes long enough to be worth it; the returned function clears it.
func startProgress(s *ui.Streams, p *migrate.Progress, enabled bool) (stop func()) {
	if !enabled || !s.ShowProgress() {
		return func() {}
	}
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		start, drawn := time.Now(), false
		for {
			select {
			case <-done:
				if drawn {
					fmt.Fprint(s.Err, "\r\033[K")
				}
				return
			case <-tick.C:
				if time.Since(start) < 300*time.Millisecond {
					continue // small trees finish before anyone could read a progress line
				}
				drawProgress(s.Err, p)
				drawn = true
			}
		}
	}()
	return func() { close(done); <-finished }
}

func drawProgress(w io.Writer, p *migrate.Progress) {
	stage, _ := p.Stage.Load().(string)
	line := "isolate: " + stage + "…"
	if total := p.Total.Load(); total > 0 && stage == "reading" {
		line = fmt.Sprintf("isolate: reading %d/%d files…", p.Done.Load(), total)
	}
	fmt.Fprintf(w, "\r\033[K%s", line)
}
