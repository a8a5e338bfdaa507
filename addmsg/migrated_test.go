package addmsg

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/migrate"
	"github.com/isolate-dev/isolate/rules/consistency"
)

var update = flag.Bool("update", false, "rewrite the .diff goldens of testdata/add from the current output")

// copyTree copies a fixture app into a temporary directory.
func copyTree(t *testing.T, from string) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		target := filepath.Join(dir, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// writeTree writes files into a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// migratedCases add one message of each kind to the migrated fixture apps of testdata/add. Each golden
// testdata/add/<fixture>/<method>.diff is the patch followed by the notes; read it when it changes (go test
// ./addmsg -run Golden -update rewrites them).
var migratedCases = []struct {
	fixture string
	req     Request
}{
	// CommonJS, semicolons, arrow members, channels under notes:, a window that loads a file.
	{"migrated-js", Request{Method: "getNote", Kind: bridge.Invoke, Params: "name: string", Result: "string | null"}},
	{"migrated-js", Request{Method: "exportNote", Kind: bridge.Send, Params: "name: string, format?: 'md' | 'txt'"}},
	{"migrated-js", Request{Method: "onNoteDeleted", Kind: bridge.Event, Params: "name: string", Doc: "A note was deleted in another window."}},
	// TypeScript, double quotes, no semicolons, method members exposed through a const, its own sender check,
	// declare global typings with method signatures.
	{"migrated-ts", Request{Method: "getUser", Kind: bridge.Invoke, Params: "id: string, force?: boolean", Result: "{ name: string }"}},
	{"migrated-ts", Request{Method: "resetAll", Kind: bridge.Send}},
	{"migrated-ts", Request{Method: "onThemeChanged", Kind: bridge.Event, Params: "theme: 'light' | 'dark'", Channel: "theme-changed"}},
}

func TestGoldenMigrated(t *testing.T) {
	for _, c := range migratedCases {
		t.Run(c.fixture+"/"+c.req.Method, func(t *testing.T) {
			app := filepath.Join("..", "testdata", "add", c.fixture, "app")
			dir := copyTree(t, app)
			res, err := Compute(dir, c.req)
			if err != nil {
				t.Fatal(err)
			}
			if res.App != Migrated {
				t.Errorf("app kind %s", res.App)
			}
			var b strings.Builder
			for _, ch := range res.Plan.Changes {
				b.WriteString(ch.Diff)
			}
			for _, n := range res.Notes {
				b.WriteString("note: " + n + "\n")
			}
			got := b.String()
			golden := filepath.Join("..", "testdata", "add", c.fixture, c.req.Method+".diff")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s:\n%s", golden, got)
			}

			// Written, the message is there to stay: adding it again is refused, and so is its channel.
			if err := res.Write(); err != nil {
				t.Fatal(err)
			}
			if _, err := Compute(dir, c.req); err == nil || !strings.Contains(err.Error(), "exists already") {
				t.Errorf("second add: %v", err)
			}
			again := c.req
			again.Method += "Again"
			again.Channel = res.Message.Channel
			if _, err := Compute(dir, again); err == nil || !strings.Contains(err.Error(), "channel") {
				t.Errorf("add on a taken channel: %v", err)
			}
		})
	}
}

// A legacy app that sets window.api without isolation, or a directory with no Electron code at all, is not an
// isolated app: the error says what to run first.
func TestNotAnIsolatedApp(t *testing.T) {
	legacy := writeTree(t, map[string]string{
		"package.json": `{"main": "main.js", "devDependencies": {"electron": "^11.0.0"}}`,
		"main.js": `const { BrowserWindow } = require('electron')
new BrowserWindow({ webPreferences: { preload: __dirname + '/preload.js', nodeIntegration: true } })
`,
		"preload.js": "const { ipcRenderer } = require('electron')\nwindow.api = { ping: () => ipcRenderer.invoke('ping') }\n",
	})
	for _, dir := range []string{legacy, t.TempDir()} {
		_, err := Compute(dir, Request{Method: "getUser", Kind: bridge.Invoke})
		if !errors.Is(err, ErrNotIsolated) || !strings.Contains(err.Error(), "isolate new") || !strings.Contains(err.Error(), "isolate migrate") {
			t.Errorf("%s: got %v", dir, err)
		}
	}
}

