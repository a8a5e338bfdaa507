package rules

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestArchitectureListsEveryPackage keeps docs/ARCHITECTURE.md's package list in step with the tree: every
// directory with Go code is listed, every listed directory exists, and a package imports only packages listed
// below it, so a reader who goes by the document finds what it names and no dependency runs upward.
func TestArchitectureListsEveryPackage(t *testing.T) {
	const module = "github.com/isolate-dev/isolate/"
	doc, err := os.ReadFile(filepath.Join("..", "docs", "ARCHITECTURE.md"))
	if err != nil {
		t.Fatal(err)
	}
	rank := map[string]int{}
	for i, m := range regexp.MustCompile(`(?m)^([a-z][a-z0-9/]*)/ `).FindAllStringSubmatch(string(doc), -1) {
		rank[m[1]] = i
	}
	imports := map[string][]string{} // package directory → module packages its code imports
	root := ".."
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkg := filepath.ToSlash(rel)
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		if _, seen := imports[pkg]; !seen {
			imports[pkg] = nil
		}
		for _, is := range f.Imports {
			if p, _ := strconv.Unquote(is.Path.Value); strings.HasPrefix(p, module) {
				imports[pkg] = append(imports[pkg], strings.TrimPrefix(p, module))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for pkg, imps := range imports {
		r, ok := rank[pkg]
		if !ok {
			t.Errorf("package %s is not in docs/ARCHITECTURE.md's list", pkg)
			continue
		}
		for _, imp := range imps {
			if ri, ok := rank[imp]; ok && ri <= r {
				t.Errorf("%s imports %s, which docs/ARCHITECTURE.md lists above it", pkg, imp)
			}
		}
	}
	for p := range rank {
		if _, ok := imports[p]; !ok {
			t.Errorf("docs/ARCHITECTURE.md lists %s/, which holds no Go package", p)
		}
	}
}
