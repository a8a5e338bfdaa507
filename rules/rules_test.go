package rules

import (
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/project/projecttest"
	"github.com/isolate-dev/isolate/rules/windows"
	"github.com/isolate-dev/isolate/scaffold"
	"github.com/isolate-dev/isolate/syntax"
)

// app builds facts from sources in memory: a main.js that loads preload.js into a window without context
// isolation, as a legacy app does (unless the files say otherwise), the given files, and the Electron version.
func app(t *testing.T, electron string, files map[string]string) *project.Facts {
	t.Helper()
	if _, ok := files["main.js"]; !ok {
		files["main.js"] = "const { BrowserWindow } = require('electron')\nconst path = require('path')\n" +
			"new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: false } })\n"
	}
	return projecttest.Facts(t, electron, files)
}

// check migrates the facts, makes sure every output parses and a second run changes nothing, and returns the
// diagnostics and the new files.
func check(t *testing.T, facts *project.Facts) ([]codemod.Diagnostic, map[string]string) {
	t.Helper()
	for p, f := range facts.Files {
		if ps := syntax.Validate(p, f.Src); ps != nil {
			t.Fatalf("test input %s does not parse: %v", p, ps)
		}
	}
	ds, out := migrate(t, facts)
	files := map[string]string{}
	for p, src := range out {
		if ps := syntax.Validate(p, src); ps != nil {
			t.Fatalf("%s does not parse after the rewrite: %v\n%s", p, ps, src)
		}
		files[p] = string(src)
	}
	if len(out) > 0 {
		again := map[string]string{}
		for p, f := range facts.Files {
			again[p] = string(f.Src)
		}
		for p, src := range files {
			again[p] = src
		}
		second := app(t, facts.Electron.Raw, again)
		second.Electron = facts.Electron
		ds2, out2 := migrate(t, second)
		for p, src := range out2 {
			t.Errorf("a second run changes %s:\n%s\ndiagnostics: %q", p, src, diagLines(ds2))
		}
	}
	return ds, files
}

func hasDiag(ds []codemod.Diagnostic, rule, fragment string) bool {
	for _, d := range ds {
		if d.Rule == rule && strings.Contains(d.Message, fragment) {
			return true
		}
	}
	return false
}

