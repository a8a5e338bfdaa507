package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/internal/testenv"
	"github.com/isolate-dev/isolate/prompt"
	"github.com/isolate-dev/isolate/scaffold"
)

// scaffoldApp writes a new app in-process, without installing anything.
func scaffoldApp(t *testing.T, lang, ui string) string {
	t.Helper()
	files, err := scaffold.Render(scaffold.Options{Name: "demo", Lang: lang, UI: ui, PM: "npm"})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "demo")
	if err := scaffold.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	return dir
}

// tree reads every file under dir, to tell whether a command wrote anything.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		out[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAddUsageErrorsExit2(t *testing.T) {
	dir := scaffoldApp(t, "ts", "vanilla")
	before := tree(t, dir)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"add"}, "needs the name"},
		{[]string{"add", "getUser", dir}, "one of --invoke"},
		{[]string{"add", "getUser", "--invoke", "--send", dir}, "exclude each other"},
		{[]string{"add", "getUser", "--invoke", "--event", dir}, "exclude each other"},
		{[]string{"add", "getUser", "--send-sync", dir}, "Use --invoke"},
		{[]string{"add", "getUser", "--invoke", "--dry-run", "--yes", dir}, "contradict"},
		{[]string{"add", "get-user", "--invoke", dir}, "not a valid method name"},
		{[]string{"add", "getUser", "--invoke", "--args", "id string", dir}, "not a TypeScript parameter list"},
		{[]string{"add", "getUser", "--invoke", "--args", "...ids: string[]", dir}, "pass an array"},
		{[]string{"add", "getUser", "--invoke", "--result", "{ a: ", dir}, "not a TypeScript type"},
		{[]string{"add", "save", "--send", "--result", "string", dir}, "has no result"},
		{[]string{"add", "getUser", "--invoke", "--channel", "", dir}, "--channel is empty"},
		{[]string{"add", "getUser", "--invoke", filepath.Join(dir, "nope")}, "is not a directory"},
		{[]string{"add", "getUser", "--invoke", dir, "extra"}, "at most 2"},
		{[]string{"add", "getUser", "--invoke", "--no-such-flag", dir}, "unknown flag"},
	} {
		code, stdout, stderr := runTest(t, nil, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 saying %q", c.args, code, stderr, c.want)
		}
		if stdout != "" {
			t.Errorf("%v: printed %q on stdout", c.args, stdout)
		}
	}
	if !reflect.DeepEqual(tree(t, dir), before) {
		t.Error("a usage error wrote to the app")
	}
}

func TestAddNotAnIsolatedApp(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "preload.js"), []byte("window.api = { ping: () => 1 }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runTest(t, nil, "add", "getUser", "--invoke", dir, "--yes")
	if code != exitFailure || !strings.Contains(stderr, "not an isolated app") || !strings.Contains(stderr, "isolate new") ||
		!strings.Contains(stderr, "isolate migrate") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// --dry-run prints a patch git apply takes and writes nothing; applying the patch gives what --yes writes.
func TestAddDryRunWritesNothing(t *testing.T) {
	git := testenv.Tool(t, "git")
	dir := scaffoldApp(t, "js", "react")
	before := tree(t, dir)
	args := []string{"add", "getUser", "--invoke", "--args", "id: string", "--result", "{ name: string }", dir}
	code, patch, stderr := runTest(t, nil, append(args, "--dry-run")...)
	if code != 0 || !strings.Contains(stderr, "nothing written") || !strings.HasPrefix(patch, "diff --git a/src/main/handlers.js") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, patch, stderr)
	}
	if !reflect.DeepEqual(tree(t, dir), before) {
		t.Fatal("--dry-run wrote to the app")
	}

	copyDir := scaffoldApp(t, "js", "react")
	cmd := exec.Command(git, "apply", "-")
	cmd.Dir, cmd.Stdin = copyDir, strings.NewReader(patch)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s", err, out)
	}
	if code, _, stderr := runTest(t, nil, append(args, "--yes")...); code != 0 {
		t.Fatalf("--yes: exit %d, %s", code, stderr)
	}
	written, patched := tree(t, dir), tree(t, copyDir)
	for p, content := range written {
		rel, _ := filepath.Rel(dir, p)
		if patched[filepath.Join(copyDir, rel)] != content {
			t.Errorf("%s: the applied patch differs from what --yes wrote", rel)
		}
	}
}

