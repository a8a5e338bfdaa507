// Package diff renders the change between two versions of a file as a git-style unified diff that `git apply`
// accepts: a/ and b/ headers, three lines of context, "\ No newline at end of file" markers, and headers for
// created files. Lines are compared byte for byte, so a CRLF line stays CRLF in the patch.
package diff

import (
	"fmt"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Context is the number of unchanged lines shown around each change.
const Context = 3

type op byte

const (
	equal  op = ' '
	delete op = '-'
	insert op = '+'
)

type line struct {
	op   op
	text string // with its line ending, if it has one
}

// Unified returns the unified diff that turns old into new for the file at path (slash-separated, relative to the
// repository root). It returns "" when the two are equal. created marks a new file (old is then empty); mode is
// the new file's mode for its header (0 means 100644).
func Unified(path string, old, new []byte, created bool, mode uint32) string {
	if !created && string(old) == string(new) {
		return ""
	}
	lines := diffLines(string(old), string(new))
	var b strings.Builder
	a, bPath := QuotePath("a/"+path), QuotePath("b/"+path)
	fmt.Fprintf(&b, "diff --git %s %s\n", a, bPath)
	if created {
		if mode == 0 {
			mode = 0o100644
		}
		fmt.Fprintf(&b, "new file mode %o\n--- /dev/null\n", mode)
	} else {
		fmt.Fprintf(&b, "--- %s\n", a)
	}
	fmt.Fprintf(&b, "+++ %s\n", bPath)
	for _, h := range hunks(lines) {
		writeHunk(&b, lines, h)
	}
	return b.String()
}

func diffLines(a, b string) []line {
	dmp := diffmatchpatch.New()
	ra, rb, table := dmp.DiffLinesToRunes(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(ra, rb, false), table)
	var out []line
	for _, d := range diffs {
		o := equal
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			o = delete
		case diffmatchpatch.DiffInsert:
			o = insert
		}
		for _, l := range splitLines(d.Text) {
			out = append(out, line{o, l})
		}
	}
	return out
}

// splitLines splits after every "\n", keeping it; a last line without one is kept as is.
func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

type span struct{ start, end int }

// hunks groups changed lines with their context, joining groups whose context would touch.
func hunks(lines []line) []span {
	var out []span
	for i := 0; i < len(lines); i++ {
		if lines[i].op == equal {
			continue
		}
		start := max(0, i-Context)
		end := i
		for j := i; j < len(lines); j++ {
			if lines[j].op != equal {
				end = j
				continue
			}
			if j-end > 2*Context {
				break
			}
		}
		stop := min(len(lines), end+Context+1)
		if n := len(out); n > 0 && start <= out[n-1].end {
			out[n-1].end = stop
		} else {
			out = append(out, span{start, stop})
		}
		i = end
	}
	return out
}

func writeHunk(b *strings.Builder, all []line, h span) {
	oldStart, newStart := 1, 1
	for _, l := range all[:h.start] {
		if l.op != insert {
			oldStart++
		}
		if l.op != delete {
			newStart++
		}
	}
	var oldN, newN int
	for _, l := range all[h.start:h.end] {
		if l.op != insert {
			oldN++
		}
		if l.op != delete {
			newN++
		}
	}
	// An empty side starts at the line before, as diff(1) writes it.
	if oldN == 0 {
		oldStart--
	}
	if newN == 0 {
		newStart--
	}
	fmt.Fprintf(b, "@@ -%s +%s @@\n", rangeOf(oldStart, oldN), rangeOf(newStart, newN))
	for _, l := range all[h.start:h.end] {
		b.WriteByte(byte(l.op))
		b.WriteString(l.text)
		if !strings.HasSuffix(l.text, "\n") {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

func rangeOf(start, n int) string {
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// QuotePath writes a file name for a diff header as git does with core.quotePath (its default): a name with a
// control character, a double quote, a backslash or a byte above 0x7f goes in double quotes, with C escapes
// (\t, \n, \", \\) and octal for the rest, so that a name with a tab or a newline cannot end the header early
// and git apply reads the whole patch. Other names are written as they are.
func QuotePath(name string) string {
	needs := false
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x7f {
			needs = true
			break
		}
	}
	if !needs {
		return name
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch c {
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\v':
			b.WriteString(`\v`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			if c < 0x20 || c >= 0x7f {
				fmt.Fprintf(&b, "\\%03o", c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
