package project

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/isolate-dev/isolate/syntax"
	"github.com/isolate-dev/isolate/walk"
)

// Keywords are the byte strings that make a source file worth parsing: a file containing none of them cannot be
// main, preload or Electron-aware renderer code. Checking them is far cheaper than parsing. Files without any
// that the analysis still needs (a preload that only sets window.x, a page script) are asked for by Analyze.
var Keywords = [][]byte{
	[]byte("electron"),
	[]byte("BrowserWindow"),
	[]byte("BrowserView"),
	[]byte("WebContentsView"),
	[]byte("ipcRenderer"),
	[]byte("ipcMain"),
	[]byte("contextBridge"),
	[]byte("preload"),
	// Renderer code of a nodeIntegration app that reaches Node without naming electron.
	[]byte("window.require"),
	[]byte("__non_webpack_require__"),
	// Window typings (declare global { interface Window … }) that a migration keeps in step with the preload.
	[]byte("interface Window"),
}

// Relevant reports whether src contains one of the Keywords.
func Relevant(src []byte) bool {
	for _, k := range Keywords {
		if bytes.Contains(src, k) {
			return true
		}
	}
	return false
}

// Analyze finds the roles of the parsed files, the windows main code creates and the scripts pages load. It
// returns paths the analysis needs parsed that are not yet: preloads windows name, modules preloads require,
// scripts pages load. Some of them may not exist (a build output path is tried as the sources a bundler compiles
// from, in several extensions); the caller parses those it listed, ignores the rest, and calls Analyze again
// while that parsed something new. Each call recomputes every fact from scratch.
func Analyze(f *Facts) (more []string) {
	if f.resolve == nil || f.resolve.root != f.Root {
		f.resolve = newResolver(f.Root)
	}
	a := &analysis{f: f, asked: map[string]bool{}}
	return a.run()
}

type analysis struct {
	f     *Facts
	more  []string
	asked map[string]bool
	// weakMain are the files taken for main code only because they use a main-only Electron module: page code
	// that imports one makes it page code too (a helper shared by both, or one that only looks like main code).
	weakMain map[*File]bool
	// loadIndexes are the windows and load calls of each file of main code, read once (see windowPages).
	loadIndexes map[*File]*loadIndex
}

func (a *analysis) ask(paths ...string) {
	for _, p := range paths {
		if _, parsed := a.f.Files[p]; !parsed && !a.asked[p] {
			a.asked[p] = true
			a.more = append(a.more, p)
		}
	}
}

// pick returns the first candidate that is parsed; when none is, it asks for all of them.
func (a *analysis) pick(paths []string) (string, int) {
	for i, p := range paths {
		if target, ok := a.f.Links[p]; ok {
			p = target // a link inside the tree loads the file it points to
		}
		if _, ok := a.f.Files[p]; ok {
			return p, i
		}
	}
	a.ask(paths...)
	return "", -1
}

// note adds a note once.
func (a *analysis) note(n string) {
	for _, x := range a.f.Notes {
		if x == n {
			return
		}
	}
	a.f.Notes = append(a.f.Notes, n)
}

func (a *analysis) setRole(file *File, r Role, why string, heuristic bool) bool {
	if file.Role&r != 0 {
		return false
	}
	file.Role |= r
	file.Why = joinWhy(file.Why, why)
	file.Heuristic = file.Heuristic || heuristic
	return true
}

