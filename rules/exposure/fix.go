package exposure

import (
	"fmt"
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/knowledge"
	"github.com/isolate-dev/isolate/syntax"
)

// buildFixes writes the exposeInMainWorld rewrite of every key that can be rewritten. Keys set at load are
// rewritten where they are; keys set in a process.once('loaded') callback move out of it, together.
func (p *PreloadPlan) buildFixes(facts *project.Facts) {
	if p.Bridge.Problem != "" {
		for _, kp := range p.Keys {
			if len(kp.Blockers) == 0 && len(kp.Targets) > 0 {
				kp.Blockers = append(kp.Blockers, finding{rule: "window-assign", node: kp.Targets[0].Asg, Key: kp.Key, msg: p.Bridge.Problem})
			}
		}
		return
	}
	wrappers := map[*syntax.Node][]*keyPlan{}
	var order []*syntax.Node
	for _, kp := range p.Keys {
		if len(kp.Blockers) > 0 || len(kp.Targets) == 0 || kp.Local != "" {
			continue
		}
		if w := kp.Targets[0].wrapper; w != nil {
			if wrappers[w] == nil {
				order = append(order, w)
			}
			wrappers[w] = append(wrappers[w], kp)
			continue
		}
		p.fixTopLevel(kp)
	}
	for _, w := range order {
		p.fixLoaded(w, wrappers[w])
	}
	for _, kp := range p.Keys {
		if kp.Fix != nil {
			p.typings(facts, kp)
		}
	}
}

// split returns a key's root assignment (nil when there is none) and its member assignments.
func split(kp *keyPlan) (root *target, members []*target) {
	for _, t := range kp.Targets {
		if len(t.path) == 0 {
			root = t
		} else {
			members = append(members, t)
		}
	}
	return root, members
}

// entryFor writes a member assignment as an object member for a destination at indentation indent; the value's
// later lines move from the statement's indentation.
func (p *PreloadPlan) entryFor(t *target, indent string) codemod.Entry {
	f := p.File.File
	a := codemod.Attach(f, t.Stmt)
	e := codemod.Entry{Text: p.Style.PropKey(t.path[0]) + ": " + codemod.Reindent(f, t.value.Start, t.value.End, f.IndentAt(t.Stmt.Start), indent)}
	if text, ok := ipcMemberText(p.Facts, p.File, t.Asg, indent); ok {
		// A generic IPC member set on its own: it becomes one method per channel (see ipc_plan.go).
		e.Text = text
	}
	for _, c := range a.Leading {
		e.Lead = append(e.Lead, f.Text(c))
	}
	// Comments inside the statement but outside the value (window.api.x /* why */ = …) go after the member.
	var trail []string
	t.Stmt.Walk(func(n *syntax.Node) bool {
		if t.value.Contains(n) {
			return false
		}
		if n.Kind == "comment" {
			trail = append(trail, f.Text(n))
		}
		return true
	})
	if a.Trailing != nil {
		trail = append(trail, f.Text(a.Trailing))
	}
	e.Trail = strings.Join(trail, " ")
	return e
}

func (p *PreloadPlan) call(key, api string) string {
	return p.Bridge.Expr + ".exposeInMainWorld(" + p.Style.Quote(key) + ", " + api + ")"
}

// apiText writes the value a key's call passes, for a destination whose line is indented by base: the root
// literal (moved from its own indentation) with the members added, or a new literal.
func (p *PreloadPlan) apiText(kp *keyPlan, base string) string {
	f := p.File.File
	root, members := split(kp)
	if root == nil {
		entries := make([]codemod.Entry, len(members))
		for i, t := range members {
			entries[i] = p.entryFor(t, base+p.Style.Indent)
		}
		return codemod.NewObject(p.Style, entries, base)
	}
	from := f.IndentAt(root.Stmt.Start)
	if len(members) == 0 {
		if rootInit(p.File, root) {
			return "{}"
		}
		return codemod.MoveText(f, root.value.Start, root.value.End, innerIPCEdits(p.Facts, p.File, root.value.Start, root.value.End, from, base), from, base)
	}
	lit, decl := rootLiteral(p.File, root)
	if decl != nil {
		panic("codemod: apiText of a literal declared elsewhere")
	}
	entries := make([]codemod.Entry, len(members))
	indent := p.memberIndentAt(lit, base, from)
	for i, t := range members {
		entries[i] = p.entryFor(t, indent)
	}
	if rootInit(p.File, root) {
		return codemod.NewObject(p.Style, entries, base)
	}
	edits := codemod.InsertMembers(f, p.Style, lit, entries, base, from, base)
	edits = append(edits, innerIPCEdits(p.Facts, p.File, root.value.Start, root.value.End, from, base)...)
	// The value may be wrapped (({ … }) as Api): keep the wrapping.
	return codemod.MoveText(f, root.value.Start, root.value.End, edits, from, base)
}

