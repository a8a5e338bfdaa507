package audit

import (
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/syntax"
)

// mainWorldClosure finds contextBridge.executeInMainWorld functions that use variables of the preload. The
// function is serialized and run in the page's world, so its closure is lost: those names are undefined there (or
// worse, name the page's own globals). Values must travel in `args`.
var mainWorldClosure = codemod.Register(&codemod.Rule{
	ID:       "main-world-closure",
	Doc:      "an executeInMainWorld function uses variables from its enclosing scope, which serialization drops",
	Severity: codemod.Medium,
	Ref:      "https://www.electronjs.org/docs/latest/api/context-bridge#contextbridgeexecuteinmainworldexecutionscript-experimental",
	For:      codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		f := p.File.File
		for _, call := range f.Root.Find("call_expression") {
			if jsutil.Last(jsutil.Callee(f, call)) != "executeInMainWorld" {
				continue
			}
			opts := jsutil.Object(f, jsutil.Arg(call, 0))
			if opts == nil {
				continue
			}
			fn := jsutil.Function(f, jsutil.Lookup(f, opts, "func").Value)
			if fn == nil {
				continue
			}
			outer := declaredOutside(f, fn)
			inner := declaredNames(f, fn)
			free := map[string]bool{}
			fn.Walk(func(n *syntax.Node) bool {
				if n.Is("identifier", "shorthand_property_identifier") {
					name := f.Text(n)
					if !inner[name] && outer[name] && !isDeclarationName(n) {
						free[name] = true
					}
				}
				return true
			})
			if len(free) == 0 {
				continue
			}
			names := make([]string, 0, len(free))
			for n := range free {
				names = append(names, n)
			}
			sort.Strings(names)
			p.Reportf(fn, "the function given to executeInMainWorld uses %s from the preload, but it is serialized "+
				"and runs in the page's world without its closure; pass the values in args and take them as "+
				"parameters", strings.Join(names, ", "))
		}
	},
})

// declaredNames returns every name a declaration, parameter or catch clause binds inside n (n's own parameters
// included).
func declaredNames(f *syntax.File, n *syntax.Node) map[string]bool {
	out := map[string]bool{}
	n.Walk(func(x *syntax.Node) bool {
		if isDeclarationName(x) {
			out[f.Text(x)] = true
		}
		return true
	})
	return out
}

// declaredOutside returns the names declared in the file outside n.
func declaredOutside(f *syntax.File, n *syntax.Node) map[string]bool {
	out := map[string]bool{}
	f.Root.Walk(func(x *syntax.Node) bool {
		if x == n {
			return false
		}
		if isDeclarationName(x) {
			out[f.Text(x)] = true
		}
		return true
	})
	return out
}

// isDeclarationName reports whether an identifier is the name a declaration binds: a variable (also inside
// destructuring), a function or class name, a parameter, a catch parameter, an import.
func isDeclarationName(x *syntax.Node) bool {
	if !x.Is("identifier", "shorthand_property_identifier_pattern") {
		return false
	}
	p := x.Parent
	switch {
	case x.Is("shorthand_property_identifier_pattern"):
		return true
	case p.Is("variable_declarator", "function_declaration", "function_expression", "class_declaration",
		"generator_function_declaration", "class") && x.Field == "name":
		return true
	case p.Is("formal_parameters", "rest_pattern", "array_pattern"):
		return true
	case p.Is("required_parameter", "optional_parameter") && x.Field == "pattern":
		return true
	case p.Is("assignment_pattern") && x.Field == "left":
		return true
	case p.Is("pair_pattern") && x.Field == "value":
		return true
	case p.Is("arrow_function") && x.Field == "parameter":
		return true
	case p.Is("catch_clause") && x.Field == "parameter":
		return true
	case p.Is("import_specifier", "namespace_import", "import_clause"):
		return x.Field == "alias" || p.Child("alias") == nil || !p.Is("import_specifier")
	}
	return false
}
