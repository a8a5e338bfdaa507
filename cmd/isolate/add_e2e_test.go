package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/internal/testenv"
	"github.com/isolate-dev/isolate/scaffold"
)

// addedMessages are what the acceptance test adds to a new app, one of each kind, with checked, optional and
// unchecked parameters.
var addedMessages = []struct {
	args []string
	msg  bridge.Message
}{
	{[]string{"getUser", "--invoke", "--args", "id: string, force?: boolean", "--result", "{ name: string; admin: boolean }"},
		bridge.Message{Method: "getUser", Channel: "app:get-user", Kind: bridge.Invoke, OptionalParams: 1,
			Params: []bridge.Param{{Name: "id", Type: "string"}, {Name: "force", Type: "boolean"}}}},
	{[]string{"saveDraft", "--send", "--args", "text: string, tags: string[], meta: { pinned: boolean }"},
		bridge.Message{Method: "saveDraft", Channel: "app:save-draft", Kind: bridge.Send,
			Params: []bridge.Param{{Name: "text"}, {Name: "tags"}, {Name: "meta"}}}},
	{[]string{"onFileSaved", "--event", "--args", "path: string", "--doc", "A file was saved."},
		bridge.Message{Method: "onFileSaved", Channel: "app:file-saved", Kind: bridge.Event, Params: []bridge.Param{{Name: "path"}}}},
}

// rendererUse calls the added methods from page code; the @ts-expect-error lines fail the type check unless the
// Window typings know the new methods exactly.
var rendererUse = map[string]string{
	"ts": `export async function useAdded(): Promise<void> {
  const user: { name: string; admin: boolean } = await window.api.getUser('u1', true)
  await window.api.getUser('u2')
  window.api.saveDraft('text', ['a'], { pinned: false })
  const off: () => void = window.api.onFileSaved((path) => void path.trim())
  off()
  // @ts-expect-error id is a string
  await window.api.getUser(1)
  // @ts-expect-error tags is a string[]
  window.api.saveDraft('text', 'a', { pinned: false })
  void user
}
`,
	"js": `// @ts-check
export async function useAdded() {
  /** @type {{ name: string; admin: boolean }} */
  const user = await window.api.getUser('u1', true)
  await window.api.getUser('u2')
  window.api.saveDraft('text', ['a'], { pinned: false })
  const off = window.api.onFileSaved((path) => void path.trim())
  off()
  // @ts-expect-error id is a string
  await window.api.getUser(1)
  // @ts-expect-error tags is a string[]
  window.api.saveDraft('text', 'a', { pinned: false })
  void user
}
`,
}

// The acceptance test of `isolate add`: on every new-app variant, adding an invoke, a send and an event keeps
// `npm run typecheck` and `npm run build` passing, page code type-checks against the new methods, the built
// preload exposes them (and only what the bridge says), and the built main process refuses other senders and
// wrongly typed arguments before the generated handler stubs run.
func TestAddToNewAppsTypechecksBuildsAndBehaves(t *testing.T) {
	testenv.Slow(t)
	npm := testenv.Tool(t, "npm")
	node := testenv.Tool(t, "node")
	for _, lang := range scaffold.Langs {
		for _, ui := range scaffold.UIs {
			t.Run(lang+"-"+ui, func(t *testing.T) {
				t.Parallel()
				dir := filepath.Join(t.TempDir(), "app")
				start := time.Now()
				if code, _, stderr := runTest(t, nil, "new", dir, "--yes", "--no-git", "--lang", lang, "--ui", ui); code != 0 {
					t.Fatalf("isolate new exited %d: %s", code, stderr)
				}
				t.Logf("scaffold + npm install: %s", time.Since(start).Round(time.Millisecond))

				start = time.Now()
				b := scaffold.SampleBridge()
				for _, a := range addedMessages {
					code, stdout, stderr := runTest(t, nil, append(append([]string{"add"}, a.args...), dir, "--yes")...)
					if code != 0 || !strings.Contains(stdout, "Added window.api."+a.msg.Method) || strings.Contains(stderr, "note:") {
						t.Fatalf("isolate add %v: exit %d\nstdout:\n%s\nstderr:\n%s", a.args, code, stdout, stderr)
					}
					b.Messages = append(b.Messages, a.msg)
				}
				t.Logf("3 × isolate add: %s", time.Since(start).Round(time.Millisecond))

				use := filepath.Join(dir, "src", "renderer", "use-added."+lang)
				if err := os.WriteFile(use, []byte(rendererUse[lang]), 0o644); err != nil {
					t.Fatal(err)
				}
				for _, script := range []string{"typecheck", "test", "build"} {
					start := time.Now()
					runIn(t, dir, npm, "run", script)
					t.Logf("npm run %s: %s", script, time.Since(start).Round(time.Millisecond))
				}
				checkPreloadBundle(t, dir)
				checkPreloadExposes(t, node, dir, b)
				checkBuiltMainValidates(t, node, dir)
			})
		}
	}
}

