package ipc

import (
	"strings"

	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

// A page call that builds its channel at run time (`progress.${id}`, 'grpc.' + id) names none of the channels
// an allowlist lists, so a generic member restricted to the app's channels would throw for it after the
// migration. Such a channel is matched by a pattern instead: its fixed text, with anything in between.

// channelPattern returns the regular expression (without slashes) that matches every channel arg can build,
// and built: whether arg is built from fixed text and values (a template literal or a + chain). A built channel
// with no fixed text to anchor on, or one whose text isolate does not copy (escapes), gives "" and true: no
// pattern short of "anything" covers it.
func channelPattern(f *project.File, arg *syntax.Node) (pattern string, built bool) {
	arg = syntax.Unwrap(arg)
	var parts []string // fixed text, or "" for a value
	ok := true
	var walk func(n *syntax.Node)
	walk = func(n *syntax.Node) {
		n = syntax.Unwrap(n)
		switch {
		case n.Is("template_string"):
			for _, c := range n.NamedChildren() {
				switch {
				case c.Is("string_fragment"):
					parts = append(parts, f.Text(c))
				case c.Is("template_substitution"):
					parts = append(parts, "")
				default:
					ok = false // escape sequences: not copied
				}
			}
		case n.Is("binary_expression") && f.Text(n.Child("operator")) == "+":
			walk(n.Child("left"))
			walk(n.Child("right"))
		case n.Is("string"):
			if v, isStr := f.StringValue(n); isStr {
				parts = append(parts, v)
			} else {
				ok = false
			}
		default:
			parts = append(parts, "")
		}
	}
	switch {
	case arg.Is("template_string"):
		walk(arg)
	case arg.Is("binary_expression") && f.Text(arg.Child("operator")) == "+":
		walk(arg)
		fixed := false
		for _, p := range parts {
			fixed = fixed || p != ""
		}
		if !fixed {
			return "", false // a + b: nothing says it is a string built here
		}
	default:
		return "", false
	}
	var b strings.Builder
	fixed, wild := false, false // wild: the last thing written is ".*"
	for _, p := range parts {
		if p == "" {
			if !wild {
				b.WriteString(".*")
				wild = true
			}
			continue
		}
		if strings.ContainsAny(p, "\\\n\r") {
			ok = false
		}
		fixed, wild = true, false
		for _, r := range p {
			if strings.ContainsRune(`\^$.|?*+()[]{}/`, r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	if !ok || !fixed {
		return "", true
	}
	return "^" + b.String() + "$", true
}

// allowCheck is the condition under which a generic member refuses a channel: not in the list and, when some
// page call builds its channel at run time, not matching any of their patterns.
func allowCheck(list []string, patterns []string) string {
	cond := "![" + strings.Join(list, ", ") + "].includes(channel)"
	if len(patterns) > 0 {
		re := patterns[0]
		if len(patterns) > 1 {
			alts := make([]string, len(patterns))
			for i, p := range patterns {
				alts[i] = strings.TrimSuffix(strings.TrimPrefix(p, "^"), "$")
			}
			re = "^(?:" + strings.Join(alts, "|") + ")$"
		}
		cond += " && !/" + re + "/.test(channel)"
	}
	return cond
}
