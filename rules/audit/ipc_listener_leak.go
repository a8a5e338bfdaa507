package audit

import (
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/rules/internal/scan"
	"github.com/isolate-dev/isolate/syntax"
)

// ipcListenerLeak finds bridge functions that add an ipcRenderer listener and give the page no way to remove it,
// and removal functions that cannot work across the bridge. Functions are proxied, so the function a page passes
// to `removeListener(channel, fn)` is never the one that was registered: nothing is removed, and listeners pile up
// every time a component mounts.
var ipcListenerLeak = codemod.Register(&codemod.Rule{
	ID:       "ipc-listener-leak",
	Doc:      "a bridge function adds an IPC listener the page cannot remove",
	Severity: codemod.Low,
	Ref:      "https://www.electronjs.org/docs/latest/api/context-bridge#parameter--error--return-type-support",
	For:      codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		f := p.File.File
		ipcNames := scan.IPCRendererPaths(f)
		for _, e := range scan.Exposures(p.File) {
			for _, x := range e.Fns {
				params := scan.ParamNames(f, x.Fn)
				for _, c := range scan.IPCCalls(f, x.Fn, ipcNames) {
					switch c.Method {
					case "on", "addListener", "prependListener":
						if jsutil.EnclosingFunction(c.Call) == x.Fn && !returnsFunction(f, x.Fn) {
							p.Reportf(c.Call, "%s adds an ipcRenderer listener and returns no way to remove it, so "+
								"listeners pile up each time the page subscribes; return an unsubscribe function: "+
								"const l = (_e, ...a) => cb(...a); ipcRenderer.on(ch, l); return () => "+
								"ipcRenderer.removeListener(ch, l)", x.Name)
						}
					case "removeListener", "off":
						if fn := jsutil.Arg(c.Call, 1); fn.Is("identifier") && params[f.Text(fn)] {
							p.Report(codemod.Diagnostic{Start: c.Call.Start, End: c.Call.End, Severity: codemod.Medium,
								Message: x.Name + " removes the function the page passes in, but the bridge hands " +
									"the preload a proxy, never the function that was registered, so nothing is " +
									"removed; have the subscribe method return its own unsubscribe function"})
						}
					}
				}
			}
		}
	},
})

// returnsFunction reports whether a function returns a function: an arrow or function expression, or a variable
// holding one, from a return statement of its own body (or as an arrow's expression body).
func returnsFunction(f *syntax.File, fn *syntax.Node) bool {
	body := jsutil.Body(fn)
	isFn := func(n *syntax.Node) bool {
		n = syntax.Unwrap(n)
		if jsutil.IsFunction(n) {
			return true
		}
		if n.Is("identifier") {
			name := f.Text(n)
			for _, d := range body.Find("variable_declarator") {
				if f.Text(d.Child("name")) == name && jsutil.IsFunction(syntax.Unwrap(d.Child("value"))) {
					return true
				}
			}
			return jsutil.Function(f, n) != nil
		}
		return false
	}
	if !body.Is("statement_block") {
		return isFn(body)
	}
	found := false
	body.Walk(func(n *syntax.Node) bool {
		if found || n != body && jsutil.IsFunction(n) {
			return false
		}
		if n.Is("return_statement") {
			for _, v := range n.NamedChildren() {
				if isFn(v) {
					found = true
				}
			}
		}
		return true
	})
	return found
}
