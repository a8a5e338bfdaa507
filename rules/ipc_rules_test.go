package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/syntax"
)

// ipcApp writes a small legacy app: main.js with one window loading index.html, the preload and page scripts
// given, and package.json pinning an Electron without isolation by default.
func ipcApp(t *testing.T, preload string, pages map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"package.json": `{"name": "t", "main": "main.js", "devDependencies": {"electron": "^11.5.0"}}`,
		"main.js": `const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')
app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })
  win.loadFile('index.html')
  win.webContents.send('tick', 1)
})
ipcMain.on('save-file', () => {})
ipcMain.on('open-file', () => {})
ipcMain.handle('load', () => 1)
`,
		"preload.js": preload,
	}
	var scripts []string
	for name, src := range pages {
		files[name] = src
		scripts = append(scripts, `<script src="`+name+`"></script>`)
	}
	files["index.html"] = "<html><body>" + strings.Join(scripts, "") + "</body></html>"
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestIPCRulesReportWhatTheyCannotRewrite(t *testing.T) {
	const generic = `const { ipcRenderer } = require('electron')
window.api = {
  send: (channel, ...args) => ipcRenderer.send(channel, ...args),
  on: (channel, fn) => ipcRenderer.on(channel, fn),
  removeListener: (channel, fn) => ipcRenderer.removeListener(channel, fn),
  getConfig: (channel) => ipcRenderer.sendSync(channel)
}
`
	cases := []struct {
		name    string
		preload string
		page    string
		want    []string // substrings of the diagnostics, each to be found
		fixed   string   // a substring of the page after migration ("" when the page must not change)
	}{{
		name: "a passthrough that does more than forward is reported, not rewritten",
		preload: `const { ipcRenderer } = require('electron')
window.api = { send: (channel, data) => { console.log('send', channel); ipcRenderer.send(channel, data) } }
`,
		page: "window.api.send('save-file', 1)\n",
		want: []string{"ipc-passthrough api.send lets any script", "isolate migrate cannot rewrite it: it also runs console.log('send', channel);, which a generated method would not do"},
	}, {
		name:    "channels that derive one name are told apart and reported",
		preload: generic,
		page:    "window.api.send('save-file', 1)\nwindow.api.send('save_file', 2)\n",
		want:    []string{"channels 'save-file', 'save_file' all derive saveFile, so 'save_file' → saveFile2"},
		fixed:   "window.api.saveFile(1)\nwindow.api.saveFile2(2)\n",
	}, {
		name:    "a bridge object passed away keeps a restricted generic member",
		preload: generic,
		page:    "window.api.send('save-file', 1)\nsetup(window.api)\n",
		want: []string{"renderer-calls api is passed to a function, so isolate cannot see the IPC calls made through it",
			"send stays generic, restricted to an explicit list of the channels the app knows"},
		fixed: "window.api.saveFile(1)\nsetup(window.api)\n",
	}, {
		name:    "a listener removed from another function is reported",
		preload: generic,
		page: `function onTick (event, n) { console.log(n) }
function start () { window.api.on('tick', onTick) }
function stop () { window.api.removeListener('tick', onTick) }
start()
`,
		want:  []string{"never removes anything", "the removal is not in the scope of the subscription"},
		fixed: "function onTick (n) { console.log(n) }\nfunction start () { window.api.onTick(onTick) }\nfunction stop () { window.api.removeListener('tick', onTick) }\nstart()\n",
	}, {
		name:    "a listener removed after it was added becomes a call of the unsubscribe function",
		preload: generic,
		page:    "function onTick (event, n) { console.log(n) }\nwindow.api.on('tick', onTick)\ndocument.onclick = () => window.api.removeListener('tick', onTick)\n",
		fixed:   "function onTick (n) { console.log(n) }\nconst offTick = window.api.onTick(onTick)\ndocument.onclick = () => offTick()\n",
	}, {
		name:    "a listener that uses its event keeps the generic member",
		preload: generic,
		page:    "window.api.on('tick', (event, n) => event.sender.send('pong', n))\n",
		want:    []string{"its callback uses the IpcRendererEvent (event), which the page no longer receives"},
	}, {
		name:    "sendSync keeps its semantics and is pointed at invoke",
		preload: generic,
		page:    "const config = window.api.getConfig('load')\n",
		want:    []string{"info ipc-passthrough load keeps sendSync's synchronous semantics for 'load'", "prefer load: () => ipcRenderer.invoke('load')"},
		fixed:   "const config = window.api.load()\n",
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			facts := loadApp(t, ipcApp(t, c.preload, map[string]string{"page.js": c.page}))
			ds, out := migrate(t, facts)
			all := strings.Join(diagLines(ds), "\n")
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("no finding says %q:\n%s", w, all)
				}
			}
			page, changed := out["page.js"]
			switch {
			case c.fixed == "" && changed:
				t.Errorf("the page changed:\n%s", page)
			case c.fixed != "" && string(page) != c.fixed:
				t.Errorf("page after migration:\n%s\nwant:\n%s", page, c.fixed)
			}
			for p, src := range out {
				if strings.HasSuffix(p, ".js") {
					if ps := syntax.Validate(p, src); ps != nil {
						t.Errorf("%s does not parse after migration: %v\n%s", p, ps, src)
					}
				}
			}
		})
	}
}

