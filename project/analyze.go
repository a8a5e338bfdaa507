package project

import (
	"bytes"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/isolate-dev/isolate/syntax"
)

// Keywords are the byte strings that make a source file worth parsing: a file containing none of them cannot be
// main, preload or Electron-aware renderer code. Checking them is far cheaper than parsing.
var Keywords = [][]byte{
	[]byte("electron"),
	[]byte("BrowserWindow"),
	[]byte("BrowserView"),
	[]byte("WebContentsView"),
	[]byte("ipcRenderer"),
	[]byte("ipcMain"),
	[]byte("contextBridge"),
	[]byte("preload"),
}

// Relevant reports whether src contains one of the Keywords.
func Relevant(src []byte) bool {
	for _, k := range Keywords {
		if bytes.Contains(src, k) {
			return true
		}
	}
	return false
}

// windowConstructors are the classes whose options carry webPreferences.
var windowConstructors = map[string]bool{"BrowserWindow": true, "BrowserView": true, "WebContentsView": true}

// Analyze finds the roles of the parsed files and the windows main code creates. It returns the paths of preload
// files that windows name but that are not parsed yet (they may lack every keyword); the caller parses them and
// calls Analyze again.
func Analyze(f *Facts) (more []string) {
	f.Windows = nil
	for _, p := range f.Paths() {
		file := f.Files[p]
		file.Role, file.Why, file.Heuristic = 0, "", false
	}
	for _, p := range f.Paths() {
		file := f.Files[p]
		for _, n := range file.Root.Find("new_expression") {
			ctor := syntax.Unwrap(n.Child("constructor"))
			name := file.Text(ctor)
			if ctor.Is("member_expression") {
				name = file.Text(ctor.Child("property"))
			}
			if !windowConstructors[name] {
				continue
			}
			w := &Window{File: p, Constructor: name, New: n}
			w.Options = followObject(file.File, firstArg(n))
			w.WebPreferences = followObject(file.File, property(file.File, w.Options, "webPreferences"))
			if expr := property(file.File, w.WebPreferences, "preload"); expr != nil {
				w.PreloadExpr = expr
				w.Preload = resolvePath(file.File, expr)
			}
			f.Windows = append(f.Windows, w)
			if !file.Role.Has(Main) {
				file.Role |= Main
				file.Why = "creates a " + name
			}
		}
	}
	for _, w := range f.Windows {
		if w.Preload == "" {
			continue
		}
		pre, ok := f.Files[w.Preload]
		if !ok {
			more = append(more, w.Preload)
			continue
		}
		if !pre.Role.Has(Preload) {
			pre.Role |= Preload
			pre.Why = joinWhy(pre.Why, "preload of "+w.File+":"+strconv.Itoa(w.Line(f)))
		}
	}
	// Only when no window names a preload that exists: fall back to the file name, and say so.
	if len(f.WithRole(Preload)) == 0 {
		for _, p := range f.Paths() {
			file := f.Files[p]
			base := strings.ToLower(path.Base(p))
			if strings.HasPrefix(base, "preload") && file.Role == 0 {
				file.Role |= Preload
				file.Heuristic = true
				file.Why = "named " + path.Base(p) + " (no window's webPreferences.preload could be resolved to it)"
			}
		}
	}
	return more
}

// Line is the line of the window's constructor call, for messages.
func (w *Window) Line(f *Facts) int {
	return f.Files[w.File].Pos(w.New.Start).Line
}

