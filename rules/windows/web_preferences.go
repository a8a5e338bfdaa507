package windows

import (
	"fmt"
	"strings"
	"sync"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/exposure"
	"github.com/isolate-dev/isolate/rules/ipc"
	"github.com/isolate-dev/isolate/rules/knowledge"
	"github.com/isolate-dev/isolate/syntax"
)

// WebPreferences turns on context isolation, turns off Node integration and the remote module, and sandboxes
// windows whose preloads can run sandboxed.
var WebPreferences = codemod.Register(&codemod.Rule{
	ID:       "web-preferences",
	Doc:      "a window's webPreferences leave context isolation off, Node integration or the remote module on, or the sandbox off when its preload could run sandboxed",
	Severity: codemod.High,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/security#3-enable-context-isolation",
	Roles:    project.Main,
	For:      codemod.ForMigrate,
	Run: func(p *codemod.Pass) {
		if codemod.IsTestOrBroken(p.File) {
			return
		}
		done := map[*syntax.Node]bool{}
		for _, w := range p.Facts.Windows {
			if w.File != p.File.Path || len(w.Unfollowable) > 0 {
				continue
			}
			// Windows that share one options object get one rewrite.
			key := w.Options
			if key == nil {
				key = w.New
			}
			if done[key] {
				continue
			}
			done[key] = true
			if st := exposure.StateOf(p.Facts, w); st.Flips() && len(st.Blockers) > 0 {
				reportBlocked(p, w, st)
				continue
			}
			webPreferences(p, w)
		}
	},
})

// prefsChange is one change to a window's webPreferences, for the message.
type prefsChange struct {
	Text   string
	reason string
}

