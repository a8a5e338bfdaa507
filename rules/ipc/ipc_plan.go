package ipc

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

// This file plans the replacement of generic IPC passthroughs (send(channel, …), on(channel, fn), the whole
// ipcRenderer) by one method per channel, and the page calls that follow. The plan is made once per project from
// the channel inventory: ipc-passthrough reports and fixes the preload members, renderer-calls the page calls,
// and window-assign writes the new members when it moves an exposed object (process.once('loaded'), members set
// one by one). A preload member and every page call through it change together or not at all.

// ipcSite is one thing a preload exposes that is replaced: a generic member of an object literal, or the whole
// ipcRenderer (one site for all its methods).
type ipcSite struct {
	File *project.File
	// ts says whether to write TypeScript when there is no file yet (a preload isolate creates).
	ts bool
	// node is the replaced range: the object member, or the expression exposing ipcRenderer.
	node  *syntax.Node
	whole bool
	pts   []*project.Passthrough
	// object is the object literal holding the member (nil for the whole ipcRenderer); container groups the sites
	// whose methods share one object (method names must not collide there).
	object    *syntax.Node
	container *syntax.Node
	// ipc is how the preload names ipcRenderer at this site.
	ipc string
	// msgs are the per-channel methods the site becomes; generic the passthroughs that stay, restricted to
	// allow, because some of their uses could not be rewritten.
	msgs    []ipcMessage
	generic map[*project.Passthrough]bool
	allow   map[*project.Passthrough][]string
	// patterns match the channels page calls through a generic member build at run time (see channelPattern).
	patterns map[*project.Passthrough][]string
	// uses are the page calls rewritten, blocked the ones left (with why), escapes what could not be followed.
	uses    []*pageCall
	blocked []blockedUse
	escapes []*project.Escape
	// why is set when the site is not rewritten at all.
	why string
	// collisions are method names that two channels derived, and how they were told apart.
	collisions []bridge.Collision
	// fix is the complete fix (preload, page files, and window-assign's rewrite when it moves the object), or
	// blocker why there is none; both are computed once, by fixOf.
	Fix     *codemod.Fix
	blocker string
	// edits are the edits of the preload member alone, in place; moved is set when window-assign moves the
	// object, and writes the member itself.
	Edits []codemod.Edit
	moved bool
}

// addPattern adds a channel pattern for a generic member, once.
func (s *ipcSite) addPattern(pt *project.Passthrough, re string) {
	if s.patterns == nil {
		s.patterns = map[*project.Passthrough][]string{}
	}
	for _, x := range s.patterns[pt] {
		if x == re {
			return
		}
	}
	s.patterns[pt] = append(s.patterns[pt], re)
}

// ipcMessage is one method a site gets.
type ipcMessage struct {
	bridge.Message
	op   string // the ipcRenderer method: send, invoke, sendSync, on, once
	pt   *project.Passthrough
	rest bool // forward every argument (...args)
}

// pageCall is a page call that is rewritten.
type pageCall struct {
	use   *project.ChannelUse
	msg   *ipcMessage
	Edits []codemod.Edit
}

type blockedUse struct {
	use *project.ChannelUse
	why string
	// pattern is set when the generic member lets the call's run-time channel through by a pattern.
	pattern string
}

// ipcPlan is the project's plan.
type ipcPlan struct {
	mu    sync.Mutex
	Facts *project.Facts
	sites []*ipcSite
	// byNode finds the site of a member or whole-ipcRenderer expression.
	byNode map[*syntax.Node]*ipcSite
	// pageEdits are the page edits by file, and pageUses the page calls rewritten in each.
	pageEdits map[string][]codemod.Edit
	pageUses  map[string][]*pageCall
	// pageBlocked are page calls through a passthrough that stay as they are, with why.
	pageBlocked []blockedUse
	// removals are listener removals handled (or not) in page code.
	removals []listenerRemoval
	// extra are page edits a site's fix carries besides its calls: destructured names nothing uses any more.
	extra map[*ipcSite][]codemod.Edit
	// typings are the Window typing edits of each preload key, shared by its sites' fixes.
	typings map[string][]codemod.Edit
}

type listenerRemoval struct {
	use   *project.ChannelUse
	Edits []codemod.Edit
	why   string
}

var ipcPlans sync.Map // *project.Facts → *ipcPlan

// ipcPlanFor returns the (cached) IPC plan of a project.
func ipcPlanFor(facts *project.Facts) *ipcPlan {
	if p, ok := ipcPlans.Load(facts); ok {
		return p.(*ipcPlan)
	}
	p := buildIPCPlan(facts)
	actual, _ := ipcPlans.LoadOrStore(facts, p)
	return actual.(*ipcPlan)
}

func buildIPCPlan(facts *project.Facts) *ipcPlan {
	p := &ipcPlan{Facts: facts, byNode: map[*syntax.Node]*ipcSite{}, pageEdits: map[string][]codemod.Edit{},
		pageUses: map[string][]*pageCall{}, typings: map[string][]codemod.Edit{}}
	inv := facts.Channels
	if inv == nil {
		return p
	}
	// Sites, in file order.
	for _, pt := range inv.Passthroughs {
		file := facts.Files[pt.File]
		if file == nil {
			continue
		}
		node := pt.Member
		whole := false
		if pt.Whole != nil {
			node, whole = pt.Whole, true
		}
		if node == nil {
			continue
		}
		s := p.byNode[node]
		if s == nil {
			s = &ipcSite{File: file, node: node, whole: whole, object: pt.Object, generic: map[*project.Passthrough]bool{},
				allow: map[*project.Passthrough][]string{}}
			s.container = pt.Object
			if whole {
				s.container = node
			}
			p.byNode[node] = s
			p.sites = append(p.sites, s)
		}
		s.pts = append(s.pts, pt)
	}
	for _, s := range p.sites {
		p.planSite(s)
	}
	p.assignMethods()
	for _, s := range p.sites {
		if s.why == "" {
			p.rewriteCalls(s)
		}
	}
	p.planRemovals()
	p.dropDestructured()
	for _, s := range p.sites {
		if s.why == "" && !s.node.Is("assignment_expression") {
			s.Edits = append(p.ipcBinding(s), p.memberEdits(s, "", "")...)
		}
	}
	return p
}

