package ipc

import (
	"fmt"
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/exposure"
	"github.com/isolate-dev/isolate/syntax"
)

// Page code under Node integration reads Node's process object: "am I in Electron?" probes (window.process,
// typeof process, process.type) and values (process.platform, process.versions.electron, process.env.NAME).
// Under context isolation with Node integration off the page has no process, so a probe turns false and a read
// throws. The preload has them (a sandboxed preload's process keeps type, platform, arch, versions and env), so
// renderer-ipc's page bridge exposes exactly the values the page reads as window.process, and the page code stays
// as it is: the bare name process resolves to the exposed window.process.

// processUse is one place page code reads Node's process object.
type processUse struct {
	node *syntax.Node
	// member is what the page reads: "type", "platform", "arch", "versions", "env.NAME", or "" for a presence probe
	// (window.process, typeof process).
	member string
}

// processValues are the members of Node's process object a preload can hand over as values: the page reads them
// and the bridge copies them (docs/api/process.md, "Sandbox", lists them for sandboxed preloads).
var processValues = map[string]bool{"type": true, "platform": true, "arch": true, "versions": true}

// pageProcessUses finds where a page file reads Node's process object. why says, with the position, why the
// preload cannot stand in for a use (a function of process, a write, the whole env): then nothing of the file's
// use is exposed, and renderer-node reports it.
func pageProcessUses(pf *project.File) (uses []processUse, why string, at *syntax.Node) {
	f := pf.File
	sc := pf.Scopes()
	var refs []*syntax.Node
	for _, id := range sc.Free {
		if f.Text(id) != "process" {
			continue
		}
		if m := Up(id); m.Is("member_expression") && syntax.Unwrap(m.Child("object")) == id && f.Text(m.Child("property")) == "process" {
			continue // window.process.process: not ours
		}
		refs = append(refs, id)
	}
	f.Root.Walk(func(n *syntax.Node) bool {
		if n.Is("member_expression") && f.Text(n.Child("property")) == "process" {
			if obj := syntax.Unwrap(n.Child("object")); obj.Is("identifier") && exposure.GlobalNames[f.Text(obj)] && sc.IsFree(obj) {
				refs = append(refs, n)
			}
		}
		return true
	})
	sort.Slice(refs, func(i, j int) bool { return refs[i].Start < refs[j].Start })
	for _, r := range refs {
		member, problem := processRead(f, r)
		if problem != "" {
			return nil, fmt.Sprintf("%s at %s", problem, f.Pos(r.Start)), r
		}
		uses = append(uses, processUse{node: r, member: member})
	}
	return uses, "", nil
}

// processRead classifies one reference to process (the identifier, or window.process): what it reads, or why the
// preload cannot stand in for it.
func processRead(f *syntax.File, r *syntax.Node) (member, problem string) {
	name := f.Text(r)
	p := Up(r)
	switch {
	case p == nil:
		return "", "uses " + name
	case p.Is("member_expression") && syntax.Unwrap(p.Child("object")) == r:
		prop := f.Text(p.Child("property"))
		if written(p) {
			return "", "writes " + f.Text(p) + ", which the page cannot change once process is a value the preload exposes"
		}
		if c := Up(p); c.Is("call_expression") && syntax.Unwrap(c.Child("function")) == p {
			return "", "calls " + name + "." + prop + "(), a function of Node's process object that the page no longer has under context isolation; move the code that needs it into the preload or main"
		}
		switch {
		case processValues[prop]:
			if q := Up(p); q.Is("member_expression") && syntax.Unwrap(q.Child("object")) == p && written(q) {
				return "", "writes " + f.Text(q) + ", which the page cannot change once process is a value the preload exposes"
			}
			return prop, ""
		case prop == "env":
			q := Up(p)
			if q.Is("member_expression", "subscript_expression") && syntax.Unwrap(q.Child("object")) == p && written(q) {
				return "", "writes " + codemod.Clip(f.Text(q), 40) + ", which the page cannot change once process is a value the preload exposes"
			}
			if q.Is("member_expression") && syntax.Unwrap(q.Child("object")) == p && !written(q) {
				if c := Up(q); !(c.Is("call_expression") && syntax.Unwrap(c.Child("function")) == q) {
					return "env." + f.Text(q.Child("property")), ""
				}
			}
			if q.Is("subscript_expression") && syntax.Unwrap(q.Child("object")) == p && !written(q) {
				if key, ok := f.StringValue(syntax.Unwrap(q.Child("index"))); ok && key != "" {
					return "env." + key, ""
				}
			}
			return "", "uses " + codemod.Clip(f.Text(q), 40) + ", not one named variable of process.env: isolate exposes only the environment variables the page reads by name"
		}
		return "", "uses " + name + "." + prop + ", which the preload cannot hand over as a value; move the code that needs it into the preload or main"
	case p.Is("unary_expression") && (f.Text(p.Child("operator")) == "typeof" || f.Text(p.Child("operator")) == "!"):
		return "", ""
	case p.Is("binary_expression"):
		switch f.Text(p.Child("operator")) {
		case "&&", "||", "??", "==", "!=", "===", "!==":
			return "", ""
		}
	case p.Is("if_statement", "while_statement") && r.Parent.Is("parenthesized_expression"):
		return "", ""
	case p.Is("ternary_expression") && r.Field == "condition":
		return "", ""
	}
	return "", "passes " + name + " on (" + codemod.Clip(f.Text(p), 40) + "): the page would hold Node's whole process object, which the bridge cannot carry; pass only the values it needs"
}

