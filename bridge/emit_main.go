package bridge

import (
	"fmt"
	"strings"
)

// MainOptions says where the main-process IPC module finds what it imports.
type MainOptions struct {
	// Contract is the import specifier of the contract module.
	Contract string
	// Security is the import specifier of a module that exports isTrustedSender(event): boolean.
	Security string
}

// EmitMain writes the main-process side of the bridge: a Handlers type with one function per message the page
// sends, registerIpc(handlers) that installs one ipcMain.handle or ipcMain.on per message, and one typed
// sendX(webContents, ...) function per event. Every installed listener first checks event.senderFrame through
// isTrustedSender and then the runtime type of each argument whose declared type is a primitive (or an array of
// them), so handlers never run for another origin's frame or for arguments of the wrong type. Arguments of other
// types reach the handler typed unknown, so it must validate them before using them; the emitted code says so
// where it happens.
func EmitMain(b Bridge, lang Lang, opts MainOptions) ([]byte, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	incoming := b.messagesOf(Invoke, Send, SendSync)
	events := b.messagesOf(Event)
	var w writer
	w.header(lang,
		"Main-process side of the bridge: one ipcMain listener per message. Each refuses a sender that is not the",
		"app's own page and arguments of the wrong type before your handler (see handlers) runs.")

	var electronValues, electronTypes, contractTypes []string
	if len(incoming) > 0 {
		electronValues = append(electronValues, "ipcMain")
	}
	for _, k := range []Kind{Invoke, Send} {
		if len(b.messagesOf(k)) > 0 || (k == Send && len(b.messagesOf(SendSync)) > 0) {
			electronTypes = append(electronTypes, map[Kind]string{Invoke: "IpcMainInvokeEvent", Send: "IpcMainEvent"}[k])
		}
	}
	if len(events) > 0 {
		electronTypes = append(electronTypes, "WebContents")
	}
	for _, m := range b.Messages {
		contractTypes = append(contractTypes, TypeName(m))
	}
	if lang == TypeScript {
		imports := append([]string{}, electronValues...)
		for _, t := range electronTypes {
			imports = append(imports, "type "+t)
		}
		if len(imports) > 0 {
			w.linef("import { %s } from 'electron'", strings.Join(imports, ", "))
		}
		imports = []string{"Channels"}
		for _, t := range contractTypes {
			imports = append(imports, "type "+t)
		}
		w.linef("import { %s } from %s", strings.Join(imports, ", "), jsString(opts.Contract))
		if len(incoming) > 0 {
			w.linef("import { isTrustedSender } from %s", jsString(opts.Security))
		}
	} else {
		if len(electronTypes) > 0 {
			w.linef("/** @import { %s } from 'electron' */", strings.Join(electronTypes, ", "))
		}
		if len(contractTypes) > 0 {
			w.linef("/** @import { %s } from %s */", strings.Join(contractTypes, ", "), jsString(opts.Contract))
		}
		if len(electronValues) > 0 {
			w.linef("import { %s } from 'electron'", strings.Join(electronValues, ", "))
		}
		w.linef("import { Channels } from %s", jsString(opts.Contract))
		if len(incoming) > 0 {
			w.linef("import { isTrustedSender } from %s", jsString(opts.Security))
		}
	}
	w.line("")

	// Handlers.
	w.line(RegionStart(RegionHandlers))
	if lang == TypeScript {
		w.line("/** Your code for each message the page sends. It runs only after the checks in registerIpc. */")
		w.line("export interface Handlers {")
		for _, m := range incoming {
			w.linef("  /** %s */", docLine(m))
			w.linef("  %s%s", m.Method, handlerSignature(m, ": "))
		}
		w.line("}")
	} else {
		w.line("/**")
		w.line(" * Your code for each message the page sends. It runs only after the checks in registerIpc.")
		w.line(" * @typedef {{")
		for _, m := range incoming {
			w.linef(" *   %s%s,", m.Method, handlerSignature(m, ": "))
		}
		w.line(" * }} Handlers")
		w.line(" */")
	}
	w.line(RegionEnd(RegionHandlers))
	w.line("")

	if len(incoming) > 0 {
		if lang == TypeScript {
			w.line("/** Logs why a message was refused and returns the error an invoke rejects with. */")
			w.line("function refuse(channel: string, why: string): Error {")
		} else {
			w.line("/**")
			w.line(" * Logs why a message was refused and returns the error an invoke rejects with.")
			w.line(" * @param {string} channel")
			w.line(" * @param {string} why")
			w.line(" * @returns {Error}")
			w.line(" */")
			w.line("function refuse(channel, why) {")
		}
		w.line("  const error = new Error(`IPC ${channel} refused: ${why}`)")
		w.line("  console.warn(error.message)")
		w.line("  return error")
		w.line("}")
		w.line("")
	}

	// registerIpc.
	if lang == TypeScript {
		w.line("/** Installs one listener per message; the returned function removes them all. */")
		w.line("export function registerIpc(handlers: Handlers): () => void {")
	} else {
		w.line("/**")
		w.line(" * Installs one listener per message; the returned function removes them all.")
		w.line(" * @param {Handlers} handlers")
		w.line(" * @returns {() => void}")
		w.line(" */")
		w.line("export function registerIpc(handlers) {")
	}
	if len(incoming) == 0 {
		w.line("  void handlers")
	}
	w.line("  " + RegionStart(RegionRegister))
	for _, m := range incoming {
		emitListener(&w, m, lang)
	}
	w.line("  " + RegionEnd(RegionRegister))
	w.line("  return () => {")
	w.line("    " + RegionStart(RegionUnregister))
	for _, m := range incoming {
		if m.Kind == Invoke {
			w.linef("    ipcMain.removeHandler(Channels.%s)", m.Method)
		} else {
			w.linef("    ipcMain.removeAllListeners(Channels.%s)", m.Method)
		}
	}
	w.line("    " + RegionEnd(RegionUnregister))
	w.line("  }")
	w.line("}")
	w.line("")

	// Event senders.
	w.line(RegionStart(RegionEvents))
	for i, m := range events {
		if i > 0 {
			w.line("")
		}
		t := TypeName(m)
		if lang == TypeScript {
			w.linef("/** %s Received by window.%s.%s. */", docLine(m), b.Key, m.Method)
			w.linef("export function %s(target: WebContents, ...args: %s['args']): void {", EventSenderName(m), t)
		} else {
			w.line("/**")
			w.linef(" * %s Received by window.%s.%s.", docLine(m), b.Key, m.Method)
			w.line(" * @param {WebContents} target")
			w.linef(" * @param {%s['args']} args", t)
			w.line(" * @returns {void}")
			w.line(" */")
			w.linef("export function %s(target, ...args) {", EventSenderName(m))
		}
		w.line("  // A window being closed has no page left to tell.")
		w.linef("  if (!target.isDestroyed()) target.send(Channels.%s, ...args)", m.Method)
		w.line("}")
	}
	w.line(RegionEnd(RegionEvents))
	return w.bytes(), nil
}