// ipcBinding gives a whole-ipcRenderer site a name for ipcRenderer when it was exposed as an expression
// (require('electron').ipcRenderer): the methods call it several times.
func (p *ipcPlan) ipcBinding(s *ipcSite) []codemod.Edit {
	f := s.File
	if !s.whole || syntax.Unwrap(s.node).Is("identifier", "shorthand_property_identifier") {
		return nil
	}
	stmt := s.node
	for stmt.Parent != nil && !stmt.Parent.Is("program") {
		stmt = stmt.Parent
	}
	if stmt.Parent == nil || f.Scopes().Lookup(f.Root, "ipcRenderer") != nil {
		return nil
	}
	st := codemod.StyleOf(f.File)
	text := s.ipc
	s.ipc = "ipcRenderer"
	return []codemod.Edit{{Path: f.Path, Start: stmt.Start, End: stmt.Start, New: "const ipcRenderer = " + text + st.End() + st.EOL + f.IndentAt(stmt.Start)}}
}

// dropDestructured removes the names destructured from the bridge (const { send } = window.api) whose every use
// was rewritten: the generic member they name is gone, and TypeScript would reject them.
func (p *ipcPlan) dropDestructured() {
	p.extra = map[*ipcSite][]codemod.Edit{}
	type elem struct {
		pf    *project.File
		b     *syntax.Binding
		sites map[*ipcSite]bool
	}
	rewritten := map[*syntax.Node]*ipcSite{}
	var elems []*elem
	byBinding := map[*syntax.Binding]*elem{}
	for _, s := range p.sites {
		for _, c := range s.uses {
			callee := syntax.Unwrap(c.use.Call.Child("function"))
			if !callee.Is("identifier") {
				continue
			}
			rewritten[callee] = s
			pf := p.Facts.Files[c.use.File]
			b := pf.Scopes().Of(callee)
			if b == nil {
				continue
			}
			e := byBinding[b]
			if e == nil {
				e = &elem{pf: pf, b: b, sites: map[*ipcSite]bool{}}
				byBinding[b] = e
				elems = append(elems, e)
			}
			e.sites[s] = true
		}
	}
	// Group the elements to drop by pattern.
	type pattern struct {
		pf    *project.File
		node  *syntax.Node
		drop  []*syntax.Node
		sites map[*ipcSite]bool
	}
	var patterns []*pattern
	byPattern := map[*syntax.Node]*pattern{}
	for _, e := range elems {
		all := true
		for _, r := range e.b.Refs {
			if rewritten[r] == nil {
				all = false
			}
		}
		el := e.b.Ident
		if el.Parent.Is("pair_pattern") {
			el = el.Parent
		}
		pat := el.Parent
		if !all || !pat.Is("object_pattern") {
			continue
		}
		pt := byPattern[pat]
		if pt == nil {
			pt = &pattern{pf: e.pf, node: pat, sites: map[*ipcSite]bool{}}
			byPattern[pat] = pt
			patterns = append(patterns, pt)
		}
		pt.drop = append(pt.drop, el)
		for s := range e.sites {
			pt.sites[s] = true
		}
	}
	for _, pt := range patterns {
		f := pt.pf.File
		var edits []codemod.Edit
		decl := pt.node.Parent
		stmt := decl.Parent
		if len(pt.drop) == len(pt.node.NamedChildren()) && decl.Is("variable_declarator") &&
			stmt.Is("lexical_declaration", "variable_declaration") && len(stmt.NamedChildren()) == 1 &&
			stmt.Parent.Is("program", "statement_block") {
			edits = append(edits, codemod.Removals(f, []codemod.Removal{{A: codemod.Attach(f, stmt)}})...)
		} else {
			for _, el := range pt.drop {
				edits = append(edits, codemod.RemoveMember(f, el)...)
			}
		}
		for s := range pt.sites {
			p.extra[s] = append(p.extra[s], edits...)
			p.pageEdits[f.Path] = append(p.pageEdits[f.Path], edits...)
		}
	}
}

