package migrate

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/consistency"
	"github.com/isolate-dev/isolate/syntax"
)

// consistencyCheck runs the consistency pass (codemod.Consistency) on the app as the plan would leave it, before
// anything is written, and holds back the windows whose rewrite would break it: every fix of the window's group
// (its options, its preloads, its page code, and the windows sharing its preloads) leaves the plan, and a high
// finding says why. What the app had broken before the rewrite is not the rewrite's doing and holds nothing back.
type consistencyCheck struct {
	facts *project.Facts
	diags []codemod.Diagnostic
	// typeUsers are the files outside the facts that name a bridge type; the rewrite never edits them.
	typeUsers []*project.File
	// known are the keys of the breaks the app has as it is.
	known map[string]bool
	// reasons are the findings for the windows held back, reported once each; heldWindows says which windows
	// ("file:line") each one held back.
	reasons     []Diagnostic
	heldWindows [][]string
	reported    map[string]bool
}

func newConsistencyCheck(facts *project.Facts, diags []codemod.Diagnostic) *consistencyCheck {
	c := &consistencyCheck{facts: facts, diags: diags, known: map[string]bool{}, reported: map[string]bool{},
		typeUsers: consistency.TypeUsers(facts)}
	for _, b := range consistency.Consistency(facts, facts, c.typeUsers) {
		c.known[b.Key] = true
	}
	return c
}

// holdBack checks the app the results make and takes the fixes of the windows it breaks out of live. It reports
// whether it took any, so the plan is computed again without them.
func (c *consistencyCheck) holdBack(results map[string]*fileResult, live map[int]bool) bool {
	contents := map[string][]byte{}
	for path, r := range results {
		if r.problem == nil && (r.created || !bytes.Equal(r.old, r.new)) {
			contents[path] = r.new
		}
	}
	if len(contents) == 0 {
		return false
	}
	after := c.facts.Rewritten(contents)
	took := false
	for _, b := range consistency.Consistency(c.facts, after, c.typeUsers) {
		if c.known[b.Key] {
			continue
		}
		var where, held []string // the windows left as they were; the other files whose changes are held back
		n := 0
		resolved := false
		for _, aw := range b.Windows {
			bw := consistency.SameWindow(c.facts, after, aw)
			if bw == nil {
				continue
			}
			resolved = true
			windows, files := consistency.WindowGroup(c.facts, bw)
			for _, w := range windows {
				where = append(where, fmt.Sprintf("%s:%d", w.File, w.Line(c.facts)))
			}
			for i := range live {
				if c.inGroup(i, windows, files) {
					delete(live, i)
					n++
				}
			}
		}
		// The files the break names besides the windows' (a preload no window is tied to), or, for a break tied
		// to nothing else, the file it shows in.
		files := append([]string{}, b.Files...)
		if !resolved && len(files) == 0 {
			files = append(files, b.Path)
		}
		for _, path := range files {
			dropped := 0
			for i := range live {
				for _, e := range c.diags[i].Fix.Edits {
					if e.Path == path {
						delete(live, i)
						dropped++
						break
					}
				}
			}
			if dropped > 0 {
				held = append(held, path)
				n += dropped
			}
		}
		took = took || n > 0
		if !c.reported[b.Key] {
			c.reported[b.Key] = true
			c.reasons = append(c.reasons, c.reason(b, results, where, held))
			c.heldWindows = append(c.heldWindows, where)
		}
	}
	return took
}

// inGroup reports whether fix i belongs to the group of the windows: it edits one of the files, or a window's own
// options in the file that makes it.
func (c *consistencyCheck) inGroup(i int, windows []*project.Window, files map[string]bool) bool {
	for _, e := range c.diags[i].Fix.Edits {
		if files[e.Path] {
			return true
		}
		for _, w := range windows {
			if e.Path != w.File {
				continue
			}
			for _, n := range []*syntax.Node{w.New, w.Options, w.WebPreferences, w.PreloadExpr} {
				if n != nil && e.Start <= n.End && e.End >= n.Start {
					return true
				}
			}
		}
	}
	return false
}

