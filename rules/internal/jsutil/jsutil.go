// Package jsutil holds the small questions isolate's check rules ask of a syntax tree: what a call calls, what a
// function's parameters are, which object literal or function an identifier stands for, where a name is used.
package jsutil

import (
	"strings"

	"github.com/isolate-dev/isolate/syntax"
)

// Path returns the dotted name of an expression made of identifiers and property accesses ("ipcMain.handle",
// "win.webContents.on", "this.win.loadURL"), with wrappers and optional chaining ignored; "" for anything else.
func Path(f *syntax.File, n *syntax.Node) string {
	n = syntax.Unwrap(n)
	switch {
	case n == nil:
		return ""
	case n.Is("identifier", "this", "property_identifier"):
		return f.Text(n)
	case n.Is("member_expression"):
		obj := Path(f, n.Child("object"))
		if obj == "" {
			obj = "?"
		}
		return obj + "." + f.Text(n.Child("property"))
	case n.Is("subscript_expression"):
		obj := Path(f, n.Child("object"))
		if s, ok := f.StringValue(n.Child("index")); ok && obj != "" {
			return obj + "." + s
		}
	}
	return ""
}

// Callee returns the dotted name of what a call_expression calls; "" when it is not a name.
func Callee(f *syntax.File, call *syntax.Node) string {
	if !call.Is("call_expression") {
		return ""
	}
	return Path(f, call.Child("function"))
}

