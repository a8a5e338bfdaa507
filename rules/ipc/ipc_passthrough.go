package ipc

import (
	"fmt"
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/exposure"
)

// IPCPassthrough replaces the generic IPC members a preload exposes (send(channel, …), invoke(channel, …),
// on/receive(channel, fn), the whole ipcRenderer) with one method per channel the page uses. In isolate check it
// reports them.
var IPCPassthrough = codemod.Register(&codemod.Rule{
	ID:       "ipc-passthrough",
	Doc:      "the bridge lets page code choose the IPC channel (a generic send/invoke/on passthrough, or the whole ipcRenderer)",
	Severity: codemod.High,
	Ref:      "https://www.electronjs.org/docs/latest/api/context-bridge#exposing-ipcrenderer",
	Roles:    project.Preload,
	For:      codemod.ForMigrate | codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		plan := ipcPlanFor(p.Facts)
		for _, s := range plan.sites {
			if s.File == p.File {
				reportSite(p, plan, s)
			}
		}
	},
})

func reportSite(p *codemod.Pass, plan *ipcPlan, s *ipcSite) {
	f := s.File
	what := describeSite(s)
	sev := codemod.High
	guarded := true
	for _, pt := range s.pts {
		if !pt.HasAllowlist {
			guarded = false
		}
	}
	if guarded && !s.whole {
		sev = codemod.Low
		what += " (behind an allowlist check; one method per message makes the API explicit and typed)"
	}
	at := s.node
	if pt := s.pts[0]; pt.Call != nil {
		// Where the page's channel reaches ipcRenderer.
		at = pt.Call
	}
	if s.why != "" && s.whole {
		// expose-node-api reports the whole ipcRenderer put on the page; one finding is enough.
		return
	}
	if s.why != "" {
		p.Report(codemod.Diagnostic{Severity: sev, Start: at.Start, End: at.End,
			Message: what + "; isolate migrate cannot rewrite it: " + s.why + "; expose one method per message instead (saveFile: (data) => ipcRenderer.invoke('save-file', data), onFileSaved: (callback) => … returning its unsubscribe function)"})
		return
	}
	fix, blocker := plan.fixOf(s)
	if len(s.msgs) == 0 && !s.whole {
		unchanged := true
		for _, pt := range s.pts {
			if !s.generic[pt] || !pt.HasAllowlist {
				unchanged = false
			}
		}
		if unchanged {
			// What a migration left: a generic member restricted to an explicit list, for calls it could not
			// follow. Nothing more to rewrite.
			fix = nil
		}
	}
	var b strings.Builder
	b.WriteString(what)
	if len(s.msgs) > 0 {
		fmt.Fprintf(&b, "; isolate migrate replaces it with one method per channel (%s)", s.methodsOf())
		if n := len(s.uses); n > 0 {
			fmt.Fprintf(&b, ", and the %d page call(s) in %s follow", n, strings.Join(pageFiles(s), ", "))
		}
	}
	var kept []string
	for _, pt := range s.pts {
		if s.generic[pt] {
			kept = append(kept, pt.Path[len(pt.Path)-1])
		}
	}
	var keptMsg string
	if len(kept) > 0 {
		reasons := keptReasons(plan, s)
		var pats []string
		for _, pt := range s.pts {
			for _, re := range s.patterns[pt] {
				pats = append(pats, "/"+re+"/")
			}
		}
		also := ""
		if len(pats) > 0 {
			also = " and to channels matching " + strings.Join(pats, ", ") + " (built at run time by page calls)"
		}
		keptMsg = fmt.Sprintf("stays generic, restricted to an explicit list of the channels the app knows%s, because %s",
			also, strings.Join(reasons, "; "))
		fmt.Fprintf(&b, "; %s stays generic for what isolate could not follow, restricted to an explicit list of the channels the app knows (reported apart)", strings.Join(kept, ", "))
	}
	for _, c := range s.collisions {
		var renamed []string
		for _, ch := range codemod.SortedKeys(c.Renamed) {
			renamed = append(renamed, fmt.Sprintf("'%s' → %s", ch, c.Renamed[ch]))
		}
		if len(renamed) > 0 {
			fmt.Fprintf(&b, "; channels %s all derive %s, so %s", strings.Join(codemod.QuoteAll(c.Channels), ", "), c.Method, strings.Join(renamed, ", "))
		} else {
			fmt.Fprintf(&b, "; %s is also the name of another member, so the channel's method is renamed", c.Method)
		}
	}
	d := codemod.Diagnostic{Severity: sev, Start: at.Start, End: at.End, Fix: fix}
	if blocker != "" {
		b.WriteString("; isolate migrate cannot rewrite it: " + blocker)
		d.Fix = nil
	}
	d.Message = b.String()
	if d.Fix != nil || len(kept) == 0 {
		p.Report(d)
	}
	if len(kept) > 0 {
		// What stays generic is a finding of its own, left to fix by hand.
		names := make([]string, len(kept))
		for i, k := range kept {
			names[i] = s.pts[0].Key + "." + k
			if len(s.pts[0].Path) > 1 {
				names[i] = s.pts[0].Key + "." + strings.Join(s.pts[0].Path[:len(s.pts[0].Path)-1], ".") + "." + k
			}
		}
		p.Report(codemod.Diagnostic{Severity: codemod.Low, Start: at.Start, End: at.End, Message: strings.Join(names, ", ") + " " + keptMsg +
			"; call per-channel methods from those places, then run isolate again"})
	}
	for _, m := range s.msgs {
		if m.op == "sendSync" {
			p.Report(codemod.Diagnostic{Severity: codemod.Info, Start: at.Start, End: at.End, Message: fmt.Sprintf(
				"%s keeps sendSync's synchronous semantics for '%s', which blocks the page until main answers; prefer %s: () => %s.invoke(%s) with ipcMain.handle in main, and await it in the page",
				m.Method, m.Channel, m.Method, s.ipc, codemod.StyleOf(f.File).Quote(m.Channel))})
		}
	}
}

