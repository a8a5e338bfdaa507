package bridge

import "strings"

// EmitPreload writes the preload script: contextBridge.exposeInMainWorld(b.Key, api) where api has exactly one
// method per message. Invoke and send methods pass their declared parameters and nothing more; an onX(listener)
// method strips the IpcRendererEvent (whose sender would hand the page ipcRenderer itself) and returns its own
// unsubscribe function, because a listener proxied across the bridge loses its identity and cannot be removed
// with removeListener from the page. contract is the import specifier of the contract module.
func EmitPreload(b Bridge, lang Lang, contract string) ([]byte, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	events := b.messagesOf(Event)
	var w writer
	w.header(lang,
		"The preload runs in an isolated world of the sandboxed renderer. It can reach ipcRenderer; the page cannot.",
		"It hands the page one function per message and never ipcRenderer itself, an event object or a generic",
		"send(channel, ...). The build bundles it into one file whose only require is 'electron'.")

	if lang == TypeScript {
		if len(events) > 0 {
			w.line("import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'")
		} else {
			w.line("import { contextBridge, ipcRenderer } from 'electron'")
		}
		names := []string{"Channels", "type Api"}
		for _, m := range events {
			names = append(names, "type "+TypeName(m))
		}
		w.linef("import { %s } from %s", strings.Join(names, ", "), jsString(contract))
	} else {
		if len(events) > 0 {
			w.line("/** @import { IpcRendererEvent } from 'electron' */")
		}
		names := []string{"Api"}
		for _, m := range events {
			names = append(names, TypeName(m))
		}
		w.linef("/** @import { %s } from %s */", strings.Join(names, ", "), jsString(contract))
		w.line("import { contextBridge, ipcRenderer } from 'electron'")
		w.linef("import { Channels } from %s", jsString(contract))
	}
	w.line("")

	w.line(RegionStart(RegionAPI))
	if lang == TypeScript {
		w.line("const api: Api = {")
	} else {
		w.line("/** @type {Api} */")
		w.line("const api = {")
	}
	for _, m := range b.Messages {
		ch := "Channels." + m.Method
		params := paramList(m)
		callArgs := ch
		if params != "" {
			callArgs += ", " + params
		}
		switch m.Kind {
		case Invoke:
			w.linef("  %s: (%s) => ipcRenderer.invoke(%s),", m.Method, params, callArgs)
		case Send:
			w.linef("  %s: (%s) => ipcRenderer.send(%s),", m.Method, params, callArgs)
		case SendSync:
			w.linef("  %s: (%s) => ipcRenderer.sendSync(%s),", m.Method, params, callArgs)
		case Event:
			t := TypeName(m)
			w.linef("  %s: (listener) => {", m.Method)
			if lang == TypeScript {
				w.linef("    const forward = (_event: IpcRendererEvent, ...args: %s['args']) => listener(...args)", t)
			} else {
				w.linef("    /** @type {(event: IpcRendererEvent, ...args: %s['args']) => void} */", t)
				w.line("    const forward = (_event, ...args) => listener(...args)")
			}
			w.linef("    ipcRenderer.on(%s, forward)", ch)
			w.line("    return () => {")
			w.linef("      ipcRenderer.removeListener(%s, forward)", ch)
			w.line("    }")
			w.line("  },")
		}
	}
	w.line("}")
	w.line(RegionEnd(RegionAPI))
	w.line("")
	w.linef("contextBridge.exposeInMainWorld(%s, api)", jsString(b.Key))
	return w.bytes(), nil
}