// Without a terminal and without --yes, add shows the diff and writes nothing; on a terminal it asks, and a no
// writes nothing.
func TestAddAsksBeforeWriting(t *testing.T) {
	dir := scaffoldApp(t, "ts", "vanilla")
	before := tree(t, dir)
	code, stdout, stderr := runTest(t, nil, "add", "getUser", "--invoke", dir)
	if code != exitUsage || !strings.Contains(stderr, "no terminal to ask on") || !strings.Contains(stdout, "+  getUser:") {
		t.Errorf("unattended: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	p := &prompt.Scripted{Answers: []any{false}}
	code, _, stderr = runTest(t, p, "add", "getUser", "--invoke", dir)
	if code != 0 || !strings.Contains(stderr, "nothing written") || len(p.Asked) != 1 || !strings.Contains(p.Asked[0], "window.api.getUser") {
		t.Errorf("answered no: exit %d, asked %q, stderr %q", code, p.Asked, stderr)
	}
	if !reflect.DeepEqual(tree(t, dir), before) {
		t.Fatal("wrote without a yes")
	}
	p = &prompt.Scripted{Answers: []any{true}}
	code, stdout, stderr = runTest(t, p, "add", "getUser", "--invoke", dir)
	if code != 0 || !strings.Contains(stdout, `Added window.api.getUser (invoke on channel "app:get-user") to 4 files.`) ||
		!strings.Contains(stdout, "Implement getUser in src/main/handlers.ts") {
		t.Errorf("answered yes: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(read(t, dir, "src/shared/contract.ts"), "getUser: 'app:get-user',") {
		t.Error("the contract was not written")
	}
	// The same name again: refused, naming what exists; nothing written.
	after := tree(t, dir)
	code, _, stderr = runTest(t, nil, "add", "getUser", "--send", dir, "--yes")
	if code != exitFailure || !strings.Contains(stderr, "window.api.getUser exists already") ||
		!strings.Contains(stderr, "window.api has: getVersions, setTitle, onFocusChanged, getUser") {
		t.Errorf("second add: exit %d, stderr %q", code, stderr)
	}
	if !reflect.DeepEqual(tree(t, dir), after) {
		t.Error("a refused add wrote to the app")
	}
}

// A file that changes between the diff and the answer is not overwritten, and neither is any other file.
func TestAddRefusesStaleFiles(t *testing.T) {
	dir := scaffoldApp(t, "ts", "vanilla")
	handlers := filepath.Join(dir, "src/main/handlers.ts")
	p := confirmHook(func() bool {
		// The user saves the file in their editor while isolate waits for the answer.
		if err := os.WriteFile(handlers, []byte("// mine\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return true
	})
	before := tree(t, dir)
	code, _, stderr := runTest(t, p, "add", "getUser", "--invoke", dir)
	if code != exitFailure || !strings.Contains(stderr, "changed since the diff was computed; nothing was written") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	after := tree(t, dir)
	after[handlers] = before[handlers]
	if !reflect.DeepEqual(after, before) {
		t.Error("other files were written although one was stale")
	}
}

// confirmHook is a prompter whose Confirm runs a function, so a test can act while isolate waits for an answer.
type confirmHook func() bool

func (confirmHook) Input(_, def string) (string, error)               { return def, nil }
func (confirmHook) Select(_ string, _ []string, def int) (int, error) { return def, nil }
func (h confirmHook) Confirm(string, bool) (bool, error)              { return h(), nil }

func TestAddHelpHasExamples(t *testing.T) {
	code, stdout, _ := runTest(t, nil, "add", "--help")
	for _, want := range []string{"isolate add getUser --invoke --args 'id: string, force?: boolean'", "--event", "--dry-run", "sendSync"} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("--help lacks %q (exit %d)", want, code)
		}
	}
	if code, stdout, _ := runTest(t, nil, "--help"); code != 0 || !strings.Contains(stdout, "isolate add") {
		t.Errorf("root help does not list add:\n%s", stdout)
	}
}

func read(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
