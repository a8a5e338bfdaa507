package project

import (
	"strconv"
	"strings"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/syntax"
)

// This file finds the generic IPC members a preload puts on the page, and follows page code to the calls made
// through them.

// pageGlobals are the names under which code reaches the page's global object.
var pageGlobals = map[string]bool{"window": true, "global": true, "globalThis": true, "self": true}

// exposures records the passthroughs of one preload.
func (inv *inventory) exposures(file *File) {
	sc := file.Scopes()
	for _, asg := range file.Root.Find("assignment_expression") {
		key, path, ok := globalMember(file, asg.Child("left"))
		if !ok {
			continue
		}
		// window.api.send = fn: the assignment is the member.
		var member *syntax.Node
		if len(path) > 0 {
			member = asg
		}
		inv.exposed(file, key, path, asg.Child("right"), member, nil, 0)
	}
	for _, call := range file.Root.Find("call_expression") {
		fn := syntax.Unwrap(call.Child("function"))
		if !fn.Is("member_expression") || file.Text(fn.Child("property")) != "exposeInMainWorld" {
			continue
		}
		obj := syntax.Unwrap(fn.Child("object"))
		if ElectronExport(file, obj) != "contextBridge" && !(obj.Is("identifier") && sc.IsFree(obj) && file.Text(obj) == "contextBridge") {
			continue
		}
		args := callArgs(call)
		if len(args) < 2 {
			continue
		}
		if key, ok := file.StringValue(args[0]); ok && key != "" {
			inv.exposed(file, key, nil, args[1], nil, nil, 0)
		}
	}
}

// globalMember reads window.key.a.b (or global, globalThis, self, (window as any)) into key and path.
func globalMember(file *File, n *syntax.Node) (key string, path []string, ok bool) {
	n = syntax.Unwrap(n)
	var rev []string
	for {
		switch {
		case n.Is("member_expression"):
			rev = append(rev, file.Text(n.Child("property")))
			n = syntax.Unwrap(n.Child("object"))
			continue
		case n.Is("subscript_expression"):
			s, isStr := file.StringValue(n.Child("index"))
			if !isStr {
				return "", nil, false
			}
			rev = append(rev, s)
			n = syntax.Unwrap(n.Child("object"))
			continue
		}
		break
	}
	if !n.Is("identifier") || !pageGlobals[file.Text(n)] || !file.Scopes().IsFree(n) || len(rev) == 0 {
		return "", nil, false
	}
	for i := len(rev) - 1; i >= 0; i-- {
		path = append(path, rev[i])
	}
	return path[0], path[1:], true
}

// add records a passthrough once: a preload that exposes one object twice (exposeInMainWorld, and window.api in
// a process.contextIsolated fallback) has one set of members.
func (inv *inventory) add(p *Passthrough) {
	for _, q := range inv.c.Passthroughs {
		same := q.Member == p.Member && q.Whole == p.Whole
		if p.Method == "*" {
			// One library object exposed twice (exposeInMainWorld and a contextIsolated fallback).
			same = q.File == p.File
		}
		if same && q.Method == p.Method && q.Key == p.Key && equalPath(q.Path, p.Path) {
			return
		}
	}
	inv.c.Passthroughs = append(inv.c.Passthroughs, p)
}

// opaquePassthrough says why a value is a generic bridge isolate cannot take apart: electron-toolkit's
// electronAPI (its ipcRenderer member forwards any channel), or a Proxy whose property names become channels.
func opaquePassthrough(file *File, v *syntax.Node) string {
	switch {
	case v.Is("identifier"):
		b := file.Scopes().Of(v)
		if b != nil && b.Kind == syntax.Import {
			spec, _ := file.StringValue(b.Decl.Child("source"))
			if p := b.Ident.Parent; spec == "@electron-toolkit/preload" && p.Is("import_specifier") && file.Text(p.Child("name")) == "electronAPI" {
				return "it is @electron-toolkit/preload's electronAPI, whose ipcRenderer member sends on and listens to any channel the page names"
			}
		}
	case v.Is("new_expression") && file.Text(v.Child("constructor")) == "Proxy":
		for _, call := range v.Find("call_expression") {
			callee := syntax.Unwrap(call.Child("function"))
			if !callee.Is("member_expression") || ElectronExport(file, callee.Child("object")) != "ipcRenderer" {
				continue
			}
			if args := callArgs(call); len(args) > 0 {
				if id := syntax.Unwrap(args[0]); id.Is("identifier") {
					if b := file.Scopes().Of(id); b != nil && b.Kind == syntax.Param {
						return "it is a Proxy whose property names become IPC channels"
					}
				}
			}
		}
	}
	return ""
}

