package ipc

import (
	"path"
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/exposure"
	"github.com/isolate-dev/isolate/syntax"
)

// Window typings for the methods the IPC rewrites give a key, and for `isolate types`: the members of a
// `declare global { interface Window { key: … } }` are brought in line with what the preload exposes, message
// by message (bridge.WindowMember), and members the preload no longer exposes go.

// typeMember is one member a key's type should have.
type typeMember struct {
	name string
	// text is the whole property signature (saveFile: (data: unknown) => void).
	text string
	// keep leaves a declared member as the declaration writes it; text is used only to add it.
	keep bool
}

// windowDecl is where a key is declared on Window.
type windowDecl struct {
	File *project.File
	// iface is the interface body holding the key; sig the key's property signature (nil when the key is not
	// declared yet); members the object type or interface listing the key's members (nil when the key's type is
	// not written out member by member, typeof api say).
	iface   *syntax.Node
	sig     *syntax.Node
	members *syntax.Node
}

// findWindowDecl returns the declaration of key, or the interface best placed to receive it (near the preload),
// or nil when the app declares no Window interface.
func findWindowDecl(facts *project.Facts, key string, preload string) *windowDecl {
	ifaces := exposure.WindowInterfaces(facts)
	for _, it := range ifaces {
		for _, m := range it.Body.NamedChildren() {
			if n := m.Child("name"); n != nil && it.File.Text(n) == key {
				members, mfile := declaredMembersOf(facts, it.File, m)
				if mfile == nil {
					mfile = it.File
				}
				// file is where members are (an interface imported from another module, say); iface and sig
				// stay in the declaring file, and are needed only while the key is undeclared.
				return &windowDecl{File: mfile, iface: it.Body, sig: m, members: members}
			}
		}
	}
	var best *windowDecl
	for _, it := range ifaces {
		if best == nil || path.Dir(it.File.Path) == path.Dir(preload) {
			best = &windowDecl{File: it.File, iface: it.Body}
		}
	}
	return best
}

// typeSep returns the separator a type body uses between members ("" when members are on their own lines with
// none).
func typeSep(body *syntax.Node) string {
	for _, c := range body.Children {
		if (c.Kind == ";" || c.Kind == ",") && c.End > c.Start {
			return c.Kind
		}
	}
	return ""
}

// memberName returns the name of a type member.
func memberName(f *project.File, m *syntax.Node) string {
	if n := m.Child("name"); n != nil {
		if s, ok := f.StringValue(n); ok {
			return s
		}
		return f.Text(n)
	}
	return ""
}

