package audit

import (
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
)

// fileProtocol finds pages loaded from file://. A file:// page has the rights of every local file (it can fetch
// them and frame them), and every file:// URL shares one origin; a custom protocol (protocol.handle) serving only
// the app's directory gives the page a real origin and nothing more.
var fileProtocol = codemod.Register(&codemod.Rule{
	ID:       "file-protocol",
	Doc:      "a page is loaded from file:// instead of a custom protocol",
	Severity: codemod.Low,
	Ref:      checklist("18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols"),
	For:      codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		f := p.File.File
		for _, load := range pageLoads(f) {
			file := load.Method == "loadFile()"
			for _, u := range load.urls {
				if strings.HasPrefix(strings.ToLower(u.text), "file:") {
					file = true
				}
			}
			if arg := jsutil.Arg(load.Call, 0); arg != nil && !file {
				for _, c := range arg.Find("call_expression") {
					if jsutil.Last(jsutil.Callee(f, c)) == "pathToFileURL" {
						file = true
					}
				}
				for _, pr := range arg.Find("pair") {
					if v, _ := f.StringValue(pr.Child("value")); f.Text(pr.Child("key")) == "protocol" && v == "file:" {
						file = true
					}
				}
			}
			if file {
				p.Reportf(load.Call, "%s loads the page from file://, which gives it read access to local files and "+
					"one origin shared with every other file; serve the app's directory from a custom protocol "+
					"(protocol.handle('app', …), refusing paths outside it) and load app://", load.Method)
			}
		}
	},
})
