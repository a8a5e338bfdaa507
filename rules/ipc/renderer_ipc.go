package ipc

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/exposure"
	"github.com/isolate-dev/isolate/syntax"
)

// RendererIPC moves page code that uses ipcRenderer itself (with Node integration) behind the bridge: the
// window's preload gains one method per message the page sends or listens to (a preload is created when the
// window has none, and web-preferences names it in webPreferences), the page calls window.api.<method>(…), and
// its require or import of electron goes.
var RendererIPC = codemod.Register(&codemod.Rule{
	ID:       "renderer-ipc",
	Doc:      "page code uses ipcRenderer directly, which needs Node integration",
	Severity: codemod.High,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/security#2-do-not-enable-nodejs-integration-for-remote-content",
	Roles:    project.Renderer,
	For:      codemod.ForMigrate | codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		plan := rendererIPCPlanFor(p.Facts)
		for _, rf := range plan.files[p.File.Path] {
			reportRendererIPC(p, plan, rf)
		}
	},
})

// rendererFile is one page file that uses ipcRenderer itself.
type rendererFile struct {
	File *project.File
	// binding is how the file names ipcRenderer (the import, destructuring or declaration); decl the statement or
	// element that goes.
	uses   []*project.ChannelUse
	calls  []*pageCall
	Edits  []codemod.Edit
	why    string
	Bridge *pageBridge
	// generic are the ops called with a channel computed at run time, kept on the bridge restricted.
	dynamic []*project.ChannelUse
	// proc are the file's reads of Node's process object, which the bridge exposes as window.process.
	proc []processUse
}

// pageBridge is the bridge the page files of one window get.
type pageBridge struct {
	w       *project.Window
	Key     string
	site    *ipcSite
	preload string // the preload path, existing or created
	created bool
	files   []*rendererFile
	// edits are the preload edits (creation or an added exposeInMainWorld call) and the main-process edits
	// web-preferences shares (a path import).
	Edits []codemod.Edit
	// entry is the webPreferences member naming a created preload, for web-preferences.
	entry string
	why   string
	Fix   *codemod.Fix
	// procExposed is set when the preload exposes window.process with the values procMembers the page reads
	// (renderer_process.go).
	procExposed bool
	procMembers []string
}

type rendererIPCPlan struct {
	Facts   *project.Facts
	files   map[string][]*rendererFile
	bridges []*pageBridge
}

var rendererIPCPlans sync.Map

func rendererIPCPlanFor(facts *project.Facts) *rendererIPCPlan {
	if p, ok := rendererIPCPlans.Load(facts); ok {
		return p.(*rendererIPCPlan)
	}
	p := buildRendererIPCPlan(facts)
	actual, _ := rendererIPCPlans.LoadOrStore(facts, p)
	return actual.(*rendererIPCPlan)
}

func buildRendererIPCPlan(facts *project.Facts) *rendererIPCPlan {
	plan := &rendererIPCPlan{Facts: facts, files: map[string][]*rendererFile{}}
	if facts.Channels == nil {
		return plan
	}
	byFile := map[string]*rendererFile{}
	var order []*rendererFile
	for _, u := range facts.Channels.Uses {
		if u.Side != project.SideRenderer || u.Via != nil {
			continue
		}
		pf := facts.Files[u.File]
		if pf == nil || pf.Role&(project.Preload|project.Main) != 0 {
			continue
		}
		rf := byFile[u.File]
		if rf == nil {
			rf = &rendererFile{File: pf}
			byFile[u.File] = rf
			order = append(order, rf)
			plan.files[u.File] = append(plan.files[u.File], rf)
		}
		rf.uses = append(rf.uses, u)
	}
	// Page files that read Node's process object: the same bridge exposes the values they read.
	for _, pf := range facts.WithRole(project.Renderer) {
		if pf.Role&(project.Test|project.Preload|project.Main) != 0 || pf.Exposed["process"] || codemod.CreatesWindows(facts, pf) {
			continue
		}
		uses, why, _ := pageProcessUses(pf)
		if why != "" || len(uses) == 0 {
			continue
		}
		rf := byFile[pf.Path]
		if rf == nil {
			rf = &rendererFile{File: pf}
			byFile[pf.Path] = rf
			order = append(order, rf)
			plan.files[pf.Path] = append(plan.files[pf.Path], rf)
		}
		rf.proc = uses
	}
	// Group the files by the window whose page loads them.
	byWindow := map[*project.Window]*pageBridge{}
	loader := newWindowLoader(facts)
	for _, rf := range order {
		ws := loader.windowsLoading(rf.File.Path)
		switch {
		case codemod.IsTestOrBroken(rf.File):
			rf.why = "the file is a test or has a syntax error"
			continue
		case len(ws) == 0:
			rf.why = "isolate cannot tell which window loads this page, so it does not know which preload should expose the methods"
			continue
		case len(ws) > 1:
			rf.why = "several windows load this page; give them one preload by hand, then run isolate again"
			continue
		}
		w := ws[0]
		b := byWindow[w]
		if b == nil {
			b = &pageBridge{w: w}
			byWindow[w] = b
			plan.bridges = append(plan.bridges, b)
		}
		b.files = append(b.files, rf)
		rf.Bridge = b
	}
	for _, b := range plan.bridges {
		plan.planBridge(b)
	}
	return plan
}