// exposed looks at a value put on the page at key.path for generic IPC members.
func (inv *inventory) exposed(file *File, key string, path []string, v *syntax.Node, member, object *syntax.Node, depth int) {
	v = syntax.Unwrap(v)
	if v == nil || depth > 4 {
		return
	}
	if ElectronExport(file, v) == "ipcRenderer" {
		for _, m := range wholeIpcRenderer {
			inv.add(&Passthrough{File: file.Path, Key: key,
				Path: append(append([]string(nil), path...), m), Method: m, Whole: v, ForwardsEvent: true, Simple: true})
		}
		return
	}
	// Shapes that are generic by construction and that a rewrite cannot take apart: reported only.
	if why := opaquePassthrough(file, v); why != "" {
		inv.add(&Passthrough{File: file.Path, Key: key, Path: path, Method: "*", Member: v, Object: object, Why: why})
		return
	}
	switch v.Kind {
	case "identifier", "shorthand_property_identifier":
		b := file.Scopes().Of(v)
		if b == nil || !b.Stable() {
			return
		}
		if b.Kind == syntax.FunctionDecl {
			inv.function(file, key, path, b.Decl, member, object)
			return
		}
		if init := b.Init(); init != nil {
			inv.exposed(file, key, path, init, member, object, depth+1)
		}
	case "object":
		for _, m := range v.NamedChildren() {
			switch m.Kind {
			case "pair":
				name := KeyName(file.File, m)
				if name == "" {
					continue
				}
				inv.exposed(file, key, append(append([]string(nil), path...), name), m.Child("value"), m, v, depth+1)
			case "shorthand_property_identifier":
				inv.exposed(file, key, append(append([]string(nil), path...), file.Text(m)), m, m, v, depth+1)
			case "method_definition":
				name := file.Text(m.Child("name"))
				inv.function(file, key, append(append([]string(nil), path...), name), m, m, v)
			}
		}
	case "arrow_function", "function_expression", "function":
		inv.function(file, key, path, v, member, object)
	case "member_expression":
		// send: ipcRenderer.send
		method := file.Text(v.Child("property"))
		if _, ok := ipcRendererMethods[method]; ok && ElectronExport(file, v.Child("object")) == "ipcRenderer" && len(path) > 0 {
			inv.add(&Passthrough{File: file.Path, Key: key, Path: path,
				Method: method, Member: member, Object: object, ForwardsEvent: true, Simple: true})
		}
	case "call_expression":
		// send: ipcRenderer.send.bind(ipcRenderer)
		fn := syntax.Unwrap(v.Child("function"))
		if fn.Is("member_expression") && file.Text(fn.Child("property")) == "bind" {
			inner := syntax.Unwrap(fn.Child("object"))
			if inner.Is("member_expression") {
				method := file.Text(inner.Child("property"))
				if _, ok := ipcRendererMethods[method]; ok && ElectronExport(file, inner.Child("object")) == "ipcRenderer" && len(path) > 0 {
					inv.add(&Passthrough{File: file.Path, Key: key, Path: path,
						Method: method, Member: member, Object: object, ForwardsEvent: true, Simple: true})
				}
			}
		}
	}
}

