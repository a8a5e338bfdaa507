package rules

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/isolate-dev/isolate/codemod"
)

// TestProcessExposureIsWhatKeepsThePageWorking runs page-process through the harness with the migrated preload
// and without its window.process exposure: the page's probes and values must show in the trace (so the harness
// comparison in TestIPCMigrationKeepsTraffic covers them), and a migration that dropped the exposure must be
// noticed.
func TestProcessExposureIsWhatKeepsThePageWorking(t *testing.T) {
	dir := filepath.Join("..", "testdata", "migrate", "page-process")
	facts := loadApp(t, filepath.Join(dir, "app"))
	_, out := migrate(t, facts)
	preload := out["preload.js"]
	if preload == nil {
		t.Fatal("no preload created")
	}
	pages, order := pageScripts(t, facts)
	var legacyPages, isolatedPages []namedSource
	for _, p := range order["index.html"] {
		legacyPages = append(legacyPages, namedSource{p, pages[p]})
		src := pages[p]
		if changed, ok := out[p]; ok {
			src = changed
		}
		isolatedPages = append(isolatedPages, namedSource{p, src})
	}
	config := filepath.Join(dir, "harness.json")
	l, i := runHarnessPages(t, nil, preload, "preload.js", legacyPages, isolatedPages, config)
	assertSameBehaviour(t, l, i)
	shown := strings.Contains(string(mustJSON(t, l)), "Electron 30.0.0 on linux (x64)") &&
		strings.Contains(string(mustJSON(t, l)), "Clock (kiosk)")
	if !shown {
		t.Fatalf("the page's process values do not show in the trace, so the comparison proves nothing about them: %s", mustJSON(t, l))
	}
	cut := strings.Index(string(preload), "contextBridge.exposeInMainWorld('process'")
	if cut < 0 {
		t.Fatalf("the preload exposes no process values:\n%s", preload)
	}
	l, i = runHarnessPages(t, nil, preload[:cut], "preload.js", legacyPages, isolatedPages, config)
	if equalTraces(l, i) {
		t.Fatalf("a preload without the process values went unnoticed: %s", mustJSON(t, i))
	}
}

