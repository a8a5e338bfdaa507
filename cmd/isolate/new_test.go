package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/internal/testenv"
	"github.com/isolate-dev/isolate/prompt"
	"github.com/isolate-dev/isolate/scaffold"
	"github.com/isolate-dev/isolate/ui"
)

func readPackageJSON(t *testing.T, dir string) (pkg struct {
	Name            string
	Scripts         map[string]string
	DevDependencies map[string]string
}) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		t.Fatalf("package.json: %v\n%s", err, data)
	}
	return pkg
}

func exists(dir, rel string) bool {
	_, err := os.Stat(filepath.Join(dir, rel))
	return err == nil
}

func TestNewScriptedAnswersShapeTheApp(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "My Project")
	p := &prompt.Scripted{Answers: []any{"desk-tool", "JavaScript (type-checked with JSDoc)", 1, "pnpm", false, false}}
	code, stdout, stderr := runTest(t, p, "new", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	wantAsked := []string{"Project name", "Language", "Renderer UI", "Package manager", "Install dependencies now?",
		"Initialise a git repository?"}
	if !reflect.DeepEqual(p.Asked, wantAsked) {
		t.Errorf("asked %q, want %q", p.Asked, wantAsked)
	}
	if pkg := readPackageJSON(t, dir); pkg.Name != "desk-tool" || pkg.DevDependencies["react"] == "" {
		t.Errorf("package.json name %q, react %q; want desk-tool with react", pkg.Name, pkg.DevDependencies["react"])
	}
	for _, f := range []string{"src/main/index.js", "src/preload/index.js", "src/shared/contract.js", "src/renderer/App.jsx"} {
		if !exists(dir, f) {
			t.Errorf("JavaScript + React app lacks %s", f)
		}
	}
	if exists(dir, "src/main/index.ts") || exists(dir, ".git") || exists(dir, "node_modules") {
		t.Errorf("found TypeScript sources, .git or node_modules after answering js, no git, no install")
	}
	for _, want := range []string{"cd '" + dir + "'", "pnpm install", "pnpm dev"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("next steps lack %q:\n%s", want, stdout)
		}
	}
}

func TestNewFlagsSkipTheirQuestions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "app")
	p := &prompt.Scripted{Answers: []any{nil, nil, false}}
	code, _, stderr := runTest(t, p, "new", dir, "--lang", "js", "--pm", "yarn", "--no-install")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := []string{"Project name", "Renderer UI", "Initialise a git repository?"}
	if !reflect.DeepEqual(p.Asked, want) {
		t.Errorf("asked %q, want %q", p.Asked, want)
	}
	if pkg := readPackageJSON(t, dir); pkg.Name != "app" || !exists(dir, "src/main/index.js") || !exists(dir, ".yarnrc.yml") {
		t.Errorf("defaults and flags not applied: name %q, js main %v, yarn config %v", pkg.Name,
			exists(dir, "src/main/index.js"), exists(dir, ".yarnrc.yml"))
	}
}

func TestNewYesAsksNothingAndTakesDefaults(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Fresh App")
	p := &prompt.Scripted{}
	code, stdout, stderr := runTest(t, p, "new", dir, "--yes", "--no-install", "--no-git")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if len(p.Asked) != 0 {
		t.Errorf("--yes asked %q", p.Asked)
	}
	pkg := readPackageJSON(t, dir)
	if pkg.Name != "fresh-app" || !exists(dir, "src/main/index.ts") || !exists(dir, "src/renderer/main.ts") {
		t.Errorf("want a TypeScript vanilla app named fresh-app; got name %q", pkg.Name)
	}
	for _, script := range []string{"dev", "start", "build", "typecheck"} {
		if pkg.Scripts[script] == "" {
			t.Errorf("package.json has no %q script", script)
		}
	}
	if !strings.Contains(stdout, "npm install\n") || !strings.Contains(stdout, "npm run dev") {
		t.Errorf("next steps:\n%s", stdout)
	}
}

func TestNewRejectsBadFlagValues(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--lang", "rust"}, "ts, js"},
		{[]string{"--ui", "vue"}, "vanilla, react"},
		{[]string{"--pm", "bun"}, "npm, pnpm, yarn"},
		{[]string{"--name", "bad name"}, "not a valid npm package name"},
		{[]string{"--name", "Bad"}, "lower case"},
		{[]string{"--name", "fs"}, "core module"},
	} {
		dir := filepath.Join(t.TempDir(), "app")
		code, _, stderr := runTest(t, nil, append([]string{"new", dir, "--yes"}, c.args...)...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 naming %q", c.args, code, stderr, c.want)
		}
		if exists(dir, "") {
			t.Errorf("%v: created %s despite the usage error", c.args, dir)
		}
	}
}

