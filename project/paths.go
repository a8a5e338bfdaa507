package project

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/isolate-dev/isolate/syntax"
)

// pathExpr is one way a path expression can evaluate: a base (a directory, written dirPrefix+dir, or the app's
// directory) and the parts joined to it.
type pathExpr []string

const (
	// dirPrefix marks a base that is a file's directory (__dirname in that file): dirPrefix + "src/main".
	dirPrefix = "<dir>"
	baseApp   = "<app>"
)

func isBase(s string) bool { return s == baseApp || strings.HasPrefix(s, dirPrefix) }

// pathEval reads path expressions across the files of the app: through constants, helper functions called with
// literal arguments (preloadPath('app.js') for function preloadPath (name) { return path.join(__dirname, name) }),
// and values other modules export (config.preloadPath), asking for the modules it needs parsed.
type pathEval struct {
	a *analysis
	// env binds the parameters of the helper functions being read to the arguments of their call.
	env map[*syntax.Binding]argument
	// strict makes a choice (cond ? a : b) unreadable unless both ways are: a window's page must not be taken
	// for known when the other way is a dev-server URL.
	strict bool
}

type argument struct {
	file *File
	node *syntax.Node
}

// pathAlternatives reads a path expression: path.join(__dirname, 'a.js'), path.resolve(__dirname, 'a'),
// require('path').join(…), __dirname + '/a.js', `${__dirname}/a.js`, join(app.getAppPath(), 'a.js'),
// process.cwd(), fileURLToPath(new URL('./a.js', import.meta.url)), a constant holding one of those, a call of a
// helper that returns one, a value another module exports, and `cond ? a : b` (both ways). It returns nil when
// the expression is none of those.
func (a *analysis) pathAlternatives(file *File, n *syntax.Node) []pathExpr {
	e := &pathEval{a: a, env: map[*syntax.Binding]argument{}}
	return e.eval(file, n, 0)
}

func (e *pathEval) eval(file *File, n *syntax.Node, depth int) []pathExpr {
	n = syntax.Unwrap(n)
	if n == nil || depth > 12 {
		return nil
	}
	f := file.File
	switch {
	case n.Is("identifier"):
		sc := file.Scopes()
		if f.Text(n) == "__dirname" && (sc.IsFree(n) || sc.Of(n) != nil) {
			// Either Node's __dirname or the ESM idiom const __dirname = dirname(fileURLToPath(import.meta.url)).
			return []pathExpr{{dirPrefix + path.Dir(file.Path)}}
		}
		b := sc.Of(n)
		if b == nil {
			return nil
		}
		if arg, ok := e.env[b]; ok {
			return e.value(arg.file, arg.node, depth+1)
		}
		if v := e.valueOf(file, b); v != nil {
			return e.eval(v.file, v.node, depth+1)
		}
		return nil
	case n.Is("member_expression"):
		if f.Text(n) == "import.meta.dirname" {
			return []pathExpr{{dirPrefix + path.Dir(file.Path)}}
		}
		// config.preloadPath, with config a module of the app.
		if mod := e.module(file, n.Child("object")); mod != nil {
			if v := Exported(mod, f.Text(n.Child("property"))); v != nil {
				return e.eval(mod, v, depth+1)
			}
		}
		return nil
	case n.Is("ternary_expression"):
		yes, no := e.eval(file, n.Child("consequence"), depth+1), e.eval(file, n.Child("alternative"), depth+1)
		if e.strict && (yes == nil || no == nil) {
			return nil
		}
		return append(yes, no...)
	case n.Is("new_expression"):
		// new URL('./preload.js', import.meta.url)
		if f.Text(n.Child("constructor")) != "URL" {
			return nil
		}
		args := n.Child("arguments").NamedChildren()
		if len(args) != 2 || f.Text(args[1]) != "import.meta.url" {
			return nil
		}
		s, ok := f.StringValue(args[0])
		if !ok {
			return nil
		}
		return []pathExpr{{dirPrefix + path.Dir(file.Path), s}}
	case n.Is("call_expression"):
		fn := syntax.Unwrap(n.Child("function"))
		callee := f.Text(fn)
		args := n.Child("arguments").NamedChildren()
		method := callee
		if fn.Is("member_expression") {
			method = f.Text(fn.Child("property"))
		}
		switch {
		case strings.HasSuffix(callee, "getAppPath") && len(args) == 0:
			return []pathExpr{{baseApp}}
		case callee == "process.cwd" && len(args) == 0:
			// Build tools and npm scripts run from the package's directory.
			return []pathExpr{{baseApp}}
		case (method == "fileURLToPath" || method == "normalize") && len(args) == 1 && e.isPathFunc(file, fn, method):
			return e.eval(file, args[0], depth+1)
		case (method == "join" || method == "resolve") && e.isPathFunc(file, fn, method):
			return e.join(file, args, depth)
		}
		// A helper of the app: preloadPath('app.js'), utils.preloadPath('app.js').
		if body, owner := e.function(file, fn); body != nil {
			return e.call(file, args, owner, body, depth)
		}
		return nil
	case n.Is("binary_expression") && f.Text(n.Child("operator")) == "+":
		return e.concat(file, []*syntax.Node{n.Child("left"), n.Child("right")}, depth)
	case n.Is("template_string"):
		var pieces []*syntax.Node
		for _, c := range n.Children {
			if c.Kind == "template_substitution" {
				inner := c.NamedChildren()
				if len(inner) != 1 {
					return nil
				}
				pieces = append(pieces, inner[0])
			} else if c.Kind == "string_fragment" || c.Kind == "escape_sequence" {
				pieces = append(pieces, c)
			}
		}
		return e.concat(file, pieces, depth)
	}
	return nil
}

