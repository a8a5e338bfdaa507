package codemod

import (
	"github.com/isolate-dev/isolate/codemod/internal/jsutil"
	"github.com/isolate-dev/isolate/codemod/internal/webprefs"
)

// webSecurity finds the same-origin policy turned off: webSecurity: false, <webview disablewebsecurity>, or the
// disable-web-security command-line switch.
var webSecurity = Register(&Rule{
	ID:       "web-security",
	Doc:      "webSecurity is off (the same-origin policy is disabled)",
	Severity: High,
	Ref:      checklist("6-do-not-disable-websecurity"),
	For:      ForCheck,
	Run: func(p *Pass) {
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
	RunProject: func(pp *ProjectPass) { preferencePages(pp, []string{"webSecurity"}, judgeWebSecurity) },
})

func judgeWebSecurity(s webprefs.Setting) (Severity, string, bool) {
	switch {
	case s.Value.Known && !s.Value.Bool:
		return 0, "webSecurity is off (" + setAs(s) + "): the same-origin policy is disabled and http content may " +
			"run in https pages; remove it (the default is on)", true
	case !s.Value.Known:
		return Medium, "webSecurity is " + setAs(s) + ", so it may be off in some builds; remove it", true
	}
	return 0, "", false
}