func (a *analysis) run() []string {
	f := a.f
	f.Windows = nil
	f.Notes = nil
	paths := f.Paths()
	for _, p := range paths {
		file := f.Files[p]
		file.Role, file.Why, file.Heuristic, file.pages, file.ClassicScript, file.WebviewUnisolated = 0, "", false, nil, false, ""
		if c := f.resolve.configFor(path.Dir(p)); c != nil {
			file.keepTypeImports = c.keepImports
		}
	}

	// Tests and mocks first: nothing in them makes a window, a preload or a page script.
	for _, p := range paths {
		file := f.Files[p]
		if isTestPath(p) {
			a.setRole(file, Test, "test or mock file (by its path)", false)
		} else if name, ok := file.shape().testFramework, file.shape().usesTestFramework; ok {
			a.setRole(file, Test, "uses the test framework global "+name, true)
		}
	}

	// Main code: files that create windows, then files that take main-only Electron modules. A file that also
	// takes remote is page code that falls back on remote (electron.app || electron.remote.app), not main code.
	for _, p := range paths {
		if file := f.Files[p]; !file.Role.Has(Test) {
			a.findWindows(file)
		}
	}
	a.weakMain = map[*File]bool{}
	ambiguous := map[*File]string{} // files that take remote and a main-only module, with the module
	for _, p := range paths {
		file := f.Files[p]
		if file.Role&(Test|Main) != 0 {
			continue
		}
		names := ElectronNames(file)
		for _, name := range sortedNames(names) {
			if mainOnlyElectron[name] {
				if _, ok := names["remote"]; ok {
					// Decided by who imports it, once page code is known.
					ambiguous[file] = name
				} else {
					a.setRole(file, Main, "uses "+name+" from electron", false)
					a.weakMain[file] = true
				}
				break
			}
		}
	}

	// Pages first: the preloads of their <webview> tags count as named preloads.
	pages := sortedPages(f)
	for _, pp := range pages {
		a.readPage(pp)
		for _, wp := range pp.WebviewPreloads {
			if p, _ := a.pick([]string{wp}); p != "" && !f.Files[p].Role.Has(Test) {
				a.setRole(f.Files[p], Preload, "preload of a <webview> in "+pp.Path, false)
				if pp.WebviewUnisolated[wp] && f.Files[p].WebviewUnisolated == "" {
					f.Files[p].WebviewUnisolated = pp.Path
				}
			}
		}
	}
	// <webview preload={…}> written in JSX: React apps make their webviews in components.
	for _, p := range paths {
		file := f.Files[p]
		if file.Role.Has(Test) {
			continue
		}
		for _, wv := range a.jsxWebviewPreloads(file) {
			if got, _ := a.pick(wv.cands); got != "" && !f.Files[got].Role.Has(Test) {
				a.setRole(f.Files[got], Preload, "preload of a <webview> in "+p, false)
				if wv.unisolated && f.Files[got].WebviewUnisolated == "" {
					f.Files[got].WebviewUnisolated = p
				}
			}
		}
	}
	// Preloads: what each window's webPreferences.preload names, or, only when no window names a preload that
	// is parsed, files named or placed like one (and say so). Then the modules they require, which run in the
	// preload's world too.
	for _, w := range f.Windows {
		a.resolvePreload(w)
		a.windowPages(w)
	}
	if len(f.WithRole(Preload)) == 0 {
		for _, p := range paths {
			file := f.Files[p]
			if file.Role == 0 && LooksLikePreload(p) {
				a.setRole(file, Preload, "named "+path.Base(p)+" (no window's webPreferences.preload could be resolved to it)", true)
				a.note(p + " is treated as a preload by its name only: no window's webPreferences.preload could be resolved")
			}
		}
	}
	a.closure(Preload, "required by preload ", true)

	// Renderer code: scripts pages load, single-file components, modules they import.
	for _, pp := range pages {
		for _, s := range pp.Scripts {
			// The script itself, or the TypeScript it is compiled from in place (js/main.js from js/main.ts).
			cands, swapped := candidates(s)
			cands, swapped = cands[:min(len(cands), 1+len(jsExts))], swapped[:min(len(cands), 1+len(jsExts))]
			// Or the TypeScript the compiler writes it from into its outDir (dist/renderer.js from src/renderer.ts).
			for _, c := range f.compiledFrom(s) {
				cands, swapped = append(cands, c), append(swapped, true)
			}
			if p, i := a.pick(cands); p != "" {
				if file := f.Files[p]; !file.Role.Has(Test) {
					why := "loaded by " + pp.Path
					if swapped[i] {
						why += " (as " + path.Base(s) + ", compiled from it)"
					}
					a.setRole(file, Renderer, why, swapped[i])
					file.pages = append(file.pages, pp.Path)
					pp.Code = append(pp.Code, p)
					if !pp.Modules[s] && !hasModuleSyntax(file) {
						file.ClassicScript = true
					}
				}
			} else if !isTestPath(pp.Path) && !a.docsPage(pp.Path) && !slices.Contains(strings.Split(s, "/"), "node_modules") {
				pp.Unread = append(pp.Unread, s)
			}
		}
		// <script>require('./renderer.js')</script>: a page of a nodeIntegration app loading its code.
		if pp.Inline != nil {
			inline := &File{File: pp.Inline}
			for _, imp := range Imports(inline) {
				if !IsRelative(imp.Spec) {
					continue
				}
				if p, _ := a.pick(moduleCandidates(pp.Path, imp.Spec)); p != "" {
					if file := f.Files[p]; !file.Role.Has(Test) {
						a.setRole(file, Renderer, "loaded by "+pp.Path+" (required by an inline script)", false)
						pp.Code = append(pp.Code, p)
					}
				}
			}
		}
	}
	for _, p := range paths {
		if file := f.Files[p]; file.Embedded && !file.Role.Has(Test) {
			a.setRole(file, Renderer, "a "+componentKind(p)+" single-file component (page code)", false)
		}
	}
	a.forgeEntries()
	// Renderer code found by what it uses: the DOM or ipcRenderer, outside main, preload and test code. Files
	// named or placed like a preload (preload-v3.js, src/preload/bridge.js) are left out: a preload no window
	// loads is not page code.
	for _, p := range paths {
		file := f.Files[p]
		if file.Role != 0 || LooksLikePreload(p) || ambiguous[file] != "" {
			continue
		}
		names := ElectronNames(file)
		if _, ok := names["contextBridge"]; ok {
			continue
		}
		if n, ok := names["ipcRenderer"]; ok {
			a.setRole(file, Renderer, "uses ipcRenderer at "+file.Pos(n.Start).String()+" outside a preload", true)
		} else if _, ok := names["remote"]; ok {
			a.setRole(file, Renderer, "uses electron's remote outside a preload", true)
		} else if id := domUse(file); id != nil {
			a.setRole(file, Renderer, "uses "+file.Text(id)+" (a page global) at "+file.Pos(id.Start).String()+
				" and is neither main nor preload code", true)
		}
	}
	// Page code is followed into every module it imports, keyword or not: Node use in any of them stops working
	// when the page loses Node, and a call through the bridge in any of them is one the IPC rewrites must see.
	a.closure(Renderer, "imported by page script ", true)
	// A file that takes remote and a main-only module (const { ipcMain, remote } = require('electron')) and that
	// no page code imports is main code: remote there is a leftover, not a sign of the page.
	for _, p := range paths {
		file := f.Files[p]
		if name := ambiguous[file]; name != "" && file.Role == 0 {
			a.setRole(file, Main, "uses "+name+" from electron", false)
			a.weakMain[file] = true
		}
	}

	exposed := map[string]bool{}
	for _, file := range f.WithRole(Preload) {
		for _, call := range file.Root.Find("call_expression") {
			fn := syntax.Unwrap(call.Child("function"))
			if !fn.Is("member_expression") || file.Text(fn.Child("property")) != "exposeInMainWorld" {
				continue
			}
			if args := call.Child("arguments").NamedChildren(); len(args) > 1 {
				if key, ok := file.StringValue(args[0]); ok {
					exposed[key] = true
				}
			}
		}
	}
	for _, p := range paths {
		f.Files[p].Exposed = exposed
	}
	f.Channels = a.inventory()
	// The modules a Window declaration imports its member types from (main: MainApi from './api'): the typing
	// updates edit those interfaces, so they must be read even when nothing in them is a keyword.
	for _, p := range paths {
		file := f.Files[p]
		if !file.Lang.IsTypeScript() || !file.shape().declaresWindow {
			continue
		}
		for _, imp := range Imports(file) {
			if IsRelative(imp.Spec) {
				a.pick(f.ImportCandidates(file, imp))
			}
		}
	}
	return a.more
}

