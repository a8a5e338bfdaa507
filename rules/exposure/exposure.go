package exposure

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/knowledge"
	"github.com/isolate-dev/isolate/syntax"
)

// This file reads what a preload puts on the page's global (window.X = …, global.X = …, members one by one,
// inside process.once('loaded')) and plans, key by key, the contextBridge.exposeInMainWorld call that replaces
// it, or the reasons it cannot be replaced safely. Several rules report from one plan: window-assign (the
// rewrite), expose-node-api, bridge-value, late-exposure and preload-page-global (the reasons).

// GlobalNames are the names under which a preload reaches the page's global object without isolation.
var GlobalNames = map[string]bool{"window": true, "global": true, "globalThis": true, "self": true}

type placeKind int

const (
	placeTop         placeKind = iota + 1 // a statement run while the preload loads
	placeLoaded                           // a statement of a process.once('loaded') callback
	placeLate                             // inside a function that runs at some later time
	placeConditional                      // under a condition, a loop or an expression
	placeFallback                         // the non-isolated branch of a process.contextIsolated test
)

// target is one write to a property of the page's global.
type target struct {
	Asg     *syntax.Node // the assignment_expression
	Stmt    *syntax.Node // the expression_statement that is exactly the assignment; nil otherwise
	global  string       // window, global, globalThis or self
	Key     string
	path    []string // members below the key: nil for window.api = …, [save] for window.api.save = …
	value   *syntax.Node
	keyNode *syntax.Node // window.api, for positions
	kind    placeKind
	seq     *syntax.Node // the statement list holding stmt (program, a top-level try block, the loaded callback)
	wrapper *syntax.Node // for placeLoaded: the expression_statement of process.once('loaded', …)
	why     string       // for late and conditional places: where the assignment runs
	whyNode *syntax.Node
}

// finding is one reason, found in a preload, for a rule to report.
type finding struct {
	rule string
	node *syntax.Node
	msg  string
	Key  string // the exposed key it concerns, "" when none
	// unreadable marks an exposure isolate cannot read (the page's global handed to other code): the windows that
	// load the preload are not migrated while it stands.
	unreadable bool
	// brief says what an unreadable exposure is in a few words, for the message of the windows it blocks.
	brief string
	// sev overrides the rule's severity when set.
	sev codemod.Severity
	// advisory marks a finding that does not keep its key from being rewritten: what it warns about depends on
	// what the page does, which isolate cannot see.
	advisory bool
}

// keyPlan is what becomes of one key.
type keyPlan struct {
	Key      string
	Targets  []*target
	Blockers []finding // reasons the key is not rewritten
	Fix      *codemod.Fix
	gathered int // members gathered into one object
	// api is the object the page will receive, when it is a literal (for Window typings).
	api apiShape
	// local is set when every window that loads the preload is isolated already (it names them): the key stays
	// in the preload's own world, as it always did, and nothing is rewritten.
	Local string
	// isolatedBefore is set instead when page code reads the key: the rewrite gives the page what it expects
	// and never had, which the message says.
	IsolatedBefore string
}

// PreloadPlan is the plan for one preload file.
type PreloadPlan struct {
	Facts    *project.Facts
	File     *project.File
	Style    codemod.Style
	Keys     []*keyPlan
	findings []finding // reported by the rule named in each
	Bridge   bridgeRef
}

var planCache sync.Map // planKey → *preloadPlan

type planKey struct {
	Facts *project.Facts
	File  *project.File
}

// PlanFor returns the (cached) plan of a preload file.
func PlanFor(facts *project.Facts, pf *project.File) *PreloadPlan {
	k := planKey{facts, pf}
	if p, ok := planCache.Load(k); ok {
		return p.(*PreloadPlan)
	}
	p := buildPlan(facts, pf)
	actual, _ := planCache.LoadOrStore(k, p)
	return actual.(*PreloadPlan)
}

