package project

import (
	"encoding/json"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/tailscale/hujson"

	"github.com/isolate-dev/isolate/syntax"
	"github.com/isolate-dev/isolate/walk"
)

// Module names that are not relative paths may still name the app's own files: TypeScript's baseUrl and paths
// (tsconfig.json, jsconfig.json), which bundlers follow too (webpack aliases written from them,
// tsconfig-paths, vite-tsconfig-paths). A preload that imports @misc/window/preload is followed like one that
// imports ../misc/window/preload; without that, what the imported file puts on window would go unseen.

// resolver reads the tsconfig.json or jsconfig.json that applies to a directory, once.
type resolver struct {
	root    string
	gate    *manifestGate
	mu      sync.Mutex
	configs map[string]*tsPaths // by directory, slash and relative to the root; nil when none applies
	deps    map[string]map[string]bool
}

// tsPaths are the module name mappings of one configuration.
type tsPaths struct {
	// base is the directory non-relative names resolve from (baseUrl); hasBase is false without baseUrl.
	base    string
	hasBase bool
	// pathsDir is the directory the targets of paths are relative to: baseUrl, or the configuration's own
	// directory when it has none.
	pathsDir string
	paths    map[string][]string
	// keepImports is true when the compiler keeps imports used only as types (verbatimModuleSyntax,
	// preserveValueImports, importsNotUsedAsValues: preserve).
	keepImports bool
	// outDir is where the compiler writes (slash, relative to the root; "" when unset), and rootDirs the
	// directories its sources may sit in: rootDir when set, else the configuration's directory or its src.
	outDir   string
	rootDirs []string
}

func newResolver(root string) *resolver {
	return &resolver{root: root, gate: newManifestGate(root), configs: map[string]*tsPaths{}}
}

