package consistency

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/exposure"
	"github.com/isolate-dev/isolate/rules/internal/scan"
	"github.com/isolate-dev/isolate/rules/windows"
	"github.com/isolate-dev/isolate/syntax"
)

// The consistency pass answers one question about a rewritten app: does it still hold together? Rules rewrite
// files one concern at a time (the flags, the preload's exposures, the page's calls, the typings); each may be
// right on its own and the whole still broken, because what the page uses is decided in one file and provided in
// another. The pass reads the app as the rewrite leaves it (facts computed again from the new sources) and checks,
// for every window whose pages are isolated:
//
//   - every bridge member the page code uses (window.K.m, global.K.m, K.m, through an alias or a destructuring)
//     is still exposed by the window's preloads, and one the page calls is not exposed as a plain value;
//   - contextBridge (Electron 6.1) and ipcRenderer.invoke (Electron 7) exist in the app's Electron;
//   - a value a bridge method returns survives the bridge as the page uses it (a Buffer arrives as a Uint8Array);
//   - the preload no longer shares globals with the page: what it reads from the page's window, or still sets on
//     it for the page, is not there under isolation;
//   - a page the window builds in main code (a data: URL) has no script that loses Node unseen;
//   - declared bridge types (an interface the preload's object or Window uses) match what is exposed.
//
// The driver runs the pass on the app before and after the rewrite and holds back the windows whose rewrite adds
// a break: they are left as they were, and the break is the reason. Run on an app isolate has migrated, the pass
// finds nothing isolate caused.

// StillWorksRule is the ID of the findings the consistency pass makes.
const StillWorksRule = "still-works"

func init() {
	codemod.Register(&codemod.Rule{ID: StillWorksRule, Severity: codemod.High, For: codemod.ForMigrate,
		Doc: "a window whose rewrite would leave the app broken (a bridge member the page uses no longer exposed, a value the bridge changes, page code isolate cannot read) is left as it was",
		Ref: "https://www.electronjs.org/docs/latest/api/context-bridge#parameter--error--return-type-support"})
}

// contextBridgeSince and invokeSince are the Electron versions that added the APIs a migration writes.
var (
	contextBridgeSince = [2]int{6, 1}
	invokeSince        = [2]int{7, 0}
)

// Break is one way the app, as given, does not hold together.
type Break struct {
	// Windows are the windows it concerns (in the facts the pass read).
	Windows []*project.Window
	// Key identifies the break across rewrites of the same app: what kind, which names, which files; no offsets.
	Key string
	// Path, Start and End say where it shows, in the facts the pass read.
	Path       string
	Start, End int
	// Message says what breaks and why, without saying where (the driver adds that).
	Message string
	// Files are files whose rewrite takes part in the break besides the windows' own (a preload no window could be
	// tied to, say): holding the break back holds back what edits them too.
	Files []string
}

// Consistency checks that the app described by facts holds together (see above). before are the facts of the app
// before the rewrite (facts itself when there is none): the keys its preloads put on the page are bridge keys even
// when the rewrite dropped them.
//
// typeUsers are the TypeScript files outside the facts that name a bridge type (TypeUsers finds them): objects
// they declare with that type must keep matching it.
func Consistency(before, facts *project.Facts, typeUsers []*project.File) []Break {
	var out []Break
	for _, w := range facts.Windows {
		st := exposure.StateOf(facts, w)
		if st.Unfollowable {
			continue
		}
		if !st.NodeBefore && len(w.BuiltPages) > 0 {
			out = append(out, builtPageBreaks(facts, w)...)
		}
		if !st.NodeBefore {
			out = append(out, pageNodeBreaks(facts, w)...)
		}
		if w.Preload == "" || facts.Files[w.Preload] == nil {
			continue
		}
		if st.IsolatedBefore {
			out = append(out, bridgeBreaks(before, facts, w, typeUsers)...)
		} else {
			out = append(out, sharedGlobalBreaks(before, facts, w)...)
		}
	}
	out = append(out, unattachedPreloadBreaks(before, facts)...)
	// One break may concern several windows (a preload they share): merge by key.
	byKey := map[string]int{}
	var merged []Break
	for _, b := range out {
		if i, ok := byKey[b.Key]; ok {
			merged[i].Windows = append(merged[i].Windows, b.Windows...)
			merged[i].Files = append(merged[i].Files, b.Files...)
			continue
		}
		byKey[b.Key] = len(merged)
		merged = append(merged, b)
	}
	sort.SliceStable(merged, func(i, j int) bool { return merged[i].Key < merged[j].Key })
	return merged
}

// builtPageBreaks reports a window without Node whose page is built in main code and runs scripts isolate cannot
// read as files.
func builtPageBreaks(facts *project.Facts, w *project.Window) []Break {
	f := facts.Files[w.File]
	var out []Break
	for _, arg := range w.BuiltPages {
		text := f.Text(syntax.Unwrap(arg))
		if id := syntax.Unwrap(arg); id.Is("identifier") {
			if init := f.Scopes().Of(id).Init(); init != nil {
				text = f.Text(init)
			}
		}
		out = append(out, Break{Windows: []*project.Window{w}, Key: "built-page|" + windowID(facts, w) + "|" + codemod.Clip(text, 40),
			Path: w.File, Start: arg.Start, End: arg.End,
			Message: "loads a page built in main code (" + codemod.Clip(text, 50) + "); isolate cannot read its scripts, which lose Node and ipcRenderer " +
				"once nodeIntegration is off: move the page to an HTML file (or give the window a preload that exposes what its scripts use), then run isolate again"})
	}
	return out
}