func buildPlan(facts *project.Facts, pf *project.File) *PreloadPlan {
	p := &PreloadPlan{Facts: facts, File: pf, Style: codemod.StyleOf(pf.File)}
	if codemod.IsTestOrBroken(pf) {
		return p
	}
	f := pf.File
	var targets []*target
	// The page's global handed to code isolate cannot follow.
	p.findings = append(p.findings, globalEscapes(pf)...)

	// Writes to the page's global.
	for _, asg := range f.Root.Find("assignment_expression", "augmented_assignment_expression") {
		root, chain, ok := GlobalChain(pf, asg.Child("left"))
		if !ok || inMainWorld(pf, asg) {
			continue
		}
		if len(chain) == 0 {
			p.findings = append(p.findings, finding{rule: "window-assign", node: asg,
				msg: "assigns a computed property of the page's global (" + f.Text(asg.Child("left")) +
					"); rewrite it by hand as contextBridge.exposeInMainWorld('name', value) with a fixed name"})
			continue
		}
		key := chain[0]
		if knowledge.WebGlobals[key] {
			if knowledge.ErrorHandlers[key] {
				p.findings = append(p.findings, finding{rule: "preload-page-global", node: asg,
					msg: fmt.Sprintf("sets %s.%s in the preload: under context isolation an error is reported to the world whose script threw it, so this handler sees the preload's own errors but no longer the page's; install the handler from page code (and report through an exposed function), or keep it here for the preload's errors only", f.Text(root), strings.Join(chain, "."))})
				continue
			}
			if !knowledge.SharedAcrossWorlds(key) {
				p.findings = append(p.findings, finding{rule: "preload-page-global", node: asg,
					msg: fmt.Sprintf("overrides the page built-in %s.%s: under context isolation the preload has its own window, so the page keeps the original; expose the replacement under a new name with contextBridge.exposeInMainWorld (it cannot replace a property the page's window already has) and call that from page code", f.Text(root), strings.Join(chain, "."))})
			}
			continue
		}
		if asg.Kind == "augmented_assignment_expression" {
			p.findings = append(p.findings, finding{rule: "window-assign", node: asg, Key: key,
				msg: "updates " + f.Text(asg.Child("left")) + " in place; expose the final value with contextBridge.exposeInMainWorld by hand"})
			continue
		}
		t := &target{Asg: asg, global: f.Text(root), Key: key, path: chain[1:], value: asg.Child("right"),
			keyNode: keyNodeOf(asg.Child("left"), len(chain))}
		locate(pf, t)
		targets = append(targets, t)
	}

	// Object.assign(window, {...}) and Object.defineProperty(window | navigator | document, …).
	for _, call := range f.Root.Find("call_expression") {
		fn := f.Text(call.Child("function"))
		args := call.Child("arguments").NamedChildren()
		if len(args) == 0 || inMainWorld(pf, call) {
			continue
		}
		obj := syntax.Unwrap(args[0])
		switch fn {
		case "Object.assign":
			if globalRef(pf, obj) != "" {
				p.findings = append(p.findings, finding{rule: "window-assign", node: call,
					msg: "copies properties onto the page's global with Object.assign; expose each with contextBridge.exposeInMainWorld('name', value) by hand"})
			}
		case "Object.defineProperty", "Object.defineProperties", "Reflect.defineProperty":
			name := f.Text(obj)
			switch {
			case globalRef(pf, obj) != "":
				key := ""
				if len(args) > 1 {
					key, _ = f.StringValue(args[1])
				}
				if knowledge.WebGlobals[key] || fn == "Object.defineProperties" {
					p.findings = append(p.findings, finding{rule: "preload-page-global", node: call,
						msg: "redefines " + describeDefine(f, args) + " on the preload's window: under context isolation the page keeps its own; change it from page code instead"})
				} else {
					p.findings = append(p.findings, finding{rule: "window-assign", node: call, Key: key,
						msg: "defines " + name + "." + key + " with Object.defineProperty; expose it with contextBridge.exposeInMainWorld by hand (getters are read once and frozen)"})
				}
			case isPageObject(pf, obj):
				p.findings = append(p.findings, finding{rule: "preload-page-global", node: call,
					msg: "redefines " + describeDefine(f, args) + ": under context isolation this changes only the preload's copy of " + name + ", not the page's; change it from page code instead"})
			}
		}
	}
	// navigator.language = …, Element.prototype.x = …
	for _, asg := range f.Root.Find("assignment_expression") {
		left := syntax.Unwrap(asg.Child("left"))
		if !left.Is("member_expression") || inMainWorld(pf, asg) {
			continue
		}
		obj := syntax.Unwrap(left.Child("object"))
		if isPageObject(pf, obj) {
			p.findings = append(p.findings, finding{rule: "preload-page-global", node: asg,
				msg: "overrides " + f.Text(left) + ": under context isolation this changes only the preload's copy, not the page's; change it from page code instead"})
		}
	}

	// Existing exposeInMainWorld calls: their values are checked like ours, and their keys must not be exposed
	// twice.
	bridged := map[string]*syntax.Node{}
	for _, call := range f.Root.Find("call_expression") {
		fn := syntax.Unwrap(call.Child("function"))
		if !fn.Is("member_expression") || f.Text(fn.Child("property")) != "exposeInMainWorld" {
			continue
		}
		args := call.Child("arguments").NamedChildren()
		if len(args) < 2 {
			continue
		}
		key, _ := f.StringValue(args[0])
		if key != "" {
			bridged[key] = call
		}
		p.findings = append(p.findings, classifyValue(facts, pf, args[1], key, map[*syntax.Node]bool{})...)
	}

	// Group the writes by key, in source order.
	byKey := map[string]*keyPlan{}
	for _, t := range targets {
		kp := byKey[t.Key]
		if kp == nil {
			kp = &keyPlan{Key: t.Key}
			byKey[t.Key] = kp
			p.Keys = append(p.Keys, kp)
		}
		kp.Targets = append(kp.Targets, t)
	}
	p.Bridge = findBridgeRef(pf, p.Style)
	for _, kp := range p.Keys {
		p.planKey(kp, bridged)
		// Advisory findings are reported, and do not hold the rewrite back.
		var kept []finding
		for _, b := range kp.Blockers {
			if b.advisory {
				p.findings = append(p.findings, b)
			} else {
				kept = append(kept, b)
			}
		}
		kp.Blockers = kept
	}
	// A key set in two preload files (a preload and a helper it requires) would be exposed twice, and the second
	// exposeInMainWorld throws.
	for _, other := range sharesWindow(facts, pf) {
		keys := GlobalKeys(other)
		for _, kp := range p.Keys {
			if n := keys[kp.Key]; n != nil && len(kp.Targets) > 0 && len(kp.Blockers) == 0 {
				kp.Blockers = append(kp.Blockers, finding{rule: "window-assign", node: kp.Targets[0].Asg, Key: kp.Key,
					msg: fmt.Sprintf("%s is also set in %s (%s); exposeInMainWorld can expose a key once, so gather its members in one file, then run isolate again", kp.Key, other.Path, other.Pos(n.Start))})
			}
		}
	}
	// A <webview>'s preload: isolation there comes from the tag's webpreferences attribute, which this rule does
	// not edit, and is on by default only from Electron 12.
	if WebviewOnly(facts, pf) && (!facts.Electron.AtLeast(12) || pf.WebviewUnisolated != "") {
		msg := "this is the preload of a <webview>, whose context isolation is set by the tag's webpreferences attribute (on by default only from Electron 12); add contextIsolation=yes there, then run isolate again"
		if pf.WebviewUnisolated != "" {
			// contextBridge throws in a webview that is not isolated: the page would lose everything exposed.
			msg = "this is the preload of a <webview> in " + pf.WebviewUnisolated + " whose webpreferences attribute turns contextIsolation off, and contextBridge works only in an isolated webview; remove contextIsolation=false there, then run isolate again"
		}
		for _, kp := range p.Keys {
			if len(kp.Blockers) == 0 && len(kp.Targets) > 0 {
				kp.Blockers = append(kp.Blockers, finding{rule: "window-assign", node: kp.Targets[0].Asg, Key: kp.Key, msg: msg})
			}
		}
	}
	// The windows that load the preload decide whether a rewrite is right: contextBridge works only in an
	// isolated window, and in a window isolated already window.X never reached the page.
	switch state := preloadStateOf(facts, pf); {
	case state.Local != "":
		local := map[string]bool{}
		for _, kp := range p.Keys {
			if !pageReads(facts, kp.Key) {
				kp.Local, kp.Blockers, local[kp.Key] = state.Local, nil, true
			} else {
				kp.IsolatedBefore = state.Local
			}
		}
		var kept []finding
		for _, fd := range p.findings {
			// What the page never saw cannot break: nor its values, nor the global handed to other code.
			if !(fd.rule == "window-assign" && (fd.Key == "" || local[fd.Key])) && !local[fd.Key] {
				kept = append(kept, fd)
			}
		}
		p.findings = kept
	case state.held != "":
		for _, kp := range p.Keys {
			if len(kp.Blockers) == 0 && len(kp.Targets) > 0 {
				kp.Blockers = append(kp.Blockers, finding{rule: "window-assign", node: kp.Targets[0].Asg, Key: kp.Key, msg: state.held})
			}
		}
	}
	p.readsOfGlobal(byKey)
	p.buildFixes(facts)
	for _, kp := range p.Keys {
		for _, b := range kp.Blockers {
			if b.rule != "window-assign" {
				// window-assign folds its own reasons into the key's diagnostic.
				p.findings = append(p.findings, b)
			}
		}
	}
	sort.SliceStable(p.findings, func(i, j int) bool { return p.findings[i].node.Start < p.findings[j].node.Start })
	return p
}

