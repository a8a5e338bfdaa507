package codemod

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/isolate-dev/isolate/internal/testenv"
	"github.com/isolate-dev/isolate/scaffold"
)

// The migrated TypeScript fixture type-checks against Electron's real typings: the rewritten preload, the page
// calling the new methods and the Window declaration updated for them agree. The legacy app type-checks too, so
// the check is a fair one.
func TestMigratedTSFixtureTypechecks(t *testing.T) {
	testenv.Slow(t)
	npm := testenv.Tool(t, "npm")
	modules := t.TempDir()
	v := scaffold.Versions
	pkg := `{"private": true, "devDependencies": {"electron": "` + v.Electron + `", "typescript": "` + v.TypeScript +
		`", "@types/node": "` + v.TypesNode + `"}}`
	if err := os.WriteFile(filepath.Join(modules, "package.json"), []byte(pkg), 0o644); err != nil {
		t.Fatal(err)
	}
	install := exec.Command(npm, "install", "--no-audit", "--no-fund", "--prefer-offline")
	install.Dir = modules
	install.Env = append(os.Environ(), "ELECTRON_SKIP_BINARY_DOWNLOAD=1")
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("npm install: %v\n%s", err, out)
	}
	tsc := filepath.Join(modules, "node_modules", ".bin", "tsc")
	check := func(dir string) ([]byte, error) {
		link := filepath.Join(dir, "node_modules")
		os.Remove(link)
		if err := os.Symlink(filepath.Join(modules, "node_modules"), link); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(link)
		cmd := exec.Command(tsc, "--noEmit", "-p", "tsconfig.json")
		cmd.Dir = dir
		return cmd.CombinedOutput()
	}

	legacy := loadApp(t, copyApp(t, filepath.Join("..", "testdata", "migrate", "ipc-ts-declare-global", "app")))
	if out, err := check(legacy.Root); err != nil {
		t.Fatalf("the legacy fixture does not type-check, so the check proves nothing: %v\n%s", err, out)
	}
	ds, out := migrate(t, legacy)
	if len(out) == 0 {
		t.Fatal("nothing was migrated")
	}
	for _, d := range ds {
		if d.Rule == "ipc-passthrough" && d.Fix == nil {
			t.Errorf("not rewritten: %s", d)
		}
	}
	migrated := reload(t, legacy, out)
	if res, err := check(migrated.Root); err != nil {
		t.Errorf("the migrated fixture does not type-check: %v\n%s", err, res)
	}
	// A page call of a method the preload does not expose is an error: the typings are not just loose.
	bad := filepath.Join(migrated.Root, "src", "renderer", "src", "bad.ts")
	if err := os.WriteFile(bad, []byte("window.api.send('notes:save', {})\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if res, err := check(migrated.Root); err == nil {
		t.Errorf("a call of the removed generic send type-checks:\n%s", res)
	}
}

// copyApp copies a fixture app to a temporary directory.
func copyApp(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "app")
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
