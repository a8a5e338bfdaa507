package audit

import (
	"net/url"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/rules/internal/scan"
	"github.com/isolate-dev/isolate/syntax"
)

// insecureLoad finds windows and webviews that load pages over plain http, which anyone on the network can read and
// replace. A loopback dev server is reported as low: fine while developing, wrong in a packaged app.
var insecureLoad = codemod.Register(&codemod.Rule{
	ID:       "insecure-load",
	Doc:      "a window or <webview> loads a page over http",
	Severity: codemod.High,
	Ref:      checklist("1-only-load-secure-content"),
	For:      codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		f := p.File.File
		for _, load := range pageLoads(f) {
			for _, u := range load.urls {
				if !strings.HasPrefix(strings.ToLower(u.text), "http://") {
					continue
				}
				reportHTTP(p, u.node, u.text, load.Method)
			}
		}
		for _, el := range f.Root.Find("jsx_opening_element", "jsx_self_closing_element") {
			if f.Text(el.Child("name")) != "webview" {
				continue
			}
			for _, a := range el.ChildrenOf("attribute") {
				named := a.NamedChildren()
				if len(named) == 2 && f.Text(named[0]) == "src" {
					if s, ok := f.StringValue(named[1]); ok && strings.HasPrefix(strings.ToLower(s), "http://") {
						reportHTTP(p, a, s, "<webview src>")
					}
				}
			}
		}
	},
	RunProject: func(pp *codemod.ProjectPass) {
		for _, path := range scan.PagePaths(pp.Facts) {
			page := pp.Facts.Pages[path]
			for _, t := range scanPage(page).Find("webview") {
				if src, ok := t.Attr("src"); ok && strings.HasPrefix(strings.ToLower(src), "http://") {
					sev, msg := httpFinding(src, "<webview src>")
					off := t.AttrOffset("src")
					reportPage(pp, page, off, off+3, sev, "%s", msg)
				}
			}
		}
	},
})

func reportHTTP(p *codemod.Pass, n *syntax.Node, u, how string) {
	sev, msg := httpFinding(u, how)
	p.Report(codemod.Diagnostic{Start: n.Start, End: n.End, Severity: sev, Message: msg})
}

func httpFinding(u, how string) (codemod.Severity, string) {
	if loopback(u) {
		return codemod.Low, how + " loads " + u + " over http from this machine: fine for a dev server, but make sure a " +
			"packaged app loads its pages from a custom protocol or https"
	}
	return 0, how + " loads " + u + " over plain http: anyone on the network can read and replace the page, and " +
		"with it whatever the preload exposes; use https"
}

// loopback reports whether a URL's host is this machine.
func loopback(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	h := u.Hostname()
	return h == "localhost" || strings.HasPrefix(h, "127.") || h == "::1" || h == "[::1]"
}

// pageLoad is one call that loads a page into web contents, with the URL texts the code spells out in its first
// argument (string literals, template heads), whatever the argument computes.
type pageLoad struct {
	Call   *syntax.Node
	Method string
	urls   []urlText
}

type urlText struct {
	node *syntax.Node
	text string
}

// pageLoads finds the loadURL and loadFile calls of a file.
func pageLoads(f *syntax.File) []pageLoad {
	var out []pageLoad
	for _, call := range f.Root.Find("call_expression") {
		m := jsutil.Last(jsutil.Callee(f, call))
		if m != "loadURL" && m != "loadFile" {
			continue
		}
		load := pageLoad{Call: call, Method: m + "()"}
		if arg := jsutil.Arg(call, 0); arg != nil {
			arg.Walk(func(n *syntax.Node) bool {
				if s, ok := f.StringValue(n); ok {
					load.urls = append(load.urls, urlText{node: n, text: s})
					return false
				}
				if n.Is("template_string") {
					end := n.End - 1
					for _, c := range n.Children {
						if c.Is("template_substitution") {
							end = c.Start
							break
						}
					}
					load.urls = append(load.urls, urlText{node: n, text: string(f.Src[n.Start+1 : end])})
				}
				return true
			})
		}
		out = append(out, load)
	}
	return out
}

// remoteLoads returns the first place the app loads remote content (http or https, not this machine): a loadURL
// call or a <webview src> in a page.
func remoteLoads(facts *project.Facts) (path string, start, end int, found bool) {
	remote := func(s string) bool {
		l := strings.ToLower(s)
		return (strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) && !loopback(s)
	}
	for _, p := range facts.Paths() {
		f := facts.Files[p].File
		for _, load := range pageLoads(f) {
			for _, u := range load.urls {
				if load.Method == "loadURL()" && remote(u.text) {
					return p, load.Call.Start, load.Call.End, true
				}
			}
		}
	}
	for _, p := range scan.PagePaths(facts) {
		for _, t := range scanPage(facts.Pages[p]).Find("webview") {
			if src, ok := t.Attr("src"); ok && remote(src) {
				return p, t.Start, t.End, true
			}
		}
	}
	return "", 0, 0, false
}