// declaresWindow reports whether a file declares an interface named Window (declare global { interface Window }).
func declaresWindow(file *File) bool {
	for _, it := range file.Root.Find("interface_declaration") {
		if file.Text(it.Child("name")) == "Window" {
			return true
		}
	}
	return false
}

func sortedPages(f *Facts) []*Page {
	var names []string
	for p := range f.Pages {
		names = append(names, p)
	}
	sort.Strings(names)
	out := make([]*Page, 0, len(names))
	for _, n := range names {
		out = append(out, f.Pages[n])
	}
	return out
}

// resolvePreload reads a window's preload expression and marks the file it names.
func (a *analysis) resolvePreload(w *Window) {
	if w.PreloadExpr == nil {
		return
	}
	file := a.f.Files[w.File]
	where := w.File + ":" + strconv.Itoa(w.Line(a.f))
	if id := syntax.Unwrap(w.PreloadExpr); id.Is("identifier") && file.Scopes().IsFree(id) {
		if p, why := a.forgePreload(file.Text(id)); p != "" {
			w.PreloadPath, w.PreloadWhy, w.PreloadBundled = p, why, true
			if got, _ := a.pick([]string{p}); got != "" {
				w.Preload = got
				a.setRole(a.f.Files[got], Preload, "preload of "+where+" ("+why+")", false)
			}
			return
		}
	}
	alts := a.pathAlternatives(file, w.PreloadExpr)
	for _, alt := range alts {
		p := a.joinAlternative(w.File, alt)
		if p == "" {
			continue
		}
		if w.PreloadPath == "" {
			w.PreloadPath = p
		}
		src, why := a.vitePreload(p)
		if src == "" {
			src, why = a.webpackPreload(p)
		}
		if src != "" {
			if got, _ := a.pick([]string{src}); got != "" {
				w.Preload, w.PreloadPath, w.PreloadWhy, w.PreloadBundled = got, p, why, true
				a.setRole(a.f.Files[got], Preload, "preload of "+where+" ("+why+")", false)
				return
			}
		}
		cands, swapped := candidates(p)
		got, i := a.pick(cands)
		if got == "" {
			continue
		}
		w.Preload, w.PreloadPath = got, p
		why = "preload of " + where
		if swapped[i] {
			w.PreloadHeuristic = true
			w.PreloadWhy = "the path names build output " + p + ", taken to be compiled from " + got
			why += " (" + w.PreloadWhy + ": a heuristic)"
			a.note(got + " is taken to be the preload of " + where + ": the window names build output " + p + ", and " + got + " is its source by name (a heuristic)")
		}
		a.setRole(a.f.Files[got], Preload, why, swapped[i])
		return
	}
}