func describeDefine(f *syntax.File, args []*syntax.Node) string {
	if len(args) > 1 {
		if k, ok := f.StringValue(args[1]); ok {
			return f.Text(args[0]) + "." + k
		}
	}
	return f.Text(args[0])
}

// isPageObject reports whether n is a page object whose JavaScript properties each world has its own copy of:
// navigator, document, screen, window.navigator, or a DOM class's prototype.
func isPageObject(pf *project.File, n *syntax.Node) bool {
	n = syntax.Unwrap(n)
	sc := pf.Scopes()
	switch {
	case n.Is("identifier"):
		name := pf.Text(n)
		// document is left out: most of its properties are the DOM's, which every world shares.
		return sc.IsFree(n) && (name == "navigator" || name == "screen")
	case n.Is("member_expression"):
		obj := syntax.Unwrap(n.Child("object"))
		prop := pf.Text(n.Child("property"))
		if obj.Is("identifier") && sc.IsFree(obj) {
			if GlobalNames[pf.Text(obj)] {
				return prop == "navigator" || prop == "screen"
			}
			return prop == "prototype" && knowledge.WebGlobals[pf.Text(obj)]
		}
	}
	return false
}

// GlobalChain reads a member chain rooted at the page's global: (window as any).api.save → window, [api save].
// ok is false when n is not such a chain. A computed member that is not a string literal ends the chain with
// chain empty (the caller reports it).
func GlobalChain(pf *project.File, n *syntax.Node) (root *syntax.Node, chain []string, ok bool) {
	n = syntax.Unwrap(n)
	var rev []string
	for {
		switch {
		case n.Is("member_expression"):
			if n.Child("optional_chain") != nil {
				return nil, nil, false
			}
			rev = append(rev, pf.Text(n.Child("property")))
			n = syntax.Unwrap(n.Child("object"))
			continue
		case n.Is("subscript_expression"):
			s, isStr := pf.StringValue(n.Child("index"))
			obj := syntax.Unwrap(n.Child("object"))
			if !isStr {
				if globalRef(pf, obj) != "" {
					return obj, nil, true
				}
				return nil, nil, false
			}
			rev = append(rev, s)
			n = obj
			continue
		}
		break
	}
	if len(rev) == 0 || globalRef(pf, n) == "" {
		return nil, nil, false
	}
	for i := len(rev) - 1; i >= 0; i-- {
		chain = append(chain, rev[i])
	}
	return n, chain, true
}

