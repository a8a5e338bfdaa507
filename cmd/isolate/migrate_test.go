package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/internal/testenv"
	"github.com/isolate-dev/isolate/prompt"
	"github.com/isolate-dev/isolate/syntax"
	"github.com/isolate-dev/isolate/ui"
)

// testExposeRule stands in for window-assign in these tests (never registered): in a file that mentions a
// preload, `window.X = expr` becomes `contextBridge.exposeInMainWorld('X', expr)`, with contextBridge required
// once at the top of the file.
var testExposeRule = &codemod.Rule{
	ID: "test-expose", Severity: codemod.High, For: codemod.ForMigrate,
	Run: func(p *codemod.Pass) {
		f := p.File
		for _, n := range f.Root.Find("assignment_expression") {
			left := syntax.Unwrap(n.Child("left"))
			if !left.Is("member_expression") || f.Text(left.Child("object")) != "window" || !n.Parent.Is("expression_statement") {
				continue
			}
			right := n.Child("right")
			edits := []codemod.Edit{
				{Path: f.Path, Start: n.Start, End: right.Start, New: "contextBridge.exposeInMainWorld(" + syntax.QuoteJS(f.Text(left.Child("property")), '\'') + ", "},
				{Path: f.Path, Start: right.End, End: right.End, New: ")"},
			}
			if !bytes.Contains(f.Src, []byte("contextBridge")) {
				edits = append(edits, codemod.Edit{Path: f.Path, New: "const { contextBridge } = require('electron')" + f.EOL()})
			}
			p.Report(codemod.Diagnostic{Start: n.Start, End: n.End, Message: "window assignment is invisible under isolation",
				Fix: &codemod.Fix{Edits: edits}})
		}
	},
}

// testRequireRule reports require calls in renderer files, without a fix.
var testRequireRule = &codemod.Rule{
	ID: "test-renderer-require", Severity: codemod.Medium, For: codemod.ForMigrate,
	Run: func(p *codemod.Pass) {
		if !strings.Contains(p.File.Path, "renderer") {
			return
		}
		for _, n := range p.File.Root.Find("call_expression") {
			if p.File.Text(n.Child("function")) == "require" {
				p.Reportf(n, "renderer code calls require")
			}
		}
	},
}

func useTestRules(t *testing.T) {
	saved := migrateRules
	migrateRules = func() []*codemod.Rule { return []*codemod.Rule{testExposeRule, testRequireRule} }
	t.Cleanup(func() { migrateRules = saved })
}

// legacyApp is a small app written for contextIsolation: false.
var legacyApp = map[string]string{
	"package.json": `{"name":"notes","main":"src/main.js","devDependencies":{"electron":"^11.0.0"}}` + "\n",
	"src/main.js": "const { app, BrowserWindow } = require('electron')\nconst path = require('path')\n\n" +
		"app.whenReady().then(() => {\n  const win = new BrowserWindow({\n    webPreferences: { preload: path.join(__dirname, 'preload.js') },\n  })\n  win.loadFile('index.html')\n})\n",
	"src/preload.js":          "const { ipcRenderer } = require('electron')\r\n\r\nwindow.notes = {\r\n  list: () => ipcRenderer.invoke('notes:list'),\r\n}\r\n",
	"src/settings/preload.js": "// settings window preload\nwindow.settings = { theme: 'dark' } // Grüße\n",
	"src/renderer.js":         "const fs = require('fs') // electron renderer\nwindow.notes.list().then(console.log)\n",
	"src/index.html":          "<!doctype html><script src=\"renderer.js\"></script>\n",
}

func writeApp(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// snapshot reads every regular file under root.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Name() == ".git" && d.IsDir() {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return out
}

func sameTree(t *testing.T, a, b map[string]string) {
	t.Helper()
	for p, v := range a {
		if b[p] != v {
			t.Errorf("%s differs:\n%q\n%q", p, v, b[p])
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			t.Errorf("%s only in one tree", p)
		}
	}
}

