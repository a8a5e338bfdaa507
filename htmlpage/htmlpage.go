// Package htmlpage reads the tags and comments of an HTML page with their byte offsets, which is what check rules
// and suppressions need from pages (a CSP meta tag, <webview> attributes, http: resources, isolate-ignore
// comments). It tokenizes with golang.org/x/net/html, so script bodies, comments and odd markup are read the way a
// browser reads them.
package htmlpage

import (
	"bytes"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// Tag is one start tag of a page.
type Tag struct {
	// Name is the lower-case tag name.
	Name  string
	Attrs []html.Attribute
	// Start and End are the byte offsets of the tag's text (`<webview …>`).
	Start, End int
	// Raw is the tag's source text.
	Raw []byte
}

// Attr returns the value of the attribute (names are case-insensitive) and whether it is present.
func (t Tag) Attr(name string) (string, bool) {
	for _, a := range t.Attrs {
		if strings.EqualFold(a.Key, name) {
			return a.Val, true
		}
	}
	return "", false
}

// AttrOffset returns the byte offset of the attribute's name in the page, or the tag's start when it cannot be
// found, so a finding points at the attribute even in a tag spread over several lines.
func (t Tag) AttrOffset(name string) int {
	re := regexp.MustCompile(`(?i)[\s/]` + regexp.QuoteMeta(name) + `[\s=/>]`)
	if loc := re.FindIndex(t.Raw); loc != nil {
		return t.Start + loc[0] + 1
	}
	return t.Start
}

// Comment is one HTML comment; Text is what lies between `<!--` and `-->`.
type Comment struct {
	Text       string
	Start, End int
}

// Page is the scanned page.
type Page struct {
	Tags     []Tag
	Comments []Comment
}

// Scan tokenizes src. It never fails: broken markup is read the way a browser's tokenizer reads it.
func Scan(src []byte) *Page {
	p := &Page{}
	z := html.NewTokenizer(bytes.NewReader(src))
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return p
		}
		raw := z.Raw()
		start := off
		off += len(raw)
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			p.Tags = append(p.Tags, Tag{Name: strings.ToLower(tok.Data), Attrs: tok.Attr, Start: start, End: off,
				Raw: src[start:off]})
		case html.CommentToken:
			p.Comments = append(p.Comments, Comment{Text: string(z.Token().Data), Start: start, End: off})
		}
	}
}

// Find returns the tags with the given name.
func (p *Page) Find(name string) []Tag {
	var out []Tag
	for _, t := range p.Tags {
		if t.Name == name {
			out = append(out, t)
		}
	}
	return out
}