func webPreferences(p *codemod.Pass, w *project.Window) {
	f := p.File.File
	st := codemod.StyleOf(f)
	v := p.Facts.Electron
	prefs := w.WebPreferences
	spread := w.PrefsSpread != nil
	var edits []codemod.Edit
	var changes []prefsChange
	var add []codemod.Entry
	removed := map[*syntax.Node]bool{}

	member := func(key string) *syntax.Node { return project.PropertyMember(f, prefs, key) }
	literal := func(m *syntax.Node) string {
		if m == nil {
			return "absent"
		}
		val := syntax.Unwrap(project.Property(f, prefs, project.KeyName(f, m)))
		if val.Is("true", "false") {
			return val.Kind
		}
		return "computed"
	}
	set := func(m *syntax.Node, key, value string) {
		if m.Is("shorthand_property_identifier") {
			edits = append(edits, codemod.Edit{Path: f.Path, Start: m.Start, End: m.End, New: key + ": " + value})
		} else {
			val := m.Child("value")
			edits = append(edits, codemod.Edit{Path: f.Path, Start: val.Start, End: val.End, New: value})
		}
	}
	versionNote := func(since int, key, unsafe string) string {
		if spread {
			return "set explicitly after " + f.Text(w.PrefsSpread) + ", which could carry " + key + ": " + unsafe
		}
		if !v.Known {
			return "the Electron version is unknown, and before " + fmt.Sprint(since) + " it defaulted to " + unsafe
		}
		return fmt.Sprintf("Electron %d.x defaults it to %s", v.Major, unsafe)
	}
	addFor := func(since int) bool { return spread || !v.Known || v.Before(since) }

	// contextIsolation
	ci := member("contextIsolation")
	switch literal(ci) {
	case "true":
	case "absent":
		if addFor(knowledge.ContextIsolationOnSince) {
			add = append(add, codemod.Entry{Text: "contextIsolation: true"})
			changes = append(changes, prefsChange{"contextIsolation: true added", versionNote(knowledge.ContextIsolationOnSince, "contextIsolation", "false")})
		}
	default:
		set(ci, "contextIsolation", "true")
		changes = append(changes, prefsChange{"contextIsolation: " + codemod.Clip(f.Text(codemod.MemberValue(ci)), 30) + " → true", ""})
	}

	// nodeIntegration, and what it meant for the sandbox before the change.
	ni := member("nodeIntegration")
	legacyNode := false
	switch literal(ni) {
	case "false":
	case "absent":
		legacyNode = !v.Known || v.Before(knowledge.NodeIntegrationOffSince)
		if addFor(knowledge.NodeIntegrationOffSince) {
			add = append(add, codemod.Entry{Text: "nodeIntegration: false"})
			changes = append(changes, prefsChange{"nodeIntegration: false added", versionNote(knowledge.NodeIntegrationOffSince, "nodeIntegration", "true")})
		}
	default:
		legacyNode = true
		set(ni, "nodeIntegration", "false")
		changes = append(changes, prefsChange{"nodeIntegration: " + codemod.Clip(f.Text(codemod.MemberValue(ni)), 30) + " → false", ""})
	}

	// enableRemoteModule: every occurrence goes, unless the window's code still uses Electron's built-in remote
	// module (before Electron 14), which the key turns on.
	user := remoteUser(p.Facts, w)
	if member("enableRemoteModule") == nil && v.Known && v.Before(knowledge.RemoteOffSince) && user == "" {
		// Before Electron 10 the remote module is on unless the key says otherwise.
		add = append(add, codemod.Entry{Text: "enableRemoteModule: false"})
		changes = append(changes, prefsChange{"enableRemoteModule: false added", fmt.Sprintf("Electron %d turns the remote module on when the key is left out", v.Major)})
	}
	if prefs != nil {
		for _, m := range codemod.ObjectMembers(prefs) {
			if project.KeyName(f, m) != "enableRemoteModule" {
				continue
			}
			if literal(m) == "false" && v.Known && v.Before(knowledge.RemoteOffSince) {
				continue // the key is what turns the remote module off
			}
			if literal(m) != "false" && user != "" && !v.AtLeast(knowledge.RemoteRemovedSince) {
				changes = append(changes, prefsChange{"enableRemoteModule kept", user + " still uses Electron's remote module, which the key turns on: replace those uses with IPC (see renderer-node), then remove the key"})
				continue
			}
			removed[m] = true
			note := ""
			if v.AtLeast(knowledge.RemoteRemovedSince) {
				note = fmt.Sprintf("Electron %d has no remote module; the key does nothing", v.Major)
			}
			changes = append(changes, prefsChange{"enableRemoteModule removed", note})
		}
	}

	// sandbox
	sb := member("sandbox")
	sandboxing := exposure.WindowSandboxing(p.Facts, w)
	switch {
	case sandboxing.OK && user != "" && !v.AtLeast(knowledge.RemoteRemovedSince) && literal(sb) != "true":
		// The window's code uses the remote module, which isolate leaves to the user to replace: sandboxing
		// the window now would change more than the user can review in one step.
		changes = append(changes, prefsChange{"sandbox left as it is", user + " uses Electron's remote module (see renderer-node); sandbox the window once that is replaced with IPC"})
	case sandboxing.OK:
		switch literal(sb) {
		case "true":
		case "absent":
			if addFor(knowledge.SandboxOnByDefaultSince) {
				add = append(add, codemod.Entry{Text: "sandbox: true"})
				why := "every preload this window loads can run sandboxed"
				if w.PreloadExpr == nil {
					why = "the window has no preload"
				}
				changes = append(changes, prefsChange{"sandbox: true added", why})
			}
		default:
			set(sb, "sandbox", "true")
			why := "every preload this window loads can run sandboxed"
			if w.PreloadExpr == nil {
				why = "the window has no preload"
			}
			changes = append(changes, prefsChange{"sandbox: " + codemod.Clip(f.Text(codemod.MemberValue(sb)), 30) + " → true", why})
		}
	case literal(sb) == "absent":
		// Without nodeIntegration the window becomes sandboxed by default from Electron 20 on, and this preload
		// would stop working: keep it unsandboxed, explicitly, until it is bundled.
		sandboxedAfter := !v.Known || v.AtLeast(knowledge.SandboxOnByDefaultSince)
		if sandboxedAfter && (legacyNode || !v.Known) {
			add = append(add, codemod.Entry{Text: "sandbox: false"})
			why := "its preload cannot run sandboxed (see preload-not-sandboxable), and without nodeIntegration Electron 20 and later sandbox it by default"
			if sandboxing.Unknown != "" {
				why = sandboxing.Unknown + ", so it is kept unsandboxed; without nodeIntegration Electron 20 and later sandbox it by default"
			}
			changes = append(changes, prefsChange{"sandbox: false added", why})
		}
	}

	// A preload isolate creates for page code that used ipcRenderer itself (renderer-ipc).
	var extra []codemod.Edit
	if text, more, ipc := ipc.CreatedPreloadEntry(p.Facts, w); text != "" {
		for i := range changes {
			if changes[i].Text == "sandbox: true added" && w.PreloadExpr == nil {
				changes[i].reason = "the preload isolate creates requires nothing but electron"
			}
		}
		add = append(add, codemod.Entry{Text: text})
		why := "the page's ipcRenderer calls moved behind it (see renderer-ipc)"
		if !ipc {
			why = "it exposes the values of Node's process object the page reads (see renderer-node)"
		}
		changes = append(changes, prefsChange{"preload added", why})
		extra = more
	}
	if len(edits) == 0 && len(add) == 0 && len(removed) == 0 {
		return
	}
	edits = append(edits, prefsEdits(f, st, w, prefs, add, removed)...)
	edits = append(edits, extra...)
	var parts []string
	for _, c := range changes {
		if c.reason != "" {
			parts = append(parts, c.Text+" ("+c.reason+")")
		} else {
			parts = append(parts, c.Text)
		}
	}
	what := w.Constructor
	msg := fmt.Sprintf("%s options at line %d: %s", what, w.Line(p.Facts), strings.Join(parts, "; "))
	if w.PreloadHeuristic {
		msg += "; its preload was found by a heuristic: " + w.PreloadWhy
	}
	if pending := pendingExposures(p.Facts, w); pending > 0 {
		msg += fmt.Sprintf("; its preload still sets %d value(s) on window that could not be rewritten (see window-assign): the page will not see them until they are moved to contextBridge by hand", pending)
	}
	if st := exposure.StateOf(p.Facts, w); st.NodeBefore {
		if n := nodeUsingPageFiles(p.Facts, w); n == 1 {
			msg += "; 1 file of page code still uses Node (see renderer-node): the window will not work until that code is moved behind the preload"
		} else if n > 1 {
			msg += fmt.Sprintf("; %d files of page code still use Node (see renderer-node): the window will not work until that code is moved behind the preload", n)
		}
	}
	envFlags(p, w)
	p.Report(codemod.Diagnostic{Start: w.New.Start, End: w.New.End, Message: msg, Fix: &codemod.Fix{Message: "make the window's webPreferences safe", Edits: edits}})
}

