package exposure

import (
	"fmt"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/knowledge"
	"github.com/isolate-dev/isolate/syntax"
)

// classifyValue looks at a value a preload puts on the page (or passes to exposeInMainWorld) and returns what is
// wrong with it: Node and Electron APIs (expose-node-api), and values the bridge does not carry as they are
// (bridge-value: class instances, classes, Proxies, Symbols, getters, methods that use this, data the preload
// changes later). label names the value for messages (api.save).
func classifyValue(facts *project.Facts, pf *project.File, v *syntax.Node, label string, visited map[*syntax.Node]bool) []finding {
	c := &classifier{Facts: facts, pf: pf, visited: visited}
	c.value(v, label, v)
	return c.out
}

type classifier struct {
	Facts   *project.Facts
	pf      *project.File
	visited map[*syntax.Node]bool
	out     []finding
}

func (c *classifier) report(rule string, at *syntax.Node, key, msg string) {
	c.out = append(c.out, finding{rule: rule, node: at, msg: msg, Key: strings.SplitN(key, ".", 2)[0]})
}

func (c *classifier) nodeAPI(at *syntax.Node, label, what, advice string) {
	extra := ""
	if strings.Contains(what, "ipcRenderer") {
		extra = " (and since Electron 29 ipcRenderer arrives on the page as an empty object anyway)"
	}
	c.report("expose-node-api", at, label, fmt.Sprintf("puts %s on the page as %s: every script the page runs, injected or third-party code included, can use it%s; %s", what, label, extra, advice))
}

const oneMethodPerMessage = "expose one function per IPC message instead (save: (data) => ipcRenderer.invoke('save', data)) and do the privileged work in main"

// moduleAdvice is what to do instead of exposing a module.
func moduleAdvice(spec string) string {
	if knowledge.IsElectronModule(spec) {
		return oneMethodPerMessage
	}
	return "move the work into the main process behind ipcMain.handle and expose one function per operation"
}