// keyNodeOf returns the member node of the chain that names the key (window.api in window.api.save).
func keyNodeOf(left *syntax.Node, depth int) *syntax.Node {
	n := syntax.Unwrap(left)
	for i := 1; i < depth; i++ {
		n = syntax.Unwrap(n.Child("object"))
	}
	return n
}

// locate finds where a write runs: at load, in the loaded callback, later, or under a condition.
func locate(pf *project.File, t *target) {
	f := pf.File
	// The statement that is exactly this assignment, if any.
	up := t.Asg
	for up.Parent.Is("parenthesized_expression") {
		up = up.Parent
	}
	if up.Parent.Is("expression_statement") {
		t.Stmt = up.Parent
	}
	// A contextIsolated test anywhere above makes this a fallback.
	for a := t.Asg.Parent; a != nil; a = a.Parent {
		if a.Is("if_statement", "ternary_expression") {
			cond := a.Child("condition")
			if cond != nil && strings.Contains(f.Text(cond), "contextIsolated") {
				t.kind = placeFallback
				return
			}
		}
	}
	start := t.Stmt
	if start == nil {
		// Part of a larger expression. Under && || ?? or ?: it runs only sometimes; otherwise (x = window.y = 1,
		// a call argument) it runs, but the statement cannot simply become a call.
		for a := t.Asg.Parent; a != nil && start == nil; a = a.Parent {
			switch {
			case a.Is("ternary_expression") || (a.Is("binary_expression") && isLogical(f.Text(a.Child("operator")))):
				if t.kind == 0 {
					t.kind, t.why, t.whyNode = placeConditional, "under the condition "+codemod.Clip(f.Text(a), 40), a
				}
			case a.Is("expression_statement", "lexical_declaration", "variable_declaration", "return_statement"),
				isFunctionNode(a):
				start = a
			}
		}
		if start == nil {
			start = t.Asg
		}
		if isFunctionNode(start) {
			start = t.Asg
		}
	}
	for c, a := start, start.Parent; a != nil; c, a = a, a.Parent {
		switch {
		case a.Is("program"):
			if t.kind == 0 {
				t.kind, t.seq = placeTop, a
			}
			return
		case a.Is("statement_block") && a.Parent.Is("try_statement") && a.Field == "body" &&
			a.Parent.Parent.Is("program"):
			if t.kind == 0 && c == start {
				t.kind, t.seq = placeTop, a
				return
			}
		case a.Is("statement_block") && isFunctionNode(a.Parent):
			fn := a.Parent
			if w := loadedWrapper(pf, fn); w != nil {
				if t.kind == 0 && c == start {
					t.kind, t.seq, t.wrapper = placeLoaded, a, w
				}
				return
			}
			t.kind, t.why, t.whyNode = placeLate, describeFunction(pf, fn), fn
			return
		case isFunctionNode(a):
			// An expression-bodied arrow: () => (window.x = 1)
			if w := loadedWrapper(pf, a); w != nil && t.kind == 0 {
				// () => (global.x = 1): it runs at load, but only a statement can become a call by itself.
				t.kind, t.Stmt = placeTop, nil
				return
			}
			t.kind, t.why, t.whyNode = placeLate, describeFunction(pf, a), a
			return
		case a.Is("if_statement", "switch_statement", "for_statement", "for_in_statement", "while_statement",
			"do_statement", "catch_clause", "ternary_expression", "labeled_statement"):
			if t.kind == 0 {
				t.kind, t.why, t.whyNode = placeConditional, "under "+describeCondition(pf, a), a
			}
		}
	}
}

