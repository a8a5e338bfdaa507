package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	gogit "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/isolate-dev/isolate/internal/testenv"
	"github.com/isolate-dev/isolate/migrate"
	"github.com/isolate-dev/isolate/prompt"
)

// twoWindowApp is a journal app with a main window and a settings window, each with its own preload and page,
// both written for contextIsolation: false. The real rules change each window's flags and its preload.
var twoWindowApp = map[string]string{
	"package.json": `{"name":"journal","main":"src/main.js","devDependencies":{"electron":"^22.0.0"}}` + "\n",
	"src/main.js": `const { app, BrowserWindow } = require('electron')
const path = require('path')
const { openSettings } = require('./settings/window')

app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      nodeIntegration: true,
      contextIsolation: false,
    },
  })
  win.loadFile(path.join(__dirname, 'index.html'))
  openSettings()
})
`,
	"src/preload.js": `const { ipcRenderer } = require('electron')

window.journal = {
  entries: () => ipcRenderer.invoke('journal:entries'),
}
`,
	"src/index.html": `<!doctype html>
<html><body><ul id="list"></ul><script src="renderer.js"></script></body></html>
`,
	"src/renderer.js": `window.journal.entries().then((items) => {
  document.getElementById('list').textContent = items.join(', ')
})
`,
	"src/settings/window.js": `const { BrowserWindow } = require('electron')
const path = require('path')

function openSettings() {
  const settings = new BrowserWindow({
    width: 400,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: false,
    },
  })
  settings.loadFile(path.join(__dirname, 'settings.html'))
}

module.exports = { openSettings }
`,
	"src/settings/preload.js": `const { ipcRenderer } = require('electron')

window.settings = {
  save: (theme) => ipcRenderer.send('settings:save', theme),
}
`,
	"src/settings/settings.html": `<!doctype html>
<html><body><button id="dark">Dark</button><script src="settings.js"></script></body></html>
`,
	"src/settings/settings.js": `document.getElementById('dark').addEventListener('click', () => window.settings.save('dark'))
`,
}

// planGroups returns the groups a dry run reports.
func planGroups(t *testing.T, root string) []migrate.ReportGroup {
	t.Helper()
	_, stdout, stderr := runTest(t, nil, "migrate", "--dry-run", "--json", root)
	var doc struct{ Groups []migrate.ReportGroup }
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	return doc.Groups
}

func tempFiles(root string) []string {
	var out []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".isolate-") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func TestMigrateWindowAndPreloadAreOneGroup(t *testing.T) {
	groups := planGroups(t, writeApp(t, twoWindowApp))
	got := fmt.Sprint(groups[0].Files, groups[1].Files)
	if len(groups) != 2 || got != "[src/main.js src/preload.js] [src/settings/preload.js src/settings/window.js]" {
		t.Fatalf("groups %+v", groups)
	}
	if groups[0].Name != "the window at src/main.js:6 (src/main.js, src/preload.js)" {
		t.Errorf("name %q", groups[0].Name)
	}
}

