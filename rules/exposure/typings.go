package exposure

import (
	"path"
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

// A TypeScript app that sets window.api from a preload usually declares it in a
// `declare global { interface Window { api: … } }` somewhere. After the rewrite the page receives exactly the keys
// and members the exposeInMainWorld calls pass; this file adds to that declaration what it lacks (keys set through
// (window as any).x, members added one by one), so the page's types match what is exposed.

// apiShape is what the page receives for a key, as far as the preload's literals tell: the member names and the
// values behind them, in order. known is false when the value is not a literal (window.api = makeApi()).
type apiShape struct {
	known   bool
	members []shapeMember
}

type shapeMember struct {
	name  string
	value *syntax.Node // an expression, or a method_definition
}

// shapeOf computes the shape of a rewritten key.
func (p *PreloadPlan) shapeOf(kp *keyPlan) apiShape {
	f := p.File.File
	root, members := split(kp)
	var s apiShape
	if root != nil {
		lit, _ := rootLiteral(p.File, root)
		if lit == nil {
			return apiShape{}
		}
		for _, m := range codemod.ObjectMembers(lit) {
			name := project.KeyName(f, m)
			if name == "" {
				return apiShape{} // a spread or a computed key: the members are not all known
			}
			v := m
			if m.Is("pair") {
				v = m.Child("value")
			}
			s.members = append(s.members, shapeMember{name, v})
		}
	}
	for _, t := range members {
		s.members = append(s.members, shapeMember{t.path[0], t.value})
	}
	s.known = true
	return s
}

// windowMember is a key declared on a Window interface.
type windowMember struct {
	File *project.File
	sig  *syntax.Node // property_signature or method_signature
}

// WindowInterfaces returns the global Window interfaces declared in the app's TypeScript, by file path.
func WindowInterfaces(facts *project.Facts) []struct {
	File *project.File
	Body *syntax.Node
} {
	var out []struct {
		File *project.File
		Body *syntax.Node
	}
	for _, p := range facts.Paths() {
		pf := facts.Files[p]
		if !pf.Lang.IsTypeScript() || pf.Role.Has(project.Test) || pf.Root.HasError() {
			continue
		}
		isModule := false
		for _, c := range pf.Root.NamedChildren() {
			if c.Is("import_statement", "export_statement") {
				isModule = true
			}
		}
		for _, it := range pf.Root.Find("interface_declaration") {
			if pf.Text(it.Child("name")) != "Window" {
				continue
			}
			inGlobal := false
			for a := it.Parent; a != nil; a = a.Parent {
				if a.Is("ambient_declaration") && strings.Contains(pf.Text(a)[:min(len(pf.Text(a)), 20)], "global") {
					inGlobal = true
				}
			}
			// In a script (no import or export), a top-level interface Window merges into the global one.
			if inGlobal || (!isModule && it.Parent.Is("program")) {
				out = append(out, struct {
					File *project.File
					Body *syntax.Node
				}{pf, it.Child("body")})
			}
		}
	}
	return out
}

// typings adds the Window typing edits of a rewritten key to its fix.
func (p *PreloadPlan) typings(facts *project.Facts, kp *keyPlan) {
	if !p.File.Lang.IsTypeScript() || ipcTypedKey(facts, p.File, kp.Key) {
		// A key whose generic IPC members become per-channel methods is typed by ipc-passthrough.
		return
	}
	kp.api = p.shapeOf(kp)
	ifaces := WindowInterfaces(facts)
	if len(ifaces) == 0 {
		return
	}
	// The interface that declares the key, else the one declaring another key of this preload, else the one
	// nearest to the preload.
	var target *project.File
	var body *syntax.Node
	var sig *syntax.Node
	for _, it := range ifaces {
		for _, m := range it.Body.NamedChildren() {
			if n := m.Child("name"); n != nil && it.File.Text(n) == kp.Key {
				target, body, sig = it.File, it.Body, m
			}
		}
	}
	if sig == nil {
		best := -1
		for _, it := range ifaces {
			score := 0
			for _, m := range it.Body.NamedChildren() {
				if n := m.Child("name"); n != nil && p.declaresKey(it.File.Text(n)) {
					score += 10
				}
			}
			if path.Dir(it.File.Path) == path.Dir(p.File.Path) {
				score += 5
			}
			if score > best {
				best, target, body = score, it.File, it.Body
			}
		}
		text := p.Style.PropKey(kp.Key) + ": " + p.typeOfShape(kp, target)
		kp.Fix.Edits = append(kp.Fix.Edits, InsertTypeMembers(target.File, codemod.StyleOf(target.File), body, []string{text})...)
		return
	}
	if !kp.api.known {
		return
	}
	// The key is declared: add the members its type lacks.
	members := p.DeclaredMembers(target, sig)
	if members == nil {
		return
	}
	have := map[string]bool{}
	for _, m := range members.NamedChildren() {
		if n := m.Child("name"); n != nil {
			have[target.Text(n)] = true
		}
	}
	var add []string
	for _, m := range kp.api.members {
		if !have[m.name] {
			add = append(add, p.Style.PropKey(m.name)+": "+p.TypeOf(m.value, target, 1))
		}
	}
	if len(add) > 0 {
		kp.Fix.Edits = append(kp.Fix.Edits, InsertTypeMembers(target.File, codemod.StyleOf(target.File), members, add)...)
	}
}

// declaresKey reports whether the preload exposes key (so its Window interface is the one to extend).
func (p *PreloadPlan) declaresKey(key string) bool {
	for _, kp := range p.Keys {
		if kp.Key == key {
			return true
		}
	}
	return false
}

// declaredMembers returns the object type or interface body that lists a declared key's members: an inline
// object type, or an interface or type alias of the same file it names. It returns nil for anything else
// (typeof api follows the value by itself).
func (p *PreloadPlan) DeclaredMembers(pf *project.File, sig *syntax.Node) *syntax.Node {
	if !sig.Is("property_signature") {
		return nil
	}
	ann := sig.Child("type")
	if ann == nil {
		return nil
	}
	var t *syntax.Node
	for _, c := range ann.NamedChildren() {
		t = c
	}
	switch {
	case t.Is("object_type"):
		return t
	case t.Is("type_identifier"):
		name := pf.Text(t)
		for _, it := range pf.Root.Find("interface_declaration", "type_alias_declaration") {
			if pf.Text(it.Child("name")) != name {
				continue
			}
			if it.Is("interface_declaration") {
				return it.Child("body")
			}
			if v := it.Child("value"); v.Is("object_type") {
				return v
			}
		}
	}
	return nil
}

// typeOfShape writes the type of a whole key.
func (p *PreloadPlan) typeOfShape(kp *keyPlan, target *project.File) string {
	if kp.api.known {
		return p.objectType(kp.api.members, target, 1)
	}
	root, _ := split(kp)
	if root == nil {
		return "unknown"
	}
	return p.TypeOf(root.value, target, 0)
}

func (p *PreloadPlan) objectType(ms []shapeMember, target *project.File, depth int) string {
	if len(ms) == 0 {
		return "Record<string, never>"
	}
	var parts []string
	for _, m := range ms {
		parts = append(parts, p.Style.PropKey(m.name)+": "+p.TypeOf(m.value, target, depth+1))
	}
	return "{ " + strings.Join(parts, "; ") + " }"
}

// typeOf writes a TypeScript type for a value of the preload, for a declaration in target: the value's own
// annotations where they use only built-in types, else a type read off the literal, else any.
func (p *PreloadPlan) TypeOf(v *syntax.Node, target *project.File, depth int) string {
	f := p.File.File
	v = syntax.Unwrap(v)
	if depth > 4 || v == nil {
		return "any"
	}
	switch v.Kind {
	case "string", "template_string":
		return "string"
	case "number":
		return "number"
	case "true", "false":
		return "boolean"
	case "array":
		return "any[]"
	case "object":
		var ms []shapeMember
		for _, m := range codemod.ObjectMembers(v) {
			name := project.KeyName(f, m)
			if name == "" {
				return "Record<string, any>"
			}
			val := m
			if m.Is("pair") {
				val = m.Child("value")
			}
			ms = append(ms, shapeMember{name, val})
		}
		return p.objectType(ms, target, depth)
	case "arrow_function", "function_expression", "function", "method_definition":
		return p.functionType(v)
	case "identifier":
		b := p.File.Scopes().Of(v)
		if b == nil {
			return "any"
		}
		if target == p.File && b.Scope.Is("program") {
			return "typeof " + b.Name
		}
		if b.Kind == syntax.FunctionDecl {
			return p.functionType(b.Decl)
		}
		if b.Stable() && b.Init() != nil {
			return p.TypeOf(b.Init(), target, depth+1)
		}
	}
	return "any"
}

// functionType writes (a: T, b?: U) => R from a function's parameters and annotations.
func (p *PreloadPlan) functionType(fn *syntax.Node) string {
	f := p.File.File
	var params []string
	if one := fn.Child("parameter"); one != nil {
		params = append(params, f.Text(one)+": any")
	}
	for _, prm := range fn.Child("parameters").NamedChildren() {
		name, typ, optional := "", "any", false
		switch prm.Kind {
		case "identifier":
			name = f.Text(prm)
		case "required_parameter", "optional_parameter":
			pat := prm.Child("pattern")
			name = f.Text(pat)
			if pat.Is("rest_pattern") {
				typ = "any[]"
			} else if !pat.Is("identifier") {
				name = "arg" + string(rune('0'+len(params)))
			}
			if ann := prm.Child("type"); ann != nil && BuiltinType(f, ann) {
				typ = strings.TrimSpace(strings.TrimPrefix(f.Text(ann), ":"))
			}
			optional = prm.Is("optional_parameter") || prm.Child("value") != nil
		case "assignment_pattern":
			name, optional = f.Text(prm.Child("left")), true
		case "rest_pattern":
			name, typ = f.Text(prm), "any[]"
		default:
			name = "arg" + string(rune('0'+len(params)))
		}
		if optional && !strings.HasPrefix(name, "...") {
			name += "?"
		}
		params = append(params, name+": "+typ)
	}
	ret := "any"
	if ann := fn.Child("return_type"); ann != nil && BuiltinType(f, ann) {
		ret = strings.TrimSpace(strings.TrimPrefix(f.Text(ann), ":"))
	} else if strings.HasPrefix(strings.TrimSpace(f.Text(fn)), "async") {
		ret = "Promise<any>"
	}
	return "(" + strings.Join(params, ", ") + ") => " + ret
}

// BuiltinType reports whether a type annotation names only built-in types, so it means the same in any file.
func BuiltinType(f *syntax.File, ann *syntax.Node) bool {
	ok := true
	ann.Walk(func(n *syntax.Node) bool {
		if n.Is("type_identifier") {
			switch f.Text(n) {
			case "Promise", "Array", "Record", "Partial", "Readonly":
			default:
				ok = false
			}
		}
		if n.Is("nested_type_identifier", "type_query") {
			ok = false
		}
		return ok
	})
	return ok
}

// InsertTypeMembers adds members to an interface body or object type, with its separators and layout.
func InsertTypeMembers(f *syntax.File, st codemod.Style, body *syntax.Node, members []string) []codemod.Edit {
	existing := body.NamedChildren()
	closing := body.Children[len(body.Children)-1]
	sep := ""
	lastSep := ""
	for i, c := range body.Children {
		if c.Kind == ";" || c.Kind == "," {
			if c.End > c.Start {
				sep = c.Kind
			}
		}
		_ = i
	}
	if len(existing) > 0 {
		if next := existing[len(existing)-1].NextSibling(); next != nil && (next.Kind == ";" || next.Kind == ",") && next.End > next.Start {
			lastSep = next.Kind
		}
	}
	if len(existing) == 0 || f.Pos(existing[len(existing)-1].End).Line == f.Pos(closing.Start).Line {
		// One line: { a: string } → { a: string; b: number }
		s := sep
		if s == "" {
			s = ";"
		}
		at := body.Start + 1
		prefix := " "
		if len(existing) > 0 {
			last := existing[len(existing)-1]
			at = last.End
			prefix = s + " "
			if lastSep != "" {
				at = last.NextSibling().End
				prefix = " "
			}
		}
		text := prefix + strings.Join(members, s+" ")
		if lastSep != "" {
			text += lastSep
		}
		if len(existing) == 0 {
			text += " "
		}
		return []codemod.Edit{{Path: f.Path, Start: at, End: at, New: text}}
	}
	last := existing[len(existing)-1]
	indent := f.IndentAt(last.Start)
	var edits []codemod.Edit
	at := last.End
	if lastSep != "" {
		at = last.NextSibling().End
	} else if sep == "," {
		edits = append(edits, codemod.Edit{Path: f.Path, Start: last.End, End: last.End, New: ","})
	}
	var b strings.Builder
	for i, m := range members {
		b.WriteString(st.EOL + indent + m)
		if lastSep != "" || (sep == "," && i < len(members)-1) {
			b.WriteString(sep)
		}
	}
	edits = append(edits, codemod.Edit{Path: f.Path, Start: at, End: at, New: b.String()})
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	return edits
}

// UntypedKeys lists the keys the migration exposes with contextBridge from the app's preloads when the app has no
// Window interface to type them in (and is TypeScript, or has a tsconfig or jsconfig). The migration does not create
// declaration files, since the shape of the typings is read back from the rewritten preload: isolate types does that
// once the rewrite is applied.
func UntypedKeys(facts *project.Facts) []string {
	if len(WindowInterfaces(facts)) > 0 {
		return nil
	}
	tsconfig := HasTSConfig(facts)
	seen := map[string]bool{}
	var keys []string
	for _, pf := range facts.WithRole(project.Preload) {
		if !pf.Lang.IsTypeScript() && !tsconfig {
			continue
		}
		for _, kp := range PlanFor(facts, pf).Keys {
			if kp.Fix != nil && !seen[kp.Key] {
				seen[kp.Key] = true
				keys = append(keys, kp.Key)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// HasTSConfig reports whether the app has a tsconfig.json or jsconfig.json at its root, so that a JavaScript
// app's typings are read by an editor or tsc.
func HasTSConfig(facts *project.Facts) bool {
	for _, name := range []string{"tsconfig.json", "jsconfig.json"} {
		if codemod.FileExists(facts, name) {
			return true
		}
	}
	return false
}
