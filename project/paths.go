package project

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/isolate-dev/isolate/syntax"
)

// pathExpr is one way a path expression can evaluate: a base ("__dirname" or "<app>") and the parts joined to it.
type pathExpr []string

const (
	baseDirname = "__dirname"
	baseApp     = "<app>"
)

// pathAlternatives reads a path expression: path.join(__dirname, 'a.js'), path.resolve(__dirname, 'a'),
// __dirname + '/a.js', `${__dirname}/a.js`, join(app.getAppPath(), 'a.js'), fileURLToPath(new URL('./a.js',
// import.meta.url)), a constant holding one of those, and `cond ? a : b` (both ways). It returns nil when the
// expression is none of those.
func pathAlternatives(file *File, n *syntax.Node, depth int) []pathExpr {
	n = syntax.Unwrap(n)
	if n == nil || depth > 8 {
		return nil
	}
	f := file.File
	switch {
	case n.Is("identifier"):
		if f.Text(n) == "__dirname" {
			// Either Node's __dirname or the ESM idiom const __dirname = dirname(fileURLToPath(import.meta.url)).
			return []pathExpr{{baseDirname}}
		}
		b := file.Scopes().Of(n)
		if b == nil || !b.Stable() || b.Init() == nil {
			return nil
		}
		return pathAlternatives(file, b.Init(), depth+1)
	case n.Is("member_expression"):
		if f.Text(n) == "import.meta.dirname" {
			return []pathExpr{{baseDirname}}
		}
		return nil
	case n.Is("ternary_expression"):
		return append(pathAlternatives(file, n.Child("consequence"), depth+1),
			pathAlternatives(file, n.Child("alternative"), depth+1)...)
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
		return []pathExpr{{baseDirname, s}}
	case n.Is("call_expression"):
		callee := f.Text(n.Child("function"))
		args := n.Child("arguments").NamedChildren()
		switch {
		case strings.HasSuffix(callee, "getAppPath") && len(args) == 0:
			return []pathExpr{{baseApp}}
		case (callee == "fileURLToPath" || callee == "url.fileURLToPath" || callee == "path.normalize" ||
			callee == "normalize") && len(args) == 1:
			return pathAlternatives(file, args[0], depth+1)
		case isJoin(callee):
			alts := []pathExpr{nil}
			for _, a := range args {
				subs := pathAlternatives(file, a, depth+1)
				if subs == nil {
					s, ok := f.StringValue(a)
					if !ok {
						return nil
					}
					subs = []pathExpr{{s}}
				}
				var next []pathExpr
				for _, alt := range alts {
					for _, sub := range subs {
						if len(sub) > 0 && (sub[0] == baseDirname || sub[0] == baseApp) {
							// An absolute base restarts the path, as path.resolve and path.join of absolute parts do.
							next = append(next, append(pathExpr(nil), sub...))
							continue
						}
						next = append(next, append(append(pathExpr(nil), alt...), sub...))
					}
				}
				alts = next
			}
			return alts
		}
		return nil
	case n.Is("binary_expression") && f.Text(n.Child("operator")) == "+":
		return concatAlternatives(file, []*syntax.Node{n.Child("left"), n.Child("right")}, depth)
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
		return concatAlternatives(file, pieces, depth)
	}
	return nil
}

func isJoin(callee string) bool {
	switch callee {
	case "path.join", "path.resolve", "join", "resolve", "path.posix.join", "path.posix.resolve", "posix.join",
		"path.win32.join", "pathJoin", "pathResolve":
		return true
	}
	return false
}

// concatAlternatives reads string concatenation: every piece but the first must be a literal.
func concatAlternatives(file *File, pieces []*syntax.Node, depth int) []pathExpr {
	if len(pieces) == 0 {
		return nil
	}
	var alts []pathExpr
	first := syntax.Unwrap(pieces[0])
	if first.Is("string_fragment") {
		return nil // a relative literal first: resolved against the working directory, which we cannot know
	}
	alts = pathAlternatives(file, first, depth+1)
	if alts == nil {
		return nil
	}
	var lit strings.Builder
	for _, p := range pieces[1:] {
		p = syntax.Unwrap(p)
		switch {
		case p.Is("string_fragment"):
			lit.WriteString(file.Text(p))
		default:
			s, ok := file.StringValue(p)
			if !ok {
				return nil
			}
			lit.WriteString(s)
		}
	}
	for i := range alts {
		alts[i] = append(alts[i], lit.String())
	}
	return alts
}

// joinAlternative turns one alternative into a slash path relative to the root; "" when it leaves the root.
func (a *analysis) joinAlternative(from string, alt pathExpr) string {
	if len(alt) == 0 {
		return ""
	}
	var base string
	switch alt[0] {
	case baseDirname:
		base = path.Dir(from)
	case baseApp:
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
		for _, e := range jsExts {
			add(p+"/index"+e, false)
		}
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

// Imports lists the modules a file loads with a literal name, in source order. require must be the global one.
func Imports(file *File) []Import {
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
			isRequire := fn.Is("identifier") && file.Text(fn) == "require" && sc.IsFree(fn)
			if isRequire || fn.Is("import") {
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