func TestMigrateDryRunPatchAppliedWithGitEqualsYes(t *testing.T) {
	git := testenv.Tool(t, "git")
	useTestRules(t)
	viaYes := writeApp(t, legacyApp)
	viaPatch := writeApp(t, legacyApp)
	before := snapshot(t, viaPatch)

	code, patch, stderr := runTest(t, nil, "migrate", "--dry-run", "--diff-only", viaPatch)
	if code != 0 {
		t.Fatalf("--dry-run --diff-only exited %d: %s", code, stderr)
	}
	sameTree(t, before, snapshot(t, viaPatch)) // a dry run writes nothing
	if !strings.HasPrefix(patch, "diff --git a/src/preload.js b/src/preload.js\n") || strings.Contains(patch, "test-renderer-require") {
		t.Errorf("patch:\n%s", patch)
	}
	if !strings.Contains(stderr, "src/renderer.js:1:12 medium test-renderer-require renderer code calls require\n") ||
		!strings.Contains(stderr, "2 files to change, 2 fixed, 1 to fix by hand (1 medium)") {
		t.Errorf("stderr:\n%s", stderr)
	}
	apply := exec.Command(git, "apply", "-")
	apply.Dir, apply.Stdin = viaPatch, strings.NewReader(patch)
	if out, err := apply.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s", err, out)
	}

	code, stdout, stderr := runTest(t, nil, "migrate", "--yes", viaYes)
	if code != 0 {
		t.Fatalf("--yes exited %d: %s", code, stderr)
	}
	// Outside git there is no git diff to review the changes with.
	if !strings.Contains(stdout, "Wrote 2 files.") || !strings.Contains(stderr, "is not in a git work tree") ||
		strings.Contains(stdout, "git diff") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	after := snapshot(t, viaYes)
	sameTree(t, after, snapshot(t, viaPatch))
	if after["src/preload.js"] != "const { contextBridge } = require('electron')\r\nconst { ipcRenderer } = require('electron')\r\n\r\n"+
		"contextBridge.exposeInMainWorld('notes', {\r\n  list: () => ipcRenderer.invoke('notes:list'),\r\n})\r\n" {
		t.Errorf("preload after --yes: %q", after["src/preload.js"])
	}

	code, stdout, _ = runTest(t, nil, "migrate", "--yes", viaYes)
	if code != 0 || !strings.Contains(stdout, "0 files to change") {
		t.Errorf("second run: exit %d\n%s", code, stdout)
	}
	sameTree(t, after, snapshot(t, viaYes))
}

// In a monorepo the app is a subdirectory of the repository: the patch names files from the repository's top, as
// git diff does, so git apply takes it from the app's directory (where a root-relative patch would silently apply
// nothing) as well as from the top.
func TestMigratePatchOfASubdirectoryAppliesFromAnywhereInTheRepository(t *testing.T) {
	git := testenv.Tool(t, "git")
	useTestRules(t)
	repo := func() string {
		files := map[string]string{"README.md": "# acme\n"}
		for p, c := range legacyApp {
			files["apps/desktop/"+p] = c
		}
		root := writeApp(t, files)
		for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "app"}} {
			if out, err := exec.Command(git, append([]string{"-C", root}, args...)...).CombinedOutput(); err != nil {
				t.Fatalf("git %v: %v\n%s", args, err, out)
			}
		}
		return root
	}
	viaYes := repo()
	if code, _, stderr := runTest(t, nil, "migrate", "--yes", filepath.Join(viaYes, "apps", "desktop")); code != 0 {
		t.Fatalf("--yes: exit %d\n%s", code, stderr)
	}
	for _, from := range []string{"apps/desktop", "."} {
		viaPatch := repo()
		code, patch, stderr := runTest(t, nil, "migrate", "--dry-run", "--diff-only", filepath.Join(viaPatch, "apps", "desktop"))
		if code != 0 || !strings.HasPrefix(patch, "diff --git a/apps/desktop/src/preload.js b/apps/desktop/src/preload.js\n") {
			t.Fatalf("exit %d, stderr %s, patch:\n%s", code, stderr, patch)
		}
		apply := exec.Command(git, "apply", "-")
		apply.Dir, apply.Stdin = filepath.Join(viaPatch, from), strings.NewReader(patch)
		if out, err := apply.CombinedOutput(); err != nil {
			t.Fatalf("git apply in %s: %v\n%s", from, err, out)
		}
		sameTree(t, snapshot(t, viaYes), snapshot(t, viaPatch))
	}
}

