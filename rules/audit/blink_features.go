package audit

import (
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/rules/internal/webprefs"
)

// blinkFeatures finds Blink features turned on by name (enableBlinkFeatures, or the enable-blink-features switch).
var blinkFeatures = codemod.Register(&codemod.Rule{
	ID:       "blink-features",
	Doc:      "enableBlinkFeatures turns on Blink features that are off by default",
	Severity: codemod.Medium,
	Ref:      checklist("10-do-not-use-enableblinkfeatures"),
	For:      codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		preferenceRun([]string{"enableBlinkFeatures"}, judgeBlinkFeatures)(p)
		for _, call := range p.File.Root.Find("call_expression") {
			if jsutil.Last(jsutil.Callee(p.File.File, call)) != "appendSwitch" {
				continue
			}
			if sw, _ := p.File.StringValue(jsutil.Arg(call, 0)); sw == "enable-blink-features" {
				p.Reportf(call, "the enable-blink-features switch turns on Blink features that are off by default for "+
					"a reason; remove it")
			}
		}
	},
	RunProject: func(pp *codemod.ProjectPass) {
		preferencePages(pp, []string{"enableBlinkFeatures"}, judgeBlinkFeatures)
	},
})

func judgeBlinkFeatures(s webprefs.Setting) (codemod.Severity, string, bool) {
	if s.Value.Known && s.Value.Str == "" {
		return 0, "", false
	}
	return 0, "enableBlinkFeatures turns on " + quoteOr(s.Value.Str, "Blink features") + " (" + setAs(s) + "): " +
		"features off by default are off for a reason; remove it", true
}

func quoteOr(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return "'" + s + "'"
}