func TestWindowAssignShapes(t *testing.T) {
	cases := []struct {
		name, preload, want string
	}{
		{"global and globalThis",
			"const { ipcRenderer } = require('electron')\nglobal.a = { ping: () => ipcRenderer.send('ping') }\nglobalThis.b = 'x'\n",
			"const { ipcRenderer, contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('a', { ping: () => ipcRenderer.send('ping') })\ncontextBridge.exposeInMainWorld('b', 'x')\n"},
		{"string subscript",
			"const { ipcRenderer } = require('electron')\nwindow['my-api'] = { ping: () => ipcRenderer.send('ping') }\n",
			"const { ipcRenderer, contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('my-api', { ping: () => ipcRenderer.send('ping') })\n"},
		{"whole module bound",
			"const electron = require('electron')\nwindow.api = { ping: () => electron.ipcRenderer.send('ping') }\n",
			"const electron = require('electron')\nelectron.contextBridge.exposeInMainWorld('api', { ping: () => electron.ipcRenderer.send('ping') })\n"},
		{"member of require",
			"var ipcRenderer = require('electron').ipcRenderer;\nwindow.api = { ping: function () { ipcRenderer.send('ping'); } };\n",
			"var ipcRenderer = require('electron').ipcRenderer;\nvar { contextBridge } = require('electron');\ncontextBridge.exposeInMainWorld('api', { ping: function () { ipcRenderer.send('ping'); } });\n"},
		{"no electron import, CommonJS, after use strict",
			"'use strict'\n// Bridge.\nconst os = require('os')\nwindow.info = { eol: '\\n' }\n",
			"'use strict'\nconst { contextBridge } = require('electron')\n// Bridge.\nconst os = require('os')\ncontextBridge.exposeInMainWorld('info', { eol: '\\n' })\n"},
		{"already imported under another name",
			"import { contextBridge as bridge, ipcRenderer } from 'electron'\nbridge.exposeInMainWorld('a', { x: 1 })\nwindow.b = { ping: () => ipcRenderer.send('ping') }\n",
			"import { contextBridge as bridge, ipcRenderer } from 'electron'\nbridge.exposeInMainWorld('a', { x: 1 })\nbridge.exposeInMainWorld('b', { ping: () => ipcRenderer.send('ping') })\n"},
		{"multi-line destructuring with trailing comma",
			"const {\n  ipcRenderer,\n  webFrame,\n} = require('electron')\n\nwindow.zoom = { set: (f) => webFrame.setZoomFactor(f), ping: () => ipcRenderer.send('p') }\n",
			"const {\n  ipcRenderer,\n  webFrame,\n  contextBridge,\n} = require('electron')\n\ncontextBridge.exposeInMainWorld('zoom', { set: (f) => webFrame.setZoomFactor(f), ping: () => ipcRenderer.send('p') })\n"},
		{"members without the initial object, contiguous",
			"const { ipcRenderer } = require('electron')\nwindow.api.save = (d) => ipcRenderer.invoke('save', d)\nwindow.api.load = () => ipcRenderer.invoke('load')\n",
			"const { ipcRenderer, contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('api', {\n  save: (d) => ipcRenderer.invoke('save', d),\n  load: () => ipcRenderer.invoke('load')\n})\n"},
		{"members with code between, placed at the last one",
			"const { ipcRenderer } = require('electron')\nwindow.api = {}\nwindow.api.save = (d) => ipcRenderer.invoke('save', d)\nconst version = ipcRenderer.sendSync('version')\nwindow.api.version = version\n",
			"const { ipcRenderer, contextBridge } = require('electron')\nconst version = ipcRenderer.sendSync('version')\ncontextBridge.exposeInMainWorld('api', {\n  save: (d) => ipcRenderer.invoke('save', d),\n  version: version\n})\n"},
		{"comments beside every edited statement stay",
			"const { ipcRenderer } = require('electron') // electron\n\n/** The API. */\nwindow.api = { /* empty for now */ } // filled below\n\n// Save a file.\nwindow.api.save = (d) => ipcRenderer.invoke('save', d) // async\n/* end */\n",
			"const { ipcRenderer, contextBridge } = require('electron') // electron\n\n/** The API. */\ncontextBridge.exposeInMainWorld('api', { /* empty for now */\n  // Save a file.\n  save: (d) => ipcRenderer.invoke('save', d) // async\n}) // filled below\n\n/* end */\n"},
		{"CRLF and tabs",
			"const { ipcRenderer } = require('electron');\r\n\r\nwindow.api = {};\r\nwindow.api.save = function (d) {\r\n\treturn ipcRenderer.invoke('save', d);\r\n};\r\n",
			"const { ipcRenderer, contextBridge } = require('electron');\r\n\r\ncontextBridge.exposeInMainWorld('api', {\r\n\tsave: function (d) {\r\n\t\treturn ipcRenderer.invoke('save', d);\r\n\t}\r\n});\r\n"},
		{"template literal values keep their lines",
			"const { ipcRenderer } = require('electron')\nwindow.api = {}\nwindow.api.help = `line one\n  line two`\nwindow.api.ping = () => {\n  ipcRenderer.send('ping')\n}\n",
			"const { ipcRenderer, contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('api', {\n  help: `line one\n  line two`,\n  ping: () => {\n    ipcRenderer.send('ping')\n  }\n})\n"},
		{"loaded callback keeps its other work",
			"const { ipcRenderer } = require('electron')\nprocess.once('loaded', () => {\n  window.api = { ping: () => ipcRenderer.send('ping') }\n  console.log('loaded')\n})\n",
			"const { ipcRenderer, contextBridge } = require('electron')\nprocess.once('loaded', () => {\n  console.log('loaded')\n})\ncontextBridge.exposeInMainWorld('api', { ping: () => ipcRenderer.send('ping') })\n"},
		{"byte order mark and no import",
			"\ufeffwindow.x = { a: 1 }\n",
			"\ufeffconst { contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('x', { a: 1 })\n"},
		{"TypeScript cast and ES import",
			"import { ipcRenderer } from 'electron'\n\n(window as any).api = { ping: (): void => ipcRenderer.send('ping') } as const\n",
			"import { ipcRenderer, contextBridge } from 'electron'\n\ncontextBridge.exposeInMainWorld('api', { ping: (): void => ipcRenderer.send('ping') } as const)\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			name := "preload.js"
			if strings.Contains(c.name, "TypeScript") {
				name = "preload.ts"
			}
			files := map[string]string{name: c.preload}

			ds, out := check(t, app(t, "30.0.0", files))
			if got := out[name]; got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s\ndiagnostics: %q", got, c.want, diagLines(ds))
			}
		})
	}
}

