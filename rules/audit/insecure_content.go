package audit

import (
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/webprefs"
)

// insecureContent finds allowRunningInsecureContent, which lets https pages run scripts and styles loaded over
// http.
var insecureContent = codemod.Register(&codemod.Rule{
	ID:       "insecure-content",
	Doc:      "allowRunningInsecureContent lets https pages run http scripts",
	Severity: codemod.High,
	Ref:      checklist("8-do-not-enable-allowrunninginsecurecontent"),
	For:      codemod.ForCheck,
	Run:      preferenceRun([]string{"allowRunningInsecureContent"}, judgeInsecureContent),
	RunProject: func(pp *codemod.ProjectPass) {
		preferencePages(pp, []string{"allowRunningInsecureContent"}, judgeInsecureContent)
	},
})

func judgeInsecureContent(s webprefs.Setting) (codemod.Severity, string, bool) {
	switch {
	case s.Value.Known && s.Value.Bool:
		return 0, "allowRunningInsecureContent is on (" + setAs(s) + "): https pages may run scripts and styles " +
			"loaded over http, which anyone on the network can replace; remove it", true
	case !s.Value.Known:
		return codemod.Medium, "allowRunningInsecureContent is " + setAs(s) + ", so it may be on in some builds; remove it", true
	}
	return 0, "", false
}
