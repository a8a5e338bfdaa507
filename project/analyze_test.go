package project

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/syntax"
)

func facts(t *testing.T, files map[string]string) *Facts {
	t.Helper()
	f := &Facts{Files: map[string]*File{}, Pages: map[string]*Page{}}
	for p, src := range files {
		if strings.HasSuffix(p, ".html") {
			f.Pages[p] = &Page{Path: p, Src: []byte(src)}
			continue
		}
		sf, err := syntax.Parse(p, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		f.Files[p] = &File{File: sf}
	}
	return f
}

// analyze runs Analyze the way project.Load does: parse what it asks for among the files given (a stand-in for
// the walk's listing), until it asks for nothing new.
func analyze(t *testing.T, f *Facts, unparsed map[string]string) []string {
	t.Helper()
	var asked []string
	for round := 0; round < 10; round++ {
		more := Analyze(f)
		asked = append(asked, more...)
		parsed := false
		for _, p := range more {
			if src, ok := unparsed[p]; ok {
				sf, err := syntax.Parse(p, []byte(src))
				if err != nil {
					t.Fatal(err)
				}
				f.Files[p] = &File{File: sf}
				delete(unparsed, p)
				parsed = true
			}
		}
		if !parsed {
			return asked
		}
	}
	t.Fatal("Analyze kept asking")
	return nil
}

func roleOf(t *testing.T, f *Facts, p string) Role {
	t.Helper()
	file, ok := f.Files[p]
	if !ok {
		t.Fatalf("%s not parsed", p)
	}
	return file.Role
}

func TestAnalyzeResolvesPreloadsRelativeToMain(t *testing.T) {
	f := facts(t, map[string]string{
		"src/main.js": `const { BrowserWindow } = require('electron')
const path = require('path')
const opts = { width: 800, webPreferences: { preload: path.join(__dirname, 'preload', 'index.js'), nodeIntegration: true } }
function create() { return new BrowserWindow(opts) }
const view = new BrowserView({ webPreferences: { preload: ` + "`${__dirname}/../view-preload.js`" + ` } })
`,
		"src/preload/index.js": "window.api = {}\n",
		"preload.js":           "window.x = 1\n",
	})
	more := Analyze(f)
	if len(more) == 0 || more[0] != "view-preload.js" {
		t.Fatalf("more = %v", more)
	}
	if !f.Files["src/main.js"].Role.Has(Main) || len(f.Windows) != 2 {
		t.Fatalf("main role %v, %d windows", f.Files["src/main.js"].Role, len(f.Windows))
	}
	w := f.Windows[0]
	if w.Options == nil || w.WebPreferences == nil || w.Preload != "src/preload/index.js" || len(w.Unfollowable) != 0 {
		t.Fatalf("window %+v", w)
	}
	pre := f.Files["src/preload/index.js"]
	if !pre.Role.Has(Preload) || pre.Heuristic || pre.Why != "preload of src/main.js:4" {
		t.Fatalf("preload role %v heuristic %v why %q", pre.Role, pre.Heuristic, pre.Why)
	}
	if f.Files["preload.js"].Role != 0 {
		t.Fatal("a preload no window loads was marked as one")
	}
}

func TestAnalyzePreloadExpressions(t *testing.T) {
	cases := []struct {
		name, main, expr, want string
		heuristic              bool
	}{
		{"join", "main.js", "path.join(__dirname, 'preload.js')", "preload.js", false},
		{"resolve", "src/main.js", "path.resolve(__dirname, '..', 'lib', 'preload.js')", "lib/preload.js", false},
		{"imported join", "main.js", "join(__dirname, './preload.js')", "preload.js", false},
		{"concat", "main.js", "__dirname + '/preload.js'", "preload.js", false},
		{"template", "app/main.js", "`${__dirname}/preload.js`", "app/preload.js", false},
		{"const", "main.js", "PRELOAD", "preload.js", false},
		{"app path", "main.js", "path.join(app.getAppPath(), 'preload.js')", "preload.js", false},
		{"esm url", "main.mjs", "fileURLToPath(new URL('./preload.js', import.meta.url))", "preload.js", false},
		{"import.meta.dirname", "main.mjs", "path.join(import.meta.dirname, 'preload.js')", "preload.js", false},
		{"ternary", "main.js", "app.isPackaged ? path.join(__dirname, 'missing.js') : path.join(__dirname, 'preload.js')", "preload.js", false},
		// electron-vite: src/main/index.ts is built to out/main/index.js and loads out/preload/index.js, which is
		// built from src/preload/index.ts.
		{"electron-vite", "src/main/index.ts", "join(__dirname, '../preload/index.js')", "src/preload/index.ts", true},
		{"electron-vite mjs", "src/main/index.ts", "join(__dirname, '../preload/index.mjs')", "src/preload/index.ts", true},
		{"boilerplate", "src/main/main.ts", "app.isPackaged ? path.join(__dirname, 'preload.js') : path.join(__dirname, '../../.erb/dll/preload.js')", "src/main/preload.ts", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			preloads := map[string]string{
				"preload.js": "window.a = 1\n", "lib/preload.js": "window.a = 1\n", "app/preload.js": "window.a = 1\n",
				"src/preload/index.ts": "window.a = 1\n", "src/main/preload.ts": "window.a = 1\n",
			}
			main := "const PRELOAD = path.join(__dirname, 'preload.js')\n" +
				"new BrowserWindow({ webPreferences: { preload: " + c.expr + " } })\n"
			f := facts(t, map[string]string{c.main: main})
			analyze(t, f, preloads)
			w := f.Windows[0]
			if w.Preload != c.want || w.PreloadHeuristic != c.heuristic {
				t.Fatalf("preload %q heuristic %v (%s), want %q %v", w.Preload, w.PreloadHeuristic, w.PreloadWhy, c.want, c.heuristic)
			}
			if got := f.Files[c.want]; !got.Role.Has(Preload) || got.Heuristic != c.heuristic {
				t.Fatalf("role %v heuristic %v why %q", got.Role, got.Heuristic, got.Why)
			}
			if c.heuristic && !strings.Contains(f.Files[c.want].Why, "heuristic") {
				t.Fatalf("why does not say it is a heuristic: %q", f.Files[c.want].Why)
			}
		})
	}
}

