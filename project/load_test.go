package project

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/internal/testenv"
	"github.com/isolate-dev/isolate/walk"
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func load(t *testing.T, root string) (*Facts, []string) {
	t.Helper()
	r, err := walk.Walk(root)
	if err != nil {
		t.Fatal(err)
	}
	facts, problems := Load(root, r.Files)
	var out []string
	for _, p := range append(r.Problems, problems...) {
		out = append(out, p.String())
	}
	return facts, out
}

func TestLoadParsesRelevantFilesAndThePreloadsWindowsName(t *testing.T) {
	bundle := strings.Repeat("require('electron');var a=function(){return 1};", 60)
	root := writeTree(t, map[string]string{
		"package.json": `{"name":"notes","devDependencies":{"electron":"^9.4.0"}}`,
		"src/main.js": `const { app, BrowserWindow } = require('electron')
const path = require('path')
app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'bridge.js') } })
  win.loadFile('index.html')
})
`,
		// No keyword in it: only the window's preload option makes it worth parsing.
		"src/bridge.js":        "window.notes = { count: () => 3 }\n",
		"src/index.html":       "<!doctype html><script src=\"renderer.js\"></script>\n",
		"src/renderer.js":      "document.title = 'Notes'\n",
		"src/util/strings.ts":  "export const trim = (s: string) => s.trim()\n",
		"src/vendor/bundle.js": bundle,
	})
	facts, problems := load(t, root)
	if len(problems) != 0 {
		t.Errorf("problems: %q", problems)
	}
	// Analyze may ask for more (the page's scripts, say); what matters here is that the keyword-less preload is
	// parsed and that files without a keyword, and bundles, are not.
	for p, want := range map[string]bool{"src/main.js": true, "src/bridge.js": true, "src/util/strings.ts": false, "src/vendor/bundle.js": false} {
		if _, parsed := facts.Files[p]; parsed != want {
			t.Errorf("%s parsed: %v, want %v (parsed: %q)", p, parsed, want, facts.Paths())
		}
	}
	if pre := facts.Files["src/bridge.js"]; pre == nil || !pre.Role.Has(Preload) {
		t.Errorf("the preload named by the window is not a preload: %+v", pre)
	}
	if page := facts.Pages["src/index.html"]; page == nil || !strings.Contains(string(page.Src), "renderer.js") {
		t.Errorf("page not kept: %+v", facts.Pages)
	}
	if !facts.Electron.Known || facts.Electron.Major != 9 {
		t.Errorf("Electron version %v", facts.Electron)
	}
	if resolved, _ := filepath.EvalSymlinks(root); facts.Root != resolved {
		t.Errorf("root %q, want %q", facts.Root, resolved)
	}
}

func TestLoadReportsFilesItCannotUse(t *testing.T) {
	root := writeTree(t, map[string]string{
		"main.js": "const { BrowserWindow } = require('electron')\n",
		// The call is never closed: the parser finds out at the start of line 4.
		"broken.js": "const { ipcRenderer } = require('electron')\n\nipcRenderer.send('ping'\nconst x = 1\n",
		"bad.ts":    "import { contextBridge } from 'electron'\nconst n: number = )\n",
		"icon.js":   "electron\x00\x01\x02",
		"huge.js":   "// electron\n" + strings.Repeat("x = 1\n", MaxFileSize/6+1),
	})
	facts, problems := load(t, root)
	want := []string{
		"bad.ts:2:19: syntax error: Unexpected \")\"; the file is not rewritten",
		"broken.js:4:1: syntax error: Expected \")\" but found \"const\"; the file is not rewritten",
		"huge.js: 2.0 MiB is larger than the 2 MiB isolate reads (generated or bundled code?); skipped",
		"icon.js: binary file (it holds NUL bytes); skipped",
	}
	if !slices.Equal(problems, want) {
		t.Errorf("problems\n  %q\nwant\n  %q", problems, want)
	}
	// A file with a syntax error stays in the facts, so rules can report on it; the driver must not rewrite it.
	if f := facts.Files["broken.js"]; f == nil || f.SyntaxErrors() == nil {
		t.Errorf("broken.js not kept with its errors")
	}
	if facts.Files["main.js"] == nil || facts.Files["icon.js"] != nil {
		t.Errorf("parsed %q", facts.Paths())
	}
}

