package exposure

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/internal/scan"
	"github.com/isolate-dev/isolate/rules/knowledge"
	"github.com/isolate-dev/isolate/syntax"
)

// Turning on a window's isolation is right only when isolate has read everything that depends on it: the preload
// the window loads (with what it requires), and, when the page loses Node, the page code. A window whose preload
// isolate could not find or parse, or whose page code imports modules isolate could not read, is left as it is,
// with a high finding that says what blocks it. A preload is rewritten only together with its windows:
// contextBridge works only in an isolated window, so a preload rewritten for a window that stays unisolated would
// break it.

// WindowState is what the migration can do with one window.
type WindowState struct {
	// isolatedBefore is true when the window's pages are isolated already (contextIsolation: true, or absent on
	// Electron 12 and later).
	IsolatedBefore bool
	// nodeBefore is true when its pages have Node now (nodeIntegration: true, or absent before Electron 5).
	NodeBefore bool
	// unfollowable is true when the options cannot be read (options-unfollowable): isolate leaves them alone.
	Unfollowable bool
	// blockers say what isolate could not read that the change depends on; the window is left unchanged while
	// there are any.
	Blockers []string
	// todo says what to do about the blockers.
	Todo []string
}

// flips reports whether the migration would change what the window's pages can reach.
func (s WindowState) Flips() bool { return !s.IsolatedBefore || s.NodeBefore }

// StateOf decides what can be done with a window.
func StateOf(facts *project.Facts, w *project.Window) WindowState {
	s := WindowState{Unfollowable: len(w.Unfollowable) > 0}
	if s.Unfollowable {
		return s
	}
	f := facts.Files[w.File].File
	v := facts.Electron
	prefs := w.WebPreferences
	spread := w.PrefsSpread != nil
	literal := func(key string) string {
		if project.PropertyMember(f, prefs, key) == nil {
			return "absent"
		}
		val := syntax.Unwrap(project.Property(f, prefs, key))
		if val.Is("true", "false") {
			return val.Kind
		}
		return "computed"
	}
	switch literal("contextIsolation") {
	case "true":
		s.IsolatedBefore = true
	case "absent":
		s.IsolatedBefore = !spread && v.AtLeast(knowledge.ContextIsolationOnSince)
	}
	switch literal("nodeIntegration") {
	case "false":
	case "absent":
		s.NodeBefore = !v.Known || v.Before(knowledge.NodeIntegrationOffSince)
	default:
		s.NodeBefore = true
	}
	if !s.IsolatedBefore {
		s.preloadBlockers(facts, w)
	}
	if s.NodeBefore {
		// The page loses Node: all of its code must have been read.
		if rb := windowRendererBlockers(facts, w); len(rb) > 0 {
			s.Blockers = append(s.Blockers, rb...)
			s.Todo = append(s.Todo, "make the page code isolate could not read available to it (or check it for Node use by hand, then set the flags yourself)")
		}
	}
	if mf := facts.Files[w.File]; s.Flips() && mf.Root.HasError() {
		// isolate never rewrites a file its parser cannot read whole, so this window keeps its flags: its preload
		// must not change either.
		pos := mf.Pos(mf.Root.Start)
		if errs := mf.SyntaxErrors(); len(errs) > 0 {
			pos = mf.Pos(errs[0].Start)
		}
		s.Blockers = append(s.Blockers, fmt.Sprintf("%s could not be parsed whole (isolate's parser stops at %s), and isolate does not rewrite it", w.File, pos))
		s.Todo = append(s.Todo, "set contextIsolation: true and nodeIntegration: false in "+w.File+" yourself, with its preload moved to contextBridge.exposeInMainWorld")
	}
	return s
}

