package windows

import (
	"fmt"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/exposure"
	"github.com/isolate-dev/isolate/rules/ipc"
	"github.com/isolate-dev/isolate/rules/knowledge"
	"github.com/isolate-dev/isolate/syntax"
)

// RendererNode reports page code that reaches Node or Electron directly, which stops working once Node
// integration is off and context isolation on.
var RendererNode = codemod.Register(&codemod.Rule{
	ID:       "renderer-node",
	Doc:      "page code calls require, window.require or remote, or imports Node or Electron modules",
	Severity: codemod.High,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/security#2-do-not-enable-nodejs-integration-for-remote-content",
	Roles:    project.Renderer,
	For:      codemod.ForMigrate | codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		if p.File.Role&(project.Test|project.Preload) != 0 || codemod.CreatesWindows(p.Facts, p.File) {
			return
		}
		// A page loads a classic script by itself; anything else (ES modules, files other page code imports,
		// files found by what they use) may go through a bundler, which resolves require of files and packages.
		bundled := exposure.UsesESM(p.File) || !strings.HasPrefix(p.File.Why, "loaded by ")
		notExposed := ipc.ReportProcessExposed(p)
		for _, d := range PageNodeUses(p.File, p.File.Scopes(), bundled) {
			n := nodeSpanning(p.File.Root, d.Start, d.End)
			if ipc.MovedBehindBridge(p.Facts, p.File.Path, n) {
				continue // renderer-ipc moves it behind the bridge, or its preload exposes the process values
			}
			if notExposed != "" && ipc.IsProcessRead(d) {
				d.Message += "; isolate migrate cannot expose the values from the window's preload: " + notExposed
			}
			if chs := nodeUseChannels(p.File, n); len(chs) > 0 {
				d.Message += "; the main-process handlers that replace it would need channels such as " + strings.Join(codemod.QuoteAll(chs), ", ") + " (ipcMain.handle in main, one preload method each)"
			}
			p.Report(d)
		}
	},
	RunProject: func(p *codemod.ProjectPass) {
		// Inline <script> code of the pages: the classic <script>require('./renderer.js')</script>.
		for _, name := range codemod.SortedKeys(p.Facts.Pages) {
			pg := p.Facts.Pages[name]
			if pg.Inline == nil {
				continue
			}
			pf := &project.File{File: pg.Inline}
			for _, d := range PageNodeUses(pf, syntax.Resolve(pg.Inline), false) {
				d.Path = pg.Path
				d.Pos = pg.Inline.Pos(d.Start)
				p.Report(d)
			}
		}
	},
})

const moveBehindBridge = "under context isolation with nodeIntegration off the page has no Node; move this work into the preload (or main, behind ipcMain.handle) and call it through an API exposed with contextBridge"