// A rewrite that would change what runs, or when, is reported and not made.
func TestWindowAssignReportsWhatItCannotRewriteSafely(t *testing.T) {
	cases := []struct {
		name, preload, rule, fragment string
	}{
		{"preload reads what it exposed",
			"window.api = { a: () => 1, b: () => window.api.a() }\n", "window-assign", "the preload reads window.api"},
		{"assigned twice",
			"window.api = { a: 1 }\nwindow.api = { b: 2 }\n", "window-assign", "assigned twice"},
		{"member before the object",
			"window.api.a = () => 1\nwindow.api = {}\n", "window-assign", "after members were set on it"},
		{"members on a computed value",
			"window.api = makeApi()\nwindow.api.extra = () => 1\nfunction makeApi () { return {} }\n", "window-assign", "not an object literal"},
		{"order would change",
			"const { ipcRenderer } = require('electron')\nwindow.api = {}\nwindow.api.first = ipcRenderer.sendSync('first')\nipcRenderer.send('between')\nwindow.api.second = ipcRenderer.sendSync('second')\n",
			"window-assign", "would change when"},
		{"already exposed",
			"const { contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('api', { a: 1 })\nwindow.api.b = 2\n", "window-assign", "already exposed"},
		{"loaded callback local",
			"process.once('loaded', () => {\n  const { ipcRenderer } = require('electron')\n  global.api = { ping: () => ipcRenderer.send('ping') }\n})\n",
			"window-assign", "declared inside the 'loaded' callback"},
		{"loaded callback without braces", "process.once('loaded', () => (global.api = { a: 1 }))\n", "window-assign", "part of a larger expression"},
		{"nested member", "window.api = { fs: {} }\nwindow.api.fs.read = () => 1\n", "window-assign", "nested member"},
		{"computed key", "const k = 'api'\nwindow[k] = {}\n", "window-assign", "computed property"},
		{"in a listener", "window.addEventListener('load', () => { window.api = {} })\n", "late-exposure", "inside a listener for 'load'"},
		{"conditional", "if (process.env.DEV) window.dev = { x: 1 }\n", "late-exposure", "under the condition"},
		{"and-guarded", "process.env.DEV && (window.dev = { x: 1 })\n", "late-exposure", "under the condition"},
		{"this in a method", "window.api = { n: 1, inc () { this.n++ } }\n", "bridge-value", "uses this"},
		{"ipcRenderer from an import", "import { ipcRenderer } from 'electron'\nwindow.ipc = ipcRenderer\n", "expose-node-api", "ipcRenderer"},
		{"child_process", "window.cp = require('child_process')\n", "expose-node-api", "child_process"},
		{"process", "window.proc = process\n", "expose-node-api", "process object"},
		{"new Map is fine but a class is not", "class Store {}\nwindow.s = { m: new Map(), store: new Store() }\n", "bridge-value", "instance of Store"},
		// What the value is comes first, whatever else keeps the key from being rewritten.
		{"Node's process set twice", "const p = process\nprocess.once('loaded', () => {\n  global.process = p\n  window.process = p\n})\n",
			"expose-node-api", "Node's process object"},
		{"set twice through two names", "window.api = { a: 1 }\nglobal.api = { b: 2 }\n", "window-assign", "(window.api at line 1 and global.api at line 2)"},
		{"error handler", "window.onerror = (msg) => console.log(msg)\n", "preload-page-global", "no longer the page's"},
		{"class instance returned", "class Doc { read () {} }\nwindow.docs = { open: () => new Doc() }\n", "bridge-value", "returns an instance of Doc"},
		{"the global handed to a helper", "const setup = require('./setup')\nsetup(window)\nwindow.api = { a: 1 }\n", "window-assign", "passes the page's global to setup"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds, out := check(t, app(t, "30.0.0", map[string]string{"preload.js": c.preload}))
			if _, changed := out["preload.js"]; changed && c.rule == "window-assign" {
				t.Errorf("rewritten anyway:\n%s", out["preload.js"])
			}
			if !hasDiag(ds, c.rule, c.fragment) {
				t.Errorf("no %s diagnostic containing %q: %q", c.rule, c.fragment, diagLines(ds))
			}
			for _, d := range ds {
				if d.Fix != nil && d.Rule == "window-assign" && strings.Contains(c.preload, "window.api") && c.rule != "window-assign" {
					t.Errorf("window.api got a fix despite %s: %s", c.rule, d)
				}
			}
		})
	}
}

