package rules

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/isolate-dev/isolate/internal/testenv"
	"github.com/isolate-dev/isolate/scaffold"
)

// The TypeScript fixtures type-check against Electron's real typings before and after the migration: the
// rewritten preloads are valid TypeScript, and the Window typings the rewrite extends still describe what the page
// uses. Each fixture names its programs (the way electron-vite splits main and preload from the page) in
// typecheck.json: { "programs": { "node": ["src/main/index.ts", …], "web": [ … ] } }; "exposed" adds, after the
// migration only, files that use what the page now gets (window.api.openLogs, window.appVersion) through the
// typings alone: { "exposed": { "web": { "src/renderer/src/exposed.ts": "…" } } }; "rejected" lists files that
// must not type-check after the migration, each alone with the program (a call of a generic member the migration
// removed), so the typings are shown to be strict and not merely loose.
func TestMigratedTypeScriptTypechecks(t *testing.T) {
	testenv.Slow(t)
	npm := testenv.Tool(t, "npm")
	deps := t.TempDir()
	v := scaffold.Versions
	pkg := `{"private": true, "devDependencies": {"electron": "` + v.Electron + `", "typescript": "` + v.TypeScript +
		`", "@types/node": "` + v.TypesNode + `"}}`
	if err := os.WriteFile(filepath.Join(deps, "package.json"), []byte(pkg), 0o644); err != nil {
		t.Fatal(err)
	}
	install := exec.Command(npm, "install", "--no-audit", "--no-fund", "--prefer-offline")
	install.Dir = deps
	install.Env = append(os.Environ(), "ELECTRON_SKIP_BINARY_DOWNLOAD=1")
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("npm install: %v\n%s", err, out)
	}
	tsc := filepath.Join(deps, "node_modules", ".bin", "tsc")

	for _, name := range []string{"ts-declare-global", "variable-options", "ipc-ts-declare-global", "ipc-imported-interface", "page-process-ts"} {
		t.Run(name, func(t *testing.T) {
			fixture := filepath.Join("..", "testdata", "migrate", name)
			var spec struct {
				Programs map[string][]string
				Exposed  map[string]map[string]string
				Rejected map[string]map[string]string
			}
			data, err := os.ReadFile(filepath.Join(fixture, "typecheck.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &spec); err != nil {
				t.Fatal(err)
			}
			facts := loadApp(t, filepath.Join(fixture, "app"))
			_, out := migrate(t, facts)
			if len(out) == 0 {
				t.Fatal("nothing migrated")
			}
			for _, stage := range []string{"legacy", "migrated"} {
				dir := filepath.Join(deps, name+"-"+stage)
				if err := copyDir(filepath.Join(fixture, "app"), dir); err != nil {
					t.Fatal(err)
				}
				if stage == "migrated" {
					for p, src := range out {
						if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(p)), src, 0o644); err != nil {
							t.Fatal(err)
						}
					}
				}
				for program, files := range spec.Programs {
					if stage == "migrated" {
						for p, src := range spec.Exposed[program] {
							if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(p)), []byte(src), 0o644); err != nil {
								t.Fatal(err)
							}
							files = append(files, p)
						}
					}
					// Preloads run where both Node and the DOM exist, so every program gets both.
					lib := []string{"ES2022", "DOM"}
					cfg, _ := json.Marshal(map[string]any{
						"compilerOptions": map[string]any{"strict": true, "noEmit": true, "target": "ES2022",
							"module": "commonjs", "moduleResolution": "node", "lib": lib, "skipLibCheck": true,
							"types": []string{"node"}, "typeRoots": []string{filepath.Join(deps, "node_modules", "@types")}},
						"files": files,
					})
					config := filepath.Join(dir, "tsconfig."+program+".json")
					if err := os.WriteFile(config, cfg, 0o644); err != nil {
						t.Fatal(err)
					}
					cmd := exec.Command(tsc, "-p", config)
					cmd.Dir = dir
					if out, err := cmd.CombinedOutput(); err != nil {
						t.Errorf("%s %s program: tsc: %v\n%s", stage, program, err, out)
					}
					if stage != "migrated" {
						continue
					}
					for p, src := range spec.Rejected[program] {
						if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(p)), []byte(src), 0o644); err != nil {
							t.Fatal(err)
						}
						cfg, _ := json.Marshal(map[string]any{"extends": "./tsconfig." + program + ".json", "files": append(files, p)})
						rejected := filepath.Join(dir, "tsconfig."+program+".rejected.json")
						if err := os.WriteFile(rejected, cfg, 0o644); err != nil {
							t.Fatal(err)
						}
						cmd := exec.Command(tsc, "-p", rejected)
						cmd.Dir = dir
						if out, err := cmd.CombinedOutput(); err == nil {
							t.Errorf("%s type-checks after the migration, but it uses what the migration removed:\n%s", p, out)
						}
					}
				}
			}
		})
	}
}

func copyDir(src, dst string) error {
	return filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