// handlerSignature is the signature of m's handler after its name.
func handlerSignature(m Message, arrow string) string {
	t := TypeName(m)
	ev := "IpcMainEvent"
	if m.Kind == Invoke {
		ev = "IpcMainInvokeEvent"
	}
	sig := "(event: " + ev + ", ...args: " + handlerArgs(m) + ")" + arrow
	switch m.Kind {
	case Invoke:
		return sig + t + "['result'] | Promise<" + t + "['result']>"
	case SendSync:
		return sig + t + "['result']"
	default:
		return sig + "void"
	}
}

// handlerArgs is the type of the arguments m's handler receives: the contract's when registerIpc checks every
// one of them at run time, and otherwise a tuple in which each argument it cannot check (an object, a union, a
// named type) is unknown, so the handler has to validate it before TypeScript lets it be used. Typing such an
// argument as declared would tell the handler that data from the page has a shape nothing has checked.
func handlerArgs(m Message) string {
	t := TypeName(m)
	unchecked := false
	for i, p := range m.Params {
		if uncheckedParam(p, i) {
			unchecked = true
		}
	}
	if !unchecked {
		return t + "['args']"
	}
	elems := make([]string, len(m.Params))
	for i, p := range m.Params {
		label := paramName(p, i)
		if IsOptional(m, i) {
			label += "?"
		}
		typ := fmt.Sprintf("%s['args'][%d]", t, i)
		if uncheckedParam(p, i) {
			typ = "unknown"
		}
		elems[i] = label + ": " + typ
	}
	return "[" + strings.Join(elems, ", ") + "]"
}

