package migrate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/syntax"
)

// The rules below exist for the driver's tests and are never registered, so the real rule set (and its golden
// files) never sees them.

var bom = []byte{0xEF, 0xBB, 0xBF}

// exposeRule is a small window-assign: `window.X = expr` becomes `contextBridge.exposeInMainWorld('X', expr)`
// with three narrow edits (the left side, the `=`, a closing parenthesis), so every comment around the assignment
// sits right next to an edited range, and `contextBridge` is required once per file, after any byte order mark.
var exposeRule = &codemod.Rule{
	ID: "test-expose", Doc: "exposes window.X assignments through contextBridge", Severity: codemod.High,
	For: codemod.ForMigrate,
	Run: func(p *codemod.Pass) {
		f := p.File
		for _, n := range f.Root.Find("assignment_expression") {
			left := syntax.Unwrap(n.Child("left"))
			if !left.Is("member_expression") || f.Text(syntax.Unwrap(left.Child("object"))) != "window" ||
				!n.Parent.Is("expression_statement") {
				continue
			}
			key := f.Text(left.Child("property"))
			eq := n.FirstOfKind("=")
			right := n.Child("right")
			edits := []codemod.Edit{
				{Path: f.Path, Start: left.Start, End: left.End, New: "contextBridge.exposeInMainWorld(" + syntax.QuoteJS(key, '\'')},
				{Path: f.Path, Start: eq.Start, End: eq.End, New: ","},
				{Path: f.Path, Start: right.End, End: right.End, New: ")"},
			}
			if !bytes.Contains(f.Src, []byte("contextBridge")) {
				at := 0
				if bytes.HasPrefix(f.Src, bom) {
					at = len(bom)
				}
				edits = append(edits, codemod.Edit{Path: f.Path, Start: at, End: at,
					New: "const { contextBridge } = require('electron')" + f.EOL()})
			}
			p.Report(codemod.Diagnostic{Start: n.Start, End: n.End,
				Message: "window." + key + " is not visible to the page under context isolation",
				Fix:     &codemod.Fix{Message: "expose it with contextBridge", Edits: edits}})
		}
	},
}

// noteRule reports every `require(` call in files named renderer*, without a fix.
var noteRule = &codemod.Rule{
	ID: "test-renderer-require", Severity: codemod.Medium, For: codemod.ForMigrate,
	Run: func(p *codemod.Pass) {
		if !strings.HasPrefix(filepath.Base(p.File.Path), "renderer") {
			return
		}
		for _, n := range p.File.Root.Find("call_expression") {
			if p.File.Text(n.Child("function")) == "require" {
				p.Reportf(n, "renderer code calls require; move it behind the bridge")
			}
		}
	},
}

// editRule reports one diagnostic per file named in edits, with a fix made of those edits; for tests of what the
// driver does with edits that overlap, break the file, span files or create one.
func editRule(id string, fixes ...[]codemod.Edit) *codemod.Rule {
	return &codemod.Rule{ID: id, Severity: codemod.Low, For: codemod.ForMigrate,
		RunProject: func(p *codemod.ProjectPass) {
			for _, edits := range fixes {
				p.Report(codemod.Diagnostic{Path: edits[0].Path, Message: id, Fix: &codemod.Fix{Edits: edits}})
			}
		}}
}

func writeTree(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
