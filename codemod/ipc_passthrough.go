package codemod

import (
	"github.com/isolate-dev/isolate/codemod/internal/jsutil"
	"github.com/isolate-dev/isolate/syntax"
)

// channelMethods are the ipcRenderer methods whose first argument is a channel.
var channelMethods = map[string]bool{"send": true, "invoke": true, "sendSync": true, "on": true, "once": true,
	"addListener": true, "removeListener": true, "off": true, "removeAllListeners": true, "postMessage": true,
	"sendToHost": true}

// ipcPassthrough finds bridge functions that let the page pick the IPC channel: `send: (channel, ...args) =>
// ipcRenderer.send(channel, ...args)`, or an ipcRenderer method exposed as it is. Any script in the page can then
// send any message the main process handles. An allowlist check in front of the call makes it low: still a
// generic bridge, where one method per message would make the API explicit and typed.
var ipcPassthrough = Register(&Rule{
	ID:       "ipc-passthrough",
	Doc:      "the bridge lets page code choose the IPC channel (a generic send/invoke/on passthrough)",
	Severity: High,
	Ref:      checklist("20-do-not-expose-electron-apis-to-untrusted-web-content"),
	For:      ForCheck,
	Run: func(p *Pass) {
		f := p.File.File
		ipcNames := ipcRendererPaths(f)
		toolkit := map[string]bool{}
		for _, imp := range jsutil.Imports(f) {
			if imp.Module == "@electron-toolkit/preload" {
				for name, local := range imp.Names {
					if name == "electronAPI" || name == "default" {
						toolkit[local] = true
					}
				}
			}
		}
		for _, e := range exposures(p.File) {
			if arg := exposedArg(f, e); arg.Is("identifier") && toolkit[f.Text(arg)] {
				p.Reportf(arg, "%s from @electron-toolkit/preload exposes ipcRenderer.send, invoke, sendSync and on for "+
					"any channel (and hands the page the raw IpcRendererEvent); expose your own API with one method "+
					"per message instead", f.Text(arg))
				continue
			}
			if obj := jsutil.Object(f, e.value); obj != nil {
				for _, prop := range jsutil.Props(f, obj) {
					path := jsutil.Path(f, prop.Value)
					if recv := jsutil.Receiver(path); (ipcNames[recv] || jsutil.Last(recv) == "ipcRenderer") &&
						channelMethods[jsutil.Last(path)] {
						p.Reportf(prop.Node, "%s.%s is ipcRenderer.%s itself: page code can use any channel; expose "+
							"one method per message instead (saveFile: (data) => ipcRenderer.invoke('save-file', "+
							"data))", e.key, prop.Key, jsutil.Last(path))
					}
				}
			}
			// Calls outside the exposed functions the tool can name: a Proxy whose get trap takes the channel as
			// the property name, a factory that builds the methods.
			for _, c := range ipcCalls(f, e.value, ipcNames) {
				if !channelMethods[c.method] || insideAny(c.call, e.fns) {
					continue
				}
				params := map[string]bool{}
				for fn := jsutil.EnclosingFunction(c.call); fn != nil && e.value.Contains(fn); fn = jsutil.EnclosingFunction(fn) {
					for n := range paramNames(f, fn) {
						params[n] = true
					}
				}
				if ch := jsutil.Arg(c.call, 0); ch != nil && mentionsAny(f, ch, params) && !guardedBefore(f, e.value, c.call, params) {
					p.Reportf(c.call, "window.%s passes a page-chosen channel (%s) to ipcRenderer.%s, so any script "+
						"in the page can use any channel; expose one method per message instead", e.key, f.Text(ch),
						c.method)
				}
			}
			for _, x := range e.fns {
				params := paramNames(f, x.fn)
				for _, c := range ipcCalls(f, x.fn, ipcNames) {
					ch := jsutil.Arg(c.call, 0)
					if !channelMethods[c.method] || ch == nil || !mentionsAny(f, ch, params) {
						continue
					}
					if guardedBefore(f, x.fn, c.call, params) {
						p.Report(Diagnostic{Start: c.call.Start, End: c.call.End, Severity: Low,
							Message: x.name + " passes a page-chosen channel to ipcRenderer." + c.method + " behind " +
								"an allowlist check; one method per message would make the API explicit and typed " +
								"(isolate's bridge: saveFile: (data) => ipcRenderer.invoke('save-file', data))"})
						continue
					}
					what := "send any message the main process handles"
					switch c.method {
					case "on", "once", "addListener":
						what = "listen on any channel the main process sends on"
					case "removeListener", "off", "removeAllListeners":
						what = "remove the app's own listeners from any channel"
					}
					p.Reportf(c.call, "%s passes a page-chosen channel (%s) to ipcRenderer.%s, so any script in "+
						"the page can %s; expose one method per message instead (saveFile: (data) => "+
						"ipcRenderer.invoke('save-file', data), onFileSaved: (cb) => …)", x.name, f.Text(ch),
						c.method, what)
				}
			}
		}
	},
})

// exposedArg returns the expression a contextBridge call exposes as written (not followed), or nil.
func exposedArg(f *syntax.File, e exposure) *syntax.Node {
	if !e.at.Is("call_expression") {
		return nil
	}
	return jsutil.Arg(e.at, exposeMethods[jsutil.Last(jsutil.Callee(f, e.at))])
}

func insideAny(n *syntax.Node, fns []exposedFn) bool {
	for _, x := range fns {
		if x.fn.Contains(n) {
			return true
		}
	}
	return false
}