// pageNodeBreaks reports the page code of a window without Node that still uses Node or Electron: what the
// rewrite leaves of it (renderer-ipc moves what it can behind the bridge) fails at load or when called.
func pageNodeBreaks(facts *project.Facts, w *project.Window) []Break {
	files, _ := pageCodeOf(facts, w)
	var out []Break
	for _, pf := range files {
		if pf.Role&(project.Test|project.Preload) != 0 || codemod.CreatesWindows(facts, pf) {
			continue
		}
		bundled := exposure.UsesESM(pf) || !strings.HasPrefix(pf.Why, "loaded by ")
		for _, d := range windows.PageNodeUses(pf, pf.Scopes(), bundled) {
			if d.Severity != 0 && d.Severity != codemod.High {
				continue
			}
			out = append(out, Break{Windows: []*project.Window{w}, Key: "node|" + windowID(facts, w) + "|" + pf.Path, Path: pf.Path, Start: d.Start, End: d.End,
				Message: "page code still uses Node or Electron here (see renderer-node), and the window would lose Node: the page stops working until that code is moved behind the preload; move it, then run isolate again"})
			break
		}
	}
	return out
}

// exposedAPI is what one key of contextBridge.exposeInMainWorld gives the page.
type exposedAPI struct {
	file *project.File
	call *syntax.Node
	// members are the object's members by name, each with its value; nil when the API is not an object literal
	// isolate can read (anything may then be there).
	members map[string]*syntax.Node
	// lit is the object literal, nil when unknown; typeName is the type the object is declared with
	// (const api: Api = {…}, {…} satisfies Api), "" when none.
	lit      *syntax.Node
	typeName string
}

// bridgeExposures reads the exposeInMainWorld calls of preload files.
func bridgeExposures(files []*project.File) map[string]*exposedAPI {
	out := map[string]*exposedAPI{}
	for _, pf := range files {
		for _, call := range pf.Root.Find("call_expression") {
			fn := syntax.Unwrap(call.Child("function"))
			if !fn.Is("member_expression") || pf.Text(fn.Child("property")) != "exposeInMainWorld" {
				continue
			}
			args := call.Child("arguments").NamedChildren()
			if len(args) < 2 {
				continue
			}
			key, ok := pf.StringValue(args[0])
			if !ok {
				continue
			}
			e := &exposedAPI{file: pf, call: call}
			api := args[1]
			if t := typeOfExpression(pf, api); t != "" {
				e.typeName = t
			}
			api = syntax.Unwrap(api)
			if api.Is("identifier") {
				if b := pf.Scopes().Of(api); b.Stable() && b.Init() != nil {
					if b.Decl != nil {
						if ta := b.Decl.Child("type"); ta != nil && e.typeName == "" {
							e.typeName = typeIdentifier(pf, ta)
						}
					}
					if t := typeOfExpression(pf, b.Init()); t != "" && e.typeName == "" {
						e.typeName = t
					}
					api = syntax.Unwrap(b.Init())
				}
			}
			if api.Is("object") {
				e.lit = api
				e.members = exposedMembers(pf, api)
			}
			out[key] = e
		}
	}
	return out
}

// typeOfExpression returns the type named by `x as T` or `x satisfies T`, or "".
func typeOfExpression(pf *project.File, n *syntax.Node) string {
	for n != nil && n.Is("as_expression", "satisfies_expression", "parenthesized_expression") {
		if n.Is("as_expression", "satisfies_expression") {
			kids := n.NamedChildren()
			if len(kids) == 2 {
				return typeIdentifier(pf, kids[1])
			}
		}
		kids := n.NamedChildren()
		if len(kids) == 0 {
			return ""
		}
		n = kids[0]
	}
	return ""
}

// typeIdentifier returns the name of a type annotation that is one plain type name (: Api), or "".
func typeIdentifier(pf *project.File, n *syntax.Node) string {
	if n.Is("type_annotation") {
		kids := n.NamedChildren()
		if len(kids) != 1 {
			return ""
		}
		n = kids[0]
	}
	if n.Is("type_identifier") {
		return pf.Text(n)
	}
	return ""
}

// exposedMembers returns the members of an object literal by name, or nil when a spread or a computed key hides
// some.
func exposedMembers(pf *project.File, obj *syntax.Node) map[string]*syntax.Node {
	out := map[string]*syntax.Node{}
	for _, m := range obj.NamedChildren() {
		switch {
		case m.Is("comment"):
		case m.Is("shorthand_property_identifier"):
			out[pf.Text(m)] = m
		case m.Is("pair"):
			name := project.KeyName(pf.File, m)
			if name == "" {
				return nil
			}
			out[name] = m.Child("value")
		case m.Is("method_definition"):
			name := project.KeyName(pf.File, m)
			if name == "" {
				return nil
			}
			out[name] = m
		default:
			return nil
		}
	}
	return out
}

