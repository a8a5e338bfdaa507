package check

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/htmlpage"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

// A suppression is a comment `isolate-ignore <rule-id>[, <rule-id>…]: <reason>` (`//`, `/* */`, or `<!-- -->` in
// HTML). It silences findings of those rules on its own line and on the line after it.
var suppressionRe = regexp.MustCompile(`^isolate-ignore(?:\s+([^:]*?))?\s*(?::\s*(.*))?$`)

type suppression struct {
	path string
	// first and last are the lines the comment spans; it covers them and the line after.
	first, last int
	rules       []string
	reason      string
	start, end  int
	pos         syntax.Position
}

type suppressions struct {
	byPath map[string][]suppression
}

func collectSuppressions(facts *project.Facts) *suppressions {
	s := &suppressions{byPath: map[string][]suppression{}}
	for _, path := range facts.Paths() {
		f := facts.Files[path]
		f.Root.Walk(func(n *syntax.Node) bool {
			if n.Is("comment") {
				s.add(path, f.Src, n.Start, n.End, commentText(f.Text(n)))
			}
			return true
		})
	}
	for path, page := range facts.Pages {
		for _, c := range htmlpage.Scan(page.Src).Comments {
			s.add(path, page.Src, c.Start, c.End, c.Text)
		}
	}
	return s
}

// commentText strips the comment markers of a JavaScript comment.
func commentText(raw string) string {
	switch {
	case strings.HasPrefix(raw, "//"):
		return raw[2:]
	case strings.HasPrefix(raw, "/*"):
		raw = strings.TrimSuffix(raw[2:], "*/")
		return strings.TrimPrefix(strings.TrimSpace(raw), "*")
	}
	return raw
}

func (s *suppressions) add(path string, src []byte, start, end int, text string) {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, "isolate-ignore") {
		return
	}
	m := suppressionRe.FindStringSubmatch(text)
	if m == nil {
		return // isolate-ignored-files or another word that merely starts the same way
	}
	pos := syntax.PositionIn(src, nil, start)
	sup := suppression{path: path, pos: pos, first: pos.Line,
		last: syntax.PositionIn(src, nil, max(start, end-1)).Line, reason: strings.TrimSpace(m[2]), start: start,
		end: end}
	for _, id := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		sup.rules = append(sup.rules, id)
	}
	s.byPath[path] = append(s.byPath[path], sup)
}

func (s *suppressions) silences(d codemod.Diagnostic) bool {
	for _, sup := range s.byPath[d.Path] {
		if d.Pos.Line < sup.first || d.Pos.Line > sup.last+1 {
			continue
		}
		for _, id := range sup.rules {
			if id == d.Rule {
				return true
			}
		}
	}
	return false
}

// findings are the problems of the suppressions themselves: no reason, no rule, or a rule that does not exist.
func (s *suppressions) findings() []codemod.Diagnostic {
	var out []codemod.Diagnostic
	for path, sups := range s.byPath {
		for _, sup := range sups {
			at := codemod.Diagnostic{Path: path, Start: sup.start, End: sup.end, Pos: sup.pos}
			if len(sup.rules) == 0 {
				d := at
				d.Rule, d.Severity = "ignore-unknown-rule", codemod.Medium
				d.Message = "isolate-ignore names no rule, so it suppresses nothing; write isolate-ignore " +
					"<rule-id>: <reason>"
				out = append(out, d)
				continue
			}
			for _, id := range sup.rules {
				if codemod.Lookup(id) == nil {
					d := at
					d.Rule, d.Severity = "ignore-unknown-rule", codemod.Medium
					d.Message = fmt.Sprintf("isolate-ignore names %q, which is not a rule, so it suppresses nothing; "+
						"`isolate check --list-rules` lists the rule IDs", id)
					out = append(out, d)
				}
			}
			if sup.reason == "" {
				d := at
				d.Rule, d.Severity = "ignore-reason", codemod.Medium
				d.Message = "isolate-ignore " + strings.Join(sup.rules, ", ") + " gives no reason; say why the " +
					"finding does not apply after a colon (isolate-ignore " + sup.rules[0] + ": <reason>) so a " +
					"reviewer can check the decision"
				out = append(out, d)
			}
		}
	}
	return out
}