// TestMigrateGroupFaults makes one write of a two-window app fail at a time, in every way a write can fail, and
// checks that each window's group is either entirely as it was or entirely as --yes leaves it, that no temporary
// file is left, and that isolate exits 1 naming the group.
func TestMigrateGroupFaults(t *testing.T) {
	before := twoWindowApp
	yesRoot := writeApp(t, before)
	if code, _, stderr := runTest(t, nil, "migrate", "--yes", yesRoot); code != 0 {
		t.Fatalf("--yes: exit %d\n%s", code, stderr)
	}
	yes := snapshot(t, yesRoot)
	groups := planGroups(t, writeApp(t, before))
	if len(groups) != 2 {
		t.Fatalf("groups %+v", groups)
	}
	edited := "// edited by hand meanwhile\n"
	kinds := []string{"read-only", "name too long", "changed on disk", "rename fails", "signal after it"}
	for _, g := range groups {
		for _, file := range g.Files {
			for _, kind := range kinds {
				t.Run(kind+" "+file, func(t *testing.T) {
					root := writeApp(t, before)
					abs := filepath.Join(root, filepath.FromSlash(file))
					t.Cleanup(func() { migrate.Faults = nil })
					switch kind {
					case "read-only":
						os.Chmod(abs, 0o444)
					case "name too long":
						migrate.Faults = func(step, path string) error {
							if step == "stage" && path == file {
								return syscall.ENAMETOOLONG
							}
							return nil
						}
					case "changed on disk":
						migrate.Faults = func(step, path string) error {
							if step == "commit" && path == file {
								os.WriteFile(abs, []byte(edited+before[file]), 0o644)
							}
							return nil
						}
					case "rename fails":
						migrate.Faults = func(step, path string) error {
							if step == "commit" && path == file {
								return syscall.EIO
							}
							return nil
						}
					case "signal after it":
						migrate.Faults = func(step, path string) error {
							if step == "committed" && path == file {
								syscall.Kill(os.Getpid(), syscall.SIGINT)
								for i := 0; i < 500 && !interruptReceived.Load(); i++ {
									time.Sleep(10 * time.Millisecond)
								}
							}
							return nil
						}
					}
					code, stdout, stderr := runTest(t, nil, "migrate", "--yes", root)
					os.Chmod(abs, 0o644)
					after := snapshot(t, root)
					if left := tempFiles(root); len(left) > 0 {
						t.Errorf("temporary files left: %v", left)
					}
					if code != exitFailure {
						t.Errorf("exit %d, want 1\n%s", code, stderr)
					}
					var failedGroup string
					for _, h := range groups {
						old, new := true, true
						for _, f := range h.Files {
							want := before[f]
							if kind == "changed on disk" && f == file {
								want = edited + before[f]
							}
							old = old && after[f] == want
							new = new && after[f] == yes[f]
						}
						if !old && !new {
							t.Errorf("group %s is half-written:\n%s\n%s", h.Name, stdout, stderr)
						}
						if old && !new {
							failedGroup = h.Name
							if !strings.Contains(stderr, "not written: "+h.Name) {
								t.Errorf("stderr does not name the group %q:\n%s", h.Name, stderr)
							}
						}
					}
					if kind != "signal after it" && failedGroup != g.Name {
						t.Errorf("the group of %s was written anyway, or another one failed (%q)", file, failedGroup)
					}
					for _, f := range []string{"src/index.html", "src/renderer.js", "package.json"} {
						if after[f] != before[f] {
							t.Errorf("%s changed", f)
						}
					}
				})
			}
		}
	}
}

func TestMigrateRemovesTemporaryFilesACrashLeft(t *testing.T) {
	useTestRules(t)
	root := writeApp(t, legacyApp)
	crashed := []string{"src/.isolate-1234567.tmp", "src/settings/.preload.js.isolate-98765"}
	for _, p := range crashed {
		os.WriteFile(filepath.Join(root, p), []byte("half"), 0o600)
	}
	keep := filepath.Join(root, "src", ".isolate-notes.tmp") // not a name isolate gives
	os.WriteFile(keep, []byte("mine"), 0o600)
	code, _, stderr := runTest(t, nil, "migrate", "--yes", root)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "removed 2 temporary files an interrupted run of isolate left behind: src/.isolate-1234567.tmp, src/settings/.preload.js.isolate-98765") {
		t.Errorf("stderr:\n%s", stderr)
	}
	for _, p := range crashed {
		if _, err := os.Lstat(filepath.Join(root, p)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s is still there", p)
		}
	}
	if _, err := os.Stat(keep); err != nil {
		t.Error("a file isolate did not make was removed")
	}
}

