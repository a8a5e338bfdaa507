package bridge_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/internal/testenv"
	"github.com/isolate-dev/isolate/scaffold"
)

// rich uses every kind, checked and unchecked argument types, an untyped parameter and a channel that needs
// quoting.
func rich() bridge.Bridge {
	return bridge.Bridge{Key: "desktop", Messages: []bridge.Message{
		{Method: "readFile", Channel: "fs:read", Kind: bridge.Invoke, Params: []bridge.Param{{Name: "path", Type: "string"}}, Result: "string"},
		{Method: "saveAll", Channel: "save-all", Kind: bridge.Send,
			Params: []bridge.Param{{Name: "names", Type: "string[]"}, {Name: "count", Type: "number"}}},
		{Method: "getConfig", Channel: "config:get", Kind: bridge.SendSync, Params: []bridge.Param{{Name: "key", Type: "string"}},
			Result: "{ value: string }"},
		{Method: "configure", Channel: "configure", Kind: bridge.Invoke, Params: []bridge.Param{{Name: "options", Type: "{ dark: boolean }"}}},
		{Method: "log", Channel: `it's \ quoted`, Kind: bridge.Send, Params: []bridge.Param{{}}},
		{Method: "onProgress", Channel: "progress", Kind: bridge.Event,
			Params: []bridge.Param{{Name: "percent", Type: "number"}, {Name: "label", Type: "string"}}},
		{Method: "onReset", Channel: "reset", Kind: bridge.Event},
	}}
}

// emitted returns the emitted sources of b for lang, keyed by their path in an app.
func emitted(t *testing.T, b bridge.Bridge, lang bridge.Lang) map[string]string {
	t.Helper()
	ext := "." + string(lang)
	out := map[string]string{}
	add := func(path string, src []byte, err error) {
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out[path] = string(src)
	}
	src, err := bridge.EmitContract(b, lang)
	add("src/shared/contract"+ext, src, err)
	src, err = bridge.EmitPreload(b, lang, "../shared/contract")
	add("src/preload/index"+ext, src, err)
	src, err = bridge.EmitMain(b, lang, bridge.MainOptions{Contract: "../shared/contract", Security: "./security"})
	add("src/main/ipc"+ext, src, err)
	src, err = bridge.EmitWindowTypes(b, "../shared/contract")
	add("src/renderer/window.d.ts", src, err)
	return out
}