// builtMainHarness loads the built main process in Node with a stand-in electron: every API it does not need is
// a do-nothing stub, app.whenReady resolves at once and ipcMain records the listeners registerIpc installs. It
// then plays the added messages from the app's page, from another origin, from a frame that is gone and with
// wrongly typed arguments.
const builtMainHarness = `
const Module = require('module');
const handles = new Map();
const ons = new Map();
const stub = () => new Proxy(function () {}, {
  get: (_t, k) => (typeof k === 'symbol' || k === 'then' ? undefined : stub()),
  apply: () => stub(),
  construct: () => stub(),
});
const withStubs = (o) => new Proxy(o, { get: (t, k) => (k in t ? t[k] : typeof k === 'symbol' ? undefined : stub()) });
const electron = withStubs({
  app: withStubs({ whenReady: () => Promise.resolve(), getVersion: () => '0.1.0', getName: () => 'app' }),
  ipcMain: withStubs({ handle: (ch, fn) => handles.set(ch, fn), on: (ch, fn) => ons.set(ch, fn) }),
});
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};
const warnings = [];
console.warn = (...a) => warnings.push(a.join(' '));
require(process.argv[1]);
const trusted = { senderFrame: { url: 'app://bundle/index.html' } };
const foreign = { senderFrame: { url: 'https://example.com/' } };
const gone = { senderFrame: null };
const invoke = async (event, ...args) => {
  try { return { value: await handles.get('app:get-user')({ ...event }, ...args) }; } catch (e) { return { error: e.message }; }
};
const send = (event, ...args) => {
  const before = warnings.length;
  ons.get('app:save-draft')({ ...event }, ...args);
  return warnings.slice(before).join('\n');
};
setTimeout(async () => {
  const out = {
    handles: [...handles.keys()].sort(),
    ons: [...ons.keys()].sort(),
    invokeTrusted: await invoke(trusted, 'u1'),
    invokeOptional: await invoke(trusted, 'u1', true),
    invokeForeign: await invoke(foreign, 'u1'),
    invokeGone: await invoke(gone, 'u1'),
    invokeBadId: await invoke(trusted, 42),
    invokeBadForce: await invoke(trusted, 'u1', 'yes'),
    sendTrusted: send(trusted, 'text', ['a'], { pinned: true }),
    sendForeign: send(foreign, 'text', ['a'], { pinned: true }),
    sendBadTags: send(trusted, 'text', [1], { pinned: true }),
  };
  console.log(JSON.stringify(out));
  process.exit(0);
}, 20);
`