func (c *classifier) value(v *syntax.Node, label string, at *syntax.Node) {
	v = syntax.Unwrap(v)
	if v == nil || c.visited[v] {
		return
	}
	if ipcReplaces(c.Facts, v) {
		// The whole ipcRenderer, which ipc-passthrough replaces with one method per channel.
		return
	}
	c.visited[v] = true
	f := c.pf.File
	sc := c.pf.Scopes()
	switch v.Kind {
	case "identifier", "shorthand_property_identifier":
		name := f.Text(v)
		b := sc.Of(v)
		if b == nil {
			switch name {
			case "require":
				c.nodeAPI(at, label, "Node's require", "with it a page script can load fs or child_process; "+moduleAdvice("fs"))
			case "process":
				c.nodeAPI(at, label, "Node's process object", "expose only the values the page needs (versions: { node: process.versions.node })")
			case "Buffer":
				c.report("bridge-value", at, label, fmt.Sprintf("puts the Buffer class on the page as %s: classes and constructors do not cross the bridge; expose functions that take and return Uint8Array instead", label))
			case "Proxy", "Symbol":
				c.report("bridge-value", at, label, fmt.Sprintf("puts the %s constructor on the page as %s, which the bridge cannot carry", name, label))
			}
			return
		}
		c.binding(b, v, label, at)
	case "member_expression":
		obj := syntax.Unwrap(v.Child("object"))
		prop := f.Text(v.Child("property"))
		if spec := c.moduleOf(obj); spec != "" {
			if knowledge.IsElectronModule(spec) {
				c.nodeAPI(at, label, "Electron's "+prop+" module", oneMethodPerMessage)
			} else if knowledge.IsNodeBuiltin(spec) {
				c.nodeAPI(at, label, prop+" from Node's "+spec+" module", moduleAdvice(spec))
			}
			return
		}
		if obj.Is("identifier") && sc.IsFree(obj) && f.Text(obj) == "process" && (prop == "env" || prop == "mainModule") {
			c.nodeAPI(at, label, "process."+prop, "expose only the values the page needs")
		}
	case "call_expression":
		fn := syntax.Unwrap(v.Child("function"))
		args := v.Child("arguments").NamedChildren()
		if fn.Is("identifier") && f.Text(fn) == "require" && sc.IsFree(fn) && len(args) > 0 {
			if spec, ok := f.StringValue(args[0]); ok {
				c.module(spec, label, at)
			}
			return
		}
		name := f.Text(fn)
		switch {
		case name == "Symbol" || name == "Symbol.for":
			c.report("bridge-value", at, label, fmt.Sprintf("puts a Symbol on the page as %s: Symbols cannot be copied across contexts and are dropped; use a string", label))
		case name == "Object.create" || name == "Object.setPrototypeOf":
			c.report("bridge-value", at, label, fmt.Sprintf("gives %s a custom prototype, which the bridge drops (only own enumerable properties are copied); expose a plain object", label))
		case fn.Is("member_expression") && f.Text(fn.Child("property")) == "bind":
			c.value(fn.Child("object"), label, at)
		}
	case "new_expression":
		ctor := syntax.Unwrap(v.Child("constructor"))
		name := f.Text(ctor)
		if ctor.Is("member_expression") {
			name = f.Text(ctor.Child("property"))
		}
		switch {
		case name == "Proxy":
			c.report("bridge-value", at, label, fmt.Sprintf("puts a Proxy on the page as %s: the bridge cannot copy Proxies; expose a plain object with one function per operation", label))
		case knowledge.CloneableConstructors[name] && (!ctor.Is("identifier") || sc.IsFree(ctor)):
		default:
			c.report("bridge-value", at, label, fmt.Sprintf("puts an instance of %s on the page as %s: the bridge copies only its own fields and drops its prototype, so its methods are missing on the page; expose an object of plain functions that call the instance", name, label))
		}
	case "class", "class_declaration":
		c.report("bridge-value", at, label, fmt.Sprintf("puts a class on the page as %s: classes and constructors do not work across the bridge; expose factory functions that return plain data", label))
	case "object":
		for _, m := range v.NamedChildren() {
			switch m.Kind {
			case "pair":
				key := m.Child("key")
				sub := label + "." + project.KeyName(f, m)
				if key.Is("computed_property_name") {
					if strings.Contains(f.Text(key), "Symbol") {
						c.report("bridge-value", m, label, fmt.Sprintf("gives %s a Symbol-keyed member (%s), which the bridge drops; use a string key", label, f.Text(key)))
						continue
					}
					sub = label + f.Text(key)
				}
				c.value(m.Child("value"), sub, m)
			case "shorthand_property_identifier":
				c.value(m, label+"."+f.Text(m), m)
			case "method_definition":
				name := f.Text(m.Child("name"))
				if first := m.Children[0]; first.Kind == "get" || first.Kind == "set" {
					what := "getter"
					if first.Kind == "set" {
						what = "setter"
					}
					c.report("bridge-value", m, label, fmt.Sprintf("defines %s.%s as a %s: the bridge reads a getter once when the API is exposed and freezes the value (setters are dropped), so the page never sees later values; make it a function (get%s()) instead", label, name, what, codemod.UpperFirst(name)))
					continue
				}
				if strings.Contains(f.Text(m.Child("name")), "Symbol") {
					c.report("bridge-value", m, label, fmt.Sprintf("gives %s a Symbol-keyed method, which the bridge drops", label))
					continue
				}
				c.usesThis(m, label+"."+name)
				c.crossing(m, label+"."+name)
			case "spread_element":
				inner := m.NamedChildren()
				if len(inner) == 1 {
					c.value(inner[0], label, m)
				}
			}
		}
	case "array":
		for i, e := range v.NamedChildren() {
			c.value(e, fmt.Sprintf("%s[%d]", label, i), e)
		}
	case "function_expression", "function", "generator_function":
		c.usesThis(v, label)
		c.crossing(v, label)
	case "arrow_function":
		c.crossing(v, label)
	case "ternary_expression":
		c.value(v.Child("consequence"), label, v.Child("consequence"))
		c.value(v.Child("alternative"), label, v.Child("alternative"))
	case "binary_expression":
		if isLogical(f.Text(v.Child("operator"))) {
			c.value(v.Child("left"), label, v.Child("left"))
			c.value(v.Child("right"), label, v.Child("right"))
		}
	}
}