func TestAnalyzeOptionsShapes(t *testing.T) {
	main := `import { BrowserWindow, BrowserWindowConstructorOptions, WebContentsView } from 'electron'
import { join } from 'path'
import { shared } from './shared'

const typed: BrowserWindowConstructorOptions = {
  width: 800,
  webPreferences: { nodeIntegration: true, contextIsolation: false },
}
const a = new BrowserWindow(typed)

const later = { webPreferences: { nodeIntegration: true } as any }
later.webPreferences.preload = join(__dirname, 'preload.js')
const b = new BrowserWindow(later)

const base = { webPreferences: { contextIsolation: false } }
const c = new BrowserWindow({ ...base, width: 1 })
const d = new BrowserWindow({ ...base, webPreferences: { ...base.webPreferences, sandbox: false } })
const e = new BrowserWindow({ webPreferences: { contextIsolation: true, ...extra } })
const g = new BrowserWindow(Object.assign({ show: false }, base))
const g2 = new BrowserWindow(Object.assign({}, shared))
const h = new BrowserWindow(shared)
function make(opts) { return new BrowserWindow(opts) }
const prefs = { nodeIntegration: true }
prefs.contextIsolation = false
const i = new WebContentsView({ webPreferences: prefs })
const j = new BrowserWindow(WINDOWS[name])
let window = new BrowserWindow()
window.webContents.openDevTools()
`
	f := facts(t, map[string]string{"src/main.ts": main, "src/preload.ts": "window.x = 1\n"})
	Analyze(f)
	if len(f.Windows) != 12 {
		t.Fatalf("%d windows", len(f.Windows))
	}
	file := f.Files["src/main.ts"]
	reasons := func(w *Window) string {
		var out []string
		for _, u := range w.Unfollowable {
			out = append(out, u.Why)
		}
		return strings.Join(out, "; ")
	}
	type want struct {
		options, prefs bool
		unfollowable   string
	}
	wants := []want{
		{true, true, ""},
		{true, true, ""},
		{true, false, "the options spread ...base, which may carry webPreferences"},
		{true, true, ""},
		{true, true, "...extra comes after contextIsolation: true and may override it"},
		{true, true, ""}, // Object.assign of literals of the file: base's webPreferences win
		{false, false, "the options are built by Object.assign(…)"},
		{false, false, "the options are imported (shared)"},
		{false, false, "the options are the parameter opts; callers decide them"},
		{true, true, "contextIsolation is set afterwards (prefs.contextIsolation)"},
		{false, false, "the options are looked up from WINDOWS[name]"},
		{false, false, ""},
	}
	for i, w := range f.Windows {
		got := want{w.Options != nil, w.WebPreferences != nil, reasons(w)}
		if got != wants[i] {
			t.Errorf("window %d (line %d): got %+v, want %+v", i, w.Line(f), got, wants[i])
		}
	}
	if w := f.Windows[5]; w.WebPreferences == nil || file.Text(w.WebPreferences) != "{ contextIsolation: false }" {
		t.Errorf("Object.assign({ show: false }, base): webPreferences %v", w.WebPreferences)
	}
	if w := f.Windows[1]; w.Preload != "src/preload.ts" || file.Text(w.PreloadExpr) != "join(__dirname, 'preload.js')" {
		t.Errorf("preload assigned afterwards: %q from %q", w.Preload, file.Text(w.PreloadExpr))
	}
	if w := f.Windows[3]; w.PrefsSpread == nil || file.Text(w.PrefsSpread) != "...base.webPreferences" {
		t.Errorf("prefs spread %v", w.PrefsSpread)
	}
	if f.Windows[9].Constructor != "WebContentsView" {
		t.Errorf("constructor %s", f.Windows[9].Constructor)
	}
}