// typingEdits brings the members of a declared key in line with want: members named in drop go (when want does
// not list them), members with a text that differs are rewritten when rewrite is set, missing ones are added.
// An undeclared key is added whole to the interface.
func typingEdits(d *windowDecl, key string, want []typeMember, drop map[string]bool, rewrite bool) []codemod.Edit {
	f := d.File.File
	st := codemod.StyleOf(f)
	if d.sig == nil {
		var texts []string
		for _, m := range want {
			if m.text != "" {
				texts = append(texts, m.text)
			} else {
				texts = append(texts, m.name+": unknown")
			}
		}
		indent := f.IndentAt(d.iface.Start) + st.Indent + st.Indent
		if ms := d.iface.NamedChildren(); len(ms) > 0 {
			indent = f.IndentAt(ms[len(ms)-1].Start) + st.Indent
		}
		body := "{" + st.EOL + indent + strings.Join(texts, st.EOL+indent) + st.EOL + strings.TrimSuffix(indent, st.Indent) + "}"
		return exposure.InsertTypeMembers(f, st, d.iface, []string{st.PropKey(key) + ": " + body})
	}
	if d.members == nil {
		return nil
	}
	sep := typeSep(d.members)
	have := map[string]*syntax.Node{}
	var order []*syntax.Node
	for _, m := range d.members.NamedChildren() {
		if m.Is("comment") {
			continue
		}
		if n := memberName(d.File, m); n != "" {
			have[n] = m
			order = append(order, m)
		}
	}
	wanted := map[string]bool{}
	for _, m := range want {
		wanted[m.name] = true
	}
	var edits []codemod.Edit
	var add []string
	for _, m := range want {
		old := have[m.name]
		switch {
		case old == nil:
			if m.text != "" {
				add = append(add, m.text)
			}
		case rewrite && !m.keep && m.text != "" && normalizeType(d.File.Text(old)) != normalizeType(m.text):
			edits = append(edits, codemod.Edit{Path: f.Path, Start: old.Start, End: old.End, New: m.text})
		}
	}
	var dropped []*syntax.Node
	for _, m := range order {
		if name := memberName(d.File, m); drop[name] && !wanted[name] {
			dropped = append(dropped, m)
		}
	}
	switch {
	case len(dropped) > 0 && len(add) > 0:
		// The new members take the place of the first member that goes.
		indent := f.IndentAt(dropped[0].Start)
		edits = append(edits, codemod.Edit{Path: f.Path, Start: dropped[0].Start, End: dropped[0].End, New: strings.Join(add, sep+st.EOL+indent)})
		for _, m := range dropped[1:] {
			edits = append(edits, removeTypeMember(f, m))
		}
	case len(dropped) > 0:
		for _, m := range dropped {
			edits = append(edits, removeTypeMember(f, m))
		}
	case len(add) > 0:
		edits = append(edits, exposure.InsertTypeMembers(f, st, d.members, add)...)
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	return edits
}

// removeTypeMember deletes a member of a type body with its separator: its whole line when it is alone there.
func removeTypeMember(f *syntax.File, m *syntax.Node) codemod.Edit {
	end := m.End
	if next := m.NextSibling(); next != nil && (next.Kind == ";" || next.Kind == ",") {
		end = next.End
	}
	from, to, alone := codemod.LineBounds(f, m.Start, end)
	if alone {
		return codemod.Edit{Path: f.Path, Start: from, End: to}
	}
	for end < len(f.Src) && f.Src[end] == ' ' {
		end++
	}
	return codemod.Edit{Path: f.Path, Start: m.Start, End: end}
}

func normalizeType(s string) string {
	return strings.Join(strings.Fields(strings.TrimRight(s, ";,")), " ")
}

// siteMessages are the bridge messages of a site, with parameters named and typed as the preload methods are.
func (p *ipcPlan) siteMessages(s *ipcSite) []bridge.Message {
	var out []bridge.Message
	for _, m := range s.msgs {
		bm := m.Message
		if m.op == "on" || m.op == "once" {
			bm.Kind = bridge.Event
			bm.Variadic = true
		} else {
			for _, wp := range p.wrapperParams(s, m) {
				if strings.HasPrefix(wp.decl, "...") {
					bm.Variadic = true
					continue
				}
				bm.Params = append(bm.Params, bridge.Param{Name: wp.name, Type: wp.typ})
				if wp.optional {
					bm.OptionalParams++
				} else {
					bm.OptionalParams = 0
				}
			}
			if m.op == "invoke" {
				bm.Result = p.resultOf(m)
			}
		}
		out = append(out, bm)
	}
	return out
}

// resultOf reads what main answers an invoke with, when its handler's return type is written with built-in
// types only.
func (p *ipcPlan) resultOf(m ipcMessage) string {
	for _, u := range p.Facts.Channels.Uses {
		if u.Side != project.SideMain || u.Op != "handle" && u.Op != "handleOnce" || !u.Known || u.Channel != m.Channel {
			continue
		}
		f := p.Facts.Files[u.File]
		args := codemod.CallArgsOf(u.Call)
		if len(args) < 2 {
			continue
		}
		fn := syntax.Unwrap(args[1])
		if ret := fn.Child("return_type"); ret != nil && fn.Is("arrow_function", "function_expression", "function") && exposure.BuiltinType(f.File, ret) {
			t := strings.TrimSpace(strings.TrimPrefix(f.Text(ret), ":"))
			if strings.HasPrefix(t, "Promise<") && strings.HasSuffix(t, ">") {
				t = strings.TrimSuffix(strings.TrimPrefix(t, "Promise<"), ">")
			}
			return t
		}
	}
	return ""
}

// keyTypings returns the typing edits for every site of one exposed key of a preload, computed once: the
// generic members that go leave the declaration, the methods that replace them join it.
func (p *ipcPlan) keyTypings(s *ipcSite) []codemod.Edit {
	if s.File == nil || !s.File.Lang.IsTypeScript() && !exposure.HasTSConfig(p.Facts) {
		return nil
	}
	k := s.File.Path + "\x00" + s.pts[0].Key
	if e, ok := p.typings[k]; ok {
		return e
	}
	var want []typeMember
	drop := map[string]bool{}
	for _, o := range p.sites {
		if o.File != s.File || o.pts[0].Key != s.pts[0].Key || o.why != "" || len(o.pts[0].Path) != 1 && !o.whole {
			continue
		}
		for _, m := range p.siteMessages(o) {
			want = append(want, typeMember{name: m.Method, text: bridge.WindowMember(m)})
		}
		for _, pt := range o.pts {
			if !o.generic[pt] && len(pt.Path) > 0 {
				drop[pt.Path[len(pt.Path)-1]] = true
			}
		}
	}
	var edits []codemod.Edit
	if d := findWindowDecl(p.Facts, s.pts[0].Key, s.File.Path); d != nil {
		if d.sig == nil && s.object != nil {
			// The key is not declared yet: its other members join it, typed from the preload.
			pp := &exposure.PreloadPlan{Facts: p.Facts, File: s.File, Style: codemod.StyleOf(s.File.File)}
			replaced := map[*syntax.Node]bool{}
			for _, o := range p.sites {
				replaced[o.node] = true
			}
			for _, m := range codemod.ObjectMembers(s.object) {
				name := project.KeyName(s.File.File, m)
				if name == "" || replaced[m] {
					continue
				}
				want = append(want, typeMember{name: name, text: codemod.StyleOf(d.File.File).PropKey(name) + ": " + pp.TypeOf(codemod.MemberValue(m), d.File, 1)})
			}
		}
		edits = typingEdits(d, s.pts[0].Key, want, drop, true)
	}
	p.typings[k] = edits
	return edits
}

// ipcTypedKey reports whether the IPC rewrites type key of a preload themselves, so window-assign's typings
// leave it alone.
func ipcTypedKey(facts *project.Facts, pf *project.File, key string) bool {
	if facts == nil || facts.Channels == nil {
		return false
	}
	for _, s := range ipcPlanFor(facts).sites {
		if s.File == pf && s.pts[0].Key == key && s.why == "" {
			return true
		}
	}
	return false
}

// declaredMembersOf is declaredMembers, also through an import: insomnia's Window declares
// main: RendererToMainBridgeAPI, an interface of another module, and that interface is what the page's code is
// checked against.
func declaredMembersOf(facts *project.Facts, file *project.File, sig *syntax.Node) (*syntax.Node, *project.File) {
	p := &exposure.PreloadPlan{}
	if m := p.DeclaredMembers(file, sig); m != nil {
		return m, file
	}
	ann := sig.Child("type")
	if !sig.Is("property_signature") || ann == nil || len(ann.NamedChildren()) == 0 {
		return nil, nil
	}
	t := ann.NamedChildren()[len(ann.NamedChildren())-1]
	if !t.Is("type_identifier") {
		return nil, nil
	}
	name := file.Text(t)
	for _, imp := range project.Imports(file) {
		if !imp.Node.Is("import_statement") || !project.IsRelative(imp.Spec) {
			continue
		}
		named := false
		for _, sp := range imp.Node.Find("import_specifier") {
			local := sp.Child("alias")
			if local == nil {
				local = sp.Child("name")
			}
			if file.Text(local) == name && file.Text(sp.Child("name")) == name {
				named = true
			}
		}
		if !named {
			continue
		}
		target := facts.ResolveImportOf(file, imp)
		if target == nil || target.Root.HasError() {
			return nil, nil
		}
		for _, it := range target.Root.Find("interface_declaration", "type_alias_declaration") {
			if target.Text(it.Child("name")) != name {
				continue
			}
			if it.Is("interface_declaration") {
				return it.Child("body"), target
			}
			if v := it.Child("value"); v.Is("object_type") {
				return v, target
			}
		}
		return nil, nil
	}
	return nil, nil
}
