package audit

import (
	"unicode/utf8"

	"github.com/tailscale/hujson"
	"go.yaml.in/yaml/v3"
)

// cfgNode is one value of a JSON or YAML configuration file (package.json, electron-builder.yml) with its byte
// range, so a finding can point at the key that sets it. JSON goes through hujson rather than the YAML parser:
// package.json files indented with tabs are not valid YAML.
type cfgNode struct {
	// Members are an object's keys in source order; nil for anything else.
	Members []cfgMember
	// Scalar is a string, number or boolean's text, unquoted; IsBool marks true and false.
	Scalar     string
	IsBool     bool
	Start, End int
}

type cfgMember struct {
	Key        string
	Start, End int // the key's range
	Value      *cfgNode
}

// get returns the value of the last member named key (the one a JSON reader keeps), or nil.
func (n *cfgNode) get(key string) *cfgNode {
	if n == nil {
		return nil
	}
	var found *cfgNode
	for _, m := range n.Members {
		if m.Key == key {
			found = m.Value
		}
	}
	return found
}

// member returns the last member named key, or nil.
func (n *cfgNode) member(key string) *cfgMember {
	if n == nil {
		return nil
	}
	var found *cfgMember
	for i := range n.Members {
		if n.Members[i].Key == key {
			found = &n.Members[i]
		}
	}
	return found
}

// parseJSONConfig reads a JSON (or JSON with comments) document; nil when it does not parse.
func parseJSONConfig(src []byte) *cfgNode {
	v, err := hujson.Parse(src)
	if err != nil {
		return nil
	}
	return fromHuJSON(&v)
}

func fromHuJSON(v *hujson.Value) *cfgNode {
	n := &cfgNode{Start: v.StartOffset, End: v.EndOffset}
	switch t := v.Value.(type) {
	case *hujson.Object:
		n.Members = []cfgMember{}
		for i := range t.Members {
			m := &t.Members[i]
			key, _ := m.Name.Value.(hujson.Literal)
			n.Members = append(n.Members, cfgMember{Key: key.String(), Start: m.Name.StartOffset,
				End: m.Name.EndOffset, Value: fromHuJSON(&m.Value)})
		}
	case hujson.Literal:
		switch t.Kind() {
		case 't', 'f':
			n.IsBool, n.Scalar = true, string(t)
		case '"':
			n.Scalar = t.String()
		default:
			n.Scalar = string(t)
		}
	}
	return n
}

// parseYAMLConfig reads a YAML document; nil when it does not parse.
func parseYAMLConfig(src []byte) *cfgNode {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil || len(doc.Content) == 0 {
		return nil
	}
	return fromYAML(src, lineStartsOf(src), doc.Content[0])
}

func fromYAML(src []byte, starts []int, y *yaml.Node) *cfgNode {
	for y.Kind == yaml.AliasNode && y.Alias != nil {
		y = y.Alias
	}
	start := yamlOffset(src, starts, y.Line, y.Column)
	n := &cfgNode{Start: start, End: start}
	switch y.Kind {
	case yaml.MappingNode:
		n.Members = []cfgMember{}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k := y.Content[i]
			ks := yamlOffset(src, starts, k.Line, k.Column)
			n.Members = append(n.Members, cfgMember{Key: k.Value, Start: ks, End: ks + len(k.Value),
				Value: fromYAML(src, starts, y.Content[i+1])})
		}
	case yaml.ScalarNode:
		n.Scalar = y.Value
		n.IsBool = y.Tag == "!!bool"
		n.End = start + len(y.Value)
	}
	return n
}

func lineStartsOf(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// yamlOffset turns the YAML parser's 1-based line and character column into a byte offset.
func yamlOffset(src []byte, starts []int, line, col int) int {
	if line < 1 || line > len(starts) {
		return 0
	}
	off := starts[line-1]
	for c := 1; c < col && off < len(src) && src[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off
}
