package main

import (
	"os"
	"path/filepath"
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

// The generated app packages itself with electron-builder and sets every fuse isolate check knows, to its safe
// state: check reads that configuration (without it, the same app is told its fuses are missing).
func TestCheckReadsTheScaffoldedFuses(t *testing.T) {
	files, err := scaffold.Render(scaffold.Options{Name: "fused", Lang: "ts", UI: "vanilla", PM: "npm"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := scaffold.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "electron-builder.yml")
	src, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runTest(t, nil, "check", "--fail-on", "info", dir); code != 0 {
		t.Fatalf("check on the generated app: exit %d\n%s", code, out)
	}
	for _, c := range []struct{ from, to, want string }{
		{"electronFuses:", "unrelatedKey:", "fuses-missing"},
		{"runAsNode: false", "runAsNode: true", "fuses-unsafe"},
		{"  onlyLoadAppFromAsar: true\n", "", "fuses-unsafe"},
	} {
		if !strings.Contains(string(src), c.from) {
			t.Fatalf("electron-builder.yml has no %q", c.from)
		}
		if err := os.WriteFile(config, []byte(strings.Replace(string(src), c.from, c.to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, out, _ := runTest(t, nil, "check", "--fail-on", "low", dir); code != 1 || !strings.Contains(out, c.want) {
			t.Errorf("%q → %q: exit %d, want %s:\n%s", c.from, c.to, code, c.want, out)
		}
	}
}
