package main

import (
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/scaffold"
)

// TestCheckScaffoldedAppsHaveNoFindings renders every variant of `isolate new` in-process (no npm needed) and
// checks it: the app isolate generates must pass isolate's own audit with nothing to report, at any severity.
func TestCheckScaffoldedAppsHaveNoFindings(t *testing.T) {
	for _, lang := range scaffold.Langs {
		for _, ui := range scaffold.UIs {
			t.Run(lang+"-"+ui, func(t *testing.T) {
				files, err := scaffold.Render(scaffold.Options{Name: "audit-me", Lang: lang, UI: ui, PM: "npm"})
				if err != nil {
					t.Fatal(err)
				}
				dir := t.TempDir()
				if err := scaffold.Write(dir, files); err != nil {
					t.Fatal(err)
				}
				code, out, errOut := runTest(t, nil, "check", "--fail-on", "info", dir)
				if code != 0 || !strings.HasPrefix(out, "no findings in ") || errOut != "" {
					t.Errorf("isolate check on a new %s/%s app: exit %d\n%s%s", lang, ui, code, out, errOut)
				}
			})
		}
	}
}