// In isolate check the same rule reports generic bridges, fixes aside: one finding per member.
func TestIPCPassthroughReportsInCheck(t *testing.T) {
	facts := loadApp(t, ipcApp(t, `const { contextBridge, ipcRenderer } = require('electron')
contextBridge.exposeInMainWorld('api', {
  send: (channel, ...args) => ipcRenderer.send(channel, ...args),
  invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
  version: '1'
})
`, map[string]string{"page.js": "window.api.send('save-file')\nwindow.api.invoke('load')\n"}))
	var got []string
	for _, d := range codemod.Run(codemod.Rules(codemod.ForCheck), facts) {
		if d.Rule == "ipc-passthrough" {
			got = append(got, d.String())
		}
	}
	if len(got) != 2 || !strings.Contains(got[0], "api.send lets any script in the page send any message") ||
		!strings.Contains(got[1], "api.invoke lets any script") {
		t.Errorf("check findings:\n%s", strings.Join(got, "\n"))
	}
}

// Page code that takes ipcRenderer by import or through window.require moves behind a created preload the same
// way as with require.
func TestRendererIPCForms(t *testing.T) {
	for _, c := range []struct {
		name, page, want string
	}{{
		name: "import",
		page: "import { ipcRenderer } from 'electron'\nimport { render } from './view.js'\n\nipcRenderer.on('data', (_e, rows) => render(rows))\nipcRenderer.send('ready')\n",
		want: "import { render } from './view.js'\n\nwindow.api.onData((rows) => render(rows))\nwindow.api.ready()\n",
	}, {
		name: "window.require",
		page: "const { ipcRenderer, shell } = window.require('electron')\nipcRenderer.once('boot', () => shell.beep())\n",
		want: "const { shell } = window.require('electron')\nwindow.api.onceBoot(() => shell.beep())\n",
	}} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{
				"package.json": `{"name": "t", "main": "main.js", "devDependencies": {"electron": "^8.5.0"}}`,
				"main.js":      "const { BrowserWindow } = require('electron')\nconst win = new BrowserWindow({ webPreferences: { nodeIntegration: true } })\nwin.loadFile('index.html')\n",
				"index.html":   `<html><body><script src="page.js"></script></body></html>`,
				"page.js":      c.page,
				"view.js":      "export function render (rows) { document.title = String(rows.length) }\n",
			}
			for name, src := range files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			facts := loadApp(t, dir)
			ds, out := migrate(t, facts)
			if got := string(out["page.js"]); got != c.want {
				t.Errorf("page.js:\n%s\nwant:\n%s\nfindings:\n%s", got, c.want, strings.Join(diagLines(ds), "\n"))
			}
			pre := string(out["preload.js"])
			if !strings.Contains(pre, "contextBridge.exposeInMainWorld('api', {") || !strings.Contains(string(out["main.js"]), "preload: path.join(__dirname, 'preload.js')") {
				t.Errorf("preload:\n%s\nmain.js:\n%s", pre, out["main.js"])
			}
		})
	}
}

// Page code of a window whose preload exists gets its methods in a new exposeInMainWorld call of that preload,
// beside what window-assign rewrites there, and a second run changes nothing.
func TestRendererIPCIntoAnExistingPreload(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"package.json": `{"name": "t", "main": "main.js", "devDependencies": {"electron": "^10.0.0"}}`,
		"main.js":      "const { BrowserWindow } = require('electron')\nconst path = require('path')\nconst win = new BrowserWindow({ webPreferences: { nodeIntegration: true, preload: path.join(__dirname, 'preload.js') } })\nwin.loadFile('index.html')\n",
		"preload.js":   "window.appInfo = { name: 'mix', version: '1.0' }\n",
		"index.html":   `<html><body><script src="r.js"></script></body></html>`,
		"r.js":         "const { ipcRenderer } = require('electron')\nipcRenderer.send('hello', window.appInfo.version)\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	facts := loadApp(t, dir)
	_, out := migrate(t, facts)
	want := "const { contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('appInfo', { name: 'mix', version: '1.0' })\n\n" +
		"const { ipcRenderer } = require('electron')\ncontextBridge.exposeInMainWorld('api', {\n  hello: (version) => ipcRenderer.send('hello', version)\n})\n"
	if got := string(out["preload.js"]); got != want {
		t.Errorf("preload.js:\n%s\nwant:\n%s", got, want)
	}
	if got := string(out["r.js"]); got != "window.api.hello(window.appInfo.version)\n" {
		t.Errorf("r.js:\n%s", got)
	}
	if _, again := migrate(t, reload(t, facts, out)); len(again) > 0 {
		t.Errorf("a second run changes %d files", len(again))
	}
}
