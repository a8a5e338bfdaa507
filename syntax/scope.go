package syntax

import "strings"

// Scope resolution: which declaration an identifier refers to, and which identifiers refer to nothing declared in
// the file (globals). Rules need it to tell `window` the global from a local named window, to follow `const opts`
// to its object, and to know whether moving an expression changes what its names mean.

// BindingKind is how a name was declared.
type BindingKind uint8

const (
	Var BindingKind = iota + 1
	Let
	Const
	FunctionDecl
	ClassDecl
	Param
	Import
	CatchParam
	EnumDecl
)

// Binding is one declared name.
type Binding struct {
	Name string
	Kind BindingKind
	// Ident is the identifier that declares the name.
	Ident *Node
	// Decl is the declaring construct: variable_declarator, function_declaration, class_declaration,
	// import_statement, a parameter list, a catch clause.
	Decl *Node
	// Scope is the node whose scope holds the binding (program, statement_block, a function …).
	Scope *Node
	// Refs are the identifiers that refer to the binding, declaration excluded, in source order.
	Refs []*Node
	// Writes are the references that assign to it (x = …, x += …, x++, destructuring targets).
	Writes []*Node
	// Ambient is true for TypeScript `declare` bindings, which have no runtime value in this file.
	Ambient bool
}

// Init returns the initialiser of a variable binding declared as `name = value` (not through destructuring), or
// nil.
func (b *Binding) Init() *Node {
	if b == nil || b.Decl == nil || !b.Decl.Is("variable_declarator") || b.Decl.Child("name") != b.Ident {
		return nil
	}
	return b.Decl.Child("value")
}

// Stable reports whether the binding always holds the value it was declared with: it is never assigned after its
// declaration.
func (b *Binding) Stable() bool { return b != nil && len(b.Writes) == 0 }

// Scopes is the resolution of one file's names.
type Scopes struct {
	// Bindings lists every binding in declaration order.
	Bindings []*Binding
	refs     map[*Node]*Binding
	decls    map[*Node]*Binding
	// Free are the identifiers that refer to no declaration in the file (globals, or names another script
	// defines), in source order. A name declared only with TypeScript's declare (declare let window: AppWindow)
	// has no value in the file, so its uses are free too: at run time they read the global.
	Free    []*Node
	free    map[*Node]bool
	ambient map[*Node]*Binding
	byID    map[*Node]map[string]*Binding
	f       *File
}

// Resolve computes the scopes of a file. It costs two walks of the tree.
func Resolve(f *File) *Scopes {
	s := &Scopes{refs: map[*Node]*Binding{}, decls: map[*Node]*Binding{}, free: map[*Node]bool{},
		ambient: map[*Node]*Binding{}, byID: map[*Node]map[string]*Binding{}, f: f}
	s.declare(f.Root)
	s.resolve(f.Root)
	return s
}

// Of returns the binding an identifier refers to or declares; nil for a free identifier or a non-identifier.
func (s *Scopes) Of(id *Node) *Binding {
	if b, ok := s.refs[id]; ok {
		return b
	}
	return s.decls[id]
}

// IsFree reports whether id is an identifier that refers to no declaration in the file.
func (s *Scopes) IsFree(id *Node) bool { return s.free[id] }

// AmbientOf returns the TypeScript declare binding a free identifier names (declare const BUILD: string), or nil:
// the file says the global exists without giving it a value.
func (s *Scopes) AmbientOf(id *Node) *Binding { return s.ambient[id] }

// IsGlobal reports whether n is a reference to the global name (an identifier not shadowed in the file).
func (s *Scopes) IsGlobal(n *Node, name string) bool {
	return n != nil && (n.Kind == "identifier") && s.free[n] && s.f.Text(n) == name
}

// Lookup finds the binding a name would resolve to at node at (nil when the name is free there).
func (s *Scopes) Lookup(at *Node, name string) *Binding {
	for sc := at; sc != nil; sc = sc.Parent {
		if m := s.byID[sc]; m != nil {
			if b := m[name]; b != nil {
				return b
			}
		}
	}
	return nil
}

// ScopeOf returns the nearest node at or above n that holds bindings of the given kind: function scope for var,
// block scope for let/const.
func scopeNode(n *Node, function bool) *Node {
	for p := n; p != nil; p = p.Parent {
		switch p.Kind {
		case "program", "function_declaration", "function_expression", "function", "arrow_function",
			"method_definition", "generator_function", "generator_function_declaration", "class_static_block":
			return p
		case "statement_block", "for_statement", "for_in_statement", "switch_body", "catch_clause", "class_body":
			if !function {
				// A function's body block shares the function's scope: parameters and body names live together.
				if p.Kind == "statement_block" && isFunctionLike(p.Parent) {
					return p.Parent
				}
				return p
			}
		}
	}
	return nil
}

