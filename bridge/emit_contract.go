package bridge

import "strings"

// EmitContract writes the shared contract module: the Channels table (the only place a channel name is spelled),
// one type per message (name, kind, channel, args, result), and the Api interface that the preload implements and
// the page sees on window[b.Key]. The module imports nothing, so main, preload and renderer can all use it.
func EmitContract(b Bridge, lang Lang) ([]byte, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	var w writer
	w.header(lang,
		"The bridge contract: every message the page and main exchange, and the Api the preload exposes on",
		"window."+b.Key+". Main, preload and renderer take their types from here, so they cannot drift apart.")

	w.line("/** IPC channel names, keyed by the Api method that uses them. No other file spells a channel. */")
	if lang == TypeScript {
		w.line("export const Channels = {")
	} else {
		w.line("export const Channels = /** @type {const} */ ({")
	}
	w.line("  " + RegionStart(RegionChannels))
	for _, m := range b.Messages {
		w.linef("  %s: %s,", m.Method, jsString(m.Channel))
	}
	w.line("  " + RegionEnd(RegionChannels))
	if lang == TypeScript {
		w.line("} as const")
	} else {
		w.line("})")
	}
	w.line("")

	w.line(RegionStart(RegionMessages))
	for i, m := range b.Messages {
		if i > 0 {
			w.line("")
		}
		fields := [][2]string{
			{"name", jsString(m.Method)},
			{"kind", jsString(string(m.Kind))},
			{"channel", "typeof Channels." + m.Method},
			{"args", argsTuple(m)},
			{"result", resultType(m)},
		}
		if lang == TypeScript {
			w.linef("/** %s */", docLine(m))
			w.linef("export interface %s {", TypeName(m))
			for _, f := range fields {
				w.linef("  %s: %s", f[0], indentMore(f[1], "  "))
			}
			w.line("}")
		} else {
			w.line("/**")
			w.linef(" * %s", docLine(m))
			w.line(" * @typedef {{")
			for _, f := range fields {
				w.linef(" *   %s: %s,", f[0], indentMore(f[1], " *   "))
			}
			w.linef(" * }} %s", TypeName(m))
			w.line(" */")
		}
	}
	w.line(RegionEnd(RegionMessages))
	w.line("")

	w.line(RegionStart(RegionAPI))
	if lang == TypeScript {
		w.linef("/** What the preload exposes on window.%s: one method per message, nothing generic. */", b.Key)
		w.line("export interface Api {")
		for _, m := range b.Messages {
			w.linef("  /** %s */", docLine(m))
			w.linef("  %s%s", m.Method, apiSignature(m, ": "))
		}
		w.line("}")
	} else {
		w.line("/**")
		w.linef(" * What the preload exposes on window.%s: one method per message, nothing generic.", b.Key)
		w.line(" * @typedef {{")
		for _, m := range b.Messages {
			w.linef(" *   %s%s,", m.Method, apiSignature(m, ": "))
		}
		w.line(" * }} Api")
		w.line(" */")
	}
	w.line(RegionEnd(RegionAPI))
	return w.bytes(), nil
}

// apiSignature is the method signature of m on the Api, after its name; arrow separates parameters from the
// result type (": " in an interface or type literal).
func apiSignature(m Message, arrow string) string {
	t := TypeName(m)
	switch m.Kind {
	case Invoke:
		return "(...args: " + t + "['args'])" + arrow + "Promise<" + t + "['result']>"
	case SendSync:
		return "(...args: " + t + "['args'])" + arrow + t + "['result']"
	case Event:
		return "(listener: (...args: " + t + "['args']) => void)" + arrow + "() => void"
	default:
		return "(...args: " + t + "['args'])" + arrow + "void"
	}
}

// indentMore indents the continuation lines of multi-line type source.
func indentMore(s, prefix string) string {
	return strings.ReplaceAll(s, "\n", "\n"+prefix)
}
