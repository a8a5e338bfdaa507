package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/internal/testenv"
)

// insecureMain is a main process with four high findings: Node in the page, no isolation, no web security and
// remote turned on.
var insecureMain = map[string]string{
	"package.json": `{"name":"ledger","main":"main.js","devDependencies":{"electron":"^9.0.0"}}` + "\n",
	"main.js": "const { app, BrowserWindow } = require('electron')\n\napp.whenReady().then(() => {\n" +
		"  const win = new BrowserWindow({\n    webPreferences: {\n      nodeIntegration: true,\n" +
		"      contextIsolation: false,\n      webSecurity: false,\n      enableRemoteModule: true,\n    },\n  })\n" +
		"  win.loadFile('index.html')\n})\n",
	"index.html": "<!doctype html><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">\n" +
		"<script src=\"renderer.js\"></script>\n",
	"renderer.js": "document.title = 'ledger'\n",
}

// A committed main.js that .gitignore lists is still what Electron runs and what git tracks: check must read it,
// or a one-line commit silences the audit.
func TestCheckReadsTrackedFilesGitignoreLists(t *testing.T) {
	gitBin := testenv.Tool(t, "git")
	dir := writeApp(t, insecureMain)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command(gitBin, append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "app")
	code, before, _ := runTest(t, nil, "check", "--fail-on", "high", dir)
	highs := strings.Count(before, " high ")
	if code != exitFailure || highs < 4 {
		t.Fatalf("before .gitignore: exit %d, %d high findings\n%s", code, highs, before)
	}
	writeFile(t, dir, ".gitignore", "main.js\n")
	git("add", ".gitignore")
	git("commit", "-q", "-m", "ignore main.js")
	code, after, errOut := runTest(t, nil, "check", "--fail-on", "high", dir)
	if code != exitFailure || strings.Count(after, " high ") != highs || !strings.Contains(after, "main.js:6:") {
		t.Errorf("with main.js in .gitignore: exit %d, want the same %d high findings\n%s%s", code, highs, after, errOut)
	}
}