// A file name as long as a file system allows (255 bytes) must still be written: the temporary file beside it
// cannot carry the name.
func TestMigrateWritesAFileWithALongName(t *testing.T) {
	useTestRules(t)
	name := "src/" + strings.Repeat("p", 255-len("-preload.js")) + "-preload.js"
	root := writeApp(t, map[string]string{name: "// preload\nwindow.api = { ok: true }\n"})
	code, _, stderr := runTest(t, nil, "migrate", "--yes", root)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if after := snapshot(t, root); !strings.Contains(after[name], "exposeInMainWorld('api'") {
		t.Errorf("not written: %q", after[name])
	}
}

// File names with a tab, a newline, a quote or non-ASCII letters are quoted in the diff headers as git quotes
// them, so git apply takes the whole patch and it leaves the tree as --yes does.
func TestMigratePatchQuotesFileNamesAsGitDoes(t *testing.T) {
	git := testenv.Tool(t, "git")
	useTestRules(t)
	files := map[string]string{
		"src/tab\there-preload.js":   "// preload\nwindow.tab = 1\n",
		"src/new\nline-preload.js":   "// preload\nwindow.line = 2\n",
		"src/say \"hi\"-preload.js":  "// preload\nwindow.quote = 3\n",
		"src/grüße-preload.js":       "// preload\nwindow.greet = 4\n",
		"src/back\\slash-preload.js": "// preload\nwindow.slash = 5\n",
		"src/plain preload.js":       "// preload\nwindow.plain = 6\n",
	}
	viaPatch, viaYes := writeApp(t, files), writeApp(t, files)
	code, patch, stderr := runTest(t, nil, "migrate", "--dry-run", "--diff-only", viaPatch)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, header := range []string{
		`diff --git "a/src/tab\there-preload.js" "b/src/tab\there-preload.js"` + "\n",
		`+++ "b/src/new\nline-preload.js"` + "\n",
		`--- "a/src/say \"hi\"-preload.js"` + "\n",
		`diff --git "a/src/gr\303\274\303\237e-preload.js"`,
		`"a/src/back\\slash-preload.js"`,
		"diff --git a/src/plain preload.js b/src/plain preload.js\n",
	} {
		if !strings.Contains(patch, header) {
			t.Errorf("patch lacks %s:\n%s", header, patch)
		}
	}
	apply := exec.Command(git, "apply", "-")
	apply.Dir, apply.Stdin = viaPatch, strings.NewReader(patch)
	if out, err := apply.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s", err, out)
	}
	if code, _, stderr := runTest(t, nil, "migrate", "--yes", viaYes); code != 0 {
		t.Fatalf("--yes: exit %d\n%s", code, stderr)
	}
	yes := snapshot(t, viaYes)
	sameTree(t, yes, snapshot(t, viaPatch))
	if !strings.Contains(yes["src/tab\there-preload.js"], "exposeInMainWorld('tab'") {
		t.Errorf("not migrated: %q", yes["src/tab\there-preload.js"])
	}
}