// memberIndentAt is the indentation members added to lit get when lit's text moves from indentation from to
// base.
func (p *PreloadPlan) memberIndentAt(lit *syntax.Node, base, from string) string {
	f := p.File.File
	ms := codemod.ObjectMembers(lit)
	closing := lit.Children[len(lit.Children)-1]
	switch {
	case len(ms) == 0:
		return base + p.Style.Indent
	case f.Pos(ms[len(ms)-1].End).Line == f.Pos(closing.Start).Line:
		return base
	}
	return base + strings.TrimPrefix(f.IndentAt(ms[len(ms)-1].Start), from)
}

// fixTopLevel rewrites a key set while the preload loads.
func (p *PreloadPlan) fixTopLevel(kp *keyPlan) {
	f := p.File.File
	root, members := split(kp)
	first := kp.Targets[0]
	last := kp.Targets[len(kp.Targets)-1]
	var edits []codemod.Edit
	block := func(n *syntax.Node, msg string) {
		kp.Blockers = append(kp.Blockers, finding{rule: "window-assign", node: n, Key: kp.Key, msg: msg})
	}

	// Where the one call goes: at the first statement when the other values may be evaluated that early (or
	// nothing runs between the statements), else at the last when the earlier values may be evaluated that late.
	// window.X = api with members added: they join api's literal, so they must be movable to its declaration.
	at := first
	lit, decl := (*syntax.Node)(nil), (*syntax.Node)(nil)
	if root != nil {
		lit, decl = rootLiteral(p.File, root)
	}
	switch {
	case decl != nil && len(members) > 0:
		for _, t := range members {
			if why := movable(p.File, t.value, decl.Start, nil); why != "" {
				block(t.value, fmt.Sprintf("the members of %s would join the object literal of %s at line %d, which would evaluate %s earlier (%s); add them to that literal by hand, then run isolate again", kp.Key, f.Text(syntax.Unwrap(root.value)), f.Pos(decl.Start).Line, codemod.Clip(f.Text(t.value), 30), why))
				return
			}
		}
	case len(kp.Targets) > 1 && !contiguous(kp.Targets):
		early := true
		for _, t := range kp.Targets[1:] {
			if why := movable(p.File, t.value, first.Stmt.Start, nil); why != "" {
				early = false
				break
			}
		}
		late := true
		var lateWhy string
		var lateNode *syntax.Node
		for _, t := range kp.Targets[:len(kp.Targets)-1] {
			if why := movable(p.File, t.value, -1, nil); why != "" {
				late, lateWhy, lateNode = false, why, t.value
				break
			}
		}
		switch {
		case early:
		case late && (root == nil || f.IndentAt(root.Stmt.Start) == f.IndentAt(last.Stmt.Start)):
			at = last
		default:
			if lateNode == nil {
				lateNode = first.Asg
				lateWhy = "the statements between them may change what the values are"
			}
			block(lateNode, fmt.Sprintf("the members of %s are set at lines %s with other code between them, and gathering them into one object would change when %s is evaluated (%s); gather them into one object literal by hand, then run isolate again", kp.Key, lines(f, kp.Targets), codemod.Clip(f.Text(lateNode), 30), lateWhy))
			return
		}
	}
	if p.Bridge.usableFrom > at.Stmt.Start {
		block(at.Asg, fmt.Sprintf("contextBridge would be used at line %d before electron is required at line %d; move the require to the top of the file, then run isolate again", f.Pos(at.Stmt.Start).Line, f.Pos(p.Bridge.usableFrom).Line))
		return
	}
	edits = append(edits, p.Bridge.Edits...)
	callPrefix := p.Bridge.Expr + ".exposeInMainWorld(" + p.Style.Quote(kp.Key) + ", "
	switch {
	case root != nil && at == root && (len(members) == 0 || !rootInit(p.File, root)):
		// Rewrite in place: window.api = { … } → contextBridge.exposeInMainWorld('api', { … }), members added
		// inside the literal.
		edits = append(edits, codemod.Edit{Path: f.Path, Start: root.Asg.Start, End: root.value.Start, New: callPrefix})
		if rootInit(p.File, root) {
			edits = append(edits, codemod.Edit{Path: f.Path, Start: root.value.Start, End: root.value.End, New: "{}"})
		}
		if len(members) > 0 {
			holder := root.Stmt
			if decl != nil {
				holder = decl
			}
			base := f.IndentAt(holder.Start)
			indent := p.memberIndentAt(lit, base, base)
			entries := make([]codemod.Entry, len(members))
			for i, t := range members {
				entries[i] = p.entryFor(t, indent)
			}
			edits = append(edits, codemod.InsertMembers(f, p.Style, lit, entries, base, base, base)...)
		}
		edits = append(edits, codemod.Edit{Path: f.Path, Start: root.value.End, End: root.value.End, New: ")"})
	default:
		base := f.IndentAt(at.Stmt.Start)
		edits = append(edits, codemod.Edit{Path: f.Path, Start: at.Asg.Start, End: at.Asg.End, New: p.call(kp.Key, p.apiText(kp, base))})
	}
	var rs []codemod.Removal
	for _, t := range kp.Targets {
		if t != at {
			rs = append(rs, codemod.Removal{A: codemod.Attach(f, t.Stmt), WithComments: len(t.path) > 0})
		}
	}
	edits = append(edits, codemod.Removals(f, rs)...)
	kp.gathered = len(members)
	kp.Fix = &codemod.Fix{Message: fmt.Sprintf("expose %s with contextBridge.exposeInMainWorld", kp.Key), Edits: edits}
}

