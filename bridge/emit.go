package bridge

import (
	"fmt"
	"regexp"
	"strings"
)

// Lang is the language an emitter writes. JavaScript output carries its types in JSDoc and is checked with
// `// @ts-check`, so both languages are type-checked the same way.
type Lang string

const (
	TypeScript Lang = "ts"
	JavaScript Lang = "js"
)

// Region markers delimit what the emitters own inside a file. Editors fold them (#region is understood by VS Code
// and others), and a later edit such as `isolate add` can replace one region without touching the code around it.
const regionPrefix = "isolate:"

// RegionStart and RegionEnd are the lines that open and close the region with the given name.
func RegionStart(name string) string { return "// #region " + regionPrefix + name }
func RegionEnd(name string) string   { return "// #endregion " + regionPrefix + name }

// Region names used by the emitters.
const (
	RegionChannels   = "channels"
	RegionMessages   = "messages"
	RegionAPI        = "api"
	RegionHandlers   = "handlers"
	RegionRegister   = "register"
	RegionUnregister = "unregister"
	RegionEvents     = "events"
)

var identRe = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)

// reservedNames are names the emitted code itself uses; a method, parameter or bridge key spelled the same would
// shadow them or produce invalid code.
var reservedNames = map[string]bool{
	"Channels": true, "Api": true, "Handlers": true, "contextBridge": true, "ipcRenderer": true, "ipcMain": true,
	"isTrustedSender": true, "refuse": true, "handlers": true, "registerIpc": true,
}

var jsKeywords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`break case catch class const continue debugger default delete do else enum export
		extends false finally for function if import in instanceof new null return super switch this throw true try
		typeof var void while with yield let static implements interface package private protected public await
		arguments eval undefined`) {
		jsKeywords[w] = true
	}
}

// TypeName is the name of the contract type that describes m: its method name with an upper-case first letter
// (getVersions → GetVersions).
func TypeName(m Message) string { return upperFirst(m.Method) }

// EventSenderName is the name of the main-process function that sends event m to a page
// (onFocusChanged → sendFocusChanged).
func EventSenderName(m Message) string {
	name := m.Method
	if rest := strings.TrimPrefix(name, "on"); rest != name && rest != "" && strings.ToUpper(rest[:1]) == rest[:1] {
		name = rest
	}
	return "send" + upperFirst(name)
}

// Validate reports the first problem that would make the emitted code wrong: names that are not identifiers,
// duplicate methods or channels, unknown kinds, or text that would end a comment early.
func (b Bridge) Validate() error {
	if !identRe.MatchString(b.Key) || jsKeywords[b.Key] {
		return fmt.Errorf("bridge key %q is not a JavaScript identifier", b.Key)
	}
	methods := map[string]bool{}
	channels := map[string]string{}
	types := map[string]string{}
	senders := map[string]string{}
	for _, m := range b.Messages {
		where := fmt.Sprintf("message %q (channel %q)", m.Method, m.Channel)
		if !identRe.MatchString(m.Method) || jsKeywords[m.Method] || reservedNames[m.Method] {
			return fmt.Errorf("%s: method name is not a usable JavaScript identifier", where)
		}
		if methods[m.Method] {
			return fmt.Errorf("%s: method %s is defined twice", where, m.Method)
		}
		methods[m.Method] = true
		if !m.Kind.Valid() {
			return fmt.Errorf("%s: kind %q is not one of %v", where, m.Kind, Kinds)
		}
		if m.Channel == "" {
			return fmt.Errorf("%s: channel is empty", where)
		}
		if other, ok := channels[m.Channel]; ok {
			return fmt.Errorf("%s: channel is also used by %s; one channel carries one message", where, other)
		}
		channels[m.Channel] = m.Method
		tn := TypeName(m)
		if reservedNames[tn] || tn == "Messages" {
			return fmt.Errorf("%s: its type name %s is reserved by the contract", where, tn)
		}
		if other, ok := types[tn]; ok {
			return fmt.Errorf("%s: type name %s is also derived from %s", where, tn, other)
		}
		types[tn] = m.Method
		if m.Kind == Event {
			sn := EventSenderName(m)
			if other, ok := senders[sn]; ok {
				return fmt.Errorf("%s: main-process sender %s is also derived from %s", where, sn, other)
			}
			senders[sn] = m.Method
		}
		if m.OptionalParams < 0 || m.OptionalParams > len(m.Params) {
			return fmt.Errorf("%s: %d optional parameters, but %d parameters", where, m.OptionalParams, len(m.Params))
		}
		params := map[string]bool{}
		for i, p := range m.Params {
			name := paramName(p, i)
			if !identRe.MatchString(name) || jsKeywords[name] || reservedNames[name] || name == "event" ||
				name == "listener" || name == "forward" || name == "target" || name == "api" {
				return fmt.Errorf("%s: parameter name %q is not usable here; rename it", where, name)
			}
			if params[name] {
				return fmt.Errorf("%s: parameter %s appears twice", where, name)
			}
			params[name] = true
			if err := checkTypeText(p.Type); err != nil {
				return fmt.Errorf("%s: parameter %s: %v", where, name, err)
			}
		}
		if err := checkTypeText(m.Result); err != nil {
			return fmt.Errorf("%s: result: %v", where, err)
		}
		if strings.Contains(m.Doc, "*/") || strings.ContainsAny(m.Doc, "\n\r") {
			return fmt.Errorf("%s: doc must be one line without */", where)
		}
	}
	return nil
}

