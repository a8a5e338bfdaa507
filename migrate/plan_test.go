package migrate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/syntax"
)

func planOf(t *testing.T, root string, rules ...*codemod.Rule) *Plan {
	t.Helper()
	plan, _, err := Compute(root, rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

func applyAll(t *testing.T, p *Plan) {
	t.Helper()
	for _, c := range p.Changes {
		if err := p.Apply(c); err != nil {
			t.Fatal(err)
		}
	}
}

func changed(p *Plan) []string {
	var out []string
	for _, c := range p.Changes {
		out = append(out, c.Path)
	}
	return out
}

// Every byte outside the edited ranges survives (the space before each `=` too, hence "'api' ,"): CRLF line endings (and the CRLF of inserted lines), a byte order
// mark, comments touching each edited node, non-ASCII text, a missing final newline.
func TestPlanPreservesBytes(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"crlf/preload.js": "// preload for the notes window\r\nconst { ipcRenderer } = require('electron')\r\n\r\n" +
			"window.notes = {\r\n  save: (n) => ipcRenderer.invoke('save', n),\r\n}\r\n",
		"bom/preload.js": string(bom) + "// préload (the preload script)\nwindow.api = { ok: true }\n",
		"comments/preload.js": "// preload\n/* a */ window.api /* d */ = /* e */ { v: 1 } /* f */ ; // g\n" +
			"// h\nwindow.other = 2 // i\n",
		"unicode/preload.ts": "// electron preload — Grüße, 世界 👋\nwindow.greet = (name: string) => `Grüße, ${name} 👋`\n" +
			"window.ünïcödé = 'naïve'",
	}
	writeTree(t, root, files)
	plan := planOf(t, root, exposeRule)
	if len(plan.Changes) != 4 || len(plan.Errors)+len(plan.Skipped) != 0 {
		t.Fatalf("changes %q, errors %v, skipped %v", changed(plan), plan.Errors, plan.Skipped)
	}
	want := map[string]string{
		"crlf/preload.js": "const { contextBridge } = require('electron')\r\n// preload for the notes window\r\n" +
			"const { ipcRenderer } = require('electron')\r\n\r\n" +
			"contextBridge.exposeInMainWorld('notes' , {\r\n  save: (n) => ipcRenderer.invoke('save', n),\r\n})\r\n",
		"bom/preload.js": string(bom) + "const { contextBridge } = require('electron')\n// préload (the preload script)\n" +
			"contextBridge.exposeInMainWorld('api' , { ok: true })\n",
		"comments/preload.js": "const { contextBridge } = require('electron')\n// preload\n" +
			"/* a */ contextBridge.exposeInMainWorld('api' /* d */ , /* e */ { v: 1 }) /* f */ ; // g\n" +
			"// h\ncontextBridge.exposeInMainWorld('other' , 2) // i\n",
		"unicode/preload.ts": "const { contextBridge } = require('electron')\n// electron preload — Grüße, 世界 👋\n" +
			"contextBridge.exposeInMainWorld('greet' , (name: string) => `Grüße, ${name} 👋`)\n" +
			"contextBridge.exposeInMainWorld('ünïcödé' , 'naïve')",
	}
	applyAll(t, plan)
	for path, w := range want {
		got := readFile(t, filepath.Join(root, path))
		if got != w {
			t.Errorf("%s:\n got %q\nwant %q", path, got, w)
		}
		if ps := syntax.Validate(path, []byte(got)); ps != nil {
			t.Errorf("%s does not parse after the rewrite: %v", path, ps)
		}
	}
	// The diagnostic points at the assignment, in characters: the BOM and the accents do not shift columns.
	for _, d := range plan.Diagnostics {
		if d.Path == "unicode/preload.ts" && d.Pos.Line == 3 && d.Pos.Column != 1 {
			t.Errorf("position %v", d.Pos)
		}
		if !d.Fixed {
			t.Errorf("not fixed: %v", d)
		}
	}
	if again := planOf(t, root, exposeRule); len(again.Changes) != 0 || len(again.Diagnostics) != 0 {
		t.Errorf("a second run still changes %q", changed(again))
	}
}

func TestPlanLeavesFilesThatDoNotParse(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"good/preload.js":   "// preload\nwindow.api = {}\n",
		"broken/preload.js": "// preload\nwindow.api = {\n  save() {},\n}\nwindow.x = (1\n",
	})
	plan := planOf(t, root, exposeRule)
	if got := changed(plan); len(got) != 1 || got[0] != "good/preload.js" {
		t.Fatalf("changes %q", got)
	}
	if len(plan.Skipped) != 1 || plan.Skipped[0].Path != "broken/preload.js" ||
		!strings.Contains(plan.Skipped[0].Message, "syntax error at 5:1") {
		t.Errorf("skipped %v", plan.Skipped)
	}
	for _, d := range plan.Diagnostics {
		if d.Fixed != (d.Path == "good/preload.js") {
			t.Errorf("%s fixed = %v", d.Path, d.Fixed)
		}
	}
}

