package audit

import (
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/webprefs"
)

// contextIsolation finds windows whose preload shares the page's JavaScript world: contextIsolation set to false,
// or absent in an app whose Electron version still defaults it to false (before 12).
var contextIsolation = codemod.Register(&codemod.Rule{
	ID:       "context-isolation",
	Doc:      "contextIsolation is off, explicitly or by the app's Electron version default",
	Severity: codemod.High,
	Ref:      checklist("3-enable-context-isolation"),
	For:      codemod.ForCheck,
	Run:      preferenceRun([]string{"contextIsolation"}, judgeContextIsolation),
	RunProject: func(pp *codemod.ProjectPass) {
		preferencePages(pp, []string{"contextIsolation"}, judgeContextIsolation)
		unsafe, sev, clause := defaultUnsafe(pp.Facts.Electron, 12)
		if !unsafe {
			return
		}
		for _, w := range readableWindows(pp.Facts) {
			if !w.keys["contextIsolation"] {
				reportWindow(pp, w, sev, "this %s leaves contextIsolation unset, and %s false: the page shares its "+
					"JavaScript world with the preload and Electron's internals; set contextIsolation: true and "+
					"expose APIs with contextBridge (isolate migrate does both)", w.Constructor, clause)
			}
		}
	},
})

func judgeContextIsolation(s webprefs.Setting) (codemod.Severity, string, bool) {
	switch {
	case s.Value.Known && !s.Value.Bool:
		return 0, "contextIsolation is off (" + setAs(s) + "): the page shares its JavaScript world with the preload " +
			"and Electron's internals; set contextIsolation: true and expose APIs with contextBridge (isolate " +
			"migrate does both)", true
	case !s.Value.Known:
		return codemod.Medium, "contextIsolation is " + setAs(s) + ", so it may be off in some builds; set it to the literal " +
			"true", true
	}
	return 0, "", false
}