// Last returns the last segment of a dotted path.
func Last(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// Receiver returns a dotted path without its last segment ("" when it has one segment).
func Receiver(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

// Args returns the arguments of a call or new expression, without punctuation or comments.
func Args(call *syntax.Node) []*syntax.Node {
	return call.Child("arguments").NamedChildren()
}

// Arg returns argument i of a call, unwrapped, or nil.
func Arg(call *syntax.Node, i int) *syntax.Node {
	args := Args(call)
	if i >= len(args) {
		return nil
	}
	return syntax.Unwrap(args[i])
}

// IsFunction reports whether n is a function value or declaration.
func IsFunction(n *syntax.Node) bool {
	return n.Is("arrow_function", "function_expression", "function", "function_declaration", "method_definition",
		"generator_function", "generator_function_declaration")
}

// Params returns the parameter patterns of a function in order: identifiers, object or array patterns, or
// assignment patterns for defaults. TypeScript annotations and `this` parameters are left out.
func Params(fn *syntax.Node) []*syntax.Node {
	if fn == nil {
		return nil
	}
	if p := fn.Child("parameter"); p != nil { // x => …
		return []*syntax.Node{p}
	}
	var out []*syntax.Node
	for _, p := range fn.Child("parameters").NamedChildren() {
		if p.Is("required_parameter", "optional_parameter") {
			pat := p.Child("pattern")
			if pat == nil || pat.Is("this") {
				continue
			}
			out = append(out, pat)
			continue
		}
		out = append(out, p)
	}
	return out
}

// ParamName returns the identifier a parameter pattern binds (x, x = 1, ...x), or "" for destructuring.
func ParamName(f *syntax.File, p *syntax.Node) string {
	switch {
	case p == nil:
		return ""
	case p.Is("identifier"):
		return f.Text(p)
	case p.Is("assignment_pattern"):
		return ParamName(f, p.Child("left"))
	case p.Is("rest_pattern"):
		for _, c := range p.NamedChildren() {
			return ParamName(f, c)
		}
	}
	return ""
}

// Body returns the body of a function: a statement_block, or the expression of an arrow function.
func Body(fn *syntax.Node) *syntax.Node { return fn.Child("body") }

// Uses returns the identifiers named name inside n that read or write the variable (not property names), shorthand
// properties ({ name }) included.
func Uses(f *syntax.File, n *syntax.Node, name string) []*syntax.Node {
	var out []*syntax.Node
	n.Walk(func(x *syntax.Node) bool {
		if x.Is("identifier", "shorthand_property_identifier") && f.Text(x) == name {
			out = append(out, x)
		}
		return true
	})
	return out
}

// Declaration finds the value a name is declared with in the file: `const name = value`, `let name = value`,
// `function name() {}` (the declaration itself). It returns nil when the name is not declared once at a place it
// can be read.
func Declaration(f *syntax.File, name string) *syntax.Node {
	var found *syntax.Node
	count := 0
	f.Root.Walk(func(d *syntax.Node) bool {
		switch {
		case d.Is("variable_declarator") && d.Child("name").Is("identifier") && f.Text(d.Child("name")) == name:
			found = syntax.Unwrap(d.Child("value"))
			count++
		case d.Is("function_declaration", "generator_function_declaration") && f.Text(d.Child("name")) == name:
			found = d
			count++
		}
		return true
	})
	if count != 1 {
		return nil
	}
	return found
}

// Object returns the object literal n is, or that the identifier n is declared with in the same file; nil when it
// cannot be followed.
func Object(f *syntax.File, n *syntax.Node) *syntax.Node {
	n = syntax.Unwrap(n)
	if n.Is("object") {
		return n
	}
	if n.Is("identifier", "shorthand_property_identifier") {
		if v := Declaration(f, f.Text(n)); v.Is("object") {
			return v
		}
	}
	return nil
}

// Function returns the function n is, or that the identifier n names in the same file; nil when it cannot be
// followed.
func Function(f *syntax.File, n *syntax.Node) *syntax.Node {
	n = syntax.Unwrap(n)
	if IsFunction(n) {
		return n
	}
	if n.Is("identifier", "shorthand_property_identifier") {
		if v := Declaration(f, f.Text(n)); IsFunction(v) {
			return v
		}
	}
	return nil
}

// Prop is one property of an object literal.
type Prop struct {
	Key string
	// Node is the whole property (pair, shorthand, method) and Value its value (the node itself for a shorthand or a
	// method).
	Node, Value *syntax.Node
}

// Props returns the properties of an object literal in source order; spreads are left out (see HasSpread).
func Props(f *syntax.File, obj *syntax.Node) []Prop {
	var out []Prop
	for _, c := range obj.NamedChildren() {
		switch c.Kind {
		case "pair":
			k := c.Child("key")
			name := f.Text(k)
			if s, ok := f.StringValue(k); ok {
				name = s
			}
			out = append(out, Prop{Key: name, Node: c, Value: syntax.Unwrap(c.Child("value"))})
		case "shorthand_property_identifier":
			out = append(out, Prop{Key: f.Text(c), Node: c, Value: c})
		case "method_definition":
			out = append(out, Prop{Key: f.Text(c.Child("name")), Node: c, Value: c})
		}
	}
	return out
}

// Lookup returns the last property named key (the last one wins in JavaScript), or a zero Prop.
func Lookup(f *syntax.File, obj *syntax.Node, key string) Prop {
	var found Prop
	for _, p := range Props(f, obj) {
		if p.Key == key {
			found = p
		}
	}
	return found
}

// HasSpread reports whether an object literal has a spread, whose keys the tool cannot see.
func HasSpread(obj *syntax.Node) bool {
	for _, c := range obj.NamedChildren() {
		if c.Is("spread_element") {
			return true
		}
	}
	return false
}

// Bool returns the value of a boolean literal (also `!0` and `!1`), and false when n is not one.
func Bool(f *syntax.File, n *syntax.Node) (value, ok bool) {
	n = syntax.Unwrap(n)
	switch {
	case n.Is("true"):
		return true, true
	case n.Is("false"):
		return false, true
	case n.Is("unary_expression") && f.Text(n.Child("operator")) == "!":
		switch f.Text(syntax.Unwrap(n.Child("argument"))) {
		case "0":
			return true, true
		case "1":
			return false, true
		}
	}
	return false, false
}

// Require returns the module a `require('m')` call (or `import('m')`) loads.
func Require(f *syntax.File, n *syntax.Node) (string, bool) {
	n = syntax.Unwrap(n)
	if n.Is("await_expression") {
		n = syntax.Unwrap(n.NamedChildren()[0])
	}
	if !n.Is("call_expression") {
		return "", false
	}
	fn := n.Child("function")
	if !(fn.Is("identifier") && f.Text(fn) == "require") && !fn.Is("import") {
		return "", false
	}
	return f.StringValue(Arg(n, 0))
}

// Import is one place a file loads a module.
type Import struct {
	Module string
	// Node is the import statement or the require call.
	Node *syntax.Node
	// Names are the bindings taken from the module ("remote" for `const { remote } = require('electron')`,
	// "default" or "*" for a whole-module binding) mapped to the local names.
	Names map[string]string
}

// Imports lists the modules a file loads with import statements and require calls.
func Imports(f *syntax.File) []Import {
	var out []Import
	f.Root.Walk(func(n *syntax.Node) bool {
		switch {
		case n.Is("import_statement"):
			src, ok := f.StringValue(n.Child("source"))
			if !ok {
				return false
			}
			imp := Import{Module: src, Node: n, Names: map[string]string{}}
			for _, c := range n.Find("import_specifier", "namespace_import", "import_clause") {
				switch c.Kind {
				case "import_specifier":
					name := f.Text(c.Child("name"))
					local := name
					if a := c.Child("alias"); a != nil {
						local = f.Text(a)
					}
					imp.Names[name] = local
				case "namespace_import":
					for _, id := range c.NamedChildren() {
						imp.Names["*"] = f.Text(id)
					}
				case "import_clause":
					for _, id := range c.NamedChildren() {
						if id.Is("identifier") {
							imp.Names["default"] = f.Text(id)
						}
					}
				}
			}
			out = append(out, imp)
			return false
		case n.Is("call_expression"):
			mod, ok := Require(f, n)
			if !ok {
				return true
			}
			imp := Import{Module: mod, Node: n, Names: map[string]string{}}
			parent := n.Parent
			for parent.Is("parenthesized_expression", "await_expression") {
				parent = parent.Parent
			}
			switch {
			case parent.Is("variable_declarator") && parent.Child("value") != nil:
				name := parent.Child("name")
				switch {
				case name.Is("identifier"):
					imp.Names["default"] = f.Text(name)
				case name.Is("object_pattern"):
					for _, c := range name.NamedChildren() {
						switch c.Kind {
						case "shorthand_property_identifier_pattern":
							imp.Names[f.Text(c)] = f.Text(c)
						case "pair_pattern":
							imp.Names[f.Text(c.Child("key"))] = f.Text(c.Child("value"))
						}
					}
				}
			case parent.Is("member_expression"): // require('electron').remote
				imp.Names[f.Text(parent.Child("property"))] = ""
			}
			out = append(out, imp)
		}
		return true
	})
	return out
}

// EnclosingFunction returns the nearest function around n, or nil at the top level.
func EnclosingFunction(n *syntax.Node) *syntax.Node {
	return n.Ancestor("arrow_function", "function_expression", "function", "function_declaration",
		"method_definition", "generator_function", "generator_function_declaration")
}
