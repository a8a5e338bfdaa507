package scan

import (
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/syntax"
)

// This file finds what a preload exposes to the page, for the check rules about the bridge.

// exposure is one value a preload puts on the page: contextBridge.exposeInMainWorld / exposeInIsolatedWorld, or
// (in a preload) a window.X / global.X / globalThis.X assignment.
type exposure struct {
	// at is the call or assignment that exposes it; value is the exposed expression, followed to its object
	// literal or function when it is a variable of the file.
	At, value *syntax.Node
	Key       string
	// fns are the functions it exposes, each with its dotted name from the key (api.onSaved).
	Fns []exposedFn
}

type exposedFn struct {
	Name string
	Fn   *syntax.Node
}

var ExposeMethods = map[string]int{"exposeInMainWorld": 1, "exposeInIsolatedWorld": 2}

func Exposures(file *project.File) []exposure {
	f := file.File
	var out []exposure
	for _, call := range f.Root.Find("call_expression") {
		callee := jsutil.Callee(f, call)
		valueArg, ok := ExposeMethods[jsutil.Last(callee)]
		if !ok || jsutil.Last(jsutil.Receiver(callee)) != "contextBridge" {
			continue
		}
		key, _ := f.StringValue(jsutil.Arg(call, valueArg-1))
		out = append(out, newExposure(f, call, key, jsutil.Arg(call, valueArg)))
	}
	if file.Role&project.Preload == 0 {
		return out
	}
	for _, a := range f.Root.Find("assignment_expression") {
		left := syntax.Unwrap(a.Child("left"))
		if !left.Is("member_expression") {
			continue
		}
		switch jsutil.Path(f, left.Child("object")) {
		case "window", "global", "globalThis", "self":
			out = append(out, newExposure(f, a, f.Text(left.Child("property")), syntax.Unwrap(a.Child("right"))))
		}
	}
	return out
}

func newExposure(f *syntax.File, at *syntax.Node, key string, value *syntax.Node) exposure {
	e := exposure{At: at, Key: key, value: value}
	if obj := jsutil.Object(f, value); obj != nil {
		e.value = obj
	} else if fn := jsutil.Function(f, value); fn != nil {
		e.value = fn
	}
	seen := map[*syntax.Node]bool{}
	var collect func(name string, v *syntax.Node)
	collect = func(name string, v *syntax.Node) {
		if v == nil || seen[v] {
			return
		}
		seen[v] = true
		if fn := jsutil.Function(f, v); fn != nil {
			e.Fns = append(e.Fns, exposedFn{Name: name, Fn: fn})
			return
		}
		if obj := jsutil.Object(f, v); obj != nil {
			for _, p := range jsutil.Props(f, obj) {
				collect(name+"."+p.Key, p.Value)
			}
		}
	}
	collect(key, value)
	return e
}

// IPCRendererPaths returns the dotted names under which a file reaches ipcRenderer: "ipcRenderer" or its local
// alias, and "<electron binding>.ipcRenderer".
func IPCRendererPaths(f *syntax.File) map[string]bool {
	out := map[string]bool{"ipcRenderer": true}
	for _, imp := range jsutil.Imports(f) {
		if imp.Module != "electron" && imp.Module != "electron/renderer" {
			continue
		}
		if local := imp.Names["ipcRenderer"]; local != "" {
			out[local] = true
		}
		for _, k := range []string{"default", "*"} {
			if local := imp.Names[k]; local != "" {
				out[local+".ipcRenderer"] = true
			}
		}
	}
	return out
}

// ipcCall is a call of an ipcRenderer method.
type ipcCall struct {
	Call   *syntax.Node
	Method string
}

// IPCCalls finds the ipcRenderer calls inside n.
func IPCCalls(f *syntax.File, n *syntax.Node, names map[string]bool) []ipcCall {
	var out []ipcCall
	for _, call := range n.Find("call_expression") {
		callee := jsutil.Callee(f, call)
		if names[jsutil.Receiver(callee)] || jsutil.Last(jsutil.Receiver(callee)) == "ipcRenderer" {
			out = append(out, ipcCall{Call: call, Method: jsutil.Last(callee)})
		}
	}
	return out
}

// ParamNames returns the names a function's parameters bind (destructured ones left out).
func ParamNames(f *syntax.File, fn *syntax.Node) map[string]bool {
	out := map[string]bool{}
	for _, p := range jsutil.Params(fn) {
		if name := jsutil.ParamName(f, p); name != "" {
			out[name] = true
		}
	}
	return out
}

// mentionsAny reports whether n contains an identifier with one of the names.
func mentionsAny(f *syntax.File, n *syntax.Node, names map[string]bool) bool {
	found := false
	n.Walk(func(x *syntax.Node) bool {
		if x.Is("identifier", "shorthand_property_identifier") && names[f.Text(x)] {
			found = true
		}
		return !found
	})
	return found
}

// guardedBefore reports whether a condition before at, inside scope, mentions one of the names: an allowlist
// check such as `if (!valid.includes(channel)) return` or `valid.includes(channel) && …`.
func guardedBefore(f *syntax.File, scope, at *syntax.Node, names map[string]bool) bool {
	guarded := false
	scope.Walk(func(n *syntax.Node) bool {
		if guarded || n.Start >= at.Start && !n.Contains(at) {
			return false
		}
		var cond *syntax.Node
		switch {
		case n.Is("if_statement", "ternary_expression", "while_statement"):
			cond = n.Child("condition")
		case n.Is("switch_statement"):
			cond = n.Child("value")
		case n.Is("binary_expression"):
			if op := f.Text(n.Child("operator")); op == "&&" || op == "||" {
				cond = n.Child("left")
			}
		}
		if cond != nil && cond.End <= at.Start && mentionsAny(f, cond, names) {
			guarded = true
		}
		return !guarded
	})
	return guarded
}