// preloadBlockers records what keeps isolate from reading the window's preload.
func (s *WindowState) preloadBlockers(facts *project.Facts, w *project.Window) {
	if w.PreloadExpr == nil {
		return
	}
	expr := codemod.Clip(facts.Files[w.File].Text(w.PreloadExpr), 60)
	if why, skipped := facts.Skipped[w.PreloadPath]; w.Preload == "" && skipped {
		s.Blockers = append(s.Blockers, "its preload "+w.PreloadPath+" was not read ("+why+"), so isolate cannot see what the preload puts on window")
		s.Todo = append(s.Todo, "point webPreferences.preload at source isolate can read (UTF-8, under 2 MiB, not minified; the source a bundle is built from), or move the preload's window assignments to contextBridge.exposeInMainWorld by hand and set contextIsolation: true yourself")
		return
	}
	if w.Preload == "" {
		where := ""
		if w.PreloadPath != "" {
			where = " (it names " + w.PreloadPath + ", which is not in the tree)"
		}
		s.Blockers = append(s.Blockers, "its preload "+expr+" could not be resolved to a file"+where+", so isolate cannot see what the preload puts on window")
		s.Todo = append(s.Todo, "write the preload path so isolate can follow it (path.join(__dirname, 'preload.js'), a Forge entry point, an electron-vite input), or move the preload's window assignments to contextBridge.exposeInMainWorld by hand and set contextIsolation: true yourself")
		return
	}
	root := facts.Files[w.Preload]
	for _, pf := range PreloadClosure(facts, root) {
		if pf.Role.Has(project.Test) {
			continue
		}
		if pf.Root.HasError() {
			pos := pf.Pos(pf.Root.Start)
			if errs := pf.SyntaxErrors(); len(errs) > 0 {
				pos = pf.Pos(errs[0].Start)
			}
			s.Blockers = append(s.Blockers, fmt.Sprintf("%s could not be parsed (isolate's parser stops at %s), so isolate cannot see all that the preload puts on window", pf.Path, pos))
			s.Todo = append(s.Todo, "migrate "+pf.Path+" by hand (contextBridge.exposeInMainWorld for each window.X it sets) and set contextIsolation: true yourself")
		}
		for _, u := range unreadImports(facts, pf, true) {
			s.Blockers = append(s.Blockers, u+", so isolate cannot see what that module puts on window")
			s.Todo = append(s.Todo, "make the module readable (a relative path, or a tsconfig paths entry isolate can follow), or migrate it by hand")
		}
		for _, fd := range globalEscapes(pf) {
			s.Blockers = append(s.Blockers, pf.Path+" "+fd.brief+", so isolate cannot see what is set on it (see window-assign)")
			s.Todo = append(s.Todo, "set what the page needs with contextBridge.exposeInMainWorld in the preload itself")
		}
	}
}

// unreadImports lists the imports of a file that load code of the app isolate could not read: relative (or
// tsconfig-mapped) modules that are not parsed. In preload code (strict), a package name that no package.json
// declares counts too: it is most likely a bundler alias of one of the app's files.
func unreadImports(facts *project.Facts, pf *project.File, strict bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, imp := range project.Imports(pf) {
		if seen[imp.Spec] || project.TypeOnlyImport(pf, imp.Node) || !codeSpec(imp.Spec) {
			continue
		}
		seen[imp.Spec] = true
		if facts.ResolveImportOf(pf, imp) != nil {
			continue
		}
		relative := project.IsRelative(imp.Spec)
		if !relative {
			// A package the app declares (or a tree without a package.json to tell): not the app's code.
			if known, told := facts.KnownPackage(pf.Path, imp.Spec); known || !told || knowledge.IsElectronModule(imp.Spec) || electronBuiltins[imp.Spec] {
				continue
			}
		}
		cands := facts.ImportCandidates(pf, imp)
		where := pf.Path + " (" + pf.Pos(imp.Source.Start).String() + ")"
		switch {
		case relative || len(cands) > 0:
			if why := skippedAmong(facts, cands); why != "" {
				out = append(out, where+" loads "+imp.Spec+", which isolate did not read: "+why)
				continue
			}
			if !strict && existsOnDisk(facts, cands) {
				continue // minified, too large or build output: not code isolate could move
			}
			out = append(out, where+" loads "+imp.Spec+", which isolate could not read")
		case strict:
			out = append(out, where+" loads "+imp.Spec+", which is neither a package the app depends on nor a file isolate can find (a bundler alias?)")
		}
	}
	return out
}

// skippedScript words a blocker for a script a page loads that isolate found and did not read.
func skippedScript(page, script, why string) string {
	return "page " + page + " loads " + script + ", which isolate did not read (" + why + "), so isolate cannot see whether that code uses Node"
}