// pageUse is one use of a bridge key in page code.
type pageUse struct {
	file   *project.File
	key    string
	member string // "" when the key itself is used as a value
	node   *syntax.Node
	call   bool
	// resultUsed is true when the page uses what the call returns as an object (chains a member on it).
	resultUsed bool
}

// windowPreloads returns the preload files that run in a window: its preload and the modules it requires.
func windowPreloads(facts *project.Facts, w *project.Window) []*project.File {
	root := facts.Files[w.Preload]
	if root == nil {
		return nil
	}
	var out []*project.File
	for _, f := range exposure.PreloadClosure(facts, root) {
		if !f.Role.Has(project.Test) {
			out = append(out, f)
		}
	}
	return out
}

// pageCodeOf returns the page code of a window: the code of its own pages when isolate knows them, every page
// script otherwise; and the inline scripts of those pages, each as a file named after its page.
func pageCodeOf(facts *project.Facts, w *project.Window) (files []*project.File, inline []*project.File) {
	var pages []string
	unread := false
	for _, p := range w.Pages {
		if pg := facts.Pages[p]; pg != nil && len(pg.Unread) > 0 {
			unread = true // scripts isolate cannot tie to sources: any page code may be theirs
		}
	}
	if own := exposure.WindowPageCode(facts, w); own != nil && !unread {
		pages = w.Pages
		files = own.Files
	} else {
		pages = scan.PagePaths(facts)
		for _, f := range facts.WithRole(project.Renderer) {
			if f.Role&(project.Preload|project.Main|project.Test) == 0 {
				files = append(files, f)
			}
		}
	}
	for _, p := range pages {
		if pg := facts.Pages[p]; pg != nil && pg.Inline != nil {
			inline = append(inline, &project.File{File: pg.Inline})
		}
	}
	return files, inline
}

// bridgeBreaks checks an isolated window's preloads against its page code.
func bridgeBreaks(before, facts *project.Facts, w *project.Window, typeUsers []*project.File) []Break {
	preloads := windowPreloads(facts, w)
	exposed := bridgeExposures(preloads)
	// Bridge keys: what the preloads expose now, and what they put on the page before the rewrite.
	keys := map[string]bool{}
	for k := range exposed {
		keys[k] = true
	}
	if bw := beforeWindow(before, facts, w); bw != nil {
		for _, pf := range windowPreloads(before, bw) {
			for k := range exposure.GlobalKeys(pf) {
				keys[k] = true
			}
			for k := range bridgeExposures([]*project.File{pf}) {
				keys[k] = true
			}
		}
	}
	files, inline := pageCodeOf(facts, w)
	all := append(append([]*project.File{}, files...), inline...)
	var out []Break
	add := func(pf *project.File, n *syntax.Node, key, msg string) {
		out = append(out, Break{Windows: []*project.Window{w}, Key: key, Path: pf.Path, Start: n.Start, End: n.End, Message: msg})
	}

	// The bridge itself: Electron must have it.
	if len(exposed) > 0 && facts.Electron.Known {
		v := facts.Electron
		need, what := [2]int{}, ""
		if v.Major < contextBridgeSince[0] || (v.Major == contextBridgeSince[0] && v.Minor < contextBridgeSince[1]) {
			need, what = contextBridgeSince, "contextBridge"
		}
		for _, pf := range preloads {
			if v.Major < invokeSince[0] && strings.Contains(string(pf.Src), ".invoke(") {
				need, what = invokeSince, strings.TrimPrefix(what+" and ipcRenderer.invoke", " and ")
			}
		}
		if what != "" {
			e := exposed[codemod.SortedKeys(exposed)[0]]
			add(e.file, e.call, "electron-version|"+what,
				fmt.Sprintf("the rewritten preload uses %s, which Electron %s (from %s) does not have: upgrade Electron first, to at least %d.%d.0, then run isolate again",
					what, v, v.Source, need[0], need[1]))
		}
	}

	// Page uses of bridge keys.
	out = append(out, pageUseBreaks(all, keys, exposed, []*project.Window{w}, false)...)

	// Values that change crossing the bridge.
	for _, k := range codemod.SortedKeys(exposed) {
		e := exposed[k]
		for _, name := range codemod.SortedKeys(e.members) {
			if call := returnsBuffer(e.file, e.members[name]); call != nil {
				add(e.file, call, "buffer|"+e.file.Path+"|"+k+"."+name,
					fmt.Sprintf("window.%s.%s returns a Buffer (%s without an encoding), which reaches the page as a plain Uint8Array: text methods and JSON.parse on it no longer work; pass an encoding ('utf8') if the page wants text, then run isolate again",
						k, name, codemod.Clip(e.file.Text(call), 50)))
			}
		}
	}

	// Globals the preload and the page no longer share.
	pageSets := map[string]bool{}
	pageReads := map[string]bool{}
	for _, pf := range all {
		for _, asg := range pf.Root.Find("assignment_expression") {
			if _, chain, ok := exposure.GlobalChain(pf, asg.Child("left")); ok && len(chain) > 0 {
				pageSets[chain[0]] = true
			}
		}
		for _, id := range pf.Scopes().Free {
			pageReads[pf.Text(id)] = true
		}
		for _, m := range pf.Root.Find("member_expression") {
			if _, chain, ok := exposure.GlobalChain(pf, m); ok && len(chain) > 0 {
				pageReads[chain[0]] = true
			}
		}
	}
	for _, pf := range preloads {
		seen := map[string]bool{}
		for _, m := range pf.Root.Find("member_expression") {
			_, chain, ok := exposure.GlobalChain(pf, m)
			if !ok || len(chain) == 0 || exposed[chain[0]] != nil || seen[chain[0]] {
				continue
			}
			if p := m.Parent; p.Is("member_expression") && p.Child("object") == m {
				continue // the outermost chain is looked at
			}
			name := chain[0]
			top := m
			for top.Parent != nil && top.Parent.Is("member_expression") {
				top = top.Parent
			}
			write := exposure.IsWriteChain(m)
			switch {
			case write && pageReads[name] && !keys[name] || write && replacedDialog[name]:
				seen[name] = true
				add(pf, m, "preload-sets|"+pf.Path+"|"+name,
					fmt.Sprintf("the preload sets window.%s, which the page no longer sees once the window is isolated (the preload has its own window); expose what the page needs with contextBridge.exposeInMainWorld, then run isolate again", name))
			case !write && pageSets[name]:
				seen[name] = true
				add(pf, m, "preload-reads|"+pf.Path+"|"+name,
					fmt.Sprintf("the preload reads window.%s, which the page sets: once the window is isolated the preload reads undefined; have the page pass it as an argument of a bridge method, then run isolate again", name))
			}
		}
	}

	// Declared bridge types.
	out = append(out, typeBreaks(facts, w, exposed, typeUsers)...)
	return out
}