func TestNewNeedsADirectoryWhenNobodyCanBeAsked(t *testing.T) {
	code, _, stderr := runTest(t, &prompt.Scripted{}, "new", "--yes")
	if code != exitUsage || !strings.Contains(stderr, "needs a directory") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	// --name is enough: the directory takes the name.
	t.Chdir(t.TempDir())
	code, _, stderr = runTest(t, nil, "new", "--name", "@me/tool", "--yes", "--no-install", "--no-git")
	if code != 0 || !exists(".", "tool/package.json") {
		t.Errorf("--name without dir: exit %d, stderr %q", code, stderr)
	}
}

// Without a terminal (or under CI) prompt.New answers with the defaults, so `isolate new` never blocks.
func TestNewUnattendedRunUsesDefaults(t *testing.T) {
	for _, ci := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "app")
		s, out, errOut := ui.Test("")
		// Under CI the streams may well be terminals; nothing must prompt all the same.
		s.InTTY, s.OutTTY, s.CI = ci, ci, ci
		code := run([]string{"new", dir, "--no-install", "--no-git"}, s)
		if code != 0 {
			t.Fatalf("CI=%v: exit %d: %s", ci, code, errOut)
		}
		if strings.Contains(out.String()+errOut.String(), "?") {
			t.Errorf("CI=%v: output looks like a question:\n%s%s", ci, out, errOut)
		}
		if pkg := readPackageJSON(t, dir); pkg.Name != "app" || !exists(dir, "src/main/index.ts") {
			t.Errorf("CI=%v: want the default TypeScript app named app, got %q", ci, pkg.Name)
		}
		s, _, errOut = ui.Test("")
		if code := run([]string{"new"}, s); code != exitUsage || !strings.Contains(errOut.String(), "needs a directory") {
			t.Errorf("no dir, unattended: exit %d, %s", code, errOut)
		}
	}
}

func TestNewRefusesNonEmptyDirectory(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := &prompt.Scripted{}
	code, _, stderr := runTest(t, p, "new", dir)
	if code != exitFailure || !strings.Contains(stderr, "not empty") || !strings.Contains(stderr, "--force") {
		t.Errorf("exit %d, stderr %q; want exit 1 explaining --force", code, stderr)
	}
	if len(p.Asked) != 0 {
		t.Errorf("asked %q before refusing", p.Asked)
	}
	if exists(dir, "package.json") {
		t.Error("wrote package.json into a non-empty directory")
	}
	// An empty git repository counts as empty.
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runTest(t, nil, "new", repo, "--yes", "--no-install", "--no-git"); code != 0 {
		t.Errorf("directory with only .git: exit %d, %s", code, stderr)
	}
}

func TestNewForceListsOverwritesAndDeletesNothing(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"notes.txt": "mine", "README.md": "old readme", "src/main/extra.ts": "keep"} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, stderr := runTest(t, nil, "new", dir, "--yes", "--no-install", "--no-git", "--force")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "Overwriting 1 existing file") || !strings.Contains(stderr, "  README.md\n") ||
		strings.Contains(stderr, "notes.txt") || strings.Contains(stderr, "extra.ts") {
		t.Errorf("stderr should list README.md, and only it:\n%s", stderr)
	}
	for name, want := range map[string]string{"notes.txt": "mine", "src/main/extra.ts": "keep"} {
		if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want it untouched", name, got, err)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "README.md")); string(got) == "old readme" {
		t.Error("README.md was not overwritten")
	}
}

func TestNewReportsMissingPackageManager(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	dir := filepath.Join(t.TempDir(), "app")
	code, stdout, stderr := runTest(t, nil, "new", dir, "--yes", "--pm", "pnpm", "--no-git")
	if code != exitFailure || !strings.Contains(stderr, "pnpm is not on PATH") {
		t.Errorf("exit %d, stderr %q; want exit 1 saying pnpm is not on PATH", code, stderr)
	}
	if !exists(dir, "package.json") || !strings.Contains(stdout, "pnpm install") {
		t.Errorf("the app should still be written and the next steps should say to install:\n%s", stdout)
	}
}

func TestNewInitialisesGit(t *testing.T) {
	testenv.Tool(t, "git")
	for k, v := range map[string]string{"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
		"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_NOSYSTEM": "1",
		"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CEILING_DIRECTORIES": os.TempDir()} {
		t.Setenv(k, v)
	}
	dir := filepath.Join(t.TempDir(), "app")
	code, _, stderr := runTest(t, nil, "new", dir, "--yes", "--no-install")
	if code != 0 || !strings.Contains(stderr, "first commit") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	out, err := exec.Command("git", "-C", dir, "status", "--porcelain").CombinedOutput()
	if err != nil || len(out) != 0 {
		t.Errorf("git status: %v, %q; want a clean tree with everything committed", err, out)
	}
}

