// Package projecttest builds a project's facts from sources held in memory, for the tests of the rules and of the
// reports made from their diagnostics. It reads no directory and runs no rule.
package projecttest

import (
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

// Facts parses every file (a path ending in .html is kept as a page), analyzes them together, and records
// electron ("12", "12.0.1") as the Electron version package.json asks for; "" leaves the version unknown.
func Facts(t testing.TB, electron string, files map[string]string) *project.Facts {
	t.Helper()
	facts := &project.Facts{Files: map[string]*project.File{}, Pages: map[string]*project.Page{}}
	for path, src := range files {
		if strings.HasSuffix(path, ".html") {
			facts.Pages[path] = &project.Page{Path: path, Src: []byte(src)}
			continue
		}
		f, err := syntax.Parse(path, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		facts.Files[path] = &project.File{File: f}
	}
	project.Analyze(facts)
	if electron != "" {
		facts.Electron = Version(electron)
	}
	return facts
}

// Version reads "major[.minor[.patch]]" as a known version from package.json; digits end at the first other byte.
func Version(electron string) project.Version {
	v := project.Version{Known: true, Raw: electron, Source: "package.json"}
	for i, part := range strings.SplitN(electron, ".", 3) {
		n := 0
		for _, c := range part {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		switch i {
		case 0:
			v.Major = n
		case 1:
			v.Minor = n
		case 2:
			v.Patch = n
		}
	}
	return v
}