// closure gives role r to the relative modules files with role r load, transitively. ask says whether to ask for
// modules that are not parsed yet.
func (a *analysis) closure(r Role, why string, ask bool) {
	queue := a.f.WithRole(r)
	seen := map[string]bool{}
	for len(queue) > 0 {
		file := queue[0]
		queue = queue[1:]
		if seen[file.Path] {
			continue
		}
		seen[file.Path] = true
		for _, imp := range Imports(file) {
			if TypeOnlyImport(file, imp.Node) {
				continue
			}
			cands := a.f.ImportCandidates(file, imp)
			if len(cands) == 0 {
				continue
			}
			var got string
			if ask {
				got, _ = a.pick(cands)
			} else {
				for _, c := range cands {
					if _, ok := a.f.Files[c]; ok {
						got = c
						break
					}
				}
			}
			if got == "" {
				continue
			}
			dep := a.f.Files[got]
			if dep.Role.Has(r) && dep.Heuristic && !strings.Contains(dep.Why, why) {
				// Guessed from what it uses, now also known from who imports it.
				dep.Why = joinWhy(dep.Why, why+file.Path)
			}
			if dep.Role.Has(Test) || dep.Role.Has(r) || (dep.Role.Has(Main) && !(r == Renderer && a.weakMain[dep])) {
				continue
			}
			a.setRole(dep, r, why+file.Path, false)
			queue = append(queue, dep)
		}
	}
}