// describeSite says what is wrong with a site, for check and migrate alike.
func describeSite(s *ipcSite) string {
	pt := s.pts[0]
	if s.whole {
		name := pt.Key
		if len(pt.Path) > 1 {
			name += "." + strings.Join(pt.Path[:len(pt.Path)-1], ".")
		}
		return fmt.Sprintf("window.%s is the whole ipcRenderer: any script in the page can send any message and listen on any channel (and since Electron 29 it arrives on the page as an empty object)", name)
	}
	if pt.Method == "*" {
		return fmt.Sprintf("window.%s lets any script in the page use any IPC channel: %s", pt.Name(), pt.Why)
	}
	switch opOf(pt.Method) {
	case "on", "once":
		return fmt.Sprintf("%s lets the page listen on any channel it names (ipcRenderer.%s)", pt.Name(), pt.Method)
	case "":
		return fmt.Sprintf("%s lets the page remove listeners from any channel, and never worked across the bridge (the page's function is proxied, so it is never the one registered)", pt.Name())
	}
	return fmt.Sprintf("%s lets any script in the page send any message the main process handles (ipcRenderer.%s with a page-chosen channel)", pt.Name(), pt.Method)
}

func pageFiles(s *ipcSite) []string {
	set := map[string]bool{}
	for _, c := range s.uses {
		set[c.use.File] = true
	}
	return codemod.SortedKeys(set)
}

// keptReasons says why generic members stay.
func keptReasons(plan *ipcPlan, s *ipcSite) []string {
	var out []string
	for _, b := range s.blocked {
		out = append(out, fmt.Sprintf("the call at %s:%s cannot follow (%s)", b.use.File, posOf(plan.Facts, b.use.File, b.use.Call.Start), b.why))
	}
	for _, e := range s.escapes {
		out = append(out, fmt.Sprintf("at %s:%s %s is %s, so calls through it cannot be followed", e.File, posOf(plan.Facts, e.File, e.Node.Start), strings.Join(append([]string{e.Key}, e.Path...), "."), e.Why))
	}
	for _, r := range plan.removals {
		if r.why != "" && r.use.Via != nil && contains(s.pts, r.use.Via) {
			out = append(out, fmt.Sprintf("the removal at %s:%s cannot become an unsubscribe call (%s)", r.use.File, posOf(plan.Facts, r.use.File, r.use.Call.Start), r.why))
		}
	}
	if len(out) == 0 {
		out = append(out, "no page call through it could be found")
	}
	if len(out) > 4 {
		out = append(out[:4], fmt.Sprintf("%d more", len(out)-4))
	}
	return out
}

func contains(pts []*project.Passthrough, pt *project.Passthrough) bool {
	for _, x := range pts {
		if x == pt {
			return true
		}
	}
	return false
}

func posOf(facts *project.Facts, path string, off int) string {
	if f := facts.Files[path]; f != nil {
		return f.Pos(off).String()
	}
	if pg := facts.Pages[path]; pg != nil && pg.Inline != nil {
		return pg.Inline.Pos(off).String()
	}
	return "?"
}

// fixOf is the whole fix of a site: its preload member (or window-assign's rewrite of the object, which writes
// the member when it moves it), every page call that follows, and the listener removals that become
// unsubscribe calls. blocker says why there is none.
func (p *ipcPlan) fixOf(s *ipcSite) (*codemod.Fix, string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if s.Fix != nil || s.blocker != "" {
		return s.Fix, s.blocker
	}
	s.Fix, s.blocker = p.computeFix(s)
	return s.Fix, s.blocker
}

func (p *ipcPlan) computeFix(s *ipcSite) (*codemod.Fix, string) {
	var edits []codemod.Edit
	moved := s.node.Is("assignment_expression")
	var kpFix *codemod.Fix
	for _, kp := range exposure.PlanFor(p.Facts, s.File).Keys {
		if kp.Fix == nil {
			for _, t := range kp.Targets {
				if t.Asg == s.node || t.Asg.Contains(s.node) && t.Stmt != nil && moved {
					return nil, "window-assign does not rewrite " + kp.Key + " (see its finding), and the methods are written as part of that rewrite"
				}
			}
			continue
		}
		for _, e := range kp.Fix.Edits {
			if e.Path == s.File.Path && e.Start < s.node.End && s.node.Start < e.End {
				moved, kpFix = true, kp.Fix
			}
		}
	}
	if moved {
		if kpFix == nil {
			return nil, "the object is not rewritten by window-assign"
		}
		edits = append(edits, kpFix.Edits...)
	} else {
		edits = append(edits, s.Edits...)
	}
	for _, c := range s.uses {
		edits = append(edits, c.Edits...)
	}
	for _, r := range p.removals {
		if r.why == "" && contains(s.pts, r.use.Via) {
			edits = append(edits, r.Edits...)
		}
	}
	edits = append(edits, p.extra[s]...)
	edits = append(edits, p.keyTypings(s)...)
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Path != edits[j].Path {
			return edits[i].Path < edits[j].Path
		}
		return edits[i].Start < edits[j].Start
	})
	return &codemod.Fix{Message: "replace " + describeName(s) + " with one method per channel", Edits: edits}, ""
}

func describeName(s *ipcSite) string {
	if s.whole {
		return "the whole ipcRenderer"
	}
	return s.pts[0].Name()
}
