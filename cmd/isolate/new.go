package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/mod/semver"

	"github.com/isolate-dev/isolate/prompt"
	"github.com/isolate-dev/isolate/scaffold"
	"github.com/isolate-dev/isolate/ui"
)

func init() {
	commandConstructors = append(commandConstructors, newNewCmd)
}

// newOptions are the flags and argument of `isolate new`. A flag the user set skips its question.
type newOptions struct {
	Dir       string
	Name      string
	Lang      string
	UI        string
	PM        string
	Yes       bool
	NoInstall bool
	NoGit     bool
	Force     bool

	// Which of the choice flags were given on the command line.
	nameSet, langSet, uiSet, pmSet bool
}

func newNewCmd(e *env) *cobra.Command {
	opts := &newOptions{}
	cmd := &cobra.Command{
		Use:   "new [dir]",
		Short: "Scaffold an isolated, sandboxed, typed Electron app",
		Long: `Scaffold a new Electron app in dir: context isolation, a sandboxed preload, a contextBridge API with
one typed method per IPC message, sender validation in main, a strict Content Security Policy, and the
renderer served from app:// instead of file://.

On a terminal it asks for what the flags do not say. With --yes, without a terminal, or with CI=true it
asks nothing and takes the defaults: TypeScript, vanilla renderer, npm, install dependencies, initialise
git. dir is required then, unless --name gives it.

It refuses a directory that is not empty unless --force, and even then it only overwrites the files it
lists; it never deletes anything.`,
		Example: `  isolate new my-app
  isolate new my-app --yes --lang js --ui react --pm pnpm
  isolate new my-app --yes --no-install --no-git`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			f := cmd.Flags()
			opts.nameSet, opts.langSet, opts.uiSet, opts.pmSet =
				f.Changed("name"), f.Changed("lang"), f.Changed("ui"), f.Changed("pm")
			return runNew(e, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Name, "name", "", "package name (default: the directory's name)")
	f.StringVar(&opts.Lang, "lang", scaffold.Langs[0], "language: "+strings.Join(scaffold.Langs, "|"))
	f.StringVar(&opts.UI, "ui", scaffold.UIs[0], "renderer UI: "+strings.Join(scaffold.UIs, "|"))
	f.StringVar(&opts.PM, "pm", scaffold.PackageManagers[0], "package manager: "+strings.Join(scaffold.PackageManagers, "|"))
	f.BoolVarP(&opts.Yes, "yes", "y", false, "ask nothing; take the default of every question the flags do not answer")
	f.BoolVar(&opts.NoInstall, "no-install", false, "do not install dependencies")
	f.BoolVar(&opts.NoGit, "no-git", false, "do not initialise a git repository")
	f.BoolVar(&opts.Force, "force", false, "write into a directory that is not empty, overwriting the files it lists")
	for name, values := range map[string][]string{"lang": scaffold.Langs, "ui": scaffold.UIs, "pm": scaffold.PackageManagers} {
		_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	}
	return cmd
}

// choice validates a flag whose value must be one of allowed.
func choice(flag, value string, allowed []string) error {
	if !slices.Contains(allowed, value) {
		return usageErrorf("invalid value %q for --%s: allowed values are %s", value, flag, strings.Join(allowed, ", "))
	}
	return nil
}

// answers is everything `isolate new` needs after the questions.
type answers struct {
	scaffold.Options
	Install bool
	Git     bool
}

func runNew(e *env, opts *newOptions) error {
	if err := choice("lang", opts.Lang, scaffold.Langs); err != nil {
		return err
	}
	if err := choice("ui", opts.UI, scaffold.UIs); err != nil {
		return err
	}
	if err := choice("pm", opts.PM, scaffold.PackageManagers); err != nil {
		return err
	}
	if opts.nameSet {
		if err := scaffold.ValidateName(opts.Name); err != nil {
			return usageError{fmt.Errorf("--name: %w", err)}
		}
	}
	// The prompter is the one judge of whether anybody can answer: prompt.New gives Defaults without a terminal
	// or under CI.
	p := e.prompter
	if _, unattended := p.(prompt.Defaults); unattended || opts.Yes {
		p = nil
	}

	if opts.Dir == "" {
		switch {
		case opts.nameSet:
			opts.Dir = opts.Name[strings.LastIndex(opts.Name, "/")+1:]
		case p == nil:
			return usageErrorf("isolate new needs a directory when it cannot ask for one (--yes, no terminal, or CI=true): isolate new my-app")
		default:
			dir, name, err := askDir(e, p, "electron-app", opts.Force)
			if err != nil {
				return err
			}
			opts.Dir, opts.Name, opts.nameSet = dir, name, true
		}
	}
	// Checked before any question, so nobody answers five questions to be told no.
	if err := checkTarget(opts.Dir, opts.Force); err != nil {
		return err
	}

	a, err := ask(e, p, opts)
	if err != nil {
		return err
	}
	files, err := scaffold.Render(a.Options)
	if err != nil {
		return err
	}
	overwrites, err := scaffold.Overwrites(opts.Dir, files)
	if err != nil {
		return err
	}
	errPal := e.streams.Palette(true)
	if len(overwrites) > 0 {
		fmt.Fprintf(e.streams.Err, "%s %d existing file(s) in %s (--force; nothing is deleted):\n",
			errPal.Yellow("Overwriting"), len(overwrites), ui.Quote(opts.Dir))
		for _, o := range overwrites {
			fmt.Fprintf(e.streams.Err, "  %s\n", ui.Quote(o))
		}
	}
	start := time.Now()
	if err := scaffold.Write(opts.Dir, files); err != nil {
		return err
	}
	abs, err := filepath.Abs(opts.Dir)
	if err != nil {
		abs = opts.Dir
	}
	fmt.Fprintf(e.streams.Err, "%s the app %s in %s: %s, %s renderer, %s (%d files, %s)\n", errPal.Green("Created"),
		ui.Escape(a.Name), ui.Quote(abs), langLabel(a.Lang), uiLabel(a.UI), a.PM, len(files), time.Since(start).Round(time.Millisecond))

	var failed error
	installed := false
	if a.Install {
		if err := install(e, opts.Dir, a.PM); err != nil {
			fmt.Fprintf(e.streams.Err, "%s %v\n", errPal.Red("Install failed:"), ui.Escape(err.Error()))
			failed = silentError{exitFailure}
		} else {
			installed = true
		}
	}
	if a.Git {
		initGit(e, opts.Dir)
	}
	printNext(e, opts.Dir, a.PM, installed)
	return failed
}

// checkTarget refuses a directory that is not empty, unless force, and a path that is not a directory.
func checkTarget(dir string, force bool) error {
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return fmt.Errorf("%s exists and is not a directory", dir)
	}
	existing, err := scaffold.Existing(dir)
	if err != nil {
		return err
	}
	if len(existing) > 0 && !force {
		shown := existing
		if len(shown) > 5 {
			shown = append(shown[:5:5], "…")
		}
		return fmt.Errorf("%s is not empty (%s); choose a new directory, or pass --force to write into it "+
			"(files isolate writes are overwritten; nothing is deleted)", dir, strings.Join(shown, ", "))
	}
	return nil
}

