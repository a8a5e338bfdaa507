package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/internal/headless"
	"github.com/isolate-dev/isolate/internal/testenv"
	"github.com/isolate-dev/isolate/scaffold"
)

func TestMain(m *testing.M) {
	// No test may download Electron: the generated apps need only its typings. The npm settings keep the
	// four parallel installs to the shared cache and off the audit and funding endpoints.
	for k, v := range map[string]string{
		"ELECTRON_SKIP_BINARY_DOWNLOAD": "1",
		"npm_config_prefer_offline":     "true",
		"npm_config_audit":              "false",
		"npm_config_fund":               "false",
		"npm_config_update_notifier":    "false",
	} {
		os.Setenv(k, v)
	}
	os.Exit(m.Run())
}

// The acceptance test of `isolate new`: every language × UI × package manager variant installs, type-checks
// against Electron's real typings, lints (ESLint and Prettier), passes its own unit tests, builds, ships a preload
// that requires only 'electron' and behaves as the bridge says, passes isolate check, and renders in Chromium under
// its CSP with a stand-in window.api (and with a clear message without one) and no console error.
//
// The two languages of one UI have the same dependencies, so each UI × package manager installs once, through
// isolate itself, for its TypeScript app; the JavaScript app next to it uses that node_modules and lockfile. That
// halves the installs, the slowest step of the suite.
func TestNewAppsInstallTypecheckBuildAndRender(t *testing.T) {
	testenv.Slow(t)
	node := testenv.Tool(t, "node")
	for _, pm := range []string{"npm", "pnpm"} {
		for _, ui := range scaffold.UIs {
			t.Run(pm+"-"+ui, func(t *testing.T) {
				t.Parallel()
				// A missing pnpm skips (or, under CI, fails) only the pnpm apps.
				pms := map[string]string{pm: testenv.Tool(t, pm)}
				root := t.TempDir()
				installed := ""
				for _, lang := range scaffold.Langs {
					dir := filepath.Join(root, "app-"+lang+"-"+ui)
					args := []string{"new", dir, "--yes", "--no-git", "--lang", lang, "--ui", ui, "--pm", pm}
					if installed != "" {
						args = append(args, "--no-install")
					}
					start := time.Now()
					code, stdout, stderr := runTest(t, nil, args...)
					if code != 0 {
						t.Fatalf("isolate new %s exited %d\nstdout:\n%s\nstderr:\n%s", lang, code, stdout, stderr)
					}
					if installed == "" {
						if !strings.Contains(stderr, "Installed dependencies") || strings.Contains(stdout, pm+" install") {
							t.Errorf("expected isolate to install and then not to suggest %s install:\n%s\n%s", pm, stderr, stdout)
						}
						t.Logf("%s: scaffold + %s install: %s", lang, pm, time.Since(start).Round(time.Millisecond))
						installed = dir
					} else {
						shareInstall(t, installed, dir)
					}
					for _, script := range []string{"typecheck", "lint", "test", "build"} {
						start := time.Now()
						runIn(t, dir, pms[pm], "run", script)
						t.Logf("%s: %s run %s: %s", lang, pm, script, time.Since(start).Round(time.Millisecond))
					}
					checkPreloadBundle(t, dir)
					checkPreloadBehaviour(t, node, dir)
					if code, out, errOut := runTest(t, nil, "check", "--fail-on", "info", dir); code != 0 || !strings.HasPrefix(out, "no findings in ") {
						t.Errorf("%s: isolate check on the built app: exit %d\n%s%s", lang, code, out, errOut)
					}
					start = time.Now()
					checkRendererInChromium(t, dir, lang+"-"+ui)
					t.Logf("%s: chromium check: %s", lang, time.Since(start).Round(time.Millisecond))
					if pm == "npm" && lang == "ts" && ui == scaffold.UIs[0] {
						checkPackaging(t, dir, pms[pm])
					}
				}
			})
		}
	}
}

