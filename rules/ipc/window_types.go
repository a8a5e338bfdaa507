package ipc

import (
	"fmt"
	"path"
	"strings"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/exposure"
	"github.com/isolate-dev/isolate/syntax"
)

// WindowTypes brings the Window typings of an isolated app in line with what its preloads expose: for every
// contextBridge.exposeInMainWorld('key', { … }) it reads the per-message methods back into the bridge model
// (saveFile: (data) => ipcRenderer.send('save-file', data) is a send message on 'save-file') and writes the
// `declare global { interface Window { key: … } }` members from it, adds members the preload gained, drops the
// ones it lost, and creates a declaration file when a TypeScript app (or one with a tsconfig or jsconfig) has
// none. `isolate types` runs it; keys typed by a named type from elsewhere (a scaffolded app's contract Api)
// are left alone, since that type is the preload's own.
var WindowTypes = codemod.Register(&codemod.Rule{
	ID:       "window-types",
	Doc:      "the Window typings do not match what the preload exposes",
	Severity: codemod.Low,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/context-isolation#usage-with-typescript",
	Roles:    project.Preload,
	For:      codemod.ForTypes,
	Run: func(p *codemod.Pass) {
		if codemod.IsTestOrBroken(p.File) {
			return
		}
		var create []bridge.WindowKey
		var at *syntax.Node
		for _, x := range exposedObjects(p.File) {
			k, others, ok := readWindowKey(p.Facts, p.File, x.Key, x.object)
			if !ok {
				continue
			}
			d := findWindowDecl(p.Facts, x.Key, p.File.Path)
			if d == nil {
				if p.File.Lang.IsTypeScript() || exposure.HasTSConfig(p.Facts) {
					wk := bridge.WindowKey{Bridge: k}
					for _, o := range others {
						wk.Other = append(wk.Other, o.text)
					}
					create = append(create, wk)
					if at == nil {
						at = x.call
					}
				}
				continue
			}
			want := make([]typeMember, 0, len(k.Messages)+len(others))
			for _, m := range k.Messages {
				want = append(want, typeMember{name: m.Method, text: bridge.WindowMember(m)})
			}
			exposed := map[string]bool{}
			for _, m := range k.Messages {
				exposed[m.Method] = true
			}
			for _, o := range others {
				exposed[o.name] = true
				// Other members keep what the declaration says; a missing one is added typed from the preload.
				want = append(want, typeMember{name: o.name, text: o.text, keep: true})
			}
			drop := map[string]bool{}
			if d.members != nil {
				for _, m := range d.members.NamedChildren() {
					if n := memberName(d.File, m); n != "" && !exposed[n] {
						drop[n] = true
					}
				}
			}
			edits := typingEdits(d, x.Key, want, drop, true)
			if len(edits) == 0 {
				continue
			}
			p.Report(codemod.Diagnostic{Start: x.call.Start, End: x.call.End,
				Message: fmt.Sprintf("the Window typings of %s in %s do not match what the preload exposes; rewritten from the preload's methods", x.Key, d.File.Path),
				Fix:     &codemod.Fix{Message: "bring the Window typings of " + x.Key + " in line", Edits: edits}})
		}
		if len(create) > 0 {
			name := path.Join(path.Dir(p.File.Path), "window.d.ts")
			if codemod.FileExists(p.Facts, name) {
				p.Report(codemod.Diagnostic{Start: at.Start, End: at.End, Message: "the app declares no Window typings for what the preload exposes, and " + name + " exists already; declare them by hand"})
				return
			}
			var keys []string
			for _, k := range create {
				keys = append(keys, k.Bridge.Key)
			}
			p.Report(codemod.Diagnostic{Start: at.Start, End: at.End,
				Message: fmt.Sprintf("the app declares no Window typings for %s; %s declares them from the preload", strings.Join(keys, ", "), name),
				Fix:     &codemod.Fix{Message: "declare the Window typings", Edits: []codemod.Edit{{Path: name, Create: true, New: string(bridge.EmitWindowDeclaration(create))}}}})
		}
	},
})

// exposedObject is one exposeInMainWorld call whose value is an object literal (written inline or held in a
// constant of the file).
type exposedObject struct {
	call   *syntax.Node
	Key    string
	object *syntax.Node
}

func exposedObjects(pf *project.File) []exposedObject {
	var out []exposedObject
	seen := map[string]bool{}
	for _, call := range pf.Root.Find("call_expression") {
		fn := syntax.Unwrap(call.Child("function"))
		if !fn.Is("member_expression") || pf.Text(fn.Child("property")) != "exposeInMainWorld" {
			continue
		}
		args := codemod.CallArgsOf(call)
		if len(args) < 2 {
			continue
		}
		key, ok := pf.StringValue(args[0])
		if !ok || seen[key] {
			continue
		}
		v := syntax.Unwrap(args[1])
		if v.Is("identifier") {
			b := pf.Scopes().Of(v)
			if b == nil || !b.Stable() || b.Init() == nil {
				continue
			}
			v = syntax.Unwrap(b.Init())
		}
		if !v.Is("object") {
			continue
		}
		seen[key] = true
		out = append(out, exposedObject{call: call, Key: key, object: v})
	}
	return out
}

