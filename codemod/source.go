package codemod

import (
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

// Style is how a file is written, so inserted code looks like the code around it.
type Style struct {
	quote  byte   // ' or "
	semi   bool   // statements end with ;
	Indent string // one level of indentation
	// trailingComma is true when multi-line object literals end with a comma after their last member.
	TrailingComma bool
	EOL           string
	ESM           bool
}

// StyleOf reads a file's style by majority over its own code; ties and files with no evidence get the most common
// JavaScript style (single quotes, semicolons, two spaces, no trailing comma). It is read once per file: rules ask
// for every window of a file, and reading the whole file each time grew with the square of the windows.
func StyleOf(f *syntax.File) Style {
	return Cached(&styles, f, func() Style { return readStyle(f) })
}

var styles sync.Map // weak.Pointer[syntax.File] → style

func readStyle(f *syntax.File) Style {
	st := Style{quote: '\'', semi: true, Indent: "  ", EOL: f.EOL()}
	var single, double, semi, noSemi, trail, noTrail int
	hasImport, hasRequire := false, false
	f.Root.Walk(func(n *syntax.Node) bool {
		switch n.Kind {
		case "string":
			if n.Parent != nil && (n.Parent.Is("jsx_attribute") || n.Parent.Is("import_statement", "export_statement")) {
				// import sources count too, but JSX attributes follow HTML habits
				if n.Parent.Is("jsx_attribute") {
					return false
				}
			}
			if t := f.Src[n.Start]; t == '\'' {
				single++
			} else if t == '"' {
				double++
			}
			return false
		case "expression_statement", "lexical_declaration", "variable_declaration", "import_statement",
			"return_statement", "throw_statement":
			if n.Kind == "import_statement" {
				hasImport = true
			}
			if last := n.Children[len(n.Children)-1]; last.Kind == ";" && last.End > last.Start {
				semi++
			} else if !n.Parent.Is("for_statement", "for_in_statement") {
				noSemi++
			}
		case "export_statement":
			hasImport = true
		case "call_expression":
			if fn := n.Child("function"); fn.Is("identifier") && f.Text(fn) == "require" {
				hasRequire = true
			}
		case "object", "array", "object_pattern", "named_imports":
			members := n.NamedChildren()
			if len(members) == 0 {
				break
			}
			last := members[len(members)-1]
			closing := n.Children[len(n.Children)-1]
			if f.Pos(last.End).Line == f.Pos(closing.Start).Line {
				break
			}
			if next := last.NextSibling(); next != nil && next.Kind == "," {
				trail++
			} else {
				noTrail++
			}
		}
		return true
	})
	if double > single {
		st.quote = '"'
	}
	st.semi = semi >= noSemi
	st.TrailingComma = trail > noTrail
	st.Indent = indentUnit(f)
	switch {
	case hasImport:
		st.ESM = true
	case hasRequire:
		st.ESM = false
	default:
		switch path.Ext(f.Path) {
		case ".mjs", ".mts", ".ts", ".tsx":
			st.ESM = true
		}
	}
	return st
}

// WritingStyle is how a file quotes strings, ends statements and indents, read the way isolate's rewrites read
// it, for other code that adds to the user's files (isolate add) so both write alike.
func WritingStyle(f *syntax.File) (quote byte, semi bool, indent string) {
	st := StyleOf(f)
	return st.quote, st.semi, st.Indent
}

// indentUnit returns the file's indentation step: a tab when indented lines start with tabs, otherwise the
// smallest positive number of leading spaces on a line that is not inside a comment or template.
func indentUnit(f *syntax.File) string {
	smallest := 0
	tabs, spaces := 0, 0
	lineStart := 0
	for i := 0; i <= len(f.Src); i++ {
		if i < len(f.Src) && f.Src[i] != '\n' {
			continue
		}
		line := f.Src[lineStart:i]
		lineStart = i + 1
		n := 0
		for n < len(line) && line[n] == ' ' {
			n++
		}
		if len(line) > 0 && line[0] == '\t' {
			tabs++
			continue
		}
		rest := strings.TrimSpace(string(line))
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
	if smallest < 2 || smallest > 8 {
		return "  "
	}
	return strings.Repeat(" ", smallest)
}

// q quotes s in the file's quote style.
func (st Style) Quote(s string) string { return syntax.QuoteJS(s, st.quote) }

// end is what ends a statement in the file's style.
func (st Style) End() string {
	if st.semi {
		return ";"
	}
	return ""
}

// LineBounds returns the start of n's first line and the offset just past its last line's line ending, and
// whether n is alone on those lines (only blanks before it and only blanks or a comment after it).
func LineBounds(f *syntax.File, start, end int) (from, to int, alone bool) {
	from = start
	for from > 0 && (f.Src[from-1] == ' ' || f.Src[from-1] == '\t') {
		from--
	}
	before := from == 0 || f.Src[from-1] == '\n'
	to = end
	for to < len(f.Src) && (f.Src[to] == ' ' || f.Src[to] == '\t' || f.Src[to] == '\r') {
		to++
	}
	after := to == len(f.Src) || f.Src[to] == '\n'
	if to < len(f.Src) && f.Src[to] == '\n' {
		to++
	}
	return from, to, before && after
}

// Attached is a statement with the comments that belong to it: comment lines right above it (no blank line
// between) and a comment after it on its last line.
type Attached struct {
	Stmt     *syntax.Node
	Leading  []*syntax.Node
	Trailing *syntax.Node
	// from and to cover the whole lines of the comments and the statement, line ending included; alone is false
	// when other code shares those lines, and from/to then cover the statement alone.
	From, To int
	Alone    bool
}

func Attach(f *syntax.File, stmt *syntax.Node) Attached {
	a := Attached{Stmt: stmt}
	end := stmt.End
	if next := stmt.NextSibling(); next != nil && next.Kind == "comment" && f.Pos(next.Start).Line == f.Pos(stmt.End).Line {
		a.Trailing = next
		end = next.End
	}
	from, to, alone := LineBounds(f, stmt.Start, end)
	if !alone {
		// Other code on the line: take the statement and the blanks after it, or, when it ends the line, the
		// blanks before it.
		from, to := stmt.Start, stmt.End
		for to < len(f.Src) && (f.Src[to] == ' ' || f.Src[to] == '\t') {
			to++
		}
		if to == len(f.Src) || f.Src[to] == '\n' || f.Src[to] == '\r' {
			to = stmt.End
			for from > 0 && (f.Src[from-1] == ' ' || f.Src[from-1] == '\t') {
				from--
			}
		}
		a.From, a.To, a.Trailing = from, to, nil
		return a
	}
	line := f.Pos(stmt.Start).Line
	for prev := stmt.PrevSibling(); prev != nil && prev.Kind == "comment"; prev = prev.PrevSibling() {
		pl := f.Pos(prev.End).Line
		pfrom, _, palone := LineBounds(f, prev.Start, prev.End)
		if pl != line-1 || !palone {
			break
		}
		a.Leading = append([]*syntax.Node{prev}, a.Leading...)
		from = pfrom
		line = f.Pos(prev.Start).Line
	}
	a.From, a.To, a.Alone = from, to, true
	return a
}

// Removal is one statement to delete, with or without the comment lines above it.
type Removal struct {
	A            Attached
	WithComments bool
}

// Removals returns the edits that delete statements. Statements that follow one another are deleted as one
// range, and when a range sits between blank lines one of them goes too, so the file does not collect empty
// lines.
func Removals(f *syntax.File, rs []Removal) []Edit {
	type span struct {
		From, To int
		Alone    bool
	}
	var spans []span
	for _, r := range rs {
		from, to := r.A.From, r.A.To
		if !r.WithComments && len(r.A.Leading) > 0 {
			from, _, _ = LineBounds(f, r.A.Stmt.Start, r.A.Stmt.End)
		}
		spans = append(spans, span{from, to, r.A.Alone})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].From < spans[j].From })
	var merged []span
	for _, s := range spans {
		if n := len(merged); n > 0 && merged[n-1].To >= s.From && (merged[n-1].To > s.From || merged[n-1].Alone == s.Alone) {
			merged[n-1].To = max(merged[n-1].To, s.To)
			merged[n-1].Alone = merged[n-1].Alone && s.Alone
			continue
		}
		merged = append(merged, s)
	}
	var edits []Edit
	for _, s := range merged {
		if !s.Alone {
			// A range that ends its line takes the blanks before it, so no line ends in a space.
			end := s.To
			for end < len(f.Src) && (f.Src[end] == ' ' || f.Src[end] == '\t') {
				end++
			}
			if end == len(f.Src) || f.Src[end] == '\n' || f.Src[end] == '\r' {
				s.To = end
				for s.From > 0 && (f.Src[s.From-1] == ' ' || f.Src[s.From-1] == '\t') {
					s.From--
				}
			}
		}
		to := s.To
		if s.Alone && blankLineBefore(f, s.From) && blankLineAt(f, to) {
			_, to, _ = LineBounds(f, to, to)
		}
		edits = append(edits, Edit{Path: f.Path, Start: s.From, End: to})
	}
	return edits
}