// skippedAmong returns why isolate did not read the first of the candidate files of an import that it skipped, or
// "" when it skipped none of them.
func skippedAmong(facts *project.Facts, cands []string) string {
	for _, c := range cands {
		if why, ok := facts.Skipped[c]; ok {
			return why
		}
	}
	return ""
}

// electronBuiltins are modules Electron's own require provides besides electron itself.
var electronBuiltins = map[string]bool{"original-fs": true}

// codeSpec reports whether a module name may load code: no extension, or a JavaScript, TypeScript or
// component one (not JSON, styles or images).
func codeSpec(spec string) bool {
	ext := strings.ToLower(path.Ext(path.Base(spec)))
	switch ext {
	case "", ".js", ".cjs", ".mjs", ".jsx", ".ts", ".cts", ".mts", ".tsx", ".vue", ".svelte":
		return true
	}
	if assetExts[ext] {
		return false
	}
	// lodash.debounce, @scope/name.js: a package, whose dots are part of its name.
	return !project.IsRelative(spec) && (!strings.Contains(spec, "/") || strings.HasPrefix(spec, "@") && strings.Count(spec, "/") == 1)
}

// assetExts are the extensions of files bundlers import that hold no code.
var assetExts = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range strings.Fields(".json .json5 .css .scss .sass .less .styl .png .jpg .jpeg .gif .svg .webp .avif .ico .icns .bmp .woff .woff2 .ttf .otf .eot .mp3 .mp4 .wav .webm .ogg .txt .md .html .htm .yaml .yml .toml .node .wasm .glsl .csv .xml .pdf") {
		m[e] = true
	}
	return m
}()

func existsOnDisk(facts *project.Facts, cands []string) bool {
	if facts.Root == "" {
		return false
	}
	for _, c := range cands {
		if info, err := os.Stat(filepath.Join(facts.Root, filepath.FromSlash(c))); err == nil && info.Mode().IsRegular() {
			return true
		}
	}
	return false
}

var rendererBlockersCache sync.Map // weak.Pointer[project.Facts] → []string

// rendererBlockers lists the page code isolate could not read: scripts pages load and modules page code imports
// that are not in the tree. Node use in them would stop working when the page loses Node, unseen.
func rendererBlockers(facts *project.Facts) []string {
	return codemod.Cached(&rendererBlockersCache, facts, func() []string {
		var out []string
		for _, pg := range facts.Pages {
			for _, s := range pg.Unread {
				if why, ok := facts.Skipped[s]; ok {
					out = append(out, skippedScript(pg.Path, s, why))
					continue
				}
				if existsOnDisk(facts, []string{s}) {
					continue // minified, too large or build output: not code isolate could move
				}
				out = append(out, "page "+pg.Path+" loads "+s+", which is not in the tree (build output isolate cannot map back to its source?), so isolate cannot see whether that code uses Node")
			}
		}
		for _, pf := range facts.WithRole(project.Renderer) {
			if pf.Role&(project.Test|project.Preload) != 0 {
				continue
			}
			for _, u := range unreadImports(facts, pf, false) {
				out = append(out, "page code "+u+", so isolate cannot see whether it uses Node")
			}
		}
		sort.Strings(out)
		return out
	})
}

// windowRendererBlockers lists the page code of a window isolate could not read: that of its own pages when
// isolate knows which pages it loads, else that of every page of the app.
func windowRendererBlockers(facts *project.Facts, w *project.Window) []string {
	if own := WindowPageCode(facts, w); own != nil {
		return own.Blockers
	}
	return rendererBlockers(facts)
}

// ownPageCode is what one window's own pages run.
type ownPageCode struct {
	// files are the page code files (scripts of its pages and what they import), test code left out.
	Files []*project.File
	// blockers are the code of its pages isolate could not read, as rendererBlockers words it.
	Blockers []string
}

var ownPageCodeCache sync.Map // weak.Pointer[project.Facts] → map[*project.Window]*ownPageCode