// windowLoader answers windowsLoading for every renderer file of a plan from indexes built once: asked per file
// by scanning every page and the rest of every window's file, the plan grew with the square of the page files, or
// of the windows.
type windowLoader struct {
	Facts *project.Facts
	// pagesOf are the pages that load each script, in page order.
	pagesOf map[string][]string
	// lastIndex caches where a page's base name last occurs in a window's file (-1 for nowhere), by file and name.
	lastIndex map[[2]string]int
}

func newWindowLoader(facts *project.Facts) *windowLoader {
	l := &windowLoader{Facts: facts, pagesOf: map[string][]string{}, lastIndex: map[[2]string]int{}}
	for _, name := range codemod.SortedKeys(facts.Pages) {
		for _, s := range facts.Pages[name].Scripts {
			l.pagesOf[s] = append(l.pagesOf[s], name)
		}
	}
	return l
}

// windowsLoading returns the windows whose page loads a renderer file: the page that has it among its scripts
// (or imports it from one) is named after the window is made in the window's file, or it is the app's only page
// and only window.
func (l *windowLoader) windowsLoading(file string) []*project.Window {
	facts := l.Facts
	pages := l.pagesOf[file]
	if len(pages) == 0 && len(facts.Pages) == 1 {
		for name := range facts.Pages {
			pages = append(pages, name)
		}
	}
	var out []*project.Window
	for _, w := range facts.Windows {
		wf := facts.Files[w.File]
		if wf == nil {
			continue
		}
		for _, pg := range pages {
			// The page is named in the rest of the file when its last mention starts after the constructor.
			if l.lastMention(wf, path.Base(pg)) >= w.New.End || (len(facts.Windows) == 1 && len(facts.Pages) == 1) {
				out = append(out, w)
				break
			}
		}
	}
	return out
}

func (l *windowLoader) lastMention(f *project.File, name string) int {
	key := [2]string{f.Path, name}
	i, ok := l.lastIndex[key]
	if !ok {
		i = bytes.LastIndex(f.Src, []byte(name))
		l.lastIndex[key] = i
	}
	return i
}

