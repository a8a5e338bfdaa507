package addmsg

import (
	"fmt"
	"strings"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/syntax"
)

// readContract reads the messages of a scaffolded app's contract back from its regions: channel names from the
// Channels table (isolate:channels), and name, kind, parameters, result and doc from one type per message
// (isolate:messages): TypeScript interfaces, or JSDoc typedefs whose type is parsed as TypeScript. Types are
// kept as written, so a type edited by hand in the contract survives a later `isolate add`.
func readContract(f *syntax.File, regions map[string]region) ([]bridge.Message, error) {
	chReg, ok := regions[bridge.RegionChannels]
	if !ok {
		return nil, fmt.Errorf("%s has no %s region", f.Path, bridge.RegionStart(bridge.RegionChannels))
	}
	msgReg, ok := regions[bridge.RegionMessages]
	if !ok {
		return nil, fmt.Errorf("%s has no %s region", f.Path, bridge.RegionStart(bridge.RegionMessages))
	}
	channels := map[string]string{}
	var channelOrder []string
	for _, pair := range f.Root.Find("pair") {
		if pair.Start < chReg.innerStart || pair.End > chReg.innerEnd {
			continue
		}
		key := keyName(f, pair.Child("key"))
		value, ok := f.StringValue(pair.Child("value"))
		if key == "" || !ok {
			return nil, fmt.Errorf("%s:%s: cannot read %q as `method: 'channel'`", f.Path, f.Pos(pair.Start), f.Text(pair))
		}
		channels[key] = value
		channelOrder = append(channelOrder, key)
	}

	var msgs []bridge.Message
	if f.Lang.IsTypeScript() {
		for _, it := range f.Root.Find("interface_declaration") {
			if it.Start < msgReg.innerStart || it.End > msgReg.innerEnd {
				continue
			}
			stmt := it
			if it.Parent.Is("export_statement") {
				stmt = it.Parent
			}
			m, err := readMessageType(f, it.Child("body"), 2)
			if err != nil {
				return nil, fmt.Errorf("%s:%s: %s: %v", f.Path, f.Pos(it.Start), f.Text(it.Child("name")), err)
			}
			if prev := stmt.PrevSibling(); prev != nil && prev.Is("comment") && strings.HasPrefix(f.Text(prev), "/**") {
				m.Doc = jsdocLines(f.Text(prev))[0]
			}
			msgs = append(msgs, m)
		}
	} else {
		for _, c := range f.Root.Find("comment") {
			if c.Start < msgReg.innerStart || c.End > msgReg.innerEnd || !strings.Contains(f.Text(c), "@typedef") {
				continue
			}
			m, err := readTypedef(f.Text(c))
			if err != nil {
				return nil, fmt.Errorf("%s:%s: %v", f.Path, f.Pos(c.Start), err)
			}
			msgs = append(msgs, m)
		}
	}

	seen := map[string]bool{}
	for i := range msgs {
		m := &msgs[i]
		ch, ok := channels[m.Method]
		if !ok {
			return nil, fmt.Errorf("%s: message %s has no entry in the Channels table", f.Path, m.Method)
		}
		m.Channel = ch
		seen[m.Method] = true
	}
	for _, name := range channelOrder {
		if !seen[name] {
			return nil, fmt.Errorf("%s: Channels.%s has no message type in the %s region", f.Path, name, bridge.RegionMessages)
		}
	}
	return msgs, nil
}

// readMessageType reads a message's fields from the body of its type (an interface body or an object type).
// indent is how far continuation lines of multi-line types are indented beyond the field, as the emitter wrote
// them.
func readMessageType(f *syntax.File, body *syntax.Node, indent int) (bridge.Message, error) {
	var m bridge.Message
	fields := map[string]*syntax.Node{}
	for _, sig := range body.NamedChildren() {
		if !sig.Is("property_signature") {
			continue
		}
		ann := sig.Child("type")
		if ann == nil || len(ann.NamedChildren()) == 0 {
			continue
		}
		fields[f.Text(sig.Child("name"))] = ann.NamedChildren()[len(ann.NamedChildren())-1]
	}
	for _, name := range []string{"name", "kind", "args", "result"} {
		if fields[name] == nil {
			return m, fmt.Errorf("has no %s field", name)
		}
	}
	name, ok := literalType(f, fields["name"])
	if !ok {
		return m, fmt.Errorf("name is not a string literal type")
	}
	kind, ok := literalType(f, fields["kind"])
	if !ok || !bridge.Kind(kind).Valid() {
		return m, fmt.Errorf("kind is not one of %v", bridge.Kinds)
	}
	m.Method, m.Kind = name, bridge.Kind(kind)
	args := fields["args"]
	if !args.Is("tuple_type") {
		return m, fmt.Errorf("args is not a tuple type")
	}
	for _, el := range args.NamedChildren() {
		switch {
		case el.Is("comment"):
		case el.Is("required_parameter", "optional_parameter"):
			n := el.Child("name")
			if n == nil || !n.Is("identifier") {
				return m, fmt.Errorf("args: %s is not a named parameter", f.Text(el))
			}
			if el.Is("optional_parameter") {
				m.OptionalParams++
			} else if m.OptionalParams > 0 {
				return m, fmt.Errorf("args: %s is required but follows an optional parameter", f.Text(n))
			}
			p := bridge.Param{Name: f.Text(n)}
			if t := el.Child("type"); t != nil {
				p.Type = dedent(strings.TrimSpace(strings.TrimPrefix(f.Text(t), ":")), indent)
			}
			m.Params = append(m.Params, p)
		case el.Is("rest_type", "optional_type"):
			return m, fmt.Errorf("args: %s cannot be re-emitted; name each parameter", f.Text(el))
		default:
			if m.OptionalParams > 0 {
				return m, fmt.Errorf("args: %s is required but follows an optional parameter", f.Text(el))
			}
			m.Params = append(m.Params, bridge.Param{Type: dedent(f.Text(el), indent)})
		}
	}
	if m.Kind == bridge.Invoke || m.Kind == bridge.SendSync {
		m.Result = dedent(f.Text(fields["result"]), indent)
	}
	return m, nil
}