func TestAnalyzeTestsAndMocksAreNeverAppCode(t *testing.T) {
	f := facts(t, map[string]string{
		"main.js":                    "new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })\n",
		"preload.js":                 "window.api = {}\n",
		"__mocks__/electron.js":      "module.exports = { ipcRenderer: { send: jest.fn() } }\n",
		"test/main.test.js":          "new BrowserWindow({ webPreferences: { preload: 'x.js' } })\n",
		"src/preload.spec.ts":        "window.api = { save: jest.fn() }\n",
		"src/helpers/fake-bridge.js": "const { ipcRenderer } = require('electron')\njest.mock('electron')\nwindow.api = {}\n",
		"jest.setup.js":              "window.electron = { ipcRenderer: {} }\n",
		"src/renderer.js":            "const { ipcRenderer } = require('electron')\nipcRenderer.send('x')\n",
	})
	Analyze(f)
	for _, p := range []string{"__mocks__/electron.js", "test/main.test.js", "src/preload.spec.ts", "src/helpers/fake-bridge.js", "jest.setup.js"} {
		if r := roleOf(t, f, p); r != Test {
			t.Errorf("%s: role %v, want test only", p, r)
		}
	}
	if len(f.Windows) != 1 {
		t.Errorf("a test file's window was recorded: %d windows", len(f.Windows))
	}
	if r := roleOf(t, f, "src/renderer.js"); r != Renderer || !f.Files["src/renderer.js"].Heuristic {
		t.Errorf("renderer: %v heuristic %v", r, f.Files["src/renderer.js"].Heuristic)
	}
}