// planBridge decides the key, the methods and every edit of one window's page bridge.
func (plan *rendererIPCPlan) planBridge(b *pageBridge) {
	facts := plan.Facts
	w := b.w
	if len(w.Unfollowable) > 0 {
		b.why = "the window's options cannot be followed (see options-unfollowable), so isolate cannot name a preload in them"
		return
	}
	state := exposure.StateOf(facts, w)
	if len(state.Blockers) > 0 {
		// web-preferences leaves the window's flags as they are: a preload using contextBridge would throw
		// without context isolation, and a created one would be named nowhere.
		b.why = "the window's options stay unchanged (see web-preferences): " + strings.Join(codemod.Dedupe(state.Blockers), "; ")
		return
	}
	mainFile := facts.Files[w.File]
	taken := exposedKeys(facts)
	for _, rf := range b.files {
		for _, id := range rf.File.Scopes().Free {
			taken[rf.File.Text(id)] = true
		}
	}
	for _, k := range []string{"api", "ipc", "electronApi", "bridge"} {
		if !taken[k] {
			b.Key = k
			break
		}
	}
	if b.Key == "" {
		b.why = "the usual bridge names (api, ipc, electronApi, bridge) are all taken"
		return
	}
	var pre *project.File
	if w.Preload != "" {
		pre = facts.Files[w.Preload]
	} else if w.PreloadExpr != nil {
		b.why = "the window names a preload isolate could not find, so it cannot add the methods to it"
		return
	}
	if pre == nil && (mainFile.Lang.IsTypeScript() || exposure.UsesESM(mainFile) || strings.HasSuffix(mainFile.Path, ".mjs")) {
		b.why = "the main process is TypeScript or an ES module, where isolate does not know how the app builds and names a preload; create one exposing the methods below and name it in webPreferences.preload"
		return
	}
	s := &ipcSite{File: pre, ts: pre != nil && pre.Lang.IsTypeScript(), ipc: "ipcRenderer", generic: map[*project.Passthrough]bool{},
		allow: map[*project.Passthrough][]string{}, whole: true}
	b.site = s
	ipcAdapter := &ipcPlan{Facts: facts}

	// The messages, and the ops kept generic for channels computed at run time.
	type chanKey struct{ op, channel string }
	msgs := map[chanKey]*ipcMessage{}
	generic := map[string]*project.Passthrough{}
	for _, rf := range b.files {
		if why := plan.checkFile(rf); why != "" {
			rf.why = why
			continue
		}
		for _, u := range rf.uses {
			op := opOf(u.Op)
			if op == "" {
				continue
			}
			if !u.Known {
				if generic[op] == nil {
					generic[op] = &project.Passthrough{Key: b.Key, Path: []string{op}, Method: u.Op, ForwardsEvent: true, Simple: true}
				}
				rf.dynamic = append(rf.dynamic, u)
				if u.Arg != nil {
					if re, built := channelPattern(rf.File, u.Arg); re != "" {
						s.addPattern(generic[op], re)
					} else if built && rf.why == "" {
						rf.why = fmt.Sprintf("ipcRenderer.%s at %s builds its channel at run time (%s) with no fixed text, so no list of channels the bridge accepts could let it through", u.Op, rf.File.Pos(u.Call.Start), codemod.Clip(rf.File.Text(u.Arg), 40))
					}
				}
				continue
			}
			k := chanKey{op, u.Channel}
			if msgs[k] == nil {
				m := &ipcMessage{op: op}
				m.Channel = u.Channel
				m.Kind = map[string]bridge.Kind{"send": bridge.Send, "sendToHost": bridge.Send, "invoke": bridge.Invoke, "sendSync": bridge.SendSync, "on": bridge.Event, "once": bridge.Event}[op]
				msgs[k] = m
			}
		}
	}
	var list []*ipcMessage
	for _, m := range msgs {
		list = append(list, m)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].Channel != list[j].Channel {
			return list[i].Channel < list[j].Channel
		}
		return list[i].op < list[j].op
	})
	var bm []bridge.Message
	for _, op := range codemod.SortedKeys(generic) {
		pt := generic[op]
		s.pts = append(s.pts, pt)
		s.generic[pt] = true
		s.allow[pt] = ipcAdapter.allowlistFor(pt)
		bm = append(bm, bridge.Message{Method: op})
	}
	taken2 := len(bm)
	for _, m := range list {
		if m.op == "once" {
			m.Method = "once" + codemod.UpperFirst(bridge.MethodName(m.Channel, bridge.Send))
		}
		bm = append(bm, m.Message)
	}
	s.collisions = bridge.AssignMethods(bm)
	for i, m := range list {
		m.Method = bm[taken2+i].Method
		s.msgs = append(s.msgs, *m)
	}
	// The process values the page files read, when the page had Node's process before (Node integration on) and no
	// page file puts its own object on window.process.
	if state.NodeBefore && !pagesSetProcess(facts) {
		for _, rf := range b.files {
			for _, u := range rf.proc {
				b.procMembers = append(b.procMembers, u.member)
			}
		}
		b.procExposed = len(b.procMembers) > 0
	}
	ipcMoves := len(s.msgs) > 0 || len(generic) > 0
	if !ipcMoves && !b.procExposed {
		b.why = "no page file could be rewritten"
		return
	}
	// Page edits. The messages by operation and channel are looked up once per bridge, not per page file: a
	// bridge of n page files each with its own channel would cost n² here.
	byKey := make(map[string]*ipcMessage, len(s.msgs))
	for i := range s.msgs {
		m := &s.msgs[i]
		byKey[m.op+"\x00"+m.Channel] = m
	}
	rewritable := false
	for _, rf := range b.files {
		if len(rf.uses) == 0 {
			continue // process reads only: the page code stays as it is
		}
		if rf.why == "" {
			plan.fileEdits(b, rf, byKey)
		}
		rewritable = rewritable || rf.why == ""
	}
	if !rewritable && !b.procExposed {
		// Nothing moves behind the bridge, so there is no preload to create or extend, nor one to name in
		// webPreferences.
		b.why = "no page file could be rewritten"
		return
	}
	ipcMoves = ipcMoves && rewritable
	// The preload.
	st := codemod.StyleOf(b.files[0].File.File)
	if pre != nil {
		st = codemod.StyleOf(pre.File)
	}
	members := ipcAdapter.membersText(s, st.Indent, st)
	expose := "exposeInMainWorld(" + st.Quote(b.Key) + ", {" + st.EOL + st.Indent + strings.Join(members, ","+st.EOL+st.Indent)
	if st.TrailingComma {
		expose += ","
	}
	expose += st.EOL + "})" + st.End()
	// exposeProcess is the statement that gives the page its process values, after the IPC methods.
	exposeProcess := ""
	if b.procExposed {
		exposeProcess = "exposeInMainWorld(" + st.Quote("process") + ", " + processMembersText(b.procMembers, st) + ")" + st.End()
	}
	if pre == nil {
		b.created = true
		b.preload = path.Join(path.Dir(w.File), "preload.js")
		if _, exists := facts.Files[b.preload]; exists || codemod.FileExists(facts, b.preload) {
			b.preload = path.Join(path.Dir(w.File), "preload-bridge.js")
			if codemod.FileExists(facts, b.preload) {
				b.why = "preload.js and preload-bridge.js exist beside " + w.File + " already"
				return
			}
		}
		var files, procFiles []string
		for _, rf := range b.files {
			if len(rf.uses) > 0 && rf.why == "" {
				files = append(files, rf.File.Path)
			}
			if len(rf.proc) > 0 && b.procExposed {
				procFiles = append(procFiles, rf.File.Path)
			}
		}
		sort.Strings(procFiles)
		var lines []string
		if ipcMoves {
			lines = append(lines,
				"// The page's bridge to the main process: one function per IPC message it sends or listens to. isolate",
				"// created it from the ipcRenderer calls of "+strings.Join(files, ", ")+", which cannot reach Node with",
				"// context isolation on and Node integration off.")
		} else {
			lines = append(lines,
				"// The page's bridge: isolate created it for the values of Node's process object the page code reads",
				"// ("+strings.Join(procFiles, ", ")+"), which it no longer has with context isolation on and Node integration off.")
		}
		if ipcMoves {
			lines = append(lines, "const { contextBridge, ipcRenderer } = require("+st.Quote("electron")+")"+st.End(), "", "contextBridge."+expose)
		} else {
			lines = append(lines, "const { contextBridge } = require("+st.Quote("electron")+")"+st.End())
		}
		if exposeProcess != "" {
			lines = append(lines, "")
			if ipcMoves {
				lines = append(lines, "// The values of Node's process object the page code reads ("+strings.Join(procFiles, ", ")+"): with Node",
					"// integration off it has no process.")
			}
			lines = append(lines, "contextBridge."+exposeProcess)
		}
		text := strings.Join(append(lines, ""), st.EOL)
		b.Edits = append(b.Edits, codemod.Edit{Path: b.preload, Create: true, New: text})
		// webPreferences.preload, written by web-preferences.
		rel := "./" + path.Base(b.preload)
		pathName, pathEdits := pathBinding(mainFile, codemod.StyleOf(mainFile.File))
		b.entry = "preload: " + pathName + ".join(__dirname, " + codemod.StyleOf(mainFile.File).Quote(strings.TrimPrefix(rel, "./")) + ")"
		b.Edits = append(b.Edits, pathEdits...)
	} else {
		b.preload = pre.Path
		ref := exposure.PlanFor(facts, pre).Bridge
		if ref.Problem != "" {
			b.why = ref.Problem
			return
		}
		var ipc string
		var ipcEdits []codemod.Edit
		if ipcMoves {
			ipc, ipcEdits = ipcRendererBinding(pre, st)
		} else {
			ipc = "ipcRenderer" // unused: nothing is sent
		}
		declare := ""
		if ipc == "" {
			// The preload has no electron binding to add ipcRenderer to: declare it with the new call.
			ipc = "ipcRenderer"
			if pre.Scopes().Lookup(pre.Root, "ipcRenderer") != nil {
				ipc = "require(" + st.Quote("electron") + ").ipcRenderer"
			} else {
				declare = "const { ipcRenderer } = require(" + st.Quote("electron") + ")" + st.End() + st.EOL
			}
		}
		if ipc != "ipcRenderer" {
			s.ipc = ipc
			members = ipcAdapter.membersText(s, st.Indent, st)
			expose = "exposeInMainWorld(" + st.Quote(b.Key) + ", {" + st.EOL + st.Indent + strings.Join(members, ","+st.EOL+st.Indent) + st.EOL + "})" + st.End()
		}
		b.Edits = append(b.Edits, ref.Edits...)
		b.Edits = append(b.Edits, ipcEdits...)
		end := len(pre.Src)
		lead := st.EOL
		if end > 0 && pre.Src[end-1] != '\n' {
			lead = st.EOL + st.EOL
		}
		added := ""
		if ipcMoves {
			added = declare + ref.Expr + "." + expose + st.EOL
		}
		if exposeProcess != "" {
			added += ref.Expr + "." + exposeProcess + st.EOL
		}
		b.Edits = append(b.Edits, codemod.Edit{Path: pre.Path, Start: end, End: end, New: lead + added})
	}
}