func describeCondition(pf *project.File, a *syntax.Node) string {
	switch a.Kind {
	case "if_statement":
		return "the condition " + codemod.Clip(pf.Text(a.Child("condition")), 40)
	case "switch_statement":
		return "a switch"
	case "catch_clause":
		return "a catch block"
	case "ternary_expression":
		return "the condition " + codemod.Clip(pf.Text(a.Child("condition")), 40)
	}
	return "a loop"
}

func isFunctionNode(n *syntax.Node) bool {
	return n.Is("function_declaration", "function_expression", "function", "arrow_function", "method_definition",
		"generator_function", "generator_function_declaration")
}

// loadedWrapper returns the top-level statement process.once('loaded', fn) (or process.on) when fn is its
// callback.
func loadedWrapper(pf *project.File, fn *syntax.Node) *syntax.Node {
	args := fn.Parent
	if !args.Is("arguments") {
		return nil
	}
	call := args.Parent
	callee := pf.Text(call.Child("function"))
	if callee != "process.once" && callee != "process.on" && callee != "process.addListener" {
		return nil
	}
	named := args.NamedChildren()
	if len(named) != 2 || named[1] != fn {
		return nil
	}
	if ev, ok := pf.StringValue(named[0]); !ok || ev != "loaded" {
		return nil
	}
	stmt := call.Parent
	if !stmt.Is("expression_statement") || !stmt.Parent.Is("program") {
		return nil
	}
	return stmt
}

// describeFunction says when a function runs, for messages.
func describeFunction(pf *project.File, fn *syntax.Node) string {
	f := pf.File
	if name := fn.Child("name"); name != nil && fn.Is("function_declaration", "generator_function_declaration") {
		return "inside function " + f.Text(name) + ", which runs whenever it is called"
	}
	if args := fn.Parent; args.Is("arguments") {
		call := args.Parent
		callee := call.Child("function")
		named := args.NamedChildren()
		method := f.Text(callee)
		if callee.Is("member_expression") {
			method = f.Text(callee.Child("property"))
		}
		switch method {
		case "addEventListener", "on", "once", "addListener", "prependListener":
			if len(named) > 1 {
				if ev, ok := f.StringValue(named[0]); ok {
					return "inside a listener for '" + ev + "', which runs when the event fires"
				}
			}
			return "inside an event listener"
		case "setTimeout", "setInterval", "setImmediate", "requestAnimationFrame", "queueMicrotask", "nextTick":
			return "inside a callback of " + method
		case "then", "catch", "finally":
			return "inside a promise callback"
		}
		return "inside a callback passed to " + codemod.Clip(f.Text(callee), 30)
	}
	if d := fn.Parent; d.Is("variable_declarator") {
		return "inside function " + f.Text(d.Child("name")) + ", which runs whenever it is called"
	}
	if fn.Is("method_definition") {
		return "inside method " + f.Text(fn.Child("name"))
	}
	return "inside a function that runs later"
}