func blankLineBefore(f *syntax.File, lineStart int) bool {
	if lineStart == 0 {
		return true
	}
	i := lineStart - 1 // the \n ending the previous line
	j := i
	for j > 0 && f.Src[j-1] != '\n' {
		j--
	}
	return strings.TrimSpace(string(f.Src[j:i])) == ""
}

func blankLineAt(f *syntax.File, lineStart int) bool {
	if lineStart >= len(f.Src) {
		return false
	}
	i := lineStart
	for i < len(f.Src) && f.Src[i] != '\n' {
		if f.Src[i] != ' ' && f.Src[i] != '\t' && f.Src[i] != '\r' {
			return false
		}
		i++
	}
	return i < len(f.Src)
}

// Reindent returns the text of [start, end) with every line after the first moved from indentation from to to.
// Lines that begin inside a string or template literal are left alone: their leading blanks are part of a value.
func Reindent(f *syntax.File, start, end int, from, to string) string {
	text := string(f.Src[start:end])
	if from == to || !strings.Contains(text, "\n") {
		return text
	}
	var protected [][2]int
	f.Root.Walk(func(n *syntax.Node) bool {
		if n.End <= start || n.Start >= end {
			return false
		}
		if n.Is("template_string", "string") {
			protected = append(protected, [2]int{n.Start, n.End})
			return false
		}
		return true
	})
	var b strings.Builder
	lines := strings.SplitAfter(text, "\n")
	off := start
	for i, line := range lines {
		lineOff := off
		off += len(line)
		if i == 0 {
			b.WriteString(line)
			continue
		}
		inside := false
		for _, p := range protected {
			if p[0] < lineOff && lineOff < p[1] {
				inside = true
				break
			}
		}
		trimmed := strings.TrimRight(line, "\r\n")
		switch {
		case inside || strings.TrimSpace(trimmed) == "":
			b.WriteString(line)
		case strings.HasPrefix(line, from):
			b.WriteString(to + line[len(from):])
		default:
			b.WriteString(line)
		}
	}
	return b.String()
}

