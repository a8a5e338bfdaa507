package project

import (
	"github.com/isolate-dev/isolate/syntax"
)

// This file reads channel names that are not written as literals at the call: constants, objects of constants
// (EVENTS.SAVE, Object.freeze({…}), `as const`), TypeScript enums, and all of those imported from another module
// of the app with import or require.

const maxFollow = 8

// channelValues returns the strings a channel expression can be: one for a literal or a constant, a few for
// cond ? 'a' : 'b'. ok is false when it cannot tell.
func (a *analysis) channelValues(file *File, n *syntax.Node, depth int) ([]string, bool) {
	n = syntax.Unwrap(n)
	if n == nil || depth > maxFollow {
		return nil, false
	}
	switch n.Kind {
	case "string", "template_string":
		if s, ok := file.StringValue(n); ok {
			return []string{s}, true
		}
	case "ternary_expression":
		l, ok1 := a.channelValues(file, n.Child("consequence"), depth+1)
		r, ok2 := a.channelValues(file, n.Child("alternative"), depth+1)
		if ok1 && ok2 {
			set := map[string]bool{}
			for _, s := range append(l, r...) {
				set[s] = true
			}
			return sortedSet(set), true
		}
	case "shorthand_property_identifier":
		// { quit } in an object of constants
		if b := file.Scopes().Lookup(n, file.Text(n)); b != nil && b.Stable() && b.Init() != nil {
			return a.channelValues(file, b.Init(), depth+1)
		}
	case "identifier", "member_expression", "subscript_expression":
		if def, f2 := a.definition(file, n, depth+1); def != nil {
			return a.channelValues(f2, def, depth+1)
		}
	}
	return nil, false
}

// definition returns the expression a name or a member of a constant object stands for, and the file it is in.
func (a *analysis) definition(file *File, n *syntax.Node, depth int) (*syntax.Node, *File) {
	n = syntax.Unwrap(n)
	if n == nil || depth > maxFollow {
		return nil, nil
	}
	switch n.Kind {
	case "identifier":
		b := file.Scopes().Of(n)
		if b == nil || !b.Stable() {
			return nil, nil
		}
		switch b.Kind {
		case syntax.Import:
			spec, _ := file.StringValue(b.Decl.Child("source"))
			if p := b.Ident.Parent; p.Is("import_specifier") {
				return a.exportOf(file, spec, file.Text(p.Child("name")), depth+1)
			}
			if p := b.Ident.Parent; p.Is("import_clause") {
				return a.exportOf(file, spec, "default", depth+1)
			}
		case syntax.Const, syntax.Let, syntax.Var:
			d := b.Decl
			if !d.Is("variable_declarator") {
				return nil, nil
			}
			if name := d.Child("name"); name.Is("object_pattern") {
				// const { SAVE } = require('./channels') or = CHANNELS
				key := patternKey(file, name, b.Ident)
				if key == "" {
					return nil, nil
				}
				if spec := requireSpec(file, d.Child("value")); spec != "" {
					return a.exportOf(file, spec, key, depth+1)
				}
				if obj := a.objectOf(file, d.Child("value"), depth+1); obj != nil {
					return obj.property(key)
				}
				return nil, nil
			}
			if init := b.Init(); init != nil {
				return init, file
			}
		case syntax.EnumDecl:
			return nil, nil
		}
	case "member_expression", "subscript_expression":
		var key string
		if n.Is("member_expression") {
			key = file.Text(n.Child("property"))
		} else if s, ok := file.StringValue(n.Child("index")); ok {
			key = s
		} else {
			return nil, nil
		}
		obj := syntax.Unwrap(n.Child("object"))
		if spec := a.moduleRef(file, obj); spec != "" {
			return a.exportOf(file, spec, key, depth+1)
		}
		if e := a.enumOf(file, obj); e != nil {
			return enumMember(e.file, e.node, key)
		}
		if o := a.objectOf(file, obj, depth+1); o != nil {
			return o.property(key)
		}
	}
	return nil, nil
}

// objRef is an object literal in a file.
type objRef struct {
	file *File
	node *syntax.Node
}

func (o *objRef) property(key string) (*syntax.Node, *File) {
	for _, m := range o.node.NamedChildren() {
		switch m.Kind {
		case "pair":
			if KeyName(o.file.File, m) == key {
				return m.Child("value"), o.file
			}
		case "shorthand_property_identifier":
			if o.file.Text(m) == key {
				return m, o.file
			}
		}
	}
	return nil, nil
}

// objectOf returns the object literal n stands for: a literal, Object.freeze of one, or a constant holding one.
func (a *analysis) objectOf(file *File, n *syntax.Node, depth int) *objRef {
	n = syntax.Unwrap(n)
	if n == nil || depth > maxFollow {
		return nil
	}
	switch n.Kind {
	case "object":
		return &objRef{file, n}
	case "call_expression":
		if file.Text(n.Child("function")) == "Object.freeze" {
			if args := callArgs(n); len(args) == 1 {
				return a.objectOf(file, args[0], depth+1)
			}
		}
	case "identifier", "member_expression", "subscript_expression", "shorthand_property_identifier":
		if n.Is("shorthand_property_identifier") {
			b := file.Scopes().Lookup(n, file.Text(n))
			if b == nil || b.Init() == nil || !b.Stable() {
				return nil
			}
			return a.objectOf(file, b.Init(), depth+1)
		}
		if def, f2 := a.definition(file, n, depth+1); def != nil {
			return a.objectOf(f2, def, depth+1)
		}
	}
	return nil
}

