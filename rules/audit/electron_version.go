package audit

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/knowledge"
	"github.com/isolate-dev/isolate/syntax"
	"github.com/isolate-dev/isolate/walk"
)

// The dependency's key, not "electron" in keywords or a description.
var (
	electronKey       = regexp.MustCompile(`"electron"\s*:`)
	lockedElectronKey = regexp.MustCompile(`"node_modules/electron"\s*:`)
)

// electronVersion finds apps on an Electron major that no longer gets Chromium and Node security fixes.
var electronVersion = codemod.Register(&codemod.Rule{
	ID:       "electron-version",
	Doc:      "the app depends on an Electron major that no longer gets security fixes",
	Severity: codemod.High,
	Ref:      checklist("16-use-a-current-version-of-electron"),
	For:      codemod.ForCheck,
	RunProject: func(pp *codemod.ProjectPass) {
		v := pp.Facts.Electron
		if !v.Before(knowledge.OldestSupportedElectron) {
			return
		}
		source := v.Source
		if source == "" {
			source = "package.json"
		}
		d := codemod.Diagnostic{Path: source, Pos: syntax.Position{Line: 1, Column: 1},
			Message: fmt.Sprintf("the app uses Electron %s, which no longer gets Chromium and Node.js security fixes "+
				"(Electron supports its latest three majors; the oldest supported is %d); upgrade, reading "+
				"Electron's breaking-changes document for each major you cross", v.Raw, knowledge.OldestSupportedElectron)}
		if src, err := walk.ReadManifest(pp.Facts.Root, filepath.Join(pp.Facts.Root, filepath.FromSlash(source)), walk.MaxLockfileSize); err == nil {
			key := electronKey
			if source == "package-lock.json" {
				key = lockedElectronKey
			}
			if loc := key.FindIndex(src); loc != nil {
				end := loc[0] + strings.LastIndexByte(string(src[loc[0]:loc[1]]), '"') + 1
				d.Start, d.End, d.Pos = loc[0], end, syntax.PositionIn(src, nil, loc[0])
			}
		}
		pp.Report(d)
	},
})