// pageUseBreaks checks the page code's uses of the keys against what the preloads give the page: every member
// used must be there, one the page calls must be a function, and one whose result the page uses must return it.
//
// shared is true for a page that shares the preload's window (no isolation): members the page adds itself are
// then the page's, not missing ones.
func pageUseBreaks(all []*project.File, keys map[string]bool, exposed map[string]*exposedAPI, windows []*project.Window, shared bool) []Break {
	var out []Break
	mode, gone := "bridge|", "rewritten preload no longer exposes"
	var added map[string]bool
	if shared {
		mode, gone = "shared|", "rewritten preload no longer sets"
		added = map[string]bool{}
		for _, pf := range all {
			for _, u := range bridgeUses(pf, keys) {
				if u.member != "" && exposure.IsWriteChain(u.node) {
					added[u.key+"."+u.member] = true
				}
			}
		}
	}
	for _, pf := range all {
		for _, u := range bridgeUses(pf, keys) {
			if added[u.key+"."+u.member] {
				continue
			}
			e := exposed[u.key]
			where := "window." + u.key
			if u.member != "" {
				where += "." + u.member
			}
			b := Break{Windows: windows, Path: u.file.Path, Start: u.node.Start, End: u.node.End}
			if e != nil {
				b.Files = []string{e.file.Path}
			}
			switch {
			case e == nil:
				b.Key = "orphan|" + u.file.Path + "|" + where
				b.Message = fmt.Sprintf("page code uses %s, but the rewritten preload no longer puts %s on the page", where, u.key)
			case u.member == "" || e.members == nil:
				continue
			case e.members[u.member] == nil:
				b.Key = "orphan|" + u.file.Path + "|" + where
				b.Message = fmt.Sprintf("page code uses %s, which the %s (window.%s has %s)", where, gone, u.key, strings.Join(codemod.SortedKeys(e.members), ", "))
			case u.call && isPlainValue(e.members[u.member]):
				b.Key = "shape|" + u.file.Path + "|" + where
				b.Message = fmt.Sprintf("page code calls %s, which the rewritten preload exposes as a value, not a function", where)
			case u.call && u.resultUsed && returnsNothing(e.members[u.member]):
				b.Key = "result|" + u.file.Path + "|" + where
				b.Message = fmt.Sprintf("page code uses what %s returns (%s), but the rewritten %s returns nothing", where, codemod.Clip(u.file.Text(u.node.Parent.Parent), 40), u.member)
			default:
				continue
			}
			b.Key = mode + b.Key
			out = append(out, b)
		}
	}
	return out
}

// returnsNothing reports whether a member is a function that returns no value: an arrow function with a block
// body, or a function, with no return statement that gives one.
func returnsNothing(v *syntax.Node) bool {
	fn := syntax.Unwrap(v)
	if fn == nil || !fn.Is("arrow_function", "function_expression", "function", "method_definition") {
		return false
	}
	body := fn.Child("body")
	if body == nil || !body.Is("statement_block") || isAsync(fn) {
		return false
	}
	for _, r := range body.Find("return_statement") {
		if r.Ancestor("arrow_function", "function_expression", "function", "function_declaration", "method_definition", "generator_function") == fn && len(r.NamedChildren()) > 0 {
			return false
		}
	}
	return true
}