// checkTypeText rejects type source that would break out of the JSDoc comment it is written into or that is not
// balanced, which would swallow the code after it.
func checkTypeText(t string) error {
	if strings.Contains(t, "*/") || strings.Contains(t, "//") {
		return fmt.Errorf("type %q contains a comment marker", t)
	}
	depth := 0
	prev := rune(0)
	for _, r := range t {
		switch {
		case strings.ContainsRune("{[(<", r):
			depth++
		case r == '>' && prev == '=': // the arrow of a function type
		case strings.ContainsRune("}])>", r):
			depth--
		}
		if depth < 0 {
			break
		}
		prev = r
	}
	if depth != 0 {
		return fmt.Errorf("type %q has unbalanced brackets", t)
	}
	return nil
}

// IsOptional reports whether the i-th parameter of m may be left out by the page: it is one of the last
// m.OptionalParams.
func IsOptional(m Message, i int) bool { return i >= len(m.Params)-m.OptionalParams }

func paramName(p Param, i int) string {
	if p.Name == "" {
		return fmt.Sprintf("arg%d", i)
	}
	return p.Name
}

func orUnknown(t string) string {
	if strings.TrimSpace(t) == "" {
		return "unknown"
	}
	return strings.TrimSpace(t)
}

// argsTuple is the TypeScript tuple of m's parameters, with their names so editors show them: [title: string,
// force?: boolean].
func argsTuple(m Message) string {
	parts := make([]string, len(m.Params))
	for i, p := range m.Params {
		opt := ""
		if IsOptional(m, i) {
			opt = "?"
		}
		parts[i] = paramName(p, i) + opt + ": " + orUnknown(p.Type)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func paramList(m Message) string {
	names := make([]string, len(m.Params))
	for i, p := range m.Params {
		names[i] = paramName(p, i)
	}
	return strings.Join(names, ", ")
}

// resultType is what the page receives: the resolved value for Invoke, the return value for SendSync, nothing for
// the others.
func resultType(m Message) string {
	switch m.Kind {
	case Invoke, SendSync:
		return orUnknown(m.Result)
	}
	return "void"
}

// jsString quotes s as a single-quoted JavaScript string literal.
func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\u2028':
			b.WriteString(`\u2028`)
		case '\u2029':
			b.WriteString(`\u2029`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// messagesOf returns the messages of the given kinds, in the bridge's order.
func (b Bridge) messagesOf(kinds ...Kind) []Message {
	var out []Message
	for _, m := range b.Messages {
		for _, k := range kinds {
			if m.Kind == k {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

// writer accumulates emitted lines.
type writer struct{ strings.Builder }

func (w *writer) line(s string) {
	w.WriteString(s)
	w.WriteByte('\n')
}

func (w *writer) linef(format string, args ...any) {
	fmt.Fprintf(w, format, args...)
	w.WriteByte('\n')
}

func (w *writer) bytes() []byte { return []byte(w.String()) }

// header writes the comment that opens every emitted file.
func (w *writer) header(lang Lang, lines ...string) {
	if lang == JavaScript {
		w.line("// @ts-check")
	}
	for _, l := range lines {
		w.line("// " + l)
	}
	w.line("// Code between `// #region isolate:…` markers is generated from the bridge contract; `isolate add` rewrites it.")
	w.line("")
}

// docLine is the one-line doc of m, or a description derived from its kind.
func docLine(m Message) string {
	if m.Doc != "" {
		return m.Doc
	}
	switch m.Kind {
	case Invoke:
		return "Request/response: the page awaits main's answer."
	case Send:
		return "Fire-and-forget from the page to main."
	case SendSync:
		return "Blocks the page until main answers; prefer invoke."
	default:
		return "Main tells the page."
	}
}