// module reports exposing a whole module loaded with require(spec).
func (c *classifier) module(spec, label string, at *syntax.Node) {
	switch {
	case knowledge.IsElectronModule(spec):
		what := "the whole electron module"
		if strings.Contains(spec, "remote") {
			what = "the remote module"
		}
		c.nodeAPI(at, label, what, oneMethodPerMessage)
	case knowledge.IsNodeBuiltin(spec):
		if pureNodeModules[strings.TrimPrefix(spec, "node:")] {
			c.out = append(c.out, finding{rule: "expose-node-api", node: at, Key: strings.SplitN(label, ".", 2)[0], sev: codemod.Info, advisory: true,
				msg: fmt.Sprintf("puts Node's %s module on the page as %s: it only computes on strings, so this is safe and its functions cross the bridge; under the sandbox a preload cannot require it, so bundle it with the preload then", spec, label)})
			return
		}
		c.nodeAPI(at, label, "Node's "+spec+" module", moduleAdvice(spec))
	default:
		c.appModule(spec, "", label, at)
	}
}

// pureNodeModules are Node modules that only compute on values they are given, reach nothing outside the
// process and cross the bridge as plain functions: exposing one gives the page nothing it could misuse.
var pureNodeModules = map[string]bool{"path": true, "path/posix": true, "path/win32": true}

// appModule classifies what a module of the app exports (name "" for the whole module) when the preload puts it
// on the page; a package isolate cannot read is reported as such.
func (c *classifier) appModule(spec, name, label string, at *syntax.Node) {
	if c.Facts == nil {
		return
	}
	what := "what " + spec + " exports"
	if name != "" {
		what = name + " from " + spec
	}
	mod := c.Facts.ResolveImport(c.pf.Path, spec)
	if mod == nil {
		if project.IsRelative(spec) || name != "" {
			if project.IsRelative(spec) {
				c.report("bridge-value", at, label, fmt.Sprintf("puts %s on the page as %s, and isolate could not read that module to tell whether the bridge can carry it (functions and plain data cross; classes and class instances arrive without their methods); expose the functions the page uses one by one, then run isolate again", what, label))
			}
			return
		}
		c.report("bridge-value", at, label, fmt.Sprintf("puts the whole package %s on the page as %s, and isolate cannot see what it exports: functions and plain data cross the bridge, but its classes and the instances it returns arrive without their methods; expose the functions the page uses one by one (%s: { … })", spec, label, label))
		return
	}
	key := name
	if key == "" {
		key = "default"
	}
	v := project.Exported(mod, key)
	if v == nil {
		if name == "" && (strings.Contains(string(mod.Src), "module.exports") || strings.Contains(string(mod.Src), "exports.")) {
			return // members set one by one (exports.save = …): functions and data, read below when exposed directly
		}
		return
	}
	sub := &classifier{Facts: c.Facts, pf: mod, visited: c.visited}
	sub.value(v, label, v)
	for _, fd := range sub.out {
		fd.msg = strings.TrimSuffix(fd.msg, ".") + fmt.Sprintf(" (%s, %s:%s)", what, mod.Path, mod.Pos(fd.node.Start))
		fd.node = at
		c.out = append(c.out, fd)
	}
}

