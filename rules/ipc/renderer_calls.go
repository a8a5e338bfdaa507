package ipc

import (
	"fmt"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/exposure"
	"github.com/isolate-dev/isolate/syntax"
)

// RendererCalls rewrites page calls through a generic bridge member to the per-channel methods ipc-passthrough
// gives the preload (window.api.send('save-file', data) → window.api.saveFile(data)), including calls through
// aliases and destructured names, and turns removeListener calls, which never worked across the bridge, into
// calls of the unsubscribe function the new method returns. What it cannot follow it reports.
var RendererCalls = codemod.Register(&codemod.Rule{
	ID:       "renderer-calls",
	Doc:      "page code calls a generic IPC bridge member with a channel name",
	Severity: codemod.Medium,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/context-isolation#security-considerations",
	Roles:    project.Renderer,
	// In isolate check the generic member is the finding (ipc-passthrough); its page calls are not another.
	For: codemod.ForMigrate,
	Run: func(p *codemod.Pass) {
		if p.File.Role.Has(project.Preload) {
			return
		}
		plan := ipcPlanFor(p.Facts)
		reportPageCalls(p, plan, p.File.Path)
		pageDeclaresKey(p)
	},
	RunProject: func(p *codemod.ProjectPass) {
		// Inline <script> code of the pages: reported, never rewritten.
		plan := ipcPlanFor(p.Facts)
		for _, b := range plan.pageBlocked {
			if _, parsed := p.Facts.Files[b.use.File]; parsed {
				continue
			}
			pg := p.Facts.Pages[b.use.File]
			if pg == nil || pg.Inline == nil {
				continue
			}
			p.Report(codemod.Diagnostic{Path: pg.Path, Start: b.use.Call.Start, End: b.use.Call.End, Pos: pg.Inline.Pos(b.use.Call.Start),
				Message: blockedMessage(b)})
		}
		for _, e := range p.Facts.Channels.Escapes {
			if pg := p.Facts.Pages[e.File]; pg != nil && pg.Inline != nil && plan.restricts(e) {
				if _, parsed := p.Facts.Files[e.File]; !parsed {
					p.Report(codemod.Diagnostic{Path: pg.Path, Start: e.Node.Start, End: e.Node.End, Pos: pg.Inline.Pos(e.Node.Start),
						Message: escapeMessage(e)})
				}
			}
		}
	},
})

func reportPageCalls(p *codemod.Pass, plan *ipcPlan, path string) {
	// The calls rewritten in this file, grouped into one finding whose fix is every site's they belong to.
	if calls := plan.pageUses[path]; len(calls) > 0 {
		var edits []codemod.Edit
		sites := map[*ipcSite]bool{}
		var blockers []string
		methods := map[string]bool{}
		for _, c := range calls {
			for _, s := range plan.sites {
				if contains(s.pts, c.use.Via) && !sites[s] {
					sites[s] = true
					fix, blocker := plan.fixOf(s)
					if fix == nil {
						blockers = append(blockers, blocker)
						continue
					}
					edits = append(edits, fix.Edits...)
				}
			}
			methods[c.use.Via.Name()+" → "+c.msg.Method] = true
		}
		first := calls[0].use.Call
		for _, c := range calls {
			if c.use.Call.Start < first.Start {
				first = c.use.Call
			}
		}
		msg := fmt.Sprintf("%d call(s) choose an IPC channel by name through a generic bridge member; they now call one method per channel (%s)",
			len(calls), strings.Join(codemod.SortedKeys(methods), ", "))
		d := codemod.Diagnostic{Start: first.Start, End: first.End, Message: msg}
		if len(blockers) == 0 {
			d.Fix = &codemod.Fix{Message: "call the per-channel methods", Edits: edits}
		} else {
			d.Message = fmt.Sprintf("%d call(s) choose an IPC channel by name through a generic bridge member; not rewritten: %s", len(calls), strings.Join(blockers, "; "))
		}
		p.Report(d)
	}
	for _, b := range plan.pageBlocked {
		if b.use.File == path {
			p.Report(codemod.Diagnostic{Start: b.use.Call.Start, End: b.use.Call.End, Message: blockedMessage(b)})
		}
	}
	for _, r := range plan.removals {
		if r.use.File != path {
			continue
		}
		if r.why != "" {
			p.Report(codemod.Diagnostic{Start: r.use.Call.Start, End: r.use.Call.End, Message: fmt.Sprintf(
				"%s through the bridge never removes anything (the page's listener is proxied, so it is never the one registered); not rewritten: %s",
				r.use.Via.Name(), r.why)})
		}
	}
	for _, e := range plan.Facts.Channels.Escapes {
		if e.File == path && plan.restricts(e) {
			p.Report(codemod.Diagnostic{Start: e.Node.Start, End: e.Node.End, Message: escapeMessage(e)})
		}
	}
}