// esbuild is stricter than tree-sitter: a duplicate declaration parses for tree-sitter and is still rejected.
func TestPlanSkipsFilesEsbuildRejects(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"preload.js": "// preload\nlet a = 1\nlet a = 2\nwindow.a = a\n"})
	plan := planOf(t, root, exposeRule)
	if len(plan.Changes) != 0 || len(plan.Skipped) != 1 || !strings.Contains(plan.Skipped[0].Message, "does not parse (esbuild at 3:5") {
		t.Errorf("changes %q, skipped %v", changed(plan), plan.Skipped)
	}
}

func TestPlanReportsBuggyRulesAndWritesNothingForThem(t *testing.T) {
	root := t.TempDir()
	src := "// preload\nwindow.x = 1\n"
	writeTree(t, root, map[string]string{"a.js": src, "b.js": src, "c.js": src, "d.js": src})
	overlap := editRule("overlap", []codemod.Edit{{Path: "a.js", Start: 11, End: 17, New: "x"}},
		[]codemod.Edit{{Path: "a.js", Start: 14, End: 20, New: "y"}})
	breaks := editRule("breaks", []codemod.Edit{{Path: "b.js", Start: 11, End: 11, New: "))"}})
	// One fix over two files: c.js is fine alone, but the half in a.js fails, so neither half is applied.
	spans := editRule("spans", []codemod.Edit{{Path: "c.js", Start: 0, End: 0, New: "// c\n"}, {Path: "a.js", Start: 0, End: 0, New: "// a\n"}})
	fine := editRule("fine", []codemod.Edit{{Path: "d.js", Start: 0, End: 0, New: "'use strict'\n"}})
	plan := planOf(t, root, overlap, breaks, spans, fine)
	if got := changed(plan); len(got) != 1 || got[0] != "d.js" {
		t.Errorf("changes %q, want only d.js", got)
	}
	if len(plan.Errors) != 2 || plan.Errors[0].Path != "a.js" || !strings.Contains(plan.Errors[0].Message, "overlapping edits") ||
		plan.Errors[1].Path != "b.js" || !strings.Contains(plan.Errors[1].Message, "the rewritten file does not parse") {
		t.Errorf("errors %v", plan.Errors)
	}
	applyAll(t, plan)
	for _, f := range []string{"a.js", "b.js", "c.js"} {
		if readFile(t, filepath.Join(root, f)) != src {
			t.Errorf("%s was written", f)
		}
	}
	for _, d := range plan.Diagnostics {
		if d.Fixed != (d.Rule == "fine") {
			t.Errorf("%s fixed = %v", d.Rule, d.Fixed)
		}
	}
}