// builtinMethods are methods the values the bridge copies keep on the other side: those of strings, numbers,
// arrays, plain objects, promises, functions, dates, maps and sets, and of DOM elements and events, which cross
// as themselves. A call of another method on an argument the page passes expects a prototype the copy lacks.
var builtinMethods = func() map[string]bool {
	m := map[string]bool{}
	for _, name := range strings.Fields(`
at charAt charCodeAt codePointAt concat endsWith includes indexOf lastIndexOf localeCompare match matchAll
normalize padEnd padStart repeat replace replaceAll search slice split startsWith substring substr toLowerCase
toUpperCase toLocaleLowerCase toLocaleUpperCase trim trimStart trimEnd toString valueOf toFixed toPrecision
toExponential toLocaleString every filter find findIndex findLast findLastIndex flat flatMap forEach join keys
map pop push reduce reduceRight reverse shift some sort splice unshift values entries fill copyWithin toSorted
toReversed toSpliced with hasOwnProperty isPrototypeOf propertyIsEnumerable then catch finally call apply bind
getTime getFullYear getMonth getDate getDay getHours getMinutes getSeconds getMilliseconds toISOString toJSON
toDateString toTimeString getTimezoneOffset get set has delete clear add size test exec arrayBuffer text stream
addEventListener removeEventListener dispatchEvent querySelector querySelectorAll getAttribute setAttribute
removeAttribute hasAttribute appendChild removeChild insertBefore replaceChild cloneNode contains closest
matches append prepend remove replaceWith before after focus blur click scrollIntoView getBoundingClientRect
getElementsByTagName getElementsByClassName getElementById preventDefault stopPropagation
stopImmediatePropagation getContext toDataURL toBlob play pause load requestFullscreen animate
`) {
		m[name] = true
	}
	return m
}()

// crossing reports what a function the page calls through the bridge does with values that cross it: a class
// instance it returns arrives as a copy without its methods (a blocker), and methods it calls on an argument
// other than built-in ones expect a prototype the page's copy lacks (advisory: the page may pass plain data).
func (c *classifier) crossing(fn *syntax.Node, label string) {
	f := c.pf.File
	sc := c.pf.Scopes()
	body := fn.Child("body")
	if body == nil {
		return
	}
	// Returned values.
	var returns []*syntax.Node
	if !body.Is("statement_block") {
		returns = append(returns, body)
	}
	body.Walk(func(n *syntax.Node) bool {
		if n != body && (isFunctionNode(n) || n.Is("class_body")) {
			return false
		}
		if n.Is("return_statement") && len(n.NamedChildren()) > 0 {
			returns = append(returns, n.NamedChildren()[0])
		}
		return true
	})
	for _, r := range returns {
		if ctor, at := c.instanceOf(r, 0); ctor != "" {
			c.report("bridge-value", at, label, fmt.Sprintf("%s returns an instance of %s: the page receives a copy of its own fields without its methods; return plain data, and expose functions that do what the methods did", label, ctor))
			break
		}
	}
	// Methods called on the arguments.
	var params []*syntax.Node
	if p := fn.Child("parameter"); p != nil {
		params = append(params, p)
	} else if ps := fn.Child("parameters"); ps != nil {
		params = ps.NamedChildren()
	}
	for _, p := range params {
		id := p
		if p.Is("required_parameter", "optional_parameter") {
			if t := p.Child("type"); t != nil && primitiveType(f.Text(t)) {
				continue
			}
			id = p.Child("pattern")
		}
		if !id.Is("identifier") {
			continue
		}
		b := sc.Of(id)
		if b == nil {
			continue
		}
		for _, ref := range b.Refs {
			m := ref.Parent
			if !m.Is("member_expression") || m.Child("object") != ref || !m.Parent.Is("call_expression") || m.Field != "function" {
				continue
			}
			method := f.Text(m.Child("property"))
			if builtinMethods[method] {
				continue
			}
			c.out = append(c.out, finding{rule: "bridge-value", node: m.Parent, Key: strings.SplitN(label, ".", 2)[0], advisory: true,
				msg: fmt.Sprintf("%s calls %s.%s() on what the page passes in: arguments are copied across the bridge, so an object with methods (a class instance, a player or API object) arrives without them and the call fails; have the page pass plain data, or keep such objects in the page and expose functions that take what the page reads from them (the rewrite is kept: check what the page passes)", label, b.Name, method)})
			break
		}
	}
}