// value reads an argument: a path expression, or a plain string.
func (e *pathEval) value(file *File, n *syntax.Node, depth int) []pathExpr {
	if alts := e.eval(file, n, depth); alts != nil {
		return alts
	}
	if s, ok := e.stringOf(file, n); ok {
		return []pathExpr{{s}}
	}
	return nil
}

// join reads path.join and path.resolve.
func (e *pathEval) join(file *File, args []*syntax.Node, depth int) []pathExpr {
	alts := []pathExpr{nil}
	for _, arg := range args {
		subs := e.value(file, arg, depth+1)
		if subs == nil {
			return nil
		}
		var next []pathExpr
		for _, alt := range alts {
			for _, sub := range subs {
				if len(sub) > 0 && isBase(sub[0]) {
					// An absolute base restarts the path, as path.resolve and path.join of absolute parts do.
					next = append(next, append(pathExpr(nil), sub...))
					continue
				}
				next = append(next, append(append(pathExpr(nil), alt...), sub...))
			}
		}
		alts = next
	}
	if len(alts) > 0 && (len(alts[0]) == 0 || !isBase(alts[0][0])) {
		return nil // relative to the working directory at run time, which cannot be known
	}
	return alts
}

// concat reads string concatenation: every piece but the first must be a string.
func (e *pathEval) concat(file *File, pieces []*syntax.Node, depth int) []pathExpr {
	if len(pieces) == 0 {
		return nil
	}
	first := syntax.Unwrap(pieces[0])
	if first.Is("string_fragment") && strings.HasPrefix(file.Text(first), "file://") && len(pieces) > 1 {
		// `file://${__dirname}/index.html`: the URL of a file.
		rest := strings.TrimPrefix(file.Text(first), "file://")
		if rest != "" {
			return nil
		}
		pieces = pieces[1:]
		first = syntax.Unwrap(pieces[0])
	}
	var alts []pathExpr
	rest := pieces[1:]
	if first.Is("string_fragment") {
		// A string first: a path piece (name + '.js' in a helper), or, as the whole expression, a path relative
		// to the working directory, which the caller cannot place.
		rest = pieces
		alts = []pathExpr{{""}}
	} else if s, ok := e.stringOf(file, first); ok {
		rest, alts = pieces[1:], []pathExpr{{s}}
	} else if alts = e.eval(file, first, depth+1); alts == nil {
		return nil
	} else {
		for i := range alts {
			alts[i] = append(alts[i], "")
		}
	}
	var lit strings.Builder
	for _, p := range rest {
		p = syntax.Unwrap(p)
		if p.Is("string_fragment") {
			lit.WriteString(file.Text(p))
			continue
		}
		s, ok := e.stringOf(file, p)
		if !ok {
			return nil
		}
		lit.WriteString(s)
	}
	for i := range alts {
		alts[i][len(alts[i])-1] += lit.String()
	}
	return alts
}