// pagesSetProcess reports whether page code puts its own object on window.process (a shim for libraries that
// test for it), which a window.process exposed by the preload would collide with.
func pagesSetProcess(facts *project.Facts) bool {
	var files []*syntax.File
	for _, f := range facts.WithRole(project.Renderer) {
		if f.Role&(project.Test|project.Preload|project.Main) == 0 {
			files = append(files, f.File)
		}
	}
	for _, name := range codemod.SortedKeys(facts.Pages) {
		if pg := facts.Pages[name]; pg.Inline != nil {
			files = append(files, pg.Inline)
		}
	}
	for _, f := range files {
		for _, n := range f.Root.Find("assignment_expression") {
			left := syntax.Unwrap(n.Child("left"))
			if left.Is("member_expression") && f.Text(left.Child("property")) == "process" {
				if obj := syntax.Unwrap(left.Child("object")); obj.Is("identifier") && exposure.GlobalNames[f.Text(obj)] {
					return true
				}
			}
		}
	}
	return false
}

// Up returns the parent of n, skipping parentheses and TypeScript wrappers.
func Up(n *syntax.Node) *syntax.Node {
	p := n.Parent
	for p != nil && p.Is("parenthesized_expression", "as_expression", "non_null_expression", "satisfies_expression") {
		p = p.Parent
	}
	return p
}

