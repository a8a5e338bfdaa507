package audit

import (
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/webprefs"
)

// webviewPopups finds <webview allowpopups>, which lets guest pages open new windows.
var webviewPopups = codemod.Register(&codemod.Rule{
	ID:       "webview-popups",
	Doc:      "<webview allowpopups> lets guest content open new windows",
	Severity: codemod.Medium,
	Ref:      checklist("11-do-not-use-allowpopups-for-webviews"),
	For:      codemod.ForCheck,
	Run:      preferenceRun([]string{"allowpopups"}, judgeAllowPopups),
	RunProject: func(pp *codemod.ProjectPass) {
		preferencePages(pp, []string{"allowpopups"}, judgeAllowPopups)
	},
})

func judgeAllowPopups(s webprefs.Setting) (codemod.Severity, string, bool) {
	return 0, "allowpopups lets the guest page open new BrowserWindows with window.open; remove it, or limit new " +
		"windows with setWindowOpenHandler on the guest's webContents", s.Where == "a <webview> attribute"
}