// ObjectMembers returns the members of an object literal (pairs, shorthands, methods, spreads).
func ObjectMembers(obj *syntax.Node) []*syntax.Node {
	var out []*syntax.Node
	for _, c := range obj.NamedChildren() {
		out = append(out, c)
	}
	return out
}

// Entry is one member to add to an object literal: its text (`save: (d) => …`, later lines already indented
// for where it goes) and the comments that travel with it.
type Entry struct {
	Lead  []string // comment lines above it
	Text  string
	Trail string // a comment after it on its line
}

// InsertMembers returns the edits that add entries at the end of an object literal, in the literal's own
// layout: one per line after the last member of a multi-line literal, inline in a one-line literal, and a new
// multi-line body in an empty one. The literal's text may be moving from indentation from to indentation to
// (equal when it stays); base is the indentation, at the destination, of the line the literal starts on.
func InsertMembers(f *syntax.File, st Style, obj *syntax.Node, entries []Entry, base, from, to string) []Edit {
	if len(entries) == 0 {
		return nil
	}
	existing := ObjectMembers(obj)
	closing := obj.Children[len(obj.Children)-1]
	if len(existing) == 0 {
		// Keep comments written inside the empty literal: the new members go after the last of them.
		start := obj.Start + 1
		for _, c := range obj.Children {
			if c.Kind == "comment" {
				start = c.End
			}
		}
		if start == obj.Start+1 && fitsOnOneLine(entries) && f.Pos(obj.Start).Line == f.Pos(closing.Start).Line {
			return []Edit{{Path: f.Path, Start: start, End: closing.Start, New: " " + JoinEntries(entries) + " "}}
		}
		body := MultilineBody(st, entries, base+st.Indent, st.TrailingComma)
		return []Edit{{Path: f.Path, Start: start, End: closing.Start, New: body + st.EOL + base}}
	}
	last := existing[len(existing)-1]
	comma := last.NextSibling()
	hasComma := comma != nil && comma.Kind == ","
	if f.Pos(last.End).Line == f.Pos(closing.Start).Line {
		var b strings.Builder
		at := last.End
		if hasComma {
			at = comma.End
		}
		for i, e := range entries {
			if !hasComma || i > 0 {
				b.WriteString(",")
			}
			b.WriteString(" " + inlineComments(e.Lead) + e.Text + inlineComment(e.Trail))
		}
		if hasComma {
			b.WriteString(",")
		}
		return []Edit{{Path: f.Path, Start: at, End: at, New: b.String()}}
	}
	indent := to + strings.TrimPrefix(f.IndentAt(last.Start), from)
	var edits []Edit
	// Insert at the end of the last member's line, after any comment on it, so a comment stays with its member.
	lineEnd := last.End
	if hasComma {
		lineEnd = comma.End
	}
	for lineEnd < len(f.Src) && f.Src[lineEnd] != '\n' && f.Src[lineEnd] != '\r' {
		lineEnd++
	}
	if lineEnd > closing.Start {
		lineEnd = closing.Start
	}
	if !hasComma {
		edits = append(edits, Edit{Path: f.Path, Start: last.End, End: last.End, New: ","})
	}
	edits = append(edits, Edit{Path: f.Path, Start: lineEnd, End: lineEnd, New: MultilineBody(st, entries, indent, hasComma)})
	return edits
}