// pathBinding returns the name main code has for Node's path module, adding a require when it has none.
func pathBinding(mainFile *project.File, st codemod.Style) (string, []codemod.Edit) {
	for _, imp := range project.Imports(mainFile) {
		if imp.Spec != "path" && imp.Spec != "node:path" {
			continue
		}
		d := imp.Node.Parent
		if d.Is("variable_declarator") && d.Child("name").Is("identifier") && d.Parent.Parent.Is("program") {
			return mainFile.Text(d.Child("name")), nil
		}
	}
	if mainFile.Scopes().Lookup(mainFile.Root, "path") != nil {
		return "", nil
	}
	at, prefix := exposure.TopInsertion(mainFile.File)
	return "path", []codemod.Edit{{Path: mainFile.Path, Start: at, End: at, New: prefix + "const path = require(" + st.Quote("path") + ")" + st.End() + st.EOL}}
}

// ipcRendererBinding returns how an existing preload names ipcRenderer, adding it to its electron require when it
// has none.
func ipcRendererBinding(pre *project.File, st codemod.Style) (string, []codemod.Edit) {
	for _, b := range pre.Scopes().Bindings {
		if b.Scope.Is("program") && project.ElectronExport(pre, b.Ident) == "ipcRenderer" {
			return b.Name, nil
		}
	}
	// const { contextBridge } = require('electron') → const { contextBridge, ipcRenderer } = …
	for _, imp := range project.Imports(pre) {
		if imp.Spec != "electron" {
			continue
		}
		n := imp.Node
		if n.Is("import_statement") {
			if named := n.FirstOfKind("import_clause").FirstOfKind("named_imports"); named != nil && !exposure.IsTypeOnly(pre.File, n) {
				return "ipcRenderer", exposure.AddToList(pre.File, st, named, "ipcRenderer")
			}
			continue
		}
		d := n.Parent
		if d.Is("variable_declarator") && d.Child("name").Is("object_pattern") && d.Parent.Parent.Is("program") {
			return "ipcRenderer", exposure.AddToList(pre.File, st, d.Child("name"), "ipcRenderer")
		}
	}
	return "", nil
}

