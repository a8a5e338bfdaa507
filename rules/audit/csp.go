package audit

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/htmlpage"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/rules/internal/scan"
	"github.com/isolate-dev/isolate/syntax"
)

// cspMissing finds pages no Content Security Policy covers: no <meta http-equiv="Content-Security-Policy"> and no
// header set by main code (session.webRequest.onHeadersReceived, protocol.handle responses).
var cspMissing = codemod.Register(&codemod.Rule{
	ID:       "csp-missing",
	Doc:      "a page has no Content Security Policy",
	Severity: codemod.Medium,
	Ref:      checklist("7-define-a-content-security-policy"),
	For:      codemod.ForCheck,
	RunProject: func(pp *codemod.ProjectPass) {
		code := codePolicies(pp.Facts)
		if len(code) > 0 {
			return // a header covers every page the session loads
		}
		if len(pp.Facts.Pages) == 0 {
			// The pages the windows load are not in the project (generated, or fetched): with no header either,
			// nothing sets a policy for them.
			for _, path := range pp.Facts.Paths() {
				for _, load := range pageLoads(pp.Facts.Files[path].File) {
					pp.Report(codemod.Diagnostic{Path: path, Start: load.Call.Start, End: load.Call.End,
						Message: "no Content Security Policy covers what this window loads: no page in the project " +
							"has a CSP meta tag and main code sets no Content-Security-Policy header; set one (" +
							"default-src 'self'; script-src 'self') in the page or from the main process"})
					return
				}
			}
			return
		}
		for _, path := range scan.PagePaths(pp.Facts) {
			page := pp.Facts.Pages[path]
			scanned := scanPage(page)
			if len(metaPolicies(scanned)) > 0 {
				continue
			}
			start, end := 0, 0
			for _, t := range scanned.Tags {
				if t.Name == "head" || t.Name == "html" {
					start, end = t.Start, t.End
					if t.Name == "head" {
						break
					}
				}
			}
			reportPage(pp, page, start, end, 0, "no Content Security Policy covers this page, so an injected "+
				"script runs with whatever the preload exposes; add <meta http-equiv=\"Content-Security-Policy\" "+
				"content=\"default-src 'self'; script-src 'self'\"> or set the header from the main process")
		}
	},
})

// cspWeak finds policies that do not restrict scripts: 'unsafe-inline' or 'unsafe-eval' for scripts, sources that
// allow any host, or neither script-src nor default-src. A page covered by several policies must pass all of them,
// so a weak policy is reported only when no strong one covers the same page.
var cspWeak = codemod.Register(&codemod.Rule{
	ID:       "csp-weak",
	Doc:      "a Content Security Policy lets scripts run from inline code, eval or any host",
	Severity: codemod.Medium,
	Ref:      checklist("7-define-a-content-security-policy"),
	For:      codemod.ForCheck,
	RunProject: func(pp *codemod.ProjectPass) {
		code := codePolicies(pp.Facts)
		codeStrong := false
		for _, c := range code {
			if !c.known || cspWeakness(c.text) == "" {
				codeStrong = true
			}
		}
		pagesStrong := len(pp.Facts.Pages) > 0
		for _, path := range scan.PagePaths(pp.Facts) {
			page := pp.Facts.Pages[path]
			strong := false
			var weak []htmlpage.Tag
			for _, m := range metaPolicies(scanPage(page)) {
				content, _ := m.Attr("content")
				if cspWeakness(content) == "" {
					strong = true
				} else {
					weak = append(weak, m)
				}
			}
			if !strong {
				pagesStrong = false
			}
			if strong || codeStrong {
				continue
			}
			for _, m := range weak {
				content, _ := m.Attr("content")
				off := m.AttrOffset("content")
				reportPage(pp, page, off, off+len("content"), 0, "this page's Content Security Policy %s",
					cspWeakness(content))
			}
		}
		if pagesStrong {
			return
		}
		for _, c := range code {
			if c.known && cspWeakness(c.text) != "" {
				pp.Report(codemod.Diagnostic{Path: c.path, Start: c.node.Start, End: c.node.End,
					Message: "the Content Security Policy header set here " + cspWeakness(c.text)})
			}
		}
	},
})

var cspSourceSplit = regexp.MustCompile(`\s+`)

