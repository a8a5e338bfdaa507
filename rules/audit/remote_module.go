package audit

import (
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/rules/internal/webprefs"
)

// remoteModule finds the remote module: enableRemoteModule, @electron/remote, and electron's own remote (removed in
// Electron 14). remote hands page code every main-process object.
var remoteModule = codemod.Register(&codemod.Rule{
	ID:       "remote-module",
	Doc:      "the remote module (enableRemoteModule, @electron/remote, electron.remote) is used",
	Severity: codemod.High,
	Ref:      "https://www.electronjs.org/docs/latest/breaking-changes#removed-remote-module",
	For:      codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		preferenceRun([]string{"enableRemoteModule"}, judgeRemote)(p)
		f := p.File.File
		electronNames := map[string]bool{}
		for _, imp := range jsutil.Imports(f) {
			switch {
			case imp.Module == "@electron/remote" || strings.HasPrefix(imp.Module, "@electron/remote/"):
				p.Reportf(imp.Node, "%s gives page code a handle on every main-process object and module; replace "+
					"each remote call with one IPC message handled in the main process (ipcMain.handle) and exposed "+
					"by the preload through contextBridge", imp.Module)
			case imp.Module == "electron":
				if _, ok := imp.Names["remote"]; ok {
					p.Reportf(imp.Node, "electron's remote module (removed in Electron 14) gives page code every "+
						"main-process object; replace each remote call with one IPC message handled in the main "+
						"process and exposed through contextBridge")
				}
				for _, k := range []string{"default", "*"} {
					if local := imp.Names[k]; local != "" {
						electronNames[local] = true
					}
				}
			}
		}
		for _, m := range f.Root.Find("member_expression") {
			obj := m.Child("object")
			if obj.Is("identifier") && electronNames[f.Text(obj)] && f.Text(m.Child("property")) == "remote" {
				p.Reportf(m, "electron.remote (removed in Electron 14) gives page code every main-process object; "+
					"replace each remote call with one IPC message handled in the main process")
			}
		}
	},
	RunProject: func(pp *codemod.ProjectPass) {
		preferencePages(pp, []string{"enableRemoteModule"}, judgeRemote)
		unsafe, sev, clause := defaultUnsafe(pp.Facts.Electron, 10)
		if !unsafe {
			return
		}
		for _, w := range readableWindows(pp.Facts) {
			if !w.keys["enableRemoteModule"] {
				reportWindow(pp, w, sev, "this %s leaves enableRemoteModule unset, and %s true: page code can reach "+
					"every main-process object; set enableRemoteModule: false (or upgrade Electron, which removed "+
					"remote)", w.Constructor, clause)
			}
		}
	},
})

func judgeRemote(s webprefs.Setting) (codemod.Severity, string, bool) {
	if s.Value.Known && !s.Value.Bool {
		return 0, "", false
	}
	return 0, "enableRemoteModule is on (" + setAs(s) + "): page code can reach every main-process object; remove " +
		"it and replace remote calls with IPC messages (isolate migrate removes the flag)", true
}