// checkFile says why a page file's ipcRenderer cannot move behind the bridge: a reference isolate cannot follow,
// or a listener that uses its event.
func (plan *rendererIPCPlan) checkFile(rf *rendererFile) string {
	f := rf.File
	calls := map[*syntax.Node]*project.ChannelUse{}
	for _, u := range rf.uses {
		calls[u.Call] = u
	}
	for _, b := range f.Scopes().Bindings {
		if project.ElectronExport(f, b.Ident) != "ipcRenderer" {
			continue
		}
		for _, ref := range b.Refs {
			call := Up(ref)
			if call.Is("member_expression") && syntax.Unwrap(call.Child("object")) == ref {
				call = Up(call)
			}
			u := calls[call]
			if u == nil || !call.Is("call_expression") {
				return fmt.Sprintf("ipcRenderer is used at %s in a way isolate cannot follow (%s)", f.Pos(ref.Start), codemod.Clip(f.Text(ref.Parent), 40))
			}
		}
	}
	for _, u := range rf.uses {
		switch opOf(u.Op) {
		case "on", "once":
			args := codemod.CallArgsOf(u.Call)
			if len(args) != 2 {
				return fmt.Sprintf("ipcRenderer.%s at %s does not pass a channel and a listener", u.Op, f.Pos(u.Call.Start))
			}
			if u.Known {
				if why := dropsEvent(plan.Facts, f, args[1]); why != "" {
					return fmt.Sprintf("ipcRenderer.%s at %s: %s", u.Op, f.Pos(u.Call.Start), why)
				}
			}
			if !isStatement(u.Call) {
				return fmt.Sprintf("ipcRenderer.%s at %s uses the value the call returns", u.Op, f.Pos(u.Call.Start))
			}
		case "":
			if u.Op != "removeListener" && u.Op != "off" {
				return fmt.Sprintf("ipcRenderer.%s at %s has no per-message replacement; call the function each onX(callback) returns instead", u.Op, f.Pos(u.Call.Start))
			}
		}
	}
	return ""
}

// fileEdits rewrites the calls of one page file and removes its ipcRenderer binding. byKey holds the bridge's
// messages by operation and channel.
func (plan *rendererIPCPlan) fileEdits(b *pageBridge, rf *rendererFile, byKey map[string]*ipcMessage) {
	f := rf.File
	global := "window." + b.Key
	for _, u := range rf.uses {
		op := opOf(u.Op)
		callee := syntax.Unwrap(u.Call.Child("function"))
		args := codemod.CallArgsOf(u.Call)
		if op == "" {
			continue
		}
		if !u.Known {
			// A generic member, restricted; the listener keeps its event.
			rf.Edits = append(rf.Edits, codemod.Edit{Path: f.Path, Start: callee.Start, End: callee.End, New: global + "." + op})
			continue
		}
		m := byKey[op+"\x00"+u.Channel]
		c := &pageCall{use: u, msg: m}
		c.Edits = append(c.Edits, codemod.Edit{Path: f.Path, Start: callee.Start, End: callee.End, New: global + "." + m.Method})
		if len(args) > 1 {
			c.Edits = append(c.Edits, codemod.Edit{Path: f.Path, Start: args[0].Start, End: args[1].Start})
		} else if len(args) == 1 {
			c.Edits = append(c.Edits, codemod.Edit{Path: f.Path, Start: args[0].Start, End: args[0].End})
		}
		if op == "on" || op == "once" {
			if fn := listenerFunction(plan.Facts, f, syntax.Unwrap(args[1])); fn != nil {
				c.Edits = append(c.Edits, dropFirstParam(f, fn)...)
			}
		}
		rf.calls = append(rf.calls, c)
		rf.Edits = append(rf.Edits, c.Edits...)
		b.site.uses = append(b.site.uses, c)
	}
	for _, u := range rf.uses {
		if u.Op != "removeListener" && u.Op != "off" {
			continue
		}
		if !u.Known || len(codemod.CallArgsOf(u.Call)) != 2 {
			rf.why = fmt.Sprintf("ipcRenderer.%s at %s: isolate follows only removeListener('channel', name)", u.Op, f.Pos(u.Call.Start))
			rf.Edits = nil
			return
		}
		edits, why := unsubscribeEdits(f, rf.calls, u)
		if why != "" {
			rf.why = fmt.Sprintf("ipcRenderer.%s at %s: %s", u.Op, f.Pos(u.Call.Start), why)
			rf.Edits = nil
			return
		}
		// The subscription edit inserts before the statement; the callee edit of that statement stays.
		rf.Edits = append(rf.Edits, edits...)
	}
	rf.Edits = append(rf.Edits, dropElectronBinding(f)...)
}