func writeFile(t *testing.T, dir, rel, content string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// escapingApp names a preload and a page script with terminal escape sequences (a window title, a clipboard
// write) and quotes one in an IPC channel: the text output of check and migrate must show them, not run them.
var escapingApp = map[string]string{
	"package.json": `{"name":"x","main":"main.js","devDependencies":{"electron":"^9.0.0"}}` + "\n",
	"main.js": "const { app, BrowserWindow, ipcMain } = require('electron')\nconst path = require('path')\n" +
		"app.whenReady().then(() => {\n  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, " +
		"preload: path.join(__dirname, 'pre\x1b]0;pwned\x07.js') } })\n  win.loadFile('index.html')\n})\n" +
		"ipcMain.on('chan\x1b]52;c;aGk=\x07\x9b2J', (e, a) => { require('child_process').exec(a) })\n",
	"pre\x1b]0;pwned\x07.js": "window.x = 1\nrequire('electron').ipcRenderer.send('a')\n",
	"index.html":             "<script src=\"rend\x1b]2;t\x07.js\"></script>\n",
	"rend\x1b]2;t\x07.js":    "document.title = 1\n",
}

func TestTextOutputEscapesControlCharacters(t *testing.T) {
	dir := writeApp(t, escapingApp)
	raw := func(what, out string) {
		t.Helper()
		for _, line := range strings.Split(out, "\n") {
			// Diff headers are quoted as git quotes them, by the diff writer; the diff body is the patch, exact.
			if strings.HasPrefix(line, "diff --git ") || strings.HasPrefix(line, "--- ") || strings.HasPrefix(line, "+++ ") ||
				strings.HasPrefix(line, "+") || strings.HasPrefix(line, "-") || strings.HasPrefix(line, " ") {
				continue
			}
			if strings.IndexByte(line, 0x1b) >= 0 || strings.IndexByte(line, 0x07) >= 0 || strings.IndexByte(line, 0x9b) >= 0 {
				t.Errorf("%s printed a control character raw: %q", what, line)
			}
		}
	}
	_, out, errOut := runTest(t, nil, "check", dir)
	raw("check", out+errOut)
	if !strings.Contains(out, `"pre\033]0;pwned\a.js":1:1 high`) {
		t.Errorf("check does not quote the preload's name as git would:\n%s", out)
	}
	_, out, errOut = runTest(t, nil, "migrate", "--dry-run", dir)
	raw("migrate --dry-run", out+errOut)
	if !strings.Contains(out, `"pre\033]0;pwned\a.js":`) {
		t.Errorf("migrate does not quote the preload's name:\n%s", out)
	}
	// JSON keeps names exact: a tool reading it gets the real file name.
	_, out, _ = runTest(t, nil, "check", "--format", "json", dir)
	if !strings.Contains(out, `"file": "pre\u001b]0;pwned\u0007.js"`) {
		t.Errorf("check --format json changed the file name:\n%s", out)
	}
}

// A window whose page runs a script isolate did not read keeps Node: the script may need it, and isolate cannot
// tell. The finding names the script and why it was not read. Chromium runs every one of these.
func TestMigrateLeavesAWindowWhosePageScriptWasSkipped(t *testing.T) {
	nodeUse := "const fs = require('fs')\ndocument.body.textContent = fs.readFileSync(__filename, 'utf8')\n"
	utf16 := []byte{0xff, 0xfe}
	for _, r := range nodeUse {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	var minified strings.Builder
	minified.WriteString("const fs=require('fs');")
	for i := range 60 {
		fmt.Fprintf(&minified, "function f%d(a){return fs.readFileSync(a+%d,'utf8')}", i, i)
	}
	large := nodeUse + strings.Repeat("// padding to make the file larger than isolate reads\n", 3<<20/54)
	for _, tc := range []struct {
		name, renderer, why string
	}{
		{"minified", minified.String(), "it looks minified"},
		{"UTF-16", string(utf16), "it is UTF-16LE text, and isolate reads UTF-8 only"},
		{"too large", large, "larger than the 2 MiB isolate reads"},
		{"binary", nodeUse + "\x00\x00", "it is binary"},
	} {
		dir := writeApp(t, map[string]string{
			"package.json": `{"name":"x","main":"main.js","devDependencies":{"electron":"^12.0.0"}}` + "\n",
			"main.js": "const { app, BrowserWindow } = require('electron')\napp.whenReady().then(() => {\n" +
				"  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } })\n" +
				"  win.loadFile('index.html')\n})\n",
			"index.html":  "<!doctype html>\n<script src=\"renderer.js\"></script>\n",
			"renderer.js": tc.renderer,
		})
		code, out, errOut := runTest(t, nil, "migrate", "--dry-run", dir)
		if strings.Contains(out, "+++ b/main.js") {
			t.Errorf("%s: main.js rewritten although its page's script was not read:\n%s", tc.name, out)
		}
		if code != exitFailure || !strings.Contains(out, "main.js:3:15 high web-preferences") ||
			!strings.Contains(out, "page index.html loads renderer.js, which isolate did not read") || !strings.Contains(out, tc.why) {
			t.Errorf("%s: exit %d, want a high finding naming renderer.js and %q:\n%s%s", tc.name, code, tc.why, out, errOut)
		}
	}
}

// After a write fails, running isolate again is not what to do next: the failure has to be fixed first, and the
// app is half migrated meanwhile.
func TestMigrateAfterAFailedWriteSaysWhatToDo(t *testing.T) {
	useTestRules(t)
	root := writeApp(t, map[string]string{
		"src/good/preload.js":   "// preload\nwindow.good = true\n",
		"src/locked/preload.js": "// preload\nwindow.locked = true\n",
	})
	if err := os.Chmod(filepath.Join(root, "src/locked/preload.js"), 0o444); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runTest(t, nil, "migrate", "--yes", root)
	if code != exitFailure || !strings.Contains(stdout, "Wrote 1 file, 1 group not written (see above).") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if strings.Contains(stdout, "migrate again to confirm nothing is left") {
		t.Errorf("after a failed write, isolate says to run it again to confirm:\n%s", stdout)
	}
	if !strings.Contains(stdout, "The app is only partly migrated and may not work until the rest is written: fix what kept 1 file from being written (see above)") {
		t.Errorf("stdout does not say what to do about the failed write:\n%s", stdout)
	}
}

// A preload isolate found but did not read is reported as what it is, not as missing from the tree.
func TestMigrateSaysWhyAPreloadWasNotRead(t *testing.T) {
	for _, tc := range []struct{ name, preload, why string }{
		{"binary", "window.api = {}\n\x00\x00", "it is binary: it holds NUL bytes"},
		{"too large", "window.api = {}\n" + strings.Repeat("// a preload padded past what isolate reads\n", 3<<20/44), "larger than the 2 MiB isolate reads"},
	} {
		dir := writeApp(t, map[string]string{
			"package.json": `{"name":"x","main":"main.js","devDependencies":{"electron":"^9.0.0"}}` + "\n",
			"main.js": "const { app, BrowserWindow } = require('electron')\nconst path = require('path')\n" +
				"app.whenReady().then(() => {\n  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })\n" +
				"  win.loadFile('index.html')\n})\n",
			"index.html":  "<!doctype html>\n<script src=\"renderer.js\"></script>\n",
			"renderer.js": "document.title = 'x'\n",
			"preload.js":  tc.preload,
		})
		_, out, errOut := runTest(t, nil, "migrate", "--dry-run", dir)
		if strings.Contains(out, "not in the tree") || !strings.Contains(out, "its preload preload.js was not read (") || !strings.Contains(out, tc.why) {
			t.Errorf("%s preload: want it named with %q, not as missing:\n%s%s", tc.name, tc.why, out, errOut)
		}
	}
}

// An invalid package.json is reported as invalid, where it stops being JSON, not as lacking electron.
func TestInvalidPackageJSONIsReportedAsInvalid(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"package.json": "{\n  \"name\": \"ledger\",\n  \"devDependencies\": { \"electron\": \"^9.0.0\", }\n}\n",
		// Every flag left to the version's defaults, so the findings depend on the version isolate could not read.
		"main.js":     "const { app, BrowserWindow } = require('electron')\napp.whenReady().then(() => new BrowserWindow({}).loadFile('index.html'))\n",
		"index.html":  "<!doctype html>\n<script src=\"renderer.js\"></script>\n",
		"renderer.js": "document.title = 'ledger'\n",
	})
	_, out, errOut := runTest(t, nil, "check", dir)
	if strings.Contains(out+errOut, "no electron in package.json") {
		t.Errorf("an invalid package.json is reported as lacking electron:\n%s%s", out, errOut)
	}
	if !strings.Contains(errOut, "package.json:3:46 not checked: not valid JSON: invalid character '}'") ||
		!strings.Contains(out, "(package.json is not valid JSON at 3:46: ") {
		t.Errorf("check does not say package.json is invalid, with its line:col:\n%s%s", out, errOut)
	}
	_, out, errOut = runTest(t, nil, "migrate", "--dry-run", dir)
	if !strings.Contains(errOut, "package.json:3:46: not valid JSON") {
		t.Errorf("migrate does not say package.json is invalid:\n%s%s", out, errOut)
	}
}

// An empty argument is a mistake in the command line, not a directory named "".
func TestEmptyArgumentIsAUsageError(t *testing.T) {
	for _, args := range [][]string{{""}, {"check", ""}, {"migrate", ""}, {"types", ""}, {"new", "--yes", ""}, {"add", ""}} {
		code, out, errOut := runTest(t, nil, args...)
		if code != exitUsage || strings.Contains(errOut, " is not a directory") || !strings.Contains(errOut, "empty") && args[0] != "add" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 saying the argument is empty", args, code, out, errOut)
		}
	}
}
