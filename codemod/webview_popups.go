package codemod

import "github.com/isolate-dev/isolate/codemod/internal/webprefs"

// webviewPopups finds <webview allowpopups>, which lets guest pages open new windows.
var webviewPopups = Register(&Rule{
	ID:       "webview-popups",
	Doc:      "<webview allowpopups> lets guest content open new windows",
	Severity: Medium,
	Ref:      checklist("11-do-not-use-allowpopups-for-webviews"),
	For:      ForCheck,
	Run:      preferenceRun([]string{"allowpopups"}, judgeAllowPopups),
	RunProject: func(pp *ProjectPass) {
		preferencePages(pp, []string{"allowpopups"}, judgeAllowPopups)
	},
})

func judgeAllowPopups(s webprefs.Setting) (Severity, string, bool) {
	return 0, "allowpopups lets the guest page open new BrowserWindows with window.open; remove it, or limit new " +
		"windows with setWindowOpenHandler on the guest's webContents", s.Where == "a <webview> attribute"
}