// PageNodeUses finds Node and Electron use in page code. In bundled code, require of the app's files and of
// packages is the bundler's business and is not reported.
func PageNodeUses(pf *project.File, sc *syntax.Scopes, bundled bool) []codemod.Diagnostic {
	f := pf.File
	var out []codemod.Diagnostic
	// One finding per place and per statement: window.require('@electron/remote').require('x') is one use, and
	// window && window.process && window.process.type one probe.
	type said struct {
		stmt *syntax.Node
		msg  string
	}
	seen := map[said]bool{}
	at := map[int]bool{}
	guessed := onlyUsesIPCRenderer(pf)
	report := func(n *syntax.Node, sev codemod.Severity, msg string) {
		stmt := n
		for stmt.Parent != nil && !strings.HasSuffix(stmt.Kind, "statement") && !strings.HasSuffix(stmt.Kind, "declaration") {
			stmt = stmt.Parent
		}
		if at[n.Start] || seen[said{stmt, msg}] {
			return
		}
		at[n.Start], seen[said{stmt, msg}] = true, true
		if guessed && (sev == 0 || sev > codemod.Medium) {
			// Nothing but its use of ipcRenderer says this file is page code: it may be a preload no window is
			// known to load.
			sev = codemod.Medium
			msg += " (isolate could not tell whether this file is page code or a preload: it is loaded by no page and only its use of ipcRenderer suggests page code)"
		}
		out = append(out, codemod.Diagnostic{Start: n.Start, End: n.End, Severity: sev, Message: msg})
	}
	f.Root.Walk(func(n *syntax.Node) bool {
		switch n.Kind {
		case "call_expression":
			fn := syntax.Unwrap(n.Child("function"))
			args := n.Child("arguments")
			var spec string
			if args != nil && len(args.NamedChildren()) > 0 {
				spec, _ = f.StringValue(args.NamedChildren()[0])
			}
			switch {
			case fn.Is("identifier") && f.Text(fn) == "require" && sc.IsFree(fn):
				if bundled && spec != "" && !knowledge.IsElectronModule(spec) && !knowledge.IsNodeBuiltin(spec) {
					break
				}
				report(n, 0, requireMessage("require", spec))
			case fn.Is("identifier") && f.Text(fn) == "__non_webpack_require__" && sc.IsFree(fn):
				// webpack leaves it as Node's own require, in bundled code too.
				report(n, 0, requireMessage("__non_webpack_require__", spec))
			case fn.Is("member_expression") && f.Text(fn.Child("property")) == "require":
				obj := syntax.Unwrap(fn.Child("object"))
				if obj.Is("identifier") && exposure.GlobalNames[f.Text(obj)] && sc.IsFree(obj) {
					report(n, 0, requireMessage(f.Text(fn), spec))
				} else if isRemote(f, sc, obj) {
					if obj.Is("call_expression") {
						break // window.require('@electron/remote').require(…): reported at the inner call
					}
					report(n, 0, "calls "+f.Text(fn)+": "+remoteWhat(f, sc, obj)+" reaches main-process objects from the page; expose one function per IPC message from the preload and do the work in main")
				}
			}
		case "import_statement":
			src := n.Child("source")
			if src == nil || project.TypeOnlyImport(pf, n) {
				break
			}
			spec, _ := f.StringValue(src)
			if knowledge.IsElectronModule(spec) || knowledge.IsNodeBuiltin(spec) {
				report(n, 0, fmt.Sprintf("imports %s in page code: %s", spec, moveBehindBridge))
			}
		case "member_expression":
			obj := syntax.Unwrap(n.Child("object"))
			prop := f.Text(n.Child("property"))
			switch {
			case prop == "remote" && isElectronRef(f, sc, obj):
				report(n, 0, "uses electron.remote: the remote module was removed in Electron 14 and reaches main-process objects from the page; expose one function per IPC message from the preload and do the work in main")
			case pf.Exposed["process"] && (prop == "process" || f.Text(obj) == "process"):
				// The preload exposes its own process object to the page: this reads that.
			case prop == "process" && n.Parent.Is("assignment_expression") && n.Field == "left":
				// window.process = { env: {} }: the page's own shim, which works the same under isolation.
			case prop == "process" && obj.Is("identifier") && exposure.GlobalNames[f.Text(obj)] && sc.IsFree(obj):
				report(n, codemod.Medium, "reads "+f.Text(n)+", which is undefined in the page under context isolation: an \"am I in Electron?\" probe must ask an exposed API instead (for example a versions value exposed by the preload)")
			case obj.Is("identifier") && f.Text(obj) == "process" && sc.IsFree(obj) && (prop == "type" || prop == "versions"):
				report(n, codemod.Medium, "reads process."+prop+", which is not defined in the page under context isolation (bundlers define process.env only); expose what the page needs from the preload")
			case obj.Is("identifier") && f.Text(obj) == "process" && sc.IsFree(obj) && (prop == "platform" || prop == "arch"):
				report(n, codemod.Medium, "reads process."+prop+", which is not defined in the page under context isolation; expose the value from the preload (or test navigator.userAgent)")
			case obj.Is("identifier") && f.Text(obj) == "process" && sc.IsFree(obj) && prop == "env" && !bundled:
				// Bundlers define process.env.NODE_ENV and the like; a page without one has no process at all.
				report(n, codemod.Medium, "reads process.env in a page script no bundler builds: process is not defined in the page under context isolation; expose the variables the page needs from the preload")
			}
		}
		return true
	})
	return out
}