// planSite decides which uses of a site's passthroughs can follow it to per-channel methods.
func (p *ipcPlan) planSite(s *ipcSite) {
	inv := p.Facts.Channels
	f := s.File
	if codemod.IsTestOrBroken(f) {
		s.why = "the preload is a test file or has a syntax error"
		return
	}
	for _, pt := range s.pts {
		if pt.Method == "*" {
			s.why = "the package decides what it exposes, not this preload"
			return
		}
		if !pt.Simple {
			s.why = pt.Why + ", which a generated method would not do"
			return
		}
	}
	s.ipc = p.ipcName(s)
	if s.ipc == "" {
		s.why = "isolate cannot tell how the preload names ipcRenderer here"
		return
	}
	type chanKey struct {
		op, channel string
	}
	seen := map[chanKey]*ipcMessage{}
	var msgs []*ipcMessage
	add := func(pt *project.Passthrough, op, channel string) *ipcMessage {
		k := chanKey{op, channel}
		if m := seen[k]; m != nil {
			return m
		}
		m := &ipcMessage{op: op, pt: pt}
		m.Channel = channel
		switch op {
		case "send", "sendToHost":
			m.Kind = bridge.Send
		case "invoke":
			m.Kind = bridge.Invoke
		case "sendSync":
			m.Kind = bridge.SendSync
		default:
			m.Kind = bridge.Event
		}
		seen[k] = m
		msgs = append(msgs, m)
		return m
	}
	for _, pt := range s.pts {
		op := opOf(pt.Method)
		uses := inv.Through(pt)
		if esc := inv.EscapesOf(pt); len(esc) > 0 {
			s.escapes = append(s.escapes, esc...)
			s.generic[pt] = true
		}
		for _, u := range uses {
			if op == "" {
				continue // removals are planned with the subscriptions they undo
			}
			if why := p.rewritable(u, pt); why != "" {
				s.blocked = append(s.blocked, blockedUse{use: u, why: why})
				s.generic[pt] = true
				if pf := p.Facts.Files[u.File]; pf != nil && !u.Known && u.Arg != nil {
					if re, built := channelPattern(pf, u.Arg); re != "" {
						s.addPattern(pt, re)
						s.blocked[len(s.blocked)-1].pattern = re
					} else if built && s.why == "" {
						s.why = fmt.Sprintf("the call at %s:%s builds its channel at run time (%s) with no fixed text, so no list of channels could let it through", u.File, pf.Pos(u.Call.Start), codemod.Clip(pf.Text(u.Arg), 40))
					}
				}
				continue
			}
			add(pt, op, u.Channel)
		}
		if op != "" && len(uses) == 0 && !pt.AllowlistKnown && !s.whole {
			// Nothing in the page calls it that isolate can see: keep it, restricted to the channels main knows.
			s.generic[pt] = true
		}
	}
	// The whole ipcRenderer: the methods nothing uses go; removal methods stay only when a removal cannot be
	// rewritten (planRemovals decides).
	for pt := range s.generic {
		s.allow[pt] = p.allowlistFor(pt)
		if opOf(pt.Method) == "sendToHost" && s.why == "" {
			// The channels the host page listens to are not in the inventory: a list of main's channels would
			// refuse them.
			s.why = pt.Name() + " sends to the page hosting a <webview> (sendToHost) through calls isolate cannot follow, and isolate does not know the channels that page listens to"
		}
	}
	sort.SliceStable(msgs, func(i, j int) bool { return msgs[i].Channel < msgs[j].Channel })
	for _, m := range msgs {
		s.msgs = append(s.msgs, *m)
	}
	removals := 0
	for _, pt := range s.pts {
		if opOf(pt.Method) == "" {
			removals += len(inv.Through(pt))
		}
	}
	switch {
	case len(s.msgs) == 0 && len(s.generic) == 0 && removals == 0 && s.whole:
		s.why = "no page call through it could be found, so isolate cannot tell which channels the page needs"
	case len(s.msgs) == 0 && removals == 0 && !s.whole:
		// Nothing to give a method of its own: the member stays as it is, and the finding says why.
		var why []string
		for _, b := range s.blocked {
			why = append(why, fmt.Sprintf("the call at %s:%s %s", b.use.File, posOf(p.Facts, b.use.File, b.use.Call.Start), b.why))
		}
		for _, e := range s.escapes {
			why = append(why, fmt.Sprintf("%s is %s at %s:%s", strings.Join(append([]string{e.Key}, e.Path...), "."), e.Why, e.File, posOf(p.Facts, e.File, e.Node.Start)))
		}
		if len(why) > 4 {
			why = append(why[:4], fmt.Sprintf("%d more", len(why)-4))
		}
		s.why = "no page call through it names a channel isolate knows: " + strings.Join(why, "; ")
		if len(why) == 0 {
			s.why = "no page call through it could be found, so isolate cannot tell which channels the page needs"
		}
		s.blocked, s.escapes = nil, nil
	}
}

// opOf maps an ipcRenderer method to the wrapper kind it becomes ("" for removals).
func opOf(method string) string {
	switch method {
	case "send":
		return "send"
	case "sendToHost", "invoke", "sendSync", "once":
		// sendToHost keeps its name: it reaches the page hosting a <webview>, not the main process.
		return method
	case "on", "addListener", "prependListener":
		return "on"
	case "prependOnceListener":
		return "once"
	}
	return ""
}

// allowlistFor is the explicit allowlist a kept generic member gets: the legacy list when there was one (never
// wider), else every channel the app knows in that direction.
func (p *ipcPlan) allowlistFor(pt *project.Passthrough) []string {
	if pt.AllowlistKnown {
		return pt.Allowlist
	}
	inv := p.Facts.Channels
	set := map[string]bool{}
	op := opOf(pt.Method)
	var kinds []bridge.Kind
	switch op {
	case "send":
		kinds = []bridge.Kind{bridge.Send, bridge.SendSync}
	case "invoke":
		kinds = []bridge.Kind{bridge.Invoke}
	case "sendSync":
		kinds = []bridge.Kind{bridge.SendSync, bridge.Send}
	case "on", "once":
		kinds = []bridge.Kind{bridge.Event}
	default:
		kinds = []bridge.Kind{bridge.Event}
	}
	for _, k := range kinds {
		for _, ch := range inv.Known(0, k) {
			set[ch] = true
		}
	}
	out := make([]string, 0, len(set))
	for ch := range set {
		out = append(out, ch)
	}
	sort.Strings(out)
	return out
}