// Preloads that expose several objects that talk to main need --key; the one named gets the method. Data next to
// one bridge object needs no --key.
func TestSeveralExposedObjects(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.js": `const { ipcMain } = require('electron')
ipcMain.handle('files:open', (event) => null)
`,
		"preload.js": `const { contextBridge, ipcRenderer } = require('electron')
contextBridge.exposeInMainWorld('files', { open: () => ipcRenderer.invoke('files:open') })
contextBridge.exposeInMainWorld('meta', { check: () => ipcRenderer.invoke('meta:check') })
contextBridge.exposeInMainWorld('version', '1.0')
`,
	})
	_, err := Compute(dir, Request{Method: "save", Kind: bridge.Invoke})
	var input *InputError
	if !errors.As(err, &input) || !strings.Contains(err.Error(), "window.files (preload.js), window.meta (preload.js), window.version (preload.js)") || !strings.Contains(err.Error(), "--key") {
		t.Fatalf("got %v", err)
	}
	res, err := Compute(dir, Request{Method: "save", Kind: bridge.Invoke, Key: "files"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Message.Channel != "files:save" || len(res.Plan.Changes) != 2 {
		t.Errorf("channel %q, %d changes", res.Message.Channel, len(res.Plan.Changes))
	}
	for _, c := range res.Plan.Changes {
		if c.Path == "preload.js" && !strings.Contains(string(c.New), "{ open: () => ipcRenderer.invoke('files:open'),\n  /** @returns {Promise<unknown>} */\n  save: () => ipcRenderer.invoke('files:save') })") {
			t.Errorf("preload:\n%s", c.New)
		}
	}
	if _, err := Compute(dir, Request{Method: "save", Kind: bridge.Invoke, Key: "nope"}); !errors.As(err, &input) {
		t.Errorf("unknown key: %v", err)
	}
	one := writeTree(t, map[string]string{
		"preload.js": `const { contextBridge, ipcRenderer } = require('electron')
contextBridge.exposeInMainWorld('version', '1.0')
contextBridge.exposeInMainWorld('files', { open: () => ipcRenderer.invoke('files:open') })
contextBridge.exposeInMainWorld('meta', { name: 'x' })
`,
	})
	if res, err := Compute(one, Request{Method: "save", Kind: bridge.Invoke}); err != nil || res.Key != "files" {
		t.Errorf("one bridge object among data: %v", err)
	}
}

// A channel main handles already cannot get a second handler; an exposed value that is not an object literal
// cannot be extended; a preload that only has contextBridge gets ipcRenderer next to it.
func TestMigratedEdgeCases(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.js": `const { ipcMain } = require('electron')
ipcMain.handle('ping', () => 'pong')
`,
		"preload.js": `const { contextBridge } = require('electron')
contextBridge.exposeInMainWorld('api', {})
`,
	})
	if _, err := Compute(dir, Request{Method: "ping", Kind: bridge.Invoke}); err == nil || !strings.Contains(err.Error(), "handled in main already (main.js:2:1)") {
		t.Errorf("taken channel: %v", err)
	}
	res, err := Compute(dir, Request{Method: "pong", Kind: bridge.Send})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Plan.Changes {
		if c.Path == "preload.js" {
			want := "const { contextBridge, ipcRenderer } = require('electron')\ncontextBridge.exposeInMainWorld('api', {\n  /** @returns {void} */\n  pong: () => ipcRenderer.send('pong'),\n})\n"
			if string(c.New) != want {
				t.Errorf("preload:\n%s\nwant\n%s", c.New, want)
			}
		}
	}

	built := writeTree(t, map[string]string{
		"preload.js": "const { contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('api', makeApi())\n",
	})
	if _, err := Compute(built, Request{Method: "x", Kind: bridge.Send}); err == nil || !strings.Contains(err.Error(), "cannot follow") {
		t.Errorf("non-literal exposure: %v", err)
	}
}

// A TypeScript preload whose object is declared with an interface that the Window typing also names: the
// interface gets the member once, and the result parses.
func TestMigratedTypedObject(t *testing.T) {
	preload := `import { contextBridge, ipcRenderer } from 'electron'

export interface Api {
  ping: () => Promise<string>
}

const api: Api = {
  ping: () => ipcRenderer.invoke('ping'),
}

declare global {
  interface Window {
    api: Api
  }
}

contextBridge.exposeInMainWorld('api', api)
`
	dir := writeTree(t, map[string]string{"src/preload.ts": preload,
		"src/main.ts": "import { ipcMain } from 'electron'\nipcMain.handle('ping', () => 'pong')\n"})
	res, err := Compute(dir, Request{Method: "getUser", Kind: bridge.Invoke, Params: "id: string"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Plan.Changes {
		if c.Path != "src/preload.ts" {
			continue
		}
		got := string(c.New)
		if strings.Count(got, "getUser: (id: string) => Promise<unknown>") != 1 || strings.Count(got, "getUser:") != 2 {
			t.Errorf("want the member once in Api and once in the object:\n%s", got)
		}
	}
	// The only note is about the sender check: the fixture's main loads no page.
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "trusts file:// pages") {
		t.Errorf("notes %q", res.Notes)
	}
}

// The stub's sender check trusts what the app's windows load: loadFile pages, literal loadURL origins; an address
// it cannot read is named in a note.
func TestMigratedSenderCheckFollowsWhatWindowsLoad(t *testing.T) {
	preload := "const { contextBridge, ipcRenderer } = require('electron')\ncontextBridge.exposeInMainWorld('api', { ping: () => ipcRenderer.invoke('ping') })\n"
	for _, c := range []struct {
		load, check, note string
	}{
		{"win.loadFile('index.html')", "if (!url.startsWith('file://'))", ""},
		{"win.loadURL('app://ui/index.html')", "if (!url.startsWith('app://ui/'))", ""},
		{"win.loadURL(`file://${__dirname}/index.html`)", "if (!url.startsWith('file://'))", ""},
		{"if (dev) win.loadURL(process.env.DEV_URL)\n  else win.loadFile('index.html')", "if (!url.startsWith('file://'))",
			"main also loads a URL isolate cannot read (main.js:5)"},
		{"win.loadURL('https://app.example.com/')\n  win.loadFile('offline.html')",
			"if (!['https://app.example.com/', 'file://'].some((trusted) => url.startsWith(trusted)))", ""},
		{"win.loadURL(start)", "if (!url.startsWith('file://'))", "could not tell which URL"},
	} {
		main := "const { app, BrowserWindow, ipcMain } = require('electron')\n" +
			"ipcMain.handle('ping', () => 'pong')\n" +
			"app.whenReady().then(() => {\n  const win = new BrowserWindow({ webPreferences: { preload: __dirname + '/preload.js' } })\n  " +
			c.load + "\n})\n"
		dir := writeTree(t, map[string]string{"main.js": main, "preload.js": preload})
		res, err := Compute(dir, Request{Method: "getUser", Kind: bridge.Invoke})
		if err != nil {
			t.Fatal(err)
		}
		var mainNew string
		for _, ch := range res.Plan.Changes {
			if ch.Path == "main.js" {
				mainNew = string(ch.New)
			}
		}
		if !strings.Contains(mainNew, c.check) {
			t.Errorf("%s: want %q in\n%s", c.load, c.check, mainNew)
		}
		notes := strings.Join(res.Notes, "\n")
		if (c.note == "") != (notes == "") || !strings.Contains(notes, c.note) {
			t.Errorf("%s: notes %q, want one saying %q", c.load, notes, c.note)
		}
	}
}