func requireMessage(call, spec string) string {
	what := call + "()"
	if spec != "" {
		what = call + "('" + spec + "')"
	}
	switch {
	case spec == "@electron/remote" || spec == "@electron/remote/renderer":
		return "calls " + what + ": @electron/remote reaches main-process objects from the page; expose one function per IPC message from the preload and do the work in main"
	case knowledge.IsElectronModule(spec):
		return "calls " + what + " in page code: " + moveBehindBridge + " (one function per IPC message)"
	case project.IsRelative(spec):
		return "calls " + what + " to load page code: without Node integration require is not defined; load it with <script src> or bundle the page code, and move any Node use behind the preload"
	}
	return "calls " + what + " in page code: " + moveBehindBridge
}

// remoteWhat names the remote module an expression holds, for messages: Electron's built-in one was removed in
// Electron 14; @electron/remote is its replacement package.
func remoteWhat(f *syntax.File, sc *syntax.Scopes, n *syntax.Node) string {
	n = syntax.Unwrap(n)
	if n.Is("identifier") {
		if b := sc.Of(n); b != nil && b.Init() != nil {
			return remoteWhat(f, sc, b.Init())
		}
		if b := sc.Of(n); b != nil && b.Decl.Is("variable_declarator") {
			return remoteWhat(f, sc, b.Decl.Child("value"))
		}
	}
	if n.Is("call_expression") {
		if args := n.Child("arguments").NamedChildren(); len(args) > 0 {
			if s, _ := f.StringValue(args[0]); strings.HasPrefix(s, "@electron/remote") {
				return "@electron/remote"
			}
		}
	}
	return "Electron's remote module (removed in Electron 14)"
}

// onlyUsesIPCRenderer reports whether the one thing that made a file page code is its use of ipcRenderer.
func onlyUsesIPCRenderer(pf *project.File) bool {
	return pf.Heuristic && strings.HasPrefix(pf.Why, "uses ipcRenderer at ") && !strings.Contains(pf.Why, "; ")
}

// isElectronRef reports whether n is require('electron') or a name bound to it.
func isElectronRef(f *syntax.File, sc *syntax.Scopes, n *syntax.Node) bool {
	n = syntax.Unwrap(n)
	switch {
	case n.Is("call_expression"):
		fn := n.Child("function")
		args := n.Child("arguments").NamedChildren()
		if fn.Is("identifier") && f.Text(fn) == "require" && len(args) > 0 {
			s, _ := f.StringValue(args[0])
			return s == "electron"
		}
		if fn.Is("member_expression") && f.Text(fn.Child("property")) == "require" && len(args) > 0 {
			s, _ := f.StringValue(args[0])
			return s == "electron"
		}
	case n.Is("identifier"):
		b := sc.Of(n)
		if b != nil && b.Kind == syntax.Import {
			s, _ := f.StringValue(b.Decl.Child("source"))
			return s == "electron"
		}
		if b == nil || b.Init() == nil {
			return false
		}
		return isElectronRef(f, sc, b.Init())
	}
	return false
}