// dropFirstParam removes a callback's first parameter (the IpcRendererEvent, unused).
func dropFirstParam(f *project.File, cb *syntax.Node) []codemod.Edit {
	ps := project.Params(cb)
	if len(ps) == 0 {
		return nil
	}
	if cb.Child("parameters") == nil {
		return []codemod.Edit{{Path: f.Path, Start: ps[0].Start, End: ps[0].End, New: "()"}}
	}
	if len(ps) == 1 {
		return []codemod.Edit{{Path: f.Path, Start: paramNode(ps[0]).Start, End: paramNode(ps[0]).End}}
	}
	return []codemod.Edit{{Path: f.Path, Start: paramNode(ps[0]).Start, End: paramNode(ps[1]).Start}}
}

// dropElectronBinding removes what gives a page file ipcRenderer: the element of a destructuring or an import,
// or the whole statement when it takes nothing else.
func dropElectronBinding(f *project.File) []codemod.Edit {
	var edits []codemod.Edit
	for _, b := range f.Scopes().Bindings {
		if project.ElectronExport(f, b.Ident) != "ipcRenderer" || !b.Scope.Is("program") {
			continue
		}
		el := b.Ident
		switch p := el.Parent; {
		case p.Is("import_specifier"):
			el = p
		case p.Is("pair_pattern"):
			el = p
		}
		list := el.Parent
		stmt := list
		for stmt != nil && !stmt.Parent.Is("program") {
			stmt = stmt.Parent
		}
		if stmt == nil {
			continue
		}
		only := list.Is("object_pattern", "named_imports") && len(list.NamedChildren()) == 1
		if list.Is("named_imports") && only {
			// import { ipcRenderer } from 'electron', with no default import beside it
			if clause := list.Parent; clause.Is("import_clause") && len(clause.NamedChildren()) > 1 {
				only = false
			}
		}
		single := !stmt.Is("lexical_declaration", "variable_declaration") || len(stmt.NamedChildren()) == 1
		if (only || el == b.Ident && b.Decl.Is("variable_declarator") && b.Decl.Child("name") == el) && single {
			edits = append(edits, codemod.Removals(f.File, []codemod.Removal{{A: codemod.Attach(f.File, stmt)}})...)
			continue
		}
		if list.Is("object_pattern", "named_imports") {
			edits = append(edits, codemod.RemoveMember(f.File, el)...)
		}
	}
	return edits
}

// fixOf is the whole fix of a page bridge: the preload, webPreferences' path require, every page file.
func (plan *rendererIPCPlan) fixOf(b *pageBridge) *codemod.Fix {
	if b.why != "" {
		return nil
	}
	if b.Fix != nil {
		return b.Fix
	}
	edits := append([]codemod.Edit(nil), b.Edits...)
	for _, rf := range b.files {
		if rf.why == "" {
			edits = append(edits, rf.Edits...)
		}
	}
	msg := "move the page's ipcRenderer calls behind the preload"
	if b.procExposed {
		msg = "expose the process values the page reads from the preload"
		for _, rf := range b.files {
			if len(rf.uses) > 0 && rf.why == "" {
				msg = "move the page's ipcRenderer calls behind the preload, which also exposes the process values the page reads"
				break
			}
		}
	}
	b.Fix = &codemod.Fix{Message: msg, Edits: edits}
	return b.Fix
}