// written reports whether a member expression is assigned, updated or deleted.
func written(m *syntax.Node) bool {
	p := Up(m)
	switch {
	case p.Is("assignment_expression", "augmented_assignment_expression") && p.Child("left") != nil && syntax.Unwrap(p.Child("left")) == m:
		return true
	case p.Is("update_expression"):
		return true
	case p.Is("unary_expression") && unaryOperator(p) == "delete":
		return true
	}
	return false
}

func unaryOperator(unary *syntax.Node) string {
	if op := unary.Child("operator"); op != nil {
		return op.Kind
	}
	return ""
}

// processMembersText is the object a page bridge exposes as window.process: the values its page files read, in
// the preload's style. A page that only probes for process gets its type, which every probe finds truthy.
func processMembersText(members []string, st codemod.Style) string {
	env := []string{}
	var out []string
	seen := map[string]bool{}
	for _, m := range members {
		if seen[m] {
			continue
		}
		seen[m] = true
		if name, ok := strings.CutPrefix(m, "env."); ok {
			env = append(env, name)
			continue
		}
		if m != "" {
			out = append(out, m+": process."+m)
		}
	}
	if len(out) == 0 && len(env) == 0 {
		out = append(out, "type: process.type")
	}
	sort.Strings(out)
	if len(env) > 0 {
		sort.Strings(env)
		var vars []string
		for _, name := range env {
			if isIdentifierName(name) {
				vars = append(vars, name+": process.env."+name)
			} else {
				vars = append(vars, st.Quote(name)+": process.env["+st.Quote(name)+"]")
			}
		}
		out = append(out, "env: { "+strings.Join(vars, ", ")+" }")
		sort.Strings(out)
	}
	text := "{" + st.EOL + st.Indent + strings.Join(out, ","+st.EOL+st.Indent)
	if st.TrailingComma {
		text += ","
	}
	return text + st.EOL + "}"
}

func isIdentifierName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		case i > 0 && r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return true
}

// processExposes reports whether the page bridge of renderer-ipc exposes the process values that the use at node
// reads, so that renderer-node need not report it.
func processExposes(facts *project.Facts, file string, node *syntax.Node) bool {
	if facts == nil {
		return false
	}
	for _, rf := range rendererIPCPlanFor(facts).files[file] {
		if rf.Bridge == nil || rf.Bridge.why != "" || !rf.Bridge.procExposed {
			continue
		}
		for _, u := range rf.proc {
			if u.node.Start >= node.Start && u.node.End <= node.End || node.Start >= u.node.Start && node.End <= u.node.End {
				return true
			}
		}
	}
	return false
}

// MovedBehindBridge reports whether renderer-ipc's fix takes care of a use renderer-node found: a removed
// require('electron'), or a process read the preload now exposes.
func MovedBehindBridge(facts *project.Facts, file string, node *syntax.Node) bool {
	return RendererIPCRemoves(facts, file, node) || processExposes(facts, file, node)
}

// ReportProcessExposed reports, with renderer-ipc's fix, the process values a page file reads that its window's
// preload now exposes; and, when the preload cannot stand in for the file's use, why.
func ReportProcessExposed(p *codemod.Pass) (notExposed string) {
	plan := rendererIPCPlanFor(p.Facts)
	for _, rf := range plan.files[p.File.Path] {
		b := rf.Bridge
		if len(rf.proc) == 0 {
			continue
		}
		switch {
		case b == nil:
			return rf.why
		case b.why != "":
			return b.why
		case !b.procExposed:
			if !exposure.StateOf(p.Facts, b.w).NodeBefore {
				return "the window had no Node integration, so the page never had process"
			}
			return "page code sets window.process itself"
		}
		var read []string
		seen := map[string]bool{}
		for _, u := range rf.proc {
			what := "process." + u.member
			if u.member == "" {
				what = p.File.Text(u.node)
				if what != "process" {
					what = "window.process"
				}
			}
			if !seen[what] {
				seen[what] = true
				read = append(read, what)
			}
		}
		where := "its window's preload " + b.preload
		if b.created {
			where = "a new preload, " + b.preload + ", named in the window's webPreferences"
		}
		at := rf.proc[0].node
		p.Report(codemod.Diagnostic{Start: at.Start, End: at.End, Message: fmt.Sprintf(
			"reads %s, which the page does not have under context isolation; isolate migrate exposes the values it reads as window.process from %s, so the page code stays as it is",
			strings.Join(read, ", "), where), Fix: plan.fixOf(b)})
		return ""
	}
	if p.File.Exposed["process"] {
		return
	}
	if _, why, at := pageProcessUses(p.File); why != "" {
		bundled := exposure.UsesESM(p.File) || !strings.HasPrefix(p.File.Why, "loaded by ")
		if !bundled {
			p.Report(codemod.Diagnostic{Start: at.Start, End: at.End, Severity: codemod.Medium, Message: "uses Node's process object in a way isolate cannot hand over from the preload: " + why + "; under context isolation with Node integration off the page has no process"})
		}
	}
	return ""
}

// IsProcessRead reports whether a renderer-node finding is about a read of Node's process object.
func IsProcessRead(d codemod.Diagnostic) bool {
	return strings.HasPrefix(d.Message, "reads process.") || strings.HasPrefix(d.Message, "reads process,") ||
		strings.HasPrefix(d.Message, "reads window.process") || strings.HasPrefix(d.Message, "reads global.process") ||
		strings.HasPrefix(d.Message, "reads globalThis.process") || strings.HasPrefix(d.Message, "reads self.process")
}