// writeCommonJS transforms the emitted modules to CommonJS with esbuild and writes them under dir, with a
// security module whose isTrustedSender accepts frames on app://bundle.
func writeCommonJS(t *testing.T, dir string, files map[string]string, lang bridge.Lang) {
	t.Helper()
	files["src/main/security."+string(lang)] = `export const isTrustedSender = (event) =>
  event.senderFrame !== null && event.senderFrame.url.startsWith('app://bundle/')`
	for path, src := range files {
		if strings.HasSuffix(path, ".d.ts") {
			continue
		}
		res := api.Transform(src, api.TransformOptions{Loader: api.LoaderTS, Format: api.FormatCommonJS})
		if len(res.Errors) > 0 {
			t.Fatalf("%s: %s", path, res.Errors[0].Text)
		}
		target := filepath.Join(dir, strings.TrimSuffix(path, filepath.Ext(path))+".js")
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(target, res.Code, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// mainHarness registers the emitted handlers against a recording ipcMain and plays messages from the app's
// page, from another origin and from a frame that is gone, with good and bad arguments.
const mainHarness = `
const Module = require('module');
const registered = { handle: new Map(), on: new Map() };
const removed = [];
const electron = { ipcMain: {
  handle: (channel, fn) => registered.handle.set(channel, fn),
  on: (channel, fn) => registered.on.set(channel, fn),
  removeHandler: (channel) => removed.push('handle ' + channel),
  removeAllListeners: (channel) => removed.push('on ' + channel),
} };
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};
const warnings = [];
console.warn = (message) => warnings.push(message);
const ipc = require(process.argv[1] + '/src/main/ipc.js');
const handled = [];
const handlers = new Proxy({}, { get: (_, name) => (event, ...args) => { handled.push([name, ...args]); return 'result of ' + name; } });
const trusted = { senderFrame: { url: 'app://bundle/index.html' } };
const foreign = { senderFrame: { url: 'https://example.com/' } };
const gone = { senderFrame: null };
const invoke = async (channel, event, ...args) => {
  try { return { value: await registered.handle.get(channel)({ ...event }, ...args) }; } catch (e) { return { error: e.message }; }
};
const send = (channel, event, ...args) => {
  const ev = { ...event };
  registered.on.get(channel)(ev, ...args);
  return 'returnValue' in ev ? { returnValue: ev.returnValue } : {};
};
(async () => {
  const off = ipc.registerIpc(handlers);
  const results = {
    readTrusted: await invoke('fs:read', trusted, 'a.txt'),
    readForeign: await invoke('fs:read', foreign, 'a.txt'),
    readGone: await invoke('fs:read', gone, 'a.txt'),
    readNumber: await invoke('fs:read', trusted, 42),
    saveGood: send('save-all', trusted, ['a', 'b'], 2),
    saveBadArray: send('save-all', trusted, ['a', 1], 2),
    saveBadCount: send('save-all', trusted, ['a'], '2'),
    saveForeign: send('save-all', foreign, ['a'], 2),
    configTrusted: send('config:get', trusted, 'k'),
    configForeign: send('config:get', foreign, 'k'),
    configure: await invoke('configure', trusted, { dark: true }),
    log: send("it's \\ quoted", trusted, { any: 1 }),
  };
  off();
  const sent = [];
  ipc.sendProgress({ isDestroyed: () => false, send: (...a) => sent.push(a) }, 50, 'half');
  ipc.sendProgress({ isDestroyed: () => true, send: (...a) => sent.push(a) }, 60, 'closed');
  ipc.sendReset({ isDestroyed: () => false, send: (...a) => sent.push(a) });
  console.log(JSON.stringify({ results, handled, removed, sent, warnings: warnings.length }));
})();
`

// Every emitted listener refuses other origins, frames that are gone and arguments of the wrong primitive type
// before a handler runs, and answers a refused sendSync so the page does not hang.
func TestEmittedMainValidatesSenderAndArguments(t *testing.T) {
	node := testenv.Tool(t, "node")
	for _, lang := range []bridge.Lang{bridge.TypeScript, bridge.JavaScript} {
		dir := t.TempDir()
		writeCommonJS(t, dir, emitted(t, rich(), lang), lang)
		out, err := exec.Command(node, "-e", mainHarness, dir).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", lang, err, out)
		}
		var got struct {
			Results  map[string]map[string]any
			Handled  [][]any
			Removed  []string
			Sent     [][]any
			Warnings int
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%s: %v\n%s", lang, err, out)
		}
		r := got.Results
		if r["readTrusted"]["value"] != "result of readFile" || r["configTrusted"]["returnValue"] != "result of getConfig" ||
			r["configure"]["value"] != "result of configure" {
			t.Errorf("%s: trusted messages did not reach their handlers: %v", lang, r)
		}
		for _, k := range []string{"readForeign", "readGone", "readNumber"} {
			if e, _ := r[k]["error"].(string); !strings.Contains(e, "refused") {
				t.Errorf("%s: %s was not refused: %v", lang, k, r[k])
			}
		}
		if v, ok := r["configForeign"]["returnValue"]; !ok || v != nil {
			t.Errorf("%s: a refused sendSync must answer null, got %v", lang, r["configForeign"])
		}
		want := [][]any{{"readFile", "a.txt"}, {"saveAll", []any{"a", "b"}, 2.0}, {"getConfig", "k"},
			{"configure", map[string]any{"dark": true}}, {"log", map[string]any{"any": 1.0}}}
		if !reflect.DeepEqual(got.Handled, want) {
			t.Errorf("%s: handlers ran for %v; want exactly %v", lang, got.Handled, want)
		}
		if got.Warnings != 7 {
			t.Errorf("%s: %d refusals logged, want 7", lang, got.Warnings)
		}
		wantRemoved := []string{"handle fs:read", "on save-all", "on config:get", "handle configure", `on it's \ quoted`}
		if !reflect.DeepEqual(got.Removed, wantRemoved) {
			t.Errorf("%s: unregister removed %v; want %v", lang, got.Removed, wantRemoved)
		}
		if wantSent := [][]any{{"progress", 50.0, "half"}, {"reset"}}; !reflect.DeepEqual(got.Sent, wantSent) {
			t.Errorf("%s: events sent %v; want %v", lang, got.Sent, wantSent)
		}
	}
}

// Usage code that must type-check against the emitted code, and must not type-check where it misuses it: an
// unused @ts-expect-error is itself an error, so these lines prove the types are strict rather than any.
var usage = map[bridge.Lang]map[string]string{
	bridge.TypeScript: {
		"src/main/use.ts": `import type { WebContents } from 'electron'
import { registerIpc, sendProgress, sendReset, type Handlers } from './ipc'

const handlers: Handlers = {
  readFile: async (_event, path) => path.toUpperCase(),
  saveAll: (_event, names, count) => {
    void names.map((n) => n.trim()), count.toFixed()
  },
  getConfig: (_event, key) => ({ value: key }),
  configure: (_event, options) => {
    // @ts-expect-error nothing has checked options: the handler gets it as unknown
    void options.dark
    if (typeof options === 'object' && options !== null && 'dark' in options) void options.dark
  },
  log: (_event, entry) => {
    void entry
  },
}

export function wire(contents: WebContents): void {
  const off = registerIpc(handlers)
  sendProgress(contents, 50, 'half')
  sendReset(contents)
  // @ts-expect-error percent is a number
  sendProgress(contents, 'half', 'x')
  off()
}
`,
		"src/renderer/use.ts": `export async function use(): Promise<void> {
  const text: string = await window.desktop.readFile('a.txt')
  window.desktop.saveAll(['a'], 1)
  const config: { value: string } = window.desktop.getConfig('k')
  const off: () => void = window.desktop.onProgress((percent, label) => {
    void percent.toFixed(), label.trim()
  })
  window.desktop.onReset(() => {})
  off()
  // @ts-expect-error path is a string
  await window.desktop.readFile(1)
  // @ts-expect-error there is no generic send
  window.desktop.send('fs:read')
  // @ts-expect-error the page has no ipcRenderer
  window.desktop.ipcRenderer.send('fs:read')
  void text, config
}
`,
	},
	bridge.JavaScript: {
		"src/main/use.js": `// @ts-check
/** @import { WebContents } from 'electron' */
/** @import { Handlers } from './ipc' */
import { registerIpc, sendProgress, sendReset } from './ipc'

/** @type {Handlers} */
const handlers = {
  readFile: async (_event, path) => path.toUpperCase(),
  saveAll: (_event, names, count) => {
    void names.map((n) => n.trim()), count.toFixed()
  },
  getConfig: (_event, key) => ({ value: key }),
  configure: (_event, options) => {
    // @ts-expect-error nothing has checked options: the handler gets it as unknown
    void options.dark
    if (typeof options === 'object' && options !== null && 'dark' in options) void options.dark
  },
  log: (_event, entry) => {
    void entry
  },
}

/** @param {WebContents} contents */
export function wire(contents) {
  const off = registerIpc(handlers)
  sendProgress(contents, 50, 'half')
  sendReset(contents)
  // @ts-expect-error percent is a number
  sendProgress(contents, 'half', 'x')
  off()
}
`,
		"src/renderer/use.js": `// @ts-check
export async function use() {
  /** @type {string} */
  const text = await window.desktop.readFile('a.txt')
  window.desktop.saveAll(['a'], 1)
  /** @type {{ value: string }} */
  const config = window.desktop.getConfig('k')
  const off = window.desktop.onProgress((percent, label) => {
    void percent.toFixed(), label.trim()
  })
  window.desktop.onReset(() => {})
  off()
  // @ts-expect-error path is a string
  await window.desktop.readFile(1)
  // @ts-expect-error there is no generic send
  window.desktop.send('fs:read')
  // @ts-expect-error the page has no ipcRenderer
  window.desktop.ipcRenderer.send('fs:read')
  void text, config
}
`,
	},
}

// The emitted code, with the generated app's own tsconfigs and security module, type-checks against
// Electron's real typings in both languages, and the types it gives main and the page are strict.
func TestEmittedCodeTypechecksAgainstElectron(t *testing.T) {
	testenv.Slow(t)
	npm := testenv.Tool(t, "npm")
	root := t.TempDir()
	v := scaffold.Versions
	pkg := `{"private": true, "devDependencies": {"electron": "` + v.Electron + `", "typescript": "` + v.TypeScript +
		`", "@types/node": "` + v.TypesNode + `"}}`
	if err := os.WriteFile(filepath.Join(root, "package.json"), []byte(pkg), 0o644); err != nil {
		t.Fatal(err)
	}
	install := exec.Command(npm, "install", "--no-audit", "--no-fund", "--prefer-offline")
	install.Dir = root
	install.Env = append(os.Environ(), "ELECTRON_SKIP_BINARY_DOWNLOAD=1")
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("npm install: %v\n%s", err, out)
	}
	tsc := filepath.Join(root, "node_modules", ".bin", "tsc")
	for _, lang := range []bridge.Lang{bridge.TypeScript, bridge.JavaScript} {
		dir := filepath.Join(root, string(lang))
		files := emitted(t, rich(), lang)
		app, err := scaffold.Render(scaffold.Options{Name: "x", Lang: string(lang), UI: "vanilla", PM: "npm"})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range app {
			if f.Path == "tsconfig.json" || f.Path == "src/renderer/tsconfig.json" || f.Path == scaffold.CSPPath || strings.HasPrefix(f.Path, "src/main/security.") {
				files[f.Path] = string(f.Data)
			}
		}
		for path, src := range usage[lang] {
			files[path] = src
		}
		for path, src := range files {
			target := filepath.Join(dir, path)
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(target, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, project := range []string{".", "src/renderer"} {
			cmd := exec.Command(tsc, "-p", project)
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s: tsc -p %s: %v\n%s", lang, project, err, out)
			}
		}
	}
}