func reportRendererIPC(p *codemod.Pass, plan *rendererIPCPlan, rf *rendererFile) {
	f := rf.File
	if len(rf.uses) == 0 {
		return // reads of process only: renderer-node reports them
	}
	at := rf.uses[0].Call
	if rf.why != "" {
		p.Report(codemod.Diagnostic{Start: at.Start, End: at.End, Message: "uses ipcRenderer directly, which needs Node integration in the page; isolate migrate cannot move it behind the bridge: " + rf.why})
		return
	}
	b := rf.Bridge
	if b.why != "" {
		p.Report(codemod.Diagnostic{Start: at.Start, End: at.End, Message: "uses ipcRenderer directly, which needs Node integration in the page; isolate migrate cannot move it behind the bridge: " + b.why + methodsHint(b)})
		return
	}
	var names []string
	for _, c := range rf.calls {
		names = append(names, c.msg.Method)
	}
	names = codemod.Dedupe(names)
	where := "the window's preload " + b.preload
	if b.created {
		where = "a new preload, " + b.preload + ", named in the window's webPreferences"
	}
	msg := fmt.Sprintf("uses ipcRenderer directly, which needs Node integration in the page; isolate migrate moves its %d call(s) to window.%s (%s), exposed by %s, and removes its electron import",
		len(rf.uses), b.Key, strings.Join(names, ", "), where)
	if len(rf.dynamic) > 0 {
		var pos []string
		for _, u := range rf.dynamic {
			pos = append(pos, f.Pos(u.Call.Start).String())
		}
		msg += fmt.Sprintf("; the call(s) at %s compute their channel at run time, so window.%s keeps generic members restricted to the channels the app knows", strings.Join(pos, ", "), b.Key)
	}
	p.Report(codemod.Diagnostic{Start: at.Start, End: at.End, Message: msg, Fix: plan.fixOf(b)})
	for _, u := range rf.dynamic {
		p.Report(codemod.Diagnostic{Severity: codemod.Medium, Start: u.Call.Start, End: u.Call.End, Message: fmt.Sprintf(
			"the channel of this ipcRenderer.%s is computed at run time (%s): it now goes through window.%s.%s, which accepts only the channels the app knows; call a per-message method instead",
			u.Op, codemod.Clip(f.Text(u.Arg), 40), b.Key, opOf(u.Op))})
	}
}

func methodsHint(b *pageBridge) string {
	if b.site == nil || len(b.site.msgs) == 0 {
		return ""
	}
	var names []string
	for _, m := range b.site.msgs {
		names = append(names, m.Method+" ('"+m.Channel+"')")
	}
	return " (methods needed: " + strings.Join(names, ", ") + ")"
}

// CreatedPreloadEntry is the webPreferences member web-preferences adds for a window whose page moved behind a
// preload isolate creates, with the main-process edits it needs (a path require).
func CreatedPreloadEntry(facts *project.Facts, w *project.Window) (entry string, edits []codemod.Edit, ipc bool) {
	if facts.Channels == nil {
		return "", nil, false
	}
	plan := rendererIPCPlanFor(facts)
	for _, b := range plan.bridges {
		if b.w == w && b.why == "" && b.created {
			var edits []codemod.Edit
			for _, e := range b.Edits {
				if e.Path == w.File {
					edits = append(edits, e)
				}
			}
			return b.entry, edits, b.movesIPC()
		}
	}
	return "", nil, false
}

// movesIPC reports whether a page bridge moves ipcRenderer calls (rather than only exposing process values).
func (b *pageBridge) movesIPC() bool {
	for _, rf := range b.files {
		if len(rf.uses) > 0 && rf.why == "" {
			return true
		}
	}
	return false
}

// RendererIPCRemoves reports whether renderer-ipc's fix deletes node (a require('electron') of page code), so that
// renderer-node need not report it as well.
func RendererIPCRemoves(facts *project.Facts, file string, node *syntax.Node) bool {
	if facts == nil || facts.Channels == nil {
		return false
	}
	for _, rf := range rendererIPCPlanFor(facts).files[file] {
		if rf.why != "" || rf.Bridge == nil || rf.Bridge.why != "" {
			continue
		}
		for _, e := range rf.Edits {
			if e.New == "" && e.Start <= node.Start && node.End <= e.End {
				return true
			}
		}
	}
	return false
}
