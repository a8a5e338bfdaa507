package audit

import (
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/scan"
)

// resourceAttrs are the attributes through which a page loads something.
var resourceAttrs = map[string]string{"script": "src", "link": "href", "img": "src", "iframe": "src",
	"frame": "src", "object": "data", "embed": "src", "source": "src", "audio": "src", "video": "src",
	"track": "src", "input": "src"}

// insecureResource finds page resources loaded over plain http, which anyone on the network can replace (a script
// so loaded runs with whatever the preload exposes).
var insecureResource = codemod.Register(&codemod.Rule{
	ID:       "insecure-resource",
	Doc:      "a page loads a script, style or other resource over http",
	Severity: codemod.Medium,
	Ref:      checklist("1-only-load-secure-content"),
	For:      codemod.ForCheck,
	RunProject: func(pp *codemod.ProjectPass) {
		for _, path := range scan.PagePaths(pp.Facts) {
			page := pp.Facts.Pages[path]
			for _, t := range scanPage(page).Tags {
				attr, ok := resourceAttrs[t.Name]
				if !ok {
					continue
				}
				v, ok := t.Attr(attr)
				v = strings.TrimSpace(v)
				if !ok || !strings.HasPrefix(strings.ToLower(v), "http://") || loopback(v) {
					continue
				}
				sev := codemod.Severity(0)
				if t.Name == "script" || t.Name == "iframe" || t.Name == "frame" || t.Name == "object" ||
					t.Name == "embed" {
					sev = codemod.High
				}
				off := t.AttrOffset(attr)
				reportPage(pp, page, off, off+len(attr), sev, "<%s %s=\"%s\"> loads over plain http, so anyone on "+
					"the network can replace it; use https, or ship the file with the app", t.Name, attr, v)
			}
		}
	},
})
