package ui

import "testing"

func TestEscapeAndQuote(t *testing.T) {
	for _, tc := range []struct{ in, escaped, quoted string }{
		{"src/main.js", "src/main.js", "src/main.js"},
		{"Grüße/главная.js", "Grüße/главная.js", "Grüße/главная.js"},
		// A window-title OSC, a clipboard write (OSC 52) and a colour reset: none may reach the terminal.
		{"a\x1b]0;pwned\x07.js", `a\033]0;pwned\a.js`, `"a\033]0;pwned\a.js"`},
		{"\x1b]52;c;ZWNobyBoaQ==\x1b\\x", `\033]52;c;ZWNobyBoaQ==\033\x`, `"\033]52;c;ZWNobyBoaQ==\033\\x"`},
		{"line\nsrc/fake.js:1:1 high forged", `line\nsrc/fake.js:1:1 high forged`, `"line\nsrc/fake.js:1:1 high forged"`},
		{"del\x7f tab\t cr\r", `del\177 tab\t cr\r`, `"del\177 tab\t cr\r"`},
		// C1 CSI (U+009B), bytes that are not UTF-8, and a right-to-left override.
		{"c1\u009b2J", `c1\302\2332J`, `"c1\302\2332J"`},
		{"bad\xff\xfe.js", `bad\377\376.js`, `"bad\377\376.js"`},
		{"evil\u202egnp.js", `evil\342\200\256gnp.js`, `"evil\342\200\256gnp.js"`},
		{`say "hi"\n`, `say "hi"\n`, `"say \"hi\"\\n"`},
	} {
		if got := Escape(tc.in); got != tc.escaped {
			t.Errorf("Escape(%q) = %s, want %s", tc.in, got, tc.escaped)
		}
		if got := Quote(tc.in); got != tc.quoted {
			t.Errorf("Quote(%q) = %s, want %s", tc.in, got, tc.quoted)
		}
	}
}