// function records a member function that passes one of its parameters to ipcRenderer as the channel.
func (inv *inventory) function(file *File, key string, path []string, fn, member, object *syntax.Node) {
	if len(path) == 0 {
		return
	}
	params := Params(fn)
	index := map[string]int{}
	for i, p := range params {
		if name, _ := ParamName(file, p); name != "" {
			index[name] = i
		}
	}
	var primary, removal *syntax.Node
	var method string
	chParam := -1
	for _, call := range fn.Find("call_expression") {
		callee := syntax.Unwrap(call.Child("function"))
		if !callee.Is("member_expression") {
			continue
		}
		m := file.Text(callee.Child("property"))
		if _, ok := ipcRendererMethods[m]; !ok || ElectronExport(file, callee.Child("object")) != "ipcRenderer" {
			continue
		}
		args := callArgs(call)
		if len(args) == 0 {
			continue
		}
		id := syntax.Unwrap(args[0])
		if !id.Is("identifier") {
			continue
		}
		i, ok := index[file.Text(id)]
		if !ok || file.Scopes().Of(id) == nil || file.Scopes().Of(id).Kind != syntax.Param {
			continue
		}
		if (m == "removeListener" || m == "off") && primary != nil {
			removal = call
			continue
		}
		if primary == nil {
			primary, method, chParam = call, m, i
		}
	}
	if primary == nil {
		return
	}
	p := &Passthrough{File: file.Path, Key: key, Path: path, Method: method, Member: member, Object: object, Fn: fn,
		ChannelParam: chParam, Call: primary}
	chName, _ := ParamName(file, params[chParam])
	inv.allowlist(file, p, fn, primary, chName)
	p.Simple, p.Why = true, ""
	if why := inv.simple(file, p, fn, primary, removal, params, chName); why != "" {
		p.Simple, p.Why = false, why
	}
	inv.add(p)
}

// allowlist reads the check in front of the forwarding call: list.includes(channel), list.indexOf(channel) …,
// set.has(channel), channel === 'a' || channel === 'b'.
func (inv *inventory) allowlist(file *File, p *Passthrough, fn, call *syntax.Node, ch string) {
	var conds []*syntax.Node
	for a := call.Parent; a != nil && a != fn; a = a.Parent {
		switch {
		case a.Is("if_statement"):
			conds = append(conds, a.Child("condition"))
		case a.Is("binary_expression") && file.Text(a.Child("operator")) == "&&":
			conds = append(conds, a.Child("left"))
		}
	}
	// Guards before the call in the same body: if (!valid.includes(channel)) return
	if body := fn.Child("body"); body.Is("statement_block") {
		for _, s := range body.NamedChildren() {
			if s.Start >= call.Start {
				break
			}
			if s.Is("if_statement") {
				if c := s.Child("consequence"); c != nil && (c.Is("return_statement", "throw_statement") ||
					len(c.Find("return_statement", "throw_statement")) > 0) {
					conds = append(conds, s.Child("condition"))
				}
			}
		}
	}
	set := map[string]bool{}
	known := true
	for _, c := range conds {
		mentions := false
		c.Walk(func(n *syntax.Node) bool {
			if n.Is("identifier") && file.Text(n) == ch {
				mentions = true
			}
			return !mentions
		})
		if !mentions {
			continue
		}
		p.HasAllowlist = true
		if !inv.readAllowlist(file, c, ch, set) {
			known = false
		}
	}
	if p.HasAllowlist {
		p.AllowlistKnown = known && len(set) > 0
		p.Allowlist = sortedSet(set)
	}
}