func mustJSON(t *testing.T, tr trace) []byte {
	t.Helper()
	b, err := json.Marshal(tr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// What the preload cannot hand over as a value stays page code that needs Node, reported with the reason, and
// nothing of that page's process use is exposed: a function of process, a write, the whole env, a page that
// brings its own window.process, a window that never had Node.
func TestProcessUsesThePreloadCannotStandInFor(t *testing.T) {
	main := "const { BrowserWindow } = require('electron')\nconst w = new BrowserWindow({ webPreferences: { nodeIntegration: true } })\nw.loadFile('index.html')\n"
	for _, c := range []struct{ name, page, want string }{
		{"function", "document.title = process.cwd()\n", "calls process.cwd()"},
		{"write", "process.env.DEBUG = '1'\nconsole.log(process.platform)\n", "writes process.env.DEBUG"},
		{"whole env", "const env = process.env\nconsole.log(env.HOME)\n", "not one named variable of process.env"},
		{"passed on", "console.log(process.platform)\nlog(process)\n", "passes process on"},
	} {
		t.Run(c.name, func(t *testing.T) {
			facts := app(t, "11.0.0", map[string]string{"main.js": main, "index.html": `<script src="page.js"></script>`, "page.js": c.page})
			ds, files := check(t, facts)
			if !hasDiag(ds, "renderer-node", c.want) {
				t.Errorf("no finding saying %q: %q", c.want, diagLines(ds))
			}
			if _, created := files["preload.js"]; created {
				t.Errorf("a preload was created for process values the page cannot be given:\n%s", files["preload.js"])
			}
		})
	}
	t.Run("page shim", func(t *testing.T) {
		facts := app(t, "11.0.0", map[string]string{"main.js": main, "index.html": `<script src="shim.js"></script><script src="page.js"></script>`,
			"shim.js": "window.process = window.process || { env: {} }\n", "page.js": "console.log(process.platform)\n"})
		_, files := check(t, facts)
		if _, created := files["preload.js"]; created {
			t.Errorf("a window.process was exposed over the page's own:\n%s", files["preload.js"])
		}
	})
	t.Run("no node before", func(t *testing.T) {
		noNode := strings.Replace(main, "nodeIntegration: true", "nodeIntegration: false, contextIsolation: false", 1)
		facts := app(t, "11.0.0", map[string]string{"main.js": noNode, "index.html": `<script src="page.js"></script>`,
			"page.js": "if (window.process) { document.title = process.platform }\n"})
		_, files := check(t, facts)
		if _, created := files["preload.js"]; created {
			t.Errorf("a page that never had process gets one, which turns its probe around:\n%s", files["preload.js"])
		}
	})
	t.Run("exposed", func(t *testing.T) {
		facts := app(t, "11.0.0", map[string]string{"main.js": main, "index.html": `<script src="page.js"></script>`,
			"page.js": "if (typeof process !== 'undefined' && window.process.type === 'renderer') {\n  document.title = process.platform + ' ' + process.env['APP-MODE'] + process.env.HOME + ' ' + process.versions.chrome\n}\n"})
		ds, files := check(t, facts)
		want := "contextBridge.exposeInMainWorld('process', {\n  env: { 'APP-MODE': process.env['APP-MODE'], HOME: process.env.HOME },\n  platform: process.platform,\n  type: process.type,\n  versions: process.versions\n})\n"
		if !strings.Contains(files["preload.js"], want) {
			t.Errorf("preload:\n%s\nwant it to contain:\n%s\n%q", files["preload.js"], want, diagLines(ds))
		}
		if files["page.js"] != "" {
			t.Errorf("the page code changed:\n%s", files["page.js"])
		}
		for _, d := range ds {
			if d.Fix == nil && d.Severity != codemod.Low && d.Severity != codemod.Info && d.Rule == "renderer-node" {
				t.Errorf("left: %s", d)
			}
		}
	})
}

// A window whose options web-preferences leaves unchanged (here: page code loads a file isolate cannot read) keeps
// Node integration and no isolation: a preload calling contextBridge would throw there, and a created one would be
// named nowhere, so the page bridge is not built, for ipcRenderer calls and process values alike.
func TestNoPageBridgeForAWindowLeftUnchanged(t *testing.T) {
	main := "const { BrowserWindow } = require('electron')\nconst w = new BrowserWindow({ webPreferences: { nodeIntegration: true } })\nw.loadFile('index.html')\n"
	facts := app(t, "11.0.0", map[string]string{"main.js": main, "index.html": `<script src="page.js"></script>`,
		"page.js": "const { ipcRenderer } = require('electron')\nrequire('./vendor/editor')\nipcRenderer.send('ready', process.platform)\n"})
	ds, files := check(t, facts)
	if len(files) != 0 {
		t.Errorf("files changed for a window left as it is: %v\n%q", files, diagLines(ds))
	}
	if !hasDiag(ds, "renderer-ipc", "the window's options stay unchanged") {
		t.Errorf("renderer-ipc does not say why the page stays: %q", diagLines(ds))
	}
}

// The migrated TypeScript fixture builds the way its app would: the page for the browser (where process is now
// the exposed window.process, so nothing may be left for a bundler to shim), the preload as one sandboxed file
// whose only require is electron.
func TestMigratedProcessFixtureBundles(t *testing.T) {
	dir := filepath.Join("..", "testdata", "migrate", "page-process-ts")
	facts := loadApp(t, filepath.Join(dir, "app"))
	_, out := migrate(t, facts)
	tmp := t.TempDir()
	if err := copyDir(filepath.Join(dir, "app"), tmp); err != nil {
		t.Fatal(err)
	}
	for p, src := range out {
		if err := os.WriteFile(filepath.Join(tmp, filepath.FromSlash(p)), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		entry    string
		platform api.Platform
	}{{"src/renderer/src/main.ts", api.PlatformBrowser}, {"src/preload/index.ts", api.PlatformNode}} {
		res := api.Build(api.BuildOptions{EntryPoints: []string{filepath.Join(tmp, filepath.FromSlash(c.entry))}, Bundle: true,
			Platform: c.platform, Format: api.FormatCommonJS, External: []string{"electron"}, Write: false, LogLevel: api.LogLevelSilent})
		if len(res.Errors) > 0 {
			t.Fatalf("%s does not bundle: %s", c.entry, res.Errors[0].Text)
		}
		code := string(res.OutputFiles[0].Contents)
		if c.platform == api.PlatformNode {
			for _, m := range regexp.MustCompile(`require\("([^"]+)"\)`).FindAllStringSubmatch(code, -1) {
				if m[1] != "electron" {
					t.Errorf("the bundled preload requires %s, which a sandboxed preload cannot", m[1])
				}
			}
		}
	}
}