func TestMigrateWithoutTerminalShowsThePlanAndWritesNothing(t *testing.T) {
	useTestRules(t)
	root := writeApp(t, legacyApp)
	before := snapshot(t, root)
	code, stdout, stderr := runTest(t, nil, "migrate", root)
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if !strings.Contains(stdout, "+contextBridge.exposeInMainWorld('settings', { theme: 'dark' }) // Grüße") {
		t.Errorf("the plan is not shown:\n%s", stdout)
	}
	if !strings.Contains(stderr, "not writing: there is no terminal to ask on. Pass --yes to apply the 2 changes above, or --dry-run") {
		t.Errorf("stderr:\n%s", stderr)
	}
	sameTree(t, before, snapshot(t, root))
}

func TestMigrateAsksPerFile(t *testing.T) {
	useTestRules(t)
	root := writeApp(t, legacyApp)
	p := &prompt.Scripted{Answers: []any{"skip", "apply"}}
	code, stdout, stderr := runTest(t, p, "migrate", root)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if len(p.Asked) != 2 || p.Asked[0] != "Change 1 of 2: the window at src/main.js:5 (src/preload.js)?" || p.Asked[1] != "Change 2 of 2: src/settings/preload.js?" {
		t.Errorf("asked %q", p.Asked)
	}
	after := snapshot(t, root)
	if after["src/preload.js"] != legacyApp["src/preload.js"] || !strings.Contains(after["src/settings/preload.js"], "exposeInMainWorld") {
		t.Errorf("the answers were not followed:\n%v", after)
	}
	if !strings.Contains(stdout, "Wrote 1 file, skipped 1.") {
		t.Errorf("stdout:\n%s", stdout)
	}

	root = writeApp(t, legacyApp)
	p = &prompt.Scripted{Answers: []any{"apply this and all remaining"}}
	if code, _, _ := runTest(t, p, "migrate", root); code != 0 || len(p.Asked) != 1 {
		t.Errorf("apply all: exit %d, asked %q", code, p.Asked)
	}
	if after := snapshot(t, root); !strings.Contains(after["src/preload.js"]+after["src/settings/preload.js"], "exposeInMainWorld('settings'") {
		t.Error("apply all did not write the rest")
	}

	root = writeApp(t, legacyApp)
	p = &prompt.Scripted{Answers: []any{"quit (write what was accepted, skip the rest)"}}
	if code, _, _ := runTest(t, p, "migrate", root); code != 0 {
		t.Errorf("quit: exit %d", code)
	}
	sameTree(t, legacyApp, snapshot(t, root))
}