// ipcName returns how the preload names ipcRenderer at a site: the receiver of the forwarding call, or the
// exposed expression itself.
func (p *ipcPlan) ipcName(s *ipcSite) string {
	f := s.File
	if s.whole {
		return f.Text(syntax.Unwrap(s.node))
	}
	for _, pt := range s.pts {
		if pt.Fn != nil {
			for _, call := range pt.Fn.Find("call_expression") {
				callee := syntax.Unwrap(call.Child("function"))
				if callee.Is("member_expression") && project.ElectronExport(s.File, callee.Child("object")) == "ipcRenderer" {
					return f.Text(syntax.Unwrap(callee.Child("object")))
				}
			}
		}
		// send: ipcRenderer.send (or .bind(ipcRenderer))
		v := syntax.Unwrap(codemod.MemberValue(pt.Member))
		if v.Is("call_expression") {
			v = syntax.Unwrap(syntax.Unwrap(v.Child("function")).Child("object"))
		}
		if v.Is("member_expression") {
			return f.Text(syntax.Unwrap(v.Child("object")))
		}
	}
	return ""
}

// rewritable says why a page call through a passthrough cannot follow it, or "".
func (p *ipcPlan) rewritable(u *project.ChannelUse, pt *project.Passthrough) string {
	pf := p.Facts.Files[u.File]
	if pf == nil {
		return "it is in an inline <script> of " + u.File + ", which isolate does not rewrite"
	}
	if codemod.IsTestOrBroken(pf) {
		return "its file is a test or has a syntax error"
	}
	if !u.Known {
		if len(u.Values) > 0 {
			return "its channel is one of " + strings.Join(codemod.QuoteAll(u.Values), ", ") + ", chosen at run time"
		}
		if u.Arg == nil {
			return "it passes no channel"
		}
		return "its channel (" + codemod.Clip(pf.Text(u.Arg), 40) + ") is computed at run time"
	}
	if pt.ChannelParam != 0 {
		return "the channel is not its first argument"
	}
	callee := syntax.Unwrap(u.Call.Child("function"))
	if !callee.Is("member_expression", "identifier") {
		return "isolate cannot rewrite this form of call"
	}
	for _, a := range codemod.CallArgsOf(u.Call) {
		if a.Is("spread_element") {
			return "it spreads its arguments"
		}
	}
	op := opOf(pt.Method)
	if op == "on" || op == "once" {
		args := codemod.CallArgsOf(u.Call)
		if len(args) != 2 {
			return "it does not pass exactly a channel and a callback"
		}
		if pt.ForwardsEvent {
			if why := dropsEvent(p.Facts, pf, args[1]); why != "" {
				return why
			}
		}
		if !isStatement(u.Call) && !pt.ReturnsUnsubscribe {
			return "it uses the value the call returns, which the generated method does not give (it returns an unsubscribe function)"
		}
	}
	return ""
}

// isStatement reports whether a call's value is unused: it is an expression statement of its own, or an
// arrow's body whose value nothing reads... only the first is certain, so only it counts.
func isStatement(call *syntax.Node) bool {
	n := call
	for n.Parent.Is("parenthesized_expression") {
		n = n.Parent
	}
	return n.Parent.Is("expression_statement")
}

// dropsEvent says why a page callback that received the IpcRendererEvent first cannot simply lose that parameter,
// or "". The callback may be written inline, or be a function of the file that is used only as an IPC listener
// (its first parameter then goes from its declaration).
func dropsEvent(facts *project.Facts, pf *project.File, cb *syntax.Node) string {
	cb = syntax.Unwrap(cb)
	fn := listenerFunction(facts, pf, cb)
	if fn == nil {
		return "its callback (" + codemod.Clip(pf.Text(cb), 30) + ") receives the IpcRendererEvent first, and isolate cannot see whether it uses it"
	}
	ps := project.Params(fn)
	if len(ps) == 0 {
		return ""
	}
	name, rest := project.ParamName(pf, ps[0])
	if rest {
		return "its callback takes every argument as one rest parameter, the event included"
	}
	if name == "" {
		return "its callback destructures the IpcRendererEvent"
	}
	for _, b := range pf.Scopes().Bindings {
		if b.Ident == ps[0] && len(b.Refs) > 0 {
			return "its callback uses the IpcRendererEvent (" + name + "), which the page no longer receives"
		}
	}
	return ""
}

// listenerFunction returns the function a listener argument is: inline, or a function of the file whose every
// use is as an IPC listener argument (so dropping its first parameter changes no other caller).
func listenerFunction(facts *project.Facts, pf *project.File, cb *syntax.Node) *syntax.Node {
	if cb.Is("arrow_function", "function_expression", "function") {
		return cb
	}
	if !cb.Is("identifier") {
		return nil
	}
	b := pf.Scopes().Of(cb)
	if b == nil || !b.Stable() {
		return nil
	}
	var fn *syntax.Node
	switch {
	case b.Kind == syntax.FunctionDecl:
		fn = b.Decl
	case b.Init() != nil && syntax.Unwrap(b.Init()).Is("arrow_function", "function_expression", "function"):
		fn = syntax.Unwrap(b.Init())
	default:
		return nil
	}
	listenerArgs := map[*syntax.Node]bool{}
	for _, u := range facts.Channels.Uses {
		if u.File != pf.Path {
			continue
		}
		if args := codemod.CallArgsOf(u.Call); len(args) == 2 {
			listenerArgs[syntax.Unwrap(args[1])] = true
		}
	}
	for _, r := range b.Refs {
		if !listenerArgs[r] {
			return nil
		}
	}
	return fn
}

