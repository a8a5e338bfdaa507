package exposure

import (
	"fmt"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

// A preload reaches the page's global under more names than window: global, globalThis, self, a TypeScript
// `declare let window: AppWindow` (which the scopes already read as the global), and local aliases such as
// `const w = window`. Writes through an alias are exposures like any other. When the global escapes to code isolate
// cannot follow (passed to a function, stored in an object), isolate cannot tell what is set on it, and says so.

// globalRef returns the global name (window, global, globalThis, self) an expression stands for: the free name
// itself, or a local that is never reassigned and holds one (const w = window, const g = globalThis as any). It
// returns "" otherwise.
func globalRef(pf *project.File, n *syntax.Node) string {
	return globalRefDepth(pf, n, 0)
}

func globalRefDepth(pf *project.File, n *syntax.Node, depth int) string {
	n = syntax.Unwrap(n)
	if n == nil || depth > 4 {
		return ""
	}
	switch {
	case n.Is("binary_expression") && isLogical(pf.Text(n.Child("operator"))):
		// window || global, typeof window !== 'undefined' && window
		if g := globalRefDepth(pf, n.Child("right"), depth+1); g != "" {
			return g
		}
		return globalRefDepth(pf, n.Child("left"), depth+1)
	case n.Is("ternary_expression"):
		if g := globalRefDepth(pf, n.Child("consequence"), depth+1); g != "" {
			return g
		}
		return globalRefDepth(pf, n.Child("alternative"), depth+1)
	case !n.Is("identifier"):
		return ""
	}
	sc := pf.Scopes()
	name := pf.Text(n)
	if sc.IsFree(n) {
		if GlobalNames[name] {
			return name
		}
		return ""
	}
	b := sc.Of(n)
	if b == nil || !b.Stable() || (b.Kind != syntax.Const && b.Kind != syntax.Let && b.Kind != syntax.Var) {
		return ""
	}
	return globalRefDepth(pf, b.Init(), depth+1)
}

// isAlias reports whether id is a local alias of the page's global (not the global name itself).
func isAlias(pf *project.File, id *syntax.Node) bool {
	return id.Is("identifier") && !pf.Scopes().IsFree(id) && globalRef(pf, id) != ""
}

// harmlessGlobalCalls are calls that read the global they are given, or report on it, and keep nothing.
func harmlessGlobalCall(callee string) bool {
	switch callee {
	case "Object.assign", "Object.defineProperty", "Object.defineProperties", "Reflect.defineProperty",
		"Reflect.set", "Object.setPrototypeOf":
		return false // they write to it: read as exposures or page-global overrides elsewhere
	case "String", "Boolean", "JSON.stringify":
		return true
	}
	return strings.HasPrefix(callee, "Object.") || strings.HasPrefix(callee, "Reflect.") ||
		strings.HasPrefix(callee, "console.")
}

// globalEscapes finds the places a preload hands the page's global (or an alias of it) to code isolate does not
// follow: a call argument, a value stored in an object or array, a returned value, an assignment to a property or
// to a variable that is reassigned. What that code sets on it is an exposure isolate cannot see.
func globalEscapes(pf *project.File) []finding {
	f := pf.File
	sc := pf.Scopes()
	var out []finding
	seen := map[*syntax.Node]bool{}
	var visit func(id *syntax.Node)
	visit = func(id *syntax.Node) {
		if seen[id] {
			return
		}
		seen[id] = true
		// Where the value goes: up through wrappers, logical operators and the branches of a ternary.
		n := id
		for {
			p := n.Parent
			switch {
			case p.Is("parenthesized_expression", "as_expression", "non_null_expression", "satisfies_expression"):
			case p.Is("binary_expression") && isLogical(f.Text(p.Child("operator"))) && (n.Field == "right" || f.Text(p.Child("operator")) != "&&"):
			case p.Is("ternary_expression") && n.Field != "condition":
			default:
				goto placed
			}
			n = p
		}
	placed:
		p := n.Parent
		escape := ""
		switch {
		case p.Is("member_expression", "subscript_expression") && p.Child("object") == n:
		case p.Is("variable_declarator") && n.Field == "value" && !p.Child("name").Is("identifier"):
			// const { $ } = window: reads its members.
		case p.Is("variable_declarator") && n.Field == "value":
			// const w = window: an alias, followed when it is never reassigned.
			if name := p.Child("name"); name.Is("identifier") {
				if b := sc.Of(name); b != nil && b.Stable() {
					for _, r := range b.Refs {
						visit(r)
					}
					return
				}
			}
			escape = "stores %s in " + codemod.Clip(f.Text(p.Child("name")), 30) + ", which is reassigned"
		case p.Is("arguments") && p.Parent.Is("call_expression", "new_expression"):
			call := p.Parent
			callee := call.Child("function")
			if callee == nil {
				callee = call.Child("constructor")
			}
			name := f.Text(callee)
			if call.Is("call_expression") && (harmlessGlobalCall(name) || name == "Object.assign" ||
				strings.HasPrefix(name, "Object.define") || name == "Reflect.defineProperty") {
				return // reads it, or writes to it in a way the plan reads
			}
			escape = "passes %s to " + codemod.Clip(name, 40)
		case p.Is("return_statement"), p.Is("arrow_function") && n.Field == "body":
			escape = "returns %s"
		case p.Is("assignment_expression") && n.Field == "right":
			escape = "assigns %s to " + codemod.Clip(f.Text(p.Child("left")), 30)
		case p.Is("pair", "array", "spread_element") || (p.Is("object") && n.Is("shorthand_property_identifier")):
			escape = "puts %s in an object or array"
		}
		if escape == "" {
			return
		}
		global := "the page's global"
		if isAlias(pf, id) {
			global += " (as " + f.Text(id) + ")"
		}
		out = append(out, finding{rule: "window-assign", node: n, unreadable: true,
			brief: fmt.Sprintf(escape+" (%s)", "the page's global", f.Pos(n.Start)),
			msg:   fmt.Sprintf("the preload "+escape+" at %s: isolate cannot see what is set on it there, so it cannot tell what the page relies on; set what the page needs with contextBridge.exposeInMainWorld('name', value) in the preload itself, then run isolate again", global, f.Pos(n.Start))})
	}
	for _, id := range sc.Free {
		if GlobalNames[f.Text(id)] && !inMainWorld(pf, id) {
			visit(id)
		}
	}
	return out
}

// inMainWorld reports whether n is in a function the preload runs in the page's own world:
// contextBridge.executeInMainWorld({ func }) (or webFrame.executeJavaScript of a function's text). There window is
// the page's window, isolated or not.
func inMainWorld(pf *project.File, n *syntax.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if !isFunctionNode(a) {
			continue
		}
		p := a.Parent
		if p.Is("pair") && pf.Text(p.Child("key")) == "func" {
			p = p.Parent.Parent // the object, then the arguments
		}
		if p.Is("arguments") {
			if fn := p.Parent.Child("function"); fn.Is("member_expression") && pf.Text(fn.Child("property")) == "executeInMainWorld" {
				return true
			}
		}
	}
	return false
}

// aliasRefs returns the uses of the preload's local aliases of the page's global (w in const w = window).
func aliasRefs(pf *project.File) []*syntax.Node {
	var out []*syntax.Node
	for _, b := range pf.Scopes().Bindings {
		if b.Stable() && isAlias(pf, b.Ident) {
			out = append(out, b.Refs...)
		}
	}
	return out
}