// readAllowlist adds the channels a condition accepts to set; false when it cannot tell.
func (inv *inventory) readAllowlist(file *File, c *syntax.Node, ch string, set map[string]bool) bool {
	c = syntax.Unwrap(c)
	switch c.Kind {
	case "unary_expression":
		if a := c.Child("argument"); a != nil {
			return inv.readAllowlist(file, a, ch, set)
		}
	case "binary_expression":
		op := file.Text(c.Child("operator"))
		l, r := syntax.Unwrap(c.Child("left")), syntax.Unwrap(c.Child("right"))
		switch op {
		case "||", "&&":
			return inv.readAllowlist(file, l, ch, set) && inv.readAllowlist(file, r, ch, set)
		case "===", "==", "!==", "!=":
			other := r
			if r.Is("identifier") && file.Text(r) == ch {
				other = l
			}
			if vals, ok := inv.a.channelValues(file, other, 0); ok {
				for _, v := range vals {
					set[v] = true
				}
				return true
			}
			// list.indexOf(channel) !== -1
			if l.Is("call_expression") {
				return inv.readAllowlist(file, l, ch, set)
			}
		case ">", ">=", "<":
			if l.Is("call_expression") {
				return inv.readAllowlist(file, l, ch, set)
			}
		}
	case "call_expression":
		callee := syntax.Unwrap(c.Child("function"))
		if !callee.Is("member_expression") {
			return false
		}
		switch file.Text(callee.Child("property")) {
		case "includes", "indexOf", "has":
			return inv.listValues(file, callee.Child("object"), set, 0)
		}
	}
	return false
}

// listValues adds the strings of an array literal (or a Set of one), through constants, to set.
func (inv *inventory) listValues(file *File, n *syntax.Node, set map[string]bool, depth int) bool {
	n = syntax.Unwrap(n)
	if depth > 6 || n == nil {
		return false
	}
	switch n.Kind {
	case "array":
		for _, e := range n.NamedChildren() {
			if e.Is("comment") {
				continue
			}
			vals, ok := inv.a.channelValues(file, e, 0)
			if !ok {
				return false
			}
			for _, v := range vals {
				set[v] = true
			}
		}
		return true
	case "new_expression":
		if file.Text(n.Child("constructor")) == "Set" {
			if args := callArgs(n); len(args) == 1 {
				return inv.listValues(file, args[0], set, depth+1)
			}
		}
	case "call_expression":
		// Object.values(CHANNELS)
		if file.Text(n.Child("function")) == "Object.values" {
			if args := callArgs(n); len(args) == 1 {
				obj := inv.a.objectOf(file, args[0], 0)
				if obj == nil {
					return false
				}
				for _, m := range obj.file.Root.Find("pair") {
					if m.Parent != obj.node {
						continue
					}
					vals, ok := inv.a.channelValues(obj.file, m.Child("value"), 0)
					if !ok {
						return false
					}
					for _, v := range vals {
						set[v] = true
					}
				}
				return true
			}
		}
	case "identifier", "member_expression":
		if def, f2 := inv.a.definition(file, n, 0); def != nil {
			return inv.listValues(f2, def, set, depth+1)
		}
	}
	return false
}

// simple says what a passthrough function does besides forwarding, or "" when it does nothing else.
func (inv *inventory) simple(file *File, p *Passthrough, fn, primary, removal *syntax.Node, params []*syntax.Node, ch string) string {
	args := callArgs(primary)
	isListener := ipcRendererMethods[p.Method] == bridge.Event
	if isListener {
		if len(args) != 2 {
			return "it passes " + describeArgs(len(args)) + " to ipcRenderer." + p.Method
		}
		forwards, ok := inv.listenerForwards(file, fn, args[1])
		if !ok {
			return "its listener does more than hand the message to the page's callback (" + clipText(file.Text(args[1]), 40) + ")"
		}
		p.ForwardsEvent = forwards
	} else {
		// The arguments after the channel must be the parameters after it, in order.
		rest := params[p.ChannelParam+1:]
		if len(args)-1 != len(rest) {
			return "it does not forward its own parameters unchanged"
		}
		for i, a := range args[1:] {
			name, isRest := ParamName(file, rest[i])
			a = syntax.Unwrap(a)
			if isRest {
				if !a.Is("spread_element") || len(a.NamedChildren()) != 1 || file.Text(a.NamedChildren()[0]) != name {
					return "it does not forward its own parameters unchanged"
				}
				continue
			}
			if !a.Is("identifier") || file.Text(a) != name {
				return "it changes the arguments before sending them (" + clipText(file.Text(a), 30) + ")"
			}
		}
	}
	body := fn.Child("body")
	if !body.Is("statement_block") {
		if inv.isForwarding(file, body, primary, ch) {
			return ""
		}
		return "its body is more than the forwarding call (" + clipText(file.Text(body), 40) + ")"
	}
	for _, s := range body.NamedChildren() {
		if s.Is("comment", "empty_statement") {
			continue
		}
		if why := inv.simpleStatement(file, s, p, primary, removal, ch); why != "" {
			return why
		}
	}
	return ""
}