// planKey decides whether a key can be rewritten and records why not.
func (p *PreloadPlan) planKey(kp *keyPlan, bridged map[string]*syntax.Node) {
	f := p.File.File
	block := func(rule string, n *syntax.Node, msg string) {
		kp.Blockers = append(kp.Blockers, finding{rule: rule, node: n, msg: msg, Key: kp.Key})
	}
	var live []*target
	for _, t := range kp.Targets {
		switch t.kind {
		case placeFallback:
			continue
		case placeLate:
			block("late-exposure", t.Asg, fmt.Sprintf("sets %s %s: contextBridge.exposeInMainWorld must run while the preload loads, before page scripts; expose a function the page can call instead (or an onX(callback) API if the value arrives later)", p.File.Text(t.keyNode)+pathSuffix(t.path), t.why))
		case placeConditional:
			block("late-exposure", t.Asg, fmt.Sprintf("sets %s %s: a rewrite would expose it either always or never; decide the condition first, or expose a function that returns the value", p.File.Text(t.keyNode)+pathSuffix(t.path), t.why))
		}
		live = append(live, t)
	}
	kp.Targets = live
	if len(live) == 0 {
		return // only contextIsolated fallbacks: left alone
	}
	if len(kp.Blockers) > 0 {
		return
	}
	if call := bridged[kp.Key]; call != nil {
		block("window-assign", live[0].Asg, fmt.Sprintf("%s is already exposed with exposeInMainWorld at %s; a second call would throw, so add these members to that call by hand", kp.Key, f.Pos(call.Start)))
		return
	}
	seq, wrapper := live[0].seq, live[0].wrapper
	var root *target
	seen := map[string]*target{}
	for i, t := range live {
		switch {
		case t.Stmt == nil || !t.Stmt.Parent.Is("program", "statement_block"):
			block("window-assign", t.Asg, "the assignment "+codemod.Clip(f.Text(t.Asg), 40)+" is part of a larger expression; rewrite it by hand")
		case t.seq != seq || t.wrapper != wrapper:
			block("window-assign", t.Asg, fmt.Sprintf("%s is assigned in more than one block (lines %d and %d); gather the assignments into one place first", kp.Key, f.Pos(live[0].Asg.Start).Line, f.Pos(t.Asg.Start).Line))
		case len(t.path) > 1:
			block("window-assign", t.Asg, "sets the nested member "+f.Text(syntax.Unwrap(t.Asg.Child("left")))+"; move it into the object literal it belongs to, then run isolate again")
		case len(t.path) == 0:
			if root != nil {
				block("window-assign", t.Asg, fmt.Sprintf("%s is assigned twice (%s at line %d and %s at line %d); keep one", kp.Key, f.Text(root.keyNode), f.Pos(root.Asg.Start).Line, f.Text(t.keyNode), f.Pos(t.Asg.Start).Line))
			} else if i != 0 {
				block("window-assign", t.Asg, fmt.Sprintf("%s is assigned at line %d after members were set on it at line %d, which replaces them; remove one of the two", kp.Key, f.Pos(t.Asg.Start).Line, f.Pos(live[0].Asg.Start).Line))
			}
			root = t
		default:
			if prev := seen[t.path[0]]; prev != nil {
				block("window-assign", t.Asg, fmt.Sprintf("%s.%s is assigned twice (lines %d and %d); keep one", kp.Key, t.path[0], f.Pos(prev.Asg.Start).Line, f.Pos(t.Asg.Start).Line))
			}
			seen[t.path[0]] = t
		}
	}
	// A shape the rewrite cannot take still gets its value read below: what the value is (Node's process put on
	// the page, say) matters more than how it is written.
	members := len(live)
	if root != nil {
		members--
	}
	if root != nil && members > 0 && len(kp.Blockers) == 0 {
		lit, _ := rootLiteral(p.File, root)
		if lit == nil {
			block("window-assign", root.Asg, fmt.Sprintf("members are added to %s, whose value is not an object literal; write one object literal with every member, then run isolate again", kp.Key))
			return
		}
		if lit.Is("object") {
			for _, m := range codemod.ObjectMembers(lit) {
				if name := project.KeyName(f, m); name != "" && seen[name] != nil {
					block("window-assign", seen[name].Asg, fmt.Sprintf("%s.%s is set both in the object literal and at line %d; keep one", kp.Key, name, f.Pos(seen[name].Asg.Start).Line))
				}
			}
		}
	}
	// What the value is: Node APIs, values the bridge cannot carry.
	visited := map[*syntax.Node]bool{}
	for _, t := range live {
		if rootInit(p.File, t) {
			continue
		}
		for _, fd := range classifyValue(p.Facts, p.File, t.value, kp.Key+pathSuffix(t.path), visited) {
			kp.Blockers = append(kp.Blockers, fd)
		}
	}
}

