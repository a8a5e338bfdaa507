package walk

import (
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/isolate-dev/isolate/internal/testenv"
)

// write creates files under dir; a path ending in "/" makes an empty directory.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if strings.HasSuffix(p, "/") {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func paths(r *Result) []string {
	var out []string
	for _, f := range r.Files {
		out = append(out, f.Path)
	}
	return out
}

func mustWalk(t *testing.T, root string) *Result {
	t.Helper()
	r, err := Walk(root)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// An Electron monorepo as people keep one: the app's source, what its tools generate, and .gitignore files at
// three levels, one of them above the directory isolate is pointed at.
var monorepo = map[string]string{
	".gitignore":                                      "# generated\n*.log\n/tmp/\npackages/desktop/generated/\n",
	"packages/desktop/.gitignore":                     "/build/\n*.gen.js\n!keep.gen.js\nsrc/local-*.js\r\n",
	"packages/desktop/package.json":                   `{"devDependencies":{"electron":"^11.0.0"}}`,
	"packages/desktop/package-lock.json":              "{}",
	"packages/desktop/main.js":                        "const { BrowserWindow } = require('electron')\n",
	"packages/desktop/preload.ts":                     "window.api = {}\n",
	"packages/desktop/index.html":                     "<script src=renderer.js></script>\n",
	"packages/desktop/renderer.jsx":                   "export default 1\n",
	"packages/desktop/types.d.ts":                     "export {}\n",
	"packages/desktop/styles.css":                     "body{}\n",
	"packages/desktop/icon.png":                       "\x89PNG",
	"packages/desktop/README.md":                      "# desktop\n",
	"packages/desktop/debug.log":                      "x\n",
	"packages/desktop/api.gen.js":                     "x\n",
	"packages/desktop/keep.gen.js":                    "x\n",
	"packages/desktop/src/local-dev.js":               "x\n",
	"packages/desktop/src/nested/local-dev.js":        "x\n",
	"packages/desktop/src/app.mts":                    "x\n",
	"packages/desktop/src/vendor/jquery.min.js":       "x\n",
	"packages/desktop/build/entitlements.js":          "x\n",
	"packages/desktop/generated/api.js":               "x\n",
	"packages/desktop/node_modules/electron/index.js": "x\n",
	"packages/desktop/dist/main.js":                   "x\n",
	"packages/desktop/out/preload.js":                 "x\n",
	"packages/desktop/release/app/main.js":            "x\n",
	"packages/desktop/.webpack/main/index.js":         "x\n",
	"packages/desktop/.vite/build/main.js":            "x\n",
	"packages/desktop/dist-electron/main.js":          "x\n",
	"packages/desktop/coverage/lcov.js":               "x\n",
	"packages/desktop/scripts/build/notarize.js":      "x\n",
	"tmp/scratch.js":                                  "x\n",
}

func TestWalkRespectsGitignoreAndSkipsGeneratedDirs(t *testing.T) {
	repo := t.TempDir()
	write(t, repo, monorepo)
	write(t, repo, map[string]string{".git/info/exclude": "*.local.js\n", "packages/desktop/me.local.js": "x\n"})
	r := mustWalk(t, filepath.Join(repo, "packages", "desktop"))
	if r.Prefix != "packages/desktop/" {
		t.Errorf("prefix %q, want the root's path from the repository top", r.Prefix)
	}
	got := paths(r)
	want := []string{
		"index.html", "keep.gen.js", "main.js", "package-lock.json", "package.json", "preload.ts", "renderer.jsx",
		"scripts/build/notarize.js", "src/app.mts", "src/nested/local-dev.js", "types.d.ts",
	}
	if !slices.Equal(got, want) {
		t.Errorf("walk listed\n  %q\nwant\n  %q", got, want)
	}
}

// TestWalkAgreesWithGit checks the ignore rules against git itself: every file git does not ignore and isolate
// reads is listed, and nothing else.
func TestWalkAgreesWithGit(t *testing.T) {
	gitBin := testenv.Tool(t, "git")
	repo := t.TempDir()
	write(t, repo, monorepo)
	write(t, repo, map[string]string{
		"docs/.gitignore":     "*.html\n!index.html\n",
		"docs/index.html":     "x",
		"docs/page.html":      "x",
		"logs/.gitignore":     "*\n!.gitignore\n",
		"logs/x.js":           "x",
		"a/deep/er/b.js":      "x",
		".gitignore.extra.js": "x",
	})
	if out, err := exec.Command(gitBin, "-C", repo, "init", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	out, err := exec.Command(gitBin, "-C", repo, "ls-files", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range strings.Fields(string(out)) {
		skipped := false
		for _, part := range strings.Split(p, "/") {
			skipped = skipped || SkippedDir(part)
		}
		if Wanted(filepath.Base(p)) && !skipped {
			want = append(want, p)
		}
	}
	sort.Strings(want)
	if got := paths(mustWalk(t, repo)); !slices.Equal(got, want) {
		t.Errorf("walk listed\n  %q\ngit lists (filtered)\n  %q", got, want)
	}
}

func TestWalkSymlinks(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, map[string]string{"secret.js": "x\n", "lib/a.js": "x\n"})
	root := t.TempDir()
	write(t, root, map[string]string{"src/preload.js": "window.a = 1\n", "src/lib/util.js": "x\n", "ignored/p.js": "x",
		".gitignore": "ignored/\n"})
	links := map[string]string{
		"preload-link.js":   "src/preload.js",                    // inside, file: listed
		"hidden-link.js":    "ignored/p.js",                      // inside, to an ignored file: listed (the link is not ignored)
		"lib":               "src/lib",                           // inside, directory: not followed, no problem
		"gone.js":           "src/nothing.js",                    // dangling
		"secret.js":         filepath.Join(outside, "secret.js"), // outside, file
		"vendor":            filepath.Join(outside, "lib"),       // outside, directory
		"loop.js":           "loop.js",                           // cannot be resolved
		"README.md":         filepath.Join(outside, "x.md"),      // not a file isolate reads: nothing to say
		"src/up-preload.js": "../src/preload.js",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	r := mustWalk(t, root)
	want := []string{"hidden-link.js", "preload-link.js", "src/lib/util.js", "src/preload.js", "src/up-preload.js"}
	if got := paths(r); !slices.Equal(got, want) {
		t.Errorf("listed %q, want %q", got, want)
	}
	for _, f := range r.Files {
		if f.Path == "preload-link.js" && (f.Link != "src/preload.js" || f.Size != int64(len("window.a = 1\n"))) {
			t.Errorf("link listed as %+v", f)
		}
		if f.Path == "src/preload.js" && f.Link != "" {
			t.Errorf("plain file listed as a link: %+v", f)
		}
	}
	problems := map[string]string{}
	for _, p := range r.Problems {
		problems[p.Path] = p.Message
	}
	for path, wantMsg := range map[string]string{
		"gone.js":   "dangling symbolic link to src/nothing.js",
		"secret.js": "symbolic link to a file outside the project",
		"vendor":    "symbolic link to a directory outside the project",
		"loop.js":   "cannot be resolved",
	} {
		if !strings.Contains(problems[path], wantMsg) {
			t.Errorf("problem for %s = %q, want it to say %q", path, problems[path], wantMsg)
		}
		delete(problems, path)
	}
	if len(problems) > 0 {
		t.Errorf("unexpected problems: %v", problems)
	}
}

func TestWalkReportsSpecialFiles(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{"main.js": "x"})
	if err := syscall.Mkfifo(filepath.Join(root, "pipe.js"), 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	r := mustWalk(t, root)
	if got := paths(r); !slices.Equal(got, []string{"main.js"}) {
		t.Errorf("listed %q", got)
	}
	if len(r.Problems) != 1 || r.Problems[0].String() != "pipe.js: not a regular file (a named pipe); skipped" {
		t.Errorf("problems %v", r.Problems)
	}
}

func TestWalkReportsUnreadableDirectory(t *testing.T) {
	if testenv.RunUnprivileged(t) {
		return
	}
	root := t.TempDir()
	write(t, root, map[string]string{"main.js": "x", "locked/secret.js": "x"})
	locked := filepath.Join(root, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	r := mustWalk(t, root)
	if got := paths(r); !slices.Equal(got, []string{"main.js"}) {
		t.Errorf("listed %q", got)
	}
	if len(r.Problems) != 1 || r.Problems[0].String() != "locked: cannot read directory: permission denied; its files are not checked" {
		t.Errorf("problems %v", r.Problems)
	}
}

func TestWalkRootErrors(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{"file.js": "x"})
	if _, err := Walk(filepath.Join(root, "file.js")); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("walking a file: %v", err)
	}
	if _, err := Walk(filepath.Join(root, "missing")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("walking a missing directory: %v", err)
	}
}

func TestLooksMinified(t *testing.T) {
	written := strings.Repeat("function add(a, b) {\n  return a + b // sum\n}\n", 100)
	bundle := strings.Repeat("!function(e){var t={};function n(r){if(t[r])return t[r].exports}}(this);", 40)
	dataLine := "const icon = 'data:image/png;base64," + strings.Repeat("A", 3000) + "'\n" + written
	for _, c := range []struct {
		name string
		src  string
		want bool
	}{{"hand-written", written, false}, {"bundle", bundle, true}, {"one long line among many", dataLine, false},
		{"tiny one-liner", "module.exports=1", false}} {
		if got := LooksMinified([]byte(c.src)); got != c.want {
			t.Errorf("%s: LooksMinified = %v", c.name, got)
		}
	}
}

func TestWanted(t *testing.T) {
	for name, want := range map[string]bool{
		"main.js": true, "preload.CJS": true, "a.mjs": true, "App.tsx": true, "types.d.ts": true, "index.htm": true,
		"package.json": true, "yarn.lock": true, "pnpm-lock.yaml": true, "jquery.min.js": false,
		"app.min.mjs": false, "style.css": false, "main.js.map": false, "tsconfig.json": false,
	} {
		if Wanted(name) != want {
			t.Errorf("Wanted(%q) = %v", name, !want)
		}
	}
}

// TestWalkReadsTrackedIgnoredFiles: a file git tracks is read whatever .gitignore says, as git itself does; an
// attacker (or a careless commit) listing main.js in .gitignore must not take it out of the audit. Checked in the
// repository and in a linked worktree, whose .git is a file naming the git directory, against git ls-files.
func TestWalkReadsTrackedIgnoredFiles(t *testing.T) {
	gitBin := testenv.Tool(t, "git")
	repo := t.TempDir()
	git := func(dir string, args ...string) string {
		t.Helper()
		out, err := exec.Command(gitBin, append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	write(t, repo, map[string]string{
		"package.json":        `{"main":"main.js","devDependencies":{"electron":"^9.0.0"}}`,
		"main.js":             "new BrowserWindow({webPreferences:{nodeIntegration:true}})\n",
		"preload.js":          "window.x = 1\n",
		"gen/api.js":          "module.exports = {}\n",
		"app/src/renderer.js": "require('fs')\n",
		"app/src/.gitignore":  "renderer.js\n",
		"scratch/notes.js":    "x\n",
		"debug.js":            "x\n",
	})
	git(repo, "init", "-q")
	git(repo, "add", ".")
	git(repo, "commit", "-q", "-m", "app")
	// Ignored after the fact, and an untracked file the same rules keep out.
	write(t, repo, map[string]string{
		".gitignore":     "main.js\ngen/\nscratch/\ndebug.js\n",
		"gen/local.js":   "x\n",
		"scratch/new.js": "x\n",
	})
	git(repo, "add", ".gitignore")
	git(repo, "commit", "-q", "-m", "ignore")
	if err := os.Remove(filepath.Join(repo, "debug.js")); err != nil {
		t.Fatal(err)
	}
	write(t, repo, map[string]string{"debug.js": "untracked now\n"})
	git(repo, "rm", "-q", "--cached", "debug.js")

	worktree := filepath.Join(t.TempDir(), "wt")
	git(repo, "worktree", "add", "-q", worktree)
	write(t, worktree, map[string]string{"gen/local.js": "x\n", "scratch/new.js": "x\n"})

	for _, dir := range []string{repo, worktree, filepath.Join(repo, "app")} {
		var want []string
		for _, p := range strings.Fields(git(dir, "ls-files", "--cached", "--others", "--exclude-standard")) {
			if Wanted(path.Base(p)) {
				want = append(want, p)
			}
		}
		sort.Strings(want)
		got := paths(mustWalk(t, dir))
		if !slices.Equal(got, want) {
			t.Errorf("%s: walk listed\n  %q\ngit reads\n  %q", dir, got, want)
		}
		if dir != filepath.Join(repo, "app") && !slices.Contains(got, "main.js") {
			t.Errorf("%s: the committed main.js, listed in .gitignore, is not read", dir)
		}
	}
}