func (inv *inventory) simpleStatement(file *File, s *syntax.Node, p *Passthrough, primary, removal *syntax.Node, ch string) string {
	switch s.Kind {
	case "expression_statement":
		if inv.isForwarding(file, s.NamedChildren()[0], primary, ch) {
			return ""
		}
	case "return_statement":
		vals := s.NamedChildren()
		if len(vals) == 0 {
			return ""
		}
		v := syntax.Unwrap(vals[0])
		if inv.isForwarding(file, v, primary, ch) {
			return ""
		}
		// return () => ipcRenderer.removeListener(channel, listener)
		if removal != nil && IsFunction(v) && v.Contains(removal) && len(Params(v)) == 0 {
			b := v.Child("body")
			if b.Is("statement_block") {
				ns := b.NamedChildren()
				if len(ns) == 1 && ns[0].Is("expression_statement") && syntax.Unwrap(ns[0].NamedChildren()[0]) == removal {
					p.ReturnsUnsubscribe = true
					return ""
				}
			} else if syntax.Unwrap(b) == removal {
				p.ReturnsUnsubscribe = true
				return ""
			}
		}
	case "if_statement":
		if s.Child("alternative") != nil {
			break
		}
		cons := s.Child("consequence")
		if cons.Contains(primary) {
			stmts := []*syntax.Node{cons}
			if cons.Is("statement_block") {
				stmts = cons.NamedChildren()
			}
			for _, c := range stmts {
				if why := inv.simpleStatement(file, c, p, primary, removal, ch); why != "" {
					return why
				}
			}
			return ""
		}
		if p.HasAllowlist && (cons.Is("return_statement", "throw_statement") ||
			(cons.Is("statement_block") && len(cons.NamedChildren()) == 1 && cons.NamedChildren()[0].Is("return_statement", "throw_statement"))) {
			return ""
		}
	case "lexical_declaration", "variable_declaration":
		// const listener = (_event, ...args) => callback(...args)
		ds := s.NamedChildren()
		if len(ds) == 1 && ds[0].Is("variable_declarator") {
			if v := syntax.Unwrap(ds[0].Child("value")); v != nil && IsFunction(v) && len(callArgs(primary)) == 2 {
				if id := syntax.Unwrap(callArgs(primary)[1]); id.Is("identifier") && file.Text(id) == file.Text(ds[0].Child("name")) {
					return ""
				}
			}
		}
	}
	return "it also runs " + clipText(file.Text(s), 40)
}

// isForwarding reports whether expression e is the forwarding call, alone or behind an && allowlist check.
func (inv *inventory) isForwarding(file *File, e, primary *syntax.Node, ch string) bool {
	e = syntax.Unwrap(e)
	if e == primary {
		return true
	}
	if e.Is("binary_expression") && file.Text(e.Child("operator")) == "&&" && syntax.Unwrap(e.Child("right")) == primary {
		return true
	}
	return false
}

