package migrate

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/diff"
	"github.com/isolate-dev/isolate/internal/testenv"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/consistency"
	"github.com/isolate-dev/isolate/syntax"
	"github.com/isolate-dev/isolate/ui"
	"github.com/isolate-dev/isolate/walk"
)

var update = flag.Bool("update", false, "rewrite the golden.diff files of testdata/migrate from the current output")

// TestGolden runs every fixture app through the real pipeline with the registered migrate rules. A fixture is a
// directory testdata/migrate/<name>/ holding app/ (the app before migration) and golden.diff: what
// `isolate migrate --dry-run` prints for it (the diffs, then the findings and the summary), followed by the
// problems, notes and internal errors. A golden.diff is a patch: `git apply` it inside a copy of app/ to see the
// migrated app. Run `go test ./migrate -run TestGolden -update` to rewrite the goldens, then read them.
//
// Beyond the comparison, every fixture must migrate to files esbuild parses, a second run must change nothing,
// and the patch applied with git apply must give exactly what --yes writes.
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "migrate", "*"))
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, dir := range dirs {
		if info, err := os.Stat(filepath.Join(dir, "app")); err != nil || !info.IsDir() {
			continue
		}
		ran++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			for _, failure := range checkGolden(t, dir, codemod.Rules(codemod.ForMigrate), *update) {
				t.Error(failure)
			}
		})
	}
	if ran == 0 {
		t.Fatal("no fixture in testdata/migrate")
	}
}

// TestGoldenHarnessFails makes sure the harness notices what it is there to notice, with the test rules.
func TestGoldenHarnessFails(t *testing.T) {
	fixture := t.TempDir()
	writeTree(t, filepath.Join(fixture, "app"), map[string]string{
		"preload.js":  "// preload\r\nwindow.api = { ping: () => 'pong' }\r\n",
		"renderer.js": "const { ipcRenderer } = require('electron')\n",
	})
	if fails := checkGolden(t, fixture, []*codemod.Rule{exposeRule, noteRule}, true); len(fails) > 0 {
		t.Fatalf("writing the golden: %q", fails)
	}
	golden := readFile(t, filepath.Join(fixture, "golden.diff"))
	if !strings.Contains(golden, "+contextBridge.exposeInMainWorld('api' , { ping: () => 'pong' })\r\n") ||
		!strings.Contains(golden, "renderer.js:1:25 medium test-renderer-require") {
		t.Errorf("golden:\n%s", golden)
	}
	if fails := checkGolden(t, fixture, []*codemod.Rule{exposeRule, noteRule}, false); len(fails) > 0 {
		t.Errorf("an unchanged fixture fails: %q", fails)
	}
	os.WriteFile(filepath.Join(fixture, "golden.diff"), []byte(strings.Replace(golden, "'pong'", "'ping'", 1)), 0o644)
	if fails := checkGolden(t, fixture, []*codemod.Rule{exposeRule, noteRule}, false); len(fails) != 1 || !strings.Contains(fails[0], "differs from golden.diff") {
		t.Errorf("a changed golden is not caught: %q", fails)
	}
	// A rule that adds a line on every run is not idempotent.
	again := &codemod.Rule{ID: "again", For: codemod.ForMigrate, Severity: codemod.Low, Run: func(p *codemod.Pass) {
		p.Report(codemod.Diagnostic{Message: "again", Fix: &codemod.Fix{Edits: []codemod.Edit{{Path: p.File.Path, New: "// again\n"}}}})
	}}
	fails := checkGolden(t, fixture, []*codemod.Rule{again}, true)
	if len(fails) == 0 || !strings.Contains(strings.Join(fails, "\n"), "a second run still changes preload.js") {
		t.Errorf("a rule that never settles is not caught: %q", fails)
	}
}

