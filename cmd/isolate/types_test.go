package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/scaffold"
)

// isolate types --check fails on typings that lag behind the preload and prints the diff; isolate types brings
// them in line, after which --check passes.
func TestTypesCheckThenUpdate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "app")
	copyFixture(t, filepath.Join("..", "..", "testdata", "types", "stale-typings"), dir)
	envFile := filepath.Join(dir, "src", "renderer", "env.d.ts")
	before, _ := os.ReadFile(envFile)

	code, stdout, stderr := runTest(t, nil, "types", "--check", dir)
	if code != 1 || !strings.Contains(stdout, "-      pin: (id: string) => void\n") || !strings.Contains(stdout, "+      pin: (id: number) => void\n") ||
		!strings.Contains(stdout, "-      unpin: (id: number) => void\n") ||
		!strings.Contains(stdout, "+      onChanged: (callback: (text: string) => void) => () => void\n") ||
		!strings.Contains(stderr, "out of date") {
		t.Fatalf("--check on stale typings: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if after, _ := os.ReadFile(envFile); string(after) != string(before) {
		t.Fatal("--check wrote the typings")
	}

	code, stdout, stderr = runTest(t, nil, "types", dir)
	if code != 0 || !strings.Contains(stdout, "updated src/renderer/env.d.ts") {
		t.Fatalf("isolate types: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	got, _ := os.ReadFile(envFile)
	want := `// What the preload exposes. Keep in step with src/preload/index.ts.
declare global {
  interface Window {
    clips: {
      history: () => Promise<string[]>
      pin: (id: number) => void
      onChanged: (callback: (text: string) => void) => () => void
      version: string
    }
  }
}

export {}
`
	if string(got) != want {
		t.Errorf("env.d.ts after isolate types:\n%s\nwant:\n%s", got, want)
	}
	if code, stdout, stderr := runTest(t, nil, "types", "--check", dir); code != 0 || stdout != "" || !strings.Contains(stderr, "up to date") {
		t.Errorf("--check after isolate types: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

// A JavaScript app with a jsconfig.json and no declaration gets window.d.ts beside its preload; without a
// jsconfig or tsconfig nothing is written.
func TestTypesCreatesDeclarationForJavaScriptWithJSConfig(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"package.json": `{"name": "x", "main": "main.js", "devDependencies": {"electron": "^30.0.0"}}`,
		"main.js": `const { app, BrowserWindow } = require('electron')
const path = require('path')
app.whenReady().then(() => new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } }))
`,
		"preload.js": `const { contextBridge, ipcRenderer } = require('electron')
contextBridge.exposeInMainWorld('api', {
  saveNote: (note) => ipcRenderer.send('save-note', note),
  onSaved: (callback) => {
    const listener = (_event, ...args) => callback(...args)
    ipcRenderer.on('note-saved', listener)
    return () => ipcRenderer.removeListener('note-saved', listener)
  },
  platform: 'linux'
})
`,
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := runTest(t, nil, "types", "--check", dir); code != 0 {
		t.Fatalf("without a jsconfig: exit %d: %s", code, stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, "jsconfig.json"), []byte(`{"compilerOptions": {"checkJs": true}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runTest(t, nil, "types", dir)
	if code != 0 || !strings.Contains(stdout, "created window.d.ts") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "window.d.ts"))
	for _, want := range []string{"    api: {\n      saveNote: (note: unknown) => void\n      onSaved: (callback: (...args: any[]) => void) => () => void\n      platform: string\n    }\n"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("window.d.ts:\n%s\nwant:\n%s", got, want)
		}
	}
	if code, _, stderr := runTest(t, nil, "types", "--check", dir); code != 0 {
		t.Errorf("--check after creating: exit %d: %s", code, stderr)
	}
}

// A freshly scaffolded app types window.api from its contract: isolate types has nothing to do.
func TestTypesLeavesScaffoldedAppAlone(t *testing.T) {
	for _, lang := range []string{"ts", "js"} {
		dir := filepath.Join(t.TempDir(), "app")
		files, err := scaffold.Render(scaffold.Options{Name: "fresh", Lang: lang, UI: "vanilla", PM: "npm"})
		if err != nil {
			t.Fatal(err)
		}
		if err := scaffold.Write(dir, files); err != nil {
			t.Fatal(err)
		}
		if code, stdout, stderr := runTest(t, nil, "types", "--check", dir); code != 0 {
			t.Errorf("%s: exit %d\nstdout:\n%s\nstderr:\n%s", lang, code, stdout, stderr)
		}
	}
}

// copyFixture copies a fixture directory into dst.
func copyFixture(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