// askDir asks for the project when no directory was given, until the answer names a directory isolate may write
// to. The answer is read the way a directory argument is: "Inter Active" is the directory, and the package name is
// made from it ("inter-active"); a valid package name such as @me/tool gives the package name, and its last
// segment the directory.
func askDir(e *env, p prompt.Prompter, def string, force bool) (dir, name string, err error) {
	for {
		answer, err := p.Input("Project name", def)
		if err != nil {
			return "", "", err
		}
		answer = strings.TrimSpace(answer)
		if answer == "" {
			fmt.Fprintln(e.streams.Err, "The project needs a name.")
			continue
		}
		if scaffold.ValidateName(answer) == nil {
			dir, name = answer[strings.LastIndex(answer, "/")+1:], answer
		} else {
			dir, name = answer, scaffold.SuggestName(filepath.Base(answer))
			fmt.Fprintf(e.streams.Err, "Writing to the directory %s; its package name will be %s.\n", answer, name)
		}
		if err := checkTarget(dir, force); err != nil {
			fmt.Fprintf(e.streams.Err, "%v\n", err)
			def = scaffold.SuggestName(filepath.Base(answer)) + "-2"
			continue
		}
		return dir, name, nil
	}
}

// askName asks for the package name until it is valid.
func askName(e *env, p prompt.Prompter, def string) (string, error) {
	for {
		name, err := p.Input("Project name", def)
		if err != nil {
			return "", err
		}
		name = strings.TrimSpace(name)
		if err := scaffold.ValidateName(name); err != nil {
			fmt.Fprintf(e.streams.Err, "%s\n", ui.Escape(err.Error()))
			def = scaffold.SuggestName(name)
			continue
		}
		return name, nil
	}
}