// Decoys: nothing a rule must leave alone is rewritten.
func TestDecoysAreLeftAlone(t *testing.T) {
	cases := map[string]map[string]string{
		"local named window": {"preload.js": "const window = { x: 0 }\nwindow.x = 1\nmodule.exports = window\n"},
		"contextIsolated fallback": {"preload.js": "const { contextBridge } = require('electron')\nconst api = { a: 1 }\n" +
			"if (process.contextIsolated) {\n  contextBridge.exposeInMainWorld('api', api)\n} else {\n  window.api = api\n}\n" +
			"process.contextIsolated ? contextBridge.exposeInMainWorld('b', 1) : (window.b = 1)\n"},
		"test file": {"preload.test.js": "window.api = { save: jest.fn() }\n", "preload.js": "const { contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('api', {})\n"},
		"page code's own globals": {"index.html": "<script src=\"app.js\"></script>", "app.js": "window.store = { items: [] }\nwindow.store.items.push(1)\n",
			"preload.js": "const { contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('api', {})\n"},
		"syntax error": {"preload.js": "window.api = { a: \n"},
		"event handler properties reach the page": {"preload.js": "window.onload = () => console.log('loaded')\nwindow.location.hash = '#start'\n"},
		"a declared build constant": {"preload.ts": "import { contextBridge } from 'electron'\ndeclare const APP_VERSION: string\n" +
			"contextBridge.exposeInMainWorld('app', { version: () => APP_VERSION })\n"},
		"built-ins only Chromium has": {"preload.js": "const { contextBridge } = require('electron')\n" +
			"contextBridge.exposeInMainWorld('capture', { grab: (track) => new window.ImageCapture(track).grabFrame() })\n"},
	}
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			facts := app(t, "30.0.0", files)
			ds, out := migrate(t, facts)
			for p, src := range out {
				if p != "main.js" { // the legacy window itself is migrated
					t.Errorf("%s rewritten:\n%s", p, src)
				}
			}
			for _, d := range ds {
				if d.Rule == "window-assign" || d.Rule == "preload-page-global" {
					t.Errorf("unexpected %s", d)
				}
			}
		})
	}
}

func TestWindowAssignTypings(t *testing.T) {
	facts := app(t, "30.0.0", map[string]string{
		"main.js": "new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: false } })\n",
		"preload.ts": "import { ipcRenderer } from 'electron'\n\nwindow.api = {\n  ping: (): void => ipcRenderer.send('ping'),\n};\n" +
			"window.api.count = async (folder: string, deep?: boolean) => ipcRenderer.invoke('count', folder, deep);\n" +
			"(window as any).flags = { beta: true, name: 'x' };\n",
		"types/global.d.ts": "declare global {\n  interface Window {\n    api: {\n      ping(): void;\n    };\n  }\n}\nexport {};\n",
	})
	ds, out := check(t, facts)
	want := "declare global {\n  interface Window {\n    api: {\n      ping(): void;\n      count: (folder: string, deep?: boolean) => Promise<any>;\n    };\n    flags: { beta: boolean; name: string };\n  }\n}\nexport {};\n"
	if got := out["types/global.d.ts"]; got != want {
		t.Errorf("typings:\n%s\nwant:\n%s\n%q", got, want, diagLines(ds))
	}
}

