package project

import (
	"path"
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/syntax"
)

// windowPages fills in the pages a window loads, from the loadFile and loadURL calls made on the variable (or
// this.member) the window is assigned to in its file.
func (a *analysis) windowPages(w *Window) {
	w.Pages, w.PagesKnown, w.BuiltPages = nil, false, nil
	file := a.f.Files[w.File]
	binding, member := a.windowTarget(file, w.New)
	if binding == nil && member == "" {
		return
	}
	// Two windows kept in one variable: their loads cannot be told apart.
	idx := a.windowLoads(file)
	key := windowKey{binding, member}
	if idx.windows[key] > 1 {
		return
	}
	known := true
	seen := map[string]bool{}
	for _, lc := range idx.loads[key] {
		call, method := lc.call, lc.method
		p := ""
		if arg := firstArg(call); arg != nil {
			p = a.loadedPage(file, method, arg)
		}
		if p == "" {
			known = false
			if method == "loadURL" && builtInCode(file, firstArg(call)) {
				w.BuiltPages = append(w.BuiltPages, firstArg(call))
			}
			continue
		}
		if !seen[p] {
			seen[p] = true
			w.Pages = append(w.Pages, p)
		}
	}
	sort.Strings(w.Pages)
	w.PagesKnown = known && len(w.Pages) > 0
	if !w.PagesKnown {
		w.Pages = nil
	}
}

// windowKey is what a window is kept in: a binding of its file, or a member written the same everywhere.
type windowKey struct {
	binding *syntax.Binding
	member  string
}

// loadIndex holds, for one file of main code, how many of its windows are kept in each target and its
// win.loadFile and win.loadURL calls by the target they are called on, in source order. windowPages reads it for
// every window: searching the file once per window grew with the square of the windows.
type loadIndex struct {
	windows map[windowKey]int
	loads   map[windowKey][]loadCall
}

type loadCall struct {
	call   *syntax.Node
	method string
}

func (a *analysis) windowLoads(file *File) *loadIndex {
	if idx := a.loadIndexes[file]; idx != nil {
		return idx
	}
	idx := &loadIndex{windows: map[windowKey]int{}, loads: map[windowKey][]loadCall{}}
	for _, o := range a.f.Windows {
		if o.File != file.Path {
			continue
		}
		if b, m := a.windowTarget(file, o.New); b != nil || m != "" {
			idx.windows[windowKey{b, m}]++
		}
	}
	for _, call := range file.Root.Find("call_expression") {
		fn := syntax.Unwrap(call.Child("function"))
		if !fn.Is("member_expression") {
			continue
		}
		method := file.Text(fn.Child("property"))
		if method != "loadFile" && method != "loadURL" {
			continue
		}
		obj := syntax.Unwrap(fn.Child("object"))
		if obj.Is("member_expression") && file.Text(obj.Child("property")) == "webContents" {
			obj = syntax.Unwrap(obj.Child("object"))
		}
		var key windowKey
		switch {
		case obj.Is("identifier"):
			if key.binding = file.Scopes().Of(obj); key.binding == nil {
				continue
			}
		case obj.Is("member_expression"):
			key.member = file.Text(obj)
		default:
			continue
		}
		idx.loads[key] = append(idx.loads[key], loadCall{call, method})
	}
	if a.loadIndexes == nil {
		a.loadIndexes = map[*File]*loadIndex{}
	}
	a.loadIndexes[file] = idx
	return idx
}

// builtInCode reports whether a loadURL argument is a page made by main code: a data: URL, written out or held
// by a variable of the file (const page = 'data:text/html,' + encodeURIComponent(html)).
func builtInCode(file *File, arg *syntax.Node) bool {
	arg = syntax.Unwrap(arg)
	if arg == nil {
		return false
	}
	if arg.Is("identifier") {
		if init := file.Scopes().Of(arg).Init(); init != nil {
			arg = init
		}
	}
	return strings.Contains(file.Text(arg), "data:")
}

// windowTarget returns what a new window is assigned to: a binding of the file (const win = new …, let w; w =
// new …) or a member written the same everywhere (this.win = new …).
func (a *analysis) windowTarget(file *File, n *syntax.Node) (*syntax.Binding, string) {
	for n.Parent != nil && n.Parent.Is("parenthesized_expression", "as_expression", "non_null_expression", "satisfies_expression") {
		n = n.Parent
	}
	p := n.Parent
	switch {
	case p.Is("variable_declarator") && p.Child("value") == n && p.Child("name").Is("identifier"):
		return file.Scopes().Of(p.Child("name")), ""
	case p.Is("assignment_expression") && p.Child("right") == n:
		left := syntax.Unwrap(p.Child("left"))
		if left.Is("identifier") {
			return file.Scopes().Of(left), ""
		}
		if left.Is("member_expression") {
			return nil, file.Text(left)
		}
	}
	return nil, ""
}

