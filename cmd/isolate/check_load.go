package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/isolate-dev/isolate/check"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

// loadForCheck reads the app at root into project facts. It stands in for the shared walk → project.Load pipeline
// until that lands on main: it skips node_modules, VCS and build directories and minified files, parses every
// JavaScript and TypeScript file and keeps the HTML pages.
func loadForCheck(root string) (*project.Facts, []check.Problem, error) {
	facts := &project.Facts{Root: root, Files: map[string]*project.File{}, Pages: map[string]*project.Page{}}
	var problems []check.Problem
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			problems = append(problems, check.Problem{File: rel, Message: err.Error()})
			return nil
		}
		if d.IsDir() {
			switch d.Name() {
			case "node_modules", ".git", "dist", "out", "build", "release":
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || strings.Contains(d.Name(), ".min.") {
			return nil
		}
		_, isJS := syntax.LangOf(rel)
		isPage := strings.HasSuffix(rel, ".html") || strings.HasSuffix(rel, ".htm")
		if !isJS && !isPage {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			problems = append(problems, check.Problem{File: rel, Message: err.Error()})
			return nil
		}
		if isPage {
			facts.Pages[rel] = &project.Page{Path: rel, Src: src}
			return nil
		}
		f, err := syntax.Parse(rel, src)
		if err != nil {
			return nil
		}
		facts.Files[rel] = &project.File{File: f}
		if errs := f.SyntaxErrors(); len(errs) > 0 {
			pos := f.Pos(errs[0].Start)
			problems = append(problems, check.Problem{File: rel, Line: pos.Line, Column: pos.Column,
				Message: "syntax error; findings in this file may be incomplete"})
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	project.Analyze(facts)
	facts.Electron = project.ElectronVersion(root)
	return facts, problems, nil
}
