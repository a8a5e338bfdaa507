package audit

import (
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/syntax"
)

// limitNavigation finds apps whose windows may navigate anywhere: no will-navigate handler at all, or handlers that
// never call event.preventDefault().
var limitNavigation = codemod.Register(&codemod.Rule{
	ID:       "limit-navigation",
	Doc:      "navigation is not limited with a will-navigate handler",
	Severity: codemod.Medium,
	Ref:      checklist("13-disable-or-limit-navigation"),
	For:      codemod.ForCheck,
	RunProject: func(pp *codemod.ProjectPass) {
		handlers := eventHandlers(pp.Facts, "will-navigate")
		if len(handlers) == 0 {
			if w := firstWindow(pp.Facts); w != nil {
				pp.Report(codemod.Diagnostic{Path: w.File, Start: w.New.Start, End: w.New.End,
					Message: "no will-navigate handler limits where the app's windows may navigate, so a link or a " +
						"script can take a window (and its preload's API) to any site; handle will-navigate on every " +
						"webContents (app.on('web-contents-created')) and call event.preventDefault() for URLs " +
						"outside the app"})
			}
			return
		}
		for _, h := range handlers {
			if h.Fn != nil && !callsMethod(h.file.File, h.Fn, "preventDefault") {
				pp.Report(codemod.Diagnostic{Path: h.file.Path, Start: h.Call.Start, End: h.Call.End,
					Message: "this will-navigate handler never calls event.preventDefault(), so it limits nothing; " +
						"prevent navigation to URLs outside the app"})
			}
		}
	},
})

// limitNewWindows finds apps that do not control window.open and target=_blank: no setWindowOpenHandler (nor, for
// Electron before 22, a new-window handler), or handlers that never deny.
var limitNewWindows = codemod.Register(&codemod.Rule{
	ID:       "limit-new-windows",
	Doc:      "new windows are not limited with setWindowOpenHandler",
	Severity: codemod.Medium,
	Ref:      checklist("14-disable-or-limit-creation-of-new-windows"),
	For:      codemod.ForCheck,
	RunProject: func(pp *codemod.ProjectPass) {
		var openHandlers []eventHandler
		for _, path := range pp.Facts.Paths() {
			file := pp.Facts.Files[path]
			for _, call := range file.Root.Find("call_expression") {
				if jsutil.Last(jsutil.Callee(file.File, call)) == "setWindowOpenHandler" {
					openHandlers = append(openHandlers, eventHandler{file: file, Call: call,
						Fn: jsutil.Function(file.File, jsutil.Arg(call, 0))})
				}
			}
		}
		legacy := eventHandlers(pp.Facts, "new-window")
		if len(openHandlers) == 0 && len(legacy) == 0 {
			if w := firstWindow(pp.Facts); w != nil {
				pp.Report(codemod.Diagnostic{Path: w.File, Start: w.New.Start, End: w.New.End,
					Message: "no setWindowOpenHandler limits the windows pages may open (window.open, " +
						"target=_blank), and new windows inherit their opener's settings; call " +
						"webContents.setWindowOpenHandler on every webContents, deny by default and send external " +
						"https links to shell.openExternal"})
			}
			return
		}
		for _, h := range openHandlers {
			if h.Fn != nil && !strings.Contains(h.file.Text(h.Fn), "deny") {
				pp.Report(codemod.Diagnostic{Path: h.file.Path, Start: h.Call.Start, End: h.Call.End,
					Message: "this setWindowOpenHandler never returns { action: 'deny' }, so every window a page " +
						"asks for opens; deny by default and allow only URLs the app expects"})
			}
		}
		for _, h := range legacy {
			if h.Fn != nil && !callsMethod(h.file.File, h.Fn, "preventDefault") {
				pp.Report(codemod.Diagnostic{Path: h.file.Path, Start: h.Call.Start, End: h.Call.End,
					Message: "this new-window handler never calls event.preventDefault(), so it limits nothing; " +
						"use setWindowOpenHandler (new-window was removed in Electron 22) and deny by default"})
			}
		}
	},
})

type eventHandler struct {
	file *project.File
	Call *syntax.Node
	// fn is nil when the handler is not defined in the file.
	Fn *syntax.Node
}

// eventHandlers finds every `x.on(event, fn)` (once, addListener) in the project.
func eventHandlers(facts *project.Facts, event string) []eventHandler {
	var out []eventHandler
	for _, path := range facts.Paths() {
		file := facts.Files[path]
		for _, call := range file.Root.Find("call_expression") {
			switch jsutil.Last(jsutil.Callee(file.File, call)) {
			case "on", "once", "addListener", "prependListener":
			default:
				continue
			}
			if ev, _ := file.StringValue(jsutil.Arg(call, 0)); ev == event {
				out = append(out, eventHandler{file: file, Call: call, Fn: jsutil.Function(file.File, jsutil.Arg(call, 1))})
			}
		}
	}
	return out
}

// callsMethod reports whether n contains a call of a method with the given name.
func callsMethod(f *syntax.File, n *syntax.Node, method string) bool {
	for _, call := range n.Find("call_expression") {
		if jsutil.Last(jsutil.Callee(f, call)) == method {
			return true
		}
	}
	return false
}

// firstWindow returns the first window main code creates (by path and position), where project-wide findings
// about windows are reported; nil when the app creates none.
func firstWindow(facts *project.Facts) *project.Window {
	var first *project.Window
	for _, w := range facts.Windows {
		if first == nil || w.File < first.File || w.File == first.File && w.New.Start < first.New.Start {
			first = w
		}
	}
	return first
}
