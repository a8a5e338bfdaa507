package codemod

import (
	"fmt"
	"strings"

	"github.com/isolate-dev/isolate/project"
)

// WindowAssign rewrites window.X = … in preloads into contextBridge.exposeInMainWorld('X', …).
var WindowAssign = Register(&Rule{
	ID:       "window-assign",
	Doc:      "a preload sets window.X (or global.X), which reaches the page only without context isolation",
	Severity: High,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/context-isolation#migration",
	Roles:    project.Preload,
	For:      ForMigrate | ForCheck,
	Run: func(p *Pass) {
		plan := planFor(p.Facts, p.File)
		for _, kp := range plan.keys {
			reportKey(p, plan, kp)
		}
		for _, fd := range plan.findings {
			if fd.rule == "window-assign" {
				reportFinding(p, fd)
			}
		}
	},
})

func reportKey(p *Pass, plan *preloadPlan, kp *keyPlan) {
	f := p.File
	if len(kp.targets) == 0 {
		// Only the non-isolated branch of a process.contextIsolated test: nothing to do.
		return
	}
	first := kp.targets[0]
	what := f.Text(first.keyNode)
	if kp.local != "" {
		p.Report(Diagnostic{Start: first.asg.Start, End: first.asg.End, Severity: Info, Message: fmt.Sprintf(
			"%s is set on the preload's own window: every window that loads this preload (%s) is isolated already, so the page never saw it and nothing changes; if page code expects %s, expose it with contextBridge.exposeInMainWorld", what, kp.local, what)})
		return
	}
	base := fmt.Sprintf("%s is set on the page's global, which works only without context isolation", what)
	if kp.fix != nil {
		msg := base + "; isolate migrate rewrites it as " + plan.bridge.expr + ".exposeInMainWorld(" + plan.st.q(kp.key) + ", …)"
		if kp.gathered > 0 {
			noun := "members"
			if kp.gathered == 1 {
				noun = "member"
			}
			_, members := split(kp)
			msg += fmt.Sprintf(", gathering the %d %s set one by one (lines %s) into one object", kp.gathered, noun, lines(f.File, members))
		}
		if first.kind == placeLoaded {
			msg += ", moved out of the process.once('loaded') callback"
		}
		if kp.isolatedBefore != "" {
			msg += "; every window that loads this preload (" + kp.isolatedBefore + ") is isolated already, so the page, whose code reads " + kp.key + ", never saw it until now: check the page works with the value it now gets"
		}
		if v := p.Facts.Electron; v.Known && (v.Major < 6 || (v.Major == 6 && v.Minor < 1)) {
			msg += fmt.Sprintf("; contextBridge arrived in Electron 6.1 and this app asks for %s (%s), so upgrade electron together with this change", v.Raw, v.Source)
		}
		p.Report(Diagnostic{Start: first.asg.Start, End: first.asg.End, Message: msg, Fix: kp.fix})
		return
	}
	var own, others []string
	for _, b := range kp.blockers {
		if b.rule == "window-assign" {
			own = append(own, b.msg)
		} else {
			others = append(others, fmt.Sprintf("%s at %s", b.rule, f.Pos(b.node.Start)))
		}
	}
	msg := base + "; not rewritten"
	if len(own) > 0 {
		msg += ": " + strings.Join(own, "; ")
	}
	if len(others) > 0 {
		msg += " (see " + strings.Join(dedupe(others), ", ") + ")"
	}
	at := first.asg
	for _, b := range kp.blockers {
		if b.rule == "window-assign" {
			at = b.node
			break
		}
	}
	p.Report(Diagnostic{Start: at.Start, End: at.End, Message: msg})
}

func reportFinding(p *Pass, fd finding) {
	p.Report(Diagnostic{Rule: fd.rule, Severity: fd.sev, Start: fd.node.Start, End: fd.node.End, Message: fd.msg})
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// findingRule is a rule that reports the plan's findings of its own ID in preloads.
func findingRule(r *Rule) *Rule {
	r.Roles = project.Preload
	r.Run = func(p *Pass) {
		for _, fd := range planFor(p.Facts, p.File).findings {
			if fd.rule == r.ID {
				reportFinding(p, fd)
			}
		}
	}
	return Register(r)
}

// ExposeNodeAPI reports Node and Electron APIs put on the page.
var ExposeNodeAPI = findingRule(&Rule{
	ID:       "expose-node-api",
	Doc:      "a preload puts ipcRenderer, the electron module, require, remote or a Node module on the page",
	Severity: High,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/security#20-do-not-expose-electron-apis-to-untrusted-web-content",
	For:      ForMigrate | ForCheck,
})

// BridgeValue reports values the context bridge does not carry as they are.
var BridgeValue = findingRule(&Rule{
	ID:       "bridge-value",
	Doc:      "a preload exposes a value the context bridge cannot carry as it is (class instance, class, Proxy, Symbol, getter, this, data changed later)",
	Severity: Medium,
	Ref:      "https://www.electronjs.org/docs/latest/api/context-bridge#parameter--error--return-type-support",
	For:      ForMigrate | ForCheck,
})

// LateExposure reports window assignments that run later than the preload's load or only under a condition.
var LateExposure = findingRule(&Rule{
	ID:       "late-exposure",
	Doc:      "a preload sets window.X in a listener, a function called later or under a condition, which exposeInMainWorld cannot reproduce",
	Severity: Medium,
	Ref:      "https://www.electronjs.org/docs/latest/api/context-bridge#contextbridgeexposeinmainworldapikey-api",
	For:      ForMigrate | ForCheck,
})

// PreloadPageGlobal reports preloads that override page built-ins or read page globals.
var PreloadPageGlobal = findingRule(&Rule{
	ID:       "preload-page-global",
	Doc:      "a preload overrides a page built-in or reads a global page scripts define, which stops working under context isolation",
	Severity: Medium,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/context-isolation",
	For:      ForMigrate | ForCheck,
})