// checkGolden runs one fixture and returns what is wrong with it.
func checkGolden(t *testing.T, fixture string, rules []*codemod.Rule, update bool) (failures []string) {
	t.Helper()
	fail := func(format string, args ...any) { failures = append(failures, fmt.Sprintf(format, args...)) }
	work := t.TempDir()
	viaYes, viaPatch := filepath.Join(work, "yes"), filepath.Join(work, "patch")
	for _, dst := range []string{viaYes, viaPatch} {
		if err := copyTree(filepath.Join(fixture, "app"), dst); err != nil {
			t.Fatal(err)
		}
	}
	plan, problems, err := Compute(viaYes, rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := goldenText(plan, problems)
	goldenPath := filepath.Join(fixture, "golden.diff")
	if update {
		if err := os.WriteFile(goldenPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if want, err := os.ReadFile(goldenPath); err != nil {
		fail("%v (run with -update to write it, then read it)", err)
	} else if string(want) != got {
		fail("output differs from golden.diff (run with -update to accept it, after reading it):\n%s",
			diff.Unified("golden.diff", want, []byte(got), false, 0))
	}

	original := loadFacts(t, viaPatch) // viaPatch is the untouched copy until the patch is applied below
	for _, c := range plan.Changes {
		if _, ok := syntax.LangOf(c.Path); ok {
			if ps := syntax.Validate(c.Path, c.New); ps != nil {
				fail("%s does not parse after migration: %v", c.Path, ps)
			}
		}
		if err := plan.Apply(c); err != nil {
			fail("writing: %v", err)
		}
	}
	// What --yes wrote must still hold together: the consistency pass finds nothing on the result that the app
	// did not have before.
	users := consistency.TypeUsers(original)
	known := map[string]bool{}
	for _, b := range consistency.Consistency(original, original, users) {
		known[b.Key] = true
	}
	for _, b := range consistency.Consistency(original, loadFacts(t, viaYes), users) {
		if !known[b.Key] {
			fail("the migrated app no longer holds together: %s: %s", b.Path, b.Message)
		}
	}
	second, _, err := Compute(viaYes, rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range second.Changes {
		fail("a second run still changes %s:\n%s", c.Path, c.Diff)
	}

	if len(plan.Changes) == 0 {
		return failures
	}
	git := testenv.Tool(t, "git")
	var patch bytes.Buffer
	for _, c := range plan.Changes {
		patch.WriteString(c.Diff)
	}
	cmd := exec.Command(git, "apply", "-")
	cmd.Dir, cmd.Stdin = viaPatch, &patch
	if out, err := cmd.CombinedOutput(); err != nil {
		fail("git apply refuses the dry-run patch: %v\n%s", err, out)
		return failures
	}
	yes, err := readTree(viaYes)
	if err != nil {
		t.Fatal(err)
	}
	patched, err := readTree(viaPatch)
	if err != nil {
		t.Fatal(err)
	}
	for p, content := range yes {
		if patched[p] != content {
			fail("%s: the dry-run patch applied with git apply differs from what --yes writes", p)
		}
	}
	for p := range patched {
		if _, ok := yes[p]; !ok {
			fail("%s: the dry-run patch creates a file --yes does not", p)
		}
	}
	return failures
}

// loadFacts reads a directory's project facts as migrate does.
func loadFacts(t *testing.T, root string) *project.Facts {
	t.Helper()
	res, err := walk.Walk(root)
	if err != nil {
		t.Fatal(err)
	}
	facts, _ := project.Load(res.Root, res.Files)
	return facts
}

// goldenText is the dry-run output followed by what isolate says on stderr, with the temporary root replaced.
func goldenText(p *Plan, problems []walk.Problem) string {
	var b strings.Builder
	WriteText(&b, p, (&ui.Streams{}).Palette(false))
	for _, pr := range append(problems, p.Skipped...) {
		fmt.Fprintf(&b, "problem: %s\n", pr)
	}
	for _, n := range p.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	for _, e := range p.Errors {
		fmt.Fprintf(&b, "internal error: %s\n", e)
	}
	return strings.ReplaceAll(b.String(), p.Root, "$ROOT")
}

// copyTree copies a directory, keeping modes and symbolic links.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return os.MkdirAll(target, info.Mode().Perm()|0o700)
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, info.Mode().Perm())
		}
	})
}

// readTree reads every regular file under root by slash path.
func readTree(root string) (map[string]string, error) {
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	return out, err
}