func lines(f *syntax.File, ts []*target) string {
	var out []string
	for _, t := range ts {
		l := fmt.Sprint(f.Pos(t.Asg.Start).Line)
		if len(out) == 0 || out[len(out)-1] != l {
			out = append(out, l)
		}
	}
	return strings.Join(out, ", ")
}

// contiguous reports whether a key's statements follow one another with nothing else between them (comments
// aside), so gathering them keeps every evaluation in its order.
func contiguous(ts []*target) bool {
	for i := 1; i < len(ts); i++ {
		prev := ts[i-1].Stmt
		for n := prev.NextSibling(); n != ts[i].Stmt; n = n.NextSibling() {
			if n == nil {
				return false
			}
			if n.Named && n.Kind != "comment" && n.Kind != "empty_statement" {
				return false
			}
		}
	}
	return true
}

// movable reports why evaluating v somewhere else could give another value, or "" when it cannot: functions,
// literals, names that are never reassigned (declared before offset before, when before >= 0), modules, and
// object or array literals of those. Names declared inside scope (the loaded callback) are not movable out of
// it.
func movable(pf *project.File, v *syntax.Node, before int, scope *syntax.Node) string {
	v = syntax.Unwrap(v)
	f := pf.File
	sc := pf.Scopes()
	if scope != nil {
		var why string
		v.Walk(func(n *syntax.Node) bool {
			if why != "" {
				return false
			}
			if n.Is("identifier", "shorthand_property_identifier") {
				if b := sc.Of(n); b != nil && b.Scope != nil && scope.Contains(b.Scope) && !v.Contains(b.Ident) {
					why = fmt.Sprintf("it uses %s, declared inside the 'loaded' callback", b.Name)
				}
			}
			return true
		})
		if why != "" {
			return why
		}
	}
	switch v.Kind {
	case "string", "number", "true", "false", "null", "undefined", "regex", "arrow_function",
		"function_expression", "function":
		return ""
	case "template_string":
		for _, c := range v.Children {
			if c.Kind == "template_substitution" {
				return "a template with substitutions"
			}
		}
		return ""
	case "identifier", "shorthand_property_identifier":
		b := sc.Of(v)
		if b == nil {
			name := f.Text(v)
			if knowledge.WebGlobals[name] || knowledge.NodeGlobals[name] {
				return ""
			}
			return name + " is not declared in this file"
		}
		switch b.Kind {
		case syntax.FunctionDecl, syntax.Import, syntax.ClassDecl:
			return ""
		}
		if !b.Stable() {
			return b.Name + " is reassigned"
		}
		if before >= 0 && b.Ident.Start > before {
			return b.Name + " is declared after"
		}
		return ""
	case "member_expression":
		obj := syntax.Unwrap(v.Child("object"))
		if why := movable(pf, obj, before, scope); why != "" {
			return why
		}
		if obj.Is("identifier") {
			if b := sc.Of(obj); b != nil && (b.Kind == syntax.Import || isRequireBinding(pf, b)) {
				return "" // a property of a module
			}
		}
		return "it reads " + f.Text(v) + ", which may change"
	case "call_expression":
		fn := syntax.Unwrap(v.Child("function"))
		if fn.Is("member_expression") && f.Text(fn.Child("property")) == "bind" {
			if why := movable(pf, fn.Child("object"), before, scope); why != "" {
				return why
			}
			for _, a := range v.Child("arguments").NamedChildren() {
				if why := movable(pf, a, before, scope); why != "" {
					return why
				}
			}
			return ""
		}
		return "it calls " + codemod.Clip(f.Text(fn), 30)
	case "object", "array":
		for _, m := range v.NamedChildren() {
			switch m.Kind {
			case "pair":
				if k := m.Child("key"); k.Is("computed_property_name") {
					return "a computed key"
				}
				if why := movable(pf, m.Child("value"), before, scope); why != "" {
					return why
				}
			case "method_definition":
			case "spread_element":
				return "a spread"
			default:
				if why := movable(pf, m, before, scope); why != "" {
					return why
				}
			}
		}
		return ""
	}
	return "it is computed (" + codemod.Clip(f.Text(v), 30) + ")"
}