// isAsync reports whether a function is declared async: it returns a promise whatever its body does.
func isAsync(fn *syntax.Node) bool {
	return len(fn.Children) > 0 && fn.Children[0].Kind == "async"
}

// sharedGlobalBreaks checks a window that stays unisolated: its page shares the preload's window, so what the
// page uses of the objects the preload puts there (window.K = { … }) must still be there after the rewrite.
func sharedGlobalBreaks(before, facts *project.Facts, w *project.Window) []Break {
	preloads := windowPreloads(facts, w)
	exposed := sharedExposures(preloads)
	keys := map[string]bool{}
	for k := range exposed {
		keys[k] = true
	}
	if bw := beforeWindow(before, facts, w); bw != nil {
		for _, pf := range windowPreloads(before, bw) {
			for k := range exposure.GlobalKeys(pf) {
				keys[k] = true
			}
		}
	}
	files, inline := pageCodeOf(facts, w)
	all := append(append([]*project.File{}, files...), inline...)
	return pageUseBreaks(all, keys, exposed, []*project.Window{w}, true)
}

// unattachedPreloadBreaks checks the preloads no window could be tied to (found by their name): their page is not
// known, so every page script counts, and the page shares their window.
func unattachedPreloadBreaks(before, facts *project.Facts) []Break {
	attached := map[string]bool{}
	for _, w := range facts.Windows {
		for _, pf := range windowPreloads(facts, w) {
			attached[pf.Path] = true
		}
	}
	var all []*project.File
	for _, f := range facts.WithRole(project.Renderer) {
		if f.Role&(project.Preload|project.Main|project.Test) == 0 {
			all = append(all, f)
		}
	}
	var out []Break
	for _, pf := range facts.WithRole(project.Preload) {
		if attached[pf.Path] || pf.Role.Has(project.Test) || pf.WebviewUnisolated != "" {
			continue
		}
		exposed := sharedExposures([]*project.File{pf})
		keys := map[string]bool{}
		for k := range exposed {
			keys[k] = true
		}
		if old := before.Files[pf.Path]; old != nil {
			for k := range exposure.GlobalKeys(old) {
				keys[k] = true
			}
		}
		for _, b := range pageUseBreaks(all, keys, exposed, nil, true) {
			b.Files = append(b.Files, pf.Path)
			out = append(out, b)
		}
	}
	return out
}

// sharedExposures is what a page sharing the preloads' window finds on it: what they set directly, and what they
// expose with contextBridge (which the window-state rules check on their own).
func sharedExposures(files []*project.File) map[string]*exposedAPI {
	out := globalExposures(files)
	for k, e := range bridgeExposures(files) {
		if out[k] == nil {
			out[k] = e
		}
	}
	return out
}

// globalExposures reads what preload files put on the page's global object directly (window.K = { … }, global.K
// = api): what an unisolated page sees.
func globalExposures(files []*project.File) map[string]*exposedAPI {
	out := map[string]*exposedAPI{}
	for _, pf := range files {
		for _, asg := range pf.Root.Find("assignment_expression") {
			_, chain, ok := exposure.GlobalChain(pf, asg.Child("left"))
			if !ok || len(chain) != 1 {
				continue
			}
			e := &exposedAPI{file: pf, call: asg}
			v := syntax.Unwrap(asg.Child("right"))
			if v.Is("identifier") {
				if b := pf.Scopes().Of(v); b.Stable() && b.Init() != nil {
					v = syntax.Unwrap(b.Init())
				}
			}
			if v.Is("object") {
				e.lit = v
				e.members = exposedMembers(pf, v)
			}
			out[chain[0]] = e
		}
	}
	return out
}

// replacedDialog are the page's own functions a preload may replace (window.prompt = …): under isolation the
// replacement stays in the preload's world, and the page gets Chromium's.
var replacedDialog = map[string]bool{"prompt": true, "alert": true, "confirm": true}

// beforeWindow finds the window of before that w is, in a rewritten app: same file, same place among the file's
// windows.
func beforeWindow(before, after *project.Facts, w *project.Window) *project.Window {
	if before == after {
		return w
	}
	i := 0
	for _, o := range after.Windows {
		if o == w {
			break
		}
		if o.File == w.File {
			i++
		}
	}
	for _, o := range before.Windows {
		if o.File == w.File {
			if i == 0 {
				return o
			}
			i--
		}
	}
	return nil
}

// windowID names a window the same way before and after a rewrite: its file and its place among the file's
// windows. Keys carry it so that one window's finding before the rewrite does not hide another's after it.
func windowID(facts *project.Facts, w *project.Window) string {
	return fmt.Sprintf("%s#%d", w.File, WindowIndex(facts, w))
}

// WindowIndex returns the place of w among the windows of its file, which a rewrite does not change.
func WindowIndex(facts *project.Facts, w *project.Window) int {
	i := 0
	for _, o := range facts.Windows {
		if o == w {
			return i
		}
		if o.File == w.File {
			i++
		}
	}
	return -1
}

