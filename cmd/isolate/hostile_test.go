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