// assignMethods names the methods, per object, after the members the object keeps.
func (p *ipcPlan) assignMethods() {
	byContainer := map[*syntax.Node][]*ipcSite{}
	var order []*syntax.Node
	for _, s := range p.sites {
		if s.why != "" {
			continue
		}
		if byContainer[s.container] == nil {
			order = append(order, s.container)
		}
		byContainer[s.container] = append(byContainer[s.container], s)
	}
	for _, c := range order {
		sites := byContainer[c]
		var msgs []bridge.Message
		// Names the object keeps: its other members, and the generic members that stay.
		replaced := map[*syntax.Node]bool{}
		for _, s := range sites {
			replaced[s.node] = true
		}
		if c.Is("object") {
			f := sites[0].File
			for _, m := range codemod.ObjectMembers(c) {
				if replaced[m] {
					continue
				}
				if name := project.KeyName(f.File, m); name != "" {
					msgs = append(msgs, bridge.Message{Method: name})
				}
			}
		}
		for _, s := range sites {
			for pt := range s.generic {
				msgs = append(msgs, bridge.Message{Method: pt.Path[len(pt.Path)-1]})
			}
		}
		taken := len(msgs)
		type ref struct {
			s *ipcSite
			i int
		}
		var refs []ref
		for _, s := range sites {
			for i, m := range s.msgs {
				m.Method = ""
				if m.op == "once" {
					m.Method = "once" + codemod.UpperFirst(bridge.MethodName(m.Channel, bridge.Send))
				}
				msgs = append(msgs, m.Message)
				refs = append(refs, ref{s, i})
			}
		}
		collisions := bridge.AssignMethods(msgs)
		for j, r := range refs {
			r.s.msgs[r.i].Method = msgs[taken+j].Method
		}
		if len(collisions) > 0 {
			sites[0].collisions = append(sites[0].collisions, collisions...)
		}
	}
}

// rewriteCalls writes the page edits of the calls a site rewrites.
func (p *ipcPlan) rewriteCalls(s *ipcSite) {
	inv := p.Facts.Channels
	byOp := map[string]map[string]*ipcMessage{}
	for i := range s.msgs {
		m := &s.msgs[i]
		if byOp[m.op] == nil {
			byOp[m.op] = map[string]*ipcMessage{}
		}
		byOp[m.op][m.Channel] = m
	}
	blocked := map[*project.ChannelUse]bool{}
	for _, b := range s.blocked {
		blocked[b.use] = true
	}
	for _, pt := range s.pts {
		op := opOf(pt.Method)
		if op == "" {
			continue
		}
		for _, u := range inv.Through(pt) {
			if blocked[u] {
				continue
			}
			m := byOp[op][u.Channel]
			if m == nil {
				continue
			}
			c := &pageCall{use: u, msg: m, Edits: p.callEdits(u, pt, m)}
			s.uses = append(s.uses, c)
			p.pageUses[u.File] = append(p.pageUses[u.File], c)
			p.pageEdits[u.File] = append(p.pageEdits[u.File], c.Edits...)
		}
	}
	for _, b := range s.blocked {
		p.pageBlocked = append(p.pageBlocked, b)
	}
}

// callEdits rewrites one page call: window.api.send('save-file', data) → window.api.saveFile(data).
func (p *ipcPlan) callEdits(u *project.ChannelUse, pt *project.Passthrough, m *ipcMessage) []codemod.Edit {
	pf := p.Facts.Files[u.File]
	f := pf.File
	var edits []codemod.Edit
	callee := syntax.Unwrap(u.Call.Child("function"))
	if callee.Is("member_expression") {
		prop := callee.Child("property")
		edits = append(edits, codemod.Edit{Path: f.Path, Start: prop.Start, End: prop.End, New: m.Method})
	} else {
		// A destructured name: call the method on the page's global, where the bridge put it.
		path := append([]string{"window", pt.Key}, pt.Path[:len(pt.Path)-1]...)
		edits = append(edits, codemod.Edit{Path: f.Path, Start: callee.Start, End: callee.End, New: strings.Join(path, ".") + "." + m.Method})
	}
	args := codemod.CallArgsOf(u.Call)
	if len(args) > 1 {
		edits = append(edits, codemod.Edit{Path: f.Path, Start: args[0].Start, End: args[1].Start})
	} else {
		end := args[0].End
		// send('ping',) keeps no comma behind.
		if next := args[0].NextSibling(); next != nil && next.Kind == "," {
			end = next.End
		}
		edits = append(edits, codemod.Edit{Path: f.Path, Start: args[0].Start, End: end})
	}
	if (m.op == "on" || m.op == "once") && pt.ForwardsEvent {
		if fn := listenerFunction(p.Facts, pf, syntax.Unwrap(args[1])); fn != nil {
			edits = append(edits, dropFirstParam(pf, fn)...)
		}
	}
	return edits
}

// paramNode returns the whole parameter (with its TypeScript annotation) of a pattern from project.Params.
func paramNode(pat *syntax.Node) *syntax.Node {
	if pat.Parent.Is("required_parameter", "optional_parameter") {
		return pat.Parent
	}
	return pat
}

// planRemovals rewrites listener removals through a passthrough: removeListener('ch', fn) after
// on('ch', fn) in the same scope becomes a call of the unsubscribe function the new method returns.
func (p *ipcPlan) planRemovals() {
	inv := p.Facts.Channels
	for _, s := range p.sites {
		for _, pt := range s.pts {
			if opOf(pt.Method) != "" {
				continue
			}
			for _, u := range inv.Through(pt) {
				r := p.planRemoval(s, pt, u)
				p.removals = append(p.removals, r)
				if r.why != "" {
					if s.why == "" {
						s.generic[pt] = true
						s.allow[pt] = p.allowlistFor(pt)
					}
					continue
				}
				p.pageEdits[u.File] = append(p.pageEdits[u.File], r.Edits...)
			}
		}
	}
}