// readTypedef reads a JavaScript contract's message from its JSDoc block:
//
//	/**
//	 * Doc.
//	 * @typedef {{
//	 *   name: 'x',
//	 *   …
//	 * }} X
//	 */
//
// The type between the braces is TypeScript, and is parsed as such.
func readTypedef(comment string) (bridge.Message, error) {
	lines := jsdocLines(comment)
	text := strings.Join(lines, "\n")
	at := strings.Index(text, "@typedef")
	if at < 0 {
		return bridge.Message{}, fmt.Errorf("no @typedef")
	}
	var doc []string
	for _, l := range strings.Split(strings.TrimSpace(text[:at]), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			doc = append(doc, l)
		}
	}
	rest := strings.TrimSpace(text[at+len("@typedef"):])
	end := matchingBrace(rest)
	if !strings.HasPrefix(rest, "{") || end < 0 {
		return bridge.Message{}, fmt.Errorf("@typedef has no {type}")
	}
	typ := rest[1:end]
	f := syntax.ParseAs("typedef.ts", []byte("type T = "+typ+"\n"), syntax.TS)
	alias := f.Root.NamedChildren()
	if len(f.SyntaxErrors()) > 0 || len(alias) != 1 || alias[0].Child("value") == nil || !alias[0].Child("value").Is("object_type") {
		return bridge.Message{}, fmt.Errorf("@typedef type %s is not an object type", strings.TrimSpace(typ))
	}
	m, err := readMessageType(f, alias[0].Child("value"), 2)
	if err != nil {
		return m, fmt.Errorf("@typedef %s: %v", strings.TrimSpace(rest[end+1:]), err)
	}
	if len(doc) > 0 {
		m.Doc = strings.Join(doc, " ")
	}
	return m, nil
}

// jsdocLines strips a /** … */ comment to its lines of text, without the leading " * ".
func jsdocLines(comment string) []string {
	body := strings.TrimSuffix(strings.TrimPrefix(comment, "/**"), "*/")
	lines := strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n")
	out := make([]string, 0, len(lines))
	for i, l := range lines {
		t := strings.TrimLeft(l, " \t")
		if i > 0 || strings.HasPrefix(t, "*") {
			if s, ok := strings.CutPrefix(t, "*"); ok {
				t = strings.TrimPrefix(s, " ")
			}
		}
		if i == 0 {
			t = strings.TrimSpace(t)
		}
		out = append(out, strings.TrimRight(t, " \t"))
	}
	for len(out) > 1 && out[0] == "" {
		out = out[1:]
	}
	for len(out) > 1 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// matchingBrace returns the index of the } that closes the { s starts with, skipping strings, or -1.
func matchingBrace(s string) int {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// dedent removes the indentation the emitter adds to the continuation lines of a multi-line type.
func dedent(s string, n int) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	pad := strings.Repeat(" ", n)
	for i := 1; i < len(lines); i++ {
		lines[i] = strings.TrimPrefix(lines[i], pad)
	}
	return strings.Join(lines, "\n")
}

// literalType returns the value of a string literal type ('invoke').
func literalType(f *syntax.File, n *syntax.Node) (string, bool) {
	if !n.Is("literal_type") || len(n.NamedChildren()) != 1 {
		return "", false
	}
	return f.StringValue(n.NamedChildren()[0])
}

// keyName is the name an object key stands for: an identifier, a string or a number; "" for a computed key.
func keyName(f *syntax.File, key *syntax.Node) string {
	switch {
	case key == nil:
		return ""
	case key.Is("property_identifier", "identifier", "number"):
		return f.Text(key)
	case key.Is("string"):
		s, _ := f.StringValue(key)
		return s
	}
	return ""
}