// forgeEntryRe matches the constants Electron Forge's webpack plugin defines for an entry point named NAME.
var forgeEntryRe = regexp.MustCompile(`^([A-Z0-9_]+)_PRELOAD_WEBPACK_ENTRY$`)

// forgePreload resolves MAIN_WINDOW_PRELOAD_WEBPACK_ENTRY through the entryPoints of a Forge configuration
// (forge.config.js or similar) among the parsed files.
func (a *analysis) forgePreload(name string) (string, string) {
	m := forgeEntryRe.FindStringSubmatch(name)
	if m == nil {
		return "", ""
	}
	for _, e := range a.forgeEntryPoints() {
		if strings.ToUpper(e.name) == m[1] && e.preload != "" {
			return e.preload, name + " is the preload of entry point " + e.name + " in " + e.config
		}
	}
	return "", ""
}

type forgeEntry struct{ config, name, js, preload string }

// forgeEntryPoints reads every object of the parsed non-test files shaped like a Forge webpack entry point:
// { name: 'main_window', js: './src/renderer.js', preload: { js: './src/preload.js' } }.
func (a *analysis) forgeEntryPoints() []forgeEntry {
	var out []forgeEntry
	for _, p := range a.f.Paths() {
		file := a.f.Files[p]
		if file.Role.Has(Test) || !bytes.Contains(file.Src, []byte("entryPoints")) {
			continue
		}
		for _, obj := range file.Root.Find("object") {
			name, ok := file.StringValue(property(file.File, obj, "name"))
			if !ok {
				continue
			}
			e := forgeEntry{config: p, name: name}
			e.js = a.configPath(file, property(file.File, obj, "js"))
			if pre := syntax.Unwrap(property(file.File, obj, "preload")); pre.Is("object") {
				e.preload = a.configPath(file, property(file.File, pre, "js"))
			}
			if e.js != "" || e.preload != "" {
				out = append(out, e)
			}
		}
	}
	return out
}

// vitePreload maps the build output path a window names (out/preload/shell.js) to the source electron-vite
// builds it from, by the entry's name in the preload inputs of electron.vite.config.* (preload: { build: {
// rollupOptions: { input: { shell: 'src/win/shell.ts' } } } }). It returns "" when no configuration names it.
func (a *analysis) vitePreload(p string) (string, string) {
	ext := path.Ext(p)
	if !builtExtRe.MatchString(p) || !strings.Contains("/"+path.Dir(p)+"/", "/preload/") {
		return "", ""
	}
	stem := strings.TrimSuffix(path.Base(p), ext)
	for _, cp := range a.f.Paths() {
		if !strings.HasPrefix(path.Base(cp), "electron.vite.config.") {
			continue
		}
		file := a.f.Files[cp]
		for _, pair := range file.Root.Find("pair") {
			if keyName(file.File, pair) != "input" || !inside(file.File, pair, "preload") {
				continue
			}
			inputs := map[string]*syntax.Node{}
			switch v := syntax.Unwrap(pair.Child("value")); {
			case v.Is("object"):
				for _, m := range v.NamedChildren() {
					if k := keyName(file.File, m); k != "" {
						inputs[k] = pairValue(m)
					}
				}
			case v.Is("array"):
				for _, el := range v.NamedChildren() {
					if s, ok := file.StringValue(el); ok {
						inputs[strings.TrimSuffix(path.Base(s), path.Ext(s))] = el
					}
				}
			default:
				if s, ok := file.StringValue(v); ok {
					inputs[strings.TrimSuffix(path.Base(s), path.Ext(s))] = v
				}
			}
			if n := inputs[stem]; n != nil {
				if src := a.configPath(file, n); src != "" {
					return src, "entry " + stem + " of the preload inputs in " + cp + ", which electron-vite builds to " + path.Base(p)
				}
			}
		}
	}
	return "", ""
}

