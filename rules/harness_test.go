package rules

import (
	"encoding/json"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/internal/testenv"
	"github.com/isolate-dev/isolate/project"
)

// The strongest evidence that a rewrite is safe: the app does the same thing before and after. These tests run a
// fixture's legacy preload and page scripts in one shared context (contextIsolation off) and the migrated preload
// in its own context, joined to the page only by a contextBridge that follows Electron's rules
// (testdata/harness/bridge.mjs), and compare what each run sends over IPC, logs and shows.

type trace []map[string]any

// runHarness runs the harness on a legacy and a migrated preload (JavaScript or TypeScript source) and page
// scripts, and returns the two traces.
func runHarness(t *testing.T, legacy, migrated []byte, preloadName string, pages map[string][]byte, pageOrder []string, config string) (trace, trace) {
	t.Helper()
	write := scriptWriter(t)
	args := []string{"--legacy", write("legacy/"+preloadName, legacy), "--isolated", write("migrated/"+preloadName, migrated)}
	if config != "" {
		args = append(args, "--config", config)
	}
	for _, p := range pageOrder {
		args = append(args, write("page/"+p, pages[p]))
	}
	return harness(t, args)
}

// scriptWriter returns a function that writes a source, made a classic script, under a fresh temporary directory
// and returns its path.
func scriptWriter(t *testing.T) func(name string, src []byte) string {
	dir := t.TempDir()
	return func(name string, src []byte) string {
		out := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, toScript(t, name, src), 0o644); err != nil {
			t.Fatal(err)
		}
		return out
	}
}

// harness runs testdata/harness/bridge.mjs with the arguments and returns the legacy and the isolated trace.
func harness(t *testing.T, args []string) (trace, trace) {
	t.Helper()
	node := testenv.Tool(t, "node")
	args = append([]string{filepath.Join("..", "testdata", "harness", "bridge.mjs")}, args...)
	out, err := exec.Command(node, args...).Output()
	if err != nil {
		t.Fatalf("harness: %v\n%s", err, out)
	}
	var res struct{ Legacy, Isolated trace }
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("harness output: %v\n%s", err, out)
	}
	return res.Legacy, res.Isolated
}

// toScript turns TypeScript and ES module syntax into a classic script the harness can run, the way the app's
// bundler would.
func toScript(t *testing.T, name string, src []byte) []byte {
	t.Helper()
	loader := api.LoaderJS
	if strings.HasSuffix(name, ".ts") {
		loader = api.LoaderTS
	}
	res := api.Transform(string(src), api.TransformOptions{Loader: loader, Format: api.FormatCommonJS, Sourcefile: name})
	if len(res.Errors) > 0 {
		t.Fatalf("%s: %v", name, res.Errors[0].Text)
	}
	return res.Code
}

// TestMigratedAppsBehaveTheSame runs the fixtures whose rewrite is complete through the harness.
func TestMigratedAppsBehaveTheSame(t *testing.T) {
	for _, name := range []string{"object-literal", "member-by-member", "process-once-loaded", "ts-declare-global", "inline-options",
		"unknown-version", "window-aliases", "preload-paths"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("..", "testdata", "migrate", name)
			facts := loadApp(t, filepath.Join(dir, "app"))
			ds, out := migrate(t, facts)
			for _, d := range ds {
				// A flag computed from the environment changes another mode than the one the harness runs.
				if d.Fix == nil && !(d.Rule == "web-preferences" && d.Severity < codemod.High) {
					t.Fatalf("the fixture has something to fix by hand, so its behaviour is not expected to be the same: %s", d)
				}
			}
			pages, order := pageScripts(t, facts)
			config := filepath.Join(dir, "harness.json")
			if _, err := os.Stat(config); err != nil {
				config = ""
			}
			compared := 0
			for _, w := range facts.Windows {
				pre := facts.Files[w.Preload]
				if pre == nil || out[w.Preload] == nil {
					continue
				}
				legacy, isolated := runHarness(t, pre.Src, out[w.Preload], path.Base(w.Preload), pages, order[pageFor(facts, w)], config)
				assertSameBehaviour(t, legacy, isolated)
				compared++
			}
			if compared == 0 {
				t.Fatal("no window with a migrated preload")
			}
		})
	}
}

