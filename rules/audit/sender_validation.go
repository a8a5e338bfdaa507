package audit

import (
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/syntax"
)

// ipcRegistrations are the methods that register an IPC handler on ipcMain or on a webContents' ipc.
var ipcRegistrations = map[string]bool{"handle": true, "handleOnce": true, "on": true, "once": true,
	"addListener": true}

// senderValidation finds IPC handlers in the main process that never look at who sent the message. Any frame can
// send IPC, including iframes and pages a window navigated to, so a handler must check event.senderFrame (or
// event.sender) before doing work.
var senderValidation = codemod.Register(&codemod.Rule{
	ID:       "sender-validation",
	Doc:      "an ipcMain handler never checks event.senderFrame or event.sender",
	Severity: codemod.Medium,
	Ref:      checklist("17-validate-the-sender-of-all-ipc-messages"),
	For:      codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		f := p.File.File
		for _, call := range f.Root.Find("call_expression") {
			callee := jsutil.Callee(f, call)
			recv := jsutil.Receiver(callee)
			onMain := jsutil.Last(recv) == "ipcMain" || strings.HasSuffix(recv, "ebContents.ipc") ||
				strings.HasSuffix(recv, "contents.ipc")
			if !ipcRegistrations[jsutil.Last(callee)] || !onMain {
				continue
			}
			channel := jsutil.Arg(call, 0)
			fn := jsutil.Function(f, jsutil.Arg(call, 1))
			if channel == nil || fn == nil || checksSender(f, fn) {
				continue
			}
			name := f.Text(channel)
			p.Report(codemod.Diagnostic{Start: call.Start, End: channel.End,
				Message: "the " + callee + "(" + name + ") handler never checks event.senderFrame: any frame, " +
					"including iframes and pages the window navigated to, can send this message; check " +
					"event.senderFrame.url against the app's own origin before doing any work"})
		}
	},
})

// checksSender reports whether a handler looks at the sender of its event: reads event.senderFrame, reads
// event.sender other than to reply through it, destructures either, or hands the event to another function (a
// shared validator).
func checksSender(f *syntax.File, fn *syntax.Node) bool {
	params := jsutil.Params(fn)
	if len(params) == 0 {
		return false
	}
	ev := params[0]
	if ev.Is("object_pattern") {
		for _, c := range ev.NamedChildren() {
			key := f.Text(c)
			if c.Is("pair_pattern") {
				key = f.Text(c.Child("key"))
			}
			if key == "senderFrame" || key == "sender" {
				return true
			}
		}
		return false
	}
	name := jsutil.ParamName(f, ev)
	if name == "" {
		return false
	}
	for _, use := range jsutil.Uses(f, jsutil.Body(fn), name) {
		parent := use.Parent
		switch {
		case parent.Is("arguments"):
			return true // validate(event), isTrusted(e.senderFrame) is caught below
		case parent.Is("member_expression") && parent.Child("object") == use:
			prop := f.Text(parent.Child("property"))
			if prop == "senderFrame" {
				return true
			}
			if prop == "sender" {
				outer := parent.Parent
				if outer.Is("member_expression") && outer.Child("object") == parent {
					switch f.Text(outer.Child("property")) {
					case "send", "sendToFrame", "postMessage":
						continue // replying, not checking
					}
				}
				return true
			}
		case parent.Is("variable_declarator") && parent.Child("value") == use:
			if parent.Child("name").Is("object_pattern") {
				for _, c := range parent.Child("name").NamedChildren() {
					if k := f.Text(c); k == "senderFrame" || k == "sender" ||
						c.Is("pair_pattern") && (f.Text(c.Child("key")) == "senderFrame" || f.Text(c.Child("key")) == "sender") {
						return true
					}
				}
			}
		}
	}
	return false
}