// pendingExposures counts the keys the window's preload sets on window that the migration leaves in place.
func pendingExposures(facts *project.Facts, w *project.Window) int {
	pf := facts.Files[w.Preload]
	if pf == nil {
		return 0
	}
	n := 0
	for _, kp := range exposure.PlanFor(facts, pf).Keys {
		if kp.Fix == nil && len(kp.Targets) > 0 && kp.Local == "" {
			n++
		}
	}
	return n
}

// prefsEdits adds and removes keys of the webPreferences literal; without one it adds webPreferences to the
// options, and without options it adds the options argument.
func prefsEdits(f *syntax.File, st codemod.Style, w *project.Window, prefs *syntax.Node, add []codemod.Entry, removed map[*syntax.Node]bool) []codemod.Edit {
	var edits []codemod.Edit
	if prefs != nil {
		var kept []*syntax.Node
		for _, m := range codemod.ObjectMembers(prefs) {
			if !removed[m] {
				kept = append(kept, m)
			}
		}
		if len(kept) == 0 && len(removed) > 0 {
			// Every member goes: write the body anew.
			closing := prefs.Children[len(prefs.Children)-1]
			if len(add) == 0 {
				return []codemod.Edit{{Path: f.Path, Start: prefs.Start + 1, End: closing.Start, New: ""}}
			}
			base := f.IndentAt(prefs.Start)
			if f.Pos(prefs.Start).Line == f.Pos(closing.Start).Line {
				return []codemod.Edit{{Path: f.Path, Start: prefs.Start + 1, End: closing.Start, New: " " + codemod.JoinEntries(add) + " "}}
			}
			return []codemod.Edit{{Path: f.Path, Start: prefs.Start + 1, End: closing.Start, New: codemod.MultilineBody(st, add, base+st.Indent, st.TrailingComma) + st.EOL + base}}
		}
		// New keys take the place of the last removed one (after any spread, since a flag before a spread
		// would have made the options unfollowable), or go after the last member.
		var lastRemoved *syntax.Node
		for _, m := range codemod.ObjectMembers(prefs) {
			if removed[m] {
				lastRemoved = m
			}
		}
		for m := range removed {
			if m == lastRemoved && len(add) > 0 {
				edits = append(edits, replaceMember(f, st, m, add))
				continue
			}
			edits = append(edits, codemod.RemoveMember(f, m)...)
		}
		if lastRemoved == nil && len(add) > 0 {
			base := f.IndentAt(prefs.Start)
			edits = append(edits, codemod.InsertMembers(f, st, prefs, add, base, base, base)...)
		}
		return edits
	}
	if len(add) == 0 {
		return nil
	}
	if w.Options != nil {
		opts := w.Options
		closing := opts.Children[len(opts.Children)-1]
		ms := codemod.ObjectMembers(opts)
		multiline := f.Pos(opts.Start).Line != f.Pos(closing.Start).Line
		var value string
		if multiline {
			indent := f.IndentAt(opts.Start) + st.Indent
			if len(ms) > 0 {
				indent = f.IndentAt(ms[len(ms)-1].Start)
			}
			value = "{" + codemod.MultilineBody(st, add, indent+st.Indent, st.TrailingComma) + st.EOL + indent + "}"
		} else {
			value = "{ " + codemod.JoinEntries(add) + " }"
		}
		base := f.IndentAt(opts.Start)
		return codemod.InsertMembers(f, st, opts, []codemod.Entry{{Text: "webPreferences: " + value}}, base, base, base)
	}
	arg := "{ webPreferences: { " + codemod.JoinEntries(add) + " } }"
	if args := w.New.Child("arguments"); args != nil {
		return []codemod.Edit{{Path: f.Path, Start: args.Start + 1, End: args.End - 1, New: arg}}
	}
	return []codemod.Edit{{Path: f.Path, Start: w.New.End, End: w.New.End, New: "(" + arg + ")"}}
}