func TestAnalyzeRendererScriptsFromPagesAndImports(t *testing.T) {
	f := facts(t, map[string]string{
		"main.js": "const { app, BrowserWindow } = require('electron')\nnew BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })\n",
		"index.html": `<!doctype html>
<html><head><script src="https://cdn.example.com/x.js"></script>
<script type="text/template"><div>{{x}}</div></script>
<script>
  const fs = require('fs')
</script></head>
<body><script src="./renderer.js?v=2"></script><script type="module" src="/src/app.js"></script>
<webview src="https://example.com" preload="file://./guest-preload.js"></webview></body></html>
`,
		"preload.js":      "const { ipcRenderer } = require('electron')\nconst util = require('./util')\nwindow.api = {}\n",
		"src/widget.js":   "import { ipcRenderer } from 'electron'\nexport const w = 1\n",
		"ipc-handlers.js": "const { ipcMain } = require('electron')\nipcMain.handle('x', () => 1)\n",
		"other.js":        "const electron = require('electron')\nmodule.exports = electron.dialog\n",
	})
	unparsed := map[string]string{
		"renderer.js":      "document.title = 'x'\nwindow.api.save()\n",
		"src/app.js":       "import { w } from './widget.js'\nconsole.log(w)\n",
		"util.js":          "module.exports = { x: 1 }\n",
		"guest-preload.js": "window.guest = {}\n",
	}
	asked := analyze(t, f, unparsed)
	for _, p := range []string{"renderer.js", "src/app.js", "util.js"} {
		if !contains(asked, p) {
			t.Errorf("%s not asked for (asked %v)", p, asked)
		}
	}
	pg := f.Pages["index.html"]
	if !reflect.DeepEqual(pg.Scripts, []string{"renderer.js", "src/app.js"}) {
		t.Errorf("scripts %v", pg.Scripts)
	}
	if pg.Inline == nil || len(pg.Inline.Src) != len(pg.Src) {
		t.Fatal("inline script not parsed over the page's bytes")
	}
	calls := pg.Inline.Root.Find("call_expression")
	if len(calls) != 1 || pg.Inline.Text(calls[0]) != "require('fs')" || pg.Inline.Pos(calls[0].Start).Line != 5 {
		t.Errorf("inline calls %d", len(calls))
	}
	checks := map[string]struct {
		role Role
		why  string
	}{
		"renderer.js":      {Renderer, "loaded by index.html"},
		"src/app.js":       {Renderer, "loaded by index.html"},
		"src/widget.js":    {Renderer, "uses ipcRenderer at 1:10 outside a preload; imported by page script src/app.js"},
		"util.js":          {Preload, "required by preload preload.js"},
		"guest-preload.js": {Preload, "preload of a <webview> in index.html"},
		"ipc-handlers.js":  {Main, "uses ipcMain from electron"},
		"other.js":         {Main, "uses dialog from electron"},
	}
	for p, c := range checks {
		file := f.Files[p]
		if file == nil || file.Role != c.role || file.Why != c.why {
			t.Errorf("%s: got %v %q, want %v %q", p, file.Role, file.Why, c.role, c.why)
		}
	}
}

func TestAnalyzeForgeWebpackEntries(t *testing.T) {
	f := facts(t, map[string]string{
		"forge.config.js": `module.exports = { plugins: [{ name: '@electron-forge/plugin-webpack', config: { renderer: { entryPoints: [
  { html: './src/index.html', js: './src/renderer.js', name: 'main_window', preload: { js: './src/preload.js' } },
] } } }] }
`,
		"src/main.js": "new BrowserWindow({ webPreferences: { preload: MAIN_WINDOW_PRELOAD_WEBPACK_ENTRY } })\n",
	})
	analyze(t, f, map[string]string{"src/preload.js": "window.x = 1\n", "src/renderer.js": "window.x.y()\n"})
	if w := f.Windows[0]; w.Preload != "src/preload.js" || !strings.Contains(w.PreloadWhy, "main_window") {
		t.Fatalf("forge preload %q (%s)", w.Preload, w.PreloadWhy)
	}
	if r := roleOf(t, f, "src/renderer.js"); r != Renderer {
		t.Fatalf("renderer entry role %v", r)
	}
}

func TestAnalyzeFallsBackToFileNameAndSaysSo(t *testing.T) {
	f := facts(t, map[string]string{
		"app/main.js":    "new BrowserWindow({ webPreferences: { preload: getPreloadPath() } })\n",
		"app/preload.js": "window.x = require('electron').ipcRenderer\n",
	})
	Analyze(f)
	pre := f.Files["app/preload.js"]
	if !pre.Role.Has(Preload) || !pre.Heuristic || len(f.Notes) != 1 {
		t.Fatalf("role %v heuristic %v notes %v", pre.Role, pre.Heuristic, f.Notes)
	}
}

func TestAnalyzeIsRepeatable(t *testing.T) {
	f := facts(t, map[string]string{
		"main.js":    "new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })\n",
		"preload.js": "window.x = 1\n",
	})
	Analyze(f)
	first := f.Files["preload.js"].Why
	Analyze(f)
	if got := f.Files["preload.js"].Why; got != first || len(f.Windows) != 1 {
		t.Fatalf("second Analyze changed facts: %q vs %q, %d windows", got, first, len(f.Windows))
	}
}

