package project

import (
	"strconv"
	"strings"

	"github.com/isolate-dev/isolate/syntax"
)

// windowConstructors are the classes whose options carry webPreferences.
var windowConstructors = map[string]bool{"BrowserWindow": true, "BrowserView": true, "WebContentsView": true}

// SafetyFlags are the webPreferences keys a rewrite sets; an unknown value for one of them makes the options
// unfollowable.
var SafetyFlags = []string{"contextIsolation", "nodeIntegration", "sandbox", "enableRemoteModule"}

func isSafetyFlag(key string) bool {
	for _, k := range SafetyFlags {
		if k == key {
			return true
		}
	}
	return false
}

// findWindows records every window a non-test file creates.
func (a *analysis) findWindows(file *File) {
	for _, n := range file.Root.Find("new_expression") {
		ctor := syntax.Unwrap(n.Child("constructor"))
		name := file.Text(ctor)
		if ctor.Is("member_expression") {
			name = file.Text(ctor.Child("property"))
		}
		if !windowConstructors[name] {
			continue
		}
		w := &Window{File: file.Path, Constructor: name, New: n}
		a.readOptions(file, w)
		a.f.Windows = append(a.f.Windows, w)
		if !file.Role.Has(Main) {
			file.Role |= Main
			file.Why = joinWhy(file.Why, "creates a "+name)
		}
	}
}

// readOptions follows the constructor's first argument to its object literal and fills in the options facts.
func (a *analysis) readOptions(file *File, w *Window) {
	arg := firstArg(w.New)
	if arg == nil {
		return // no options: every key takes its default
	}
	obj, optsBinding := a.follow(file, arg, "the options", w)
	w.Options = obj
	if obj == nil {
		return
	}
	prefsPair, lastSpread := propertyPair(file.File, obj, "webPreferences")
	if lastSpread != nil && (prefsPair == nil || lastSpread.Start > prefsPair.Start) {
		w.Unfollowable = append(w.Unfollowable, Unfollowable{Node: lastSpread,
			Why: "the options spread " + file.Text(lastSpread) + ", which may carry webPreferences"})
	}
	var prefsBinding *syntax.Binding
	if prefsPair != nil {
		w.WebPreferences, prefsBinding = a.follow(file, pairValue(prefsPair), "webPreferences", w)
	}
	if p := w.WebPreferences; p != nil {
		var flagsBeforeSpread []*syntax.Node
		for _, c := range p.NamedChildren() {
			switch c.Kind {
			case "spread_element":
				if len(flagsBeforeSpread) > 0 {
					var names []string
					for _, k := range flagsBeforeSpread {
						names = append(names, file.Text(k))
					}
					it := "it"
					if len(names) > 1 {
						it = "them"
					}
					w.Unfollowable = append(w.Unfollowable, Unfollowable{Node: c,
						Why: file.Text(c) + " comes after " + strings.Join(names, ", ") + " and may override " + it})
				}
				flagsBeforeSpread = nil
				w.PrefsSpread = c
			case "pair", "shorthand_property_identifier":
				if isSafetyFlag(keyName(file.File, c)) {
					flagsBeforeSpread = append(flagsBeforeSpread, c)
				}
			}
		}
		if expr := property(file.File, p, "preload"); expr != nil {
			w.PreloadExpr = expr
		}
	}
	// Assignments after the declaration: opts.webPreferences.preload = …, prefs.sandbox = false, Object.assign(…).
	mutation := func(base *syntax.Binding, path []string) {
		if base == nil {
			return
		}
		for _, ref := range base.Refs {
			chain, top := memberChain(file.File, ref)
			if len(chain) < len(path) || !equalPrefix(chain, path) {
				if call := callWithArg(file.File, ref); call != nil && len(path) == 0 {
					w.Unfollowable = append(w.Unfollowable, Unfollowable{Node: call,
						Why: file.Text(call.Child("function")) + " changes " + file.Text(ref) + " after it is written"})
				}
				continue
			}
			rest := chain[len(path):]
			asg := top.Parent
			if !asg.Is("assignment_expression") || top.Field != "left" {
				if call := callWithArg(file.File, top); call != nil && len(rest) == 0 {
					w.Unfollowable = append(w.Unfollowable, Unfollowable{Node: call,
						Why: file.Text(call.Child("function")) + " changes " + file.Text(top) + " after it is written"})
				}
				continue
			}
			switch {
			case len(rest) == 1 && rest[0] == "preload":
				w.PreloadExpr = asg.Child("right")
			case len(rest) == 1 && isSafetyFlag(rest[0]):
				w.Unfollowable = append(w.Unfollowable, Unfollowable{Node: asg,
					Why: rest[0] + " is set afterwards (" + file.Text(asg.Child("left")) + ")"})
			case len(rest) == 0:
				w.Unfollowable = append(w.Unfollowable, Unfollowable{Node: asg,
					Why: file.Text(asg.Child("left")) + " is replaced afterwards"})
			}
		}
	}
	mutation(optsBinding, []string{"webPreferences"})
	mutation(prefsBinding, nil)
}

