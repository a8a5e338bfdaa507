package exposure

import (
	"fmt"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
)

// WindowAssign rewrites window.X = … in preloads into contextBridge.exposeInMainWorld('X', …).
var WindowAssign = codemod.Register(&codemod.Rule{
	ID:       "window-assign",
	Doc:      "a preload sets window.X (or global.X), which reaches the page only without context isolation",
	Severity: codemod.High,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/context-isolation#migration",
	Roles:    project.Preload,
	For:      codemod.ForMigrate | codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		plan := PlanFor(p.Facts, p.File)
		for _, kp := range plan.Keys {
			reportKey(p, plan, kp)
		}
		for _, fd := range plan.findings {
			if fd.rule == "window-assign" {
				reportFinding(p, fd)
			}
		}
	},
})

func reportKey(p *codemod.Pass, plan *PreloadPlan, kp *keyPlan) {
	f := p.File
	if len(kp.Targets) == 0 {
		// Only the non-isolated branch of a process.contextIsolated test: nothing to do.
		return
	}
	first := kp.Targets[0]
	what := f.Text(first.keyNode)
	if kp.Local != "" {
		p.Report(codemod.Diagnostic{Start: first.Asg.Start, End: first.Asg.End, Severity: codemod.Info, Message: fmt.Sprintf(
			"%s is set on the preload's own window: every window that loads this preload (%s) is isolated already, so the page never saw it and nothing changes; if page code expects %s, expose it with contextBridge.exposeInMainWorld", what, kp.Local, what)})
		return
	}
	base := fmt.Sprintf("%s is set on the page's global, which works only without context isolation", what)
	if kp.Fix != nil {
		msg := base + "; isolate migrate rewrites it as " + plan.Bridge.Expr + ".exposeInMainWorld(" + plan.Style.Quote(kp.Key) + ", …)"
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
		if kp.IsolatedBefore != "" {
			msg += "; every window that loads this preload (" + kp.IsolatedBefore + ") is isolated already, so the page, whose code reads " + kp.Key + ", never saw it until now: check the page works with the value it now gets"
		}
		if v := p.Facts.Electron; v.Known && (v.Major < 6 || (v.Major == 6 && v.Minor < 1)) {
			msg += fmt.Sprintf("; contextBridge arrived in Electron 6.1 and this app asks for %s (%s), so upgrade electron together with this change", v.Raw, v.Source)
		}
		p.Report(codemod.Diagnostic{Start: first.Asg.Start, End: first.Asg.End, Message: msg, Fix: kp.Fix})
		return
	}
	var own, others []string
	for _, b := range kp.Blockers {
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
		msg += " (see " + strings.Join(codemod.Dedupe(others), ", ") + ")"
	}
	at := first.Asg
	for _, b := range kp.Blockers {
		if b.rule == "window-assign" {
			at = b.node
			break
		}
	}
	p.Report(codemod.Diagnostic{Start: at.Start, End: at.End, Message: msg})
}

func reportFinding(p *codemod.Pass, fd finding) {
	p.Report(codemod.Diagnostic{Rule: fd.rule, Severity: fd.sev, Start: fd.node.Start, End: fd.node.End, Message: fd.msg})
}

// findingRule is a rule that reports the plan's findings of its own ID in preloads.
func findingRule(r *codemod.Rule) *codemod.Rule {
	r.Roles = project.Preload
	r.Run = func(p *codemod.Pass) {
		for _, fd := range PlanFor(p.Facts, p.File).findings {
			if fd.rule == r.ID {
				reportFinding(p, fd)
			}
		}
	}
	return codemod.Register(r)
}

// ExposeNodeAPI reports Node and Electron APIs put on the page.
var ExposeNodeAPI = findingRule(&codemod.Rule{
	ID:       "expose-node-api",
	Doc:      "a preload puts ipcRenderer, the electron module, require, remote or a Node module on the page",
	Severity: codemod.High,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/security#20-do-not-expose-electron-apis-to-untrusted-web-content",
	For:      codemod.ForMigrate | codemod.ForCheck,
})

// BridgeValue reports values the context bridge does not carry as they are.
var BridgeValue = findingRule(&codemod.Rule{
	ID:       "bridge-value",
	Doc:      "a preload exposes a value the context bridge cannot carry as it is (class instance, class, Proxy, Symbol, getter, this, data changed later)",
	Severity: codemod.Medium,
	Ref:      "https://www.electronjs.org/docs/latest/api/context-bridge#parameter--error--return-type-support",
	For:      codemod.ForMigrate | codemod.ForCheck,
})

// LateExposure reports window assignments that run later than the preload's load or only under a condition.
var LateExposure = findingRule(&codemod.Rule{
	ID:       "late-exposure",
	Doc:      "a preload sets window.X in a listener, a function called later or under a condition, which exposeInMainWorld cannot reproduce",
	Severity: codemod.Medium,
	Ref:      "https://www.electronjs.org/docs/latest/api/context-bridge#contextbridgeexposeinmainworldapikey-api",
	For:      codemod.ForMigrate | codemod.ForCheck,
})

// PreloadPageGlobal reports preloads that override page built-ins or read page globals.
var PreloadPageGlobal = findingRule(&codemod.Rule{
	ID:       "preload-page-global",
	Doc:      "a preload overrides a page built-in or reads a global page scripts define, which stops working under context isolation",
	Severity: codemod.Medium,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/context-isolation",
	For:      codemod.ForMigrate | codemod.ForCheck,
})
