package addmsg

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/migrate"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
	"github.com/isolate-dev/isolate/walk"
)

// exposure is one contextBridge.exposeInMainWorld call of a preload.
type exposure struct {
	file *project.File
	key  string
	call *syntax.Node
	// obj is the object literal exposed, inline or through a const of the same file; nil when the value is
	// something else (a call, a parameter), which add cannot extend.
	obj *syntax.Node
}

// ipcMethods are the ipcRenderer methods whose first argument is a channel.
var ipcMethods = map[string]bool{"invoke": true, "send": true, "sendSync": true, "on": true, "once": true,
	"addListener": true, "removeListener": true, "removeAllListeners": true, "postMessage": true}

// mainMethods are the ipcMain methods that register a listener for a channel.
var mainMethods = map[string]bool{"handle": true, "handleOnce": true, "on": true, "once": true, "addListener": true}

// planMigrated adds msg to an app that exposes an object literal with contextBridge.exposeInMainWorld (what
// isolate migrate produces, or what the app was written as): a wrapper member in that object, an ipcMain stub with
// sender validation next to the existing handlers, and a member in the Window typings when the app has them.
func planMigrated(res *walk.Result, msg bridge.Message, req Request) (*Result, error) {
	facts, problems := project.Load(res.Root, res.Files)
	var all []*exposure
	for _, p := range facts.Paths() {
		pf := facts.Files[p]
		if pf.Role.Has(project.Test) || pf.Root.HasError() {
			continue
		}
		for _, call := range exposeCalls(pf.File) {
			key, ok := pf.StringValue(firstArgument(call))
			if !ok {
				continue
			}
			e := &exposure{file: pf, key: key, call: call}
			if args := arguments(call); len(args) > 1 {
				e.obj = followObject(pf.File, args[1])
			}
			all = append(all, e)
		}
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("%w: %s has no %s.ts or .js (an app made by isolate new) and no preload that calls "+
			"contextBridge.exposeInMainWorld('key', { … }). Run isolate new to start an isolated app, or isolate "+
			"migrate to move this one to context isolation first", ErrNotIsolated, res.Root, contractPath)
	}
	keys := map[string][]*exposure{}
	var keyNames []string
	for _, e := range all {
		if len(keys[e.key]) == 0 {
			keyNames = append(keyNames, e.key)
		}
		keys[e.key] = append(keys[e.key], e)
	}
	key := req.Key
	switch {
	case key != "":
		if len(keys[key]) == 0 {
			return nil, &InputError{fmt.Errorf("no preload exposes window.%s; the app exposes %s", key, describeKeys(keyNames, keys))}
		}
	case len(keyNames) == 1:
		key = keyNames[0]
	case len(bridgeKeys(keyNames, keys)) == 1:
		// Only one of the exposed objects talks to main (the others are data, such as a version string).
		key = bridgeKeys(keyNames, keys)[0]
	default:
		return nil, &InputError{fmt.Errorf("the app exposes %s; say which one gets %s with --key", describeKeys(keyNames, keys), msg.Method)}
	}
	targets := keys[key]
	for _, e := range targets {
		if e.obj == nil {
			return nil, fmt.Errorf("%s:%s: window.%s is exposed as %s, which isolate cannot follow to an object literal; add %s there by hand",
				e.file.Path, e.file.Pos(e.call.Start), key, e.file.Text(arguments(e.call)[len(arguments(e.call))-1]), msg.Method)
		}
	}

	// What the API and main code have already.
	var methods []string
	channels := map[string]string{}
	var existing []string
	for _, e := range targets {
		for _, m := range e.obj.NamedChildren() {
			if name := memberName(e.file.File, m); name != "" && !contains(methods, name) {
				methods = append(methods, name)
				for _, ch := range channelsIn(e.file.File, m) {
					if _, ok := channels[ch]; !ok {
						channels[ch] = name
						existing = append(existing, ch)
					}
				}
			}
		}
	}
	registrations := mainRegistrations(facts)
	handled := map[string]*registration{}
	for _, r := range registrations {
		if r.channel != "" {
			handled[r.channel] = r
			if _, ok := channels[r.channel]; !ok {
				existing = append(existing, r.channel)
			}
		}
	}
	if msg.Channel == "" {
		msg.Channel = DefaultChannel(msg.Method, msg.Kind, existing)
	}
	if err := checkNew(key, msg, methods, channels); err != nil {
		return nil, err
	}
	if r, ok := handled[msg.Channel]; ok && msg.Kind != bridge.Event {
		return nil, fmt.Errorf("channel %q is handled in main already (%s:%s); pass --channel with another name",
			msg.Channel, r.file.Path, r.file.Pos(r.stmt.Start))
	}

	out := &Result{App: Migrated, Key: key, Message: msg, Plan: &migrate.Plan{Root: res.Root}}
	// A file isolate could not read (binary, too large, nested too deep) may hold a handler or a typing this
	// message needs: say it was skipped.
	for _, p := range problems {
		if _, parsed := facts.Files[p.Path]; !parsed {
			out.Notes = append(out.Notes, p.Path+": "+p.Message)
		}
	}
	edits := map[string][]codemod.Edit{}
	sources := map[string]*syntax.File{}
	add := func(f *syntax.File, es ...codemod.Edit) {
		sources[f.Path] = f
		edits[f.Path] = append(edits[f.Path], es...)
	}
	// extended records the type bodies given the new member, as file:offset: the object's annotation and the
	// Window typings often name the same interface.
	extended := map[string]bool{}
	extend := func(f *syntax.File, body *syntax.Node) {
		at := fmt.Sprintf("%s:%d", f.Path, body.Start)
		if extended[at] || hasMember(f, body, msg.Method) {
			return
		}
		extended[at] = true
		add(f, insertTypeMember(f, body, styleOf(f), typeMember(f, body, msg)))
	}

	// The preload wrapper.
	for _, e := range targets {
		f := e.file.File
		ref, refEdits, err := ipcRendererRef(f)
		if err != nil {
			return nil, err
		}
		st := styleOf(f)
		add(f, refEdits...)
		add(f, insertMember(f, e.obj, st, wrapperMember(f, e.obj, st, ref, msg)))
		// const api: Api = { … } (or satisfies Api): Api must have the member too.
		if t := annotation(e.obj); t != nil {
			if body := typeBody(f, t); body != nil {
				extend(f, body)
			} else if !t.Is("type_query") {
				out.Notes = append(out.Notes, fmt.Sprintf("%s:%s: the exposed object is typed %s, declared elsewhere: add %s to it",
					f.Path, f.Pos(t.Start), f.Text(t), msg.Method))
			}
		}
		if f.Lang.IsTypeScript() {
			out.Notes = append(out.Notes, unknownTypes(msg, f.Path, declaredNames(f))...)
		}
	}

	// The main-process stub.
	if msg.Kind != bridge.Event {
		if target := stubTarget(registrations); target != nil {
			f := target.file.File
			add(f, mainStub(facts, target, registrations, msg, &out.Notes))
		} else {
			out.Notes = append(out.Notes, fmt.Sprintf("no ipcMain.handle or ipcMain.on call in main code to put the "+
				"handler next to; add one for channel %q that checks event.senderFrame before anything else", msg.Channel))
		}
	}

	// The Window typings.
	typings, err := windowTypings(res, key)
	if err != nil {
		return nil, err
	}
	for _, t := range typings {
		if t.body == nil {
			if ann := t.sig.Child("type"); ann != nil && ann.FirstOfKind("type_query") != nil {
				continue // typeof api follows the preload by itself
			}
			out.Notes = append(out.Notes, fmt.Sprintf("%s:%s types window.%s as %s, which isolate cannot extend; add %s there yourself if it does not follow the preload by itself",
				t.file.Path, t.file.Pos(t.sig.Start), key, strings.TrimSpace(strings.TrimPrefix(t.file.Text(t.sig.Child("type")), ":")), msg.Method))
			continue
		}
		extend(t.file, t.body)
		out.Notes = append(out.Notes, unknownTypes(msg, t.file.Path, declaredNames(t.file))...)
	}

	paths := make([]string, 0, len(edits))
	for p := range edits {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		f := sources[p]
		info, err := os.Stat(filepath.Join(res.Root, filepath.FromSlash(p)))
		if err != nil {
			return nil, err
		}
		c, err := applyEdits(&source{File: f, mode: info.Mode()}, edits[p])
		if err != nil {
			return nil, err
		}
		if c != nil {
			out.Plan.Changes = append(out.Plan.Changes, c)
		}
	}

	api := "window." + key + "." + msg.Method
	switch msg.Kind {
	case bridge.Invoke:
		out.Next = append(out.Next, fmt.Sprintf("Implement the ipcMain.handle(%s) stub: until then it throws 'not implemented' and the page's promise rejects.", syntax.QuoteJS(msg.Channel, '\'')),
			fmt.Sprintf("Call it from the page: await %s(%s)", api, paramNames(msg)))
	case bridge.Send:
		out.Next = append(out.Next, fmt.Sprintf("Implement the ipcMain.on(%s) stub: until then it only logs a warning.", syntax.QuoteJS(msg.Channel, '\'')),
			fmt.Sprintf("Call it from the page: %s(%s)", api, paramNames(msg)))
	case bridge.Event:
		out.Next = append(out.Next, fmt.Sprintf("Send it from main: win.webContents.send(%s%s)", syntax.QuoteJS(msg.Channel, '\''), prefixComma(paramNames(msg))),
			fmt.Sprintf("Listen in the page: const off = %s((%s) => { … }); call off() to stop listening.", api, paramNames(msg)))
	}
	return out, nil
}

