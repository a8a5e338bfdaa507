package audit

import (
	"strconv"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
)

// isolatedWorldID finds exposeInIsolatedWorld calls with a world ID below 1000 other than the two Electron
// documents: 0 (the page's main world) and 999 (the world of Electron's context isolation, where preloads run).
// Other low IDs may be used by Chromium or extensions; Electron recommends 1000 and above.
var isolatedWorldID = codemod.Register(&codemod.Rule{
	ID:       "isolated-world-id",
	Doc:      "exposeInIsolatedWorld uses a world ID below 1000 that Electron does not document",
	Severity: codemod.Low,
	Ref:      "https://www.electronjs.org/docs/latest/api/context-bridge#contextbridgeexposeinisolatedworldworldid-apikey-api",
	For:      codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		f := p.File.File
		for _, call := range f.Root.Find("call_expression") {
			if jsutil.Last(jsutil.Callee(f, call)) != "exposeInIsolatedWorld" {
				continue
			}
			arg := jsutil.Arg(call, 0)
			if !arg.Is("number") {
				continue
			}
			id, err := strconv.Atoi(f.Text(arg))
			if err != nil || id >= 1000 || id == 0 || id == 999 {
				continue
			}
			p.Reportf(arg, "world ID %d is below 1000 and is not one Electron documents (0 is the page's world, "+
				"999 the preload's); use an ID of 1000 or more so the world is the app's alone", id)
		}
	},
})