// cspWeakness says how a policy fails to restrict scripts and plugins and what to change, or "" when it restricts
// them: unsafe-inline (unless a nonce or hash makes browsers ignore it), unsafe-eval, sources that allow any host or
// scheme, a nonce short enough to guess, no script-src or default-src, no object-src or default-src.
func cspWeakness(policy string) string {
	directives := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		fields := cspSourceSplit.Split(strings.TrimSpace(d), -1)
		if len(fields) == 0 || fields[0] == "" {
			continue
		}
		name := strings.ToLower(fields[0])
		if _, dup := directives[name]; !dup { // the first of a repeated directive wins
			directives[name] = fields[1:]
		}
	}
	var problems, fixes []string
	_, hasDefault := directives["default-src"]
	if _, ok := directives["object-src"]; !ok && !hasDefault {
		problems = append(problems, "has neither object-src nor default-src, so <object> and <embed> may load plugins")
		fixes = append(fixes, "add object-src 'none'")
	}
	name := "script-src"
	sources, ok := directives[name]
	if !ok {
		name = "default-src"
		sources, ok = directives[name]
	}
	if !ok {
		problems = append(problems, "has neither script-src nor default-src, so scripts may come from anywhere")
		fixes = append(fixes, "add script-src 'self'")
		return strings.Join(problems, ", and it ") + "; " + strings.Join(fixes, " and ")
	}
	hasNonceOrHash := false
	for _, s := range sources {
		l := strings.ToLower(s)
		if strings.HasPrefix(l, "'nonce-") || strings.HasPrefix(l, "'sha") {
			hasNonceOrHash = true
		}
	}
	var scripts []string
	for _, s := range sources {
		switch l := strings.ToLower(s); {
		case strings.HasPrefix(l, "'nonce-") && len(strings.Trim(l[len("'nonce-"):], "'")) < 8:
			scripts = append(scripts, fmt.Sprintf("uses a nonce shorter than 8 characters (%s), which can be guessed", s))
		case l == "'unsafe-inline'" && !hasNonceOrHash:
			scripts = append(scripts, "allows inline scripts ('unsafe-inline')")
		case l == "'unsafe-eval'":
			scripts = append(scripts, "allows eval ('unsafe-eval')")
		case l == "*" || l == "http:" || l == "https:" || l == "data:" || l == "blob:":
			scripts = append(scripts, fmt.Sprintf("allows scripts from %s", s))
		case strings.HasPrefix(l, "http://"):
			scripts = append(scripts, fmt.Sprintf("allows scripts over http (%s)", s))
		}
	}
	if len(scripts) > 0 {
		problems = append(problems, strings.Join(scripts, " and ")+" in "+name)
		fixes = append(fixes, "use script-src 'self' (move inline scripts into files, drop eval)")
	}
	if len(problems) == 0 {
		return ""
	}
	return strings.Join(problems, ", and it ") + "; " + strings.Join(fixes, " and ")
}

// metaPolicies returns the CSP meta tags of a page.
func metaPolicies(p *htmlpage.Page) []htmlpage.Tag {
	var out []htmlpage.Tag
	for _, m := range p.Find("meta") {
		if eq, _ := m.Attr("http-equiv"); strings.EqualFold(strings.TrimSpace(eq), "content-security-policy") {
			out = append(out, m)
		}
	}
	return out
}

// codePolicy is a Content-Security-Policy header main code sets.
type codePolicy struct {
	path string
	node *syntax.Node
	// text is the policy when the code spells it out; known is false for a computed one.
	text  string
	known bool
}

// codePolicies finds CSP headers set in code: a `'Content-Security-Policy': value` property (response headers in
// onHeadersReceived, a Response's headers in protocol.handle) or headers.set / setHeader / append calls.
func codePolicies(facts *project.Facts) []codePolicy {
	var out []codePolicy
	isCSP := func(s string) bool { return strings.EqualFold(s, "content-security-policy") }
	for _, path := range facts.Paths() {
		f := facts.Files[path].File
		f.Root.Walk(func(n *syntax.Node) bool {
			var value *syntax.Node
			switch {
			case n.Is("pair"):
				k, ok := f.StringValue(n.Child("key"))
				if !ok || !isCSP(k) {
					return true
				}
				value = syntax.Unwrap(n.Child("value"))
			case n.Is("call_expression"):
				switch jsutil.Last(jsutil.Callee(f, n)) {
				case "set", "setHeader", "append":
				default:
					return true
				}
				if k, _ := f.StringValue(jsutil.Arg(n, 0)); !isCSP(k) {
					return true
				}
				value = jsutil.Arg(n, 1)
			default:
				return true
			}
			cp := codePolicy{path: path, node: n}
			if value.Is("array") && len(value.NamedChildren()) > 0 {
				value = syntax.Unwrap(value.NamedChildren()[0])
			}
			cp.text, cp.known = f.StringValue(value)
			out = append(out, cp)
			return true
		})
	}
	return out
}