// bridgeKeys are the keys whose exposed objects pass messages to ipcRenderer.
func bridgeKeys(names []string, keys map[string][]*exposure) []string {
	var out []string
	for _, k := range names {
		for _, e := range keys[k] {
			if e.obj != nil && len(channelsIn(e.file.File, e.obj)) > 0 {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

func describeKeys(names []string, keys map[string][]*exposure) string {
	var parts []string
	for _, k := range names {
		var files []string
		for _, e := range keys[k] {
			files = append(files, e.file.Path)
		}
		parts = append(parts, fmt.Sprintf("window.%s (%s)", k, strings.Join(dedupe(files), ", ")))
	}
	return strings.Join(parts, ", ")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// followObject returns the object literal an expression is: the literal itself, or the initial value of a const
// of the same file that names one.
func followObject(f *syntax.File, n *syntax.Node) *syntax.Node {
	n = syntax.Unwrap(n)
	switch {
	case n.Is("object"):
		return n
	case n.Is("identifier"):
		name := f.Text(n)
		for _, d := range f.Root.Find("variable_declarator") {
			decl := d.Parent
			if f.Text(d.Child("name")) != name || !decl.Is("lexical_declaration") || !strings.HasPrefix(f.Text(decl), "const") {
				continue
			}
			if v := syntax.Unwrap(d.Child("value")); v.Is("object") {
				return v
			}
		}
	}
	return nil
}

// channelsIn lists the literal channels an API member passes to ipcRenderer.
func channelsIn(f *syntax.File, member *syntax.Node) []string {
	var out []string
	for _, call := range member.Find("call_expression") {
		fn := syntax.Unwrap(call.Child("function"))
		if !fn.Is("member_expression") || !ipcMethods[f.Text(fn.Child("property"))] ||
			!strings.HasSuffix(f.Text(fn.Child("object")), "ipcRenderer") {
			continue
		}
		if ch, ok := f.StringValue(firstArgument(call)); ok {
			out = append(out, ch)
		}
	}
	return out
}

// registration is one ipcMain listener of main code.
type registration struct {
	file    *project.File
	stmt    *syntax.Node // the statement that registers it
	call    *syntax.Node
	recv    string // how the file spells ipcMain (ipcMain, electron.ipcMain)
	channel string // "" when not a literal
}

// mainRegistrations lists the ipcMain.handle/on/… statements of main code, in file and source order.
func mainRegistrations(facts *project.Facts) []*registration {
	var out []*registration
	for _, p := range facts.Paths() {
		pf := facts.Files[p]
		if pf.Role.Has(project.Test) || pf.Role.Has(project.Preload) || pf.Role.Has(project.Renderer) || pf.Root.HasError() {
			continue
		}
		for _, call := range pf.Root.Find("call_expression") {
			fn := syntax.Unwrap(call.Child("function"))
			if !fn.Is("member_expression") || !mainMethods[pf.Text(fn.Child("property"))] {
				continue
			}
			recv := pf.Text(fn.Child("object"))
			if recv != "ipcMain" && !strings.HasSuffix(recv, ".ipcMain") {
				continue
			}
			stmt := call.Parent
			if !stmt.Is("expression_statement") {
				continue
			}
			r := &registration{file: pf, stmt: stmt, call: call, recv: recv}
			r.channel, _ = pf.StringValue(firstArgument(call))
			out = append(out, r)
		}
	}
	return out
}

// stubTarget is the registration the new handler goes after: the last one of the file with the most.
func stubTarget(regs []*registration) *registration {
	count := map[string]int{}
	for _, r := range regs {
		count[r.file.Path]++
	}
	var best *registration
	for _, r := range regs {
		if best == nil || count[r.file.Path] > count[best.file.Path] ||
			(r.file.Path == best.file.Path && r.stmt.Start > best.stmt.Start) {
			best = r
		}
	}
	return best
}

// mainStub writes an ipcMain listener for msg after target, in its file's style. Its first statement refuses a
// sender that is not the app's page: with the app's own check when its handlers start with one
// (`if (!isTrusted(event)) …`), else by the URL of event.senderFrame against what the app's windows load.
func mainStub(facts *project.Facts, target *registration, regs []*registration, msg bridge.Message, notes *[]string) codemod.Edit {
	f := target.file.File
	st := styleOf(f)
	ts := f.Lang.IsTypeScript()
	in := st.indent
	params := []string{"event"}
	for i, p := range msg.Params {
		name := paramName(p, i)
		if ts {
			name += ": unknown"
		}
		params = append(params, name)
	}
	register := "handle"
	if msg.Kind != bridge.Invoke {
		register = "on"
	}
	refused := st.q(msg.Channel + " refused: the sender is not the app page")
	var b strings.Builder
	fmt.Fprintf(&b, "%s.%s(%s, (%s) => {\n", target.recv, register, st.q(msg.Channel), strings.Join(params, ", "))
	cond := ""
	if check := existingSenderCheck(regs); check != "" {
		cond = "!" + check + "(event)"
	} else {
		prefixes, unread := trustedPrefixes(facts)
		if len(prefixes) == 0 {
			prefixes = []string{"file://"}
			*notes = append(*notes, fmt.Sprintf("could not tell which URL the app's windows load, so the %s handler trusts file:// pages; change its check if the app loads something else", msg.Channel))
		} else if len(unread) > 0 {
			*notes = append(*notes, fmt.Sprintf("the %s handler trusts %s; main also loads a URL isolate cannot read (%s): if that is the app's page too (a dev server, say), add its origin to the check",
				msg.Channel, strings.Join(prefixes, " and "), strings.Join(unread, ", ")))
		}
		b.WriteString(in + "// Only the app's own page may use this channel: not an iframe, not a page navigated elsewhere.\n")
		fmt.Fprintf(&b, "%sconst url = event.senderFrame ? event.senderFrame.url : ''%s\n", in, st.end())
		if len(prefixes) == 1 {
			cond = fmt.Sprintf("!url.startsWith(%s)", st.q(prefixes[0]))
		} else {
			var qs []string
			for _, p := range prefixes {
				qs = append(qs, st.q(p))
			}
			cond = fmt.Sprintf("![%s].some((trusted) => url.startsWith(trusted))", strings.Join(qs, ", "))
		}
	}
	if msg.Kind == bridge.Invoke {
		fmt.Fprintf(&b, "%sif (%s) throw new Error(%s)%s\n", in, cond, refused, st.end())
	} else {
		fmt.Fprintf(&b, "%sif (%s) {\n%s%sconsole.warn(%s)%s\n%s%sreturn%s\n%s}\n", in, cond, in, in, refused, st.end(), in, in, st.end(), in)
	}
	var names []string
	for i := range msg.Params {
		names = append(names, strings.TrimSuffix(params[i+1], ": unknown"))
	}
	todo := "TODO: implement " + msg.Method + "."
	switch len(names) {
	case 0:
	case 1:
		todo += " " + names[0] + " comes from the page: check its value before using it."
	default:
		todo += " " + joinAnd(names) + " come from the page: check their values before using them."
	}
	fmt.Fprintf(&b, "%s// %s\n", in, todo)
	if msg.Kind == bridge.Invoke {
		fmt.Fprintf(&b, "%sthrow new Error(%s)%s\n", in, st.q(msg.Method+" is not implemented yet"), st.end())
	} else {
		fmt.Fprintf(&b, "%sconsole.warn(%s)%s\n", in, st.q(msg.Method+" is not implemented yet"), st.end())
	}
	fmt.Fprintf(&b, "})%s", st.end())

	indent := f.IndentAt(target.stmt.Start)
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = indent + l
		}
	}
	at := lineEnd(f.Src, target.stmt.End)
	text := strings.Join(lines, st.eol) + st.eol
	if blankBetween(f, regs, target) {
		text = st.eol + text
	}
	if at == len(f.Src) && (len(f.Src) == 0 || f.Src[len(f.Src)-1] != '\n') {
		text = st.eol + strings.TrimSuffix(text, st.eol)
	}
	return codemod.Edit{Path: f.Path, Start: at, End: at, New: text}
}

// blankBetween reports whether the registration before target in its block is separated from it by an empty
// line, so the new one is separated the same way.
func blankBetween(f *syntax.File, regs []*registration, target *registration) bool {
	var prev *registration
	for _, r := range regs {
		if r.file == target.file && r.stmt.Parent == target.stmt.Parent && r.stmt.End <= target.stmt.Start {
			prev = r
		}
	}
	if prev == nil {
		return false
	}
	between := strings.ReplaceAll(string(f.Src[prev.stmt.End:target.stmt.Start]), "\r\n", "\n")
	return strings.Count(between, "\n") > 1
}

// existingSenderCheck returns the function the app's handlers call first to check the sender
// (`if (!isTrustedSender(event)) …`), or "" when they do not agree on one.
func existingSenderCheck(regs []*registration) string {
	found := ""
	for _, r := range regs {
		args := arguments(r.call)
		if len(args) < 2 {
			continue
		}
		fn := syntax.Unwrap(args[1])
		if !fn.Is("arrow_function", "function_expression", "function") {
			continue
		}
		f := r.file.File
		eventName := ""
		if ps := fn.Child("parameters"); ps != nil && len(ps.NamedChildren()) > 0 {
			p := ps.NamedChildren()[0]
			if pat := p.Child("pattern"); pat != nil {
				p = pat
			}
			eventName = f.Text(p)
		} else if p := fn.Child("parameter"); p != nil {
			eventName = f.Text(p)
		}
		body := fn.Child("body")
		if eventName == "" || body == nil || !body.Is("statement_block") || len(body.NamedChildren()) == 0 {
			continue
		}
		first := body.NamedChildren()[0]
		if !first.Is("if_statement") {
			continue
		}
		cond := syntax.Unwrap(first.Child("condition"))
		if !cond.Is("unary_expression") || f.Text(cond.Child("operator")) != "!" {
			continue
		}
		call := syntax.Unwrap(cond.Child("argument"))
		if !call.Is("call_expression") || !call.Child("function").Is("identifier") {
			continue
		}
		if a := firstArgument(call); a == nil || f.Text(a) != eventName {
			continue
		}
		name := f.Text(call.Child("function"))
		if found != "" && found != name {
			return ""
		}
		found = name
	}
	return found
}

// trustedPrefixes are the URL prefixes of the pages the app's windows load: file:// for loadFile, and the
// scheme and host of literal loadURL addresses. unread lists the loadURL calls whose address is not a literal,
// as file:line.
func trustedPrefixes(facts *project.Facts) (out, unread []string) {
	seen := map[string]bool{}
	addPrefix := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range facts.Paths() {
		pf := facts.Files[p]
		if !pf.Role.Has(project.Main) || pf.Role.Has(project.Test) {
			continue
		}
		for _, call := range pf.Root.Find("call_expression") {
			fn := syntax.Unwrap(call.Child("function"))
			if !fn.Is("member_expression") {
				continue
			}
			switch pf.Text(fn.Child("property")) {
			case "loadFile":
				addPrefix("file://")
			case "loadURL":
				arg := syntax.Unwrap(firstArgument(call))
				raw, ok := pf.StringValue(arg)
				if !ok && arg.Is("template_string") {
					// `file://${__dirname}/index.html`: the text before the first substitution.
					raw = strings.TrimPrefix(pf.Text(arg), "`")
					if i := strings.Index(raw, "${"); i >= 0 {
						raw = raw[:i]
					}
				}
				if strings.HasPrefix(raw, "file:") {
					addPrefix("file://")
					continue
				}
				u, err := url.Parse(raw)
				if err != nil || u.Scheme == "" || u.Host == "" || !strings.Contains(raw, u.Host+"/") && !strings.HasSuffix(raw, u.Host) {
					unread = append(unread, fmt.Sprintf("%s:%d", p, pf.Pos(call.Start).Line))
					continue
				}
				addPrefix(u.Scheme + "://" + u.Host + "/")
			}
		}
	}
	return out, unread
}

// ipcRendererRef returns how the preload reaches ipcRenderer: as its members already do, through a binding it has,
// or by adding ipcRenderer to the import or require that gives it contextBridge (the returned edits).
func ipcRendererRef(f *syntax.File) (string, []codemod.Edit, error) {
	counts := map[string]int{}
	for _, call := range f.Root.Find("call_expression") {
		fn := syntax.Unwrap(call.Child("function"))
		if fn.Is("member_expression") && ipcMethods[f.Text(fn.Child("property"))] {
			if recv := f.Text(fn.Child("object")); recv == "ipcRenderer" || strings.HasSuffix(recv, ".ipcRenderer") {
				counts[recv]++
			}
		}
	}
	best := ""
	for recv, n := range counts {
		if best == "" || n > counts[best] || (n == counts[best] && recv < best) {
			best = recv
		}
	}
	if best != "" {
		return best, nil, nil
	}
	// A binding named ipcRenderer that nothing calls yet.
	for _, n := range f.Root.Find("import_specifier", "shorthand_property_identifier_pattern", "variable_declarator") {
		switch {
		case n.Is("import_specifier") && n.Child("alias") == nil && f.Text(n.Child("name")) == "ipcRenderer",
			n.Is("shorthand_property_identifier_pattern") && f.Text(n) == "ipcRenderer",
			n.Is("variable_declarator") && f.Text(n.Child("name")) == "ipcRenderer":
			return "ipcRenderer", nil, nil
		}
	}
	// The import or destructuring that gives contextBridge gets ipcRenderer next to it.
	for _, n := range f.Root.Find("import_specifier", "shorthand_property_identifier_pattern") {
		if n.Is("import_specifier") && (n.Child("alias") != nil || f.Text(n.Child("name")) != "contextBridge") {
			continue
		}
		if n.Is("shorthand_property_identifier_pattern") && f.Text(n) != "contextBridge" {
			continue
		}
		return "ipcRenderer", []codemod.Edit{{Path: f.Path, Start: n.End, End: n.End, New: ", ipcRenderer"}}, nil
	}
	// electron.contextBridge.exposeInMainWorld(…): the same object has ipcRenderer.
	for _, call := range exposeCalls(f) {
		fn := syntax.Unwrap(call.Child("function"))
		if obj := fn.Child("object"); obj.Is("member_expression") {
			return f.Text(obj.Child("object")) + ".ipcRenderer", nil, nil
		}
	}
	return "", nil, fmt.Errorf("%s: cannot tell how this preload reaches ipcRenderer; import it from 'electron' and run isolate add again", f.Path)
}

// memberForm is how an object's function members are written.
type memberForm int

const (
	arrowForm    memberForm = iota // name: (a) => …
	methodForm                     // name(a) { … }
	functionForm                   // name: function (a) { … }
)

func formOf(obj *syntax.Node) memberForm {
	counts := map[memberForm]int{}
	for _, m := range obj.NamedChildren() {
		switch {
		case m.Is("method_definition"):
			counts[methodForm]++
		case m.Is("pair"):
			switch v := syntax.Unwrap(m.Child("value")); {
			case v.Is("arrow_function"):
				counts[arrowForm]++
			case v.Is("function_expression", "function"):
				counts[functionForm]++
			}
		}
	}
	form := arrowForm
	for _, f := range []memberForm{methodForm, functionForm} {
		if counts[f] > counts[form] {
			form = f
		}
	}
	return form
}

// wrapperMember writes the preload member for msg: one function that does exactly one thing on its channel. An
// event's member strips the event object (whose sender would hand the page ipcRenderer) and returns its own
// unsubscribe function, as the generated preloads of new apps do.
func wrapperMember(f *syntax.File, obj *syntax.Node, st style, ipc string, msg bridge.Message) string {
	ts := f.Lang.IsTypeScript()
	form := formOf(obj)
	in := st.indent
	ch := st.q(msg.Channel)
	var names, typed []string
	for i, p := range msg.Params {
		name := paramName(p, i)
		names = append(names, name)
		opt := ""
		if bridge.IsOptional(msg, i) {
			opt = "?"
		}
		typed = append(typed, name+opt+": "+orUnknown(p.Type))
	}
	callArgs := ch + prefixComma(strings.Join(names, ", "))
	var doc []string
	if msg.Doc != "" {
		doc = append(doc, msg.Doc)
	}

	var params, ret, body string
	multi := false
	switch msg.Kind {
	case bridge.Invoke, bridge.Send:
		op := "send"
		ret = "void"
		if msg.Kind == bridge.Invoke {
			op = "invoke"
			ret = "Promise<" + orUnknown(msg.Result) + ">"
		}
		params = strings.Join(names, ", ")
		if ts {
			params = strings.Join(typed, ", ")
		}
		body = fmt.Sprintf("%s.%s(%s)", ipc, op, callArgs)
		if !ts {
			for i, p := range msg.Params {
				n := names[i]
				if bridge.IsOptional(msg, i) {
					n = "[" + n + "]"
				}
				doc = append(doc, fmt.Sprintf("@param {%s} %s", orUnknown(p.Type), n))
			}
			doc = append(doc, "@returns {"+ret+"}")
		}
	case bridge.Event:
		listener := "(" + strings.Join(typed, ", ") + ") => void"
		params = "listener"
		ret = "() => void"
		forward := "(_event, ...args) => listener(...args)"
		if ts {
			params = "listener: " + listener
			forward = fmt.Sprintf("(_event: unknown, ...args: [%s]) => listener(...args)", strings.Join(typed, ", "))
		} else {
			doc = append(doc, "@param {"+listener+"} listener", "@returns {() => void} stops listening")
		}
		multi = true
		body = strings.Join([]string{
			fmt.Sprintf("const forward = %s%s", forward, st.end()),
			fmt.Sprintf("%s.on(%s, forward)%s", ipc, ch, st.end()),
			"return () => {",
			fmt.Sprintf("%s%s.removeListener(%s, forward)%s", in, ipc, ch, st.end()),
			"}" + st.end(),
		}, "\n")
	}
	retAnn := ""
	if ts {
		retAnn = ": " + ret
		if msg.Kind == bridge.Event && form == arrowForm {
			// (listener): () => void => … does not parse.
			retAnn = ": (() => void)"
		}
	}

	var b strings.Builder
	if len(doc) == 1 {
		b.WriteString("/** " + doc[0] + " */\n")
	} else if len(doc) > 1 {
		b.WriteString("/**\n")
		for _, d := range doc {
			b.WriteString(" * " + d + "\n")
		}
		b.WriteString(" */\n")
	}
	indentBody := func(s string) string {
		lines := strings.Split(s, "\n")
		for i := range lines {
			lines[i] = in + lines[i]
		}
		return strings.Join(lines, "\n")
	}
	switch {
	case form == arrowForm && !multi:
		fmt.Fprintf(&b, "%s: (%s)%s => %s", msg.Method, params, retAnn, body)
	case form == arrowForm:
		fmt.Fprintf(&b, "%s: (%s)%s => {\n%s\n}", msg.Method, params, retAnn, indentBody(body))
	default:
		if !multi {
			if msg.Kind == bridge.Invoke {
				body = "return " + body
			}
			body += st.end()
		}
		head := msg.Method + "(" + params + ")" + retAnn
		if form == functionForm {
			head = msg.Method + ": function (" + params + ")" + retAnn
		}
		fmt.Fprintf(&b, "%s {\n%s\n}", head, indentBody(body))
	}
	return b.String()
}

func orUnknown(t string) string {
	if strings.TrimSpace(t) == "" {
		return "unknown"
	}
	return strings.TrimSpace(t)
}

// typing is a declaration of window[key] in the app's TypeScript: the property signature, and the object type
// or interface body that lists its members (nil when the type is something else, such as typeof api).
type typing struct {
	file *syntax.File
	sig  *syntax.Node
	body *syntax.Node
}

// windowTypings finds the declarations of window[key] in global Window interfaces.
func windowTypings(res *walk.Result, key string) ([]typing, error) {
	var out []typing
	for _, wf := range res.Files {
		switch path.Ext(wf.Path) {
		case ".ts", ".tsx", ".mts", ".cts":
		default:
			continue
		}
		src, err := os.ReadFile(filepath.Join(res.Root, filepath.FromSlash(wf.Path)))
		if err != nil || !strings.Contains(string(src), "interface Window") {
			continue
		}
		f, err := syntax.Parse(wf.Path, src)
		if err != nil || f.Root.HasError() {
			continue
		}
		isModule := false
		for _, c := range f.Root.NamedChildren() {
			if c.Is("import_statement", "export_statement") {
				isModule = true
			}
		}
		for _, it := range f.Root.Find("interface_declaration") {
			if f.Text(it.Child("name")) != "Window" {
				continue
			}
			global := false
			for a := it.Parent; a != nil; a = a.Parent {
				if a.Is("ambient_declaration") && strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(f.Text(a), "declare")), "global") {
					global = true
				}
			}
			if !global && (isModule || !it.Parent.Is("program")) {
				continue
			}
			for _, m := range it.Child("body").NamedChildren() {
				if !m.Is("property_signature") || keyName(f, m.Child("name")) != key {
					continue
				}
				out = append(out, typing{file: f, sig: m, body: membersOf(f, m)})
			}
		}
	}
	return out, nil
}

// membersOf returns the object type or interface body (of the same file) that a property signature's type names.
func membersOf(f *syntax.File, sig *syntax.Node) *syntax.Node {
	ann := sig.Child("type")
	if ann == nil || len(ann.NamedChildren()) == 0 {
		return nil
	}
	return typeBody(f, ann.NamedChildren()[len(ann.NamedChildren())-1])
}

// annotation returns the type an object literal is declared with: const api: Api = {…}, {…} satisfies Api or
// {…} as Api; nil when it has none.
func annotation(obj *syntax.Node) *syntax.Node {
	n := obj
	for p := n.Parent; p != nil; n, p = p, p.Parent {
		switch {
		case p.Is("parenthesized_expression"):
			continue
		case p.Is("satisfies_expression", "as_expression"):
			kids := p.NamedChildren()
			if t := kids[len(kids)-1]; t != n && !t.Is("const") {
				return t
			}
			continue
		case p.Is("variable_declarator"):
			if ann := p.Child("type"); ann != nil && len(ann.NamedChildren()) > 0 {
				return ann.NamedChildren()[len(ann.NamedChildren())-1]
			}
		}
		return nil
	}
	return nil
}

// typeBody returns the object type or interface body a type is or names in the same file, or nil.
func typeBody(f *syntax.File, t *syntax.Node) *syntax.Node {
	switch {
	case t.Is("object_type"):
		return t
	case t.Is("type_identifier"):
		for _, d := range f.Root.Find("interface_declaration", "type_alias_declaration") {
			if f.Text(d.Child("name")) != f.Text(t) {
				continue
			}
			if d.Is("interface_declaration") {
				return d.Child("body")
			}
			if v := d.Child("value"); v.Is("object_type") {
				return v
			}
		}
	}
	return nil
}

func hasMember(f *syntax.File, body *syntax.Node, name string) bool {
	for _, m := range body.NamedChildren() {
		if n := m.Child("name"); n != nil && keyName(f, n) == name {
			return true
		}
	}
	return false
}

// typeMember writes msg's member of the API type, as a method or a property like the members already there.
func typeMember(f *syntax.File, body *syntax.Node, msg bridge.Message) string {
	methods, props := 0, 0
	for _, m := range body.NamedChildren() {
		switch {
		case m.Is("method_signature"):
			methods++
		case m.Is("property_signature"):
			props++
		}
	}
	var typed []string
	for i, p := range msg.Params {
		name := paramName(p, i)
		if bridge.IsOptional(msg, i) {
			name += "?"
		}
		typed = append(typed, name+": "+orUnknown(p.Type))
	}
	params, ret := strings.Join(typed, ", "), "void"
	switch msg.Kind {
	case bridge.Invoke:
		ret = "Promise<" + orUnknown(msg.Result) + ">"
	case bridge.Event:
		params, ret = "listener: ("+params+") => void", "() => void"
	}
	if methods > props {
		return fmt.Sprintf("%s(%s): %s", msg.Method, params, ret)
	}
	return fmt.Sprintf("%s: (%s) => %s", msg.Method, params, ret)
}

// insertTypeMember adds a member to an object type or interface body, with the separators and layout it has.
func insertTypeMember(f *syntax.File, body *syntax.Node, st style, member string) codemod.Edit {
	var members []*syntax.Node
	for _, c := range body.NamedChildren() {
		if !c.Is("comment") {
			members = append(members, c)
		}
	}
	closing := body.Children[len(body.Children)-1]
	if len(members) == 0 {
		return codemod.Edit{Path: f.Path, Start: body.Start + 1, End: closing.Start, New: " " + member + " "}
	}
	sep, lastSep := "", ""
	for _, m := range members {
		if next := m.NextSibling(); next != nil && (next.Kind == ";" || next.Kind == ",") && next.End > next.Start {
			sep = next.Kind
			if m == members[len(members)-1] {
				lastSep = next.Kind
			}
		}
	}
	last := members[len(members)-1]
	at := last.End
	if lastSep != "" {
		at = last.NextSibling().End
	}
	if f.Pos(last.End).Line == f.Pos(closing.Start).Line {
		// One line: { a(): void } → { a(): void; b(): void }
		s := sep
		if s == "" {
			s = ";"
		}
		if lastSep != "" {
			return codemod.Edit{Path: f.Path, Start: at, End: at, New: " " + member + lastSep}
		}
		return codemod.Edit{Path: f.Path, Start: at, End: at, New: s + " " + member}
	}
	text := st.eol + f.IndentAt(last.Start) + member + lastSep
	if lastSep == "" && sep != "" {
		text = sep + text
	}
	return codemod.Edit{Path: f.Path, Start: at, End: at, New: text}
}