func isFunctionLike(n *Node) bool {
	return n.Is("function_declaration", "function_expression", "function", "arrow_function", "method_definition",
		"generator_function", "generator_function_declaration")
}

func (s *Scopes) add(scope *Node, id *Node, kind BindingKind, decl *Node) {
	if id == nil || scope == nil {
		return
	}
	name := s.f.Text(id)
	m := s.byID[scope]
	if m == nil {
		m = map[string]*Binding{}
		s.byID[scope] = m
	}
	if b := m[name]; b != nil {
		// var re-declarations and function overloads share one binding.
		s.decls[id] = b
		return
	}
	b := &Binding{Name: name, Kind: kind, Ident: id, Decl: decl, Scope: scope, Ambient: decl != nil && decl.Ancestor("ambient_declaration") != nil}
	m[name] = b
	s.decls[id] = b
	s.Bindings = append(s.Bindings, b)
}

// patternNames calls fn for every identifier a binding pattern declares.
func patternNames(p *Node, fn func(*Node)) {
	if p == nil {
		return
	}
	switch p.Kind {
	case "identifier", "shorthand_property_identifier_pattern":
		fn(p)
	case "required_parameter", "optional_parameter":
		patternNames(p.Child("pattern"), fn)
	case "assignment_pattern", "object_assignment_pattern":
		patternNames(p.Child("left"), fn)
	case "pair_pattern":
		patternNames(p.Child("value"), fn)
	case "object_pattern", "array_pattern", "rest_pattern", "formal_parameters":
		for _, c := range p.NamedChildren() {
			patternNames(c, fn)
		}
	}
}

func (s *Scopes) declare(root *Node) {
	root.Walk(func(n *Node) bool {
		switch n.Kind {
		case "variable_declaration", "lexical_declaration":
			kind := Var
			fnScope := true
			if n.Kind == "lexical_declaration" {
				fnScope = false
				kind = Let
				if k := n.Child("kind"); k != nil && s.f.Text(k) == "const" {
					kind = Const
				}
			}
			for _, d := range n.NamedChildren() {
				if d.Kind == "variable_declarator" {
					patternNames(d.Child("name"), func(id *Node) { s.add(scopeNode(n, fnScope), id, kind, d) })
				}
			}
		case "function_declaration", "generator_function_declaration":
			if name := n.Child("name"); name != nil {
				s.add(scopeNode(n.Parent, false), name, FunctionDecl, n)
			}
			s.params(n)
		case "function_expression", "function", "generator_function":
			if name := n.Child("name"); name != nil {
				s.add(n, name, FunctionDecl, n)
			}
			s.params(n)
		case "arrow_function", "method_definition":
			s.params(n)
		case "class_declaration", "abstract_class_declaration":
			if name := n.Child("name"); name != nil {
				s.add(scopeNode(n.Parent, false), name, ClassDecl, n)
			}
		case "class":
			// A class expression's name is bound inside the class only, as a named function expression's is.
			if name := n.Child("name"); name != nil {
				s.add(n, name, ClassDecl, n)
			}
		case "enum_declaration":
			if name := n.Child("name"); name != nil {
				s.add(scopeNode(n.Parent, false), name, EnumDecl, n)
			}
		case "import_statement":
			n.Walk(func(c *Node) bool {
				switch c.Kind {
				case "import_clause", "named_imports", "namespace_import", "import_require_clause":
					for _, id := range c.NamedChildren() {
						if id.Kind == "identifier" {
							s.add(s.f.Root, id, Import, n)
						}
					}
				case "import_specifier":
					id := c.Child("alias")
					if id == nil {
						id = c.Child("name")
					}
					if id != nil && id.Kind == "identifier" {
						s.add(s.f.Root, id, Import, n)
					}
					return false
				}
				return true
			})
			return false
		case "catch_clause":
			patternNames(n.Child("parameter"), func(id *Node) { s.add(n, id, CatchParam, n) })
		case "for_in_statement":
			if n.Child("kind") != nil {
				kind := Let
				fnScope := false
				switch s.f.Text(n.Child("kind")) {
				case "var":
					kind, fnScope = Var, true
				case "const":
					kind = Const
				}
				sc := n
				if fnScope {
					sc = scopeNode(n.Parent, true)
				}
				patternNames(n.Child("left"), func(id *Node) { s.add(sc, id, kind, n) })
			}
		}
		return true
	})
}