// webpackPreload maps a build output path (build/preload.js) to the entry a webpack configuration builds it
// from: an entry { preload: './app/preload/preload.js' } with output { path: path.resolve('./build'), filename:
// '[name].js' }. It returns "" when no configuration names it.
func (a *analysis) webpackPreload(p string) (string, string) {
	if !builtExtRe.MatchString(p) {
		return "", ""
	}
	for _, cp := range a.f.Paths() {
		base := strings.ToLower(path.Base(cp))
		if !strings.HasPrefix(base, "webpack") && !strings.Contains(base, ".webpack.") && !strings.Contains(base, "webpack.config") {
			continue
		}
		file := a.f.Files[cp]
		for _, obj := range file.Root.Find("object") {
			entry := syntax.Unwrap(property(file.File, obj, "entry"))
			output := syntax.Unwrap(property(file.File, obj, "output"))
			if !entry.Is("object") || !output.Is("object") {
				continue
			}
			dir := a.configPath(file, property(file.File, output, "path"))
			name, ok := file.StringValue(property(file.File, output, "filename"))
			if dir == "" || !ok {
				continue
			}
			for _, m := range entry.NamedChildren() {
				key := keyName(file.File, m)
				if key == "" || path.Join(dir, strings.ReplaceAll(name, "[name]", key)) != p {
					continue
				}
				if src := a.configPath(file, pairValue(m)); src != "" {
					return src, "entry " + key + " of " + cp + ", which webpack builds to " + p
				}
			}
		}
	}
	return "", ""
}

// inside reports whether n sits in the value of a member named key of an enclosing object literal.
func inside(f *syntax.File, n *syntax.Node, key string) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Is("pair") && keyName(f, p) == key {
			return true
		}
	}
	return false
}

// configPath reads a path in a build tool's configuration: a string relative to the configuration's directory
// (where the tool runs), or a path expression (path.join(__dirname, 'src/preload.js'), path.join(rootDir, …)
// with rootDir = process.cwd()). It returns "" when the path cannot be read.
func (a *analysis) configPath(file *File, n *syntax.Node) string {
	if n == nil {
		return ""
	}
	if s, ok := file.StringValue(n); ok {
		if path.IsAbs(s) {
			return ""
		}
		return path.Join(path.Dir(file.Path), s)
	}
	for _, alt := range a.pathAlternatives(file, n) {
		if p := a.joinAlternative(file.Path, alt); p != "" {
			return p
		}
	}
	// path.resolve('./build'): relative to the directory the tool runs in, the configuration's.
	if call := syntax.Unwrap(n); call.Is("call_expression") && strings.HasSuffix(file.Text(call.Child("function")), "resolve") {
		parts := []string{path.Dir(file.Path)}
		for _, arg := range call.Child("arguments").NamedChildren() {
			s, ok := file.StringValue(arg)
			if !ok || path.IsAbs(s) {
				return ""
			}
			parts = append(parts, s)
		}
		if p := path.Join(parts...); p != ".." && !strings.HasPrefix(p, "../") {
			return p
		}
	}
	return ""
}

// forgeEntries marks the renderer scripts Forge entry points name.
func (a *analysis) forgeEntries() {
	for _, e := range a.forgeEntryPoints() {
		if e.js == "" {
			continue
		}
		if got, _ := a.pick([]string{e.js}); got != "" && a.f.Files[got].Role&(Test|Main|Preload) == 0 {
			a.setRole(a.f.Files[got], Renderer, "renderer entry "+e.name+" in "+e.config, false)
		}
	}
}

// Line is the line of the window's constructor call, for messages.
func (w *Window) Line(f *Facts) int {
	return f.Files[w.File].Pos(w.New.Start).Line
}