func TestPlanCreatesFiles(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"main.js": "require('electron')\n"})
	typings := "export {}\ndeclare global { interface Window { api: unknown } }\n"
	create := editRule("types", []codemod.Edit{{Path: "src/types/window.d.ts", Create: true, New: typings}})
	plan := planOf(t, root, create)
	if len(plan.Changes) != 1 || !plan.Changes[0].Created ||
		!strings.Contains(plan.Changes[0].Diff, "new file mode 100644\n--- /dev/null\n+++ b/src/types/window.d.ts\n") {
		t.Fatalf("changes %+v", plan.Changes)
	}
	applyAll(t, plan)
	if got := readFile(t, filepath.Join(root, "src/types/window.d.ts")); got != typings {
		t.Errorf("created %q", got)
	}
	err := plan.Apply(plan.Changes[0])
	var we *WriteError
	if !errors.As(err, &we) || !strings.Contains(err.Error(), "src/types/window.d.ts: exists by now") {
		t.Errorf("creating twice: %v", err)
	}
	if again := planOf(t, root, create); len(again.Errors) != 1 || !strings.Contains(again.Errors[0].Message, "exists") {
		t.Errorf("planning to create an existing file: %v", again.Errors)
	}
}

func TestApplyRefusesUnsafeWrites(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	src := "// preload\nwindow.api = {}\n"
	writeTree(t, root, map[string]string{"changed.js": src, "readonly.js": src, "script.js": src, "real/linked.js": src})
	writeTree(t, outside, map[string]string{"elsewhere.js": src})
	os.Chmod(filepath.Join(root, "readonly.js"), 0o444)
	os.Chmod(filepath.Join(root, "script.js"), 0o755)
	os.Symlink("real/linked.js", filepath.Join(root, "link.js"))
	plan := planOf(t, root, exposeRule)
	if len(plan.Changes) != 4 {
		t.Fatalf("changes %q", changed(plan))
	}
	os.WriteFile(filepath.Join(root, "changed.js"), []byte(src+"// edited meanwhile\n"), 0o644)
	errs := map[string]string{}
	for _, c := range plan.Changes {
		if err := plan.Apply(c); err != nil {
			errs[c.Path] = err.Error()
		}
	}
	if !strings.Contains(errs["changed.js"], "changed.js: changed since the plan was computed; not overwritten") {
		t.Errorf("changed file: %q", errs["changed.js"])
	}
	if !strings.Contains(errs["readonly.js"], "readonly.js: is read-only (mode 0444); not written") {
		t.Errorf("read-only file: %q", errs["readonly.js"])
	}
	if len(errs) != 2 {
		t.Errorf("errors %v", errs)
	}
	if readFile(t, filepath.Join(root, "readonly.js")) != src || !strings.HasSuffix(readFile(t, filepath.Join(root, "changed.js")), "meanwhile\n") {
		t.Error("a refused file was written")
	}
	if info, _ := os.Stat(filepath.Join(root, "script.js")); info.Mode().Perm() != 0o755 ||
		!strings.Contains(readFile(t, filepath.Join(root, "script.js")), "exposeInMainWorld") {
		t.Errorf("script.js mode %v after the rewrite", info.Mode())
	}
	// The link was listed once, as the file it points to, and the file is written, the link kept.
	if info, err := os.Lstat(filepath.Join(root, "link.js")); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link.js is no longer a link: %v %v", info, err)
	}
	if !strings.Contains(readFile(t, filepath.Join(root, "real/linked.js")), "exposeInMainWorld") {
		t.Error("the link's target was not rewritten")
	}
	// A change whose path leads out of the root through a link is refused, whatever the plan says.
	os.Symlink(filepath.Join(outside, "elsewhere.js"), filepath.Join(root, "escape.js"))
	err := plan.Apply(&Change{Path: "escape.js", Old: []byte(src), New: []byte("x"), Mode: 0o644})
	if err == nil || !strings.Contains(err.Error(), "escape.js: resolves to a place outside") {
		t.Errorf("writing through a link out of the root: %v", err)
	}
	if readFile(t, filepath.Join(outside, "elsewhere.js")) != src {
		t.Error("a file outside the root was written")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(root, ".*isolate-*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %q", leftovers)
	}
}
