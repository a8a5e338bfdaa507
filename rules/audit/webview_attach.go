package audit

import (
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/rules/internal/scan"
	"github.com/isolate-dev/isolate/syntax"
)

// webviewAttach checks the will-attach-webview handler, the one place an app can verify the options of every
// <webview> before it is created: it must exist when webviews are enabled, must not take the preload from the page,
// and should check what it attaches. Flags the handler weakens (webPreferences.nodeIntegration = true) are reported
// by the rule of that flag.
var webviewAttach = codemod.Register(&codemod.Rule{
	ID:       "webview-attach",
	Doc:      "<webview> options are not verified in a will-attach-webview handler, or the handler weakens them",
	Severity: codemod.Medium,
	Ref:      checklist("12-verify-webview-options-before-creation"),
	For:      codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		f := p.File.File
		for _, h := range attachHandlers(f) {
			if h.Fn == nil {
				continue
			}
			params := jsutil.Params(h.Fn)
			prefs, guest := "", ""
			if len(params) > 1 {
				prefs = jsutil.ParamName(f, params[1])
			}
			if len(params) > 2 {
				guest = jsutil.ParamName(f, params[2])
			}
			body := jsutil.Body(h.Fn)
			verifies := false
			body.Walk(func(n *syntax.Node) bool {
				path := jsutil.Path(f, n)
				switch {
				case n.Is("member_expression") && prefs != "" && (path == prefs+".preload" || path == prefs+".preloadURL"):
					verifies = true
					if a := n.Parent; a.Is("assignment_expression") && a.Child("left") == n && guest != "" &&
						len(jsutil.Uses(f, a.Child("right"), guest)) > 0 {
						p.Report(codemod.Diagnostic{Start: a.Start, End: a.End, Severity: codemod.High,
							Message: "the will-attach-webview handler takes the preload from the <webview> tag (" +
								guest + "), so page content picks the script that runs with the preload's rights; " +
								"delete " + prefs + ".preload instead, or set a fixed path"})
					}
				case n.Is("member_expression") && guest != "" && path == guest+".src":
					verifies = true
				case n.Is("call_expression") && jsutil.Last(jsutil.Callee(f, n)) == "preventDefault":
					verifies = true
				}
				return true
			})
			if !verifies {
				p.Report(codemod.Diagnostic{Start: h.Call.Start, End: h.Call.End, Severity: codemod.Low,
					Message: "this will-attach-webview handler neither strips webPreferences.preload nor checks " +
						"params.src; delete webPreferences.preload, force nodeIntegration off and call " +
						"event.preventDefault() for URLs the app does not expect"})
			}
		}
	},
	RunProject: func(pp *codemod.ProjectPass) {
		for _, path := range pp.Facts.Paths() {
			if len(attachHandlers(pp.Facts.Files[path].File)) > 0 {
				return
			}
		}
		// No handler anywhere: report the first place webviews are turned on or used.
		for _, path := range pp.Facts.Paths() {
			file := pp.Facts.Files[path]
			for _, s := range settingsOf(file.File) {
				if s.Key == "webviewTag" && (s.Value.Bool || !s.Value.Known) {
					pp.Report(codemod.Diagnostic{Path: path, Start: s.Start, End: s.End, Message: webviewNoHandler})
					return
				}
			}
		}
		if !hasMainCode(pp.Facts) {
			return
		}
		for _, path := range scan.PagePaths(pp.Facts) {
			page := pp.Facts.Pages[path]
			if tags := scanPage(page).Find("webview"); len(tags) > 0 {
				reportPage(pp, page, tags[0].Start, tags[0].End, 0, "%s", webviewNoHandler)
				return
			}
		}
	},
})

const webviewNoHandler = "the app uses <webview> but no will-attach-webview handler verifies its options; add " +
	"one on each webContents that deletes webPreferences.preload, forces nodeIntegration off and rejects " +
	"unexpected params.src"

type attachHandler struct{ Call, Fn *syntax.Node }

func attachHandlers(f *syntax.File) []attachHandler {
	var out []attachHandler
	for _, call := range f.Root.Find("call_expression") {
		if m := jsutil.Last(jsutil.Callee(f, call)); m != "on" && m != "once" && m != "addListener" {
			continue
		}
		if ev, _ := f.StringValue(jsutil.Arg(call, 0)); ev != "will-attach-webview" {
			continue
		}
		// fn is nil for a handler defined elsewhere: it still counts as a handler.
		out = append(out, attachHandler{Call: call, Fn: jsutil.Function(f, jsutil.Arg(call, 1))})
	}
	return out
}

// hasMainCode reports whether the facts include main-process code, without which a missing handler cannot be
// told from one the tool did not see.
func hasMainCode(facts *project.Facts) bool { return len(facts.WithRole(project.Main)) > 0 }