func TestLoadReadsALinkedFileOnce(t *testing.T) {
	root := writeTree(t, map[string]string{"src/preload.js": "const { contextBridge } = require('electron')\n"})
	if err := os.Symlink("src/preload.js", filepath.Join(root, "preload.js")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../shared.js", filepath.Join(root, "src", "shared.js")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "shared.js"), []byte("// electron helpers\n"), 0o644)
	facts, problems := load(t, root)
	if got := facts.Paths(); !slices.Equal(got, []string{"shared.js", "src/preload.js"}) || len(problems) != 0 {
		t.Errorf("parsed %q, problems %q", got, problems)
	}
}

func TestLoadDoesNotParseBuildOutputAPreloadPathNames(t *testing.T) {
	root := writeTree(t, map[string]string{
		"src/main.js":     "new BrowserWindow({ webPreferences: { preload: path.join(__dirname, '../dist/preload.js') } })\n",
		"dist/preload.js": "window.api = {}\n",
	})
	facts, _ := load(t, root)
	if facts.Files["dist/preload.js"] != nil {
		t.Error("a bundle in dist/ was parsed for rewriting")
	}
}

func TestLoadReportsUnreadableFile(t *testing.T) {
	if testenv.RunUnprivileged(t) {
		return
	}
	root := writeTree(t, map[string]string{"main.js": "require('electron')\n", "secret.js": "require('electron')\n"})
	if err := os.Chmod(filepath.Join(root, "secret.js"), 0); err != nil {
		t.Fatal(err)
	}
	facts, problems := load(t, root)
	if !slices.Equal(problems, []string{"secret.js: cannot read: permission denied; not checked"}) {
		t.Errorf("problems %q", problems)
	}
	if facts.Files["main.js"] == nil {
		t.Error("the readable file was not parsed")
	}
}

// Page code lives in components and templates too: the scripts of .vue and .svelte files are parsed in place, and
// .ejs pages load scripts like .html pages.
func TestLoadReadsComponentsAndTemplatePages(t *testing.T) {
	vue := "<template>\n  <p>{{ msg }}</p>\n</template>\n\n<script>\nimport { ipcRenderer } from 'electron'\nimport { fmt } from './fmt'\nexport default { data: () => ({ msg: fmt(ipcRenderer.sendSync('hi')) }) }\n</script>\n<style>p { color: red }</style>\n"
	root := writeTree(t, map[string]string{
		"package.json":           `{"devDependencies":{"electron":"^9.4.0"}}`,
		"src/App.vue":            vue,
		"src/fmt.js":             "export const fmt = (s) => s.trim()\n",
		"src/Panel.svelte":       "<script lang=\"ts\">\n  export let n: number = 1\n</script>\n<p>{n}</p>\n",
		"app/index.ejs":          "<html><body><%- include('head') %><script src=\"./landing.js\"></script></body></html>\n",
		"app/landing.js":         "const os = require('os')\n",
		"types/shims.d.ts":       "declare module 'x' { type T = import('./y').T<string> }\ninterface Window { a: 1 }\n",
		"src/legacy/preload.mjs": "",
	})
	facts, problems := load(t, root)
	if len(problems) != 0 {
		t.Errorf("problems: %q (a declaration file isolate's grammar trips on is not one)", problems)
	}
	app := facts.Files["src/App.vue"]
	if app == nil || !app.Embedded || !app.Role.Has(Renderer) {
		t.Fatalf("App.vue: %+v", app)
	}
	// The tree's positions are the component's own.
	imp := app.Root.Find("import_statement")[0]
	if pos := app.Pos(imp.Start); pos.Line != 6 || pos.Column != 1 || app.Text(imp) != "import { ipcRenderer } from 'electron'" {
		t.Errorf("import at %s: %q", pos, app.Text(imp))
	}
	if f := facts.Files["src/fmt.js"]; f == nil || !f.Role.Has(Renderer) {
		t.Errorf("fmt.js, imported by a component and without a keyword, is not page code: %+v", f)
	}
	if p := facts.Files["src/Panel.svelte"]; p == nil || !p.Lang.IsTypeScript() {
		t.Errorf("Panel.svelte with lang=\"ts\": %+v", p)
	}
	if f := facts.Files["app/landing.js"]; f == nil || !strings.HasPrefix(f.Why, "loaded by app/index.ejs") {
		t.Errorf("landing.js: %+v", f)
	}
}

// A preload path may be built by a helper, read from another module, or named in a build tool's configuration.
func TestLoadResolvesPreloadPathsThroughHelpersAndBuildTools(t *testing.T) {
	root := writeTree(t, map[string]string{
		"package.json": `{"devDependencies":{"electron":"^22.0.0"}}`,
		"tsconfig.json": `{
  // JSON with comments, as tsconfig files are written
  "compilerOptions": { "baseUrl": ".", "paths": { "@ui/*": ["ui/*"], }, },
}`,
		"main.js": `const { BrowserWindow } = require('electron')
const path = require('path')
const config = require('./config')
const { sharedPreload } = require('./config')
function preloadFor (name) { return path.join(__dirname, 'preloads', name + '.js') }
new BrowserWindow({ webPreferences: { preload: preloadFor('editor') } })
new BrowserWindow({ webPreferences: { preload: config.viewer } })
new BrowserWindow({ webPreferences: { preload: sharedPreload } })
new BrowserWindow({ webPreferences: { preload: require('path').resolve(__dirname, 'preloads/about.js') } })
new BrowserWindow({ webPreferences: { preload: FORGE_WINDOW_PRELOAD_WEBPACK_ENTRY } })
`,
		"config.js":             "module.exports = { viewer: require('path').join(__dirname, 'preloads', 'viewer.js'), sharedPreload: __dirname + '/preloads/shared.js' }\n",
		"preloads/editor.js":    "window.a = 1\n",
		"preloads/viewer.js":    "window.b = 1\n",
		"preloads/shared.js":    "import '@ui/chrome'\n",
		"preloads/about.js":     "window.d = 1\n",
		"ui/chrome.ts":          "window.c = 1\n",
		"tools/forge.config.js": "const path = require('path')\nconst root = process.cwd()\nmodule.exports = { entryPoints: [{ name: 'forge_window', preload: { js: path.join(root, 'src/forge-preload.ts') } }] }\n",
		"src/forge-preload.ts":  "window.e = 1\n",
	})
	facts, problems := load(t, root)
	if len(problems) != 0 {
		t.Errorf("problems: %q", problems)
	}
	var got []string
	for _, w := range facts.Windows {
		got = append(got, w.Preload)
	}
	want := []string{"preloads/editor.js", "preloads/viewer.js", "preloads/shared.js", "preloads/about.js", "src/forge-preload.ts"}
	if !slices.Equal(got, want) {
		t.Errorf("preloads %q, want %q", got, want)
	}
	if f := facts.Files["ui/chrome.ts"]; f == nil || !f.Role.Has(Preload) {
		t.Errorf("ui/chrome.ts, imported by a preload through tsconfig paths: %+v", f)
	}
	if !facts.Windows[4].PreloadBundled {
		t.Error("a Forge entry point's preload is not marked bundled")
	}
}