// MultilineBody writes entries one per line (each line starting with a line ending), commas between them and,
// when trailing is set, after the last.
func MultilineBody(st Style, entries []Entry, indent string, trailing bool) string {
	var b strings.Builder
	for i, e := range entries {
		for _, c := range e.Lead {
			b.WriteString(st.EOL + indent + c)
		}
		b.WriteString(st.EOL + indent + e.Text)
		if i < len(entries)-1 || trailing {
			b.WriteString(",")
		}
		if e.Trail != "" {
			b.WriteString(" " + e.Trail)
		}
	}
	return b.String()
}

// NewObject writes an object literal holding entries, opening on the current line at indentation base.
func NewObject(st Style, entries []Entry, base string) string {
	return "{" + MultilineBody(st, entries, base+st.Indent, st.TrailingComma) + st.EOL + base + "}"
}

// inlineComment turns a comment into one that can sit inside a line.
func inlineComment(c string) string {
	if c == "" {
		return ""
	}
	if strings.HasPrefix(c, "//") {
		c = "/*" + strings.TrimPrefix(c, "//") + " */"
	}
	return " " + c
}

func inlineComments(cs []string) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(strings.TrimSpace(inlineComment(c)) + " ")
	}
	return b.String()
}

// MoveText returns the text of [start, end) of f with edits inside it applied (their New texts already written
// for the destination) and the original lines moved from indentation from to to.
func MoveText(f *syntax.File, start, end int, edits []Edit, from, to string) string {
	merged, err := Merge(edits)
	if err != nil {
		panic("codemod: bad inner edits: " + err.Error())
	}
	var b strings.Builder
	prev := start
	for _, e := range merged {
		b.WriteString(Reindent(f, prev, e.Start, from, to))
		b.WriteString(e.New)
		prev = e.End
	}
	b.WriteString(Reindent(f, prev, end, from, to))
	return b.String()
}