// follow returns the object literal n is or is initialised with in the same file, with the binding it came
// through (nil for an inline literal). When n cannot be followed it records why on the window.
func (a *analysis) follow(file *File, n *syntax.Node, what string, w *Window) (*syntax.Node, *syntax.Binding) {
	n = syntax.Unwrap(n)
	var via *syntax.Binding
	for depth := 0; n != nil && depth < 8; depth++ {
		switch {
		case n.Is("object"):
			return n, via
		case n.Is("identifier"):
			b := file.Scopes().Of(n)
			switch {
			case b == nil:
				w.Unfollowable = append(w.Unfollowable, Unfollowable{Node: n, Why: what + " come from " + file.Text(n) + ", which this file does not declare"})
				return nil, nil
			case b.Kind == syntax.Param:
				w.Unfollowable = append(w.Unfollowable, Unfollowable{Node: n, Why: what + " are the parameter " + b.Name + "; callers decide them"})
				return nil, nil
			case b.Kind == syntax.Import:
				w.Unfollowable = append(w.Unfollowable, Unfollowable{Node: n, Why: what + " are imported (" + b.Name + ")"})
				return nil, nil
			case !b.Stable():
				w.Unfollowable = append(w.Unfollowable, Unfollowable{Node: b.Writes[0], Why: b.Name + " is reassigned at line " + strconv.Itoa(file.Pos(b.Writes[0].Start).Line)})
				return nil, nil
			}
			init := b.Init()
			if init == nil {
				w.Unfollowable = append(w.Unfollowable, Unfollowable{Node: n, Why: what + " come from " + b.Name + ", which has no initial value to read"})
				return nil, nil
			}
			if via == nil {
				via = b
			}
			n = syntax.Unwrap(init)
		case n.Is("call_expression"):
			w.Unfollowable = append(w.Unfollowable, Unfollowable{Node: n, Why: what + " are built by " + file.Text(n.Child("function")) + "(…)"})
			return nil, nil
		case n.Is("member_expression", "subscript_expression"):
			w.Unfollowable = append(w.Unfollowable, Unfollowable{Node: n, Why: what + " are looked up from " + file.Text(n)})
			return nil, nil
		default:
			w.Unfollowable = append(w.Unfollowable, Unfollowable{Node: n, Why: what + " are computed (" + n.Kind + ")"})
			return nil, nil
		}
	}
	return nil, nil
}

// memberChain returns the property names read off an identifier (opts.webPreferences.preload → [webPreferences
// preload]) and the outermost member node of the chain (the identifier itself when there is none).
func memberChain(f *syntax.File, id *syntax.Node) ([]string, *syntax.Node) {
	var chain []string
	top := id
	for p := top.Parent; p != nil; p = top.Parent {
		if p.Is("parenthesized_expression", "non_null_expression", "as_expression", "satisfies_expression") {
			top = p
			continue
		}
		if p.Is("member_expression") && p.Child("object") == top {
			chain = append(chain, f.Text(p.Child("property")))
			top = p
			continue
		}
		if p.Is("subscript_expression") && p.Child("object") == top {
			s, ok := f.StringValue(p.Child("index"))
			if !ok {
				return chain, top
			}
			chain = append(chain, s)
			top = p
			continue
		}
		break
	}
	return chain, top
}

func equalPrefix(chain, prefix []string) bool {
	for i := range prefix {
		if chain[i] != prefix[i] {
			return false
		}
	}
	return true
}

// callWithArg returns the call when n is the first argument of Object.assign, a merge or a similar call that
// changes its first argument.
func callWithArg(f *syntax.File, n *syntax.Node) *syntax.Node {
	args := n.Parent
	if !args.Is("arguments") || len(args.NamedChildren()) == 0 || args.NamedChildren()[0] != n {
		return nil
	}
	call := args.Parent
	fn := call.Child("function")
	name := fn
	if fn.Is("member_expression") {
		name = fn.Child("property")
	}
	switch f.Text(name) {
	case "assign", "merge", "mergeWith", "defaults", "defaultsDeep", "extend", "deepmerge", "set":
		return call
	}
	return nil
}

func firstArg(call *syntax.Node) *syntax.Node {
	args := call.Child("arguments")
	if args == nil {
		return nil
	}
	named := args.NamedChildren()
	if len(named) == 0 {
		return nil
	}
	return named[0]
}

// keyName returns the name of a pair's key (string keys unquoted) or of a shorthand property; "" for computed
// keys and other members.
func keyName(f *syntax.File, member *syntax.Node) string {
	switch member.Kind {
	case "pair":
		k := member.Child("key")
		if s, ok := f.StringValue(k); ok {
			return s
		}
		if k.Is("property_identifier", "number") {
			return f.Text(k)
		}
	case "shorthand_property_identifier":
		return f.Text(member)
	case "method_definition":
		return f.Text(member.Child("name"))
	}
	return ""
}

// pairValue returns a member's value: the pair's value, or the shorthand identifier itself.
func pairValue(member *syntax.Node) *syntax.Node {
	if member.Is("pair") {
		return member.Child("value")
	}
	return member
}

// propertyPair returns the last member named key of an object literal (the last one wins in JavaScript) and the
// last spread element of the object.
func propertyPair(f *syntax.File, obj *syntax.Node, key string) (member, lastSpread *syntax.Node) {
	if obj == nil {
		return nil, nil
	}
	for _, c := range obj.NamedChildren() {
		if c.Is("spread_element") {
			lastSpread = c
			continue
		}
		if keyName(f, c) == key && c.Is("pair", "shorthand_property_identifier") {
			member = c
		}
	}
	return member, lastSpread
}

// Property returns the value of the last member named key of an object literal, or nil.
func Property(f *syntax.File, obj *syntax.Node, key string) *syntax.Node {
	return property(f, obj, key)
}

// PropertyMember returns the last member (pair or shorthand) named key of an object literal, or nil.
func PropertyMember(f *syntax.File, obj *syntax.Node, key string) *syntax.Node {
	m, _ := propertyPair(f, obj, key)
	return m
}

func property(f *syntax.File, obj *syntax.Node, key string) *syntax.Node {
	m, _ := propertyPair(f, obj, key)
	if m == nil {
		return nil
	}
	return pairValue(m)
}

// KeyName returns the key of an object member as a string ("" for computed keys and spreads).
func KeyName(f *syntax.File, member *syntax.Node) string { return keyName(f, member) }
