package addmsg

import (
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/syntax"
)

// importDecl is one import of a file: an import statement, or a JSDoc `@import { … } from '…'` tag (how
// JavaScript files under // @ts-check import types).
type importDecl struct {
	source   string
	jsdoc    bool
	typeOnly bool // import type { … }
	// specs are the named specifiers as written (Channels, type Api); names the local names they bind.
	specs []string
	names []string
	// insertAt is where another named specifier goes (just after the last one); -1 when the import has no
	// braces to add to (a default or namespace import).
	insertAt int
	// text is the declaration's source and lineEnd the offset past its line.
	text    string
	lineEnd int
}

// importsOf lists a file's top-level imports in order.
func importsOf(f *syntax.File) []importDecl {
	var out []importDecl
	for _, n := range f.Root.Children {
		switch {
		case n.Is("import_statement"):
			src, _ := f.StringValue(n.Child("source"))
			d := importDecl{source: src, insertAt: -1, text: f.Text(n), lineEnd: lineEnd(f.Src, n.End)}
			for _, c := range n.Children {
				if !c.Named && c.Kind == "type" {
					d.typeOnly = true
				}
			}
			if clause := n.FirstOfKind("import_clause"); clause != nil {
				for _, c := range clause.NamedChildren() {
					switch {
					case c.Is("identifier"):
						d.names = append(d.names, f.Text(c))
					case c.Is("namespace_import"):
						if id := c.FirstOfKind("identifier"); id != nil {
							d.names = append(d.names, f.Text(id))
						}
					case c.Is("named_imports"):
						d.insertAt = c.Start + 1
						for _, s := range c.NamedChildren() {
							if !s.Is("import_specifier") {
								continue
							}
							local := s.Child("alias")
							if local == nil {
								local = s.Child("name")
							}
							d.specs = append(d.specs, f.Text(s))
							d.names = append(d.names, f.Text(local))
							d.insertAt = s.End
						}
					}
				}
			}
			out = append(out, d)
		case n.Is("comment") && strings.HasPrefix(f.Text(n), "/**") && strings.Contains(f.Text(n), "@import"):
			out = append(out, jsdocImports(f, n)...)
		}
	}
	return out
}

// jsdocImports reads the @import tags of a JSDoc comment.
func jsdocImports(f *syntax.File, c *syntax.Node) []importDecl {
	var out []importDecl
	text := f.Text(c)
	for off := 0; ; {
		i := strings.Index(text[off:], "@import")
		if i < 0 {
			break
		}
		at := off + i + len("@import")
		off = at
		rest := text[at:]
		trimmed := strings.TrimLeft(rest, " \t")
		if !strings.HasPrefix(trimmed, "{") {
			continue
		}
		open := at + len(rest) - len(trimmed)
		end := matchingBrace(text[open:])
		if end < 0 {
			break
		}
		closing := open + end
		after := strings.TrimLeft(text[closing+1:], " \t")
		from, ok := strings.CutPrefix(after, "from")
		if !ok {
			continue
		}
		from = strings.TrimLeft(from, " \t")
		if len(from) < 2 || (from[0] != '\'' && from[0] != '"') {
			continue
		}
		q := strings.IndexByte(from[1:], from[0])
		if q < 0 {
			continue
		}
		d := importDecl{source: from[1 : 1+q], jsdoc: true, text: text, lineEnd: lineEnd(f.Src, c.End)}
		inner := text[open+1 : closing]
		d.insertAt = c.Start + open + 1
		for _, part := range strings.Split(inner, ",") {
			spec := strings.TrimSpace(part)
			if spec == "" {
				continue
			}
			fields := strings.Fields(spec)
			d.specs = append(d.specs, spec)
			d.names = append(d.names, fields[len(fields)-1])
			d.insertAt = c.Start + open + 1 + strings.LastIndex(inner, spec) + len(spec)
		}
		out = append(out, d)
		off = closing
	}
	return out
}

// importEdits returns the edits that give f every import the emitted file has and f lacks, so the code spliced
// into f's regions finds the names it uses: a missing specifier joins f's import of the same module and form
// (`import { a, type B }`, `@import { A, B }`), and a module f does not import yet gets the emitted declaration
// on a line of its own after f's last import. Names f already binds, in any form, are left alone; nothing is
// ever removed.
func importEdits(f, emitted *syntax.File, eol string) []codemod.Edit {
	mine := importsOf(f)
	bound := map[string]bool{}
	for _, d := range mine {
		for _, n := range d.names {
			bound[n] = true
		}
	}
	var edits []codemod.Edit
	var newLines []string
	for _, d := range importsOf(emitted) {
		var missing []string
		for i, n := range d.names {
			if !bound[n] {
				missing = append(missing, d.specs[i])
				bound[n] = true
			}
		}
		if len(missing) == 0 {
			continue
		}
		target := -1
		for i, m := range mine {
			if m.source == d.source && m.jsdoc == d.jsdoc && m.typeOnly == d.typeOnly && m.insertAt >= 0 {
				target = i
				break
			}
		}
		if target < 0 {
			newLines = append(newLines, d.text)
			continue
		}
		m := mine[target]
		text := strings.Join(missing, ", ")
		if len(m.specs) > 0 {
			text = ", " + text
		} else {
			text = " " + text + " "
		}
		edits = append(edits, codemod.Edit{Path: f.Path, Start: m.insertAt, End: m.insertAt, New: text})
	}
	if len(newLines) > 0 {
		at := 0
		if len(mine) > 0 {
			at = mine[len(mine)-1].lineEnd
		} else {
			// Before the first statement, after the comments that open the file.
			for _, n := range f.Root.Children {
				if !n.Is("comment") {
					at = f.LineStart(n.Start)
					break
				}
				at = lineEnd(f.Src, n.End)
			}
		}
		edits = append(edits, codemod.Edit{Path: f.Path, Start: at, End: at, New: strings.Join(newLines, eol) + eol})
	}
	return edits
}
