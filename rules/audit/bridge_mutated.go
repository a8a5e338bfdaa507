package audit

import (
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/rules/internal/scan"
	"github.com/isolate-dev/isolate/syntax"
)

// mutatingMethods change an array or a map in place.
var mutatingMethods = map[string]bool{"push": true, "pop": true, "shift": true, "unshift": true, "splice": true,
	"sort": true, "reverse": true, "fill": true, "set": true, "delete": true, "clear": true, "add": true}

// bridgeMutated finds data a preload exposes through contextBridge and changes afterwards. Everything but functions
// is copied and frozen when it crosses the bridge, so the page never sees the change; expose a getter function
// instead.
var bridgeMutated = codemod.Register(&codemod.Rule{
	ID:       "bridge-mutated",
	Doc:      "data exposed through contextBridge is changed afterwards (the page holds a frozen copy)",
	Severity: codemod.Medium,
	Ref:      "https://www.electronjs.org/docs/latest/api/context-bridge#api",
	For:      codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		f := p.File.File
		for _, e := range scan.Exposures(p.File) {
			if !e.At.Is("call_expression") {
				continue // window.X = … without isolation shares the object itself
			}
			// The variables whose values were copied: the exposed variable, and variables the exposed object
			// literal holds as data.
			tracked := map[string]string{} // variable → how the page reaches it
			arg := jsutil.Arg(e.At, scan.ExposeMethods[jsutil.Last(jsutil.Callee(f, e.At))])
			if arg.Is("identifier") && jsutil.Function(f, arg) == nil {
				tracked[f.Text(arg)] = e.Key
			}
			if obj := jsutil.Object(f, arg); obj != nil {
				for _, prop := range jsutil.Props(f, obj) {
					if prop.Value.Is("identifier", "shorthand_property_identifier") && jsutil.Function(f, prop.Value) == nil {
						if d := jsutil.Declaration(f, f.Text(prop.Value)); d.Is("object", "array", "new_expression") {
							tracked[f.Text(prop.Value)] = e.Key + "." + prop.Key
						}
					}
				}
			}
			for name, via := range tracked {
				for _, m := range mutations(f, name) {
					if m.Start > e.At.End || jsutil.EnclosingFunction(m) != nil && !jsutil.EnclosingFunction(m).Contains(e.At) {
						p.Reportf(m, "%s changes %s after it was exposed as window.%s, but the page got a frozen copy "+
							"and never sees the change; expose a function that returns the current value (get%s: "+
							"() => %s)", f.Text(m), name, via, capitalized(name), name)
					}
				}
			}
		}
	},
})

// mutations finds the expressions that change the variable's contents: assignments to its properties, ++/--, and
// in-place array or map methods called on it or its properties.
func mutations(f *syntax.File, name string) []*syntax.Node {
	var out []*syntax.Node
	rooted := func(n *syntax.Node) bool {
		path := jsutil.Path(f, n)
		return strings.HasPrefix(path, name+".")
	}
	f.Root.Walk(func(n *syntax.Node) bool {
		switch {
		case n.Is("assignment_expression", "augmented_assignment_expression"):
			if rooted(syntax.Unwrap(n.Child("left"))) {
				out = append(out, n)
			}
		case n.Is("update_expression"):
			if rooted(syntax.Unwrap(n.Child("argument"))) {
				out = append(out, n)
			}
		case n.Is("call_expression"):
			callee := jsutil.Callee(f, n)
			if mutatingMethods[jsutil.Last(callee)] && (jsutil.Receiver(callee) == name || rooted(n.Child("function").Child("object"))) {
				out = append(out, n)
			}
			if callee == "Object.assign" && jsutil.Path(f, jsutil.Arg(n, 0)) == name {
				out = append(out, n)
			}
		}
		return true
	})
	return out
}

func capitalized(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
