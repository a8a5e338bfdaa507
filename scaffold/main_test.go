package scaffold

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/isolate-dev/isolate/internal/testenv"
)

// mainHarness runs the generated main process in Node against a fake electron that records what main asks of
// it, packaged or not (argv[2]), and with or without the single-instance lock (argv[3]).
const mainHarness = `
const Module = require('module');
const [, bundle, packaged, locked] = process.argv;
const on = {};
const record = { aumid: null, windows: [], menu: 'default', quit: false, hardened: [], lockAsked: false };
const fakeSession = (name) => ({
  setPermissionRequestHandler: () => record.hardened.push(name + ':request'),
  setPermissionCheckHandler: () => record.hardened.push(name + ':check'),
});
class BrowserWindow {
  constructor(options) { record.windows.push(options.webPreferences); this.webContents = { isDestroyed: () => false, send() {} }; }
  once() {} on() {} loadURL() { return Promise.resolve(); }
  static getAllWindows() { return []; }
  static fromWebContents() { return null; }
}
const electron = {
  app: {
    isPackaged: packaged === 'packaged',
    requestSingleInstanceLock: () => { record.lockAsked = true; return locked === 'locked'; },
    quit: () => { record.quit = true; },
    enableSandbox() {},
    setAppUserModelId: (id) => { record.aumid = id; },
    on: (event, fn) => { on[event] = fn; },
    whenReady: () => Promise.resolve(),
    getVersion: () => '0.1.0', getName: () => 'x',
  },
  BrowserWindow,
  Menu: { setApplicationMenu: (m) => { record.menu = m; }, buildFromTemplate: (t) => ({ template: t }) },
  session: { defaultSession: fakeSession('default') },
  protocol: { registerSchemesAsPrivileged() {}, handle() {} },
  ipcMain: { handle() {}, on() {}, removeHandler() {}, removeAllListeners() {} },
  shell: { openExternal: () => Promise.resolve() },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};
require(bundle);
setTimeout(() => {
  if (on['session-created']) on['session-created'](fakeSession('partition'));
  record.events = Object.keys(on).sort();
  console.log(JSON.stringify(record));
}, 50);
`

// The generated main process takes the single-instance lock (and quits without it), sets the app user model id,
// hardens every session it creates, not only the default one, and in a packaged build turns DevTools and
// Electron's default menu off.
func TestGeneratedMainProcess(t *testing.T) {
	node := testenv.Tool(t, "node")
	for _, lang := range Langs {
		files, err := Render(Options{Name: "@acme/notes", Lang: lang, UI: "vanilla", PM: "npm"})
		if err != nil {
			t.Fatal(err)
		}
		root := t.TempDir()
		if err := Write(root, files); err != nil {
			t.Fatal(err)
		}
		res := api.Build(api.BuildOptions{
			EntryPoints: []string{filepath.Join(root, "src/main/index."+lang)}, Bundle: true, Platform: api.PlatformNode,
			Format: api.FormatCommonJS, External: []string{"electron"}, Outfile: filepath.Join(root, "main.js"), Write: true,
			LogLevel: api.LogLevelSilent,
		})
		if len(res.Errors) > 0 {
			t.Fatalf("%s: %s", lang, res.Errors[0].Text)
		}
		type record struct {
			Aumid     string
			Windows   []map[string]any
			Menu      any
			Quit      bool
			Hardened  []string
			LockAsked bool
			Events    []string
		}
		runMain := func(packaged, locked string) record {
			t.Helper()
			out, err := exec.Command(node, "-e", mainHarness, filepath.Join(root, "main.js"), packaged, locked).CombinedOutput()
			if err != nil {
				t.Fatalf("%s: %v\n%s", lang, err, out)
			}
			var r record
			if err := json.Unmarshal(out, &r); err != nil {
				t.Fatalf("%s: %v\n%s", lang, err, out)
			}
			return r
		}
		dev := runMain("dev", "locked")
		if !dev.LockAsked || dev.Quit || dev.Aumid != "com.example.acme.notes" || len(dev.Windows) != 1 {
			t.Errorf("%s: lock asked %v, quit %v, app user model id %q, %d windows; want the lock, no quit, com.example.acme.notes, 1 window",
				lang, dev.LockAsked, dev.Quit, dev.Aumid, len(dev.Windows))
		}
		want := []string{"default:request", "default:check", "partition:request", "partition:check"}
		if len(dev.Hardened) != len(want) {
			t.Errorf("%s: sessions hardened %v; want %v (a session created later too)", lang, dev.Hardened, want)
		}
		if len(dev.Windows) == 1 && dev.Windows[0]["devTools"] != true {
			t.Errorf("%s: development window devTools %v; want true", lang, dev.Windows[0]["devTools"])
		}
		if dev.Menu != "default" {
			t.Errorf("%s: development build replaced the menu with %v", lang, dev.Menu)
		}
		packaged := runMain("packaged", "locked")
		if len(packaged.Windows) != 1 || packaged.Windows[0]["devTools"] != false {
			t.Errorf("%s: packaged windows %v; want one with devTools false", lang, packaged.Windows)
		}
		if packaged.Menu != nil {
			t.Errorf("%s: packaged menu %v; want none (Linux and Windows)", lang, packaged.Menu)
		}
		second := runMain("dev", "unlocked")
		if !second.Quit || len(second.Windows) != 0 || len(second.Events) != 0 {
			t.Errorf("%s: second instance quit %v, windows %d, events %v; want it to quit before doing anything", lang,
				second.Quit, len(second.Windows), second.Events)
		}
	}
}
