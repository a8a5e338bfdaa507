package walk

import (
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// The keyed matcher must decide exactly as go-git's own matcher does; the keys may only skip patterns that could
// not have matched.
func TestIgnoreMatcherAgreesWithGoGit(t *testing.T) {
	lines := []string{
		"node_modules", "*.log", "/build", "build/", "dist/**", "**/generated", "packages/app/lib/*.js",
		"!packages/app/lib/keep.js", "/packages/desktop/gui/note.js", "a/**/b", "[Bb]in", `\#notes`, "foo\\ ",
		".DS_Store", "!important.log", "docs/", "!docs/", "src/local-*.js", "out", "*.gen.js", "!keep.gen.js",
		"/", "x/y/", "vendor/**/*.min.js",
	}
	domains := [][]string{nil, {"packages"}, {"packages", "app"}}
	paths := []string{
		"node_modules", "src/node_modules/x.js", "a.log", "src/a.log", "build", "src/build", "build/x.js",
		"dist/x/y.js", "x/generated", "generated", "packages/app/lib/x.js", "packages/app/lib/keep.js",
		"packages/desktop/gui/note.js", "packages/gui/note.js", "a/b", "a/x/y/b", "bin", "Bin", "src/bin/x",
		"#notes", "foo ", ".DS_Store", "important.log", "docs", "docs/index.html", "src/local-a.js", "out",
		"packages/out", "x.gen.js", "keep.gen.js", "x/y", "x/y/z", "vendor/a/b.min.js", "packages/app/out",
		"packages/app/node_modules", "packages/app/a.log", "packages/app/lib", "packages",
	}
	for _, d := range domains {
		var ours []ignorePattern
		var theirs []gitignore.Pattern
		for _, l := range lines {
			ours = append(ours, parseIgnorePattern(l, d))
			theirs = append(theirs, gitignore.ParsePattern(l, d))
		}
		// Every suffix of the list, so that each pattern gets to be the last word.
		for n := 1; n <= len(lines); n++ {
			m, want := ignoreMatcher(ours[:n]), gitignore.NewMatcher(theirs[:n])
			for _, p := range paths {
				parts := strings.Split(p, "/")
				for _, isDir := range []bool{false, true} {
					if got, w := m.Match(parts, isDir), want.Match(parts, isDir); got != w {
						t.Errorf("domain %v, patterns %q, %s (dir %v): ignored %v, go-git says %v", d, lines[:n], p, isDir, got, w)
					}
				}
			}
		}
	}
}
