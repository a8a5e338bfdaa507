package audit

import (
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/webprefs"
)

// experimentalFeatures finds Chromium's experimental web platform features turned on.
var experimentalFeatures = codemod.Register(&codemod.Rule{
	ID:       "experimental-features",
	Doc:      "experimentalFeatures turns on Chromium's experimental web platform features",
	Severity: codemod.Medium,
	Ref:      checklist("9-do-not-enable-experimental-features"),
	For:      codemod.ForCheck,
	Run:      preferenceRun([]string{"experimentalFeatures"}, judgeExperimental),
	RunProject: func(pp *codemod.ProjectPass) {
		preferencePages(pp, []string{"experimentalFeatures"}, judgeExperimental)
	},
})

func judgeExperimental(s webprefs.Setting) (codemod.Severity, string, bool) {
	if s.Value.Known && !s.Value.Bool {
		return 0, "", false
	}
	return 0, "experimentalFeatures is on (" + setAs(s) + "): experimental features are untested for security; " +
		"remove it and use the specific stable feature you need", true
}