// listenerForwards reads the listener a listener passthrough registers: the page's callback itself (the event
// is forwarded), or a function that calls the callback with the arguments after the event (it is not). ok is
// false for anything else.
func (inv *inventory) listenerForwards(file *File, fn, listener *syntax.Node) (forwardsEvent, ok bool) {
	listener = syntax.Unwrap(listener)
	paramNames := map[string]bool{}
	for _, p := range Params(fn) {
		if n, _ := ParamName(file, p); n != "" {
			paramNames[n] = true
		}
	}
	if listener.Is("identifier") {
		name := file.Text(listener)
		if paramNames[name] {
			return true, true
		}
		b := file.Scopes().Of(listener)
		if b == nil || !b.Stable() || b.Init() == nil || !fn.Contains(b.Decl) {
			return false, false
		}
		listener = syntax.Unwrap(b.Init())
	}
	if !IsFunction(listener) {
		return false, false
	}
	lp := Params(listener)
	// The body must be one call of a parameter of fn.
	body := syntax.Unwrap(listener.Child("body"))
	if body.Is("statement_block") {
		ns := body.NamedChildren()
		if len(ns) != 1 || !ns[0].Is("expression_statement") {
			return false, false
		}
		body = syntax.Unwrap(ns[0].NamedChildren()[0])
	}
	if !body.Is("call_expression") {
		return false, false
	}
	callee := syntax.Unwrap(body.Child("function"))
	if !callee.Is("identifier") || !paramNames[file.Text(callee)] {
		return false, false
	}
	args := callArgs(body)
	// The call must pass the listener's own parameters in order, starting with the event or after it.
	names := make([]string, len(lp))
	rests := make([]bool, len(lp))
	for i, p := range lp {
		names[i], rests[i] = ParamName(file, p)
	}
	match := func(from int) bool {
		if len(args) != len(lp)-from {
			return false
		}
		for i, a := range args {
			a = syntax.Unwrap(a)
			want := names[from+i]
			if rests[from+i] {
				if !a.Is("spread_element") || file.Text(a.NamedChildren()[0]) != want {
					return false
				}
				continue
			}
			if !a.Is("identifier") || file.Text(a) != want {
				return false
			}
		}
		return true
	}
	switch {
	case len(lp) >= 1 && match(1):
		return false, true
	case match(0):
		return true, true
	}
	return false, false
}

func describeArgs(n int) string {
	if n == 1 {
		return "one argument"
	}
	return strconv.Itoa(n) + " arguments"
}

func clipText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) > n {
		return string([]rune(s)[:n]) + "…"
	}
	return s
}

// bridgeUses follows page code to the calls it makes through the passthroughs.
func (inv *inventory) bridgeUses(file *File) {
	keys := map[string]bool{}
	for _, p := range inv.c.Passthroughs {
		keys[p.Key] = true
	}
	if len(keys) == 0 {
		return
	}
	sc := file.Scopes()
	for _, id := range sc.Free {
		name := file.Text(id)
		switch {
		case pageGlobals[name]:
			parent := up(id)
			switch {
			case parent.Is("member_expression") && syntax.Unwrap(parent.Child("object")) == id:
				key := file.Text(parent.Child("property"))
				if keys[key] {
					inv.trace(file, parent, key, nil, 0)
				}
			case parent.Is("subscript_expression") && syntax.Unwrap(parent.Child("object")) == id:
				if key, ok := file.StringValue(parent.Child("index")); ok && keys[key] {
					inv.trace(file, parent, key, nil, 0)
				}
			case parent.Is("variable_declarator") && parent.Child("name").Is("object_pattern"):
				// const { api } = window
				for _, m := range parent.Child("name").NamedChildren() {
					k, target := patternMember(file, m)
					if keys[k] {
						inv.traceBinding(file, target, k, nil, 0)
					}
				}
			}
		case keys[name]:
			inv.trace(file, id, name, nil, 0)
		}
	}
}

// up returns the parent of n, skipping parentheses and TypeScript wrappers.
func up(n *syntax.Node) *syntax.Node {
	p := n.Parent
	for p != nil && p.Is("parenthesized_expression", "as_expression", "non_null_expression", "satisfies_expression", "type_assertion") {
		p = p.Parent
	}
	return p
}

// patternMember returns the property an object pattern member takes and the identifier it binds (nil when it
// destructures further).
func patternMember(file *File, m *syntax.Node) (string, *syntax.Node) {
	switch m.Kind {
	case "shorthand_property_identifier_pattern":
		return file.Text(m), m
	case "pair_pattern":
		if v := m.Child("value"); v.Is("identifier") {
			return KeyName(file.File, m), v
		}
		return KeyName(file.File, m), nil
	case "object_assignment_pattern":
		if l := m.Child("left"); l.Is("shorthand_property_identifier_pattern") {
			return file.Text(l), l
		}
	}
	return "", nil
}