// isRequireBinding reports whether a binding holds a module or a part of one (const x = require('m'), const
// { a } = require('m'), const a = require('m').a).
func isRequireBinding(pf *project.File, b *syntax.Binding) bool {
	d := b.Decl
	if !d.Is("variable_declarator") || !b.Stable() {
		return false
	}
	v := syntax.Unwrap(d.Child("value"))
	for v.Is("member_expression") {
		v = syntax.Unwrap(v.Child("object"))
	}
	if !v.Is("call_expression") {
		return false
	}
	fn := v.Child("function")
	return fn.Is("identifier") && pf.Text(fn) == "require" && pf.Scopes().IsFree(fn)
}

// fixLoaded moves the keys set in one process.once('loaded') callback out of it, and removes the callback when
// nothing else is left in it.
func (p *PreloadPlan) fixLoaded(w *syntax.Node, kps []*keyPlan) {
	f := p.File.File
	call := w.NamedChildren()[0]
	cb := call.Child("arguments").NamedChildren()[1]
	body := cb.Child("body")
	moved := map[*syntax.Node]bool{}
	for _, kp := range kps {
		for _, t := range kp.Targets {
			moved[t.Stmt] = true
		}
	}
	lastAtTop := true
	for n := w.NextSibling(); n != nil; n = n.NextSibling() {
		if n.Named && !n.Is("comment", "empty_statement", "function_declaration", "class_declaration") {
			lastAtTop = false
		}
	}
	var ok []*keyPlan
	for _, kp := range kps {
		var why string
		var at *syntax.Node
		if root, members := split(kp); root != nil && len(members) > 0 {
			if _, decl := rootLiteral(p.File, root); decl != nil {
				why, at = "its members would have to join the literal of "+f.Text(syntax.Unwrap(root.value))+" declared outside the callback", root.value
			}
		}
		for _, t := range kp.Targets {
			if why != "" {
				break
			}
			v := t.value
			if rootInit(p.File, t) {
				continue
			}
			if why = movable(p.File, v, w.Start, cb); why != "" && !strings.Contains(why, "'loaded' callback") && lastAtTop && onlyMovedBefore(body, t.Stmt, moved) {
				why = "" // nothing runs after the callback, nor before this in it: the value is the same
			}
			if why != "" {
				at = v
				break
			}
		}
		if why != "" {
			kp.Blockers = append(kp.Blockers, finding{rule: "window-assign", node: at, Key: kp.Key,
				msg: fmt.Sprintf("%s is set in the 'loaded' callback, and moving it out to contextBridge.exposeInMainWorld at line %d would change its value: %s; move the assignment out of the callback by hand, then run isolate again", kp.Key, f.Pos(w.Start).Line, why)})
			for _, t := range kp.Targets {
				delete(moved, t.Stmt)
			}
			continue
		}
		ok = append(ok, kp)
	}
	if len(ok) == 0 {
		return
	}
	if p.Bridge.usableFrom > w.Start {
		for _, kp := range ok {
			kp.Blockers = append(kp.Blockers, finding{rule: "window-assign", node: kp.Targets[0].Asg, Key: kp.Key,
				msg: fmt.Sprintf("contextBridge would be used at line %d before electron is required at line %d; move the require to the top of the file, then run isolate again", f.Pos(w.Start).Line, f.Pos(p.Bridge.usableFrom).Line)})
		}
		return
	}
	base := f.IndentAt(w.Start)
	var calls []string
	for _, kp := range ok {
		root, _ := split(kp)
		var b strings.Builder
		if root != nil {
			for _, c := range codemod.Attach(f, root.Stmt).Leading {
				b.WriteString(f.Text(c) + p.Style.EOL + base)
			}
		}
		b.WriteString(p.call(kp.Key, p.apiText(kp, base)) + p.Style.End())
		if root != nil {
			if tr := codemod.Attach(f, root.Stmt).Trailing; tr != nil {
				b.WriteString(" " + f.Text(tr))
			}
		}
		calls = append(calls, b.String())
	}
	text := strings.Join(calls, p.Style.EOL+base)
	edits := append([]codemod.Edit(nil), p.Bridge.Edits...)
	if emptied(f, body, moved) {
		edits = append(edits, codemod.Edit{Path: f.Path, Start: w.Start, End: w.End, New: text})
	} else {
		var rs []codemod.Removal
		for _, kp := range ok {
			for _, t := range kp.Targets {
				rs = append(rs, codemod.Removal{A: codemod.Attach(f, t.Stmt), WithComments: true})
			}
		}
		edits = append(edits, codemod.Removals(f, rs)...)
		edits = append(edits, codemod.Edit{Path: f.Path, Start: w.End, End: w.End, New: p.Style.EOL + base + text})
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	for _, kp := range ok {
		_, members := split(kp)
		kp.gathered = len(members)
		kp.Fix = &codemod.Fix{Message: "move the exposures out of process.once('loaded') into contextBridge.exposeInMainWorld", Edits: append([]codemod.Edit(nil), edits...)}
	}
}

// onlyMovedBefore reports whether every statement before stmt in body is one that moves out too.
func onlyMovedBefore(body, stmt *syntax.Node, moved map[*syntax.Node]bool) bool {
	for _, c := range body.NamedChildren() {
		if c == stmt {
			return true
		}
		if !moved[c] {
			return false
		}
	}
	return true
}

// emptied reports whether nothing but moved statements and their comments is left in a callback body.
func emptied(f *syntax.File, body *syntax.Node, moved map[*syntax.Node]bool) bool {
	attachedComments := map[*syntax.Node]bool{}
	for stmt := range moved {
		a := codemod.Attach(f, stmt)
		for _, c := range a.Leading {
			attachedComments[c] = true
		}
		if a.Trailing != nil {
			attachedComments[a.Trailing] = true
		}
	}
	for _, c := range body.Children {
		if !c.Named || c.Is("empty_statement") {
			continue
		}
		if c.Is("comment") {
			if !attachedComments[c] {
				return false
			}
			continue
		}
		if !moved[c] {
			return false
		}
	}
	return true
}