// configFor returns the mappings of the nearest tsconfig.json or jsconfig.json at or above dir, inside the root.
func (r *resolver) configFor(dir string) *tsPaths {
	if r == nil || r.root == "" {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.configLocked(dir)
}

func (r *resolver) configLocked(dir string) *tsPaths {
	if c, ok := r.configs[dir]; ok {
		return c
	}
	var c *tsPaths
	found := false
	for _, name := range []string{"tsconfig.json", "jsconfig.json"} {
		if cfg, ok := r.read(path.Join(dir, name), 0); ok {
			c, found = cfg, true
			break
		}
	}
	if !found && dir != "." && dir != "" {
		c = r.configLocked(path.Dir(dir))
	}
	r.configs[dir] = c
	return c
}

// read reads one configuration and the ones it extends (by relative path); ok is false when the file does not
// exist or cannot be read as JSON with comments.
func (r *resolver) read(p string, depth int) (*tsPaths, bool) {
	if depth > 4 {
		return nil, false
	}
	data, ok := r.gate.read(p, walk.MaxManifestSize)
	if !ok {
		return nil, false
	}
	data, err := hujson.Standardize(data)
	if err != nil {
		return nil, false
	}
	var cfg struct {
		Extends         any `json:"extends"`
		CompilerOptions struct {
			BaseURL                *string             `json:"baseUrl"`
			Paths                  map[string][]string `json:"paths"`
			VerbatimModuleSyntax   *bool               `json:"verbatimModuleSyntax"`
			PreserveValueImports   *bool               `json:"preserveValueImports"`
			ImportsNotUsedAsValues *string             `json:"importsNotUsedAsValues"`
			OutDir                 *string             `json:"outDir"`
			RootDir                *string             `json:"rootDir"`
		} `json:"compilerOptions"`
	}
	if json.Unmarshal(data, &cfg) != nil {
		return nil, false
	}
	dir := path.Dir(p)
	out := &tsPaths{}
	var parents []string
	switch e := cfg.Extends.(type) {
	case string:
		parents = []string{e}
	case []any:
		for _, x := range e {
			if s, ok := x.(string); ok {
				parents = append(parents, s)
			}
		}
	}
	for _, e := range parents {
		if !IsRelative(e) {
			continue // a package's configuration (@tsconfig/node20): no paths of the app
		}
		ep := path.Join(dir, e)
		if !strings.HasSuffix(ep, ".json") {
			ep += ".json"
		}
		if parent, ok := r.read(ep, depth+1); ok && parent != nil {
			*out = *parent
		}
	}
	if b := cfg.CompilerOptions.BaseURL; b != nil {
		out.base, out.hasBase = path.Join(dir, *b), true
		out.pathsDir = out.base
	}
	if cfg.CompilerOptions.Paths != nil {
		out.paths = cfg.CompilerOptions.Paths
		if !out.hasBase {
			out.pathsDir = dir
		}
	}
	o := cfg.CompilerOptions
	if v := o.VerbatimModuleSyntax; v != nil {
		out.keepImports = *v
	}
	if v := o.PreserveValueImports; v != nil && *v {
		out.keepImports = true
	}
	if v := o.ImportsNotUsedAsValues; v != nil && *v == "preserve" {
		out.keepImports = true
	}
	if v := o.OutDir; v != nil {
		out.outDir = path.Join(dir, *v)
		out.rootDirs = []string{dir, path.Join(dir, "src")}
	}
	if v := o.RootDir; v != nil {
		out.rootDirs = []string{path.Join(dir, *v)}
	}
	if !out.hasBase && out.paths == nil && !out.keepImports && out.outDir == "" {
		return nil, true
	}
	return out, true
}

// candidates lists the files a non-relative name may mean under the configuration, best first: the paths
// pattern with the longest prefix that matches, then baseUrl.
func (c *tsPaths) candidates(spec string) []string {
	if c == nil {
		return nil
	}
	var out []string
	var patterns []string
	for p := range c.paths {
		patterns = append(patterns, p)
	}
	// The longest prefix before * wins, as in TypeScript; exact patterns before wildcards.
	sort.Slice(patterns, func(i, j int) bool {
		pi, _, wi := strings.Cut(patterns[i], "*")
		pj, _, wj := strings.Cut(patterns[j], "*")
		if wi != wj {
			return !wi
		}
		if len(pi) != len(pj) {
			return len(pi) > len(pj)
		}
		return patterns[i] < patterns[j]
	})
	for _, p := range patterns {
		prefix, suffix, wild := strings.Cut(p, "*")
		var star string
		switch {
		case !wild && spec == p:
		case wild && strings.HasPrefix(spec, prefix) && strings.HasSuffix(spec, suffix) && len(spec) >= len(prefix)+len(suffix):
			star = spec[len(prefix) : len(spec)-len(suffix)]
		default:
			continue
		}
		for _, t := range c.paths[p] {
			target := path.Join(c.pathsDir, strings.Replace(t, "*", star, 1))
			if target == ".." || strings.HasPrefix(target, "../") || strings.Contains(target, "node_modules") {
				continue
			}
			cands, _ := candidates(target)
			out = append(out, cands...)
		}
		break
	}
	if c.hasBase {
		if target := path.Join(c.base, spec); target != ".." && !strings.HasPrefix(target, "../") {
			cands, _ := candidates(target)
			out = append(out, cands...)
		}
	}
	return out
}

// SpecCandidates lists the files of the app a module name imported from the file at from may load, best first:
// relative names, and names mapped by baseUrl or paths. It returns nil for a package.
func (f *Facts) SpecCandidates(from, spec string) []string {
	if IsRelative(spec) {
		return moduleCandidates(from, spec)
	}
	if IsNodeBuiltinName(spec) || spec == "electron" || strings.HasPrefix(spec, "electron/") {
		return nil
	}
	return f.resolve.configFor(path.Dir(from)).candidates(spec)
}

// ImportCandidates lists the files an import of file may load, best first. A require in a script a page loads
// with <script src> resolves relative paths from the page's directory (Node takes the page for the module), so
// those come first.
func (f *Facts) ImportCandidates(file *File, imp Import) []string {
	var out []string
	if IsRelative(imp.Spec) && imp.Node.Is("call_expression") {
		for _, pg := range file.pages {
			out = append(out, moduleCandidates(pg, imp.Spec)...)
		}
	}
	return append(out, f.SpecCandidates(file.Path, imp.Spec)...)
}

// ResolveImportOf returns the parsed file an import of file loads, or nil.
func (f *Facts) ResolveImportOf(file *File, imp Import) *File {
	for _, c := range f.ImportCandidates(file, imp) {
		if got, ok := f.Files[c]; ok {
			return got
		}
	}
	return nil
}

// ResolveImport returns the parsed file a module name imported from the file at from loads, or nil.
func (f *Facts) ResolveImport(from, spec string) *File {
	for _, c := range f.SpecCandidates(from, spec) {
		if file, ok := f.Files[c]; ok {
			return file
		}
	}
	return nil
}

// nodeBuiltins are Node's own modules, which no path mapping can stand for.
var nodeBuiltins = map[string]bool{
	"assert": true, "async_hooks": true, "buffer": true, "child_process": true, "cluster": true, "console": true,
	"constants": true, "crypto": true, "dgram": true, "diagnostics_channel": true, "dns": true, "domain": true,
	"events": true, "fs": true, "http": true, "http2": true, "https": true, "inspector": true, "module": true,
	"net": true, "os": true, "path": true, "perf_hooks": true, "process": true, "punycode": true,
	"querystring": true, "readline": true, "repl": true, "stream": true, "string_decoder": true, "sys": true,
	"timers": true, "tls": true, "trace_events": true, "tty": true, "url": true, "util": true, "v8": true,
	"vm": true, "wasi": true, "worker_threads": true, "zlib": true,
}

// IsNodeBuiltinName reports whether spec names one of Node's own modules (fs, node:fs, fs/promises).
func IsNodeBuiltinName(spec string) bool {
	if strings.HasPrefix(spec, "node:") {
		return true
	}
	first, _, _ := strings.Cut(spec, "/")
	return nodeBuiltins[first]
}

// Exported returns the value a module exports under name ("default" for the default export or, in CommonJS,
// module.exports itself): the initialiser, function or class, or the module.exports object literal's member
// value. It returns nil when the module does not export the name in a way that can be read.
func Exported(file *File, name string) *syntax.Node {
	f := file.File
	var out *syntax.Node
	for _, st := range f.Root.NamedChildren() {
		switch {
		case st.Is("export_statement"):
			if decl := st.Child("declaration"); decl != nil {
				if decl.Is("function_declaration", "generator_function_declaration", "class_declaration") &&
					f.Text(decl.Child("name")) == name {
					out = decl
				}
				if decl.Is("lexical_declaration", "variable_declaration") {
					for _, d := range decl.NamedChildren() {
						if d.Is("variable_declarator") && f.Text(d.Child("name")) == name {
							out = d.Child("value")
						}
					}
				}
				continue
			}
			if v := st.Child("value"); v != nil && name == "default" {
				out = v
				continue
			}
			for _, spec := range st.Find("export_specifier") {
				exported := spec.Child("alias")
				if exported == nil {
					exported = spec.Child("name")
				}
				if f.Text(exported) == name && st.Child("source") == nil {
					out = localValue(file, spec.Child("name"))
				}
			}
		case st.Is("expression_statement"):
			asg := syntax.Unwrap(st.NamedChildren()[0])
			if !asg.Is("assignment_expression") {
				continue
			}
			left := syntax.Unwrap(asg.Child("left"))
			root := left
			for root.Is("member_expression") {
				root = syntax.Unwrap(root.Child("object"))
			}
			if !root.Is("identifier") || !file.Scopes().IsFree(root) {
				continue
			}
			chain, _ := memberChain(f, root)
			parts := append([]string{f.Text(root)}, chain...)
			value := asg.Child("right")
			switch {
			case len(parts) == 2 && parts[0] == "module" && parts[1] == "exports":
				if name == "default" {
					out = value
				} else if obj := syntax.Unwrap(value); obj.Is("object") {
					if m := property(f, obj, name); m != nil {
						out = m
					}
				}
			case len(parts) == 3 && parts[0] == "module" && parts[1] == "exports" && parts[2] == name,
				len(parts) == 2 && parts[0] == "exports" && parts[1] == name:
				out = value
			}
		}
	}
	if out != nil && out.Is("identifier", "shorthand_property_identifier") {
		if v := localValue(file, out); v != nil {
			return v
		}
	}
	return out
}

// localValue returns what a name of the file holds: the function or class it declares, or the initialiser of a
// variable that is never reassigned.
func localValue(file *File, id *syntax.Node) *syntax.Node {
	b := file.Scopes().Of(id)
	if b == nil {
		b = file.Scopes().Lookup(file.Root, file.Text(id))
	}
	if b == nil || !b.Stable() {
		return nil
	}
	switch b.Kind {
	case syntax.FunctionDecl, syntax.ClassDecl:
		return b.Decl
	}
	return b.Init()
}

// packageDeps are the packages a package.json declares (dependencies of every kind); nil when the directory has
// none.
func (r *resolver) packageDeps(dir string) map[string]bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.deps == nil {
		r.deps = map[string]map[string]bool{}
	}
	if d, ok := r.deps[dir]; ok {
		return d
	}
	var out map[string]bool
	if data, ok := r.gate.read(path.Join(dir, "package.json"), walk.MaxManifestSize); ok {
		var pkg struct {
			Name                 string            `json:"name"`
			Dependencies         map[string]string `json:"dependencies"`
			DevDependencies      map[string]string `json:"devDependencies"`
			PeerDependencies     map[string]string `json:"peerDependencies"`
			OptionalDependencies map[string]string `json:"optionalDependencies"`
		}
		if json.Unmarshal(data, &pkg) == nil {
			out = map[string]bool{}
			for _, m := range []map[string]string{pkg.Dependencies, pkg.DevDependencies, pkg.PeerDependencies, pkg.OptionalDependencies} {
				for k := range m {
					out[k] = true
				}
			}
			if pkg.Name != "" {
				out[pkg.Name] = true
			}
			// Packages installed as dependencies of dependencies (debug, color) are what page code under Node
			// integration often requires without declaring: the lockfile beside package.json names them.
			for name := range r.lockedPackages(dir) {
				out[name] = true
			}
		}
	}
	r.deps[dir] = out
	return out
}

