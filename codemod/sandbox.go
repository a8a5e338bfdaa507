package codemod

import (
	"fmt"
	"path"
	"strings"

	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

// offense is one thing that keeps a preload from running sandboxed.
type offense struct {
	file *project.File
	node *syntax.Node
	what string // "requires fs", "uses __dirname"
	kind offenseKind
}

type offenseKind int

const (
	needsNode   offenseKind = iota + 1 // a Node built-in or Node global: the work must move to main
	needsBundle                        // a local module or npm package: a bundler can inline it
	needsCJS                           // ES module syntax in a preload loaded as it is
)

func (o offense) String() string {
	return fmt.Sprintf("%s (%s:%s)", o.what, o.file.Path, o.file.Pos(o.node.Start))
}

// sandboxOffenses lists what in one preload file a sandboxed preload cannot do: require anything but electron,
// events, timers and url; use __dirname, __filename or process members the sandbox lacks. bundled is true when
// the file is the source a bundler compiles (a build output path was mapped to it): its local imports and ES
// module syntax are then the bundler's business.
func sandboxOffenses(pf *project.File, bundled bool) []offense {
	var out []offense
	for _, imp := range project.Imports(pf) {
		spec := imp.Spec
		switch {
		case sandboxModules[spec]:
			continue
		case imp.Node.Is("import_statement") && isTypeOnly(pf.File, imp.Node):
			continue
		case IsNodeBuiltin(spec):
			out = append(out, offense{pf, imp.Source, "requires " + spec, needsNode})
		case isElectronModule(spec):
			if strings.Contains(spec, "remote") {
				out = append(out, offense{pf, imp.Source, "requires " + spec, needsNode})
			}
		case project.IsRelative(spec):
			if !bundled {
				out = append(out, offense{pf, imp.Source, "requires " + spec, needsBundle})
			}
		default:
			out = append(out, offense{pf, imp.Source, "requires the package " + spec, needsBundle})
		}
	}
	sc := pf.Scopes()
	for _, id := range sc.Free {
		name := pf.Text(id)
		switch {
		case name == "__dirname" || name == "__filename":
			out = append(out, offense{pf, id, "uses " + name, needsNode})
		case name == "process":
			if m := id.Parent; m.Is("member_expression") && m.Child("object") == id {
				prop := pf.Text(m.Child("property"))
				if !sandboxProcess[prop] {
					out = append(out, offense{pf, m, "uses process." + prop, needsNode})
				}
			}
		case name == "require":
			if m := id.Parent; m.Is("member_expression") && m.Child("object") == id {
				out = append(out, offense{pf, m, "uses " + pf.Text(m), needsNode})
			}
		}
	}
	if !bundled && !strings.HasSuffix(pf.Path, ".ts") {
		for _, c := range pf.Root.NamedChildren() {
			if c.Is("import_statement", "export_statement") {
				out = append(out, offense{pf, c, "is an ES module (" + clip(pf.Text(c), 30) + ")", needsCJS})
				break
			}
		}
	}
	return out
}

// preloadSandboxing says whether every preload a window loads can run sandboxed, and if not, why.
type preloadSandboxing struct {
	ok       bool
	unknown  string // set when the preload could not be read (unresolved path)
	offenses []offense
}

// windowSandboxing looks at a window's preload and the local modules it requires.
func windowSandboxing(facts *project.Facts, w *project.Window) preloadSandboxing {
	if w.PreloadExpr == nil {
		return preloadSandboxing{ok: true}
	}
	if w.Preload == "" {
		return preloadSandboxing{unknown: "its preload (" + clip(facts.Files[w.File].Text(w.PreloadExpr), 40) + ") could not be resolved to a file"}
	}
	bundled := w.PreloadHeuristic
	if strings.HasSuffix(w.PreloadPath, ".mjs") {
		// Electron loads an .mjs preload as an ES module, which only works unsandboxed.
		pf := facts.Files[w.Preload]
		return preloadSandboxing{offenses: []offense{{pf, pf.Root, "is loaded as an ES module (" + path.Base(w.PreloadPath) + ")", needsCJS}}}
	}
	// A preload written with import statements (and not loaded as .mjs) cannot be what Electron loads: a
	// bundler compiles it, and takes its local modules along.
	if pf := facts.Files[w.Preload]; !bundled && !strings.HasSuffix(pf.Path, ".mjs") && usesESM(pf) {
		bundled = true
	}
	var offs []offense
	for _, pf := range preloadClosure(facts, facts.Files[w.Preload]) {
		offs = append(offs, sandboxOffenses(pf, bundled || pf.Path != w.Preload)...)
	}
	return preloadSandboxing{ok: len(offs) == 0, offenses: offs}
}

// preloadClosure returns a preload and the parsed local modules it loads, transitively.
func preloadClosure(facts *project.Facts, root *project.File) []*project.File {
	out := []*project.File{root}
	seen := map[string]bool{root.Path: true}
	for i := 0; i < len(out); i++ {
		for _, imp := range project.Imports(out[i]) {
			if !project.IsRelative(imp.Spec) {
				continue
			}
			base := path.Join(path.Dir(out[i].Path), imp.Spec)
			for _, c := range []string{base, base + ".js", base + ".ts", base + "/index.js", base + "/index.ts",
				strings.TrimSuffix(base, path.Ext(base)) + ".ts"} {
				if f, ok := facts.Files[c]; ok && !seen[c] {
					seen[c] = true
					out = append(out, f)
					break
				}
			}
		}
	}
	return out
}

// PreloadNotSandboxable reports preloads that cannot run in Electron's sandbox, with each reason.
var PreloadNotSandboxable = Register(&Rule{
	ID:       "preload-not-sandboxable",
	Doc:      "a preload requires modules or Node globals a sandboxed preload does not have",
	Severity: Medium,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts",
	Roles:    project.Preload,
	For:      ForMigrate | ForCheck,
	Run: func(p *Pass) {
		if isTestOrBroken(p.File) {
			return
		}
		// Report once, in the preload a window loads, for the preload and the modules it requires.
		var windows []*project.Window
		for _, w := range p.Facts.Windows {
			if w.Preload == p.File.Path {
				windows = append(windows, w)
			}
		}
		if len(windows) == 0 {
			if p.File.Heuristic && strings.HasPrefix(strings.ToLower(path.Base(p.File.Path)), "preload") {
				offs := sandboxOffenses(p.File, false)
				if len(offs) > 0 {
					reportOffenses(p, offs, false)
				}
			}
			return
		}
		sb := windowSandboxing(p.Facts, windows[0])
		if sb.ok || sb.unknown != "" {
			return
		}
		reportOffenses(p, sb.offenses, windows[0].PreloadHeuristic)
	},
})

func reportOffenses(p *Pass, offs []offense, heuristic bool) {
	var list []string
	kinds := map[offenseKind]bool{}
	var nodeWork []string
	for _, o := range offs {
		list = append(list, o.String())
		kinds[o.kind] = true
		if o.kind == needsNode {
			nodeWork = append(nodeWork, strings.TrimPrefix(strings.TrimPrefix(o.what, "requires "), "uses "))
		}
	}
	msg := "cannot run sandboxed: it " + strings.Join(list, ", ") + ". A sandboxed preload can only require electron, events, timers and url (and has Buffer, process with a subset of its members, setImmediate and clearImmediate)"
	var todo []string
	if kinds[needsBundle] || kinds[needsCJS] {
		todo = append(todo, "bundle the preload with what it requires into one CommonJS file (esbuild "+p.File.Path+" --bundle --platform=node --format=cjs --external:electron --outfile=dist/"+strings.TrimSuffix(path.Base(p.File.Path), path.Ext(p.File.Path))+".js, or webpack with target: 'electron-preload') and load that file")
	}
	if kinds[needsNode] {
		todo = append(todo, "move the work that needs "+strings.Join(dedupe(nodeWork), ", ")+" into the main process behind ipcMain.handle, and call it with ipcRenderer.invoke")
	}
	msg += "; to sandbox it, " + strings.Join(todo, ", and ") + ". Until then its windows keep sandbox: false"
	if heuristic {
		msg += " (this preload was found by mapping a build output path to its source, a heuristic)"
	}
	first := offs[0]
	start, end := first.node.Start, first.node.End
	if first.file != p.File {
		start, end = 0, 0
	}
	p.Report(Diagnostic{Start: start, End: end, Message: msg})
}

// usesESM reports whether a file has import or export statements.
func usesESM(pf *project.File) bool {
	for _, c := range pf.Root.NamedChildren() {
		if c.Is("import_statement", "export_statement") {
			return true
		}
	}
	return false
}