// bridgeUses finds the uses of the keys in one file of page code: window.K.m, global.K.m, K.m with K free, an
// alias (const ipc = window.K; ipc.m) and a destructuring (const { m } = window.K, const { K } = window).
func bridgeUses(pf *project.File, keys map[string]bool) []pageUse {
	sc := pf.Scopes()
	var out []pageUse
	var useOf func(n *syntax.Node, key string, depth int)
	useOf = func(n *syntax.Node, key string, depth int) {
		for n.Parent != nil && n.Parent.Is("parenthesized_expression", "as_expression", "non_null_expression") {
			n = n.Parent
		}
		p := n.Parent
		switch {
		case p == nil:
		case p.Is("member_expression") && p.Child("object") == n:
			call := p.Parent.Is("call_expression") && p.Parent.Child("function") == p
			used := false
			if call {
				if q := p.Parent.Parent; q.Is("member_expression") && q.Child("object") == p.Parent {
					used = true // window.ipc.on(…).on(…)
				}
			}
			out = append(out, pageUse{file: pf, key: key, member: pf.Text(p.Child("property")), node: p, call: call, resultUsed: used})
		case p.Is("subscript_expression") && p.Child("object") == n:
			if s, ok := pf.StringValue(p.Child("index")); ok {
				call := p.Parent.Is("call_expression") && p.Parent.Child("function") == p
				out = append(out, pageUse{file: pf, key: key, member: s, node: p, call: call})
			}
		case p.Is("variable_declarator") && p.Child("value") == n && depth < 4:
			name := p.Child("name")
			if name.Is("identifier") {
				if b := sc.Of(name); b != nil {
					for _, ref := range b.Refs {
						if !isWrite(ref) {
							useOf(ref, key, depth+1)
						}
					}
				}
			} else if name.Is("object_pattern") {
				for _, m := range name.NamedChildren() {
					member := ""
					switch {
					case m.Is("shorthand_property_identifier_pattern"):
						member = pf.Text(m)
					case m.Is("pair_pattern"):
						member = project.KeyName(pf.File, m)
					}
					if member != "" {
						out = append(out, pageUse{file: pf, key: key, member: member, node: m})
					}
				}
			}
		}
	}
	for _, m := range pf.Root.Find("member_expression") {
		obj := syntax.Unwrap(m.Child("object"))
		if !obj.Is("identifier") || !pageGlobal[pf.Text(obj)] || !sc.IsFree(obj) {
			continue
		}
		if key := pf.Text(m.Child("property")); keys[key] {
			useOf(m, key, 0)
		}
	}
	for _, id := range sc.Free {
		if key := pf.Text(id); keys[key] && !pageGlobal[key] {
			if p := id.Parent; p.Is("member_expression") && p.Child("property") == id {
				continue
			}
			useOf(id, key, 0)
		}
	}
	// const { ipcRenderer } = window
	for _, d := range pf.Root.Find("variable_declarator") {
		v := syntax.Unwrap(d.Child("value"))
		if !v.Is("identifier") || !pageGlobal[pf.Text(v)] || !sc.IsFree(v) || !d.Child("name").Is("object_pattern") {
			continue
		}
		for _, m := range d.Child("name").NamedChildren() {
			var key string
			var local *syntax.Node
			switch {
			case m.Is("shorthand_property_identifier_pattern"):
				key, local = pf.Text(m), m
			case m.Is("pair_pattern"):
				key, local = project.KeyName(pf.File, m), m.Child("value")
			}
			if !keys[key] || local == nil || !local.Is("identifier", "shorthand_property_identifier_pattern") {
				continue
			}
			if b := sc.Lookup(d, pf.Text(local)); b != nil {
				for _, ref := range b.Refs {
					if !isWrite(ref) {
						useOf(ref, key, 1)
					}
				}
			}
		}
	}
	return out
}

// pageGlobal are the names page code reaches its global object by.
var pageGlobal = map[string]bool{"window": true, "global": true, "globalThis": true, "self": true}

// isWrite reports whether an identifier is assigned to.
func isWrite(id *syntax.Node) bool {
	p := id.Parent
	return p.Is("assignment_expression", "augmented_assignment_expression") && p.Child("left") == id
}

// isPlainValue reports whether an exposed member is a literal value rather than a function.
func isPlainValue(v *syntax.Node) bool {
	v = syntax.Unwrap(v)
	return v != nil && v.Is("string", "template_string", "number", "true", "false", "null", "object", "array")
}