// loadedPage resolves the argument of win.loadFile or win.loadURL to a page of the app, or "".
func (a *analysis) loadedPage(file *File, method string, arg *syntax.Node) string {
	alts, ok := a.loadAlternatives(file, method, syntax.Unwrap(arg), 0)
	if !ok || len(alts) == 0 {
		return ""
	}
	page := ""
	for _, alt := range alts {
		p := a.joinAlternative(file.Path, alt)
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p = p[:i]
		}
		if _, ok := a.f.Pages[p]; !ok || (page != "" && p != page) {
			return "" // a page not in the tree, or one call that may load either of two pages
		}
		page = p
	}
	return page
}

// loadAlternatives reads what a load call names: for loadFile a path (a string is relative to the app's
// directory), for loadURL a file: URL (`file://${__dirname}/index.html`, 'file://' + path.join(…),
// url.format({ pathname: …, protocol: 'file:' })). A choice must be readable both ways.
func (a *analysis) loadAlternatives(file *File, method string, n *syntax.Node, depth int) ([]pathExpr, bool) {
	if n == nil || depth > 8 {
		return nil, false
	}
	e := &pathEval{a: a, env: map[*syntax.Binding]argument{}, strict: true}
	f := file.File
	if s, ok := f.StringValue(n); ok {
		if method == "loadURL" {
			return nil, false // http(s), a dev server, or an absolute file: URL
		}
		if s == "" || path.IsAbs(s) {
			return nil, false
		}
		return []pathExpr{{baseApp, s}}, true
	}
	switch {
	case n.Is("ternary_expression"):
		yes, ok1 := a.loadAlternatives(file, method, syntax.Unwrap(n.Child("consequence")), depth+1)
		no, ok2 := a.loadAlternatives(file, method, syntax.Unwrap(n.Child("alternative")), depth+1)
		return append(yes, no...), ok1 && ok2
	case n.Is("identifier"):
		if b := file.Scopes().Of(n); b.Stable() && b.Init() != nil {
			return a.loadAlternatives(file, method, syntax.Unwrap(b.Init()), depth+1)
		}
	case method == "loadURL" && n.Is("binary_expression"):
		pieces := flattenConcat(n)
		if s, ok := f.StringValue(pieces[0]); ok && s == "file://" && len(pieces) > 1 {
			alts := e.concat(file, pieces[1:], depth)
			return alts, alts != nil
		}
		return nil, false
	case method == "loadURL" && n.Is("call_expression"):
		fn := syntax.Unwrap(n.Child("function"))
		args := n.Child("arguments").NamedChildren()
		if fn.Is("member_expression") && f.Text(fn.Child("property")) == "format" && len(args) == 1 {
			obj := syntax.Unwrap(args[0])
			proto, _ := f.StringValue(property(f, obj, "protocol"))
			if !obj.Is("object") || proto != "file:" && proto != "file" {
				return nil, false
			}
			alts := e.eval(file, property(f, obj, "pathname"), depth)
			return alts, alts != nil
		}
	}
	if method == "loadURL" && (!n.Is("template_string") || !strings.HasPrefix(strings.TrimPrefix(f.Text(n), "`"), "file://")) {
		return nil, false
	}
	alts := e.eval(file, n, depth)
	return alts, alts != nil
}

// flattenConcat lists the operands of a chain of + (a + b + c → [a b c]).
func flattenConcat(n *syntax.Node) []*syntax.Node {
	n = syntax.Unwrap(n)
	if n.Is("binary_expression") && n.Child("operator") != nil && n.Child("operator").Kind == "+" {
		return append(flattenConcat(n.Child("left")), syntax.Unwrap(n.Child("right")))
	}
	return []*syntax.Node{n}
}

// PageCode returns the code a set of pages runs: the files their scripts resolved to and the modules those
// import, transitively, test code left out, sorted by path.
func (f *Facts) PageCode(pages []string) []*File {
	seen := map[string]bool{}
	var queue []*File
	for _, p := range pages {
		pg := f.Pages[p]
		if pg == nil {
			continue
		}
		for _, c := range pg.Code {
			if file := f.Files[c]; file != nil && !seen[c] {
				seen[c] = true
				queue = append(queue, file)
			}
		}
	}
	var out []*File
	for len(queue) > 0 {
		file := queue[0]
		queue = queue[1:]
		if file.Role.Has(Test) {
			continue
		}
		out = append(out, file)
		for _, imp := range Imports(file) {
			if TypeOnlyImport(file, imp.Node) {
				continue
			}
			if dep := f.ResolveImportOf(file, imp); dep != nil && !seen[dep.Path] {
				seen[dep.Path] = true
				queue = append(queue, dep)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