func (p *ipcPlan) planRemoval(s *ipcSite, pt *project.Passthrough, u *project.ChannelUse) listenerRemoval {
	r := listenerRemoval{use: u}
	pf := p.Facts.Files[u.File]
	if pf == nil || codemod.IsTestOrBroken(pf) {
		r.why = "it is in code isolate does not rewrite"
		return r
	}
	if s.why != "" {
		r.why = s.why
		return r
	}
	if pt.Method == "removeAllListeners" {
		r.why = "removeAllListeners cannot be replaced by one unsubscribe call; keep the function each onX(callback) returns and call it instead"
		return r
	}
	args := codemod.CallArgsOf(u.Call)
	if !u.Known || len(args) != 2 || !syntax.Unwrap(args[1]).Is("identifier") {
		r.why = "isolate follows only removeListener('channel', name) with a literal channel and a named listener"
		return r
	}
	// The subscription may go through another member of the same object (on beside removeListener).
	var subs []*pageCall
	for _, o := range p.sites {
		if o.container == s.container {
			subs = append(subs, o.uses...)
		}
	}
	r.Edits, r.why = unsubscribeEdits(pf, subs, u)
	return r
}

// unsubscribeEdits turns removeListener('ch', fn) into a call of the function the subscription of fn to 'ch'
// (among subs, which are rewritten to onX methods) returns: the subscription is kept in a const.
func unsubscribeEdits(pf *project.File, subs []*pageCall, u *project.ChannelUse) ([]codemod.Edit, string) {
	args := codemod.CallArgsOf(u.Call)
	fn := syntax.Unwrap(args[1])
	fnBinding := pf.Scopes().Of(fn)
	if fnBinding == nil {
		return nil, "its listener " + pf.Text(fn) + " is not declared in this file"
	}
	var sub *pageCall
	for _, c := range subs {
		if c.use.File != u.File || c.use.Channel != u.Channel || (c.msg.op != "on" && c.msg.op != "once") {
			continue
		}
		cb := syntax.Unwrap(codemod.CallArgsOf(c.use.Call)[1])
		if !cb.Is("identifier") || pf.Scopes().Of(cb) != fnBinding {
			continue
		}
		if sub != nil {
			return nil, "the listener is added more than once on this channel"
		}
		sub = c
	}
	if sub == nil {
		return nil, "no subscription of " + pf.Text(fn) + " to '" + u.Channel + "' was found in this file"
	}
	if !isStatement(sub.use.Call) {
		return nil, "the subscription's value is used"
	}
	stmt := sub.use.Call
	for !stmt.Is("expression_statement") {
		stmt = stmt.Parent
	}
	// The removal runs after the subscription: it follows it in the same block, or it is in the listener itself.
	inListener := fnBinding.Decl != nil && fnBinding.Decl.Contains(u.Call) && fnBinding.Scope == stmt.Parent
	if !stmt.Parent.Contains(u.Call) || (u.Call.Start < stmt.End && !inListener) {
		return nil, "the removal is not in the scope of the subscription (a sibling function, say); keep the function onX(callback) returns where both can reach it"
	}
	name := "off" + strings.TrimPrefix(strings.TrimPrefix(sub.msg.Method, "once"), "on")
	base := name
	for i := 2; pf.Scopes().Lookup(stmt, name) != nil || pf.Scopes().Lookup(u.Call, name) != nil; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	return []codemod.Edit{
		{Path: pf.Path, Start: stmt.Start, End: stmt.Start, New: "const " + name + " = "},
		{Path: pf.Path, Start: u.Call.Start, End: u.Call.End, New: name + "()"},
	}, ""
}

// memberEdits writes a site's preload member anew: one method per channel in place of each generic member (the
// generic member kept, restricted, where some page calls could not follow). The text is indented for where the
// member lands when window-assign moves its object from indentation from to to ("" "" in place).
func (p *ipcPlan) memberEdits(s *ipcSite, from, to string) []codemod.Edit {
	f := s.File.File
	st := codemod.StyleOf(f)
	indent := to + strings.TrimPrefix(f.IndentAt(s.node.Start), from)
	if s.whole {
		members := p.membersText(s, indent+st.Indent, st)
		prefix := ""
		if s.node.Is("shorthand_property_identifier") {
			prefix = f.Text(s.node) + ": "
		}
		text := prefix + "{" + st.EOL + indent + st.Indent + strings.Join(members, ","+st.EOL+indent+st.Indent)
		if st.TrailingComma {
			text += ","
		}
		text += st.EOL + indent + "}"
		return []codemod.Edit{{Path: f.Path, Start: s.node.Start, End: s.node.End, New: text}}
	}
	members := p.membersText(s, indent, st)
	if len(members) == 0 {
		return codemod.RemoveMember(f, s.node)
	}
	start, lead := s.node.Start, ""
	if from != to {
		// The object moves: the member's own indentation moves with it here, because the text that moves
		// around the edit keeps a line holding only blanks as it is.
		if ls := f.LineStart(s.node.Start); strings.TrimSpace(string(f.Src[ls:s.node.Start])) == "" {
			start, lead = ls, indent
		}
	}
	return []codemod.Edit{{Path: f.Path, Start: start, End: s.node.End, New: lead + strings.Join(members, ","+st.EOL+indent)}}
}

// ipcMemberText writes the methods that replace a generic member set on its own (window.api.send = fn), for
// window-assign, which gathers such members into one object at indentation indent.
func ipcMemberText(facts *project.Facts, pf *project.File, asg *syntax.Node, indent string) (string, bool) {
	if facts == nil || facts.Channels == nil {
		return "", false
	}
	p := ipcPlanFor(facts)
	s := p.byNode[asg]
	if s == nil || s.why != "" || s.File != pf {
		return "", false
	}
	members := p.membersText(s, indent, codemod.StyleOf(pf.File))
	if len(members) == 0 {
		return "", false
	}
	return strings.Join(members, ","+codemod.StyleOf(pf.File).EOL+indent), true
}

