package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyTree copies the directory src into dst, keeping file modes.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}

type checkedFinding struct {
	Rule, File, Message string
	Line                int
}

func checkJSON(t *testing.T, dir string) []checkedFinding {
	t.Helper()
	code, out, errOut := runTest(t, nil, "check", "--format", "json", "--fail-on", "high", dir)
	if code > 1 {
		t.Fatalf("isolate check: exit %d: %s", code, errOut)
	}
	var doc struct{ Findings []checkedFinding }
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("isolate check --format json: %v\n%s", err, out)
	}
	return doc.Findings
}

// fixedByWebPreferences picks the check findings about what web-preferences always fixes in a window it rewrites:
// contextIsolation set to true and nodeIntegration to false. (It may keep enableRemoteModule while remote is still
// used, and sets sandbox only for a sandboxable preload, so those findings may stay.)
func fixedByWebPreferences(f checkedFinding) bool {
	switch f.Rule {
	case "context-isolation":
		return true
	case "node-integration": // the window flag; subframes and workers are not migrate's to change
		return strings.HasPrefix(f.Message, "nodeIntegration is on (set in webPreferences)") ||
			strings.Contains(f.Message, "leaves nodeIntegration unset")
	}
	return false
}

// TestCheckAfterMigrate migrates every fixture of testdata/migrate with `isolate migrate --yes` and checks the app
// before and after: a migration that fixed something leaves fewer findings, and none of the kinds it fixed.
func TestCheckAfterMigrate(t *testing.T) {
	apps, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "migrate", "*", "app"))
	if len(apps) == 0 {
		t.Skip("no migrate fixtures yet")
	}
	for _, app := range apps {
		name := filepath.Base(filepath.Dir(app))
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			copyTree(t, app, dir)
			before := checkJSON(t, dir)

			code, out, errOut := runTest(t, nil, "migrate", "--yes", "--json", dir)
			if code != 0 {
				t.Fatalf("isolate migrate --yes: exit %d\n%s", code, errOut)
			}
			var plan struct {
				Diagnostics []struct {
					Rule  string
					Fixed bool
				}
			}
			if err := json.Unmarshal([]byte(out), &plan); err != nil {
				t.Fatal(err)
			}
			fixed, unfixed := map[string]int{}, map[string]int{}
			for _, d := range plan.Diagnostics {
				if d.Fixed {
					fixed[d.Rule]++
				} else {
					unfixed[d.Rule]++
				}
			}

			after := checkJSON(t, dir)
			if len(fixed) > 0 && len(after) >= len(before) {
				t.Errorf("migration fixed %v but check finds %d findings after, %d before", fixed, len(after),
					len(before))
			}
			if len(after) > len(before) {
				t.Errorf("migration added findings: %d before, %d after", len(before), len(after))
			}
			// Of a kind the migration fixed, only what it reported as not fixed may remain.
			left := map[string]int{}
			for _, f := range after {
				if fixed[f.Rule] > 0 {
					left[f.Rule]++
				}
				if fixed["web-preferences"] > 0 && unfixed["web-preferences"] == 0 && fixedByWebPreferences(f) {
					t.Errorf("after migrating, check still reports %s at %s:%d: %s", f.Rule, f.File, f.Line, f.Message)
				}
			}
			for rule, n := range left {
				if n > unfixed[rule] {
					t.Errorf("after migrating, check reports %d %s findings; the migration left only %d unfixed",
						n, rule, unfixed[rule])
				}
			}
		})
	}
}