// lockedPackages returns the package names package-lock.json (or npm-shrinkwrap.json) or yarn.lock in dir
// install, nil when there is none.
func (r *resolver) lockedPackages(dir string) map[string]bool {
	out := map[string]bool{}
	for _, name := range []string{"package-lock.json", "npm-shrinkwrap.json"} {
		data, ok := r.gate.read(path.Join(dir, name), walk.MaxLockfileSize)
		if !ok {
			continue
		}
		var lock struct {
			Packages     map[string]json.RawMessage `json:"packages"`
			Dependencies map[string]json.RawMessage `json:"dependencies"`
		}
		if json.Unmarshal(data, &lock) != nil {
			continue
		}
		for k := range lock.Packages {
			if i := strings.LastIndex(k, "node_modules/"); i >= 0 {
				out[k[i+len("node_modules/"):]] = true
			}
		}
		for k := range lock.Dependencies {
			out[k] = true
		}
	}
	if data, ok := r.gate.read(path.Join(dir, "yarn.lock"), walk.MaxLockfileSize); ok {
		for _, line := range strings.Split(string(data), "\n") {
			if line == "" || line[0] == ' ' || line[0] == '#' {
				continue
			}
			// "debug@^4.1.0", debug@~2.6.9: or @babel/core@^7.0.0:
			for _, entry := range strings.Split(strings.TrimSuffix(line, ":"), ",") {
				entry = strings.Trim(strings.TrimSpace(entry), `"`)
				if i := strings.LastIndex(entry, "@"); i > 0 {
					out[entry[:i]] = true
				}
			}
		}
	}
	return out
}