// instanceOf returns the class a returned expression is an instance of (new Doc(p), a constant holding one, an
// awaited one), when the bridge cannot carry it, and the node to report.
func (c *classifier) instanceOf(n *syntax.Node, depth int) (string, *syntax.Node) {
	n = syntax.Unwrap(n)
	if n == nil || depth > 4 {
		return "", nil
	}
	f := c.pf.File
	sc := c.pf.Scopes()
	switch {
	case n.Is("await_expression"):
		return c.instanceOf(n.NamedChildren()[0], depth+1)
	case n.Is("new_expression"):
		ctor := syntax.Unwrap(n.Child("constructor"))
		name := f.Text(ctor)
		if ctor.Is("member_expression") {
			name = f.Text(ctor.Child("property"))
		}
		if name == "Proxy" || (knowledge.CloneableConstructors[name] && (!ctor.Is("identifier") || sc.IsFree(ctor))) {
			return "", nil
		}
		return name, n
	case n.Is("identifier"):
		b := sc.Of(n)
		if b == nil || !b.Stable() || b.Init() == nil {
			return "", nil
		}
		return c.instanceOf(b.Init(), depth+1)
	case n.Is("call_expression"):
		if cls := c.nodeInstance(n); cls != "" {
			return cls, n
		}
	}
	return "", nil
}

// nodeInstances are Node APIs that return class instances (by module, then function): across the bridge they
// arrive as plain copies, a Buffer as a bare Uint8Array (toString('utf8') gives numbers), a Stats without
// isDirectory(), a ChildProcess or FSWatcher without on().
var nodeInstances = map[string]map[string]string{
	"fs": {"readFileSync": "Buffer", "statSync": "fs.Stats", "lstatSync": "fs.Stats", "fstatSync": "fs.Stats",
		"watch": "fs.FSWatcher", "createReadStream": "fs.ReadStream", "createWriteStream": "fs.WriteStream",
		"opendirSync": "fs.Dir"},
	"fs/promises": {"readFile": "Buffer", "stat": "fs.Stats", "lstat": "fs.Stats", "open": "FileHandle"},
	"child_process": {"spawn": "ChildProcess", "exec": "ChildProcess", "execFile": "ChildProcess",
		"fork": "ChildProcess", "execSync": "Buffer", "execFileSync": "Buffer"},
	"net":    {"connect": "net.Socket", "createConnection": "net.Socket", "createServer": "net.Server"},
	"http":   {"request": "http.ClientRequest", "get": "http.ClientRequest", "createServer": "http.Server"},
	"https":  {"request": "http.ClientRequest", "get": "http.ClientRequest", "createServer": "https.Server"},
	"crypto": {"createHash": "crypto.Hash", "createHmac": "crypto.Hmac", "randomBytes": "Buffer"},
	"zlib":   {"gzipSync": "Buffer", "gunzipSync": "Buffer", "deflateSync": "Buffer", "inflateSync": "Buffer"},
}

// encodingTaking are the functions above that return a string, not a Buffer, when given an encoding.
var encodingTaking = map[string]bool{"readFileSync": true, "readFile": true, "execSync": true, "execFileSync": true}