func (s *Scopes) params(fn *Node) {
	if p := fn.Child("parameter"); p != nil {
		s.add(fn, p, Param, fn)
	}
	if ps := fn.Child("parameters"); ps != nil {
		patternNames(ps, func(id *Node) { s.add(fn, id, Param, ps) })
	}
}

// isReference reports whether an identifier node is a use of a name (not a declaration, a property name, a label
// or a type).
func (s *Scopes) isReference(n *Node) bool {
	if _, decl := s.decls[n]; decl {
		return false
	}
	p := n.Parent
	if p == nil {
		return false
	}
	switch p.Kind {
	case "import_specifier", "export_specifier":
		// `export { a as b }`: a is a reference, b is not. Imports are declarations, handled above.
		return p.Kind == "export_specifier" && n.Field == "name"
	case "statement_identifier", "labeled_statement", "break_statement", "continue_statement":
		return false
	}
	return true
}

// typeContexts are the TypeScript nodes whose names are types or type-level parameters, not values: a tuple
// label or a parameter of a function type declares nothing at run time and refers to nothing.
var typeContexts = map[string]bool{
	"type_annotation": true, "type_alias_declaration": true, "interface_declaration": true, "type_arguments": true,
	"type_parameters": true, "method_signature": true, "function_signature": true, "call_signature": true,
	"construct_signature": true, "index_signature": true, "abstract_method_signature": true, "function_type": true,
	"constructor_type": true, "tuple_type": true, "object_type": true, "type_predicate_annotation": true,
	"asserts_annotation": true, "implements_clause": true, "extends_type_clause": true, "satisfies_expression_type": true,
}

// resolve finds the binding of every reference under root. It keeps, for each name, the bindings of the scopes
// it is inside, innermost last, so that a reference costs one map lookup rather than a walk up its ancestors:
// in deeply nested code that walk made resolution grow with the square of the depth.
func (s *Scopes) resolve(root *Node) {
	env := map[string][]*Binding{}
	var visit func(n *Node)
	visit = func(n *Node) {
		if typeContexts[n.Kind] {
			return
		}
		m := s.byID[n]
		for name, b := range m {
			env[name] = append(env[name], b)
		}
		switch n.Kind {
		case "as_expression", "satisfies_expression":
			// Only the value side holds names; the type side is skipped by its own kind below.
			for _, c := range n.Children {
				if c.Named && !strings.HasSuffix(c.Kind, "_type") && c.Kind != "type_identifier" && c.Kind != "predefined_type" {
					visit(c)
				}
			}
		case "identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern":
			s.reference(n, env)
			fallthrough
		default:
			for _, c := range n.Children {
				visit(c)
			}
		}
		for name := range m {
			env[name] = env[name][:len(env[name])-1]
		}
	}
	visit(root)
}

// reference records what an identifier refers to, given the bindings in scope where it stands.
func (s *Scopes) reference(n *Node, env map[string][]*Binding) {
	if !s.isReference(n) {
		return
	}
	name := s.f.Text(n)
	if name == "undefined" || name == "arguments" {
		return
	}
	var b *Binding
	if bs := env[name]; len(bs) > 0 {
		b = bs[len(bs)-1]
	}
	if b != nil && b.Ambient {
		// declare let window: AppWindow gives the global a type, not a value.
		s.ambient[n] = b
		b = nil
	}
	if b != nil {
		s.refs[n] = b
		b.Refs = append(b.Refs, n)
		if isWriteTarget(n) {
			b.Writes = append(b.Writes, n)
		}
		return
	}
	s.free[n] = true
	s.Free = append(s.Free, n)
}

// isWriteTarget reports whether an identifier reference is assigned to.
func isWriteTarget(n *Node) bool {
	for c, p := n, n.Parent; p != nil; c, p = p, p.Parent {
		switch p.Kind {
		case "assignment_expression", "augmented_assignment_expression":
			return c.Field == "left"
		case "update_expression":
			return true
		case "for_in_statement":
			return c.Field == "left"
		case "object_pattern", "array_pattern", "pair_pattern", "rest_pattern", "assignment_pattern",
			"object_assignment_pattern", "parenthesized_expression":
			if p.Kind == "assignment_pattern" || p.Kind == "object_assignment_pattern" {
				if c.Field != "left" {
					return false
				}
			}
			if p.Kind == "pair_pattern" && c.Field != "value" {
				return false
			}
			continue
		default:
			return false
		}
	}
	return false
}
