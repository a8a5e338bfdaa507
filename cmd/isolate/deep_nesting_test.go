package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// deepRenderer is page code nested 100,000 blocks deep, each block using a name from outside it: before isolate
// bounded the depth it read, resolving those names walked every enclosing block for each, and check did not end.
func deepRenderer() string {
	const levels = 100_000
	return "const { ipcRenderer } = require('electron')\nlet count = 0\n" + strings.Repeat("{ count++\n", levels) +
		"ipcRenderer.send('deep', count)\n" + strings.Repeat("}\n", levels)
}

// Each command ends in bounded time on a tree holding such a file, says the file was skipped and why, and still
// does its work on the rest of the app.
func TestDeepNestingIsSkippedWithAProblemLine(t *testing.T) {
	deep := deepRenderer()
	for _, c := range []struct {
		name string
		app  func(t *testing.T) string
		args []string
		// want is what the output must still hold about the rest of the app.
		want string
	}{
		{"check", deepPageApp, []string{"check"}, "context-isolation"},
		{"migrate", deepPageApp, []string{"migrate", "--dry-run"}, "contextIsolation: true"},
		{"add", migratedApp, []string{"add", "getUser", "--invoke", "--dry-run"}, "getUser"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := c.app(t)
			if err := os.WriteFile(filepath.Join(dir, "deep.js"), []byte(deep), 0o644); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			_, stdout, stderr := runTest(t, nil, append(c.args, dir)...)
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("took %v on a file nested 100,000 levels deep, want under 5s", took)
			}
			if !strings.Contains(stdout+stderr, "deep.js") || !strings.Contains(stdout+stderr, "nests more than 1000 levels deep") {
				t.Errorf("no problem line names deep.js and its depth\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
			}
			if !strings.Contains(stdout+stderr, c.want) {
				t.Errorf("the rest of the app was not handled (no %q)\nstdout:\n%s\nstderr:\n%s", c.want, stdout, stderr)
			}
		})
	}
}

// deepPageApp is a small nodeIntegration app whose page script is deep.js.
func deepPageApp(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{
		"package.json": `{"name":"legacy","main":"main.js","devDependencies":{"electron":"30.0.0"}}`,
		"main.js": `const { app, BrowserWindow } = require('electron')
const path = require('path')
app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: false } })
  win.loadFile('index.html')
})
`,
		"preload.js": "window.ping = () => 'pong'\n",
		"index.html": `<!doctype html><html><body><script src="deep.js"></script></body></html>`,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// migratedApp is a copy of an app isolate migrate moved to contextBridge, to which add adds messages.
func migratedApp(t *testing.T) string {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "testdata", "add", "migrated-js", "app"))); err != nil {
		t.Fatal(err)
	}
	return dir
}