// membersText writes the methods of a site, each starting at indentation indent.
func (p *ipcPlan) membersText(s *ipcSite, indent string, st codemod.Style) []string {
	ts := s.ts
	if s.File != nil {
		ts = s.File.Lang.IsTypeScript()
	}
	ipc := s.ipc
	var out []string
	in := st.Indent
	typed := func(name, typ string) string {
		if ts {
			return name + ": " + typ
		}
		return name
	}
	for _, m := range s.msgs {
		ch := st.Quote(m.Channel)
		switch m.op {
		case "send", "sendToHost", "invoke", "sendSync":
			params := p.wrapperParams(s, m)
			var names, decls []string
			for _, prm := range params {
				names = append(names, prm.call)
				decls = append(decls, prm.decl)
			}
			args := ch
			if len(names) > 0 {
				args += ", " + strings.Join(names, ", ")
			}
			out = append(out, fmt.Sprintf("%s: (%s) => %s.%s(%s)", m.Method, strings.Join(decls, ", "), ipc, m.op, args))
		case "on", "once":
			// any, not unknown: page callbacks that type their own parameters must still be accepted.
			cbType := "(...args: any[]) => void"
			lines := []string{
				fmt.Sprintf("%s: (%s) => {", m.Method, typed("callback", cbType)),
				fmt.Sprintf("%sconst listener = (%s, %s) => callback(...args)%s", in, typed("_event", "unknown"), typed("...args", "unknown[]"), st.End()),
				fmt.Sprintf("%s%s.%s(%s, listener)%s", in, ipc, m.op, ch, st.End()),
				fmt.Sprintf("%sreturn () => %s.removeListener(%s, listener)%s", in, ipc, ch, st.End()),
				"}",
			}
			out = append(out, strings.Join(lines, st.EOL+indent))
		}
	}
	// Generic members that stay, restricted to an explicit allowlist.
	var kept []*project.Passthrough
	for _, pt := range s.pts {
		if s.generic[pt] {
			kept = append(kept, pt)
		}
	}
	for _, pt := range kept {
		if !s.whole && pt.HasAllowlist {
			// It has an allowlist already: keep it as it is.
			f := s.File.File
			out = append(out, codemod.Reindent(f, s.node.Start, s.node.End, f.IndentAt(s.node.Start), indent))
			continue
		}
		name := pt.Path[len(pt.Path)-1]
		list := make([]string, len(s.allow[pt]))
		for i, ch := range s.allow[pt] {
			list[i] = st.Quote(ch)
		}
		check := fmt.Sprintf("if (%s) throw new Error(%s + channel)%s", allowCheck(list, s.patterns[pt]),
			st.Quote(name+": channel not allowed: "), st.End())
		chDecl := typed("channel", "string")
		switch opOf(pt.Method) {
		case "send", "invoke", "sendSync":
			body := fmt.Sprintf("%sreturn %s.%s(channel, ...args)%s", in, ipc, pt.Method, st.End())
			if pt.Method == "send" {
				body = fmt.Sprintf("%s%s.send(channel, ...args)%s", in, ipc, st.End())
			}
			out = append(out, strings.Join([]string{
				fmt.Sprintf("%s: (%s, %s) => {", name, chDecl, typed("...args", "unknown[]")),
				in + check, body, "}"}, st.EOL+indent))
		case "on", "once":
			listener := "(_event, ...args) => callback(...args)"
			if ts {
				listener = "(_event: unknown, ...args: unknown[]) => callback(...args)"
			}
			if pt.ForwardsEvent {
				listener = "callback"
			}
			lines := []string{
				fmt.Sprintf("%s: (%s, %s) => {", name, chDecl, typed("callback", "(...args: any[]) => void")),
				in + check,
			}
			if pt.ReturnsUnsubscribe || listener != "callback" {
				lines = append(lines,
					fmt.Sprintf("%sconst listener = %s%s", in, listener, st.End()),
					fmt.Sprintf("%s%s.%s(channel, listener)%s", in, ipc, pt.Method, st.End()),
					fmt.Sprintf("%sreturn () => %s.removeListener(channel, listener)%s", in, ipc, st.End()))
			} else {
				lines = append(lines, fmt.Sprintf("%s%s.%s(channel, callback)%s", in, ipc, pt.Method, st.End()))
			}
			out = append(out, strings.Join(append(lines, "}"), st.EOL+indent))
		default:
			// removeListener and friends: they never worked across the bridge (functions are proxied, so the
			// page's listener is never the one registered); kept so calls do not throw.
			out = append(out, strings.Join([]string{
				fmt.Sprintf("%s: (%s, %s) => {", name, chDecl, typed("...args", "any[]")),
				in + check,
				fmt.Sprintf("%s%s.%s(channel, ...args)%s", in, ipc, pt.Method, st.End()), "}"}, st.EOL+indent))
		}
	}
	return out
}

type wrapperParam struct {
	decl, call string
	name, typ  string
	optional   bool
}

