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

// styleOf reads a file's style the way isolate migrate does, so the code isolate add writes next to migrated code
// looks like it.
func styleOf(f *syntax.File) style {
	st := style{eol: f.EOL()}
	st.quote, st.semi, st.indent = codemod.WritingStyle(f)
	return st
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