// replaceMember puts entries where member m is: on its own lines when m is alone on its line (a comment after it
// goes with it), inline otherwise.
func replaceMember(f *syntax.File, st codemod.Style, m *syntax.Node, add []codemod.Entry) codemod.Edit {
	end := m.End
	next := m.NextSibling()
	hasComma := next != nil && next.Kind == ","
	if hasComma {
		end = next.End
	}
	if after := codemod.NextNode(m, end); after != nil && after.Kind == "comment" && f.Pos(after.Start).Line == f.Pos(m.End).Line {
		end = after.End
	}
	from, to, alone := codemod.LineBounds(f, m.Start, end)
	if !alone {
		return codemod.Edit{Path: f.Path, Start: m.Start, End: m.End, New: codemod.JoinEntries(add)}
	}
	indent := f.IndentAt(m.Start)
	body := codemod.MultilineBody(st, add, indent, hasComma)
	// multilineBody starts each entry with a line ending; here the first goes where the old line started.
	body = strings.TrimPrefix(body, st.EOL) + st.EOL
	if to == len(f.Src) && (to == 0 || f.Src[to-1] != '\n') {
		body = strings.TrimSuffix(body, st.EOL)
	}
	return codemod.Edit{Path: f.Path, Start: from, End: to, New: body}
}

// OptionsUnfollowable reports windows whose options isolate cannot read with certainty.
var OptionsUnfollowable = codemod.Register(&codemod.Rule{
	ID:       "options-unfollowable",
	Doc:      "a window's options are built in a way isolate cannot follow (spreads, merges, parameters, lookups, flags set afterwards)",
	Severity: codemod.Medium,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/security#3-enable-context-isolation",
	Roles:    project.Main,
	For:      codemod.ForMigrate | codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		if p.File.Role.Has(project.Test) {
			return
		}
		seen := map[*syntax.Node]bool{}
		for _, w := range p.Facts.Windows {
			if w.File != p.File.Path {
				continue
			}
			for _, u := range w.Unfollowable {
				if seen[u.Node] {
					continue
				}
				seen[u.Node] = true
				p.Report(codemod.Diagnostic{Start: u.Node.Start, End: u.Node.End, Message: fmt.Sprintf(
					"%s, so isolate cannot tell whether the %s at line %d ends up with contextIsolation: true, nodeIntegration: false and sandbox: true, and leaves its options alone; write those three keys where the final options are built (last, after any spread), then run isolate again",
					u.Why, w.Constructor, w.Line(p.Facts))})
			}
		}
	},
})