func joinWhy(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func firstArg(call *syntax.Node) *syntax.Node {
	args := call.Child("arguments")
	if args == nil {
		return nil
	}
	named := args.NamedChildren()
	if len(named) == 0 {
		return nil
	}
	return named[0]
}

// followObject returns the object literal n is, or the object literal an identifier n is initialised with in the
// same file (const opts = {...}); nil when it cannot be followed.
func followObject(f *syntax.File, n *syntax.Node) *syntax.Node {
	n = syntax.Unwrap(n)
	if n == nil {
		return nil
	}
	if n.Is("object") {
		return n
	}
	if !n.Is("identifier") {
		return nil
	}
	name := f.Text(n)
	var found *syntax.Node
	f.Root.Walk(func(d *syntax.Node) bool {
		if found != nil {
			return false
		}
		if d.Is("variable_declarator") && f.Text(d.Child("name")) == name {
			if v := syntax.Unwrap(d.Child("value")); v.Is("object") {
				found = v
			}
			return false
		}
		return true
	})
	return found
}

// property returns the value of the last property named key in an object literal (the last one wins in
// JavaScript), or nil.
func property(f *syntax.File, obj *syntax.Node, key string) *syntax.Node {
	if obj == nil {
		return nil
	}
	var val *syntax.Node
	for _, c := range obj.NamedChildren() {
		switch c.Kind {
		case "pair":
			k := c.Child("key")
			name := f.Text(k)
			if s, ok := f.StringValue(k); ok {
				name = s
			}
			if name == key {
				val = c.Child("value")
			}
		case "shorthand_property_identifier":
			if f.Text(c) == key {
				val = c
			}
		}
	}
	return val
}

// resolvePath resolves a preload expression relative to the file it is written in: path.join(__dirname, 'a.js'),
// path.resolve(__dirname, 'a'), __dirname + '/a.js' and `${__dirname}/a.js`. It returns a slash path relative to the
// root, or "" when the expression is not one of those forms.
func resolvePath(f *syntax.File, expr *syntax.Node) string {
	parts, ok := pathParts(f, syntax.Unwrap(expr))
	if !ok || len(parts) == 0 || parts[0] != "__dirname" {
		return ""
	}
	joined := path.Join(append([]string{path.Dir(f.Path)}, parts[1:]...)...)
	if strings.HasPrefix(joined, "../") || joined == ".." {
		return ""
	}
	return joined
}

func pathParts(f *syntax.File, n *syntax.Node) ([]string, bool) {
	switch {
	case n.Is("identifier") && f.Text(n) == "__dirname":
		return []string{"__dirname"}, true
	case n.Is("call_expression"):
		callee := f.Text(n.Child("function"))
		if callee != "path.join" && callee != "path.resolve" && callee != "join" && callee != "resolve" {
			return nil, false
		}
		var parts []string
		for _, a := range n.Child("arguments").NamedChildren() {
			sub, ok := pathParts(f, syntax.Unwrap(a))
			if !ok {
				return nil, false
			}
			parts = append(parts, sub...)
		}
		return parts, true
	case n.Is("binary_expression") && f.Text(n.Child("operator")) == "+":
		l, ok1 := pathParts(f, syntax.Unwrap(n.Child("left")))
		r, ok2 := pathParts(f, syntax.Unwrap(n.Child("right")))
		if !ok1 || !ok2 {
			return nil, false
		}
		return append(l, r...), true
	case n.Is("template_string"):
		var parts []string
		last := n.Start + 1
		for _, c := range n.Children {
			if c.Kind != "template_substitution" {
				continue
			}
			if lit := string(f.Src[last:c.Start]); lit != "" {
				parts = append(parts, lit)
			}
			inner := c.NamedChildren()
			if len(inner) != 1 {
				return nil, false
			}
			sub, ok := pathParts(f, syntax.Unwrap(inner[0]))
			if !ok {
				return nil, false
			}
			parts = append(parts, sub...)
			last = c.End
		}
		if lit := string(f.Src[last : n.End-1]); lit != "" {
			parts = append(parts, lit)
		}
		return parts, true
	}
	if s, ok := f.StringValue(n); ok {
		return []string{s}, true
	}
	return nil, false
}

var versionRe = regexp.MustCompile(`(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?`)

// ElectronVersion reads the Electron version an app depends on from package.json in root (dependencies or
// devDependencies), preferring the exact version a lockfile resolved when there is one.
func ElectronVersion(root string) Version {
	if v, ok := lockedVersion(root); ok {
		return v
	}
	data, err := os.ReadFile(filepath.Join(root, "package.json"))
	if err != nil {
		return Version{}
	}
	var pkg struct {
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
	}
	if json.Unmarshal(data, &pkg) != nil {
		return Version{}
	}
	raw, ok := pkg.DevDependencies["electron"]
	if !ok {
		raw, ok = pkg.Dependencies["electron"]
	}
	if !ok {
		return Version{}
	}
	v := parseVersion(raw)
	v.Source = "package.json"
	return v
}

func lockedVersion(root string) (Version, bool) {
	data, err := os.ReadFile(filepath.Join(root, "package-lock.json"))
	if err != nil {
		return Version{}, false
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
		Dependencies map[string]struct {
			Version string `json:"version"`
		} `json:"dependencies"`
	}
	if json.Unmarshal(data, &lock) != nil {
		return Version{}, false
	}
	raw := lock.Packages["node_modules/electron"].Version
	if raw == "" {
		raw = lock.Dependencies["electron"].Version
	}
	if raw == "" {
		return Version{}, false
	}
	v := parseVersion(raw)
	v.Source = "package-lock.json"
	return v, v.Known
}

// parseVersion reads the lowest version a semver range allows (^11.2.0 → 11.2.0): that is the version whose
// defaults the app must be safe under.
func parseVersion(raw string) Version {
	v := Version{Raw: raw}
	m := versionRe.FindStringSubmatch(raw)
	if m == nil {
		return v
	}
	v.Major, _ = strconv.Atoi(m[1])
	v.Minor, _ = strconv.Atoi(m[2])
	v.Patch, _ = strconv.Atoi(m[3])
	v.Known = true
	return v
}