// KnownPackage reports whether a module name imported from the file at from names a package: one that a
// package.json at or above the file's directory declares, a Node built-in or Electron. known is false when no
// package.json was found to tell.
func (f *Facts) KnownPackage(from, spec string) (ok, known bool) {
	if IsNodeBuiltinName(spec) || spec == "electron" || strings.HasPrefix(spec, "electron/") {
		return true, true
	}
	name := spec
	if parts := strings.Split(spec, "/"); strings.HasPrefix(spec, "@") && len(parts) > 1 {
		name = parts[0] + "/" + parts[1]
	} else {
		name = parts[0]
	}
	if f.resolve == nil || f.resolve.root == "" {
		return false, false
	}
	for dir := path.Dir(from); ; dir = path.Dir(dir) {
		if deps := f.resolve.packageDeps(dir); deps != nil {
			known = true
			if deps[name] {
				return true, true
			}
		}
		if dir == "." || dir == "/" || dir == "" {
			break
		}
	}
	return false, known
}

// compiledFrom lists the sources the TypeScript compiler may have written p from, when p lies in the outDir of
// the nearest tsconfig.json (dist/renderer.js from src/renderer.ts): a page loads build output, and its source
// is the code to read.
func (f *Facts) compiledFrom(p string) []string {
	c := f.resolve.configFor(path.Dir(p))
	if c == nil || c.outDir == "" || c.outDir == "." || !strings.HasPrefix(p, c.outDir+"/") {
		return nil
	}
	rel := strings.TrimPrefix(p, c.outDir+"/")
	ext := path.Ext(rel)
	if !isJSExt(ext) {
		return nil
	}
	stem := strings.TrimSuffix(rel, ext)
	var out []string
	for _, root := range c.rootDirs {
		for _, e := range []string{".ts", ".tsx", ".mts", ".cts", ".js", ".jsx"} {
			out = append(out, path.Join(root, stem+e))
		}
	}
	return out
}