func TestWebPreferencesShapes(t *testing.T) {
	preload := "const { contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('a', {})\n"
	cases := []struct {
		name, electron, main, want string
	}{
		{"keys after a spread are written whatever the version", "30.0.0",
			"new BrowserWindow({\n  webPreferences: {\n    ...shared,\n    preload: path.join(__dirname, 'preload.js'),\n  },\n})\n",
			"new BrowserWindow({\n  webPreferences: {\n    ...shared,\n    preload: path.join(__dirname, 'preload.js'),\n    contextIsolation: true,\n    nodeIntegration: false,\n    sandbox: true,\n  },\n})\n"},
		{"shorthand and computed values", "30.0.0",
			"const contextIsolation = false\nnew BrowserWindow({ webPreferences: { contextIsolation, nodeIntegration: !app.isPackaged, preload: path.join(__dirname, 'preload.js') } })\n",
			"const contextIsolation = false\nnew BrowserWindow({ webPreferences: { contextIsolation: true, nodeIntegration: false, preload: path.join(__dirname, 'preload.js') } })\n"},
		{"absent keys on a current Electron stay absent", "30.0.0",
			"new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })\n", ""},
		{"no parentheses on an old Electron", "9.0.0",
			"const w = new BrowserWindow\n",
			"const w = new BrowserWindow({ webPreferences: { contextIsolation: true, enableRemoteModule: false, sandbox: true } })\n"},
		{"absent keys on Electron 4", "4.2.0",
			"const w = new BrowserWindow({ width: 300 })\n",
			"const w = new BrowserWindow({ width: 300, webPreferences: { contextIsolation: true, nodeIntegration: false, enableRemoteModule: false, sandbox: true } })\n"},
		{"empty webPreferences", "11.0.0",
			"new BrowserWindow({ webPreferences: {} })\n",
			"new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: true } })\n"},
		{"shared options get one rewrite", "30.0.0",
			"const opts = { webPreferences: { nodeIntegration: true, preload: path.join(__dirname, 'preload.js') } }\nconst a = new BrowserWindow(opts)\nconst b = new BrowserWindow(opts)\n",
			"const opts = { webPreferences: { nodeIntegration: false, preload: path.join(__dirname, 'preload.js') } }\nconst a = new BrowserWindow(opts)\nconst b = new BrowserWindow(opts)\n"},
		{"only enableRemoteModule, multi-line", "12.0.0",
			"new BrowserWindow({\n  webPreferences: {\n    enableRemoteModule: true, // dialogs\n  }\n})\n",
			"new BrowserWindow({\n  webPreferences: {\n    sandbox: true\n  }\n})\n"},
		{"duplicate keys: the last one counts", "30.0.0",
			"new BrowserWindow({ webPreferences: { nodeIntegration: false, nodeIntegration: true } })\n",
			"new BrowserWindow({ webPreferences: { nodeIntegration: false, nodeIntegration: false } })\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds, out := check(t, app(t, c.electron, map[string]string{"main.js": c.main, "preload.js": preload}))
			if got := out["main.js"]; got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s\n%q", got, c.want, diagLines(ds))
			}
		})
	}
}

func TestWebPreferencesKeepsUnsandboxablePreloadsWorking(t *testing.T) {
	files := map[string]string{
		"main.js":    "new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js'), nodeIntegration: true } })\n",
		"preload.js": "const fs = require('fs')\nconst { contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('files', { read: (p) => fs.readFileSync(p, 'utf8') })\n",
	}
	for _, c := range []struct{ electron, want string }{
		// From Electron 20 a window without nodeIntegration is sandboxed by default: say sandbox: false.
		{"22.0.0", "new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js'), nodeIntegration: false, sandbox: false } })\n"},
		{"", "new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js'), nodeIntegration: false, contextIsolation: true, sandbox: false } })\n"},
		// Before 20 it is not.
		{"15.0.0", "new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js'), nodeIntegration: false } })\n"},
	} {
		copied := map[string]string{}
		for k, v := range files {
			copied[k] = v
		}
		ds, out := check(t, app(t, c.electron, copied))
		if got := out["main.js"]; got != c.want {
			t.Errorf("Electron %q: got\n%s\nwant\n%s", c.electron, got, c.want)
		}
		if !hasDiag(ds, "preload-not-sandboxable", "requires fs (preload.js:1:20)") {
			t.Errorf("Electron %q: no preload-not-sandboxable naming fs with its position: %q", c.electron, diagLines(ds))
		}
	}
}

