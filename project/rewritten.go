package project

import (
	"path"
	"strings"

	"github.com/isolate-dev/isolate/syntax"
)

// Rewritten returns the facts of the project as it would be with contents written over it (new or rewritten
// files, by slash path relative to the root): the changed files are parsed again, every other file keeps its parsed
// tree, and the analysis runs again on the result, so windows, roles, pages and channels are those of the rewritten
// app. Nothing is read from disk or written; f is left as it was. A change that is not JavaScript, TypeScript or a
// page (package.json, say) is passed over.
func (f *Facts) Rewritten(contents map[string][]byte) *Facts {
	out := &Facts{Root: f.Root, resolve: f.resolve, Electron: f.Electron, Unparsed: f.Unparsed,
		Files: make(map[string]*File, len(f.Files)), Pages: make(map[string]*Page, len(f.Pages))}
	for p, old := range f.Files {
		out.Files[p] = &File{File: old.File, Embedded: old.Embedded}
	}
	for p, pg := range f.Pages {
		out.Pages[p] = &Page{Path: p, Src: pg.Src, Template: pg.Template}
	}
	for p, src := range contents {
		name := path.Base(p)
		ext := strings.ToLower(path.Ext(name))
		switch {
		case ext == ".html" || ext == ".htm" || IsTemplatePage(name):
			out.Pages[p] = &Page{Path: p, Src: src, Template: IsTemplatePage(name)}
		case IsComponent(name):
			if parsed := parseComponent(p, src); parsed != nil {
				out.Files[p] = &File{File: parsed, Embedded: true}
			}
		default:
			if _, ok := syntax.LangOf(name); !ok {
				continue
			}
			if parsed, err := syntax.Parse(p, src); err == nil {
				out.Files[p] = &File{File: parsed}
			}
		}
	}
	// The analysis may ask for files it has not parsed; the original analysis asked for the same ones and they
	// were loaded then when they exist, so what it asks for now is passed over.
	Analyze(out)
	return out
}
