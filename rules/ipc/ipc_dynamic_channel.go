package ipc

import (
	"fmt"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
)

// IPCDynamicChannel reports main-process and preload code that names an IPC channel computed at run time: the
// bridge can only have one method per channel it knows, so the page reaches such a channel through nothing, or
// through a generic member restricted to the known channels, which refuses it. Page calls with such channels are
// reported by renderer-calls and renderer-ipc, where they are.
var IPCDynamicChannel = codemod.Register(&codemod.Rule{
	ID:       "ipc-dynamic-channel",
	Doc:      "main or preload code names an IPC channel computed at run time",
	Severity: codemod.Info,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/context-isolation#security-considerations",
	Roles:    project.Main | project.Preload,
	For:      codemod.ForMigrate | codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		if p.Facts.Channels == nil || p.File.Role.Has(project.Test) {
			return
		}
		for _, u := range p.Facts.Channels.Dynamic() {
			if u.File != p.File.Path || u.Side == project.SideRenderer {
				continue
			}
			what := "ipcMain." + u.Op
			if strings.HasPrefix(u.Op, "webContents.") {
				what = u.Op
			} else if u.Side == project.SidePreload {
				what = "ipcRenderer." + u.Op
			}
			values := ""
			if len(u.Values) > 0 {
				values = " (one of " + strings.Join(codemod.QuoteAll(u.Values), ", ") + ")"
			}
			p.Report(codemod.Diagnostic{Start: u.Call.Start, End: u.Call.End, Message: fmt.Sprintf(
				"%s names a channel computed at run time: %s%s; the bridge has one method per channel it knows, so the page cannot reach this one by a method of its own; use a fixed channel and pass the variable part as an argument",
				what, codemod.Clip(p.File.Text(u.Arg), 40), values)})
		}
	},
})