// IsTestOrBroken reports whether a file must not be rewritten: test and mock code, and files with syntax errors.
func IsTestOrBroken(pf *project.File) bool {
	return pf.Role.Has(project.Test) || pf.Root.HasError()
}

// IdentOK reports whether s can be written as a property name without quotes.
func IdentOK(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || r == '$' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r > 127 || (i > 0 && r >= '0' && r <= '9') {
			continue
		}
		return false
	}
	return true
}

// propKey writes a property name: bare when it is an identifier, quoted otherwise.
func (st Style) PropKey(s string) string {
	if IdentOK(s) {
		return s
	}
	return st.Quote(s)
}

// MemberValue returns an object member's value: the pair's value, or the shorthand identifier itself.
func MemberValue(m *syntax.Node) *syntax.Node {
	if m.Is("pair") {
		return m.Child("value")
	}
	return m
}

// SortedKeys returns a map's keys in order, so output is the same from run to run.
func SortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// fitsOnOneLine reports whether entries read well inline: short, one line each, no comments.
func fitsOnOneLine(entries []Entry) bool {
	n := 0
	for _, e := range entries {
		if len(e.Lead) > 0 || e.Trail != "" || strings.Contains(e.Text, "\n") {
			return false
		}
		n += len(e.Text) + 2
	}
	return n <= 60
}

func JoinEntries(es []Entry) string {
	var parts []string
	for _, e := range es {
		parts = append(parts, e.Text)
	}
	return strings.Join(parts, ", ")
}

// RemoveMember deletes an object member: its whole line when it is alone on it (with a comment after it), else
// the member and the comma that separates it.
func RemoveMember(f *syntax.File, m *syntax.Node) []Edit {
	end := m.End
	next := m.NextSibling()
	if next != nil && next.Kind == "," {
		end = next.End
	}
	if after := NextNode(m, end); after != nil && after.Kind == "comment" && f.Pos(after.Start).Line == f.Pos(m.End).Line {
		end = after.End
	}
	from, to, alone := LineBounds(f, m.Start, end)
	if alone {
		edits := []Edit{{Path: f.Path, Start: from, End: to}}
		// The last member of a literal written without a trailing comma: the one before it becomes the last
		// and loses its comma, in the file's style.
		if next == nil || next.Kind != "," {
			if prev := m.PrevSibling(); prev != nil && prev.Kind == "," {
				edits = append(edits, Edit{Path: f.Path, Start: prev.Start, End: prev.End})
			}
		}
		return edits
	}
	if next != nil && next.Kind == "," {
		to := next.End
		for to < len(f.Src) && f.Src[to] == ' ' {
			to++
		}
		return []Edit{{Path: f.Path, Start: m.Start, End: to}}
	}
	// The last member on a line with others: take the comma before it.
	if prev := m.PrevSibling(); prev != nil && prev.Kind == "," {
		return []Edit{{Path: f.Path, Start: prev.Start, End: m.End}}
	}
	return []Edit{{Path: f.Path, Start: m.Start, End: m.End}}
}

// NextNode returns the first sibling of m that starts at or after offset.
func NextNode(m *syntax.Node, offset int) *syntax.Node {
	for n := m.NextSibling(); n != nil; n = n.NextSibling() {
		if n.Start >= offset {
			return n
		}
	}
	return nil
}
