package scaffold

import (
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The app's GitHub Actions workflow is valid YAML and, with the app's own package manager, installs from the
// lockfile and runs typecheck, lint, test and build, then packages on the three desktop OSes.
func TestWorkflowRunsTheChecksWithTheAppsPackageManager(t *testing.T) {
	for _, pm := range PackageManagers {
		files := render(t, Options{Name: "a", Lang: "ts", UI: "vanilla", PM: pm})
		var wf struct {
			Jobs map[string]struct {
				Strategy struct{ Matrix struct{ OS []string } }
				Steps    []struct {
					Uses, Run string
					With      map[string]any
				}
			}
		}
		if err := yaml.Unmarshal([]byte(files[".github/workflows/ci.yml"]), &wf); err != nil {
			t.Fatalf("%s: .github/workflows/ci.yml: %v", pm, err)
		}
		var runs []string
		for _, s := range wf.Jobs["check"].Steps {
			if s.Run != "" {
				runs = append(runs, s.Run)
			}
		}
		install := map[string]string{"npm": "npm ci", "pnpm": "pnpm install --frozen-lockfile", "yarn": "yarn install --frozen-lockfile"}[pm]
		want := []string{install}
		if pm == "yarn" {
			want = []string{"corepack enable", install}
		}
		for _, script := range []string{"typecheck", "lint", "test", "build"} {
			want = append(want, RunPrefix(pm)+" "+script)
		}
		if !slices.Equal(runs, want) {
			t.Errorf("%s: check job runs %q; want %q", pm, runs, want)
		}
		if os := wf.Jobs["package"].Strategy.Matrix.OS; len(os) != 3 {
			t.Errorf("%s: package job on %v; want the three desktop OSes", pm, os)
		}
	}
}
