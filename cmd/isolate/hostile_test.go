package main

import (
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
