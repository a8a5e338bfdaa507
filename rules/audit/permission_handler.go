package audit

import (
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
)

// permissionHandler finds apps that load remote content but never decide which permissions (camera, microphone,
// notifications, geolocation, openExternal) it gets: without setPermissionRequestHandler, Electron grants them all.
var permissionHandler = codemod.Register(&codemod.Rule{
	ID:       "permission-handler",
	Doc:      "remote content is loaded but no permission request handler limits what it may use",
	Severity: codemod.Medium,
	Ref:      checklist("5-handle-session-permission-requests-from-remote-content"),
	For:      codemod.ForCheck,
	RunProject: func(pp *codemod.ProjectPass) {
		for _, path := range pp.Facts.Paths() {
			f := pp.Facts.Files[path].File
			for _, call := range f.Root.Find("call_expression") {
				if jsutil.Last(jsutil.Callee(f, call)) == "setPermissionRequestHandler" {
					return
				}
			}
		}
		path, start, end, ok := remoteLoads(pp.Facts)
		if !ok {
			return
		}
		d := codemod.Diagnostic{Path: path, Start: start, End: end,
			Message: "the app loads remote content but never calls session.setPermissionRequestHandler, so " +
				"Electron grants every permission it asks for (camera, microphone, geolocation, notifications); add a " +
				"handler that denies by default and allows only what each origin needs"}
		if page := pp.Facts.Pages[path]; page != nil {
			reportPage(pp, page, start, end, 0, "%s", d.Message)
			return
		}
		pp.Report(d)
	},
})