// uncheckedParam reports whether registerIpc passes p on without a run-time check of its declared type.
func uncheckedParam(p Param, i int) bool {
	typ := orUnknown(p.Type)
	_, _, checked := argumentGuard(paramName(p, i), typ)
	return !checked && typ != "unknown"
}

// emitListener writes the ipcMain.handle or ipcMain.on call for one incoming message.
func emitListener(w *writer, m Message, lang Lang) {
	ch := "Channels." + m.Method
	params := []string{"event"}
	for i, p := range m.Params {
		name := paramName(p, i)
		if lang == TypeScript {
			params = append(params, name+": unknown")
		} else {
			params = append(params, "/** @type {unknown} */ "+name)
		}
	}
	register := "ipcMain.on"
	if m.Kind == Invoke {
		register = "ipcMain.handle"
	}
	w.linef("  %s(%s, (%s) => {", register, ch, strings.Join(params, ", "))

	// fail writes what happens to a refused message: an invoke rejects, a sendSync answers null so the page does
	// not hang, a send is dropped.
	fail := func(cond, reason string) {
		switch m.Kind {
		case Invoke:
			w.linef("    if (%s) throw refuse(%s, %s)", cond, ch, jsString(reason))
		default:
			w.linef("    if (%s) {", cond)
			w.linef("      refuse(%s, %s)", ch, jsString(reason))
			if m.Kind == SendSync {
				w.line("      event.returnValue = null")
			}
			w.line("      return")
			w.line("    }")
		}
	}
	fail("!isTrustedSender(event)", "sender is not the app page")

	args := []string{"event"}
	for i, p := range m.Params {
		name := paramName(p, i)
		typ := orUnknown(p.Type)
		if cond, reason, ok := argumentGuard(name, typ); ok {
			if IsOptional(m, i) {
				// Left out by the page, it arrives as undefined; only a value that is there is checked.
				if strings.Contains(cond, "||") {
					cond = "(" + cond + ")"
				}
				cond = fmt.Sprintf("%s !== undefined && %s", name, cond)
			}
			fail(cond, reason)
			args = append(args, name)
			continue
		}
		if typ == "unknown" {
			args = append(args, name)
			continue
		}
		w.linef("    // %s (%s) cannot be checked here: the handler gets it as unknown and must validate it.", name, typ)
		args = append(args, name)
	}
	call := fmt.Sprintf("handlers.%s(%s)", m.Method, strings.Join(args, ", "))
	switch m.Kind {
	case Invoke:
		w.line("    return " + call)
	case SendSync:
		w.line("    event.returnValue = " + call)
	default:
		w.line("    " + call)
	}
	w.line("  })")
}

// argumentGuard returns a condition that is true when the value in name does not have type typ, and the reason
// logged when it is, for the types whose check is exact at run time: string, number, boolean and arrays of them.
func argumentGuard(name, typ string) (cond, reason string, ok bool) {
	prim := map[string]bool{"string": true, "number": true, "boolean": true}
	t := strings.TrimSpace(typ)
	if prim[t] {
		return fmt.Sprintf("typeof %s !== '%s'", name, t), fmt.Sprintf("%s is not a %s", name, t), true
	}
	elem := ""
	if strings.HasSuffix(t, "[]") {
		elem = strings.TrimSpace(strings.TrimSuffix(t, "[]"))
	} else if strings.HasPrefix(t, "Array<") && strings.HasSuffix(t, ">") {
		elem = strings.TrimSpace(t[len("Array<") : len(t)-1])
	}
	if prim[elem] {
		return fmt.Sprintf("!Array.isArray(%s) || !%s.every((item) => typeof item === '%s')", name, name, elem),
			fmt.Sprintf("%s is not an array of %ss", name, elem), true
	}
	return "", "", false
}