// enumOf returns the TypeScript enum a name refers to, in its file.
func (a *analysis) enumOf(file *File, n *syntax.Node) *objRef {
	if !n.Is("identifier") {
		return nil
	}
	name := file.Text(n)
	b := file.Scopes().Of(n)
	if b != nil && b.Kind == syntax.Import {
		spec, _ := file.StringValue(b.Decl.Child("source"))
		if p := b.Ident.Parent; p.Is("import_specifier") {
			mod := a.module(file, spec)
			if mod == nil {
				return nil
			}
			return findEnum(mod, file.Text(p.Child("name")))
		}
		return nil
	}
	return findEnum(file, name)
}

func findEnum(file *File, name string) *objRef {
	for _, e := range file.Root.Find("enum_declaration") {
		if file.Text(e.Child("name")) == name {
			return &objRef{file, e.Child("body")}
		}
	}
	return nil
}

func enumMember(file *File, body *syntax.Node, key string) (*syntax.Node, *File) {
	for _, m := range body.NamedChildren() {
		if m.Is("enum_assignment") && file.Text(m.Child("name")) == key {
			return m.Child("value"), file
		}
	}
	return nil, nil
}

// requireSpec returns the relative module n requires (require('./x')), or "".
func requireSpec(file *File, n *syntax.Node) string {
	n = syntax.Unwrap(n)
	if !n.Is("call_expression") {
		return ""
	}
	fn := syntax.Unwrap(n.Child("function"))
	if !fn.Is("identifier") || file.Text(fn) != "require" || !file.Scopes().IsFree(fn) {
		return ""
	}
	if args := callArgs(n); len(args) == 1 {
		if s, ok := file.StringValue(args[0]); ok && IsRelative(s) {
			return s
		}
	}
	return ""
}

// moduleRef returns the module specifier a name holds as a whole (import * as ch, const ch = require('./ch')),
// or "".
func (a *analysis) moduleRef(file *File, n *syntax.Node) string {
	if spec := requireSpec(file, n); spec != "" {
		return spec
	}
	if !n.Is("identifier") {
		return ""
	}
	b := file.Scopes().Of(n)
	if b == nil || !b.Stable() {
		return ""
	}
	if b.Kind == syntax.Import && b.Ident.Parent.Is("namespace_import") {
		spec, _ := file.StringValue(b.Decl.Child("source"))
		return spec
	}
	if init := b.Init(); init != nil {
		return requireSpec(file, init)
	}
	return ""
}

// module returns the parsed file a relative specifier loads, asking for it when it is not parsed yet.
func (a *analysis) module(file *File, spec string) *File {
	if !IsRelative(spec) {
		return nil
	}
	cands := moduleCandidates(file.Path, spec)
	if len(cands) == 0 {
		return nil
	}
	p, _ := a.pick(cands)
	if p == "" {
		return nil
	}
	return a.f.Files[p]
}

// exportOf returns the value module spec exports under name ("default" for the default export).
func (a *analysis) exportOf(file *File, spec, name string, depth int) (*syntax.Node, *File) {
	if depth > maxFollow {
		return nil, nil
	}
	mod := a.module(file, spec)
	if mod == nil {
		return nil, nil
	}
	local := func(id string) (*syntax.Node, *File) {
		for _, b := range mod.Scopes().Bindings {
			if b.Name == id && b.Scope.Is("program") {
				if init := b.Init(); init != nil && b.Stable() {
					return init, mod
				}
				if b.Kind == syntax.Import {
					return a.definition(mod, b.Ident, depth+1)
				}
			}
		}
		return nil, nil
	}
	for _, st := range mod.Root.NamedChildren() {
		switch st.Kind {
		case "export_statement":
			if d := st.Child("declaration"); d != nil && name != "default" {
				for _, vd := range d.NamedChildren() {
					if vd.Is("variable_declarator") && mod.Text(vd.Child("name")) == name {
						return vd.Child("value"), mod
					}
				}
				if d.Is("enum_declaration") && mod.Text(d.Child("name")) == name {
					return nil, nil
				}
			}
			if v := st.Child("value"); v != nil && name == "default" {
				return v, mod
			}
			if clause := st.FirstOfKind("export_clause"); clause != nil && st.Child("source") == nil {
				for _, s := range clause.NamedChildren() {
					exported := s.Child("alias")
					if exported == nil {
						exported = s.Child("name")
					}
					if mod.Text(exported) == name {
						return local(mod.Text(s.Child("name")))
					}
				}
			}
		case "expression_statement":
			asg := syntax.Unwrap(st.NamedChildren()[0])
			if !asg.Is("assignment_expression") {
				continue
			}
			left := mod.Text(asg.Child("left"))
			switch {
			case left == "module.exports" && name == "default":
				return asg.Child("right"), mod
			case left == "module.exports":
				o := a.objectOf(mod, asg.Child("right"), depth+1)
				if o != nil {
					if v, f := o.property(name); v != nil {
						if v.Is("shorthand_property_identifier") {
							return local(name)
						}
						return v, f
					}
				}
			case left == "exports."+name || left == "module.exports."+name:
				return asg.Child("right"), mod
			}
		}
	}
	return nil, nil
}