func TestMigrateRefusesADirtyWorkTree(t *testing.T) {
	git := testenv.Tool(t, "git")
	useTestRules(t)
	root := writeApp(t, legacyApp)
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "app"}} {
		if out, err := exec.Command(git, append([]string{"-C", root}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	os.WriteFile(filepath.Join(root, "src", "main.js"), []byte(legacyApp["src/main.js"]+"// wip\n"), 0o644)
	code, _, stderr := runTest(t, nil, "migrate", "--yes", root)
	if code != exitFailure || !strings.Contains(stderr, "has uncommitted changes:\n   M src/main.js\n") ||
		!strings.Contains(stderr, "or pass --allow-dirty") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if snapshot(t, root)["src/preload.js"] != legacyApp["src/preload.js"] {
		t.Error("wrote into a dirty work tree")
	}
	code, stdout, stderr := runTest(t, nil, "migrate", "--yes", "--allow-dirty", root)
	if code != 0 || strings.Contains(stderr, "git work tree") || !strings.Contains(stdout, "Review the changes with 'git diff'") {
		t.Errorf("--allow-dirty: exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(snapshot(t, root)["src/preload.js"], "exposeInMainWorld") {
		t.Error("--allow-dirty did not write")
	}
}

// Bad input is reported, file by file, and the rest of the app is still migrated.
func TestMigrateBadInput(t *testing.T) {
	useTestRules(t)
	outside := writeApp(t, map[string]string{"shared/preload.js": "window.shared = 1\n"})
	files := map[string]string{
		"src/broken/preload.js": "// preload\nwindow.api = {\n  save() {},\n}\nwindow.x = (1\n",
		"src/good/preload.js":   "// preload\nwindow.good = true\n",
		"src/locked/preload.js": "// preload\nwindow.locked = true\n",
		"src/icon.js":           "// electron\x00\x89PNG",
	}
	root := writeApp(t, files)
	os.Chmod(filepath.Join(root, "src/locked/preload.js"), 0o444)
	os.Symlink("missing-preload.js", filepath.Join(root, "src", "dangling.js"))
	os.Symlink(filepath.Join(outside, "shared", "preload.js"), filepath.Join(root, "src", "outside.js"))

	code, stdout, stderr := runTest(t, nil, "migrate", "--yes", root)
	if code != exitFailure {
		t.Errorf("exit %d, want 1 for the read-only file", code)
	}
	for _, want := range []string{
		"src/broken/preload.js:6:1: syntax error: Expected \")\" but found end of file; the file is not rewritten",
		"src/broken/preload.js: has a syntax error at 5:1; its fixes are not applied",
		"src/dangling.js: dangling symbolic link to missing-preload.js (the target does not exist); skipped",
		"src/icon.js: binary file (it holds NUL bytes); skipped",
		"src/outside.js: symbolic link to a file outside the project",
		"isolate: not written: src/locked/preload.js: is read-only (mode 0444); not written. Make it writable (chmod u+w)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "Wrote 1 file, 1 group not written (see above).") {
		t.Errorf("stdout:\n%s", stdout)
	}
	after := snapshot(t, root)
	if !strings.Contains(after["src/good/preload.js"], "exposeInMainWorld('good'") {
		t.Error("the good file was not migrated")
	}
	for _, p := range []string{"src/broken/preload.js", "src/locked/preload.js", "src/icon.js"} {
		if after[p] != files[p] {
			t.Errorf("%s was changed", p)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(outside, "shared", "preload.js")); string(b) != "window.shared = 1\n" {
		t.Error("a file outside the root was written")
	}
}

func TestMigrateReportsUnreadableFile(t *testing.T) {
	if testenv.RunUnprivileged(t) {
		return
	}
	useTestRules(t)
	root := writeApp(t, map[string]string{"a/preload.js": "// preload\nwindow.a = 1\n", "b/preload.js": "// preload\nwindow.b = 1\n"})
	os.Chmod(filepath.Join(root, "b/preload.js"), 0)
	code, _, stderr := runTest(t, nil, "migrate", "--yes", root)
	if code != 0 || !strings.Contains(stderr, "b/preload.js: cannot read: permission denied; not checked") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "a/preload.js")); !strings.Contains(string(b), "exposeInMainWorld") {
		t.Error("the readable file was not migrated")
	}
}

func TestMigrateJSON(t *testing.T) {
	useTestRules(t)
	root := writeApp(t, legacyApp)
	code, stdout, stderr := runTest(t, nil, "migrate", "--json", root)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	var doc struct {
		Written bool `json:"written"`
		Changes []struct {
			File, Diff string
			Applied    bool
		} `json:"changes"`
		Diagnostics []struct {
			Rule, Severity, File, Message string
			Line, Column                  int
			Fixed                         bool
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("not one JSON document: %v\n%s", err, stdout)
	}
	if doc.Written || len(doc.Changes) != 2 || doc.Changes[0].File != "src/preload.js" || doc.Changes[0].Applied ||
		!strings.HasPrefix(doc.Changes[0].Diff, "diff --git a/src/preload.js b/src/preload.js\n") {
		t.Errorf("changes %+v", doc.Changes)
	}
	if len(doc.Diagnostics) != 3 {
		t.Fatalf("diagnostics %+v", doc.Diagnostics)
	}
	d := doc.Diagnostics[1] // sorted by file: src/preload.js, src/renderer.js, src/settings/preload.js
	if d.Rule != "test-renderer-require" || d.Severity != "medium" || d.File != "src/renderer.js" || d.Line != 1 || d.Column != 12 || d.Fixed {
		t.Errorf("diagnostic %+v", d)
	}
	if !doc.Diagnostics[0].Fixed {
		t.Errorf("diagnostic %+v not fixed", doc.Diagnostics[0])
	}
	sameTree(t, legacyApp, snapshot(t, root))

	code, stdout, _ = runTest(t, nil, "migrate", "--json", "--yes", root)
	if code != 0 || !strings.Contains(stdout, `"written": true`) || !strings.Contains(stdout, `"applied": true`) {
		t.Errorf("--json --yes: exit %d\n%s", code, stdout)
	}
}

func TestMigrateColourFollowsTheTerminalAndNoColor(t *testing.T) {
	useTestRules(t)
	root := writeApp(t, legacyApp)
	for _, c := range []struct {
		tty, noColor, want bool
	}{{true, false, true}, {true, true, false}, {false, false, false}} {
		s, out, _ := ui.Test("")
		s.OutTTY, s.NoColor = c.tty, c.noColor
		runEnv([]string{"migrate", "--dry-run", root}, &env{streams: s, prompter: prompt.Defaults{}})
		if got := strings.Contains(out.String(), "\x1b["); got != c.want {
			t.Errorf("tty %v NO_COLOR %v: colour %v", c.tty, c.noColor, got)
		}
	}
}

func TestMigrateUsageErrors(t *testing.T) {
	root := t.TempDir()
	for _, args := range [][]string{
		{"migrate", "--diff-only", root}, {"migrate", "--dry-run", "--yes", root}, {"migrate", "--json", "--dry-run", "--diff-only", root},
		{"migrate", filepath.Join(root, "missing")}, {"migrate", root, root},
	} {
		if code, _, stderr := runTest(t, nil, args...); code != exitUsage || !strings.Contains(stderr, "Run 'isolate migrate --help'") {
			t.Errorf("%v: exit %d, stderr %q", args[1:], code, stderr)
		}
	}
}

func TestMigrateHelp(t *testing.T) {
	code, out, _ := runTest(t, nil, "migrate", "--help")
	for _, want := range []string{"--dry-run --diff-only > isolate.patch && git apply isolate.patch", "--allow-dirty", "Exit codes:"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

// A migration that leaves the app broken says so, in the summary, in the JSON report and in the exit code: a
// window whose preload isolate cannot find is left unchanged, and the preload it guessed by name is not rewritten
// on its own.
func TestMigrateSaysWhenTheMigrationIsNotComplete(t *testing.T) {
	root := writeApp(t, map[string]string{
		"package.json": `{"name":"timer","main":"main.js","devDependencies":{"electron":"^10.4.0"}}` + "\n",
		"main.js": "const { app, BrowserWindow } = require('electron')\nconst path = require('path')\n" +
			"app.whenReady().then(() => {\n  new BrowserWindow({ webPreferences: { preload: path.join(process.resourcesPath, 'preload.js') } }).loadFile('index.html')\n})\n",
		"app/preload.js": "const { ipcRenderer } = require('electron')\nwindow.timer = { start: () => ipcRenderer.send('start') }\n",
	})
	code, stdout, stderr := runTest(t, nil, "migrate", "--dry-run", root)
	if code != exitFailure || !strings.Contains(stdout, "0 files to change") ||
		!strings.Contains(stdout, "the migration is not complete: until the 2 high findings are resolved by hand, the app may not work or stays unsafe") ||
		!strings.Contains(stderr, "note: app/preload.js is treated as a preload by its name only") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	code, stdout, _ = runTest(t, nil, "migrate", "--json", root)
	var doc struct {
		Notes      []string
		Incomplete int
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("not one JSON document: %v\n%s", err, stdout)
	}
	if code != exitFailure || doc.Incomplete != 2 || len(doc.Notes) != 1 || !strings.Contains(doc.Notes[0], "by its name only") {
		t.Errorf("--json: exit %d, %+v", code, doc)
	}
}