// relevant reports whether key.path may still lead to a passthrough.
func (inv *inventory) relevant(key string, path []string) (*Passthrough, bool) {
	any := false
	for _, p := range inv.c.Passthroughs {
		if p.Key != key || !hasPrefix(p.Path, path) {
			continue
		}
		if len(p.Path) == len(path) {
			return p, true
		}
		any = true
	}
	return nil, any
}

func (inv *inventory) escape(file *File, n *syntax.Node, key string, path []string, why string) {
	inv.c.Escapes = append(inv.c.Escapes, &Escape{File: file.Path, Node: n, Key: key, Path: path, Why: why})
}

// trace follows expression e, which evaluates to window.key.path…, to where it is used.
func (inv *inventory) trace(file *File, e *syntax.Node, key string, path []string, depth int) {
	pt, relevant := inv.relevant(key, path)
	if !relevant || depth > 6 {
		return
	}
	p := up(e)
	switch {
	case p == nil:
	case p.Is("member_expression") && syntax.Unwrap(p.Child("object")) == e:
		inv.trace(file, p, key, append(append([]string(nil), path...), file.Text(p.Child("property"))), depth)
	case p.Is("subscript_expression") && syntax.Unwrap(p.Child("object")) == e:
		if s, ok := file.StringValue(p.Child("index")); ok {
			inv.trace(file, p, key, append(append([]string(nil), path...), s), depth)
		} else {
			inv.escape(file, p, key, path, "indexed with a computed name ("+clipText(file.Text(p), 40)+")")
		}
	case p.Is("call_expression") && syntax.Unwrap(p.Child("function")) == e:
		if pt == nil {
			inv.escape(file, p, key, path, "called as a function")
			return
		}
		inv.use(file, p, SideRenderer, pt.Method, ipcRendererMethods[pt.Method], pt.ChannelParam, pt)
	case p.Is("variable_declarator") && syntax.Unwrap(p.Child("value")) == e:
		name := p.Child("name")
		if name.Is("identifier") {
			inv.traceBinding(file, name, key, path, depth+1)
			return
		}
		if name.Is("object_pattern") {
			for _, m := range name.NamedChildren() {
				k, target := patternMember(file, m)
				sub := append(append([]string(nil), path...), k)
				if _, rel := inv.relevant(key, sub); !rel {
					continue
				}
				if target == nil || k == "" {
					inv.escape(file, m, key, sub, "destructured in a way isolate does not follow")
					continue
				}
				inv.traceBinding(file, target, key, sub, depth+1)
			}
			return
		}
		inv.escape(file, p, key, path, "destructured in a way isolate does not follow")
	case p.Is("unary_expression", "binary_expression", "if_statement", "ternary_expression") &&
		(!p.Is("ternary_expression") || syntax.Unwrap(p.Child("condition")) == e) &&
		(!p.Is("binary_expression") || isComparison(file.Text(p.Child("operator")))):
		// A probe: typeof window.api, if (window.api), window.api === undefined. Nothing is called.
	case p.Is("expression_statement"):
	default:
		what := "used as a value"
		switch {
		case p.Is("arguments"):
			what = "passed to a function"
		case p.Is("assignment_expression"):
			what = "assigned (" + clipText(file.Text(p), 40) + ")"
		case p.Is("return_statement"):
			what = "returned from a function"
		case p.Is("pair"):
			what = "stored in an object"
		}
		inv.escape(file, e, key, path, what)
	}
}

func isComparison(op string) bool {
	switch op {
	case "===", "!==", "==", "!=", "&&", "||", "??":
		return true
	}
	return false
}

// traceBinding follows every reference of the name ident declares.
func (inv *inventory) traceBinding(file *File, ident *syntax.Node, key string, path []string, depth int) {
	b := file.Scopes().Of(ident)
	if b == nil {
		return
	}
	if !b.Stable() {
		inv.escape(file, ident, key, path, file.Text(ident)+" is reassigned")
		return
	}
	for _, ref := range b.Refs {
		inv.trace(file, ref, key, path, depth+1)
	}
}