// remoteUser names a file of the window's code (its preload and the modules it requires, and the code of its own
// pages, or of every page when isolate does not know which pages it loads) that uses Electron's built-in remote
// module, or returns "".
func remoteUser(facts *project.Facts, w *project.Window) string {
	var files []*project.File
	if pf := facts.Files[w.Preload]; pf != nil {
		files = append(files, exposure.PreloadClosure(facts, pf)...)
	}
	if own := exposure.WindowPageCode(facts, w); own != nil {
		files = append(files, own.Files...)
	} else {
		files = append(files, facts.WithRole(project.Renderer)...)
	}
	for _, pf := range files {
		if pf.Role.Has(project.Test) {
			continue
		}
		if n, ok := project.ElectronNames(pf)["remote"]; ok {
			return pf.Path + " (" + pf.Pos(n.Start).String() + ")"
		}
	}
	return ""
}

// reportBlocked reports a window isolate leaves unchanged because it could not read code the change depends on.
func reportBlocked(p *codemod.Pass, w *project.Window, st exposure.WindowState) {
	var would []string
	if !st.IsolatedBefore {
		would = append(would, "turn contextIsolation on")
	}
	if st.NodeBefore {
		would = append(would, "turn nodeIntegration off")
	}
	msg := fmt.Sprintf("%s options at line %d left unchanged: isolate would %s, but %s; to migrate it, %s, then run isolate again",
		w.Constructor, w.Line(p.Facts), strings.Join(would, " and "), strings.Join(codemod.Dedupe(st.Blockers), "; "),
		strings.Join(codemod.Dedupe(st.Todo), "; "))
	p.Report(codemod.Diagnostic{Start: w.New.Start, End: w.New.End, Severity: codemod.High, Message: msg})
}

// nodeUsingPageFiles counts the files of a window's page code (its own pages' when isolate knows which pages it
// loads, else every page's) where renderer-node finds Node use the page loses.
func nodeUsingPageFiles(facts *project.Facts, w *project.Window) int {
	using := codemod.Cached(&nodePageCache, facts, func() map[*project.File]bool {
		out := map[*project.File]bool{}
		for _, pf := range facts.WithRole(project.Renderer) {
			if pf.Role&(project.Test|project.Preload) != 0 || codemod.CreatesWindows(facts, pf) {
				continue
			}
			bundled := exposure.UsesESM(pf) || !strings.HasPrefix(pf.Why, "loaded by ")
			for _, d := range PageNodeUses(pf, pf.Scopes(), bundled) {
				if ipc.MovedBehindBridge(facts, pf.Path, nodeSpanning(pf.Root, d.Start, d.End)) {
					continue // renderer-ipc moves it behind the bridge
				}
				if d.Severity == 0 || d.Severity == codemod.High {
					out[pf] = true
					break
				}
			}
		}
		return out
	})
	if own := exposure.WindowPageCode(facts, w); own != nil {
		n := 0
		for _, pf := range own.Files {
			if using[pf] {
				n++
			}
		}
		return n
	}
	return len(using)
}

var nodePageCache sync.Map // weak.Pointer[project.Facts] → map[*project.File]bool

// envFlags reports the safety flags a window computed from the environment (nodeIntegration:
// process.env.NODE_ENV === 'test'), which web-preferences replaces with one value for every mode: the mode that
// needed the other value (end-to-end tests driving the page through Node, say) changes too.
func envFlags(p *codemod.Pass, w *project.Window) {
	f := p.File.File
	for _, key := range []string{"contextIsolation", "nodeIntegration"} {
		m := project.PropertyMember(f, w.WebPreferences, key)
		if m == nil || !m.Is("pair") {
			continue
		}
		val := m.Child("value")
		if !strings.Contains(f.Text(val), "process.env") && !strings.Contains(f.Text(val), "import.meta.env") {
			continue
		}
		p.Report(codemod.Diagnostic{Start: m.Start, End: m.End, Severity: codemod.Medium, Message: fmt.Sprintf(
			"%s was computed from the environment (%s) and is now the same in every mode: the mode that set it the other way (tests that drive the page through Node, a development mode) now runs with it too; make that mode work through the preload's API, or give it its own window options, and check it still runs", key, codemod.Clip(f.Text(val), 50))})
	}
}
