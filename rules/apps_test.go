package rules

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

// loadApp reads an app directory into facts the way project.Load does (parse relevant sources, keep pages, let
// Analyze ask for more), without depending on it: these tests pin the rules, whatever the loader becomes.
func loadApp(t testing.TB, dir string) *project.Facts {
	t.Helper()
	srcs := map[string][]byte{}
	facts := &project.Facts{Root: dir, Files: map[string]*project.File{}, Pages: map[string]*project.Page{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch ext := strings.ToLower(path.Ext(rel)); {
		case ext == ".html" || ext == ".htm":
			facts.Pages[rel] = &project.Page{Path: rel, Src: data}
		default:
			if _, ok := syntax.LangOf(rel); ok {
				srcs[rel] = data
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	parse := func(rel string) {
		f, err := syntax.Parse(rel, srcs[rel])
		if err != nil {
			t.Fatal(err)
		}
		facts.Files[rel] = &project.File{File: f}
	}
	for rel, src := range srcs {
		if project.Relevant(src) {
			parse(rel)
		}
	}
	for {
		more := project.Analyze(facts)
		parsed := false
		for _, p := range more {
			if _, ok := srcs[p]; ok {
				if _, done := facts.Files[p]; !done {
					parse(p)
					parsed = true
				}
			}
		}
		if !parsed {
			break
		}
	}
	facts.Electron = project.ElectronVersion(dir)
	return facts
}

// migrate runs the migrate rules and applies every fix, returning the diagnostics and the new contents of the
// files that changed.
func migrate(t testing.TB, facts *project.Facts) ([]codemod.Diagnostic, map[string][]byte) {
	t.Helper()
	ds := codemod.Run(codemod.Rules(codemod.ForMigrate), facts)
	var fixes []*codemod.Fix
	for _, d := range ds {
		if d.Fix != nil {
			fixes = append(fixes, d.Fix)
		}
	}
	out := map[string][]byte{}
	for p, edits := range codemod.ByFile(fixes) {
		var src []byte
		if f, ok := facts.Files[p]; ok {
			src = f.Src
		} else if !(len(edits) > 0 && edits[0].Create) {
			data, err := os.ReadFile(filepath.Join(facts.Root, filepath.FromSlash(p)))
			if err != nil {
				t.Fatalf("fix edits %s, which is not parsed: %v", p, err)
			}
			src = data
		} else {
			// A file the fix creates; fixes that create it with the same text are one edit once merged.
			merged, err := codemod.Merge(edits)
			if err != nil || len(merged) != 1 {
				t.Fatalf("%s is created by different fixes with different contents: %v", p, err)
			}
			out[p] = []byte(merged[0].New)
			continue
		}
		res, err := codemod.Apply(src, edits)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out[p] = res
	}
	return ds, out
}

// reload returns facts for the app with the files replaced by new contents, parsed afresh and analysed.
func reload(t testing.TB, facts *project.Facts, changed map[string][]byte) *project.Facts {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(facts.Root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(facts.Root, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if c, ok := changed[filepath.ToSlash(rel)]; ok {
			data = c
		}
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	// Files the fixes create.
	for rel, data := range changed {
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		if _, err := os.Stat(dst); err == nil {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return loadApp(t, dir)
}

func diagLines(ds []codemod.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		s := d.String()
		if d.Fix != nil {
			s += " [fix]"
		}
		out = append(out, s)
	}
	return out
}