func blockedMessage(b blockedUse) string {
	if b.pattern != "" {
		return fmt.Sprintf("this call through %s stays on the generic member, which now accepts only an explicit list of channels and the ones matching /%s/, as this call's do: %s; call a per-channel method instead (add one to the preload if the channel has none)",
			b.use.Via.Name(), b.pattern, b.why)
	}
	return fmt.Sprintf("this call through %s stays on the generic member, which now accepts only an explicit list of channels: %s; call a per-channel method instead (add one to the preload if the channel has none)",
		b.use.Via.Name(), b.why)
}

func escapeMessage(e *project.Escape) string {
	return fmt.Sprintf("%s is %s, so isolate cannot see the IPC calls made through it; its generic members stay, restricted to the channels the app knows; call the per-channel methods instead",
		strings.Join(append([]string{e.Key}, e.Path...), "."), e.Why)
}

// pageDeclaresKey finds classic page scripts that declare, at their top level, a const, let or class named like a
// key the preload exposes. contextBridge defines exposed keys on window as read-only and non-configurable, and a
// script whose top-level lexical name is such a property fails to run at all ("Identifier 'api' has already been
// declared"); without isolation the preload's plain window.api allowed it. `const api = window.api` only aliases
// the global, so it goes; anything else is reported.
func pageDeclaresKey(p *codemod.Pass) {
	f := p.File
	// A module (type="module", a bundled or required file) has top-level names of its own.
	if codemod.IsTestOrBroken(f) || f.Role&(project.Preload|project.Main) != 0 || !f.ClassicScript {
		return
	}
	keys := exposedKeys(p.Facts)
	for _, stmt := range f.Root.NamedChildren() {
		var names []*syntax.Node
		switch {
		case stmt.Is("lexical_declaration"):
			for _, d := range stmt.NamedChildren() {
				if d.Is("variable_declarator") && d.Child("name").Is("identifier") {
					names = append(names, d.Child("name"))
				}
			}
		case stmt.Is("class_declaration"):
			names = append(names, stmt.Child("name"))
		}
		for _, n := range names {
			key := f.Text(n)
			if !keys[key] {
				continue
			}
			d := n.Parent
			alias := false
			if d.Is("variable_declarator") && len(stmt.NamedChildren()) == 1 {
				if v := syntax.Unwrap(d.Child("value")); v != nil && v.Is("member_expression") {
					obj := syntax.Unwrap(v.Child("object"))
					alias = obj.Is("identifier") && exposure.GlobalNames[f.Text(obj)] && f.Scopes().IsFree(obj) && f.Text(v.Child("property")) == key
				}
			}
			why := fmt.Sprintf("declares %s at the top of a classic page script, and once the preload exposes %s with contextBridge (a read-only, non-configurable property of window) the whole script fails with \"Identifier '%s' has already been declared\"", key, key, key)
			// In TypeScript the bare global would not type-check without a declaration the app does not have.
			if alias && !f.Lang.IsTypeScript() && f.Scopes().Of(n) != nil && f.Scopes().Of(n).Stable() {
				p.Report(codemod.Diagnostic{Start: stmt.Start, End: stmt.End, Message: why + "; it only aliased window." + key + ", so it goes and the script uses the global",
					Fix: &codemod.Fix{Message: "use the exposed global", Edits: codemod.Removals(f.File, []codemod.Removal{{A: codemod.Attach(f.File, stmt)}})}})
				continue
			}
			p.Report(codemod.Diagnostic{Start: n.Start, End: n.End, Message: why + "; rename it"})
		}
	}
}

// exposedKeys are the keys the app's preloads expose or will expose after the migration.
func exposedKeys(facts *project.Facts) map[string]bool {
	keys := map[string]bool{}
	for _, pf := range facts.WithRole(project.Preload) {
		for _, kp := range exposure.PlanFor(facts, pf).Keys {
			if kp.Fix != nil {
				keys[kp.Key] = true
			}
		}
		for _, call := range pf.Root.Find("call_expression") {
			fn := syntax.Unwrap(call.Child("function"))
			if fn.Is("member_expression") && pf.Text(fn.Child("property")) == "exposeInMainWorld" {
				if args := codemod.CallArgsOf(call); len(args) > 0 {
					if k, ok := pf.StringValue(args[0]); ok {
						keys[k] = true
					}
				}
			}
		}
	}
	return keys
}

// restricts reports whether an escape keeps a generic member of a rewritten site (the finding is then the
// page's); for a site left as it is, ipc-passthrough's finding names the escape.
func (p *ipcPlan) restricts(e *project.Escape) bool {
	for _, s := range p.sites {
		if s.why != "" {
			continue
		}
		for _, x := range s.escapes {
			if x == e {
				return true
			}
		}
	}
	return false
}