// Every migrate fixture, once migrated, either takes a new message or says clearly why not: never an internal
// error, never a file that does not parse (Compute checks every new file with esbuild).
func TestAddAfterMigrate(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "migrate", "*", "app"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no migrate fixtures: %v", err)
	}
	added, held := 0, 0
	for _, app := range dirs {
		name := filepath.Base(filepath.Dir(app))
		dir := copyTree(t, app)
		plan, _, err := migrate.Compute(dir, codemod.Rules(codemod.ForMigrate), nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, c := range plan.Changes {
			if err := plan.Apply(c); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		// A fixture whose windows the consistency pass held back is left as it was, not isolated: it is not one
		// of the migrated apps this test is about.
		for _, d := range plan.Diagnostics {
			if d.Rule == consistency.StillWorksRule {
				held++
				break
			}
		}
		res, err := Compute(dir, Request{Method: "getThing", Kind: bridge.Invoke, Params: "id: string"})
		var input *InputError
		switch {
		case err == nil:
			added++
			if err := res.Write(); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if _, err := Compute(dir, Request{Method: "getThing", Kind: bridge.Send}); err == nil || !strings.Contains(err.Error(), "exists already") {
				t.Errorf("%s: second add: %v", name, err)
			}
		case errors.As(err, &input) && strings.Contains(err.Error(), "--key"),
			errors.Is(err, ErrNotIsolated),
			strings.Contains(err.Error(), "cannot follow"):
			t.Logf("%s: %v", name, err)
		default:
			t.Errorf("%s: %v", name, err)
		}
	}
	if migrated := len(dirs) - held; added < migrated/2 {
		t.Errorf("added to %d of %d migrated fixtures; expected most to take a message", added, migrated)
	}
}