// returnsBuffer returns the fs call a bridge method hands back as a Buffer: the value of an arrow body or of a
// return statement that is readFileSync(p) or a promise readFile(p) without an encoding.
func returnsBuffer(pf *project.File, v *syntax.Node) *syntax.Node {
	fn := syntax.Unwrap(v)
	if fn == nil || !(fn.Is("arrow_function", "function_expression", "function", "method_definition")) {
		return nil
	}
	var results []*syntax.Node
	if body := fn.Child("body"); body != nil && !body.Is("statement_block") {
		results = append(results, body)
	} else if body != nil {
		for _, r := range body.Find("return_statement") {
			if r.Ancestor("arrow_function", "function_expression", "function", "function_declaration", "method_definition") != fn {
				continue
			}
			if kids := r.NamedChildren(); len(kids) > 0 {
				results = append(results, kids[0])
			}
		}
	}
	for _, r := range results {
		r = syntax.Unwrap(r)
		if r.Is("await_expression") {
			if kids := r.NamedChildren(); len(kids) > 0 {
				r = syntax.Unwrap(kids[0])
			}
		}
		if !r.Is("call_expression") {
			continue
		}
		callee := syntax.Unwrap(r.Child("function"))
		name := ""
		if callee.Is("member_expression") {
			name = pf.Text(callee.Child("property"))
		} else if callee.Is("identifier") {
			name = pf.Text(callee)
		}
		if name != "readFileSync" && name != "readFile" {
			continue
		}
		args := r.Child("arguments").NamedChildren()
		if name == "readFile" && (len(args) != 1 || !strings.Contains(pf.Text(callee), "promises") && !strings.Contains(pf.Text(callee), "fsp")) {
			// fs.readFile(p, cb) hands its Buffer to a callback, not back; fs/promises' readFile returns it.
			if len(args) != 1 || callee.Is("member_expression") && pf.Text(callee.Child("object")) == "fs" {
				continue
			}
		}
		if len(args) == 1 || (len(args) == 2 && syntax.Unwrap(args[1]).Is("object") && !strings.Contains(pf.Text(args[1]), "encoding")) {
			return r
		}
	}
	return nil
}

// typeBreaks compares the types the app declares for its bridge with what the rewritten preloads expose: the type
// of the exposed object (const api: Api = {…}) and the type of window.K in a Window interface.
func typeBreaks(facts *project.Facts, w *project.Window, exposed map[string]*exposedAPI, typeUsers []*project.File) []Break {
	var out []Break
	ifaces := interfaces(facts)
	windowTypes := windowMemberTypes(facts)
	// Every object literal declared with a bridge type must match it: the exposed object, and any other the app
	// types the same way (a stand-in for running the page in a browser, a mock).
	type typedObject struct {
		file    *project.File
		members map[string]*syntax.Node
		key     string // the bridge key, "" for an object that is not exposed
	}
	byType := map[string][]typedObject{}
	for _, k := range codemod.SortedKeys(exposed) {
		e := exposed[k]
		if e.members == nil {
			continue
		}
		if e.typeName != "" {
			byType[e.typeName] = append(byType[e.typeName], typedObject{e.file, e.members, k})
		}
		if t := windowTypes[k]; t != "" && t != e.typeName {
			byType[t] = append(byType[t], typedObject{e.file, e.members, k})
		}
	}
	if len(byType) == 0 {
		return nil
	}
	var others []*project.File
	for _, p := range facts.Paths() {
		if f := facts.Files[p]; f.Lang.IsTypeScript() && !f.Role.Has(project.Preload) {
			others = append(others, f)
		}
	}
	for _, f := range append(others, typeUsers...) {
		for _, d := range f.Root.Find("variable_declarator") {
			ta := d.Child("type")
			if ta == nil {
				continue
			}
			name := typeIdentifier(f, ta)
			v := syntax.Unwrap(d.Child("value"))
			if byType[name] == nil || !v.Is("object") {
				continue
			}
			if ms := exposedMembers(f, v); ms != nil {
				byType[name] = append(byType[name], typedObject{f, ms, ""})
			}
		}
	}
	for _, name := range codemod.SortedKeys(byType) {
		decl := ifaces[name]
		if decl == nil {
			continue
		}
		declared := interfaceMembers(decl.file, decl.node)
		if declared == nil {
			continue
		}
		for _, obj := range byType[name] {
			var extra, missing []string
			for m := range obj.members {
				if _, ok := declared[m]; !ok {
					extra = append(extra, m)
				}
			}
			for m, optional := range declared {
				if obj.members[m] == nil && !optional {
					missing = append(missing, m)
				}
			}
			if len(extra) == 0 && len(missing) == 0 {
				continue
			}
			sort.Strings(extra)
			sort.Strings(missing)
			var parts []string
			if len(extra) > 0 {
				parts = append(parts, "has "+strings.Join(extra, ", ")+", which "+name+" does not declare")
			}
			if len(missing) > 0 {
				parts = append(parts, "lacks "+strings.Join(missing, ", ")+", which "+name+" requires")
			}
			what := "an object of type " + name + " in " + obj.file.Path
			if obj.key != "" {
				what = "the object the rewritten preload exposes as window." + obj.key + " (of type " + name + ")"
			}
			out = append(out, Break{Windows: []*project.Window{w}, Key: "type|" + name + "|" + obj.file.Path + "|" + obj.key,
				Path: decl.file.Path, Start: decl.node.Start, End: decl.node.End,
				Message: fmt.Sprintf("%s %s, declared at %s:%s: the app's type check fails; make the two agree by hand (update %s and every object declared with it), then run isolate again",
					what, strings.Join(parts, " and "), decl.file.Path, decl.file.Pos(decl.node.Start), name)})
		}
	}
	return out
}