// nodeInstance returns the class of what a call of a Node API returns when the bridge cannot carry it: fs.statSync(p),
// spawn(cmd) destructured from child_process, Buffer.from(x), fs.promises.readFile(p).
func (c *classifier) nodeInstance(call *syntax.Node) string {
	f := c.pf.File
	sc := c.pf.Scopes()
	fn := syntax.Unwrap(call.Child("function"))
	var mod, name string
	switch {
	case fn.Is("member_expression"):
		name = f.Text(fn.Child("property"))
		obj := syntax.Unwrap(fn.Child("object"))
		switch {
		case obj.Is("identifier") && f.Text(obj) == "Buffer" && sc.IsFree(obj):
			if name == "from" || name == "alloc" || name == "concat" || name == "allocUnsafe" {
				return "Buffer"
			}
			return ""
		case obj.Is("member_expression") && f.Text(obj.Child("property")) == "promises":
			if m := strings.TrimPrefix(c.moduleOf(obj.Child("object")), "node:"); m == "fs" {
				mod = "fs/promises"
			}
		default:
			mod = strings.TrimPrefix(c.moduleOf(obj), "node:")
		}
	case fn.Is("identifier"):
		// const { spawn } = require('child_process'), import { statSync } from 'fs'
		b := sc.Of(fn)
		if b == nil {
			return ""
		}
		name = f.Text(fn)
		if b.Kind == syntax.Import {
			if sp := b.Ident.Parent; sp.Is("import_specifier") && sp.Child("name") != nil {
				name = f.Text(sp.Child("name"))
			}
			if st := b.Decl; st != nil && st.Child("source") != nil {
				s, _ := f.StringValue(st.Child("source"))
				mod = strings.TrimPrefix(s, "node:")
			}
		} else {
			inPattern := false
			for d := b.Ident; d != nil && !isFunctionNode(d); d = d.Parent {
				switch {
				case d.Is("pair_pattern"):
					name = f.Text(d.Child("key"))
				case d.Is("object_pattern"):
					inPattern = true
				case d.Is("variable_declarator"):
					if inPattern {
						mod = strings.TrimPrefix(c.moduleOf(d.Child("value")), "node:")
					}
				}
				if d.Is("variable_declarator") {
					break
				}
			}
		}
	}
	cls := nodeInstances[mod][name]
	if cls == "" {
		return ""
	}
	if encodingTaking[name] && len(codemod.CallArgsOf(call)) > 1 {
		return "" // an encoding (or options with one) gives a string
	}
	return cls
}

func primitiveType(t string) bool {
	t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), ":"))
	switch t {
	case "string", "number", "boolean", "bigint", "string[]", "number[]", "boolean[]", "unknown", "Date", "Uint8Array", "ArrayBuffer":
		return true
	}
	return false
}

