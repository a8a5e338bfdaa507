package codemod

import (
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

// style is how a file is written, so inserted code looks like the code around it.
type style struct {
	quote  byte   // ' or "
	semi   bool   // statements end with ;
	indent string // one level of indentation
	// trailingComma is true when multi-line object literals end with a comma after their last member.
	trailingComma bool
	eol           string
	esm           bool
}

// styleOf reads a file's style by majority over its own code; ties and files with no evidence get the most common
// JavaScript style (single quotes, semicolons, two spaces, no trailing comma). It is read once per file: rules ask
// for every window of a file, and reading the whole file each time grew with the square of the windows.
func styleOf(f *syntax.File) style {
	return cached(&styles, f, func() style { return readStyle(f) })
}

var styles sync.Map // weak.Pointer[syntax.File] → style

func readStyle(f *syntax.File) style {
	st := style{quote: '\'', semi: true, indent: "  ", eol: f.EOL()}
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
	st.trailingComma = trail > noTrail
	st.indent = indentUnit(f)
	switch {
	case hasImport:
		st.esm = true
	case hasRequire:
		st.esm = false
	default:
		switch path.Ext(f.Path) {
		case ".mjs", ".mts", ".ts", ".tsx":
			st.esm = true
		}
	}
	return st
}

// WritingStyle is how a file quotes strings, ends statements and indents, read the way isolate's rewrites read
// it, for other code that adds to the user's files (isolate add) so both write alike.
func WritingStyle(f *syntax.File) (quote byte, semi bool, indent string) {
	st := styleOf(f)
	return st.quote, st.semi, st.indent
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
func (st style) q(s string) string { return syntax.QuoteJS(s, st.quote) }

// end is what ends a statement in the file's style.
func (st style) end() string {
	if st.semi {
		return ";"
	}
	return ""
}

// lineBounds returns the start of n's first line and the offset just past its last line's line ending, and
// whether n is alone on those lines (only blanks before it and only blanks or a comment after it).
func lineBounds(f *syntax.File, start, end int) (from, to int, alone bool) {
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

// attached is a statement with the comments that belong to it: comment lines right above it (no blank line
// between) and a comment after it on its last line.
type attached struct {
	stmt     *syntax.Node
	leading  []*syntax.Node
	trailing *syntax.Node
	// from and to cover the whole lines of the comments and the statement, line ending included; alone is false
	// when other code shares those lines, and from/to then cover the statement alone.
	from, to int
	alone    bool
}

func attach(f *syntax.File, stmt *syntax.Node) attached {
	a := attached{stmt: stmt}
	end := stmt.End
	if next := stmt.NextSibling(); next != nil && next.Kind == "comment" && f.Pos(next.Start).Line == f.Pos(stmt.End).Line {
		a.trailing = next
		end = next.End
	}
	from, to, alone := lineBounds(f, stmt.Start, end)
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
		a.from, a.to, a.trailing = from, to, nil
		return a
	}
	line := f.Pos(stmt.Start).Line
	for prev := stmt.PrevSibling(); prev != nil && prev.Kind == "comment"; prev = prev.PrevSibling() {
		pl := f.Pos(prev.End).Line
		pfrom, _, palone := lineBounds(f, prev.Start, prev.End)
		if pl != line-1 || !palone {
			break
		}
		a.leading = append([]*syntax.Node{prev}, a.leading...)
		from = pfrom
		line = f.Pos(prev.Start).Line
	}
	a.from, a.to, a.alone = from, to, true
	return a
}

// removal is one statement to delete, with or without the comment lines above it.
type removal struct {
	a            attached
	withComments bool
}

// removals returns the edits that delete statements. Statements that follow one another are deleted as one
// range, and when a range sits between blank lines one of them goes too, so the file does not collect empty
// lines.
func removals(f *syntax.File, rs []removal) []Edit {
	type span struct {
		from, to int
		alone    bool
	}
	var spans []span
	for _, r := range rs {
		from, to := r.a.from, r.a.to
		if !r.withComments && len(r.a.leading) > 0 {
			from, _, _ = lineBounds(f, r.a.stmt.Start, r.a.stmt.End)
		}
		spans = append(spans, span{from, to, r.a.alone})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	var merged []span
	for _, s := range spans {
		if n := len(merged); n > 0 && merged[n-1].to >= s.from && (merged[n-1].to > s.from || merged[n-1].alone == s.alone) {
			merged[n-1].to = max(merged[n-1].to, s.to)
			merged[n-1].alone = merged[n-1].alone && s.alone
			continue
		}
		merged = append(merged, s)
	}
	var edits []Edit
	for _, s := range merged {
		if !s.alone {
			// A range that ends its line takes the blanks before it, so no line ends in a space.
			end := s.to
			for end < len(f.Src) && (f.Src[end] == ' ' || f.Src[end] == '\t') {
				end++
			}
			if end == len(f.Src) || f.Src[end] == '\n' || f.Src[end] == '\r' {
				s.to = end
				for s.from > 0 && (f.Src[s.from-1] == ' ' || f.Src[s.from-1] == '\t') {
					s.from--
				}
			}
		}
		to := s.to
		if s.alone && blankLineBefore(f, s.from) && blankLineAt(f, to) {
			_, to, _ = lineBounds(f, to, to)
		}
		edits = append(edits, Edit{Path: f.Path, Start: s.from, End: to})
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

// reindent returns the text of [start, end) with every line after the first moved from indentation from to to.
// Lines that begin inside a string or template literal are left alone: their leading blanks are part of a value.
func reindent(f *syntax.File, start, end int, from, to string) string {
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

// objectMembers returns the members of an object literal (pairs, shorthands, methods, spreads).
func objectMembers(obj *syntax.Node) []*syntax.Node {
	var out []*syntax.Node
	for _, c := range obj.NamedChildren() {
		out = append(out, c)
	}
	return out
}

// entry is one member to add to an object literal: its text (`save: (d) => …`, later lines already indented
// for where it goes) and the comments that travel with it.
type entry struct {
	lead  []string // comment lines above it
	text  string
	trail string // a comment after it on its line
}

// insertMembers returns the edits that add entries at the end of an object literal, in the literal's own
// layout: one per line after the last member of a multi-line literal, inline in a one-line literal, and a new
// multi-line body in an empty one. The literal's text may be moving from indentation from to indentation to
// (equal when it stays); base is the indentation, at the destination, of the line the literal starts on.
func insertMembers(f *syntax.File, st style, obj *syntax.Node, entries []entry, base, from, to string) []Edit {
	if len(entries) == 0 {
		return nil
	}
	existing := objectMembers(obj)
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
			return []Edit{{Path: f.Path, Start: start, End: closing.Start, New: " " + joinEntries(entries) + " "}}
		}
		body := multilineBody(st, entries, base+st.indent, st.trailingComma)
		return []Edit{{Path: f.Path, Start: start, End: closing.Start, New: body + st.eol + base}}
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
			b.WriteString(" " + inlineComments(e.lead) + e.text + inlineComment(e.trail))
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
	edits = append(edits, Edit{Path: f.Path, Start: lineEnd, End: lineEnd, New: multilineBody(st, entries, indent, hasComma)})
	return edits
}

// multilineBody writes entries one per line (each line starting with a line ending), commas between them and,
// when trailing is set, after the last.
func multilineBody(st style, entries []entry, indent string, trailing bool) string {
	var b strings.Builder
	for i, e := range entries {
		for _, c := range e.lead {
			b.WriteString(st.eol + indent + c)
		}
		b.WriteString(st.eol + indent + e.text)
		if i < len(entries)-1 || trailing {
			b.WriteString(",")
		}
		if e.trail != "" {
			b.WriteString(" " + e.trail)
		}
	}
	return b.String()
}

// newObject writes an object literal holding entries, opening on the current line at indentation base.
func newObject(st style, entries []entry, base string) string {
	return "{" + multilineBody(st, entries, base+st.indent, st.trailingComma) + st.eol + base + "}"
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

// moveText returns the text of [start, end) of f with edits inside it applied (their New texts already written
// for the destination) and the original lines moved from indentation from to to.
func moveText(f *syntax.File, start, end int, edits []Edit, from, to string) string {
	merged, err := Merge(edits)
	if err != nil {
		panic("codemod: bad inner edits: " + err.Error())
	}
	var b strings.Builder
	prev := start
	for _, e := range merged {
		b.WriteString(reindent(f, prev, e.Start, from, to))
		b.WriteString(e.New)
		prev = e.End
	}
	b.WriteString(reindent(f, prev, end, from, to))
	return b.String()
}

// isTestOrBroken reports whether a file must not be rewritten: test and mock code, and files with syntax errors.
func isTestOrBroken(pf *project.File) bool {
	return pf.Role.Has(project.Test) || pf.Root.HasError()
}

// identOK reports whether s can be written as a property name without quotes.
func identOK(s string) bool {
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
func (st style) propKey(s string) string {
	if identOK(s) {
		return s
	}
	return st.q(s)
}

// memberValue returns an object member's value: the pair's value, or the shorthand identifier itself.
func memberValue(m *syntax.Node) *syntax.Node {
	if m.Is("pair") {
		return m.Child("value")
	}
	return m
}

// sortedKeys returns a map's keys in order, so output is the same from run to run.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// fitsOnOneLine reports whether entries read well inline: short, one line each, no comments.
func fitsOnOneLine(entries []entry) bool {
	n := 0
	for _, e := range entries {
		if len(e.lead) > 0 || e.trail != "" || strings.Contains(e.text, "\n") {
			return false
		}
		n += len(e.text) + 2
	}
	return n <= 60
}