func joinWhy(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

var versionRe = regexp.MustCompile(`(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?`)

// ElectronVersion reads the Electron version an app depends on from package.json in root (dependencies or
// devDependencies), preferring the exact version a lockfile resolved when there is one.
func ElectronVersion(root string) Version {
	v, _ := electronVersion(newManifestGate(root))
	return v
}

// electronVersion is ElectronVersion that also returns where package.json stops being JSON, when it does.
func electronVersion(gate *manifestGate) (Version, *walk.Problem) {
	if v, ok := lockedVersion(gate); ok {
		return v, nil
	}
	data, ok := gate.read("package.json", walk.MaxManifestSize)
	if !ok {
		if why, refused := gate.refusal("package.json"); refused {
			return Version{Unread: "package.json was not read: " + why}, nil
		}
		return Version{Unread: "the app has no package.json"}, nil
	}
	var pkg struct {
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		pos, msg := jsonError(data, err)
		return Version{Unread: fmt.Sprintf("package.json is not valid JSON at %s: %s", pos, msg)},
			&walk.Problem{Path: "package.json", Pos: pos, Message: "not valid JSON: " + msg + "; npm cannot install the app, and isolate cannot read its Electron version"}
	}
	raw, ok := pkg.DevDependencies["electron"]
	if !ok {
		raw, ok = pkg.Dependencies["electron"]
	}
	if !ok {
		return Version{}, nil
	}
	v := parseVersion(raw)
	v.Source = "package.json"
	return v, nil
}

// jsonError says where in data a JSON decoding error is and what it is.
func jsonError(data []byte, err error) (syntax.Position, string) {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	offset := 0
	switch {
	case errors.As(err, &se):
		offset = int(se.Offset)
	case errors.As(err, &te):
		offset = int(te.Offset)
		return syntax.PositionIn(data, nil, max(0, min(offset, len(data)))), fmt.Sprintf("%s holds a %s where a %s belongs", te.Field, te.Value, te.Type)
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if offset > 0 {
		offset-- // the offset is just past the byte that is wrong
	}
	return syntax.PositionIn(data, nil, min(offset, len(data))), msg
}

func lockedVersion(gate *manifestGate) (Version, bool) {
	data, ok := gate.read("package-lock.json", walk.MaxLockfileSize)
	if !ok {
		return Version{}, false
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
		Dependencies map[string]struct {
			Version string `json:"version"`
		} `json:"dependencies"`
	}
	if json.Unmarshal(data, &lock) != nil {
		return Version{}, false
	}
	raw := lock.Packages["node_modules/electron"].Version
	if raw == "" {
		raw = lock.Dependencies["electron"].Version
	}
	if raw == "" {
		return Version{}, false
	}
	v := parseVersion(raw)
	v.Source = "package-lock.json"
	return v, v.Known
}

// parseVersion reads the lowest version a semver range allows (^11.2.0 → 11.2.0): that is the version whose
// defaults the app must be safe under.
func parseVersion(raw string) Version {
	v := Version{Raw: raw}
	m := versionRe.FindStringSubmatch(raw)
	if m == nil {
		return v
	}
	v.Major, _ = strconv.Atoi(m[1])
	v.Minor, _ = strconv.Atoi(m[2])
	v.Patch, _ = strconv.Atoi(m[3])
	v.Known = true
	return v
}

// TypeOnlyImport reports whether an import loads nothing at run time: import type … and export type … from,
// and, in TypeScript, an import none of whose names is used as a value (import { IpcRenderer } from 'electron'
// used only in types), which the compiler drops, unless the project keeps such imports (verbatimModuleSyntax,
// preserveValueImports, importsNotUsedAsValues: preserve). An import that names nothing (import './x') runs.
func TypeOnlyImport(file *File, n *syntax.Node) bool {
	if !n.Is("import_statement", "export_statement") {
		return false
	}
	for _, c := range n.Children {
		if c.Kind == "type" {
			return true
		}
	}
	if !n.Is("import_statement") || !file.Lang.IsTypeScript() {
		return false
	}
	if file.keepTypeImports {
		return false
	}
	sc := file.Scopes()
	names := 0
	for _, id := range n.Find("identifier") {
		b := sc.Of(id)
		if b == nil || b.Ident != id || b.Kind != syntax.Import {
			continue
		}
		names++
		if len(b.Refs) > 0 {
			return false
		}
	}
	return names > 0
}

// hasModuleSyntax reports whether the file imports or exports at its top level: a bundler or the browser then
// treats it as a module whatever tag loads it.
func hasModuleSyntax(file *File) bool {
	for _, c := range file.Root.NamedChildren() {
		if c.Is("import_statement", "export_statement") {
			return true
		}
	}
	return false
}

// sortedNames returns the names a file takes from electron in order, so that what is said about it is the same
// on every run.
func sortedNames[V any](names map[string]V) []string {
	out := make([]string, 0, len(names))
	for n := range names {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// jsxWebview is a <webview> of a JSX file: the files its preload may be, and whether its webpreferences
// attribute turns context isolation off.
type jsxWebview struct {
	cands      []string
	unisolated bool
}

// jsxWebviewPreloads lists, for each <webview preload=…> (or <ElectronWebView preload=…>) in a JSX file, the files its preload may be: a path
// expression resolved like webPreferences.preload, or a string taken relative to the file or to a page (a
// webview's preload URL is relative to the page that renders it).
func (a *analysis) jsxWebviewPreloads(file *File) []jsxWebview {
	var out []jsxWebview
	for _, el := range file.Root.Find("jsx_opening_element", "jsx_self_closing_element") {
		unisolated := false
		for _, attr := range el.ChildrenOf("attribute") {
			if attr.Is("jsx_attribute") && len(attr.NamedChildren()) > 1 && file.Text(attr.NamedChildren()[0]) == "webpreferences" {
				unisolated = IsolationOffRe.MatchString(file.Text(attr.NamedChildren()[1]))
			}
		}
		// <webview>, or a component wrapping it (react-electron-web-view's <ElectronWebView preload={…}>).
		if !strings.Contains(strings.ToLower(file.Text(el.Child("name"))), "webview") {
			continue
		}
		for _, attr := range el.ChildrenOf("attribute") {
			if !attr.Is("jsx_attribute") || len(attr.NamedChildren()) < 2 || file.Text(attr.NamedChildren()[0]) != "preload" {
				continue
			}
			val := attr.NamedChildren()[1]
			var cands []string
			add := func(p string) {
				if p == "" {
					return
				}
				c, _ := candidates(p)
				cands = append(cands, c...)
			}
			if s, ok := file.StringValue(val); ok {
				s = strings.TrimPrefix(s, "file://")
				add(pageScriptPath(file.Path, s))
				for _, pg := range sortedPages(a.f) {
					add(pageScriptPath(pg.Path, s))
				}
			} else if val.Is("jsx_expression") && len(val.NamedChildren()) > 0 {
				for _, alt := range a.pathAlternatives(file, val.NamedChildren()[0]) {
					add(a.joinAlternative(file.Path, alt))
				}
			}
			if len(cands) > 0 {
				out = append(out, jsxWebview{cands, unisolated})
			}
		}
	}
	return out
}

// docsDirs hold pages of a project's website, documentation or examples, which no window of the app loads.
// (Not www or site: Cordova-style apps keep their own pages there.)
var docsDirs = map[string]bool{"docs": true, "doc": true, "website": true, "example": true, "examples": true,
	"demo": true, "demos": true, "storybook-static": true, ".storybook": true, "coverage": true, "benchmark": true,
	"benchmarks": true}

// docsPage reports whether a page lies in such a directory, and no window is made there (an example app under
// examples/ is an app): a script of it missing from the tree (a site bundle) says nothing about the code the app's
// windows run.
func (a *analysis) docsPage(p string) bool {
	parts := strings.Split(p, "/")
	for i, d := range parts[:len(parts)-1] {
		if !docsDirs[strings.ToLower(d)] {
			continue
		}
		dir := strings.Join(parts[:i+1], "/") + "/"
		for _, w := range a.f.Windows {
			if strings.HasPrefix(w.File, dir) {
				return false
			}
		}
		return true
	}
	return false
}
