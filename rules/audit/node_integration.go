package audit

import (
	"fmt"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/webprefs"
)

var nodeIntegrationKeys = []string{"nodeIntegration", "nodeIntegrationInSubFrames", "nodeIntegrationInWorker"}

// nodeIntegration finds Node.js turned on for page code: nodeIntegration, nodeIntegrationInSubFrames or
// nodeIntegrationInWorker set, a <webview nodeintegration>, a window.open feature string, or nodeIntegration absent
// in an app whose Electron version defaults it to true (before 5).
var nodeIntegration = codemod.Register(&codemod.Rule{
	ID:       "node-integration",
	Doc:      "Node.js integration is on for page code (windows, subframes, workers, <webview>, window.open)",
	Severity: codemod.High,
	Ref:      checklist("2-do-not-enable-nodejs-integration-for-remote-content"),
	For:      codemod.ForCheck,
	Run:      preferenceRun(nodeIntegrationKeys, judgeNodeIntegration),
	RunProject: func(pp *codemod.ProjectPass) {
		preferencePages(pp, nodeIntegrationKeys, judgeNodeIntegration)
		unsafe, sev, clause := defaultUnsafe(pp.Facts.Electron, 5)
		if !unsafe {
			return
		}
		for _, w := range readableWindows(pp.Facts) {
			if !w.keys["nodeIntegration"] {
				reportWindow(pp, w, sev, "this %s leaves nodeIntegration unset, and %s true: any script in the page "+
					"can use require and the file system; set nodeIntegration: false and move Node work behind a "+
					"contextBridge API", w.Constructor, clause)
			}
		}
	},
})

func judgeNodeIntegration(s webprefs.Setting) (codemod.Severity, string, bool) {
	scope := map[string]string{
		"nodeIntegration":            "any script in the page",
		"nodeIntegrationInSubFrames": "any script in any frame of the page, including third-party iframes,",
		"nodeIntegrationInWorker":    "any web worker the page starts",
	}[s.Key]
	switch {
	case s.Value.Known && s.Value.Bool:
		return 0, fmt.Sprintf("%s is on (%s): %s can use require, the file system and child processes; turn it "+
			"off and move Node work into the main process behind one contextBridge method per message", s.Key,
			setAs(s), scope), true
	case !s.Value.Known:
		return codemod.Medium, fmt.Sprintf("%s is %s, so it may be on in some builds; set it to the literal false", s.Key,
			setAs(s)), true
	}
	return 0, "", false
}