// stringOf reads a string: a literal, a helper's parameter bound to one, or a constant holding one.
func (e *pathEval) stringOf(file *File, n *syntax.Node) (string, bool) {
	n = syntax.Unwrap(n)
	if s, ok := file.StringValue(n); ok {
		return s, true
	}
	if !n.Is("identifier") {
		return "", false
	}
	b := file.Scopes().Of(n)
	if b == nil {
		return "", false
	}
	if arg, ok := e.env[b]; ok {
		return e.stringOf(arg.file, arg.node)
	}
	if b.Stable() && b.Init() != nil {
		return file.StringValue(syntax.Unwrap(b.Init()))
	}
	return "", false
}

// isPathFunc reports whether fn, called as method, is Node's path (or url) function of that name: path.join,
// require('path').join, a binding of path imported under any name, or join imported from path.
func (e *pathEval) isPathFunc(file *File, fn *syntax.Node, method string) bool {
	f := file.File
	sc := file.Scopes()
	if fn.Is("member_expression") {
		obj := syntax.Unwrap(fn.Child("object"))
		text := f.Text(obj)
		switch text {
		case "path", "path.posix", "path.win32", "posix", "url":
			return true
		}
		if obj.Is("member_expression") && (f.Text(obj.Child("property")) == "posix" || f.Text(obj.Child("property")) == "win32") {
			obj = syntax.Unwrap(obj.Child("object"))
		}
		return pathModule(moduleSpec(file, obj))
	}
	if !fn.Is("identifier") {
		return false
	}
	switch f.Text(fn) {
	case "join", "resolve", "pathJoin", "pathResolve", "fileURLToPath", "normalize":
		b := sc.Of(fn)
		if b == nil || b.Kind != syntax.Import {
			// A local helper of that name (const join = (...p) => path.join(...p)) is read as what it does.
			return b == nil || b.Init() == nil || !isFunctionNode(syntax.Unwrap(b.Init()))
		}
		return true
	}
	return false
}

func pathModule(spec string) bool {
	switch strings.TrimPrefix(spec, "node:") {
	case "path", "path/posix", "path/win32", "url":
		return true
	}
	return false
}

// moduleSpec returns the module a whole-module expression stands for: require('x'), or a name bound to it
// (const p = require('path'), import * as p from 'path', import p from 'path').
func moduleSpec(file *File, n *syntax.Node) string {
	n = syntax.Unwrap(n)
	f := file.File
	if n.Is("call_expression") {
		fn := n.Child("function")
		args := n.Child("arguments").NamedChildren()
		if fn.Is("identifier") && f.Text(fn) == "require" && len(args) == 1 {
			s, _ := f.StringValue(args[0])
			return s
		}
		return ""
	}
	if !n.Is("identifier") {
		return ""
	}
	b := file.Scopes().Of(n)
	if b == nil {
		return ""
	}
	if b.Kind == syntax.Import {
		p := b.Ident.Parent
		if !p.Is("import_clause", "namespace_import", "import_require_clause") {
			return ""
		}
		if src := b.Decl.Child("source"); src != nil {
			s, _ := f.StringValue(src)
			return s
		}
		if rc := b.Decl.FirstOfKind("import_require_clause"); rc != nil {
			s, _ := f.StringValue(rc.Child("source"))
			return s
		}
		return ""
	}
	if b.Stable() && b.Init() != nil {
		return moduleSpec(file, b.Init())
	}
	return ""
}

// module returns the app module a whole-module expression names (require('./config'), config bound to it),
// asking for it when it is not parsed.
func (e *pathEval) module(file *File, n *syntax.Node) *File {
	spec := moduleSpec(file, n)
	if spec == "" {
		return nil
	}
	cands := e.a.f.SpecCandidates(file.Path, spec)
	if len(cands) == 0 {
		return nil
	}
	got, _ := e.a.pick(cands)
	if got == "" {
		return nil
	}
	return e.a.f.Files[got]
}

