package exposure

import (
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

// bridgeRef is how a preload names contextBridge, and what must change so it can.
type bridgeRef struct {
	// expr is written before .exposeInMainWorld: contextBridge, electron.contextBridge, or an alias.
	Expr string
	// edits add contextBridge to the electron import or require, or add one; nil when it is already there.
	Edits []codemod.Edit
	// usableFrom is the offset from which expr exists (the end of a const declaration); 0 for imports, which
	// are hoisted.
	usableFrom int
	// problem is set when no safe way was found.
	Problem string
}

// findBridgeRef finds or adds the preload's contextBridge binding: it reuses one that exists, adds
// contextBridge to an existing import or destructuring of electron (never a second declaration), uses
// electron.contextBridge when the whole module is bound, and otherwise adds an import in the file's module
// style.
func findBridgeRef(pf *project.File, st codemod.Style) bridgeRef {
	f := pf.File
	sc := pf.Scopes()
	taken := func(name string) bool { return sc.Lookup(f.Root, name) != nil }

	type electronUse struct {
		Stmt *syntax.Node // the top-level statement
		imp  project.Import
	}
	var uses []electronUse
	for _, imp := range project.Imports(pf) {
		if imp.Spec != "electron" && imp.Spec != "electron/renderer" {
			continue
		}
		stmt := imp.Node
		for stmt.Parent != nil && !stmt.Parent.Is("program") {
			stmt = stmt.Parent
		}
		if stmt.Parent == nil {
			continue
		}
		uses = append(uses, electronUse{stmt, imp})
	}

	// 1. contextBridge is already bound at the top level.
	for _, u := range uses {
		if name, end := existingBridge(pf, u.Stmt, u.imp); name != "" {
			return bridgeRef{Expr: name, usableFrom: end}
		}
	}
	// 2. Add it to an import { … } from 'electron' or a const { … } = require('electron').
	for _, u := range uses {
		if taken("contextBridge") {
			break
		}
		n := u.imp.Node
		if n.Is("import_statement") {
			if named := n.FirstOfKind("import_clause").FirstOfKind("named_imports"); named != nil && !IsTypeOnly(f, n) {
				return bridgeRef{Expr: "contextBridge", Edits: AddToList(f, st, named, "contextBridge")}
			}
			continue
		}
		decl := n.Parent
		for decl.Is("parenthesized_expression") {
			decl = decl.Parent
		}
		if decl.Is("variable_declarator") && decl.Child("value") == n && decl.Child("name").Is("object_pattern") &&
			decl.Parent.Parent.Is("program") {
			return bridgeRef{Expr: "contextBridge", Edits: AddToList(f, st, decl.Child("name"), "contextBridge"),
				usableFrom: decl.Parent.End}
		}
	}
	// 3. The whole module is bound: electron.contextBridge.
	for _, u := range uses {
		n := u.imp.Node
		if n.Is("import_statement") {
			for _, id := range project.WholeModuleBindings(n) {
				if !IsTypeOnly(f, n) {
					return bridgeRef{Expr: f.Text(id) + ".contextBridge"}
				}
			}
			continue
		}
		decl := n.Parent
		if decl.Is("variable_declarator") && decl.Child("value") == n && decl.Child("name").Is("identifier") &&
			decl.Parent.Parent.Is("program") {
			return bridgeRef{Expr: f.Text(decl.Child("name")) + ".contextBridge", usableFrom: decl.Parent.End}
		}
	}
	if taken("contextBridge") {
		return bridgeRef{Problem: "the preload already declares a contextBridge that is not Electron's; rename it, then run isolate again"}
	}
	// 4. Add a statement: after a top-level require('electron').x declaration in the same style, or at the top.
	for _, u := range uses {
		n := u.imp.Node
		if n.Is("call_expression") && u.Stmt.Is("lexical_declaration", "variable_declaration") {
			kind := f.Text(u.Stmt.Children[0])
			text := st.EOL + f.IndentAt(u.Stmt.Start) + kind + " { contextBridge } = require(" + st.Quote(u.imp.Spec) + ")" + st.End()
			return bridgeRef{Expr: "contextBridge", usableFrom: u.Stmt.End,
				Edits: []codemod.Edit{{Path: f.Path, Start: u.Stmt.End, End: u.Stmt.End, New: text}}}
		}
	}
	at, prefix := TopInsertion(f)
	line := "const { contextBridge } = require(" + st.Quote("electron") + ")" + st.End()
	if st.ESM {
		line = "import { contextBridge } from " + st.Quote("electron") + st.End()
	}
	return bridgeRef{Expr: "contextBridge", Edits: []codemod.Edit{{Path: f.Path, Start: at, End: at, New: prefix + line + st.EOL}}}
}

// existingBridge returns the local name of contextBridge if stmt binds it from electron, and the offset from
// which it is usable.
func existingBridge(pf *project.File, stmt *syntax.Node, imp project.Import) (string, int) {
	f := pf.File
	n := imp.Node
	if n.Is("import_statement") {
		for _, spec := range n.Find("import_specifier") {
			if f.Text(spec.Child("name")) == "contextBridge" {
				if alias := spec.Child("alias"); alias != nil {
					return f.Text(alias), 0
				}
				return "contextBridge", 0
			}
		}
		return "", 0
	}
	decl := n.Parent
	for decl.Is("parenthesized_expression") {
		decl = decl.Parent
	}
	if decl.Is("member_expression") && f.Text(decl.Child("property")) == "contextBridge" {
		// const contextBridge = require('electron').contextBridge
		if d := decl.Parent; d.Is("variable_declarator") && d.Child("value") == decl && d.Child("name").Is("identifier") {
			return f.Text(d.Child("name")), stmt.End
		}
		return "", 0
	}
	if !decl.Is("variable_declarator") || !decl.Child("name").Is("object_pattern") {
		return "", 0
	}
	for _, c := range decl.Child("name").NamedChildren() {
		switch {
		case c.Is("shorthand_property_identifier_pattern") && f.Text(c) == "contextBridge":
			return "contextBridge", stmt.End
		case c.Is("pair_pattern") && f.Text(c.Child("key")) == "contextBridge" && c.Child("value").Is("identifier"):
			return f.Text(c.Child("value")), stmt.End
		}
	}
	return "", 0
}

func IsTypeOnly(f *syntax.File, imp *syntax.Node) bool {
	for _, c := range imp.Children {
		if c.Kind == "type" {
			return true
		}
	}
	return false
}

// AddToList adds a name at the end of an import's named list or a destructuring pattern, in its layout.
func AddToList(f *syntax.File, st codemod.Style, list *syntax.Node, name string) []codemod.Edit {
	items := list.NamedChildren()
	closing := list.Children[len(list.Children)-1]
	if len(items) == 0 {
		return []codemod.Edit{{Path: f.Path, Start: list.Start + 1, End: closing.Start, New: " " + name + " "}}
	}
	last := items[len(items)-1]
	comma := last.NextSibling()
	hasComma := comma != nil && comma.Kind == ","
	if f.Pos(last.End).Line != f.Pos(closing.Start).Line {
		indent := f.IndentAt(last.Start)
		if hasComma {
			return []codemod.Edit{{Path: f.Path, Start: comma.End, End: comma.End, New: st.EOL + indent + name + ","}}
		}
		return []codemod.Edit{{Path: f.Path, Start: last.End, End: last.End, New: "," + st.EOL + indent + name}}
	}
	if hasComma {
		return []codemod.Edit{{Path: f.Path, Start: comma.End, End: comma.End, New: " " + name + ","}}
	}
	return []codemod.Edit{{Path: f.Path, Start: last.End, End: last.End, New: ", " + name}}
}

// TopInsertion returns where a new import goes: after a shebang, a 'use strict' directive and the comments that
// open the file (a licence header), before the first statement and the comment lines attached to it.
func TopInsertion(f *syntax.File) (int, string) {
	at := 0
	if len(f.Src) >= 3 && f.Src[0] == 0xEF && f.Src[1] == 0xBB && f.Src[2] == 0xBF {
		at = 3
	}
	var first *syntax.Node
	for _, c := range f.Root.Children {
		if c.Kind == "hash_bang_line" {
			_, at, _ = codemod.LineBounds(f, c.Start, c.End)
			continue
		}
		if c.Kind == "comment" {
			continue
		}
		if c.Kind == "expression_statement" && len(c.NamedChildren()) == 1 && c.NamedChildren()[0].Is("string") {
			// a directive prologue: insert after it
			_, at, _ = codemod.LineBounds(f, c.Start, c.End)
			continue
		}
		first = c
		break
	}
	if first == nil {
		// Only comments (or nothing): append at the end.
		end := len(f.Src)
		if end > at && f.Src[end-1] != '\n' {
			return end, f.EOL()
		}
		return max(at, end), ""
	}
	a := codemod.Attach(f, first)
	if a.From > at {
		at = a.From
	}
	return at, ""
}