// moduleOf returns the module specifier an expression holds as a whole module (require('x'), an identifier bound
// to one, an import of one), or "".
func (c *classifier) moduleOf(n *syntax.Node) string {
	n = syntax.Unwrap(n)
	f := c.pf.File
	switch {
	case n.Is("call_expression"):
		fn := syntax.Unwrap(n.Child("function"))
		args := n.Child("arguments").NamedChildren()
		if fn.Is("identifier") && f.Text(fn) == "require" && c.pf.Scopes().IsFree(fn) && len(args) > 0 {
			s, _ := f.StringValue(args[0])
			return s
		}
	case n.Is("identifier"):
		b := c.pf.Scopes().Of(n)
		if b == nil {
			return ""
		}
		if b.Kind == syntax.Import {
			if src := b.Decl.Child("source"); src != nil && isWholeImport(b) {
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
			return c.moduleOf(b.Init())
		}
	}
	return ""
}

// isWholeImport reports whether an import binding is the default or namespace import.
func isWholeImport(b *syntax.Binding) bool {
	p := b.Ident.Parent
	return p.Is("import_clause", "namespace_import", "import_require_clause")
}

// binding classifies the value a name holds.
func (c *classifier) binding(b *syntax.Binding, ref *syntax.Node, label string, at *syntax.Node) {
	f := c.pf.File
	switch b.Kind {
	case syntax.ClassDecl:
		c.report("bridge-value", at, label, fmt.Sprintf("puts the class %s on the page as %s: classes and constructors do not work across the bridge; expose factory functions that return plain data", b.Name, label))
		return
	case syntax.FunctionDecl:
		c.usesThis(b.Decl, label)
		c.crossing(b.Decl, label)
		return
	case syntax.Import:
		spec := ""
		if src := b.Decl.Child("source"); src != nil {
			spec, _ = f.StringValue(src)
		} else if rc := b.Decl.FirstOfKind("import_require_clause"); rc != nil {
			spec, _ = f.StringValue(rc.Child("source"))
		}
		if isWholeImport(b) {
			c.module(spec, label, at)
			return
		}
		// import { ipcRenderer } from 'electron'
		if spec2 := b.Ident.Parent; spec2.Is("import_specifier") {
			name := f.Text(spec2.Child("name"))
			if knowledge.IsElectronModule(spec) {
				c.nodeAPI(at, label, "Electron's "+name+" module", oneMethodPerMessage)
			} else if knowledge.IsNodeBuiltin(spec) {
				c.nodeAPI(at, label, name+" from Node's "+spec+" module", moduleAdvice(spec))
			} else if c.Facts != nil && c.Facts.ResolveImport(c.pf.Path, spec) != nil {
				c.appModule(spec, name, label, at)
			}
		}
		return
	case syntax.Param, syntax.CatchParam:
		return
	}
	d := b.Decl
	if d.Is("variable_declarator") {
		name := d.Child("name")
		value := syntax.Unwrap(d.Child("value"))
		if name.Is("object_pattern") {
			// const { ipcRenderer } = require('electron'): the property the binding takes.
			if spec := c.moduleOf(value); spec != "" {
				prop := b.Name
				for _, m := range name.NamedChildren() {
					if m.Is("pair_pattern") && syntax.Unwrap(m.Child("value")) == b.Ident {
						prop = f.Text(m.Child("key"))
					}
				}
				if knowledge.IsElectronModule(spec) {
					c.nodeAPI(at, label, "Electron's "+prop+" module", oneMethodPerMessage)
				} else if knowledge.IsNodeBuiltin(spec) {
					c.nodeAPI(at, label, prop+" from Node's "+spec+" module", moduleAdvice(spec))
				}
			}
			return
		}
		if name != b.Ident || value == nil {
			return
		}
		if !b.Stable() {
			return
		}
		c.value(value, label, at)
		if value.Is("object", "array") {
			c.mutatedLater(b, label, at)
		}
	}
}

// usesThis reports a function or method whose body uses this: the bridge calls a proxied function with this set
// to the function itself, not the object it was found on.
func (c *classifier) usesThis(fn *syntax.Node, label string) {
	body := fn.Child("body")
	if body == nil {
		return
	}
	var found *syntax.Node
	body.Walk(func(n *syntax.Node) bool {
		if found != nil {
			return false
		}
		if n != body && isFunctionNode(n) && !n.Is("arrow_function") || n.Is("class_body") {
			return false
		}
		if n.Is("this") {
			found = n
			return false
		}
		return true
	})
	if found != nil {
		c.report("bridge-value", found, label, fmt.Sprintf("%s uses this at %s: a function called through the bridge gets no useful this, so this.… is undefined on the page; refer to the object or the functions by name instead", label, c.pf.Pos(found.Start)))
	}
}

// mutatedLater reports data the preload changes after exposing it (the page got a frozen copy and never sees the
// change).
func (c *classifier) mutatedLater(b *syntax.Binding, label string, at *syntax.Node) {
	f := c.pf.File
	for _, ref := range b.Refs {
		n := ref
		for n.Parent.Is("member_expression", "subscript_expression") && n.Parent.Child("object") == n {
			n = n.Parent
		}
		p := n.Parent
		changed := false
		switch {
		case n != ref && p.Is("assignment_expression", "augmented_assignment_expression") && n.Field == "left":
			changed = true
		case n != ref && p.Is("update_expression"):
			changed = true
		case n != ref && p.Is("call_expression") && n.Field == "function" && n.Is("member_expression"):
			switch f.Text(n.Child("property")) {
			case "push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "set", "delete", "clear", "add":
				changed = true
			}
		case p.Is("unary_expression") && strings.HasPrefix(f.Text(p), "delete"):
			changed = n != ref
		}
		if changed && (ref.Start > at.End || enclosingFunction(ref) != nil) {
			c.report("bridge-value", n, label, fmt.Sprintf("changes %s at %s after exposing it as %s: the page receives a frozen copy and never sees the change; expose a function that returns the current value instead", b.Name, c.pf.Pos(n.Start), label))
			return
		}
	}
}

func enclosingFunction(n *syntax.Node) *syntax.Node {
	for a := n.Parent; a != nil; a = a.Parent {
		if isFunctionNode(a) {
			return a
		}
	}
	return nil
}
