package addmsg

import (
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/syntax"
)

// style is how a file is written, so that code isolate adds to user code looks like its neighbours.
type style struct {
	quote  byte   // ' or "
	semi   bool   // statements end with ;
	indent string // one level of indentation
	eol    string
}

// styleOf reads a file's style by majority over its own code. A file with no evidence gets single quotes, no
// semicolons and two spaces, as the scaffolded app is written.
func styleOf(f *syntax.File) style {
	st := style{quote: '\'', indent: "  ", eol: f.EOL()}
	var single, double, semi, noSemi int
	f.Root.Walk(func(n *syntax.Node) bool {
		switch n.Kind {
		case "string":
			if n.Parent != nil && n.Parent.Is("jsx_attribute") {
				return false // JSX attributes follow HTML habits
			}
			switch f.Src[n.Start] {
			case '\'':
				single++
			case '"':
				double++
			}
			return false
		case "expression_statement", "lexical_declaration", "variable_declaration", "import_statement",
			"return_statement", "throw_statement":
			if n.Parent.Is("for_statement", "for_in_statement") {
				break
			}
			if last := n.Children[len(n.Children)-1]; last.Kind == ";" && last.End > last.Start {
				semi++
			} else {
				noSemi++
			}
		}
		return true
	})
	if double > single {
		st.quote = '"'
	}
	st.semi = semi > noSemi
	st.indent = indentUnit(f)
	return st
}

// indentUnit is the file's indentation step: a tab when indented lines mostly start with one, else the smallest
// indentation of a code line (2 when there is none, or it is odd).
func indentUnit(f *syntax.File) string {
	smallest, tabs, spaces := 0, 0, 0
	for _, line := range strings.Split(string(f.Src), "\n") {
		if strings.HasPrefix(line, "\t") {
			tabs++
			continue
		}
		n := len(line) - len(strings.TrimLeft(line, " "))
		rest := strings.TrimSpace(line)
		if n == 0 || rest == "" || strings.HasPrefix(rest, "*") {
			continue
		}
		spaces++
		if smallest == 0 || n < smallest {
			smallest = n
		}
	}
	if tabs > spaces {
		return "\t"
	}
	if smallest < 2 || smallest > 8 || smallest%2 == 1 {
		return "  "
	}
	return strings.Repeat(" ", smallest)
}

// q quotes s in the file's quote style.
func (st style) q(s string) string { return syntax.QuoteJS(s, st.quote) }

// end is what ends a statement.
func (st style) end() string {
	if st.semi {
		return ";"
	}
	return ""
}

// objectLayout is how an object literal lays out its members, read from the object itself.
type objectLayout struct {
	indent string // of a member
	// blankLines is true when members are separated by an empty line; trailingComma when the last member is
	// followed by a comma.
	blankLines, trailingComma bool
	// insertAt is the offset after the last member (and its comma, if any); when the object is empty, after {.
	insertAt int
	empty    bool
	// lastComma is true when the last member already has a comma after it.
	lastComma bool
}

// layoutOf reads an object literal's layout; base is the indentation of the line the object starts on.
func layoutOf(f *syntax.File, obj *syntax.Node, st style) objectLayout {
	var members []*syntax.Node
	for _, c := range obj.NamedChildren() {
		if !c.Is("comment") {
			members = append(members, c)
		}
	}
	l := objectLayout{indent: f.IndentAt(obj.Start) + st.indent, insertAt: obj.Start + 1, empty: len(members) == 0,
		trailingComma: true}
	if len(members) == 0 {
		return l
	}
	last := members[len(members)-1]
	l.indent = f.IndentAt(last.Start)
	l.insertAt = last.End
	if next := last.NextSibling(); next != nil && next.Kind == "," {
		l.lastComma = true
		l.insertAt = next.End
	}
	closing := obj.Children[len(obj.Children)-1]
	if f.Pos(obj.Start).Line == f.Pos(closing.Start).Line {
		// { a: 1, b: 2 } on one line: the new member goes on lines of its own before the }, one step in.
		l.indent = f.IndentAt(obj.Start) + st.indent
		l.trailingComma = false
		return l
	}
	l.trailingComma = l.lastComma
	if len(members) > 1 {
		prev := members[len(members)-2]
		between := string(f.Src[prev.End:last.Start])
		l.blankLines = strings.Count(strings.ReplaceAll(between, "\r\n", "\n"), "\n") > 1
	}
	return l
}

// insertMember returns the edit that adds member (its lines without indentation, LF-separated) as the last member
// of obj, in the object's layout.
func insertMember(f *syntax.File, obj *syntax.Node, st style, member string) codemod.Edit {
	l := layoutOf(f, obj, st)
	lines := strings.Split(member, "\n")
	for i, line := range lines {
		if line != "" {
			lines[i] = l.indent + line
		}
	}
	body := strings.Join(lines, st.eol)
	var b strings.Builder
	if !l.empty && !l.lastComma {
		b.WriteString(",")
	}
	if l.blankLines {
		b.WriteString(st.eol)
	}
	b.WriteString(st.eol)
	b.WriteString(body)
	if l.trailingComma || l.empty {
		b.WriteString(",")
	}
	if closing := obj.Children[len(obj.Children)-1]; l.empty && f.Pos(closing.Start).Line == f.Pos(obj.Start).Line {
		b.WriteString(st.eol + f.IndentAt(obj.Start))
	}
	return codemod.Edit{Path: f.Path, Start: l.insertAt, End: l.insertAt, New: b.String()}
}