// TypeUsers reads the TypeScript files the load passed over (facts.Unparsed) that name a type the bridge is
// declared with (a Window member's type, the type of an exposed object): objects declared with it elsewhere must
// keep matching it after a rewrite. A file that cannot be read or parsed is passed over.
func TypeUsers(facts *project.Facts) []*project.File {
	names := map[string]bool{}
	for _, t := range windowMemberTypes(facts) {
		names[t] = true
	}
	for _, e := range bridgeExposures(facts.WithRole(project.Preload)) {
		if e.typeName != "" {
			names[e.typeName] = true
		}
	}
	if len(names) == 0 {
		return nil
	}
	var out []*project.File
	for _, p := range facts.Unparsed {
		abs := filepath.Join(facts.Root, filepath.FromSlash(p))
		info, err := os.Lstat(abs)
		if err != nil || !info.Mode().IsRegular() || info.Size() > project.MaxFileSize {
			continue
		}
		src, err := os.ReadFile(abs)
		if err != nil {
			continue
		}
		named := false
		for n := range names {
			if bytes.Contains(src, []byte(n)) {
				named = true
				break
			}
		}
		if !named {
			continue
		}
		if parsed, err := syntax.Parse(p, src); err == nil && len(parsed.SyntaxErrors()) == 0 {
			out = append(out, &project.File{File: parsed})
		}
	}
	return out
}

type declared struct {
	file *project.File
	node *syntax.Node
}

// interfaces returns the interfaces and object type aliases the app's TypeScript declares, by name; a name
// declared twice (merged, or in two modules) is left out: which one applies is not clear.
func interfaces(facts *project.Facts) map[string]*declared {
	out := map[string]*declared{}
	twice := map[string]bool{}
	for _, pf := range facts.Files {
		if !pf.Lang.IsTypeScript() {
			continue
		}
		for _, d := range pf.Root.Find("interface_declaration", "type_alias_declaration") {
			name := pf.Text(d.Child("name"))
			if name == "Window" || name == "" {
				continue
			}
			if d.Is("type_alias_declaration") && !syntax.Unwrap(d.Child("value")).Is("object_type") {
				continue
			}
			if out[name] != nil {
				twice[name] = true
			}
			out[name] = &declared{pf, d}
		}
	}
	for name := range twice {
		delete(out, name)
	}
	return out
}

// interfaceMembers returns the members an interface or object type declares, each with whether it is optional;
// nil when it extends another or has an index signature (anything may be in it then).
func interfaceMembers(pf *project.File, d *syntax.Node) map[string]bool {
	body := d.Child("body")
	if d.Is("type_alias_declaration") {
		body = syntax.Unwrap(d.Child("value"))
	}
	if body == nil || d.FirstOfKind("extends_type_clause") != nil {
		return nil
	}
	out := map[string]bool{}
	for _, m := range body.NamedChildren() {
		switch {
		case m.Is("property_signature", "method_signature"):
			name := pf.Text(m.Child("name"))
			if s, ok := pf.StringValue(m.Child("name")); ok {
				name = s
			}
			out[name] = strings.Contains(pf.Text(m)[len(pf.Text(m.Child("name"))):min(len(pf.Text(m)), len(pf.Text(m.Child("name")))+2)], "?")
		case m.Is("comment"):
		default:
			return nil
		}
	}
	return out
}

// windowMemberTypes returns the type name each Window interface member is declared with (api: BridgeApi).
func windowMemberTypes(facts *project.Facts) map[string]string {
	out := map[string]string{}
	for _, pf := range facts.Files {
		if !pf.Lang.IsTypeScript() {
			continue
		}
		for _, d := range pf.Root.Find("interface_declaration") {
			if pf.Text(d.Child("name")) != "Window" {
				continue
			}
			for _, m := range d.Child("body").NamedChildren() {
				if !m.Is("property_signature") {
					continue
				}
				if t := m.Child("type"); t != nil {
					if name := typeIdentifier(pf, t); name != "" {
						out[pf.Text(m.Child("name"))] = name
					}
				}
			}
		}
	}
	return out
}

// SameWindow returns the window of before that w, a window of a rewritten app, is: the one in the same file at the
// same place among the file's windows (a rewrite changes flags, never which windows there are); nil when none.
func SameWindow(before, after *project.Facts, w *project.Window) *project.Window {
	return beforeWindow(before, after, w)
}

// WindowGroup returns what a migration changes together with window w: the windows that share a preload with it
// (a preload rewritten for one but not the other breaks the other), the files of their preloads, and their page
// code. Holding a window back means holding back every fix that edits any of them, and the windows' own options.
func WindowGroup(facts *project.Facts, w *project.Window) (windows []*project.Window, files map[string]bool) {
	files = map[string]bool{}
	in := map[*project.Window]bool{w: true}
	windows = []*project.Window{w}
	preloadsOf := func(x *project.Window) []*project.File { return windowPreloads(facts, x) }
	for changed := true; changed; {
		changed = false
		for _, x := range windows {
			for _, pf := range preloadsOf(x) {
				files[pf.Path] = true
			}
		}
		for _, o := range facts.Windows {
			if in[o] {
				continue
			}
			for _, pf := range preloadsOf(o) {
				if files[pf.Path] {
					in[o] = true
					windows = append(windows, o)
					changed = true
					break
				}
			}
		}
	}
	for _, x := range windows {
		pages, _ := pageCodeOf(facts, x)
		for _, f := range pages {
			files[f.Path] = true
		}
	}
	return windows, files
}
