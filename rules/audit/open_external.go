package audit

import (
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/syntax"
)

// openExternal finds shell.openExternal called with a URL the code never checks. openExternal hands the URL to the
// operating system, which runs whatever handles its scheme (file:, smb:, custom protocol handlers), so a URL from a
// page must be checked (https only, or an allowlist) first.
var openExternal = codemod.Register(&codemod.Rule{
	ID:       "open-external",
	Doc:      "shell.openExternal is called with a URL that is not a literal and is never checked",
	Severity: codemod.High,
	Ref:      checklist("15-do-not-use-shellopenexternal-with-untrusted-content"),
	For:      codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		f := p.File.File
		for _, call := range f.Root.Find("call_expression") {
			callee := jsutil.Callee(f, call)
			if jsutil.Last(callee) != "openExternal" || jsutil.Last(jsutil.Receiver(callee)) != "shell" {
				continue
			}
			arg := jsutil.Arg(call, 0)
			if arg == nil || fixedURL(f, arg) || urlChecked(f, call, arg) {
				continue
			}
			p.Reportf(call, "shell.openExternal(%s) opens a URL the code never checks: the operating system runs "+
				"whatever handles its scheme (file:, smb:, custom protocols); allow only https: (new URL(u).protocol "+
				"=== 'https:') or an allowlist of hosts before calling it", f.Text(arg))
		}
	},
})

// fixedURL reports whether a URL expression is a literal, or a template whose scheme and host are literal.
func fixedURL(f *syntax.File, n *syntax.Node) bool {
	if _, ok := f.StringValue(n); ok {
		return true
	}
	if !n.Is("template_string") {
		return false
	}
	head := ""
	for _, c := range n.Children {
		if c.Is("template_substitution") {
			head = string(f.Src[n.Start+1 : c.Start])
			break
		}
	}
	scheme, rest, ok := strings.Cut(head, "://")
	return ok && scheme != "" && strings.Contains(rest, "/") || strings.HasPrefix(head, "mailto:")
}

// urlChecked reports whether the variables a URL expression is made of are tested before the call in the same
// function: mentioned in an if, ternary, && / || or switch condition, directly or through a variable derived from
// them (const u = new URL(url)).
func urlChecked(f *syntax.File, call, arg *syntax.Node) bool {
	names := map[string]bool{}
	arg.Walk(func(n *syntax.Node) bool {
		if n.Is("identifier") {
			names[f.Text(n)] = true
		}
		return true
	})
	if len(names) == 0 {
		return false
	}
	scope := jsutil.EnclosingFunction(call)
	if scope == nil {
		scope = f.Root
	}
	mentions := func(n *syntax.Node) bool {
		found := false
		n.Walk(func(x *syntax.Node) bool {
			if x.Is("identifier", "shorthand_property_identifier") && names[f.Text(x)] {
				found = true
			}
			return !found
		})
		return found
	}
	// Variables derived from the URL before the call carry its check.
	for range 2 {
		for _, d := range scope.Find("variable_declarator") {
			if d.Start < call.Start && d.Child("value") != nil && d.Child("name").Is("identifier") &&
				mentions(d.Child("value")) {
				names[f.Text(d.Child("name"))] = true
			}
		}
	}
	var conds []*syntax.Node
	scope.Walk(func(n *syntax.Node) bool {
		if n.Start >= call.Start && !n.Contains(call) {
			return false
		}
		switch {
		case n.Is("if_statement", "ternary_expression", "while_statement"):
			conds = append(conds, n.Child("condition"))
		case n.Is("switch_statement"):
			conds = append(conds, n.Child("value"))
		case n.Is("binary_expression"):
			if op := f.Text(n.Child("operator")); op == "&&" || op == "||" || op == "??" {
				conds = append(conds, n.Child("left"))
			}
		}
		return true
	})
	for _, c := range conds {
		if c != nil && c.End <= call.Start && mentions(c) {
			return true
		}
	}
	return false
}
