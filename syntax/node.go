package syntax

import (
	"strconv"
	"strings"
)

// Node is one node of a syntax tree: its grammar kind (call_expression, identifier, "(" …), the field it fills in
// its parent (function, arguments, left …), and its byte range in the file.
type Node struct {
	Kind     string
	Field    string
	Start    int
	End      int
	Named    bool
	Parent   *Node
	Children []*Node
	flags    uint8
}

const (
	flagError uint8 = 1 << iota
	flagMissing
	flagHasError
)

// IsError reports whether n is an ERROR node: text the grammar could not place.
func (n *Node) IsError() bool { return n.flags&flagError != 0 }

// IsMissing reports whether n is a token the parser inserted to recover from an error.
func (n *Node) IsMissing() bool { return n.flags&flagMissing != 0 }

// HasError reports whether n or a descendant is an error.
func (n *Node) HasError() bool { return n.flags&(flagHasError|flagError|flagMissing) != 0 }

// Is reports whether n is non-nil and of one of the kinds.
func (n *Node) Is(kinds ...string) bool {
	if n == nil {
		return false
	}
	for _, k := range kinds {
		if n.Kind == k {
			return true
		}
	}
	return false
}

// Child returns the first child that fills the field, or nil.
func (n *Node) Child(field string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Field == field {
			return c
		}
	}
	return nil
}

// ChildrenOf returns every child that fills the field.
func (n *Node) ChildrenOf(field string) []*Node {
	var out []*Node
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Field == field {
			out = append(out, c)
		}
	}
	return out
}

// NamedChildren returns the named children, skipping punctuation and comments.
func (n *Node) NamedChildren() []*Node {
	var out []*Node
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Named && c.Kind != "comment" {
			out = append(out, c)
		}
	}
	return out
}

// FirstOfKind returns the first child of the kind, or nil.
func (n *Node) FirstOfKind(kind string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Kind == kind {
			return c
		}
	}
	return nil
}

// Index returns n's position among its parent's children, or -1 for the root.
func (n *Node) Index() int {
	if n.Parent == nil {
		return -1
	}
	for i, c := range n.Parent.Children {
		if c == n {
			return i
		}
	}
	return -1
}

// NextSibling returns the child after n in its parent, or nil.
func (n *Node) NextSibling() *Node {
	i := n.Index()
	if i < 0 || i+1 >= len(n.Parent.Children) {
		return nil
	}
	return n.Parent.Children[i+1]
}

// PrevSibling returns the child before n in its parent, or nil.
func (n *Node) PrevSibling() *Node {
	i := n.Index()
	if i <= 0 {
		return nil
	}
	return n.Parent.Children[i-1]
}

// Walk calls fn for n and its descendants in source order; when fn returns false the node's children are skipped.
func (n *Node) Walk(fn func(*Node) bool) {
	if n == nil || !fn(n) {
		return
	}
	for _, c := range n.Children {
		c.Walk(fn)
	}
}

// Find returns every descendant of n (n included) of one of the kinds, in source order.
func (n *Node) Find(kinds ...string) []*Node {
	var out []*Node
	n.Walk(func(x *Node) bool {
		if x.Is(kinds...) {
			out = append(out, x)
		}
		return true
	})
	return out
}

// Ancestor returns the nearest proper ancestor of one of the kinds, or nil.
func (n *Node) Ancestor(kinds ...string) *Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Is(kinds...) {
			return p
		}
	}
	return nil
}

// Contains reports whether m lies within n's byte range.
func (n *Node) Contains(m *Node) bool {
	return n != nil && m != nil && n.Start <= m.Start && m.End <= n.End
}

// Unwrap strips the wrappers that do not change a value: parentheses, TypeScript `as`, `satisfies`, non-null `!`
// and type assertions. `(window as any).api` reads as `window.api`.
func Unwrap(n *Node) *Node {
	for n != nil {
		switch n.Kind {
		case "parenthesized_expression", "non_null_expression":
			inner := n.NamedChildren()
			if len(inner) == 0 {
				return n
			}
			n = inner[0]
		case "as_expression", "satisfies_expression", "type_assertion":
			var value *Node
			for _, c := range n.NamedChildren() {
				if c.Kind != "type_arguments" && !strings.HasSuffix(c.Kind, "_type") && c.Kind != "type_identifier" &&
					c.Kind != "predefined_type" {
					value = c
					break
				}
			}
			if value == nil {
				return n
			}
			n = value
		default:
			return n
		}
	}
	return n
}

// StringValue returns the value of a string literal, or of a template literal without substitutions, and true; for
// any other node it returns false.
func (f *File) StringValue(n *Node) (string, bool) {
	n = Unwrap(n)
	if n == nil {
		return "", false
	}
	switch n.Kind {
	case "string":
		raw := f.Text(n)
		if len(raw) < 2 {
			return "", false
		}
		return unescapeJS(raw[1 : len(raw)-1]), true
	case "template_string":
		for _, c := range n.Children {
			if c.Kind == "template_substitution" {
				return "", false
			}
		}
		raw := f.Text(n)
		if len(raw) < 2 {
			return "", false
		}
		return unescapeJS(raw[1 : len(raw)-1]), true
	}
	return "", false
}

// unescapeJS decodes the escapes of a JavaScript string body. Escapes Go does not know are kept as the escaped
// character, as JavaScript does.
func unescapeJS(s string) string {
	if !strings.ContainsRune(s, '\\') {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '\n':
			// line continuation
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case 'x':
			if i+2 < len(s) {
				if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
					b.WriteRune(rune(v))
					i += 2
					continue
				}
			}
			b.WriteByte('x')
		case 'u':
			if i+1 < len(s) && s[i+1] == '{' {
				if end := strings.IndexByte(s[i:], '}'); end > 0 {
					if v, err := strconv.ParseUint(s[i+2:i+end], 16, 32); err == nil {
						b.WriteRune(rune(v))
						i += end
						continue
					}
				}
			} else if i+4 < len(s) {
				if v, err := strconv.ParseUint(s[i+1:i+5], 16, 16); err == nil {
					b.WriteRune(rune(v))
					i += 4
					continue
				}
			}
			b.WriteByte('u')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// QuoteJS returns s as a JavaScript string literal using the given quote character (' or ").
func QuoteJS(s string, quote byte) string {
	var b strings.Builder
	b.WriteByte(quote)
	for _, r := range s {
		switch {
		case r == rune(quote) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x2028 || r == 0x2029:
			b.WriteString(`\u` + strconv.FormatInt(int64(r)+0x10000, 16)[1:])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(quote)
	return b.String()
}
