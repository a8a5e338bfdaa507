package codemod

import (
	"fmt"
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/project"
)

// RendererCalls rewrites page calls through a generic bridge member to the per-channel methods ipc-passthrough
// gives the preload (window.api.send('save-file', data) → window.api.saveFile(data)), including calls through
// aliases and destructured names, and turns removeListener calls, which never worked across the bridge, into
// calls of the unsubscribe function the new method returns. What it cannot follow it reports.
var RendererCalls = Register(&Rule{
	ID:       "renderer-calls",
	Doc:      "page code calls a generic IPC bridge member with a channel name",
	Severity: Medium,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/context-isolation#security-considerations",
	Roles:    project.Renderer,
	For:      ForMigrate | ForCheck,
	Run: func(p *Pass) {
		if p.File.Role.Has(project.Preload) {
			return
		}
		plan := ipcPlanFor(p.Facts)
		reportPageCalls(p, plan, p.File.Path)
	},
	RunProject: func(p *ProjectPass) {
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
			p.Report(Diagnostic{Path: pg.Path, Start: b.use.Call.Start, End: b.use.Call.End, Pos: pg.Inline.Pos(b.use.Call.Start),
				Message: blockedMessage(b)})
		}
		for _, e := range p.Facts.Channels.Escapes {
			if pg := p.Facts.Pages[e.File]; pg != nil && pg.Inline != nil {
				if _, parsed := p.Facts.Files[e.File]; !parsed {
					p.Report(Diagnostic{Path: pg.Path, Start: e.Node.Start, End: e.Node.End, Pos: pg.Inline.Pos(e.Node.Start),
						Message: escapeMessage(e)})
				}
			}
		}
	},
})

func reportPageCalls(p *Pass, plan *ipcPlan, path string) {
	f := p.File
	// The calls rewritten in this file, grouped into one finding whose fix is every site's they belong to.
	if calls := plan.pageUses[path]; len(calls) > 0 {
		var edits []Edit
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
			len(calls), strings.Join(sortedKeys(methods), ", "))
		d := Diagnostic{Start: first.Start, End: first.End, Message: msg}
		if len(blockers) == 0 {
			d.Fix = &Fix{Message: "call the per-channel methods", Edits: edits}
		} else {
			d.Message = fmt.Sprintf("%d call(s) choose an IPC channel by name through a generic bridge member; not rewritten: %s", len(calls), strings.Join(blockers, "; "))
		}
		p.Report(d)
	}
	for _, b := range plan.pageBlocked {
		if b.use.File == path {
			p.Report(Diagnostic{Start: b.use.Call.Start, End: b.use.Call.End, Message: blockedMessage(b)})
		}
	}
	for _, r := range plan.removals {
		if r.use.File != path {
			continue
		}
		if r.why != "" {
			p.Report(Diagnostic{Start: r.use.Call.Start, End: r.use.Call.End, Message: fmt.Sprintf(
				"%s through the bridge never removes anything (the page's listener is proxied, so it is never the one registered); not rewritten: %s",
				r.use.Via.Name(), r.why)})
		}
	}
	for _, e := range plan.facts.Channels.Escapes {
		if e.File == path {
			p.Report(Diagnostic{Start: e.Node.Start, End: e.Node.End, Message: escapeMessage(e)})
		}
	}
	_ = f
}

func blockedMessage(b blockedUse) string {
	return fmt.Sprintf("this call through %s stays on the generic member, which now accepts only an explicit list of channels: %s; call a per-channel method instead (add one to the preload if the channel has none)",
		b.use.Via.Name(), b.why)
}

func escapeMessage(e *project.Escape) string {
	return fmt.Sprintf("%s is %s, so isolate cannot see the IPC calls made through it; its generic members stay, restricted to the channels the app knows; call the per-channel methods instead",
		strings.Join(append([]string{e.Key}, e.Path...), "."), e.Why)
}

var _ = sort.Strings