// shareInstall gives the app in dir the dependencies installed in from: the same node_modules (a link) and
// lockfile, which fit because the two apps declare the same dependencies.
func shareInstall(t *testing.T, from, dir string) {
	t.Helper()
	if !reflect.DeepEqual(readPackageJSON(t, from).DevDependencies, readPackageJSON(t, dir).DevDependencies) {
		t.Fatalf("%s and %s declare different dependencies; they cannot share an install", from, dir)
	}
	if err := os.Symlink(filepath.Join(from, "node_modules"), filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	for _, lock := range []string{"package-lock.json", "pnpm-lock.yaml"} {
		if data, err := os.ReadFile(filepath.Join(from, lock)); err == nil {
			if err := os.WriteFile(filepath.Join(dir, lock), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// checkPackaging runs `npm run package`: electron-builder loads electron-builder.yml, gets as far as packaging,
// and then fails on the one thing this machine lacks, the Electron binary, whose download is pointed at a closed
// local port so that it fails at once instead of timing out.
func checkPackaging(t *testing.T, dir, npm string) {
	t.Helper()
	start := time.Now()
	cmd := exec.Command(npm, "run", "package")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "ELECTRON_MIRROR=http://127.0.0.1:9/", "ELECTRON_BUILDER_CACHE="+t.TempDir())
	out, err := cmd.CombinedOutput()
	t.Logf("npm run package (fails without the Electron binary): %s", time.Since(start).Round(time.Millisecond))
	text := string(out)
	if err == nil {
		t.Fatalf("npm run package succeeded without the Electron binary?\n%s", text)
	}
	errorLines := regexp.MustCompile(`(?m)^\s*⨯ .*$`).FindAllString(text, -1)
	if !strings.Contains(text, "loaded configuration") || !strings.Contains(text, "electron-builder.yml") ||
		!strings.Contains(text, "packaging") || len(errorLines) != 1 || !strings.Contains(errorLines[0], "127.0.0.1:9") {
		t.Errorf("npm run package should load electron-builder.yml, start packaging and fail only on downloading Electron; errors %q:\n%s",
			errorLines, text)
	}
}

func runIn(t *testing.T, dir, exe string, args ...string) string {
	t.Helper()
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s in %s: %v\n%s", filepath.Base(exe), strings.Join(args, " "), dir, err, out)
	}
	return string(out)
}

var requireRe = regexp.MustCompile(`\brequire\s*\(`)
var literalRequireRe = regexp.MustCompile(`\brequire\s*\(\s*["'` + "`" + `]([^"'` + "`" + `]*)["'` + "`" + `]\s*\)`)

// A sandboxed preload can load only 'electron': the bundle must be one file, and every require in it must be
// require("electron").
func checkPreloadBundle(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "dist", "preload"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !reflect.DeepEqual(names, []string{"index.js"}) {
		t.Fatalf("dist/preload holds %v; want one file, index.js", names)
	}
	src, err := os.ReadFile(filepath.Join(dir, "dist", "preload", "index.js"))
	if err != nil {
		t.Fatal(err)
	}
	all := requireRe.FindAllIndex(src, -1)
	literal := literalRequireRe.FindAllSubmatch(src, -1)
	if len(all) == 0 || len(all) != len(literal) {
		t.Fatalf("preload has %d require calls, %d of them with a literal name; want only require(\"electron\")", len(all), len(literal))
	}
	for _, m := range literal {
		if string(m[1]) != "electron" {
			t.Errorf("preload requires %q; a sandboxed preload may require only electron", m[1])
		}
	}
	if strings.Contains(string(src), "import(") {
		t.Errorf("preload contains a dynamic import")
	}
}

// preloadHarness loads the built preload in Node with a fake 'electron' that records what it is asked to do,
// then uses the exposed API the way a page would.
const preloadHarness = `
const Module = require('module');
const listeners = new Map();
const calls = [];
let exposed = null;
const electron = {
  contextBridge: { exposeInMainWorld: (key, api) => { exposed = { key, api }; } },
  ipcRenderer: {
    invoke: (channel, ...args) => { calls.push({ op: 'invoke', channel, args }); return Promise.resolve('answer'); },
    send: (channel, ...args) => { calls.push({ op: 'send', channel, args }); },
    sendSync: (channel, ...args) => { calls.push({ op: 'sendSync', channel, args }); return 'answer'; },
    on: (channel, fn) => { listeners.set(channel, fn); calls.push({ op: 'on', channel }); },
    removeListener: (channel, fn) => { calls.push({ op: 'removeListener', channel, same: listeners.get(channel) === fn }); },
  },
};
const load = Module._load;
let loaded = false;
Module._load = function (request, ...rest) {
  if (request === 'electron') return electron;
  // The first load is the preload itself; anything it loads besides electron would fail in the sandbox.
  if (!loaded) { loaded = true; return load.call(this, request, ...rest); }
  throw new Error('the preload required ' + request);
};
require(process.argv[1]);
(async () => {
  const { key, api } = exposed;
  const report = { key, methods: Object.keys(api).sort(), results: {}, received: {} };
  for (const [name, fn] of Object.entries(api)) {
    if (name.startsWith('on')) {
      const got = [];
      const off = fn((...args) => got.push(args));
      const channel = calls[calls.length - 1].channel;
      listeners.get(channel)({ sender: 'the IpcRendererEvent' }, 'payload', 2);
      report.received[name] = got;
      report.results[name] = typeof off;
      off();
    } else {
      // One argument more than any method takes: the preload must not pass it on.
      report.results[name] = await fn('first', 'second', 'extra', 'extra2');
    }
  }
  report.calls = calls;
  console.log(JSON.stringify(report));
})();
`

// The built preload exposes exactly one method per message on window.api, passes only declared arguments,
// strips the event object, and gives every onX an unsubscribe function that removes the very listener it added.
func checkPreloadBehaviour(t *testing.T, node, dir string) {
	t.Helper()
	checkPreloadExposes(t, node, dir, scaffold.SampleBridge())
}

// checkPreloadExposes is checkPreloadBehaviour for an app whose bridge is b.
func checkPreloadExposes(t *testing.T, node, dir string, b bridge.Bridge) {
	t.Helper()
	out := runIn(t, dir, node, "-e", preloadHarness, filepath.Join(dir, "dist", "preload", "index.js"))
	var report struct {
		Key      string
		Methods  []string
		Results  map[string]any
		Received map[string][][]any
		Calls    []struct {
			Op, Channel string
			Args        []any
			Same        bool
		}
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("preload harness printed %q: %v", out, err)
	}
	var want []string
	for _, m := range b.Messages {
		want = append(want, m.Method)
	}
	slices.Sort(want)
	if report.Key != b.Key || !reflect.DeepEqual(report.Methods, want) {
		t.Fatalf("preload exposes window.%s with %v; want window.%s with %v", report.Key, report.Methods, b.Key, want)
	}
	for _, m := range b.Messages {
		var ops []string
		for _, c := range report.Calls {
			if c.Channel != m.Channel {
				continue
			}
			ops = append(ops, c.Op)
			if (c.Op == "invoke" || c.Op == "send" || c.Op == "sendSync") && len(c.Args) != len(m.Params) {
				t.Errorf("%s passed %d arguments over %s; it declares %d", m.Method, len(c.Args), c.Channel, len(m.Params))
			}
			if c.Op == "removeListener" && !c.Same {
				t.Errorf("%s: unsubscribing removed a different function than it added", m.Method)
			}
		}
		wantOps := map[string][]string{"invoke": {"invoke"}, "send": {"send"}, "sendSync": {"sendSync"}, "event": {"on", "removeListener"}}[string(m.Kind)]
		if !reflect.DeepEqual(ops, wantOps) {
			t.Errorf("%s (%s) did %v on its channel %s; want %v", m.Method, m.Kind, ops, m.Channel, wantOps)
		}
		if m.Kind == "event" {
			if report.Results[m.Method] != "function" {
				t.Errorf("%s returned %v; want an unsubscribe function", m.Method, report.Results[m.Method])
			}
			got := report.Received[m.Method]
			if len(got) != 1 || len(got[0]) == 0 || got[0][0] != "payload" {
				t.Errorf("%s listener received %v; want the payload without the event object", m.Method, got)
			}
		}
	}
}

// stubAPI stands in for the preload in Chromium. It runs before the page's scripts, as a preload does.
const stubAPI = `(() => {
  const calls = [];
  const listeners = [];
  Object.defineProperty(window, '__stub', { value: { calls, listeners } });
  window.api = Object.freeze({
    getVersions: () => {
      calls.push('getVersions');
      return Promise.resolve({ app: '0.1.0', electron: '45.0.0-stub', chrome: '142.0.0.0-stub', node: '24.0.0-stub' });
    },
    setTitle: (title) => { calls.push('setTitle:' + title); },
    onFocusChanged: (listener) => {
      calls.push('onFocusChanged');
      listeners.push(listener);
      return () => { const i = listeners.indexOf(listener); if (i >= 0) listeners.splice(i, 1); };
    },
  });
})();
`

// The built renderer, served the way the app:// handler serves it (same files, same CSP header), renders the
// versions from window.api, reacts to an event and sends a message, with no console error and no CSP violation.
func checkRendererInChromium(t *testing.T, dir, ui string) {
	t.Helper()
	root := filepath.Join(dir, "dist", "renderer")
	html, err := os.ReadFile(filepath.Join(root, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	meta := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]*)"`).FindSubmatch(html)
	if meta == nil {
		t.Fatal("index.html has no Content-Security-Policy meta tag")
	}
	policy := string(meta[1])
	for _, want := range []string{"default-src 'self'", "script-src 'self'"} {
		if !strings.Contains(policy, want) {
			t.Errorf("CSP %q lacks %q", policy, want)
		}
	}
	if strings.Contains(policy, "unsafe-") {
		t.Errorf("CSP %q allows something unsafe", policy)
	}

	files := http.FileServer(http.Dir(root))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", scaffold.ContentSecurityPolicyHeader())
		w.Header().Set("X-Content-Type-Options", "nosniff")
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()

	checkMissingAPIInChromium(t, srv.URL+"/index.html", ui)

	page := headless.Open(t, srv.URL+"/index.html", stubAPI)
	if err := page.WaitFor(`document.body.innerText.includes('45.0.0-stub')`, 15*time.Second); err != nil {
		body, _ := headless.Eval[string](page, "document.body.innerHTML")
		problems, _ := page.Problems()
		t.Fatalf("%s renderer did not show the versions: %v\nbody: %s\nproblems: %v", ui, err, body, problems)
	}
	// An event from main changes the page.
	if _, err := headless.Eval[chromedp.Void](page, `window.__stub.listeners.forEach((l) => l(false))`); err != nil {
		t.Fatal(err)
	}
	if err := page.WaitFor(`document.body.innerText.includes('background')`, 5*time.Second); err != nil {
		t.Errorf("the page did not react to onFocusChanged(false): %v", err)
	}
	// A typed title goes out through setTitle.
	if err := chromedp.Do(page.Ctx,
		chromedp.SendKeys(chromedp.CSS("#title-input"), "Hello"),
		chromedp.Click(chromedp.CSS("button[type=submit]")),
	); err != nil {
		t.Fatal(err)
	}
	if err := page.WaitFor(`window.__stub.calls.includes('setTitle:Hello')`, 5*time.Second); err != nil {
		calls, _ := headless.Eval[[]string](page, "window.__stub.calls")
		t.Errorf("submitting the form did not call setTitle('Hello'): %v; calls %v", err, calls)
	}
	problems, err := page.Problems()
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("%s renderer reported problems:\n%s", ui, strings.Join(problems, "\n"))
	}
}

// Without a preload (it failed to load, or the page was opened outside the app) the page says that window.api is
// missing and why, instead of a blank page or a hang, and breaks no CSP or Trusted Types rule doing it.
func checkMissingAPIInChromium(t *testing.T, url, ui string) {
	t.Helper()
	page := headless.Open(t, url, "")
	if err := page.WaitFor(`document.body.innerText.includes('The preload API is missing')`, 15*time.Second); err != nil {
		body, _ := headless.Eval[string](page, "document.body.innerText")
		t.Fatalf("%s renderer without window.api does not say the preload API is missing: %v\nbody: %s", ui, err, body)
	}
	text, err := headless.Eval[string](page, "document.body.innerText")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "preload failed to load") || !strings.Contains(text, "opened outside the app") {
		t.Errorf("%s: the message does not say why window.api can be missing:\n%s", ui, text)
	}
	problems, err := page.Problems()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		// The page logs what it shows, once, for whoever has DevTools open; anything else is a problem.
		if !strings.Contains(p, "window.api is missing: the preload did not run") {
			t.Errorf("%s renderer without window.api: %s", ui, p)
		}
	}
}
