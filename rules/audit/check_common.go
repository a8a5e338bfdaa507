package audit

import (
	"fmt"
	"strings"
	"sync"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/htmlpage"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/rules/internal/scan"
	"github.com/isolate-dev/isolate/rules/internal/webprefs"
	"github.com/isolate-dev/isolate/syntax"
)

// This file holds what the check rules share: references into Electron's security checklist, the scanned HTML
// pages, the web preference settings of each file, and the windows whose absent keys fall back to the defaults of
// the app's Electron version.

const securityDoc = "https://www.electronjs.org/docs/latest/tutorial/security"

// checklist returns the address of an item of Electron's security checklist.
func checklist(anchor string) string { return securityDoc + "#" + anchor }

// The rules of a run read the same pages and settings many times; both are computed once per page and file. The
// caches hold their keys weakly and drop an entry when its file or page is collected, so a process that checks many
// apps (a test suite, an editor integration) does not keep them all.
var (
	scannedPages sync.Map // weak.Pointer[project.Page] → *htmlpage.Page
	fileSettings sync.Map // weak.Pointer[syntax.File] → []webprefs.Setting
)

func scanPage(p *project.Page) *htmlpage.Page {
	return codemod.Cached(&scannedPages, p, func() *htmlpage.Page { return htmlpage.Scan(p.Src) })
}

func settingsOf(f *syntax.File) []webprefs.Setting {
	return codemod.Cached(&fileSettings, f, func() []webprefs.Setting { return webprefs.InFile(f) })
}

// reportPage records a finding in an HTML page, whose positions the engine cannot compute (pages are not parsed
// files).
func reportPage(pp *codemod.ProjectPass, page *project.Page, start, end int, sev codemod.Severity, format string, args ...any) {
	pp.Report(codemod.Diagnostic{Path: page.Path, Start: start, End: end, Severity: sev,
		Pos: syntax.PositionIn(page.Src, nil, start), Message: fmt.Sprintf(format, args...)})
}

// settingFinding decides whether one setting of a preference is unsafe: the severity (0 for the rule's) and the
// message, or ok false when the setting is fine.
type settingFinding func(s webprefs.Setting) (sev codemod.Severity, msg string, ok bool)

// preferenceRun reports the unsafe settings of a file; the rule's RunProject does the same for pages.
func preferenceRun(keys []string, judge settingFinding) func(*codemod.Pass) {
	return func(p *codemod.Pass) {
		for _, s := range settingsOf(p.File.File) {
			if !containsString(keys, s.Key) {
				continue
			}
			if sev, msg, ok := judge(s); ok {
				p.Report(codemod.Diagnostic{Start: s.Start, End: s.End, Severity: sev, Message: msg})
			}
		}
	}
}

func preferencePages(pp *codemod.ProjectPass, keys []string, judge settingFinding) {
	for _, path := range scan.PagePaths(pp.Facts) {
		page := pp.Facts.Pages[path]
		for _, s := range webprefs.InPage(scanPage(page)) {
			if !containsString(keys, s.Key) {
				continue
			}
			if sev, msg, ok := judge(s); ok {
				reportPage(pp, page, s.Start, s.End, sev, "%s", msg)
			}
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// setAs describes where and how a setting was written, for messages: "nodeIntegration: true in webPreferences".
func setAs(s webprefs.Setting) string {
	switch {
	case strings.HasPrefix(s.Where, "a <webview"):
		return "set by " + s.Where
	case !s.Value.Known:
		return fmt.Sprintf("computed (%s) in %s", s.Value.Str, s.Where)
	}
	return "set in " + s.Where
}

// windowPrefs is one window whose webPreferences can be read completely, so an absent key really is absent.
type windowPrefs struct {
	*project.Window
	file *project.File
	// keys are the preferences the window's options set, by name.
	keys map[string]bool
}

// readableWindows returns the windows whose options are object literals without spreads: only for those does a
// missing key mean the Electron default applies. Keys assigned later in the file (opts.webPreferences.x = …) count
// as set.
func readableWindows(facts *project.Facts) []windowPrefs {
	var out []windowPrefs
	for _, w := range facts.Windows {
		file := facts.Files[w.File]
		if file == nil {
			continue
		}
		if len(jsutil.Args(w.New)) == 0 { // new BrowserWindow(): every key takes its default
			out = append(out, windowPrefs{Window: w, file: file, keys: map[string]bool{}})
			continue
		}
		if w.Options == nil || jsutil.HasSpread(w.Options) {
			continue
		}
		wp := jsutil.Lookup(file.File, w.Options, "webPreferences")
		if wp.Node != nil && (w.WebPreferences == nil || jsutil.HasSpread(w.WebPreferences)) {
			continue
		}
		keys := map[string]bool{}
		for _, p := range jsutil.Props(file.File, w.WebPreferences) {
			keys[p.Key] = true
		}
		for _, s := range settingsOf(file.File) {
			if s.Where == "webPreferences" {
				if n := nodeAt(file.File, s.Start); n.Is("assignment_expression") {
					keys[s.Key] = true
				}
			}
		}
		out = append(out, windowPrefs{Window: w, file: file, keys: keys})
	}
	return out
}

// nodeAt returns the outermost node that starts at offset below the root.
func nodeAt(f *syntax.File, offset int) *syntax.Node {
	var found *syntax.Node
	f.Root.Walk(func(n *syntax.Node) bool {
		if found != nil || n.End <= offset || n.Start > offset {
			return false
		}
		if n.Start == offset && n != f.Root && !n.Is("expression_statement") {
			found = n
			return false
		}
		return true
	})
	return found
}

// versionSays explains a default that depends on the Electron version: "Electron 11.2.0 (package.json)".
func versionSays(v project.Version) string {
	if v.Source != "" {
		return fmt.Sprintf("Electron %s (%s)", v, v.Source)
	}
	return "Electron " + v.String()
}

// defaultUnsafe says whether a key absent from a window's options takes an unsafe value: true when the app's
// Electron version is older than since (the version the safe default came in), and also when the version could not
// be read, since the audit cannot assume it is new; that case is reported as low, asking for the key to be written
// out. clause completes "…leaves contextIsolation unset, and <clause> <unsafe value>".
func defaultUnsafe(v project.Version, since int) (unsafe bool, sev codemod.Severity, clause string) {
	switch {
	case v.Before(since):
		return true, 0, versionSays(v) + " defaults it to"
	case !v.Known:
		return true, codemod.Low, fmt.Sprintf("isolate could not read the app's Electron version (%s); Electron before %d defaults it to", v.Unknown(), since)
	}
	return false, 0, ""
}

// reportWindow records a finding about a window as a whole, at its constructor call.
func reportWindow(pp *codemod.ProjectPass, w windowPrefs, sev codemod.Severity, format string, args ...any) {
	pp.Report(codemod.Diagnostic{Path: w.File, Start: w.New.Start, End: w.New.End, Severity: sev,
		Message: fmt.Sprintf(format, args...)})
}
