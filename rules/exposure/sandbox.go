package exposure

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/knowledge"
	"github.com/isolate-dev/isolate/syntax"
	"github.com/isolate-dev/isolate/walk"
)

// offense is one thing that keeps a preload from running sandboxed.
type offense struct {
	File *project.File
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
	return fmt.Sprintf("%s (%s:%s)", o.what, o.File.Path, o.File.Pos(o.node.Start))
}

// sandboxOffenses lists what in one preload file a sandboxed preload cannot do: require anything but electron,
// events, timers and url; use __dirname, __filename or process members the sandbox lacks. bundled is true when
// the file is the source a bundler compiles (a build output path was mapped to it): its local imports and ES
// module syntax are then the bundler's business.
func sandboxOffenses(facts *project.Facts, pf *project.File, bundled bool) []offense {
	var out []offense
	for _, imp := range project.Imports(pf) {
		spec := imp.Spec
		switch {
		case knowledge.SandboxModules[spec]:
			continue
		case project.TypeOnlyImport(pf, imp.Node):
			continue
		case project.IsRelative(spec) || facts.ResolveImport(pf.Path, spec) != nil:
			// A module of the app (by path, or through tsconfig paths).
			if !bundled {
				out = append(out, offense{pf, imp.Source, "requires " + spec, needsBundle})
			}
			continue
		case knowledge.IsNodeBuiltin(spec):
			out = append(out, offense{pf, imp.Source, "requires " + spec, needsNode})
		case knowledge.IsElectronModule(spec):
			if strings.Contains(spec, "remote") {
				out = append(out, offense{pf, imp.Source, "requires " + spec, needsNode})
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
				if !knowledge.SandboxProcess[prop] {
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
				out = append(out, offense{pf, c, "is an ES module (" + codemod.Clip(pf.Text(c), 30) + ")", needsCJS})
				break
			}
		}
	}
	return out
}

// preloadSandboxing says whether every preload a window loads can run sandboxed, and if not, why.
type preloadSandboxing struct {
	OK       bool
	Unknown  string // set when the preload could not be read (unresolved path)
	offenses []offense
}

// WindowSandboxing looks at a window's preload and the local modules it requires.
func WindowSandboxing(facts *project.Facts, w *project.Window) preloadSandboxing {
	if w.PreloadExpr == nil {
		if at := sessionPreloads(facts); at != "" {
			return preloadSandboxing{Unknown: "the app gives its sessions preloads (setPreloads at " + at + "), which this window loads too and isolate does not read"}
		}
		return preloadSandboxing{OK: true}
	}
	if w.Preload == "" {
		return preloadSandboxing{Unknown: "its preload (" + codemod.Clip(facts.Files[w.File].Text(w.PreloadExpr), 40) + ") could not be resolved to a file"}
	}
	// A build output path mapped back to its source says the preload is compiled, not how: tsc compiles file by
	// file and leaves each local import a require of a local file, which a sandboxed preload cannot load.
	tscOnly := compiledByTscOnly(facts)
	bundled := w.PreloadBundled || (w.PreloadHeuristic && !tscOnly)
	if strings.HasSuffix(w.PreloadPath, ".mjs") {
		// Electron loads an .mjs preload as an ES module, which only works unsandboxed.
		pf := facts.Files[w.Preload]
		return preloadSandboxing{offenses: []offense{{pf, pf.Root, "is loaded as an ES module (" + path.Base(w.PreloadPath) + ")", needsCJS}}}
	}
	// A preload written with import statements (and not loaded as .mjs) cannot be what Electron loads: a
	// bundler compiles it, and takes its local modules along.
	if pf := facts.Files[w.Preload]; !bundled && !tscOnly && !strings.HasSuffix(pf.Path, ".mjs") && UsesESM(pf) {
		bundled = true
	}
	var offs []offense
	for _, pf := range PreloadClosure(facts, facts.Files[w.Preload]) {
		offs = append(offs, sandboxOffenses(facts, pf, bundled || pf.Path != w.Preload)...)
	}
	return preloadSandboxing{OK: len(offs) == 0, offenses: offs}
}

// PreloadClosure returns a preload and the parsed modules of the app it loads, transitively (imports that load
// only types left out).
func PreloadClosure(facts *project.Facts, root *project.File) []*project.File {
	out := []*project.File{root}
	seen := map[string]bool{root.Path: true}
	for i := 0; i < len(out); i++ {
		for _, imp := range project.Imports(out[i]) {
			if project.TypeOnlyImport(out[i], imp.Node) {
				continue
			}
			if f := facts.ResolveImport(out[i].Path, imp.Spec); f != nil && !seen[f.Path] {
				seen[f.Path] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// PreloadNotSandboxable reports preloads that cannot run in Electron's sandbox, with each reason.
var PreloadNotSandboxable = codemod.Register(&codemod.Rule{
	ID:       "preload-not-sandboxable",
	Doc:      "a preload requires modules or Node globals a sandboxed preload does not have",
	Severity: codemod.Medium,
	Ref:      "https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts",
	Roles:    project.Preload,
	For:      codemod.ForMigrate | codemod.ForCheck,
	Run: func(p *codemod.Pass) {
		if codemod.IsTestOrBroken(p.File) {
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
			if p.File.Heuristic && project.LooksLikePreload(p.File.Path) {
				// Found by its name only: written with import statements, it is compiled by a bundler.
				offs := sandboxOffenses(p.Facts, p.File, UsesESM(p.File) && !compiledByTscOnly(p.Facts))
				if len(offs) > 0 {
					reportOffenses(p, offs, false)
				}
			}
			return
		}
		sb := WindowSandboxing(p.Facts, windows[0])
		if sb.OK || sb.Unknown != "" {
			return
		}
		reportOffenses(p, sb.offenses, windows[0].PreloadHeuristic)
	},
})

func reportOffenses(p *codemod.Pass, offs []offense, heuristic bool) {
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
		todo = append(todo, "move the work that needs "+strings.Join(codemod.Dedupe(nodeWork), ", ")+" into the main process behind ipcMain.handle, and call it with ipcRenderer.invoke")
	}
	msg += "; to sandbox it, " + strings.Join(todo, ", and ") + ". Until then its windows keep sandbox: false"
	if heuristic {
		msg += " (this preload was found by mapping a build output path to its source, a heuristic)"
	}
	first := offs[0]
	start, end := first.node.Start, first.node.End
	if first.File != p.File {
		start, end = 0, 0
	}
	p.Report(codemod.Diagnostic{Start: start, End: end, Message: msg})
}

// UsesESM reports whether a file has import or export statements.
func UsesESM(pf *project.File) bool {
	for _, c := range pf.Root.NamedChildren() {
		if c.Is("import_statement", "export_statement") {
			return true
		}
	}
	return false
}

var sessionPreloadsCache sync.Map // weak.Pointer[project.Facts] → string

// sessionPreloads returns where main code calls session.setPreloads (file:line:col), or "".
func sessionPreloads(facts *project.Facts) string {
	return codemod.Cached(&sessionPreloadsCache, facts, func() string {
		for _, pf := range facts.WithRole(project.Main) {
			if !bytes.Contains(pf.Src, []byte("setPreloads")) {
				continue
			}
			for _, call := range pf.Root.Find("call_expression") {
				if fn := call.Child("function"); fn.Is("member_expression") && pf.Text(fn.Child("property")) == "setPreloads" {
					return pf.Path + ":" + pf.Pos(call.Start).String()
				}
			}
		}
		return ""
	})
}

// bundlerPackages are packages that bundle an app's code, local modules included, into the files Electron loads.
var bundlerPackages = []string{
	"webpack", "esbuild", "vite", "electron-vite", "rollup", "parcel", "parcel-bundler", "@parcel/core", "tsup",
	"browserify", "@rspack/core", "@rspack/cli", "electron-webpack", "@electron-forge/plugin-webpack",
	"@electron-forge/plugin-vite", "vite-plugin-electron", "electron-esbuild", "@vercel/ncc", "swcpack", "bun",
}

var tscOnlyCache sync.Map // weak.Pointer[project.Facts] → bool

// compiledByTscOnly reports whether the app's TypeScript is compiled by tsc alone: a script of package.json runs
// tsc and no bundler is among its dependencies. Such a build keeps a preload's local imports as requires of local
// files, so the preload cannot run sandboxed however its source is written.
func compiledByTscOnly(facts *project.Facts) bool {
	return codemod.Cached(&tscOnlyCache, facts, func() bool {
		src, err := walk.ReadManifest(facts.Root, filepath.Join(facts.Root, "package.json"), walk.MaxManifestSize)
		if err != nil {
			return false
		}
		var pkg struct {
			Scripts         map[string]string `json:"scripts"`
			Dependencies    map[string]string `json:"dependencies"`
			DevDependencies map[string]string `json:"devDependencies"`
		}
		if json.Unmarshal(src, &pkg) != nil {
			return false
		}
		for _, b := range bundlerPackages {
			if _, ok := pkg.Dependencies[b]; ok {
				return false
			}
			if _, ok := pkg.DevDependencies[b]; ok {
				return false
			}
		}
		for _, script := range pkg.Scripts {
			for _, word := range strings.FieldsFunc(script, func(r rune) bool { return r == ' ' || r == '&' || r == ';' || r == '|' || r == '(' || r == ')' }) {
				if word == "tsc" || strings.HasSuffix(word, "/tsc") {
					return true
				}
			}
		}
		return false
	})
}