func TestRulesAreDocumented(t *testing.T) {
	for _, r := range codemod.Rules(codemod.ForMigrate | codemod.ForCheck) {
		if r.Doc == "" || r.Severity == 0 || !strings.HasPrefix(r.Ref, "https://www.electronjs.org/") || r.For == 0 {
			t.Errorf("rule %s lacks a doc, severity, Electron reference or purpose", r.ID)
		}
	}
	for _, id := range []string{"window-assign", "web-preferences", "expose-node-api", "bridge-value", "late-exposure",
		"options-unfollowable", "renderer-node", "preload-page-global", "preload-not-sandboxable", "bridge-page-write"} {
		if codemod.Lookup(id) == nil {
			t.Errorf("rule %s is not registered", id)
		}
	}
}

func TestRendererNode(t *testing.T) {
	facts := app(t, "30.0.0", map[string]string{
		"index.html": "<script src=\"classic.js\"></script><script type=\"module\" src=\"app.js\"></script>",
		"classic.js": "const util = require('./util')\nconst fs = require('fs')\n",
		"app.js":     "import { helper } from './helper.js'\nconst os = require('os')\nconst local = require('./local')\n",
		"helper.js":  "export const helper = () => window.require('child_process')\n",
		"preload.js": "const { contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('a', {})\n",
	})
	ds := codemod.Run([]*codemod.Rule{windows.RendererNode}, facts)
	var got []string
	for _, d := range ds {
		got = append(got, d.Path+":"+d.Pos.String())
	}
	// classic.js loads files with require itself; app.js and helper.js go through a bundler, so only their
	// Node modules count.
	want := []string{"app.js:2:12", "classic.js:1:14", "classic.js:2:12", "helper.js:1:29"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// What page code runs, and only that, is read: imports TypeScript drops are not Node use, webpack's
// __non_webpack_require__ is, a helper that only page code imports is page code whatever it names, and one use
// is one finding.
func TestRendererNodeReadsWhatThePageRuns(t *testing.T) {
	facts := app(t, "11.0.0", map[string]string{
		"main.js":    "const { BrowserWindow } = require('electron')\nnew BrowserWindow({ webPreferences: { nodeIntegration: true } })\n",
		"index.html": "<script src=\"view.js\"></script>",
		"view.js":    "import { dataDir } from './paths'\nimport './types'\nimport { report } from './bundled'\nconsole.log(dataDir(), report)\n",
		"paths.js": "const electron = require('electron')\nconst app = electron.app || electron.remote.app\n" +
			"exports.dataDir = () => app.getPath('userData')\n",
		"types.ts": "import { IpcRenderer } from 'electron'\nimport * as fs from 'fs'\nimport type { BrowserWindow } from 'electron'\n" +
			"export let ipc: IpcRenderer | undefined\nexport let files: typeof fs | undefined\nexport let win: BrowserWindow | undefined\n",
		"bundled.js": "const { dialog } = __non_webpack_require__('@electron/remote')\n" +
			"const x = window.require('@electron/remote').require('./tasks')\n" +
			"export const report = window && window.process && window.process.type\n",
	})
	var got []string
	for _, d := range codemod.Run([]*codemod.Rule{windows.RendererNode}, facts) {
		got = append(got, d.Path+":"+d.Pos.String())
	}
	want := []string{"bundled.js:1:20", "bundled.js:2:11", "bundled.js:3:33", "paths.js:1:18", "paths.js:2:29"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q, want %q", got, want)
	}
	if f := facts.Files["paths.js"]; !f.Role.Has(project.Renderer) {
		t.Errorf("paths.js, imported by page code only, is %s (%s)", f.Role, f.Why)
	}
}

// Odd but valid preloads: whatever the rules do with them, the output parses and a second run changes nothing
// (check fails the test otherwise).
func TestRewritesKeepTheirPromisesOnOddInput(t *testing.T) {
	for _, src := range []string{
		"window.api = {}; window.api.a = 1; window.api.b = () => 2\n",
		"window.api = {}\nwindow.api.a = 1, window.api.b = 2\n",
		"window.api = window.api || {}\nwindow.api.x = async () => 1\n\n\nwindow.api.y = function* () { yield 1 }\n",
		"const base = { a: 1 }\nwindow.api = { ...base, b: 2 }\nwindow.api.c = () => 3\n",
		"window.a = 1; window.b = 2; window.c = { d: [1, { e: 'f' }] }\n",
		"process.on('loaded', function () {\r\n\t// one\r\n\tglobal.one = { x: 1 }\r\n\r\n\t/* two */\r\n\tglobal.two = () => 2 // two\r\n})\r\n",
		"const api = { a: () => 1 }\nwindow.api = api\nwindow.api.b = () => 2\nconsole.log(api.b)\n",
		"window.api = {\n  a: 1, // first\n  // last\n}\nwindow.api.b = 2\n",
		"window.api = { a: 1 }\nwindow.api.b = 2 /* trailing block */ ; window.other = 3\n",
		"if (true) {\n  window.x = 1\n}\nwindow.y = `multi\nline ${1}`\n",
		"try {\n  window.api = { a: 1 }\n  window.api.b = 2\n} catch (e) {}\n",
	} {
		t.Run(strings.SplitN(src, "\n", 2)[0], func(t *testing.T) {
			ds, out := check(t, app(t, "30.0.0", map[string]string{"preload.js": src}))
			if len(out) == 0 && !hasDiag(ds, "late-exposure", "") && !hasDiag(ds, "window-assign", "not rewritten") {
				t.Errorf("nothing rewritten and nothing reported: %q", diagLines(ds))
			}
		})
	}
}

// Apps made by `isolate new` are what a migration aims at: no rule finds anything in them.
func TestScaffoldedAppsHaveNoFindings(t *testing.T) {
	for _, lang := range scaffold.Langs {
		for _, ui := range scaffold.UIs {
			t.Run(lang+"-"+ui, func(t *testing.T) {
				files, err := scaffold.Render(scaffold.Options{Name: "fresh-app", Lang: lang, UI: ui, PM: "npm"})
				if err != nil {
					t.Fatal(err)
				}
				dir := t.TempDir()
				if err := scaffold.Write(dir, files); err != nil {
					t.Fatal(err)
				}
				facts := loadApp(t, dir)
				if len(facts.WithRole(project.Preload)) == 0 || len(facts.Windows) == 0 {
					t.Fatalf("the analysis found no window or preload: %v", facts.Paths())
				}
				for _, d := range codemod.Run(codemod.Rules(codemod.ForMigrate|codemod.ForCheck), facts) {
					t.Errorf("finding in a new app: %s", d)
				}
			})
		}
	}
}

func TestWebviewPreloads(t *testing.T) {
	files := func() map[string]string {
		return map[string]string{
			"index.html": `<webview src="https://example.com" preload="./guest.js"></webview>`,
			"guest.js":   "window.guest = { ready: true }\n",
			"main.js":    "new BrowserWindow({ webPreferences: { webviewTag: true } }).loadFile('index.html')\n",
		}
	}
	ds, out := check(t, app(t, "11.0.0", files()))
	if _, ok := out["guest.js"]; ok || !hasDiag(ds, "window-assign", "preload of a <webview>") {
		t.Errorf("Electron 11: webview preload rewritten or not explained: %q", diagLines(ds))
	}
	_, out = check(t, app(t, "14.0.0", files()))
	if want := "const { contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('guest', { ready: true })\n"; out["guest.js"] != want {
		t.Errorf("Electron 14: got %q", out["guest.js"])
	}
	// A tag that turns isolation off keeps its preload's window.X: contextBridge would throw there.
	off := files()
	off["index.html"] = `<webview src="https://example.com" preload="./guest.js" webpreferences="contextIsolation=no"></webview>`
	ds, out = check(t, app(t, "14.0.0", off))
	if _, ok := out["guest.js"]; ok || !hasDiag(ds, "window-assign", "webpreferences attribute turns contextIsolation off") {
		t.Errorf("unisolated webview: preload rewritten or not explained: %q", diagLines(ds))
	}
}

func TestKeySetInTwoPreloadFiles(t *testing.T) {
	ds, out := check(t, app(t, "30.0.0", map[string]string{
		"preload.js": "require('./fs-api')\nwindow.api = window.api || {}\nwindow.api.ping = () => 1\n",
		"fs-api.js":  "window.api = window.api || {}\nwindow.api.read = (p) => p\nwindow.other = { x: 1 }\n",
	}))
	if _, ok := out["preload.js"]; ok {
		t.Errorf("api exposed from two files:\n%s", out["preload.js"])
	}
	if !hasDiag(ds, "window-assign", "api is also set in fs-api.js (1:1)") || !hasDiag(ds, "window-assign", "api is also set in preload.js (2:1)") {
		t.Errorf("the collision is not reported in both files: %q", diagLines(ds))
	}
	if want := "const { contextBridge } = require('electron')\nwindow.api = window.api || {}\nwindow.api.read = (p) => p\ncontextBridge.exposeInMainWorld('other', { x: 1 })\n"; out["fs-api.js"] != want {
		t.Errorf("fs-api.js:\n%s", out["fs-api.js"])
	}
}

// Two apps of a monorepo may both expose window.api: each preload runs in its own windows.
func TestSameKeyInTwoAppsIsFine(t *testing.T) {
	files := map[string]string{
		"a/main.js":    "new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: false } })\n",
		"a/preload.js": "window.api = { a: 1 }\n",
		"b/main.js":    "new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: false } })\n",
		"b/preload.js": "window.api = { b: 2 }\n",
	}
	_, out := check(t, app(t, "30.0.0", files))
	if out["a/preload.js"] == "" || out["b/preload.js"] == "" {
		t.Errorf("rewrote %v, want both preloads", codemod.SortedKeys(out))
	}
}

// sandbox: false turned on in a window without a preload says so, not that its preloads can run sandboxed.
func TestSandboxOnWithoutPreloadSaysSo(t *testing.T) {
	ds, out := check(t, app(t, "22.0.0", map[string]string{
		"main.js": "new BrowserWindow({ webPreferences: { sandbox: false } }).loadFile('index.html')\n",
	}))
	if !strings.Contains(out["main.js"], "sandbox: true") || !hasDiag(ds, "web-preferences", "sandbox: false → true (the window has no preload)") {
		t.Errorf("got %q\n%s", diagLines(ds), out["main.js"])
	}
}

// A page's own window.process shim is a write, not an "am I in Electron?" probe; reading it still is one.
func TestPageProcessShimIsNoProbe(t *testing.T) {
	ds, _ := check(t, app(t, "11.0.0", map[string]string{
		"main.js":    "new BrowserWindow({ webPreferences: { nodeIntegration: true } }).loadFile('index.html')\n",
		"index.html": "<script>\nwindow.process = { env: {} }\n</script><script src=\"app.js\"></script>\n",
		"app.js":     "if (window.process.type === 'renderer') document.title = 'desktop'\n",
	}))
	var probes []string
	for _, d := range ds {
		if d.Rule == "renderer-node" && strings.Contains(d.Message, "reads window.process") {
			probes = append(probes, d.Path)
		}
	}
	if len(probes) != 1 || probes[0] != "app.js" {
		t.Errorf("window.process findings in %v, want app.js only: %q", probes, diagLines(ds))
	}
}

// A preload that reads one page global many times gets one finding, at the first read, that counts the others.
func TestPageGlobalReadsReportedOnce(t *testing.T) {
	ds, _ := check(t, app(t, "30.0.0", map[string]string{
		"main.js":    "new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: false } })\n",
		"preload.js": "const { ipcRenderer } = require('electron')\nipcRenderer.on('a', () => window.amplify.publish('a'))\nipcRenderer.on('b', () => window.amplify.publish('b'))\nipcRenderer.on('c', () => window.amplify.publish('c'))\n",
	}))
	var got []codemod.Diagnostic
	for _, d := range ds {
		if d.Rule == "preload-page-global" {
			got = append(got, d)
		}
	}
	if len(got) != 1 || got[0].Pos.Line != 2 || !strings.Contains(got[0].Message, "read 2 more time(s) in this file, the last at 4:") {
		t.Errorf("got %q", diagLines(ds))
	}
}
