package project

import (
	"bytes"
	"path"
	"strings"

	"golang.org/x/net/html"

	"github.com/isolate-dev/isolate/syntax"
)

// Page code does not only live in .js files and .html pages. Vue and Svelte single-file components hold it in
// <script> blocks, and apps that render their pages from templates (ejs-electron, Handlebars) load scripts from
// .ejs or .hbs pages. isolate reads both: a component's scripts are parsed in place, and a template page is read
// like an HTML page.

// IsComponent reports whether a file name is a single-file component whose <script> blocks are page code.
func IsComponent(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".vue", ".svelte":
		return true
	}
	return false
}

// IsTemplatePage reports whether a file name is an HTML page written in a template language, whose <script src>
// tags load page code like an .html page's.
func IsTemplatePage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".ejs", ".hbs", ".handlebars":
		return true
	}
	return false
}

// parseComponent parses the <script> blocks of a single-file component in place: a copy of the file with
// everything else blanked (line endings kept, every other byte a space), so that offsets, lines and columns in the
// tree are the file's own. lang="ts" (or "typescript") on any block parses the copy as TypeScript. It returns nil
// when the component has no script.
func parseComponent(p string, src []byte) *syntax.File {
	blank := make([]byte, len(src))
	for i, b := range src {
		if b == '\n' || b == '\r' {
			blank[i] = b
		} else {
			blank[i] = ' '
		}
	}
	lang := syntax.JS
	found := false
	z := html.NewTokenizer(bytes.NewReader(src))
	offset := 0
	inScript := false
	templates := 0 // <template> elements open: Vue markup, which holds no script of the component
	for {
		tt := z.Next()
		raw := z.Raw()
		start := offset
		offset += len(raw)
		if tt == html.ErrorToken {
			break
		}
		switch tt {
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "template" {
				templates++
			}
			if string(name) == "script" && templates == 0 {
				inScript = true
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if strings.EqualFold(string(k), "lang") {
						switch strings.ToLower(string(v)) {
						case "ts", "typescript":
							lang = syntax.TS
						case "tsx":
							lang = syntax.TSX
						}
					}
				}
			}
		case html.EndTagToken:
			inScript = false
			if name, _ := z.TagName(); string(name) == "template" && templates > 0 {
				templates--
			}
		case html.TextToken:
			if inScript {
				copy(blank[start:offset], src[start:offset])
				found = true
			}
		}
	}
	if !found {
		return nil
	}
	return syntax.ParseAs(p, blank, lang)
}