// ask fills in every answer: from the flags where given, from the prompter otherwise, and from the defaults when
// nobody can be asked (p is nil).
func ask(e *env, p prompt.Prompter, opts *newOptions) (answers, error) {
	abs, err := filepath.Abs(opts.Dir)
	if err != nil {
		return answers{}, err
	}
	a := answers{
		Options: scaffold.Options{Name: opts.Name, Lang: opts.Lang, UI: opts.UI, PM: opts.PM},
		Install: !opts.NoInstall,
		Git:     !opts.NoGit,
	}
	if !opts.nameSet {
		a.Name = scaffold.SuggestName(filepath.Base(abs))
	}
	if p == nil {
		return a, nil
	}
	if !opts.nameSet {
		if a.Name, err = askName(e, p, a.Name); err != nil {
			return a, err
		}
	}
	selects := []struct {
		set      bool
		question string
		labels   []string
		values   []string
		target   *string
	}{
		{opts.langSet, "Language", []string{"TypeScript", "JavaScript (type-checked with JSDoc)"}, scaffold.Langs, &a.Lang},
		{opts.uiSet, "Renderer UI", uiChoices(), scaffold.UIs, &a.UI},
		{opts.pmSet, "Package manager", scaffold.PackageManagers, scaffold.PackageManagers, &a.PM},
	}
	for _, s := range selects {
		if s.set {
			continue
		}
		i, err := p.Select(s.question, s.labels, slices.Index(s.values, *s.target))
		if err != nil {
			return a, err
		}
		*s.target = s.values[i]
	}
	if !opts.NoInstall {
		if a.Install, err = p.Confirm("Install dependencies now?", true); err != nil {
			return a, err
		}
	}
	if !opts.NoGit {
		if a.Git, err = p.Confirm("Initialise a git repository?", true); err != nil {
			return a, err
		}
	}
	return a, nil
}

// uiChoices are the options of the renderer question, one per scaffold.UIs.
func uiChoices() []string {
	out := make([]string, len(scaffold.UIs))
	for i, ui := range scaffold.UIs {
		out[i] = uiLabel(ui)
		if ui == "vanilla" {
			out[i] = "Vanilla (no framework)"
		}
	}
	return out
}

// uiLabels are the renderer UIs as people write them, in the order of scaffold.UIs.
var uiLabels = map[string]string{"vanilla": "vanilla DOM", "react": "React", "vue": "Vue", "svelte": "Svelte"}

func uiLabel(ui string) string {
	if l, ok := uiLabels[ui]; ok {
		return l
	}
	return ui
}

func langLabel(lang string) string {
	if lang == "js" {
		return "JavaScript"
	}
	return "TypeScript"
}

// install runs the package manager in dir. Its own output is the progress: on a terminal it draws its progress
// bar, elsewhere it prints plain lines.
func install(e *env, dir, pm string) error {
	exe, err := exec.LookPath(pm)
	if err != nil {
		hint := map[string]string{
			"npm":  "install Node.js, which includes npm",
			"pnpm": "install it with `npm install -g pnpm` or `corepack enable pnpm`",
			"yarn": "install it with `npm install -g yarn` or `corepack enable yarn`",
		}[pm]
		return fmt.Errorf("%s is not on PATH: %s, then run `%s` in %s", pm, hint, scaffold.InstallCommand(pm), dir)
	}
	oldNode := ""
	if v, ok := nodeVersion(); ok && semver.Compare(v, "v"+scaffold.ElectronNode) < 0 {
		oldNode = v
		msg := fmt.Sprintf("Node %s is older than the %s that Electron %s declares for installing it: npm and pnpm install it anyway (with a warning), yarn refuses; Node %s or later avoids both",
			v, scaffold.ElectronNode, scaffold.Versions.Electron, scaffold.ElectronNode)
		fmt.Fprintln(e.streams.Err, e.streams.Palette(true).Yellow("Warning:")+" "+msg)
	}
	fmt.Fprintf(e.streams.Err, "Installing dependencies with %s…\n", pm)
	start := time.Now()
	cmd := exec.Command(exe, "install")
	cmd.Dir = dir
	// The package manager writes to our stderr so stdout carries only the next commands; a terminal stays a
	// terminal for it, so it can draw its progress.
	var out io.Writer = &lockedWriter{w: e.streams.Err}
	if f, ok := e.streams.Err.(*os.File); ok {
		out = f
	}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Stdin = nil
	if err := cmd.Start(); err != nil {
		return err
	}
	// npm is silent until it is done when it writes to a log rather than a terminal; a line now and then tells
	// a CI log reader that the install is still going.
	done := make(chan struct{})
	if !e.streams.ErrTTY {
		go func() {
			tick := time.NewTicker(15 * time.Second)
			defer tick.Stop()
			for {
				select {
				case <-done:
					return
				case <-tick.C:
					fmt.Fprintf(out, "Still installing with %s (%s)…\n", pm, time.Since(start).Round(time.Second))
				}
			}
		}()
	}
	err = cmd.Wait()
	close(done)
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			if oldNode != "" && pm == "yarn" {
				return fmt.Errorf("`%s` exited with status %d: yarn refuses Electron %s on Node %s; upgrade Node to %s or later (or run `yarn install --ignore-engines` in %s)",
					scaffold.InstallCommand(pm), exit.ExitCode(), scaffold.Versions.Electron, oldNode, scaffold.ElectronNode, dir)
			}
			return fmt.Errorf("`%s` exited with status %d; fix the problem above, then run it again in %s",
				scaffold.InstallCommand(pm), exit.ExitCode(), dir)
		}
		return err
	}
	fmt.Fprintf(e.streams.Err, "Installed dependencies in %s\n", time.Since(start).Round(100*time.Millisecond))
	return nil
}