// checkBuiltMainValidates runs builtMainHarness on dist/main/index.js.
func checkBuiltMainValidates(t *testing.T, node, dir string) {
	t.Helper()
	out := runIn(t, dir, node, "-e", builtMainHarness, filepath.Join(dir, "dist", "main", "index.js"))
	var got struct {
		Handles, Ons                                                          []string
		InvokeTrusted, InvokeOptional, InvokeForeign, InvokeGone, InvokeBadID map[string]any
		InvokeBadForce                                                        map[string]any
		SendTrusted, SendForeign, SendBadTags                                 string
	}
	if err := json.Unmarshal([]byte(lastLine(out)), &got); err != nil {
		t.Fatalf("main harness printed %q: %v", out, err)
	}
	if !slices.Equal(got.Handles, []string{"app:get-user", "app:get-versions"}) || !slices.Equal(got.Ons, []string{"app:save-draft", "window:set-title"}) {
		t.Errorf("main registered handle %v, on %v", got.Handles, got.Ons)
	}
	errorOf := func(r map[string]any) string { s, _ := r["error"].(string); return s }
	for name, r := range map[string]map[string]any{"trusted": got.InvokeTrusted, "optional argument": got.InvokeOptional} {
		if !strings.Contains(errorOf(r), "getUser is not implemented yet") {
			t.Errorf("getUser from the app page (%s) should reach the stub and reject with 'not implemented': %v", name, r)
		}
	}
	for name, c := range map[string]struct {
		r    map[string]any
		want string
	}{
		"other origin": {got.InvokeForeign, "sender is not the app page"},
		"gone frame":   {got.InvokeGone, "sender is not the app page"},
		"numeric id":   {got.InvokeBadID, "id is not a string"},
		"string force": {got.InvokeBadForce, "force is not a boolean"},
	} {
		if e := errorOf(c.r); !strings.Contains(e, "refused") || !strings.Contains(e, c.want) || strings.Contains(e, "not implemented") {
			t.Errorf("getUser, %s: %v; want a refusal saying %q before the handler runs", name, c.r, c.want)
		}
	}
	if !strings.Contains(got.SendTrusted, "saveDraft is not implemented yet") || strings.Contains(got.SendTrusted, "refused") {
		t.Errorf("saveDraft from the app page should reach the stub: %q", got.SendTrusted)
	}
	for name, c := range map[string]struct{ warned, want string }{
		"other origin": {got.SendForeign, "sender is not the app page"},
		"numeric tags": {got.SendBadTags, "tags is not an array of strings"},
	} {
		if !strings.Contains(c.warned, c.want) || strings.Contains(c.warned, "not implemented") {
			t.Errorf("saveDraft, %s: warned %q; want a refusal saying %q and no handler call", name, c.warned, c.want)
		}
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// On the migrated TypeScript fixture, what add writes in each file's own style (method members, the app's own
// sender check, declare global typings) type-checks against Electron's real typings, together with page code
// that uses the new methods.
func TestAddToMigratedTSAppTypechecks(t *testing.T) {
	testenv.Slow(t)
	npm := testenv.Tool(t, "npm")
	dir := filepath.Join(t.TempDir(), "app")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "testdata", "add", "migrated-ts", "app"))); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	runIn(t, dir, npm, "install")
	t.Logf("npm install: %s", time.Since(start).Round(time.Millisecond))
	tsc := filepath.Join(dir, "node_modules", ".bin", "tsc")
	runIn(t, dir, tsc, "-p", ".")
	for _, args := range [][]string{
		{"getUser", "--invoke", "--args", "id: string, force?: boolean", "--result", "{ name: string }"},
		{"resetAll", "--send"},
		{"onThemeChanged", "--event", "--args", "theme: 'light' | 'dark'"},
	} {
		if code, stdout, stderr := runTest(t, nil, append(append([]string{"add"}, args...), dir, "--yes")...); code != 0 {
			t.Fatalf("isolate add %v: exit %d\n%s\n%s", args, code, stdout, stderr)
		}
	}
	use := `export async function useAdded(): Promise<void> {
  const user: { name: string } = await window.desktop.getUser("u1", true)
  window.desktop.resetAll()
  const off: () => void = window.desktop.onThemeChanged((theme) => void (theme === "dark"))
  off()
  // @ts-expect-error theme is 'light' or 'dark'
  window.desktop.onThemeChanged((theme: number) => void theme)
  void user
}
`
	if err := os.WriteFile(filepath.Join(dir, "src", "use-added.ts"), []byte(use), 0o644); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	runIn(t, dir, tsc, "-p", ".")
	t.Logf("tsc: %s", time.Since(start).Round(time.Millisecond))
}