func pathSuffix(path []string) string {
	if len(path) == 0 {
		return ""
	}
	return "." + strings.Join(path, ".")
}

// rootInit reports whether t is window.X = window.X || {} (or ?? {}, or {} alone is not this): the idiom that
// makes sure the object exists before members are added.
func rootInit(pf *project.File, t *target) bool {
	if len(t.path) != 0 {
		return false
	}
	v := syntax.Unwrap(t.value)
	if !v.Is("binary_expression") {
		return false
	}
	op := pf.Text(v.Child("operator"))
	if op != "||" && op != "??" {
		return false
	}
	_, chain, ok := GlobalChain(pf, v.Child("left"))
	right := syntax.Unwrap(v.Child("right"))
	return ok && len(chain) == 1 && chain[0] == t.Key && right.Is("object") && len(codemod.ObjectMembers(right)) == 0
}

// rootLiteral returns the object literal a root assignment gives (the {} of window.X = window.X || {} too), or
// nil when its value is not an object literal. For window.X = api, with api a top-level name never reassigned
// and declared as an object literal, it returns that literal and the declaration holding it (decl is nil for a
// literal written in the assignment).
func rootLiteral(pf *project.File, t *target) (lit, decl *syntax.Node) {
	if rootInit(pf, t) {
		return syntax.Unwrap(syntax.Unwrap(t.value).Child("right")), nil
	}
	v := syntax.Unwrap(t.value)
	if v.Is("object") {
		return v, nil
	}
	if v.Is("identifier") {
		b := pf.Scopes().Of(v)
		if b == nil || !b.Stable() || b.Init() == nil || !b.Scope.Is("program") {
			return nil, nil
		}
		if init := syntax.Unwrap(b.Init()); init.Is("object") {
			stmt := b.Decl.Parent
			if stmt.Parent.Is("program") {
				return init, stmt
			}
		}
	}
	return nil, nil
}