func TestRelevantKeywords(t *testing.T) {
	for src, want := range map[string]bool{
		"const fs = window.require('fs')":                  true,
		"declare global { interface Window { api: Api } }": true,
		"const { ipcRenderer } = require('electron')":      true,
		"export const add = (a, b) => a + b":               false,
		"document.querySelector('#app')":                   false,
	} {
		if got := Relevant([]byte(src)); got != want {
			t.Errorf("Relevant(%q) = %v", src, got)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestElectronVersion(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"devDependencies":{"electron":"^11.2.0"}}`), 0o644)
	if v := ElectronVersion(dir); !v.Known || v.Major != 11 || v.Minor != 2 || v.Source != "package.json" {
		t.Fatalf("got %+v", v)
	}
	os.WriteFile(filepath.Join(dir, "package-lock.json"), []byte(`{"packages":{"node_modules/electron":{"version":"11.5.1"}}}`), 0o644)
	if v := ElectronVersion(dir); v.Major != 11 || v.Minor != 5 || v.Source != "package-lock.json" {
		t.Fatalf("got %+v", v)
	}
	if v := ElectronVersion(t.TempDir()); v.Known {
		t.Fatalf("no package.json gave %+v", v)
	}
}

// A package installed as a dependency of a dependency is a package, not app code a bundler alias hides, even with
// a baseUrl that could map its name to a file: the lockfile beside package.json says it is installed.
func TestKnownPackageFromLockfiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"dependencies":{"mobx":"^6.0.0"}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "package-lock.json"), []byte(`{"packages":{"":{},"node_modules/debug":{},"node_modules/mobx/node_modules/@scope/inner":{}}}`), 0o644)
	f := &Facts{Root: dir, resolve: newResolver(dir)}
	for _, spec := range []string{"mobx", "debug", "debug/src/browser", "@scope/inner"} {
		if ok, told := f.KnownPackage("src/app.js", spec); !ok || !told {
			t.Errorf("%s: known %v (told %v), want a package", spec, ok, told)
		}
	}
	if ok, _ := f.KnownPackage("src/app.js", "helpers"); ok {
		t.Error("helpers is in no lockfile, yet known")
	}
	yarn := t.TempDir()
	os.WriteFile(filepath.Join(yarn, "package.json"), []byte(`{"dependencies":{}}`), 0o644)
	os.WriteFile(filepath.Join(yarn, "yarn.lock"), []byte("# yarn lockfile v1\n\n\"@babel/core@^7.0.0\", \"@babel/core@^7.1.0\":\n  version \"7.2.0\"\n\ncolor@^3.1.2:\n  version \"3.1.3\"\n"), 0o644)
	f = &Facts{Root: yarn, resolve: newResolver(yarn)}
	for _, spec := range []string{"color", "@babel/core"} {
		if ok, _ := f.KnownPackage("app.js", spec); !ok {
			t.Errorf("%s from yarn.lock: not known", spec)
		}
	}
}

// A docs page's missing bundle is not unread page code, unless a window is made in that directory too (an
// example app).
func TestUnreadPageScriptsSkipDocsButNotExampleApps(t *testing.T) {
	page := []byte(`<!doctype html><html><body><script src="bundle.js"></script></body></html>`)
	facts := &Facts{Files: map[string]*File{}, Pages: map[string]*Page{
		"docs/index.html":           {Path: "docs/index.html", Src: page},
		"examples/basic/index.html": {Path: "examples/basic/index.html", Src: page},
	}}
	main, err := syntax.Parse("examples/basic/main.js", []byte("new BrowserWindow({ webPreferences: { nodeIntegration: true } })\n"))
	if err != nil {
		t.Fatal(err)
	}
	facts.Files["examples/basic/main.js"] = &File{File: main}
	Analyze(facts)
	if got := facts.Pages["docs/index.html"].Unread; len(got) != 0 {
		t.Errorf("docs page: unread %v", got)
	}
	if got := facts.Pages["examples/basic/index.html"].Unread; len(got) != 1 || got[0] != "examples/basic/bundle.js" {
		t.Errorf("example app page: unread %v, want its bundle", got)
	}
}
