package audit

import (
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/rules/internal/webprefs"
)

// webSecurity finds the same-origin policy turned off: webSecurity: false, <webview disablewebsecurity>, or the
// disable-web-security command-line switch.
var webSecurity = codemod.Register(&codemod.Rule{
	ID:       "web-security",
	Doc:      "webSecurity is off (the same-origin policy is disabled)",
	Severity: codemod.High,
	Ref:      checklist("6-do-not-disable-websecurity"),
	For:      codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		preferenceRun([]string{"webSecurity"}, judgeWebSecurity)(p)
		for _, call := range p.File.Root.Find("call_expression") {
			if jsutil.Last(jsutil.Callee(p.File.File, call)) != "appendSwitch" {
				continue
			}
			if sw, _ := p.File.StringValue(jsutil.Arg(call, 0)); sw == "disable-web-security" {
				p.Reportf(call, "the disable-web-security switch turns off the same-origin policy in every window; "+
					"remove it and serve what the page needs from the main process or a custom protocol")
			}
		}
	},
	RunProject: func(pp *codemod.ProjectPass) { preferencePages(pp, []string{"webSecurity"}, judgeWebSecurity) },
})

func judgeWebSecurity(s webprefs.Setting) (codemod.Severity, string, bool) {
	switch {
	case s.Value.Known && !s.Value.Bool:
		return 0, "webSecurity is off (" + setAs(s) + "): the same-origin policy is disabled and http content may " +
			"run in https pages; remove it (the default is on)", true
	case !s.Value.Known:
		return codemod.Medium, "webSecurity is " + setAs(s) + ", so it may be off in some builds; remove it", true
	}
	return 0, "", false
}