// isRemote reports whether n is electron.remote, require('@electron/remote') or a name bound to either.
func isRemote(f *syntax.File, sc *syntax.Scopes, n *syntax.Node) bool {
	n = syntax.Unwrap(n)
	switch {
	case n.Is("member_expression"):
		return f.Text(n.Child("property")) == "remote" && isElectronRef(f, sc, n.Child("object"))
	case n.Is("call_expression"):
		args := n.Child("arguments").NamedChildren()
		if len(args) > 0 {
			s, _ := f.StringValue(args[0])
			return s == "@electron/remote"
		}
	case n.Is("identifier"):
		b := sc.Of(n)
		if b == nil {
			return false
		}
		if d := b.Decl; d.Is("variable_declarator") {
			if d.Child("name").Is("object_pattern") {
				return isElectronRef(f, sc, d.Child("value")) && b.Name == "remote"
			}
			if init := b.Init(); init != nil {
				return isRemote(f, sc, init)
			}
		}
	}
	return false
}

// nodeSpanning returns the node spanning exactly [start, end), or a zero-width stand-in.
func nodeSpanning(root *syntax.Node, start, end int) *syntax.Node {
	var found *syntax.Node
	root.Walk(func(n *syntax.Node) bool {
		if n.Start == start && n.End == end {
			found = n
		}
		return n.Start <= start && end <= n.End && found == nil
	})
	if found == nil {
		return &syntax.Node{Start: start, End: end}
	}
	return found
}

// nodeUseChannels suggests the IPC channels that would replace what page code does with a Node module or
// remote: one per function it calls (fs.readFileSync → 'fs:read-file-sync', remote.app.getPath → 'app:get-path').
func nodeUseChannels(pf *project.File, call *syntax.Node) []string {
	if !call.Is("call_expression") {
		return nil
	}
	args := codemod.CallArgsOf(call)
	if len(args) == 0 {
		return nil
	}
	spec, _ := pf.StringValue(args[0])
	mod := strings.TrimPrefix(spec, "node:")
	if !knowledge.IsNodeBuiltin(mod) && spec != "electron" && spec != "@electron/remote" {
		return nil
	}
	d := ipc.Up(call)
	if !d.Is("variable_declarator") {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	add := func(ch string) {
		if !seen[ch] && len(out) < 5 {
			seen[ch] = true
			out = append(out, ch)
		}
	}
	// calls of name.m(…) or name.m.n(…) for the references of a binding: prefix is the module's name, or the
	// remote module's members (app, dialog) themselves.
	var follow func(id *syntax.Node, prefix string)
	follow = func(id *syntax.Node, prefix string) {
		b := pf.Scopes().Of(id)
		if b == nil {
			return
		}
		for _, r := range b.Refs {
			m := ipc.Up(r)
			if !m.Is("member_expression") || syntax.Unwrap(m.Child("object")) != r {
				continue
			}
			name := pf.Text(m.Child("property"))
			if prefix == "" {
				// remote.app.getPath(…)
				if mm := ipc.Up(m); mm.Is("member_expression") && ipc.Up(mm).Is("call_expression") {
					add(name + ":" + kebab(pf.Text(mm.Child("property"))))
				}
				continue
			}
			if ipc.Up(m).Is("call_expression") {
				add(prefix + ":" + kebab(name))
			}
		}
	}
	name := d.Child("name")
	switch {
	case name.Is("identifier") && spec != "electron":
		prefix := mod
		if spec == "@electron/remote" {
			prefix = ""
		}
		follow(name, prefix)
	case name.Is("object_pattern"):
		for _, el := range name.NamedChildren() {
			key, target := "", (*syntax.Node)(nil)
			switch el.Kind {
			case "shorthand_property_identifier_pattern":
				key, target = pf.Text(el), el
			case "pair_pattern":
				key, target = pf.Text(el.Child("key")), el.Child("value")
			}
			if key == "" {
				continue
			}
			if spec == "electron" {
				if key == "remote" && target.Is("shorthand_property_identifier_pattern", "identifier") {
					follow(target, "")
				}
				continue
			}
			add(mod + ":" + kebab(key))
		}
	}
	return out
}

// kebab writes a camelCase name in kebab-case (readFileSync → read-file-sync).
func kebab(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r - 'A' + 'a')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
