package codemod

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/isolate-dev/isolate/syntax"
	"github.com/isolate-dev/isolate/walk"
)

// OldestSupportedElectron is the oldest Electron major that still gets security fixes. Electron supports the latest
// three stable majors; in November 2026 the npm registry's newest releases are 45.4, 44.11 and 43.8 (all published
// 2026-11-19) while 42 had its last release in October, so 43 is the oldest supported. Raise it when a new major
// ships (about every eight weeks).
const OldestSupportedElectron = 43

// The dependency's key, not "electron" in keywords or a description.
var (
	electronKey       = regexp.MustCompile(`"electron"\s*:`)
	lockedElectronKey = regexp.MustCompile(`"node_modules/electron"\s*:`)
)

// electronVersion finds apps on an Electron major that no longer gets Chromium and Node security fixes.
var electronVersion = Register(&Rule{
	ID:       "electron-version",
	Doc:      "the app depends on an Electron major that no longer gets security fixes",
	Severity: High,
	Ref:      checklist("16-use-a-current-version-of-electron"),
	For:      ForCheck,
	RunProject: func(pp *ProjectPass) {
		v := pp.Facts.Electron
		if !v.Before(OldestSupportedElectron) {
			return
		}
		source := v.Source
		if source == "" {
			source = "package.json"
		}
		d := Diagnostic{Path: source, Pos: syntax.Position{Line: 1, Column: 1},
			Message: fmt.Sprintf("the app uses Electron %s, which no longer gets Chromium and Node.js security fixes "+
				"(Electron supports its latest three majors; the oldest supported is %d); upgrade, reading "+
				"Electron's breaking-changes document for each major you cross", v.Raw, OldestSupportedElectron)}
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
