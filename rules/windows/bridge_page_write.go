package windows

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/exposure"
	"github.com/isolate-dev/isolate/rules/internal/scan"
	"github.com/isolate-dev/isolate/syntax"
)

// BridgePageWrite reports page code that writes to an object a preload exposes with contextBridge (or that the
// migration exposes with it). Without isolation the page and the preload share that object, and page code may add
// or change members; across the bridge the page holds a frozen copy, so such writes are lost (or throw in strict
// code), silently.
var BridgePageWrite = codemod.Register(&codemod.Rule{
	ID:       "bridge-page-write",
	Doc:      "page code writes to an object a preload exposes with contextBridge, which the page receives frozen",
	Severity: codemod.High,
	Ref:      "https://www.electronjs.org/docs/latest/api/context-bridge#parameter--error--return-type-support",
	Roles:    project.Renderer,
	For:      codemod.ForMigrate | codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		if p.File.Role&(project.Test|project.Preload) != 0 || codemod.CreatesWindows(p.Facts, p.File) {
			return
		}
		for _, d := range pageWrites(p.Facts, p.File, p.File.Scopes()) {
			p.Report(d)
		}
	},
	RunProject: func(p *codemod.ProjectPass) {
		for _, name := range codemod.SortedKeys(p.Facts.Pages) {
			pg := p.Facts.Pages[name]
			if pg.Inline == nil {
				continue
			}
			for _, d := range pageWrites(p.Facts, &project.File{File: pg.Inline}, syntax.Resolve(pg.Inline)) {
				d.Path = pg.Path
				d.Pos = pg.Inline.Pos(d.Start)
				p.Report(d)
			}
		}
	},
})

// bridgedKey is a key the page reaches through contextBridge, and where it is exposed.
type bridgedKey struct {
	where    string
	migrated bool
}

var bridgedKeysCache sync.Map // weak.Pointer[project.Facts] → map[string]bridgedKey

// bridgedKeys returns the keys preloads expose with contextBridge, and those the migration rewrites into
// exposeInMainWorld calls.
func bridgedKeys(facts *project.Facts) map[string]bridgedKey {
	return codemod.Cached(&bridgedKeysCache, facts, func() map[string]bridgedKey {
		out := map[string]bridgedKey{}
		for _, pf := range facts.WithRole(project.Preload) {
			// A <webview>'s preload exposes to the guest page the webview shows (a remote service, most often),
			// not to the app's own page code, which may well use the same name for its own object.
			if codemod.IsTestOrBroken(pf) || exposure.WebviewOnly(facts, pf) {
				continue
			}
			for _, e := range scan.Exposures(pf) {
				if e.Key != "" && e.At.Is("call_expression") {
					out[e.Key] = bridgedKey{where: pf.Path + ":" + pf.Pos(e.At.Start).String()}
				}
			}
			for _, kp := range exposure.PlanFor(facts, pf).Keys {
				if kp.Fix != nil {
					if _, ok := out[kp.Key]; !ok {
						out[kp.Key] = bridgedKey{where: pf.Path + ":" + pf.Pos(kp.Targets[0].Asg.Start).String(), migrated: true}
					}
				}
			}
		}
		return out
	})
}

// pageWrites finds the writes of one file of page code to a bridged object: window.api.x = …, api.x = … (the
// bare global), window.api = …, delete window.api.x, window.api.count++, Object.assign(window.api, …).
func pageWrites(facts *project.Facts, pf *project.File, sc *syntax.Scopes) []codemod.Diagnostic {
	keys := bridgedKeys(facts)
	if len(keys) == 0 {
		return nil
	}
	f := pf.File
	var out []codemod.Diagnostic
	// bridged returns the key and the written path when n is a member chain on a bridged object.
	bridged := func(n *syntax.Node) (string, string, bool) {
		n = syntax.Unwrap(n)
		written := n
		var rev []string
		for n.Is("member_expression", "subscript_expression") {
			if n.Is("member_expression") {
				rev = append(rev, f.Text(n.Child("property")))
			} else if s, ok := f.StringValue(n.Child("index")); ok {
				rev = append(rev, s)
			} else {
				rev = append(rev, "[…]")
			}
			n = syntax.Unwrap(n.Child("object"))
		}
		if !n.Is("identifier") || !sc.IsFree(n) {
			return "", "", false
		}
		name := f.Text(n)
		if exposure.GlobalNames[name] {
			if len(rev) == 0 {
				return "", "", false
			}
			name, rev = rev[len(rev)-1], rev[:len(rev)-1]
		}
		if _, ok := keys[name]; !ok {
			return "", "", false
		}
		path := name
		for i := len(rev) - 1; i >= 0; i-- {
			path += "." + rev[i]
		}
		if len(rev) > 0 || exposure.GlobalNames[f.Text(n)] {
			path = codemod.Clip(f.Text(written), 60)
		}
		return name, path, true
	}
	report := func(at *syntax.Node, key, path, how string) {
		k := keys[key]
		exposed := "the preload exposes " + key + " with contextBridge (" + k.where + ")"
		if k.migrated {
			exposed = "the migration exposes " + key + " with contextBridge (" + k.where + ")"
		}
		out = append(out, codemod.Diagnostic{Start: at.Start, End: at.End, Message: fmt.Sprintf(
			"page code %s %s, but %s: the page receives a frozen copy, so the write is lost (or throws in strict code) and the preload never sees it; keep page state and page functions in the page's own variables, or expose a function from the preload that makes the change",
			how, path, exposed)})
	}
	f.Root.Walk(func(n *syntax.Node) bool {
		switch {
		case n.Is("assignment_expression", "augmented_assignment_expression"):
			// window.api.x = … and window.api = …; a bare api = … names a page variable of its own.
			if key, path, ok := bridged(n.Child("left")); ok && !syntax.Unwrap(n.Child("left")).Is("identifier") {
				report(n, key, path, "assigns")
			}
		case n.Is("update_expression"):
			if key, path, ok := bridged(n.Child("argument")); ok && !syntax.Unwrap(n.Child("argument")).Is("identifier") {
				report(n, key, path, "changes")
			}
		case n.Is("unary_expression") && strings.HasPrefix(f.Text(n), "delete"):
			if key, path, ok := bridged(n.Child("argument")); ok && !syntax.Unwrap(n.Child("argument")).Is("identifier") {
				report(n, key, path, "deletes")
			}
		case n.Is("call_expression") && f.Text(n.Child("function")) == "Object.assign":
			if args := n.Child("arguments").NamedChildren(); len(args) > 0 {
				if key, path, ok := bridged(args[0]); ok {
					report(n, key, path, "copies members into")
				}
			}
		}
		return true
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}
