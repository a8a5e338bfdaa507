package audit

import (
	"fmt"
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/rules/internal/webprefs"
)

// sandboxedPreloadModules are the only modules a sandboxed preload can require.
var sandboxedPreloadModules = map[string]bool{"electron": true, "events": true, "timers": true, "url": true,
	"node:events": true, "node:timers": true, "node:url": true}

// sandbox finds renderers that run without the Chromium sandbox: sandbox set to false, or absent where the
// default is off (before Electron 20, or when nodeIntegration is on). When the window's preload is the reason (it
// requires modules a sandboxed preload cannot), the message names them and says how to bundle.
var sandbox = codemod.Register(&codemod.Rule{
	ID:       "sandbox",
	Doc:      "the renderer runs without the process sandbox",
	Severity: codemod.Medium,
	Ref:      checklist("4-enable-process-sandboxing"),
	For:      codemod.ForCheck,
	RunProject: func(pp *codemod.ProjectPass) {
		if enablesSandbox(pp.Facts) {
			return // app.enableSandbox() sandboxes every renderer whatever the window says
		}
		for _, path := range pp.Facts.Paths() {
			file := pp.Facts.Files[path]
			for _, s := range settingsOf(file.File) {
				if s.Key != "sandbox" || s.Value.Known && s.Value.Bool {
					continue
				}
				msg := "sandbox is off (" + setAs(s) + "): a compromised renderer runs with the full rights of a " +
					"Node process; set sandbox: true"
				sev := codemod.Severity(0)
				if !s.Value.Known {
					sev, msg = codemod.Low, "sandbox is "+setAs(s)+", so it may be off in some builds; set it to the literal true"
				}
				if why := preloadReason(pp.Facts, windowAt(pp.Facts, path, s.Start)); why != "" {
					msg += "; " + why
				}
				pp.Report(codemod.Diagnostic{Path: path, Start: s.Start, End: s.End, Severity: sev, Message: msg})
			}
		}
		preferencePages(pp, []string{"sandbox"}, func(s webprefs.Setting) (codemod.Severity, string, bool) {
			return 0, "sandbox is off (" + setAs(s) + "): set sandbox=yes or drop it", !s.Value.Bool
		})
		for _, w := range readableWindows(pp.Facts) {
			if w.keys["sandbox"] {
				continue
			}
			var because string
			sev := codemod.Severity(0)
			unsafe, unknownSev, _ := defaultUnsafe(pp.Facts.Electron, 20)
			switch {
			case nodeIntegrationOn(w):
				because = "nodeIntegration is on, which turns the sandbox off"
			case unsafe && pp.Facts.Electron.Known:
				because = versionSays(pp.Facts.Electron) + " does not sandbox renderers by default"
			case unsafe:
				sev = unknownSev
				because = "isolate could not read the app's Electron version (" + pp.Facts.Electron.Unknown() +
					"), and Electron before 20 does not sandbox renderers by default"
			default:
				continue
			}
			msg := fmt.Sprintf("this %s runs its renderer without the process sandbox: sandbox is unset and %s; "+
				"set sandbox: true", w.Constructor, because)
			if why := preloadReason(pp.Facts, w.Window); why != "" {
				msg += "; " + why
			}
			reportWindow(pp, w, sev, "%s", msg)
		}
	},
})

func nodeIntegrationOn(w windowPrefs) bool {
	p := jsutil.Lookup(w.file.File, w.WebPreferences, "nodeIntegration")
	if p.Node == nil {
		return false
	}
	on, ok := jsutil.Bool(w.file.File, p.Value)
	return ok && on
}

// enablesSandbox reports whether main code calls app.enableSandbox().
func enablesSandbox(facts *project.Facts) bool {
	for _, file := range facts.WithRole(project.Main) {
		for _, call := range file.Root.Find("call_expression") {
			if jsutil.Last(jsutil.Callee(file.File, call)) == "enableSandbox" {
				return true
			}
		}
	}
	return false
}

// windowAt returns the window whose options contain the offset, or nil.
func windowAt(facts *project.Facts, path string, offset int) *project.Window {
	for _, w := range facts.Windows {
		if w.File != path {
			continue
		}
		if w.New.Start <= offset && offset < w.New.End ||
			w.Options != nil && w.Options.Start <= offset && offset < w.Options.End {
			return w
		}
	}
	return nil
}

// preloadReason says why a window's preload cannot run sandboxed, or "".
func preloadReason(facts *project.Facts, w *project.Window) string {
	if w == nil || w.Preload == "" {
		return ""
	}
	pre := facts.Files[w.Preload]
	if pre == nil {
		return ""
	}
	seen := map[string]bool{}
	for _, imp := range jsutil.Imports(pre.File) {
		if !sandboxedPreloadModules[imp.Module] && !strings.HasPrefix(imp.Module, "electron/") {
			seen[imp.Module] = true
		}
	}
	if len(seen) == 0 {
		return ""
	}
	mods := make([]string, 0, len(seen))
	for m := range seen {
		mods = append(mods, m)
	}
	sort.Strings(mods)
	return fmt.Sprintf("its preload %s requires %s, which a sandboxed preload cannot (only electron, events, timers "+
		"and url): move that work to the main process behind IPC, or bundle the preload into one file (esbuild, "+
		"webpack) so it requires only electron", w.Preload, strings.Join(mods, ", "))
}
