package syntax

import (
	"strings"
	"testing"
)

func TestParseBuildsTreeWithFieldsAndRanges(t *testing.T) {
	src := []byte("// preload\nwindow.api = { save: (d) => ipcRenderer.send('save', d) }\n")
	f, err := Parse("preload.js", src)
	if err != nil {
		t.Fatal(err)
	}
	assigns := f.Root.Find("assignment_expression")
	if len(assigns) != 1 {
		t.Fatalf("found %d assignments", len(assigns))
	}
	left := assigns[0].Child("left")
	if left.Kind != "member_expression" || f.Text(left) != "window.api" {
		t.Fatalf("left = %s %q", left.Kind, f.Text(left))
	}
	if got := f.Text(left.Child("property")); got != "api" {
		t.Fatalf("property = %q", got)
	}
	if f.Root.Children[0].Kind != "comment" {
		t.Fatalf("comments should be nodes, first child is %s", f.Root.Children[0].Kind)
	}
	if p := f.Pos(left.Start); p.Line != 2 || p.Column != 1 {
		t.Fatalf("position %v", p)
	}
	for _, n := range f.Root.Find("call_expression") {
		if n.Parent == nil || !n.Parent.Contains(n) {
			t.Fatal("parent links broken")
		}
	}
}

func TestLanguages(t *testing.T) {
	cases := map[string]string{
		"a.ts":   "const x: number = (window as any).api as string\n",
		"a.tsx":  "const e = <div>{(x as any)}</div>\n",
		"a.jsx":  "const e = <div className='x' />\n",
		"a.mjs":  "import { ipcRenderer } from 'electron'\n",
		"a.cts":  "import electron = require('electron')\n",
		"a.d.ts": "declare global { interface Window { api: Api } }\nexport {}\n",
	}
	for name, src := range cases {
		f, err := Parse(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if errs := f.SyntaxErrors(); errs != nil {
			t.Errorf("%s: unexpected syntax errors at %v", name, f.Pos(errs[0].Start))
		}
		if probs := Validate(name, []byte(src)); probs != nil {
			t.Errorf("%s: esbuild rejects: %v", name, probs)
		}
	}
	if _, err := Parse("a.css", nil); err == nil {
		t.Error("a.css parsed")
	}
}

func TestSyntaxErrorsAndValidate(t *testing.T) {
	src := []byte("const a = 1\nfunction (\n")
	f, _ := Parse("bad.js", src)
	errs := f.SyntaxErrors()
	if len(errs) == 0 {
		t.Fatal("no syntax error found")
	}
	if p := f.Pos(errs[0].Start); p.Line != 2 {
		t.Errorf("error at %v, want line 2", p)
	}
	// A duplicate declaration parses with tree-sitter but esbuild rejects it.
	dup := []byte("const { ipcRenderer } = require('electron')\nconst { ipcRenderer } = require('electron')\n")
	f, _ = Parse("dup.js", dup)
	if f.SyntaxErrors() != nil {
		t.Fatal("tree-sitter was expected to accept a duplicate declaration")
	}
	probs := Validate("dup.js", dup)
	if len(probs) != 1 || probs[0].Pos.Line != 2 || !strings.Contains(probs[0].Message, "ipcRenderer") {
		t.Fatalf("Validate = %v", probs)
	}
}

func TestPositionCountsCharactersAndSkipsBOM(t *testing.T) {
	src := []byte("\xEF\xBB\xBFconst é = 'ü'; window.x = 1\r\nwindow.y = 2")
	f, _ := Parse("a.js", src)
	i := strings.Index(string(src), "window.x")
	if p := f.Pos(i); p != (Position{1, 16}) {
		t.Errorf("got %v, want 1:16", p)
	}
	j := strings.Index(string(src), "window.y")
	if p := f.Pos(j); p != (Position{2, 1}) {
		t.Errorf("got %v, want 2:1", p)
	}
	if f.EOL() != "\r\n" {
		t.Error("CRLF not detected")
	}
}

func TestUnwrapAndStringValue(t *testing.T) {
	f, _ := Parse("a.ts", []byte("(window as any).api = 1; x(`chan`, 'a\\'b', `t${v}`, \"\\u0041\", (('p')))\n"))
	left := f.Root.Find("assignment_expression")[0].Child("left")
	obj := Unwrap(left.Child("object"))
	if obj.Kind != "identifier" || f.Text(obj) != "window" {
		t.Fatalf("Unwrap gave %s %q", obj.Kind, f.Text(obj))
	}
	args := f.Root.Find("arguments")[0].NamedChildren()
	want := []struct {
		v  string
		ok bool
	}{{"chan", true}, {"a'b", true}, {"", false}, {"A", true}, {"p", true}}
	for i, w := range want {
		v, ok := f.StringValue(args[i])
		if v != w.v || ok != w.ok {
			t.Errorf("arg %d: got %q %v, want %q %v", i, v, ok, w.v, w.ok)
		}
	}
	if q := QuoteJS("it's \"x\"\n", '\''); q != `'it\'s "x"\n'` {
		t.Errorf("QuoteJS = %s", q)
	}
}
