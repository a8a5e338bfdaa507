package scaffold

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func render(t *testing.T, o Options) map[string]string {
	t.Helper()
	files, err := Render(o)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		out[f.Path] = string(f.Data)
	}
	return out
}

func TestRenderEveryVariant(t *testing.T) {
	for _, lang := range Langs {
		for _, ui := range UIs {
			o := Options{Name: "demo", Lang: lang, UI: ui, PM: "npm"}
			files := render(t, o)
			ext, rext := "."+lang, "."+lang
			if ui == "react" {
				rext += "x"
			}
			want := []string{"package.json", "README.md", ".gitignore", "build.mjs", "tsconfig.json",
				"src/renderer/tsconfig.json", "src/renderer/index.html", "src/renderer/window.d.ts",
				"src/shared/contract" + ext, "src/preload/index" + ext, "src/main/index" + ext, "src/main/ipc" + ext,
				"src/main/security" + ext, "src/main/handlers" + ext, "src/renderer/main" + rext}
			if ui == "react" {
				want = append(want, "src/renderer/App"+rext)
			}
			for _, w := range want {
				if _, ok := files[w]; !ok {
					t.Errorf("%s-%s: no %s", lang, ui, w)
				}
			}
			other := map[string]string{"ts": ".js", "js": ".ts"}[lang]
			for path, content := range files {
				if strings.HasPrefix(path, "src/") && strings.HasSuffix(path, other) && !strings.HasSuffix(path, ".d.ts") {
					t.Errorf("%s-%s: %s is in the other language", lang, ui, path)
				}
				if strings.Contains(content, "[[") || strings.HasSuffix(path, ".tmpl") {
					t.Errorf("%s-%s: %s is an unrendered template", lang, ui, path)
				}
				if lang == "js" && (strings.HasSuffix(path, ".js") || strings.HasSuffix(path, ".jsx")) &&
					strings.HasPrefix(path, "src/") && !strings.HasPrefix(content, "// @ts-check\n") {
					t.Errorf("%s-%s: %s does not start with // @ts-check", lang, ui, path)
				}
			}
			if lang == "js" && !strings.Contains(files["tsconfig.json"], `"checkJs": true`) {
				t.Errorf("js tsconfig does not check JavaScript")
			}
			// The isolation settings are written out, not left to Electron's defaults.
			main := files["src/main/index"+ext]
			for _, w := range []string{"contextIsolation: true", "sandbox: true", "nodeIntegration: false"} {
				if !strings.Contains(main, w) {
					t.Errorf("%s-%s: main lacks %q", lang, ui, w)
				}
			}
			// The policy has one source, csp.json: no other file spells out a directive of it.
			var directives map[string][]string
			if err := json.Unmarshal([]byte(files[CSPPath]), &directives); err != nil || len(directives) != len(CSPDirectives) {
				t.Errorf("%s-%s: %s: %v, %v", lang, ui, CSPPath, directives, err)
			}
			for path, content := range files {
				if path != CSPPath && !strings.HasSuffix(path, ".md") && (strings.Contains(content, "script-src 'self'") || strings.Contains(content, "trusted-types 'none'")) {
					t.Errorf("%s-%s: %s spells out the Content Security Policy; only %s may", lang, ui, path, CSPPath)
				}
			}
			if !strings.Contains(files["src/renderer/index.html"], "<!-- Content-Security-Policy:") {
				t.Errorf("%s-%s: index.html has no marker for the build to write the policy into", lang, ui)
			}
		}
	}
}

func TestPackageJSONPinsExactVersions(t *testing.T) {
	for _, o := range []Options{{"a", "ts", "vanilla", "npm"}, {"a", "js", "react", "pnpm"}} {
		var pkg struct {
			Name            string
			Private         bool
			Main            string
			Scripts         map[string]string
			DevDependencies map[string]string
			AllowScripts    map[string]bool
		}
		if err := json.Unmarshal([]byte(render(t, o)["package.json"]), &pkg); err != nil {
			t.Fatalf("%+v: package.json is not JSON: %v", o, err)
		}
		exact := regexp.MustCompile(`^\d+\.\d+\.\d+$`)
		for name, v := range pkg.DevDependencies {
			if !exact.MatchString(v) {
				t.Errorf("%s@%s is not an exact version", name, v)
			}
		}
		if pkg.DevDependencies["electron"] != Versions.Electron || (o.UI == "react") != (pkg.DevDependencies["react"] != "") {
			t.Errorf("%+v: devDependencies %v", o, pkg.DevDependencies)
		}
		var scripts []string
		for name := range pkg.Scripts {
			scripts = append(scripts, name)
		}
		slices.Sort(scripts)
		want := []string{"build", "dev", "format", "lint", "make", "package", "start", "test", "typecheck"}
		if pkg.Main != "dist/main/index.js" || !pkg.Private || !slices.Equal(scripts, want) {
			t.Errorf("%+v: main %q, private %v, scripts %v", o, pkg.Main, pkg.Private, pkg.Scripts)
		}
		// npm runs no install script the project did not allow; esbuild works without its own. pnpm fails the
		// install unless the project decides, in pnpm-workspace.yaml, for every dependency with a build script.
		if (o.PM == "npm") != (pkg.AllowScripts != nil) {
			t.Errorf("%+v: allowScripts %v", o, pkg.AllowScripts)
		}
		workspace, ok := render(t, o)["pnpm-workspace.yaml"]
		if (o.PM == "pnpm") != ok || (ok && !strings.Contains(workspace, "allowBuilds:\n  electron-winstaller: false\n  esbuild: false\n")) {
			t.Errorf("%+v: pnpm-workspace.yaml %v %q; want it, deciding esbuild's build script, for pnpm only", o, ok, workspace)
		}
	}
}

