package ui

import (
	"strings"
	"unicode/utf8"
)

// Escape returns text with everything a terminal would act on instead of show written as a C escape, as git
// writes file names with core.quotePath: control characters (ESC and the rest of C0, DEL, C1) as \a, \b, \t,
// \n, \v, \f, \r or octal bytes (\033), and bytes that are not UTF-8 and the Unicode controls that reorder or hide
// text (bidirectional overrides and isolates, the marks) as their octal bytes. File names and source strings
// come from the code isolate reads, so an attacker chooses them: printed raw, an OSC sequence in a file name
// retitles the window or writes the clipboard, and a newline forges a line of the report. Other characters,
// backslashes included, are kept. It is for human-readable output only: JSON and SARIF escape by their own rules
// and a diff body must stay byte-exact.
func Escape(text string) string {
	if safe(text) {
		return text
	}
	var b strings.Builder
	writeEscaped(&b, text, false)
	return b.String()
}

// Quote returns a file name as git prints it with core.quotePath: unchanged when it has nothing to escape, else
// in double quotes with Escape's escapes and the quotes and backslashes in it escaped too, so that it reads as
// one name whatever it holds.
func Quote(name string) string {
	if safe(name) && !strings.ContainsAny(name, `"\`) {
		return name
	}
	var b strings.Builder
	b.WriteByte('"')
	writeEscaped(&b, name, true)
	b.WriteByte('"')
	return b.String()
}

// safe reports whether text has nothing Escape changes: the common case, kept free of allocation.
func safe(text string) bool {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c < 0x20 || c == 0x7f || c >= 0x80 {
			if c >= 0x80 {
				return safeUnicode(text[i:])
			}
			return false
		}
	}
	return true
}

func safeUnicode(text string) bool {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r < 0x20 || r == 0x7f || unsafeRune(r) || r == utf8.RuneError && size == 1 {
			return false
		}
		i += size
	}
	return true
}

// unsafeRune reports whether a printable-looking rune must be escaped: C1 controls, and the format characters
// that make a terminal show text in another order than it is (the "Trojan Source" characters) or not at all.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

var named = map[byte]string{'\a': `\a`, '\b': `\b`, '\t': `\t`, '\n': `\n`, '\v': `\v`, '\f': `\f`, '\r': `\r`}

func writeEscaped(b *strings.Builder, text string, quoted bool) {
	octal := func(c byte) {
		b.WriteByte('\\')
		b.WriteByte('0' + c>>6)
		b.WriteByte('0' + c>>3&7)
		b.WriteByte('0' + c&7)
	}
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c < 0x20 || c == 0x7f:
			if n, ok := named[c]; ok {
				b.WriteString(n)
			} else {
				octal(c)
			}
			i++
		case quoted && (c == '"' || c == '\\'):
			b.WriteByte('\\')
			b.WriteByte(c)
			i++
		case c < 0x80:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && size == 1 || unsafeRune(r) {
				for _, x := range []byte(text[i : i+size]) {
					octal(x)
				}
			} else {
				b.WriteString(text[i : i+size])
			}
			i += size
		}
	}
}