// WindowPageCode returns the code of a window's own pages, or nil when it is not known: the window's loads were
// not all resolved to pages, or one of its pages loads a script that is on disk but not read (build output or a
// minified bundle), whose sources isolate cannot tie to the page. Callers then take every page of the app for the
// window's, as before pages were known per window. So they do too for a window that loads a template (it may
// include fragments with scripts of their own) or that gives Node to its subframes (a frame may load any page).
func WindowPageCode(facts *project.Facts, w *project.Window) *ownPageCode {
	all := codemod.Cached(&ownPageCodeCache, facts, func() map[*project.Window]*ownPageCode {
		out := map[*project.Window]*ownPageCode{}
		for _, w := range facts.Windows {
			if own := computeOwnPageCode(facts, w); own != nil {
				out[w] = own
			}
		}
		return out
	})
	return all[w]
}

func computeOwnPageCode(facts *project.Facts, w *project.Window) *ownPageCode {
	if !w.PagesKnown || project.PropertyMember(facts.Files[w.File].File, w.WebPreferences, "nodeIntegrationInSubFrames") != nil {
		return nil
	}
	own := &ownPageCode{}
	pages := navigablePages(facts, w.Pages)
	for _, p := range pages {
		pg := facts.Pages[p]
		if pg == nil || pg.Template {
			return nil
		}
		for _, s := range pg.Unread {
			if why, ok := facts.Skipped[s]; ok {
				own.Blockers = append(own.Blockers, skippedScript(pg.Path, s, why))
				continue
			}
			if existsOnDisk(facts, []string{s}) {
				return nil
			}
			own.Blockers = append(own.Blockers, "page "+pg.Path+" loads "+s+", which is not in the tree (build output isolate cannot map back to its source?), so isolate cannot see whether that code uses Node")
		}
	}
	for _, pf := range facts.PageCode(pages) {
		if !pf.Role.Has(project.Renderer) {
			continue // main code a page imports, which the analysis did not take for page code
		}
		own.Files = append(own.Files, pf)
		if pf.Role.Has(project.Preload) {
			continue
		}
		for _, u := range unreadImports(facts, pf, false) {
			own.Blockers = append(own.Blockers, "page code "+u+", so isolate cannot see whether it uses Node")
		}
	}
	sort.Strings(own.Blockers)
	return own
}