// reason is the finding that says why the windows are left as they were, placed in the file as it is on disk.
func (c *consistencyCheck) reason(b consistency.Break, results map[string]*fileResult, windows, files []string) Diagnostic {
	start, end := b.Start, b.End
	if r := results[b.Path]; r != nil && r.problem == nil {
		start, end = originalOffset(r.edits, start), originalOffset(r.edits, end)
	}
	d := codemod.Diagnostic{Rule: consistency.StillWorksRule, Severity: codemod.High, Path: b.Path, Start: start, End: max(start, end)}
	if f := c.facts.Files[b.Path]; f != nil {
		d.Pos = f.Pos(start)
	} else if pg := c.facts.Pages[b.Path]; pg != nil {
		d.Pos = syntax.PositionIn(pg.Src, nil, start)
	}
	sort.Strings(windows)
	windows = dedupe(windows)
	sort.Strings(files)
	files = dedupe(files)
	var left []string
	switch {
	case len(windows) == 1:
		left = append(left, "the window at "+windows[0]+" is left as it was")
	case len(windows) > 1:
		left = append(left, "the windows at "+strings.Join(windows, ", ")+" are left as they were")
	}
	if len(files) > 0 {
		left = append(left, "the changes to "+strings.Join(files, ", ")+" are held back")
	}
	d.Message = b.Message + " (" + strings.Join(left, "; ") + ": the rewrite would break the app)"
	return Diagnostic{Diagnostic: d}
}

// originalOffset maps an offset of a rewritten file back to the file before the edits: a place inside an edit's
// new text maps to where the edit starts.
func originalOffset(edits []codemod.Edit, off int) int {
	delta := 0
	for _, e := range edits {
		newStart := e.Start + delta
		if off < newStart {
			break
		}
		if off < newStart+len(e.New) {
			return e.Start
		}
		delta += len(e.New) - (e.End - e.Start)
	}
	return off - delta
}

func dedupe(sorted []string) []string {
	var out []string
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// WindowOutcome says what the plan does with one window.
type WindowOutcome struct {
	File string `json:"file"`
	Line int    `json:"line"`
	// Migrated is true when the plan changes the window's options; false leaves it as it was.
	Migrated bool `json:"migrated"`
	// Reasons say why a window is left as it was: the high findings that block a change of its options, and the
	// breaks its rewrite would cause.
	Reasons []string `json:"reasons,omitempty"`
}

// windowOutcomes says, per window, whether the plan migrates it or leaves it as it was, and why.
func (c *consistencyCheck) windowOutcomes(p *Plan) []WindowOutcome {
	var out []WindowOutcome
	for _, w := range c.facts.Windows {
		o := WindowOutcome{File: w.File, Line: w.Line(c.facts)}
		at := fmt.Sprintf("%s:%d", w.File, o.Line)
		inOptions := func(path string, start, end int) bool {
			if path != w.File {
				return false
			}
			for _, n := range []*syntax.Node{w.New, w.Options, w.WebPreferences} {
				if n != nil && start <= n.End && end >= n.Start {
					return true
				}
			}
			return false
		}
		for i, d := range p.Diagnostics {
			if i >= len(c.diags) {
				break
			}
			if d.Fix != nil && d.Fixed {
				for _, e := range d.Fix.Edits {
					if inOptions(e.Path, e.Start, e.End) {
						o.Migrated = true
					}
				}
			} else if d.Fix == nil && d.Severity >= codemod.High && inOptions(d.Path, d.Start, d.End) {
				o.Reasons = append(o.Reasons, d.Message)
			}
		}
		for i, ws := range c.heldWindows {
			for _, x := range ws {
				if x == at {
					o.Reasons = append(o.Reasons, c.reasons[i].Message)
					break
				}
			}
		}
		if o.Migrated {
			o.Reasons = nil
		}
		out = append(out, o)
	}
	return out
}