// valueOf returns what a binding holds, in the file that defines it: the initialiser of a constant, or the value
// an imported name has in its module.
func (e *pathEval) valueOf(file *File, b *syntax.Binding) *argument {
	if b.Kind == syntax.Import {
		spec := b.Ident.Parent
		if !spec.Is("import_specifier") {
			return nil
		}
		src := b.Decl.Child("source")
		if src == nil {
			return nil
		}
		s, _ := file.StringValue(src)
		cands := e.a.f.SpecCandidates(file.Path, s)
		if len(cands) == 0 {
			return nil
		}
		got, _ := e.a.pick(cands)
		if got == "" {
			return nil
		}
		mod := e.a.f.Files[got]
		if v := Exported(mod, file.Text(spec.Child("name"))); v != nil {
			return &argument{mod, v}
		}
		return nil
	}
	if !b.Stable() {
		return nil
	}
	if b.Kind == syntax.FunctionDecl {
		return &argument{file, b.Decl}
	}
	if init := b.Init(); init != nil {
		return &argument{file, init}
	}
	// const { preloadPath } = require('./config')
	if d := b.Decl; d.Is("variable_declarator") && d.Child("name").Is("object_pattern") {
		key := b.Name
		for _, m := range d.Child("name").NamedChildren() {
			if m.Is("pair_pattern") && syntax.Unwrap(m.Child("value")) == b.Ident {
				key = file.Text(m.Child("key"))
			}
		}
		if mod := e.module(file, d.Child("value")); mod != nil {
			if v := Exported(mod, key); v != nil {
				return &argument{mod, v}
			}
		}
	}
	return nil
}

// function returns the function a callee names, when it is a helper of the app (declared in the file, or
// exported by one of its modules), with the file it is in.
func (e *pathEval) function(file *File, fn *syntax.Node) (*syntax.Node, *File) {
	var v *argument
	switch {
	case fn.Is("identifier"):
		b := file.Scopes().Of(fn)
		if b == nil {
			return nil, nil
		}
		v = e.valueOf(file, b)
	case fn.Is("member_expression"):
		if mod := e.module(file, fn.Child("object")); mod != nil {
			if x := Exported(mod, file.Text(fn.Child("property"))); x != nil {
				v = &argument{mod, x}
			}
		}
	}
	if v == nil {
		return nil, nil
	}
	body := syntax.Unwrap(v.node)
	if !isFunctionNode(body) {
		return nil, nil
	}
	return body, v.file
}

// call reads a helper's single returned expression with its parameters bound to the call's arguments.
func (e *pathEval) call(file *File, args []*syntax.Node, owner *File, fn *syntax.Node, depth int) []pathExpr {
	ret := returned(fn)
	if ret == nil {
		return nil
	}
	var params []*syntax.Node
	if p := fn.Child("parameter"); p != nil {
		params = []*syntax.Node{p}
	} else if ps := fn.Child("parameters"); ps != nil {
		params = ps.NamedChildren()
	}
	for i, p := range params {
		id := p
		if p.Is("required_parameter", "optional_parameter") {
			id = p.Child("pattern")
		}
		if !id.Is("identifier") || i >= len(args) {
			continue
		}
		if b := owner.Scopes().Of(id); b != nil {
			e.env[b] = argument{file, args[i]}
		}
	}
	return e.eval(owner, ret, depth+1)
}

// returned returns the expression a function returns when its body is that one return (or an arrow's
// expression body).
func returned(fn *syntax.Node) *syntax.Node {
	body := fn.Child("body")
	if body == nil {
		return nil
	}
	if !body.Is("statement_block") {
		return body
	}
	stmts := body.NamedChildren()
	var ret *syntax.Node
	for _, st := range stmts {
		switch {
		case st.Is("comment"):
		case st.Is("return_statement") && ret == nil:
			ret = st
		default:
			return nil
		}
	}
	if ret == nil || len(ret.NamedChildren()) == 0 {
		return nil
	}
	return ret.NamedChildren()[0]
}

func isFunctionNode(n *syntax.Node) bool {
	return n.Is("function_declaration", "function_expression", "function", "arrow_function",
		"generator_function_declaration")
}

// joinAlternative turns one alternative into a slash path relative to the root; "" when it leaves the root.
func (a *analysis) joinAlternative(from string, alt pathExpr) string {
	if len(alt) == 0 {
		return ""
	}
	var base string
	switch {
	case strings.HasPrefix(alt[0], dirPrefix):
		base = strings.TrimPrefix(alt[0], dirPrefix)
	case alt[0] == baseApp:
		base = a.appDir(from)
	default:
		return ""
	}
	joined := path.Join(append([]string{base}, alt[1:]...)...)
	if joined == ".." || strings.HasPrefix(joined, "../") || path.IsAbs(joined) {
		return ""
	}
	return joined
}

// appDir is the directory app.getAppPath() returns when the app runs from source: the nearest directory above
// the main file that holds a package.json, or the root.
func (a *analysis) appDir(from string) string {
	if a.f.Root == "" {
		return "."
	}
	for dir := path.Dir(from); ; dir = path.Dir(dir) {
		if _, err := os.Stat(filepath.Join(a.f.Root, filepath.FromSlash(dir), "package.json")); err == nil {
			return dir
		}
		if dir == "." || dir == "/" {
			return "."
		}
	}
}