// readsOfGlobal finds reads of the page's global in the preload: of a key this preload exposes (which, after the
// rewrite, exists only in the page's world), and of names page scripts define (which the preload cannot see under
// isolation).
func (p *PreloadPlan) readsOfGlobal(byKey map[string]*keyPlan) {
	pf := p.File
	f := pf.File
	sc := pf.Scopes()
	// Reads of one page global are reported once, at the first, naming the others: a preload that reads
	// window.amplify thirty times has one thing to fix.
	pageReads := map[string][]*syntax.Node{}
	defer func() {
		for _, nodes := range pageReads {
			sort.Slice(nodes, func(i, j int) bool { return nodes[i].Start < nodes[j].Start })
			first := nodes[0]
			msg := fmt.Sprintf("reads %s, which page scripts define: under context isolation the preload has its own window and sees undefined; have the page pass the value through an exposed function instead", f.Text(first))
			if n := len(nodes) - 1; n > 0 {
				msg += fmt.Sprintf(" (it is read %d more time(s) in this file, the last at %s)", n, f.Pos(nodes[n].Start))
			}
			p.findings = append(p.findings, finding{rule: "preload-page-global", node: first, msg: msg})
		}
	}()
	for _, id := range append(aliasRefs(pf), sc.Free...) {
		if inMainWorld(pf, id) {
			continue
		}
		name := f.Text(id)
		if GlobalNames[name] || isAlias(pf, id) {
			parent := id.Parent
			for parent.Is("parenthesized_expression", "as_expression", "non_null_expression") {
				parent = parent.Parent
			}
			var member *syntax.Node
			var key string
			switch {
			case parent.Is("member_expression"):
				member, key = parent, f.Text(parent.Child("property"))
			case parent.Is("subscript_expression"):
				if s, ok := f.StringValue(parent.Child("index")); ok {
					member, key = parent, s
				}
			}
			if member == nil || knowledge.WebGlobals[key] || knowledge.NodeGlobals[key] {
				continue
			}
			if IsWriteChain(member) {
				continue
			}
			if kp := byKey[key]; kp != nil {
				if isRootInitRead(pf, member, kp) || isFallbackRead(f, member) || kp.Local != "" {
					continue
				}
				kp.Blockers = append(kp.Blockers, finding{rule: "window-assign", node: member, Key: key,
					msg: fmt.Sprintf("the preload reads %s at %s; after the rewrite %s exists only in the page's world, so keep the object in a local constant, use it here, expose that constant, then run isolate again", f.Text(member), f.Pos(member.Start), key)})
				continue
			}
			if isFallbackRead(f, member) {
				continue
			}
			pageReads[key] = append(pageReads[key], member)
			continue
		}
		if knowledge.WebGlobals[name] || knowledge.NodeGlobals[name] || name == "undefined" || name == "arguments" || sc.AmbientOf(id) != nil {
			// A name the file declares with TypeScript's declare is one it knows will exist (a build constant).
			continue
		}
		if id.Parent.Is("unary_expression") && strings.HasPrefix(f.Text(id.Parent), "typeof") {
			continue
		}
		p.findings = append(p.findings, finding{rule: "preload-page-global", node: id,
			msg: fmt.Sprintf("uses %s, which the preload does not declare: if page scripts define it, the preload cannot see it under context isolation; have the page pass it through an exposed function", name)})
	}
}

// IsWriteChain reports whether a member of the global is (part of) the target of an assignment.
func IsWriteChain(member *syntax.Node) bool {
	n := member
	for n.Parent.Is("member_expression", "subscript_expression") && n.Parent.Child("object") == n {
		n = n.Parent
	}
	for n.Parent.Is("parenthesized_expression", "as_expression", "non_null_expression") {
		n = n.Parent
	}
	p := n.Parent
	return p.Is("assignment_expression", "augmented_assignment_expression") && n.Field == "left"
}

func isRootInitRead(pf *project.File, member *syntax.Node, kp *keyPlan) bool {
	for _, t := range kp.Targets {
		if rootInit(pf, t) && t.value.Contains(member) {
			return true
		}
	}
	return false
}

func isFallbackRead(f *syntax.File, n *syntax.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.Is("if_statement", "ternary_expression") {
			if cond := a.Child("condition"); cond != nil && strings.Contains(f.Text(cond), "contextIsolated") {
				return true
			}
		}
	}
	return false
}

func isLogical(op string) bool { return op == "&&" || op == "||" || op == "??" }

// WebviewOnly reports whether a preload is loaded by <webview> tags and by no window.
func WebviewOnly(facts *project.Facts, pf *project.File) bool {
	if !strings.Contains(pf.Why, "<webview>") {
		return false
	}
	for _, w := range facts.Windows {
		if w.Preload == pf.Path {
			return false
		}
	}
	return true
}

// GlobalKeys returns the keys a file sets on the page's global, each with its first assignment.
func GlobalKeys(pf *project.File) map[string]*syntax.Node {
	out := map[string]*syntax.Node{}
	for _, asg := range pf.Root.Find("assignment_expression") {
		if _, chain, ok := GlobalChain(pf, asg.Child("left")); ok && len(chain) > 0 && out[chain[0]] == nil {
			out[chain[0]] = asg
		}
	}
	return out
}

// sharesWindow returns the other preload files that run in a window with pf: the window's preload and the
// modules it requires.
func sharesWindow(facts *project.Facts, pf *project.File) []*project.File {
	var out []*project.File
	seen := map[*project.File]bool{pf: true}
	for _, w := range facts.Windows {
		root := facts.Files[w.Preload]
		if root == nil {
			continue
		}
		group := PreloadClosure(facts, root)
		in := false
		for _, f := range group {
			if f == pf {
				in = true
			}
		}
		if !in {
			continue
		}
		for _, f := range group {
			if !seen[f] && !f.Role.Has(project.Test) {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	return out
}