func TestRenderRejectsBadOptions(t *testing.T) {
	for _, o := range []Options{
		{"Upper", "ts", "vanilla", "npm"}, {"ok", "go", "vanilla", "npm"}, {"ok", "ts", "vue", "npm"},
		{"ok", "ts", "vanilla", "bun"},
	} {
		if _, err := Render(o); err == nil {
			t.Errorf("%+v rendered", o)
		}
	}
}

func TestValidateName(t *testing.T) {
	for _, ok := range []string{"app", "my-app", "my.app_2", "@me/app", strings.Repeat("a", 214)} {
		if err := ValidateName(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "App", "my app", ".app", "_app", "-app", "a/b", "@me", "http", "node_modules",
		"app!", strings.Repeat("a", 215), "café"} {
		if err := ValidateName(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestSuggestName(t *testing.T) {
	for in, want := range map[string]string{"My App": "my-app", "  --x__y  ": "x__y", "fs": "fs-app", "!!!": "electron-app",
		"Électron": "lectron", "v1.2 beta": "v1.2-beta"} {
		got := SuggestName(in)
		if got != want {
			t.Errorf("SuggestName(%q) = %q, want %q", in, got, want)
		}
		if err := ValidateName(got); err != nil {
			t.Errorf("SuggestName(%q) = %q, which is invalid: %v", in, got, err)
		}
	}
}

func TestWriteReplacesAtomicallyAndKeepsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := []File{{Path: "a.txt", Data: []byte("new")}, {Path: "deep/er/b.txt", Data: []byte("b"), Mode: 0o600}}
	over, err := Overwrites(dir, files)
	if err != nil || len(over) != 1 || over[0] != "a.txt" {
		t.Fatalf("Overwrites = %v, %v", over, err)
	}
	if err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"a.txt": "new", "deep/er/b.txt": "b", "keep.txt": "keep"} {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if info, _ := os.Stat(filepath.Join(dir, "deep/er/b.txt")); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	assertNoTempFiles(t, dir)
}

func TestWriteFailureLeavesNoPartialFile(t *testing.T) {
	dir := t.TempDir()
	// "src" is a file where the app needs a directory: the write of src/x fails after a.txt was written.
	if err := os.WriteFile(filepath.Join(dir, "src"), []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(dir, []File{{Path: "a.txt", Data: []byte("a")}, {Path: "src/x.ts", Data: []byte("x")}})
	if err == nil || !strings.Contains(err.Error(), "src") {
		t.Fatalf("err = %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "src")); string(got) != "a file" {
		t.Errorf("src changed to %q", got)
	}
	assertNoTempFiles(t, dir)
}

func TestWriteRefusesSymlinks(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "src")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	files := []File{{Path: "src/main/index.ts", Data: []byte("x")}}
	if _, err := Overwrites(dir, files); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("Overwrites: %v", err)
	}
	if err := Write(dir, files); err == nil {
		t.Error("Write followed a symbolic link")
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("wrote outside the app: %v", entries)
	}
}

func TestExistingIgnoresGit(t *testing.T) {
	dir := t.TempDir()
	if names, err := Existing(filepath.Join(dir, "missing")); err != nil || names != nil {
		t.Errorf("missing dir: %v, %v", names, err)
	}
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	if names, _ := Existing(dir); len(names) != 0 {
		t.Errorf(".git only: %v", names)
	}
	os.WriteFile(filepath.Join(dir, "x"), nil, 0o644)
	if names, _ := Existing(dir); len(names) != 1 || names[0] != "x" {
		t.Errorf("got %v", names)
	}
}

func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".isolate-") {
			t.Errorf("temporary file left behind: %s", p)
		}
		return nil
	})
}

func BenchmarkRenderAndWrite(b *testing.B) {
	for b.Loop() {
		files, err := Render(Options{Name: "bench", Lang: "ts", UI: "react", PM: "npm"})
		if err != nil {
			b.Fatal(err)
		}
		if err := Write(b.TempDir(), files); err != nil {
			b.Fatal(err)
		}
	}
}
