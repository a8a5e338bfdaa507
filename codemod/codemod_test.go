package codemod

import (
	"testing"

	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

func parse(t *testing.T, path, src string, role project.Role) *project.File {
	t.Helper()
	f, err := syntax.Parse(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return &project.File{File: f, Role: role}
}

func TestRunVisitsFilesByRoleAndSortsDiagnostics(t *testing.T) {
	facts := &project.Facts{Files: map[string]*project.File{}}
	for _, f := range []*project.File{
		parse(t, "b/preload.js", "window.a = 1\nwindow.b = 2\n", project.Preload),
		parse(t, "a/preload.js", "window.c = 3\n", project.Preload),
		parse(t, "main.js", "window.d = 4\n", project.Main),
	} {
		facts.Files[f.Path] = f
	}
	rule := &Rule{ID: "window-assign", Severity: High, Roles: project.Preload, Run: func(p *Pass) {
		for _, n := range p.File.Root.Find("assignment_expression") {
			p.Reportf(n, "assigns %s", p.File.Text(n.Child("left")))
		}
	}}
	info := &Rule{ID: "note", Severity: Low, Run: func(p *Pass) {
		if p.File.Path == "main.js" {
			p.Report(Diagnostic{Severity: Info, Start: 0, End: 1, Message: "main"})
		}
	}}
	ds := Run([]*Rule{rule, info}, facts)
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	want := []string{
		"a/preload.js:1:1 high window-assign assigns window.c",
		"b/preload.js:1:1 high window-assign assigns window.a",
		"b/preload.js:2:1 high window-assign assigns window.b",
		"main.js:1:1 info note main",
	}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("diagnostic %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestParseSeverity(t *testing.T) {
	for _, name := range []string{"info", "LOW", "medium", "high"} {
		s, err := ParseSeverity(name)
		if err != nil || !(s >= Info && s <= High) {
			t.Errorf("%s: %v %v", name, s, err)
		}
	}
	if _, err := ParseSeverity("critical"); err == nil {
		t.Error("critical accepted")
	}
	if !(High > Medium && Medium > Low && Low > Info) {
		t.Error("severities out of order")
	}
}