// navigablePages returns a window's pages and, transitively, every other page of the app whose file name their
// HTML or code mentions (a link, location.href = 'settings.html'): the window may navigate there, and that page's
// code then runs with the window's webPreferences. Mentions that are not navigations only make it more careful.
func navigablePages(facts *project.Facts, start []string) []string {
	in := map[string]bool{}
	queue := append([]string(nil), start...)
	for _, p := range start {
		in[p] = true
	}
	all := scan.PagePaths(facts)
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		srcs := [][]byte{facts.Pages[p].Src}
		for _, pf := range facts.PageCode([]string{p}) {
			srcs = append(srcs, pf.Src)
		}
		for _, q := range all {
			if in[q] {
				continue
			}
			name := []byte(path.Base(q))
			for _, src := range srcs {
				if bytes.Contains(src, name) {
					in[q] = true
					queue = append(queue, q)
					break
				}
			}
		}
	}
	out := make([]string, 0, len(in))
	for p := range in {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// preloadWindows returns the windows that load a preload file, as their preload or a module it requires.
func preloadWindows(facts *project.Facts, pf *project.File) []*project.Window {
	var out []*project.Window
	for _, w := range facts.Windows {
		root := facts.Files[w.Preload]
		if root == nil {
			continue
		}
		for _, f := range PreloadClosure(facts, root) {
			if f == pf {
				out = append(out, w)
				break
			}
		}
	}
	return out
}

// preloadState is what the windows that load a preload allow its rewrite to do.
type preloadState struct {
	// local is set when every window that loads the preload is isolated already: what it sets on window stays in
	// the preload's own world, and nothing about it changes unless page code expects it (pageReads). It says
	// which windows, for the message.
	Local string
	// held is set when a window that loads the preload (or may load it) is left unisolated: rewriting the
	// preload alone would break that window. It says why, for the message.
	held string
}

func preloadStateOf(facts *project.Facts, pf *project.File) preloadState {
	ws := preloadWindows(facts, pf)
	if len(ws) == 0 {
		if !pf.Heuristic || !strings.HasPrefix(pf.Why, "named ") {
			return preloadState{}
		}
		// Found by its name only: any window whose preload isolate could not read may be the one that loads it.
		var unread []string
		for _, w := range facts.Windows {
			if len(w.Unfollowable) > 0 || (w.PreloadExpr != nil && w.Preload == "") {
				unread = append(unread, fmt.Sprintf("%s at %s:%d", w.Constructor, w.File, w.Line(facts)))
			}
		}
		if len(unread) == 0 {
			for _, w := range facts.Windows {
				// Any window may load it (session.setPreloads, a path isolate cannot read): each must end up isolated.
				if st := StateOf(facts, w); !st.Unfollowable && !st.IsolatedBefore && len(st.Blockers) > 0 {
					return preloadState{held: fmt.Sprintf("this file was taken for a preload by its name only, and the %s at %s:%d, which may load it, is left unisolated (see web-preferences); contextBridge works only in an isolated window, so the two must change together: once isolate can read what blocks that window, run isolate again", w.Constructor, w.File, w.Line(facts))}
				}
			}
		}
		switch {
		case len(unread) == 0 && len(facts.Windows) > 0:
			return preloadState{}
		case len(unread) == 0:
			// No window isolate read loads it: the one that does is in main code isolate skipped or could not
			// parse (too large, minified, not UTF-8, outside the directory given, a syntax it does not know).
			// Rewriting the preload alone would throw in that window, which stays unisolated.
			return preloadState{held: "this file was taken for a preload by its name only, and isolate found no window that loads it (the main code that creates it may be a file isolate skipped or could not parse; see the problems above); contextBridge works only in an isolated window, so the preload and its window must change together: let isolate read the main code that creates the window, or set contextIsolation: true there yourself, then run isolate again"}
		case len(unread) == 1:
			return preloadState{held: "this file was taken for a preload by its name only, and the " + unread[0] + ", whose preload isolate could not read, may be the window that loads it; contextBridge works only once that window is isolated, so the two must change together: make that window's preload path readable, then run isolate again"}
		}
		return preloadState{held: "this file was taken for a preload by its name only, and one of the windows whose preload isolate could not read (" + strings.Join(unread, ", ") + ") may be the one that loads it; contextBridge works only once that window is isolated, so the two must change together: make those preload paths readable, then run isolate again"}
	}
	var isolated []string
	for _, w := range ws {
		st := StateOf(facts, w)
		where := fmt.Sprintf("%s:%d", w.File, w.Line(facts))
		switch {
		case st.Unfollowable:
			return preloadState{held: fmt.Sprintf("the %s at %s that loads this preload keeps its options (see options-unfollowable), and contextBridge works only in an isolated window; once that window has contextIsolation: true, run isolate again", w.Constructor, where)}
		case st.IsolatedBefore:
			isolated = append(isolated, where)
		case len(st.Blockers) > 0:
			return preloadState{held: fmt.Sprintf("the %s at %s that loads this preload is left unisolated (see web-preferences), and contextBridge works only in an isolated window; once isolate can read what blocks that window, run isolate again", w.Constructor, where)}
		}
	}
	if len(isolated) == len(ws) {
		return preloadState{Local: strings.Join(isolated, ", ")}
	}
	return preloadState{}
}

var pageNamesCache sync.Map // weak.Pointer[project.Facts] → map[string]bool

// pageReads reports whether page code uses a key as a global: window.key, globalThis.key or the bare name. A page
// that does expects the preload to expose it; in a window isolated already that exposure is broken, and the
// rewrite gives the page what it expects.
func pageReads(facts *project.Facts, key string) bool {
	names := codemod.Cached(&pageNamesCache, facts, func() map[string]bool {
		out := map[string]bool{}
		add := func(f *syntax.File, sc *syntax.Scopes) {
			for _, id := range sc.Free {
				name := f.Text(id)
				out[name] = true
				if GlobalNames[name] {
					if m := id.Parent; m.Is("member_expression") && m.Child("object") == id {
						out[f.Text(m.Child("property"))] = true
					}
				}
			}
		}
		for _, pf := range facts.WithRole(project.Renderer) {
			if pf.Role&(project.Test|project.Preload) == 0 {
				add(pf.File, pf.Scopes())
			}
		}
		for _, pg := range facts.Pages {
			if pg.Inline != nil {
				add(pg.Inline, syntax.Resolve(pg.Inline))
			}
		}
		return out
	})
	return names[key]
}