// pageScripts reads every script the app's pages load, in page order, grouped by page.
func pageScripts(t *testing.T, facts *project.Facts) (map[string][]byte, map[string][]string) {
	t.Helper()
	scripts := map[string][]byte{}
	order := map[string][]string{}
	for _, name := range codemod.SortedKeys(facts.Pages) {
		for _, s := range facts.Pages[name].Scripts {
			if f, ok := facts.Files[s]; ok {
				scripts[s] = f.Src
			} else {
				src, err := os.ReadFile(filepath.Join(facts.Root, filepath.FromSlash(s)))
				if err != nil {
					t.Fatalf("%s loads %s: %v", name, s, err)
				}
				scripts[s] = src
			}
			order[name] = append(order[name], s)
		}
	}
	return scripts, order
}

// pageFor guesses the page a window loads from its loadFile/loadURL call: the page whose name appears in the
// window's file after the window is made, else the only page.
func pageFor(facts *project.Facts, w *project.Window) string {
	src := string(facts.Files[w.File].Src[w.New.End:])
	best, at := "", -1
	for name := range facts.Pages {
		if i := strings.Index(src, path.Base(name)); i >= 0 && (at < 0 || i < at) {
			best, at = name, i
		}
	}
	if best == "" && len(facts.Pages) == 1 {
		for name := range facts.Pages {
			best = name
		}
	}
	return best
}

func assertSameBehaviour(t *testing.T, legacy, isolated trace) {
	t.Helper()
	ipc := 0
	for _, e := range legacy {
		if _, ok := e["error"]; ok {
			t.Fatalf("the legacy app itself fails in the harness: %v", e)
		}
		if _, ok := e["ipc"]; ok {
			ipc++
		}
	}
	if ipc == 0 {
		t.Fatalf("the legacy app sends no IPC message in the harness, so the comparison proves nothing: %v", legacy)
	}
	if !reflect.DeepEqual(legacy, isolated) {
		l, _ := json.MarshalIndent(legacy, "", " ")
		i, _ := json.MarshalIndent(isolated, "", " ")
		t.Errorf("the migrated app behaves differently\nlegacy:\n%s\nmigrated:\n%s", l, i)
	}
}

// TestHarnessSeesBehaviourChanges makes sure the harness catches rewrites that look right but are not: the kinds
// the rules refuse to make (bridge-value, expose-node-api).
func TestHarnessSeesBehaviourChanges(t *testing.T) {
	page := map[string][]byte{"page.js": []byte("window.counter.inc()\nwindow.counter.inc()\nconsole.log(window.counter.value, window.counter.total)\nwindow.ipc.send('done')\n")}
	legacy := []byte(`const { ipcRenderer } = require('electron')
let total = 0
window.counter = {
  value: 0,
  inc () { this.value++; total++; ipcRenderer.send('inc', this.value) },
  get total () { return total }
}
window.ipc = ipcRenderer
`)
	naive := []byte(`const { ipcRenderer, contextBridge } = require('electron')
let total = 0
contextBridge.exposeInMainWorld('counter', {
  value: 0,
  inc () { this.value++; total++; ipcRenderer.send('inc', this.value) },
  get total () { return total }
})
contextBridge.exposeInMainWorld('ipc', ipcRenderer)
`)
	l, i := runHarness(t, legacy, naive, "preload.js", page, []string{"page.js"}, "")
	if reflect.DeepEqual(l, i) {
		t.Fatalf("a rewrite that breaks this, getters and ipcRenderer went unnoticed: %v", l)
	}
	// The same preload rewritten by hand the way the diagnostics say behaves like the legacy one.
	fixed := []byte(`const { ipcRenderer, contextBridge } = require('electron')
let total = 0
let value = 0
contextBridge.exposeInMainWorld('counter', {
  inc () { value++; total++; ipcRenderer.send('inc', value) }
})
contextBridge.exposeInMainWorld('ipc', { send: (channel) => ipcRenderer.send(channel) })
`)
	page2 := map[string][]byte{"page.js": []byte("window.counter.inc()\nwindow.counter.inc()\nwindow.ipc.send('done')\n")}
	legacy2 := []byte(`const { ipcRenderer } = require('electron')
window.counter = { value: 0, inc () { this.value++; ipcRenderer.send('inc', this.value) } }
window.ipc = ipcRenderer
`)
	l, i = runHarness(t, legacy2, fixed, "preload.js", page2, []string{"page.js"}, "")
	assertSameBehaviour(t, l, i)
}