// nodeVersion is the version of the node on PATH ("v20.11.1"); ok is false when there is none or it says
// something else.
func nodeVersion() (string, bool) {
	out, err := exec.Command("node", "--version").Output()
	v := strings.TrimSpace(string(out))
	return v, err == nil && semver.IsValid(v)
}

// lockedWriter lets the package manager's output and the progress lines share a writer that is not a file.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// initGit makes the new app a repository with a first commit. Every problem is a note, not a failure: the app
// is complete without git.
func initGit(e *env, dir string) {
	git, err := exec.LookPath("git")
	if err != nil {
		fmt.Fprintln(e.streams.Err, "Skipped git: git is not on PATH.")
		return
	}
	run := func(args ...string) (string, error) {
		cmd := exec.Command(git, args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return strings.TrimSpace(string(out)), err
	}
	if top, err := run("rev-parse", "--show-toplevel"); err == nil {
		fmt.Fprintf(e.streams.Err, "Skipped git init: %s is already inside the repository %s.\n", ui.Quote(dir), ui.Quote(top))
		return
	}
	if out, err := run("init", "-q"); err != nil {
		fmt.Fprintf(e.streams.Err, "Skipped git: git init failed: %s\n", firstLine(out, err))
		return
	}
	if out, err := run("add", "-A"); err != nil {
		fmt.Fprintf(e.streams.Err, "Initialised git; adding the files failed: %s\n", firstLine(out, err))
		return
	}
	if out, err := run("commit", "-q", "-m", "Initial commit from isolate new"); err != nil {
		fmt.Fprintf(e.streams.Err, "Initialised git and staged the files; no commit made (%s).\n", firstLine(out, err))
		return
	}
	fmt.Fprintln(e.streams.Err, "Initialised git with a first commit.")
}

func firstLine(out string, err error) string {
	if out == "" {
		return ui.Escape(err.Error())
	}
	line, _, _ := strings.Cut(out, "\n")
	return ui.Escape(line)
}

// printNext prints the commands that take the user from here to a running app, on stdout.
func printNext(e *env, dir, pm string, installed bool) {
	pal := e.streams.Palette(false)
	w := e.streams.Out
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	fmt.Fprintf(w, "\nThe app is in %s.\n", abs)
	fmt.Fprintf(w, "\n%s\n", pal.Bold("Next, to run it:"))
	var next []string
	if filepath.Clean(dir) != "." {
		next = append(next, "cd "+shellQuote(dir))
	}
	if !installed {
		next = append(next, scaffold.InstallCommand(pm))
	}
	next = append(next, scaffold.RunPrefix(pm)+" dev")
	for _, n := range next {
		fmt.Fprintf(w, "  %s\n", pal.Cyan(n))
	}
	fmt.Fprintf(w, "\n%s builds once and runs the app, %s checks types, %s builds into dist/.\n",
		scaffold.RunPrefix(pm)+" start", scaffold.RunPrefix(pm)+" typecheck", scaffold.RunPrefix(pm)+" build")
	fmt.Fprintln(w, "README.md explains the bridge, how to add a message, and why each security setting is there.")
}

// shellQuote quotes a path for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./@+", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
