package audit

import (
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/rules/internal/scan"
	"github.com/isolate-dev/isolate/syntax"
)

// ipcRawEvent finds bridge functions that hand the IpcRendererEvent to a page callback: `on: (ch, cb) =>
// ipcRenderer.on(ch, cb)` or a listener that forwards its event argument. The event carries `sender` (the
// ipcRenderer itself), which gives the page a way to send any message.
var ipcRawEvent = codemod.Register(&codemod.Rule{
	ID:       "ipc-raw-event",
	Doc:      "the bridge passes the raw IpcRendererEvent to a page callback",
	Severity: codemod.Medium,
	Ref:      checklist("20-do-not-expose-electron-apis-to-untrusted-web-content"),
	For:      codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		f := p.File.File
		ipcNames := scan.IPCRendererPaths(f)
		for _, e := range scan.Exposures(p.File) {
			for _, x := range e.Fns {
				params := scan.ParamNames(f, x.Fn)
				for _, c := range scan.IPCCalls(f, x.Fn, ipcNames) {
					switch c.Method {
					case "on", "once", "addListener", "prependListener":
					default:
						continue
					}
					listener := jsutil.Arg(c.Call, 1)
					if listener == nil {
						continue
					}
					if listener.Is("identifier") && params[f.Text(listener)] {
						p.Reportf(listener, "%s registers the page's callback (%s) itself as the ipcRenderer listener, so it "+
							"receives the IpcRendererEvent (and event.sender, the ipcRenderer itself); wrap it: "+
							"(_event, ...args) => %s(...args)", x.Name, f.Text(listener), f.Text(listener))
						continue
					}
					if fn := jsutil.Function(f, listener); fn != nil && forwardsEvent(f, fn, params) {
						p.Reportf(listener, "%s's listener forwards the IpcRendererEvent to a page callback (and with "+
							"it event.sender, the ipcRenderer itself); drop the event: (_event, ...args) => cb(...args)",
							x.Name)
					}
				}
			}
		}
	},
})

// forwardsEvent reports whether a listener passes its first argument (the event), or all its arguments, to a call
// of one of the page's callbacks.
func forwardsEvent(f *syntax.File, listener *syntax.Node, callbacks map[string]bool) bool {
	params := jsutil.Params(listener)
	if len(params) == 0 {
		return false
	}
	first := params[0]
	event, rest := "", ""
	if first.Is("rest_pattern") {
		rest = jsutil.ParamName(f, first)
	} else {
		event = jsutil.ParamName(f, first)
	}
	if event == "" && rest == "" {
		return false
	}
	for _, call := range jsutil.Body(listener).Find("call_expression") {
		fn := syntax.Unwrap(call.Child("function"))
		name := f.Text(fn)
		if fn.Is("member_expression") && (f.Text(fn.Child("property")) == "call" || f.Text(fn.Child("property")) == "apply") {
			name = f.Text(fn.Child("object"))
		}
		if !callbacks[name] {
			continue
		}
		for _, a := range jsutil.Args(call) {
			a = syntax.Unwrap(a)
			switch {
			case event != "" && a.Is("identifier") && f.Text(a) == event:
				return true
			case rest != "" && a.Is("spread_element") && f.Text(a) == "..."+rest:
				return true
			case rest != "" && a.Is("identifier") && f.Text(a) == rest && f.Text(fn.Child("property")) == "apply":
				return true
			}
		}
	}
	return false
}