// wrapperParams are the parameters of a send/invoke/sendSync method: the legacy member's own (after the
// channel) when it had fixed ones, else named after what the page passes.
func (p *ipcPlan) wrapperParams(s *ipcSite, m ipcMessage) []wrapperParam {
	f := s.File
	ts := s.ts || (f != nil && f.Lang.IsTypeScript())
	mk := func(name, typ string, rest bool) wrapperParam {
		if typ == "" {
			typ = "unknown"
			if rest {
				typ = "unknown[]"
			}
		}
		w := wrapperParam{name: name, typ: typ, call: name, decl: name}
		if rest {
			w.call, w.decl = "..."+name, "..."+name
		}
		if ts {
			w.decl += ": " + typ
		}
		return w
	}
	pt := m.pt
	if pt != nil && pt.Fn != nil {
		ps := project.Params(pt.Fn)[pt.ChannelParam+1:]
		var out []wrapperParam
		fixed := true
		for _, prm := range ps {
			name, rest := project.ParamName(f, prm)
			if rest {
				fixed = false
				break
			}
			w := mk(name, paramType(f, prm), false)
			if prm.Parent.Is("optional_parameter") {
				w.optional = true
				if ts {
					w.decl = name + "?: " + w.typ
				}
			}
			out = append(out, w)
		}
		if fixed {
			return out
		}
	}
	// Every argument is forwarded: name them after the page's calls when they all pass the same number.
	var pageCalls []forwardedCall
	for _, c := range s.uses {
		if c.msg.Channel == m.Channel && c.msg.op == m.op {
			pageCalls = append(pageCalls, forwardedCall{c.use.File, codemod.CallArgsOf(c.use.Call)[1:]})
		}
	}
	arity, names, agree := forwardedArity(p.Facts, pageCalls)
	if !agree || arity < 0 {
		// The uses are not yet rewritten when the preload text is written: count from the inventory instead.
		var known []forwardedCall
		for _, u := range p.Facts.Channels.Through(pt) {
			if pt == nil || !u.Known || u.Channel != m.Channel {
				continue
			}
			if args := codemod.CallArgsOf(u.Call); len(args) > 0 {
				known = append(known, forwardedCall{u.File, args[1:]})
			}
		}
		if arity, names, agree = forwardedArity(p.Facts, known); !agree {
			return []wrapperParam{mk("args", "", true)}
		}
	}
	if arity < 0 {
		return []wrapperParam{mk("args", "", true)}
	}
	var out []wrapperParam
	used := map[string]bool{"channel": true, "callback": true, "listener": true}
	for i := 0; i < arity; i++ {
		name := ""
		if i < len(names) {
			name = names[i]
		}
		if name == "" || used[name] || !codemod.IdentOK(name) || jsReserved[name] {
			name = fmt.Sprintf("arg%d", i+1)
		}
		used[name] = true
		out = append(out, mk(name, "", false))
	}
	return out
}

// forwardedCall is one call of a message: the path of its file and the arguments it passes after the channel.
type forwardedCall struct {
	path string
	args []*syntax.Node
}

// forwardedArity reads how many arguments the calls pass after the channel, and the names they give them: arity
// is -1 when there are no calls, and agree is false when they pass different numbers.
func forwardedArity(facts *project.Facts, calls []forwardedCall) (arity int, names []string, agree bool) {
	arity = -1
	for _, c := range calls {
		if arity >= 0 && len(c.args) != arity {
			return -1, nil, false
		}
		arity = len(c.args)
		names = argNames(names, facts.Files[c.path], c.args)
	}
	return arity, names, true
}

var jsReserved = map[string]bool{"this": true, "window": true, "document": true, "arguments": true, "eval": true,
	"undefined": true, "null": true, "true": true, "false": true, "new": true, "class": true, "function": true}

// paramType returns a parameter's TypeScript annotation, or "".
func paramType(f *project.File, pat *syntax.Node) string {
	if p := pat.Parent; p.Is("required_parameter", "optional_parameter") {
		if t := p.Child("type"); t != nil {
			return strings.TrimSpace(strings.TrimPrefix(f.Text(t), ":"))
		}
	}
	return ""
}

// innerIPCEdits returns the member rewrites that fall inside [start, end) of a preload, written for a move
// from indentation from to to. window-assign calls it for every piece of text it moves.
func innerIPCEdits(facts *project.Facts, pf *project.File, start, end int, from, to string) []codemod.Edit {
	if facts == nil || facts.Channels == nil {
		return nil
	}
	p := ipcPlanFor(facts)
	var out []codemod.Edit
	for _, s := range p.sites {
		if s.File != pf || s.why != "" || s.node.Start < start || s.node.End > end {
			continue
		}
		out = append(out, p.memberEdits(s, from, to)...)
	}
	return out
}

// ipcReplaces reports whether the IPC plan replaces the value n of a preload (the whole ipcRenderer), so that
// exposing it is not a problem to report.
func ipcReplaces(facts *project.Facts, n *syntax.Node) bool {
	if facts == nil || facts.Channels == nil {
		return false
	}
	s := ipcPlanFor(facts).byNode[syntax.Unwrap(n)]
	return s != nil && s.why == ""
}

// methodsOf lists a site's generated methods by name, for messages.
func (s *ipcSite) methodsOf() string {
	var names []string
	for _, m := range s.msgs {
		names = append(names, m.Method)
	}
	if len(names) > 6 {
		return strings.Join(names[:6], ", ") + fmt.Sprintf(" and %d more", len(names)-6)
	}
	return strings.Join(names, ", ")
}

// argNames merges the names one call site gives its arguments (an identifier's name, a member's property) into
// names: a position whose call sites disagree, or give no name, gets "".
func argNames(names []string, pf *project.File, args []*syntax.Node) []string {
	for i, a := range args {
		name := ""
		if pf != nil {
			if id := syntax.Unwrap(a); id.Is("identifier") {
				name = pf.Text(id)
			} else if id.Is("member_expression") {
				name = pf.Text(id.Child("property"))
			}
		}
		if i >= len(names) {
			names = append(names, name)
		} else if names[i] != name {
			names[i] = ""
		}
	}
	return names
}