// Without the git binary on PATH, isolate reads the work tree's status itself and still refuses a dirty tree.
func TestMigrateRefusesADirtyTreeWithoutTheGitBinary(t *testing.T) {
	useTestRules(t)
	root := writeApp(t, legacyApp)
	repo, err := gogit.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	if err := wt.AddGlob("."); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "Dev", Email: "dev@example.com", When: time.Unix(1700000000, 0)}
	if _, err := wt.Commit("app", &gogit.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", t.TempDir()) // no git here
	os.WriteFile(filepath.Join(root, "src/renderer.js"), []byte("// work in progress\n"+legacyApp["src/renderer.js"]), 0o644)

	code, _, stderr := runTest(t, nil, "migrate", "--yes", root)
	if code != exitFailure || !strings.Contains(stderr, "has uncommitted changes:\n") || !strings.Contains(stderr, " M src/renderer.js") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if after := snapshot(t, root); after["src/preload.js"] != legacyApp["src/preload.js"] {
		t.Error("written over a dirty tree")
	}

	os.WriteFile(filepath.Join(root, "src/renderer.js"), []byte(legacyApp["src/renderer.js"]), 0o644)
	code, stdout, stderr := runTest(t, nil, "migrate", "--yes", root)
	if code != 0 || !strings.Contains(stdout, "Wrote 2 files") || strings.Contains(stderr, "not in a git work tree") {
		t.Errorf("clean tree: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// runWithin runs isolate and fails the test when it does not finish in time (a FIFO read would hang, a link to
// /dev/zero would grow until killed).
func runWithin(t *testing.T, limit time.Duration, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		code, stdout, stderr = runTest(t, nil, args...)
	}()
	select {
	case <-done:
		return
	case <-time.After(limit):
		t.Fatalf("isolate %v did not finish in %v", args, limit)
		return
	}
}

// Manifests and configuration files go through the same gate as sources: a link out of the tree, a FIFO or an
// oversized file is not read, and the problem says so.
func TestHostileManifestsAreNotRead(t *testing.T) {
	useTestRules(t)
	root := writeApp(t, legacyApp)
	os.Remove(filepath.Join(root, "package.json"))
	links := map[string]string{"package.json": "/dev/zero", "package-lock.json": "/dev/zero", "src/jsconfig.json": "/dev/urandom"}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"tsconfig.json", ".gitignore", "yarn.lock"} {
		if err := syscall.Mkfifo(filepath.Join(root, name), 0o644); err != nil {
			t.Skipf("no FIFOs here: %v", err)
		}
	}
	code, stdout, stderr := runWithin(t, 60*time.Second, "migrate", "--dry-run", root)
	if code != 0 && code != exitFailure {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"package.json: symbolic link to /dev/zero, outside the project; not read",
		"package-lock.json: symbolic link to /dev/zero, outside the project; not read",
		".gitignore: not a regular file (a named pipe); not read; its patterns are not applied",
		"tsconfig.json: not a regular file (a named pipe); not read",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "exposeInMainWorld('notes'") {
		t.Errorf("the sources were not migrated:\n%s", stdout)
	}
	if code, _, stderr := runWithin(t, 60*time.Second, "check", root); code == 0 && stderr == "" {
		t.Errorf("check: exit %d", code)
	}

	// .isolaterc.json as a FIFO: a clear configuration error, not a hang.
	root = writeApp(t, legacyApp)
	syscall.Mkfifo(filepath.Join(root, ".isolaterc.json"), 0o644)
	code, _, stderr = runWithin(t, 60*time.Second, "check", root)
	if code == 0 || !strings.Contains(stderr, ".isolaterc.json: not a regular file (a named pipe); not read") {
		t.Errorf("check with a FIFO .isolaterc.json: exit %d\n%s", code, stderr)
	}

	// An oversized tsconfig.json is not read into memory.
	root = writeApp(t, legacyApp)
	huge := append([]byte(`{"compilerOptions":{},"x":"`), bytes.Repeat([]byte("a"), 9<<20)...)
	os.WriteFile(filepath.Join(root, "tsconfig.json"), append(huge, `"}`...), 0o644)
	_, _, stderr = runWithin(t, 60*time.Second, "migrate", "--dry-run", root)
	if !strings.Contains(stderr, "tsconfig.json: larger than 8 MB") {
		t.Errorf("stderr:\n%s", stderr)
	}
}

// Review asks once per group and shows all its diffs together: a window cannot be accepted without its preload.
func TestMigrateReviewAsksPerGroup(t *testing.T) {
	root := writeApp(t, twoWindowApp)
	p := &prompt.Scripted{Answers: []any{"skip", "apply"}}
	code, stdout, stderr := runTest(t, p, "migrate", root)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	want := []string{
		"Change 1 of 2: the window at src/main.js:6 (src/main.js, src/preload.js), 2 files that must change together?",
		"Change 2 of 2: the window at src/settings/window.js:5 (src/settings/preload.js, src/settings/window.js), 2 files that must change together?",
	}
	if fmt.Sprint(p.Asked) != fmt.Sprint(want) {
		t.Errorf("asked %q", p.Asked)
	}
	after := snapshot(t, root)
	for _, f := range []string{"src/main.js", "src/preload.js"} {
		if after[f] != twoWindowApp[f] {
			t.Errorf("%s of the skipped group was written", f)
		}
	}
	for _, f := range []string{"src/settings/window.js", "src/settings/preload.js"} {
		if after[f] == twoWindowApp[f] {
			t.Errorf("%s of the accepted group was not written", f)
		}
	}
	if !strings.Contains(stdout, "Wrote 2 files in 1 group, skipped 1.") {
		t.Errorf("stdout:\n%s", stdout)
	}
}

// A preload is not rewritten when the window that loads it stays unisolated: isolate found no window at all (the
// main code that creates it is minified, so skipped), or found it in a file it cannot parse whole and so never
// rewrites (a class with an accessor field).
func TestMigrateHoldsANameOnlyPreloadWithoutAnyWindow(t *testing.T) {
	for name, main := range map[string]map[string]string{
		"minified": {"src/main.min.js": `const{app:a,BrowserWindow:B}=require("electron");a.whenReady().then(()=>{new B({webPreferences:{preload:require("path").join(__dirname,"preload.js"),contextIsolation:false}}).loadFile("index.html")});` + "\n"},
		"accessor": {"src/main.js": "const { app, BrowserWindow } = require('electron')\nclass Settings { accessor theme = 'dark' }\n" +
			"app.whenReady().then(() => {\n  new BrowserWindow({ webPreferences: { preload: require('path').join(__dirname, 'preload.js'), contextIsolation: false } })\n})\n"},
	} {
		t.Run(name, func(t *testing.T) {
			files := map[string]string{
				"package.json":   `{"name":"clock","main":"src/main.js","devDependencies":{"electron":"^22.0.0"}}` + "\n",
				"src/preload.js": "const { ipcRenderer } = require('electron')\nwindow.clock = { now: () => ipcRenderer.invoke('now') }\n",
			}
			for k, v := range main {
				files[k] = v
			}
			root := writeApp(t, files)
			code, stdout, stderr := runTest(t, nil, "migrate", "--yes", root)
			if code != exitFailure {
				t.Errorf("exit %d, want 1: the migration is not complete", code)
			}
			if after := snapshot(t, root); after["src/preload.js"] != files["src/preload.js"] {
				t.Errorf("the preload was rewritten while its window stays unisolated:\n%s", after["src/preload.js"])
			}
			want := "isolate found no window that loads it"
			if name == "accessor" { // the window is found, in a file isolate cannot rewrite
				want = "the BrowserWindow at src/main.js:4 that loads this preload is left unisolated"
			}
			if !strings.Contains(stdout, want) {
				t.Errorf("stdout:\n%s\nstderr:\n%s", stdout, stderr)
			}
		})
	}
}

// A preload that is a symbolic link to a file inside the tree is followed, as a linked main file is: the window
// and the file the link points to change together, and the link stays a link.
func TestMigrateFollowsAPreloadLinkInsideTheTree(t *testing.T) {
	files := map[string]string{}
	for k, v := range twoWindowApp {
		files[k] = v
	}
	files["src/preloads/journal.js"] = files["src/preload.js"]
	delete(files, "src/preload.js")
	root := writeApp(t, files)
	if err := os.Symlink("preloads/journal.js", filepath.Join(root, "src", "preload.js")); err != nil {
		t.Fatal(err)
	}
	groups := planGroups(t, root)
	if len(groups) == 0 || fmt.Sprint(groups[0].Files) != "[src/main.js src/preloads/journal.js]" {
		t.Fatalf("groups %+v", groups)
	}
	if code, _, stderr := runTest(t, nil, "migrate", "--yes", root); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	after := snapshot(t, root)
	if !strings.Contains(after["src/preloads/journal.js"], "exposeInMainWorld('journal'") || !strings.Contains(after["src/main.js"], "contextIsolation: true") {
		t.Errorf("not migrated:\n%s\n%s", after["src/main.js"], after["src/preloads/journal.js"])
	}
	if info, err := os.Lstat(filepath.Join(root, "src", "preload.js")); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
}