var (
	jsExts     = []string{".js", ".ts", ".mjs", ".cjs", ".mts", ".cts", ".jsx", ".tsx"}
	builtExtRe = regexp.MustCompile(`\.(c|m)?js$`)
)

// candidates lists the files a path may mean, best first: the path itself, then, for build output (.js, .mjs,
// .cjs), the source files a bundler or tsc compiles to it (same name, TypeScript or JSX extension), then for a
// path without extension the files Node's resolution would try. swapped reports, per candidate, whether it came
// from the build-output mapping (a heuristic).
func candidates(p string) (paths []string, swapped []bool) {
	add := func(c string, h bool) {
		for _, x := range paths {
			if x == c {
				return
			}
		}
		paths = append(paths, c)
		swapped = append(swapped, h)
	}
	add(p, false)
	ext := path.Ext(p)
	switch {
	case builtExtRe.MatchString(p):
		stem := strings.TrimSuffix(p, ext)
		for _, e := range jsExts {
			add(stem+e, true)
		}
	case ext == "" || !isJSExt(ext):
		for _, e := range jsExts {
			add(p+e, false)
		}
		// Bundlers for Vue and Svelte apps resolve components without their extension too.
		add(p+".vue", false)
		add(p+".svelte", false)
		for _, e := range jsExts {
			add(p+"/index"+e, false)
		}
		add(p+"/index.vue", false)
	}
	return paths, swapped
}

func isJSExt(ext string) bool {
	for _, e := range jsExts {
		if e == ext {
			return true
		}
	}
	return false
}

// Import is one module a file loads: require('x'), import … from 'x', export … from 'x', import('x').
type Import struct {
	Spec string
	// Node is the require or import() call, or the import/export statement.
	Node *syntax.Node
	// Source is the string literal naming the module.
	Source *syntax.Node
}

// Imports lists the modules a file loads with a literal name, in source order. require (or webpack's
// __non_webpack_require__) must be the global one.
func Imports(file *File) []Import {
	// A file's tree never changes once parsed, and the analysis asks again in every round.
	file.importsOnce.Do(func() { file.imports = imports(file) })
	return slices.Clip(file.imports)
}

func imports(file *File) []Import {
	var out []Import
	sc := file.Scopes()
	file.Root.Walk(func(n *syntax.Node) bool {
		switch n.Kind {
		case "import_statement", "export_statement":
			if src := n.Child("source"); src != nil {
				if s, ok := file.StringValue(src); ok {
					out = append(out, Import{Spec: s, Node: n, Source: src})
				}
			}
			if rc := n.FirstOfKind("import_require_clause"); rc != nil {
				if s, ok := file.StringValue(rc.Child("source")); ok {
					out = append(out, Import{Spec: s, Node: n, Source: rc.Child("source")})
				}
			}
		case "call_expression":
			fn := n.Child("function")
			// webpack leaves __non_webpack_require__ as Node's own require.
			isRequire := fn.Is("identifier") && (file.Text(fn) == "require" || file.Text(fn) == "__non_webpack_require__") &&
				sc.IsFree(fn)
			if isRequire || (fn.Is("import") && !inType(n)) {
				args := n.Child("arguments").NamedChildren()
				if len(args) >= 1 {
					if s, ok := file.StringValue(args[0]); ok {
						out = append(out, Import{Spec: s, Node: n, Source: args[0]})
					}
				}
			}
		}
		return true
	})
	return out
}

// inType reports whether n sits in a TypeScript type (type T = import('./x').T), which loads nothing.
func inType(n *syntax.Node) bool {
	return n.Ancestor("type_alias_declaration", "type_annotation", "type_arguments", "interface_declaration",
		"type_query", "lookup_type", "generic_type", "nested_type_identifier") != nil
}

// IsRelative reports whether a module specifier names a file of the app ('./x', '../x').
func IsRelative(spec string) bool {
	return strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") || spec == "." || spec == ".."
}

// moduleCandidates lists the files a relative specifier in file from may load, best first.
func moduleCandidates(from, spec string) []string {
	p := path.Join(path.Dir(from), spec)
	if p == ".." || strings.HasPrefix(p, "../") {
		return nil
	}
	paths, _ := candidates(p)
	return paths
}