// On a Node older than the pinned Electron asks for, the install goes ahead with a warning, and a yarn that refuses
// it gets the reason and the way out instead of "fix the problem above".
func TestNewWarnsAboutOldNode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("fake tools are shell scripts")
	}
	bin := t.TempDir()
	for name, script := range map[string]string{
		"node": "#!/bin/sh\necho v20.11.1\n",
		"yarn": "#!/bin/sh\necho 'error electron: The engine \"node\" is incompatible with this module.' >&2\nexit 1\n",
		"npm":  "#!/bin/sh\nexit 0\n",
	} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin)

	code, _, stderr := runTest(t, nil, "new", filepath.Join(t.TempDir(), "app"), "--yes", "--pm", "yarn", "--no-git")
	if code != exitFailure || !strings.Contains(stderr, "Node v20.11.1 is older than the "+scaffold.ElectronNode) ||
		!strings.Contains(stderr, "yarn install --ignore-engines") {
		t.Errorf("yarn: exit %d, stderr:\n%s", code, stderr)
	}
	code, _, stderr = runTest(t, nil, "new", filepath.Join(t.TempDir(), "app"), "--yes", "--pm", "npm", "--no-git")
	if code != 0 || !strings.Contains(stderr, "Node v20.11.1 is older") || !strings.Contains(stderr, "Installed dependencies") {
		t.Errorf("npm: exit %d, stderr:\n%s", code, stderr)
	}
	if err := os.WriteFile(filepath.Join(bin, "node"), []byte("#!/bin/sh\necho v24.1.0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, _, stderr = runTest(t, nil, "new", filepath.Join(t.TempDir(), "app"), "--yes", "--no-git"); strings.Contains(stderr, "older than") {
		t.Errorf("warned on a new enough Node:\n%s", stderr)
	}
}

// interrupted is a prompter whose user presses Ctrl-C at the first question.
type interrupted struct{}

func (interrupted) Input(string, string) (string, error)      { return "", prompt.ErrInterrupted }
func (interrupted) Select(string, []string, int) (int, error) { return 0, prompt.ErrInterrupted }
func (interrupted) Confirm(string, bool) (bool, error)        { return false, prompt.ErrInterrupted }

// Ctrl-C at a question exits 130, as a shell reports a command ended by SIGINT, and writes nothing.
func TestNewCtrlCExits130(t *testing.T) {
	t.Chdir(t.TempDir())
	code, _, stderr := runTest(t, interrupted{}, "new")
	if code != 130 || !strings.Contains(stderr, "cancelled") {
		t.Errorf("exit %d, stderr %q; want 130 and 'cancelled'", code, stderr)
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("wrote %d entries after Ctrl-C", len(entries))
	}
}

// At the name prompt, a directory that is not empty is refused and asked again, not the end of the run; and an
// answer that is a directory name rather than a package name ("Inter Active") is taken as the argument would be.
func TestNewPromptedNameAsksAgainAndReadsLikeTheArgument(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.MkdirAll("taken", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("taken", "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := &prompt.Scripted{Answers: []any{"taken", "Inter Active", nil, "React", nil, false, false}}
	code, stdout, stderr := runTest(t, p, "new")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if len(p.Asked) < 2 || p.Asked[0] != "Project name" || p.Asked[1] != "Project name" {
		t.Errorf("asked %q; want the name asked again after a non-empty directory", p.Asked)
	}
	if !strings.Contains(stderr, "taken is not empty") {
		t.Errorf("stderr does not say why taken was refused:\n%s", stderr)
	}
	if pkg := readPackageJSON(t, "Inter Active"); pkg.Name != "inter-active" {
		t.Errorf("package name %q; want inter-active, as for `isolate new 'Inter Active'`", pkg.Name)
	}
	if got, _ := os.ReadFile(filepath.Join("taken", "notes.txt")); string(got) != "mine" || exists("taken", "package.json") {
		t.Errorf("wrote into the non-empty directory")
	}
	abs, _ := filepath.Abs("Inter Active")
	// The summary names the app, where it went (in full) and the UI as people write it.
	if want := "Created the app inter-active in " + abs + ": TypeScript, React renderer, npm"; !strings.Contains(stderr, want) {
		t.Errorf("summary lacks %q:\n%s", want, stderr)
	}
	if !strings.Contains(stdout, "The app is in "+abs+".") || !strings.Contains(stdout, "cd 'Inter Active'") {
		t.Errorf("next steps do not say where the app is and how to get there:\n%s", stdout)
	}
}