// readWindowKey reads an exposed object into the bridge model: its per-message methods, and its other members
// typed from the preload. ok is false when a member cannot be named (a spread, a computed key).
func readWindowKey(facts *project.Facts, pf *project.File, key string, obj *syntax.Node) (bridge.Bridge, []typeMember, bool) {
	b := bridge.Bridge{Key: key}
	var others []typeMember
	pp := &exposure.PreloadPlan{Facts: facts, File: pf, Style: codemod.StyleOf(pf.File)}
	for _, m := range codemod.ObjectMembers(obj) {
		if m.Is("comment") {
			continue
		}
		name := project.KeyName(pf.File, m)
		if name == "" {
			return b, nil, false
		}
		var fn *syntax.Node
		switch {
		case m.Is("method_definition"):
			fn = m
		case m.Is("pair") && project.IsFunction(syntax.Unwrap(m.Child("value"))):
			fn = syntax.Unwrap(m.Child("value"))
		}
		if fn != nil {
			if msg, ok := readMessage(pf, name, fn); ok {
				b.Messages = append(b.Messages, msg)
				continue
			}
		}
		others = append(others, typeMember{name: name, text: pp.Style.PropKey(name) + ": " + pp.TypeOf(codemod.MemberValue(m), pf, 1)})
	}
	return b, others, true
}

// readMessage reads a per-message method: a function whose body is ipcRenderer.send/invoke/sendSync with a
// literal channel, or that subscribes a listener with ipcRenderer.on/once to a literal channel.
func readMessage(pf *project.File, name string, fn *syntax.Node) (bridge.Message, bool) {
	m := bridge.Message{Method: name}
	body := syntax.Unwrap(fn.Child("body"))
	var call *syntax.Node
	if body.Is("statement_block") {
		for _, c := range body.Find("call_expression") {
			callee := syntax.Unwrap(c.Child("function"))
			if callee.Is("member_expression") && project.ElectronExport(pf, callee.Child("object")) == "ipcRenderer" {
				switch pf.Text(callee.Child("property")) {
				case "on", "once", "addListener":
					if call == nil {
						call = c
					}
				}
			}
		}
		if call == nil {
			ns := body.NamedChildren()
			if len(ns) != 1 || !ns[0].Is("return_statement", "expression_statement") || len(ns[0].NamedChildren()) != 1 {
				return m, false
			}
			call = syntax.Unwrap(ns[0].NamedChildren()[0])
		}
	} else {
		call = body
	}
	if !call.Is("call_expression") {
		return m, false
	}
	callee := syntax.Unwrap(call.Child("function"))
	if !callee.Is("member_expression") || project.ElectronExport(pf, callee.Child("object")) != "ipcRenderer" {
		return m, false
	}
	args := codemod.CallArgsOf(call)
	if len(args) == 0 {
		return m, false
	}
	ch, ok := pf.StringValue(args[0])
	if !ok {
		return m, false
	}
	m.Channel = ch
	params := project.Params(fn)
	switch pf.Text(callee.Child("property")) {
	case "send":
		m.Kind = bridge.Send
	case "invoke":
		m.Kind = bridge.Invoke
	case "sendSync":
		m.Kind = bridge.SendSync
	case "on", "once", "addListener":
		m.Kind = bridge.Event
		m.Variadic = true
		// The callback's own annotation, when it is a function type, gives the payload.
		if len(params) == 1 {
			if t := paramType(pf, params[0]); t != "" {
				if ft := functionTypeParams(t); ft != nil {
					m.Params, m.Variadic = ft.params, ft.variadic
				}
			}
		}
		return m, true
	default:
		return m, false
	}
	for _, prm := range params {
		pname, rest := project.ParamName(pf, prm)
		if rest {
			m.Variadic = true
			continue
		}
		if pname == "" {
			pname = fmt.Sprintf("arg%d", len(m.Params)+1)
		}
		m.Params = append(m.Params, bridge.Param{Name: pname, Type: paramType(pf, prm)})
		if prm.Parent.Is("optional_parameter") || prm.Is("assignment_pattern") {
			m.OptionalParams++
		} else {
			m.OptionalParams = 0
		}
	}
	if m.Kind == bridge.Invoke {
		if ret := fn.Child("return_type"); ret != nil {
			t := strings.TrimSpace(strings.TrimPrefix(pf.Text(ret), ":"))
			if strings.HasPrefix(t, "Promise<") && strings.HasSuffix(t, ">") {
				m.Result = strings.TrimSuffix(strings.TrimPrefix(t, "Promise<"), ">")
			}
		}
	} else if m.Kind == bridge.SendSync {
		if ret := fn.Child("return_type"); ret != nil {
			m.Result = strings.TrimSpace(strings.TrimPrefix(pf.Text(ret), ":"))
		}
	}
	return m, true
}

type fnTypeParams struct {
	params   []bridge.Param
	variadic bool
}

// functionTypeParams reads the parameters of a function type written as text: (path: string) => void.
func functionTypeParams(t string) *fnTypeParams {
	f := syntax.ParseAs("t.ts", []byte("type T = "+t), syntax.TS)
	ft := f.Root.Find("function_type")
	if len(ft) == 0 || f.Root.HasError() {
		return nil
	}
	pf := &project.File{File: f}
	out := &fnTypeParams{}
	for _, prm := range project.Params(ft[0]) {
		name, rest := project.ParamName(pf, prm)
		if rest {
			out.variadic = true
			continue
		}
		out.params = append(out.params, bridge.Param{Name: name, Type: paramType(pf, prm)})
	}
	return out
}
