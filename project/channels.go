package project

import (
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/syntax"
)

// The channel inventory: every place the app names an IPC channel, on which side, in which direction, and
// whether the name is known before the app runs. Rules that replace generic bridges with one method per message
// can only derive the methods of channels they know; the rest they report.

// Side is where a channel use is.
type Side uint8

const (
	SideMain Side = iota + 1
	SidePreload
	SideRenderer
)

func (s Side) String() string {
	switch s {
	case SideMain:
		return "main"
	case SidePreload:
		return "preload"
	case SideRenderer:
		return "renderer"
	}
	return "unknown"
}

// ChannelUse is one call that names an IPC channel.
type ChannelUse struct {
	File string
	// Call is the call_expression; Arg its channel argument (nil when the call has none).
	Call *syntax.Node
	Arg  *syntax.Node
	Side Side
	// Op is the method called: handle, on, once, send, invoke, sendSync, removeListener, … on ipcMain,
	// webContents (send) or ipcRenderer, or on a passthrough (the passthrough's ipcRenderer method).
	Op string
	// Kind is the message kind the use stands for; empty for removals and other housekeeping.
	Kind bridge.Kind
	// Channel is the channel's name when Known. Values lists the names a channel expression can take when it is
	// one of a few literals (cond ? 'a' : 'b'); Known is then false.
	Channel string
	Known   bool
	Values  []string
	// Via is the passthrough the call goes through (window.api.send('x')), nil for direct ipcMain, webContents
	// and ipcRenderer calls.
	Via *Passthrough
	// Forward is true for the ipcRenderer calls inside a passthrough, which forward the page's channel and are
	// not uses of their own.
	Forward bool
}

// Passthrough is a member of what a preload puts on the page that lets page code choose the channel:
// send: (channel, ...args) => ipcRenderer.send(channel, ...args), or a method of the whole ipcRenderer.
type Passthrough struct {
	// File is the preload; Key the property of window; Path the members below it (["send"],
	// ["ipcRenderer", "on"]).
	File string
	Key  string
	Path []string
	// Method is the ipcRenderer method it forwards to (send, invoke, sendSync, on, once, removeListener, off,
	// removeAllListeners, addListener), or "*" for a generic bridge isolate cannot take apart (Why says what it
	// is).
	Method string
	// Member is the object member (pair, method_definition, shorthand) that defines it, inside Object; both nil
	// when the whole ipcRenderer is exposed, Whole being then the expression that exposes it.
	Member *syntax.Node
	Object *syntax.Node
	Whole  *syntax.Node
	// Fn is the member's function, nil for a member that is an ipcRenderer method itself; Call is the
	// ipcRenderer call inside it that takes the page's channel.
	Fn   *syntax.Node
	Call *syntax.Node
	// ChannelParam is the index of the page's channel among the function's parameters (0 for ipcRenderer's own
	// methods).
	ChannelParam int
	// Allowlist holds the channels an allowlist check in front of the call accepts; HasAllowlist is true when
	// there is a check, even one whose list could not be read (AllowlistKnown false).
	Allowlist      []string
	HasAllowlist   bool
	AllowlistKnown bool
	// ForwardsEvent is true for a listener passthrough that hands the page callback the IpcRendererEvent as
	// first argument; ReturnsUnsubscribe is true when it returns a function that removes the listener.
	ForwardsEvent      bool
	ReturnsUnsubscribe bool
	// Simple is true when the function does nothing but the forwarding (behind the allowlist check), so a
	// rewrite can replace it without losing behaviour. Why says what else it does when it is not.
	Simple bool
	Why    string
}

// Name is the page-facing name of the passthrough: api.send, electron.ipcRenderer.on.
func (p *Passthrough) Name() string { return strings.Join(append([]string{p.Key}, p.Path...), ".") }

// Escape is a reference to an exposed object holding passthroughs that leaves what the inventory can follow:
// passed to a function, stored in a property, indexed with a computed name. Calls made through it are unknown.
type Escape struct {
	File string
	Node *syntax.Node
	Key  string
	Path []string
	Why  string
}

// Channels is the app's IPC inventory.
type Channels struct {
	Uses         []*ChannelUse
	Passthroughs []*Passthrough
	Escapes      []*Escape
}

// Known returns the known channels used with kind k on side s (0 for every side), sorted.
func (c *Channels) Known(s Side, k bridge.Kind) []string {
	set := map[string]bool{}
	for _, u := range c.Uses {
		if u.Forward || u.Kind != k || (s != 0 && u.Side != s) {
			continue
		}
		if u.Known {
			set[u.Channel] = true
		}
		for _, v := range u.Values {
			set[v] = true
		}
	}
	return sortedSet(set)
}

// Dynamic returns the uses whose channel is not known, in file and position order, passthrough forwarding
// excepted.
func (c *Channels) Dynamic() []*ChannelUse {
	var out []*ChannelUse
	for _, u := range c.Uses {
		if !u.Known && !u.Forward && u.Arg != nil {
			out = append(out, u)
		}
	}
	return out
}

// Through returns the uses that go through passthrough p.
func (c *Channels) Through(p *Passthrough) []*ChannelUse {
	var out []*ChannelUse
	for _, u := range c.Uses {
		if u.Via == p {
			out = append(out, u)
		}
	}
	return out
}

// EscapesOf returns the escapes that may reach passthrough p.
func (c *Channels) EscapesOf(p *Passthrough) []*Escape {
	var out []*Escape
	for _, e := range c.Escapes {
		if e.Key == p.Key && hasPrefix(p.Path, e.Path) {
			out = append(out, e)
		}
	}
	return out
}

func sortedSet(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func hasPrefix(path, prefix []string) bool {
	if len(prefix) > len(path) {
		return false
	}
	for i := range prefix {
		if path[i] != prefix[i] {
			return false
		}
	}
	return true
}

func equalPath(a, b []string) bool { return len(a) == len(b) && hasPrefix(a, b) }

// ipcRendererMethods are the ipcRenderer methods whose first argument is a channel, with the kind of message a
// call stands for ("" for housekeeping).
var ipcRendererMethods = map[string]bridge.Kind{
	"send": bridge.Send, "invoke": bridge.Invoke, "sendSync": bridge.SendSync, "on": bridge.Event,
	"once": bridge.Event, "addListener": bridge.Event, "prependListener": bridge.Event,
	"prependOnceListener": bridge.Event, "removeListener": "", "off": "", "removeAllListeners": "",
	"sendToHost": bridge.Send,
}

// ipcMainMethods are the ipcMain methods whose first argument is a channel.
var ipcMainMethods = map[string]bridge.Kind{
	"handle": bridge.Invoke, "handleOnce": bridge.Invoke, "on": bridge.Send, "once": bridge.Send,
	"addListener": bridge.Send, "prependListener": bridge.Send, "removeHandler": "", "removeListener": "",
	"off": "", "removeAllListeners": "",
}

// wholeIpcRenderer are the methods a page reaches when the whole ipcRenderer is exposed.
var wholeIpcRenderer = []string{"send", "invoke", "sendSync", "on", "once", "addListener", "removeListener", "off",
	"removeAllListeners"}

// inventory computes the channel inventory of the parsed files. It asks for the modules that hold channel
// constants, so a later round can read them.
func (a *analysis) inventory() *Channels {
	c := &Channels{}
	inv := &inventory{a: a, c: c}
	for _, p := range a.f.Paths() {
		file := a.f.Files[p]
		if file.Role.Has(Test) {
			continue
		}
		if file.Role.Has(Preload) {
			inv.exposures(file)
		}
	}
	for _, p := range a.f.Paths() {
		file := a.f.Files[p]
		if file.Role.Has(Test) {
			continue
		}
		switch {
		case file.Role.Has(Main):
			inv.mainUses(file)
		}
		if file.Role&(Preload|Renderer) != 0 {
			inv.rendererUses(file)
		}
		if file.Role.Has(Renderer) && !file.Role.Has(Preload) {
			inv.bridgeUses(file)
		}
	}
	// Inline <script> code of the pages: read, never rewritten (its uses name the page as their file).
	for _, pg := range sortedPages(a.f) {
		if pg.Inline != nil {
			pf := &File{File: pg.Inline, Role: Renderer}
			inv.rendererUses(pf)
			inv.bridgeUses(pf)
		}
	}
	sort.SliceStable(c.Uses, func(i, j int) bool {
		if c.Uses[i].File != c.Uses[j].File {
			return c.Uses[i].File < c.Uses[j].File
		}
		return c.Uses[i].Call.Start < c.Uses[j].Call.Start
	})
	return c
}

type inventory struct {
	a *analysis
	c *Channels
}

func (inv *inventory) use(file *File, call *syntax.Node, side Side, op string, kind bridge.Kind, argIndex int, via *Passthrough) *ChannelUse {
	u := &ChannelUse{File: file.Path, Call: call, Side: side, Op: op, Kind: kind, Via: via}
	if args := callArgs(call); argIndex < len(args) {
		u.Arg = args[argIndex]
		vals, ok := inv.a.channelValues(file, u.Arg, 0)
		switch {
		case ok && len(vals) == 1:
			u.Channel, u.Known = vals[0], true
		case ok:
			u.Values = vals
		}
	}
	inv.c.Uses = append(inv.c.Uses, u)
	return u
}

func callArgs(call *syntax.Node) []*syntax.Node {
	if args := call.Child("arguments"); args != nil {
		return args.NamedChildren()
	}
	return nil
}

// mainUses records ipcMain registrations and webContents.send calls.
func (inv *inventory) mainUses(file *File) {
	for _, call := range file.Root.Find("call_expression") {
		fn := syntax.Unwrap(call.Child("function"))
		if !fn.Is("member_expression") {
			continue
		}
		method := file.Text(fn.Child("property"))
		obj := syntax.Unwrap(fn.Child("object"))
		if kind, ok := ipcMainMethods[method]; ok && ElectronExport(file, obj) == "ipcMain" {
			if kind == bridge.Send && setsReturnValue(file, callArgs(call)) {
				kind = bridge.SendSync
			}
			inv.use(file, call, SideMain, method, kind, 0, nil)
			continue
		}
		if (method == "send" || method == "reply") && isWebContentsLike(file, obj, method) {
			inv.use(file, call, SideMain, "webContents."+method, bridge.Event, 0, nil)
		}
	}
}

// setsReturnValue reports whether an ipcMain listener answers synchronously (event.returnValue = …).
func setsReturnValue(file *File, args []*syntax.Node) bool {
	if len(args) < 2 {
		return false
	}
	found := false
	args[1].Walk(func(n *syntax.Node) bool {
		if n.Is("assignment_expression") {
			if l := syntax.Unwrap(n.Child("left")); l.Is("member_expression") && file.Text(l.Child("property")) == "returnValue" {
				found = true
			}
		}
		return !found
	})
	return found
}

// isWebContentsLike reports whether the receiver of a send (or reply) is web contents: x.webContents, an
// event's sender, webContents.fromId(…), getFocusedWebContents(), or a name that says so.
func isWebContentsLike(file *File, obj *syntax.Node, method string) bool {
	switch {
	case method == "reply":
		// event.reply(channel, …) in an ipcMain listener.
		return obj.Is("identifier") && (file.Text(obj) == "event" || file.Text(obj) == "e" || file.Text(obj) == "evt")
	case obj.Is("member_expression"):
		prop := file.Text(obj.Child("property"))
		return prop == "webContents" || prop == "sender" || prop == "contents"
	case obj.Is("call_expression"):
		callee := syntax.Unwrap(obj.Child("function"))
		if callee.Is("member_expression") {
			name := file.Text(callee.Child("property"))
			return name == "fromId" || name == "getFocusedWebContents" || name == "fromFrame"
		}
	case obj.Is("identifier"):
		name := strings.ToLower(file.Text(obj))
		return name == "webcontents" || name == "contents" || name == "wc" || name == "sender"
	}
	return false
}

// rendererUses records ipcRenderer calls in preloads and in page code that has Node.
func (inv *inventory) rendererUses(file *File) {
	side := SideRenderer
	if file.Role.Has(Preload) {
		side = SidePreload
	}
	for _, call := range file.Root.Find("call_expression") {
		fn := syntax.Unwrap(call.Child("function"))
		if !fn.Is("member_expression") {
			continue
		}
		method := file.Text(fn.Child("property"))
		kind, ok := ipcRendererMethods[method]
		if !ok || ElectronExport(file, fn.Child("object")) != "ipcRenderer" {
			continue
		}
		u := inv.use(file, call, side, method, kind, 0, nil)
		if u.Arg != nil && !u.Known {
			if id := syntax.Unwrap(u.Arg); id.Is("identifier") {
				if b := file.Scopes().Of(id); b != nil && b.Kind == syntax.Param {
					u.Forward = true
				}
			}
		}
	}
}

// ElectronExport returns which export of the electron module n is (ipcRenderer, ipcMain, BrowserWindow, …), or
// "" when it is not one: a name imported or destructured from electron, electron.X, require('electron').X.
func ElectronExport(file *File, n *syntax.Node) string {
	return electronExport(file, n, 0)
}

func electronExport(file *File, n *syntax.Node, depth int) string {
	n = syntax.Unwrap(n)
	if n == nil || depth > 8 {
		return ""
	}
	switch n.Kind {
	case "identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern":
		b := file.Scopes().Of(n)
		if b == nil && n.Is("shorthand_property_identifier") {
			b = file.Scopes().Lookup(n, file.Text(n))
		}
		if b == nil {
			return ""
		}
		switch b.Kind {
		case syntax.Import:
			spec, _ := file.StringValue(b.Decl.Child("source"))
			if !isElectronSpec(spec) {
				return ""
			}
			if p := b.Ident.Parent; p.Is("import_specifier") {
				return file.Text(p.Child("name"))
			}
		case syntax.Const, syntax.Let, syntax.Var:
			if !b.Stable() {
				return ""
			}
			d := b.Decl
			if !d.Is("variable_declarator") {
				return ""
			}
			if name := d.Child("name"); name.Is("object_pattern") {
				if !isElectronModule(file, d.Child("value"), depth+1) {
					return ""
				}
				return patternKey(file, name, b.Ident)
			}
			return electronExport(file, d.Child("value"), depth+1)
		}
	case "member_expression":
		if isElectronModule(file, n.Child("object"), depth+1) {
			return file.Text(n.Child("property"))
		}
	}
	return ""
}

// patternKey returns the property an object pattern takes into ident.
func patternKey(file *File, pattern, ident *syntax.Node) string {
	for _, m := range pattern.NamedChildren() {
		switch m.Kind {
		case "shorthand_property_identifier_pattern":
			if m == ident || (m.Start == ident.Start && m.End == ident.End) {
				return file.Text(m)
			}
		case "pair_pattern":
			if v := syntax.Unwrap(m.Child("value")); v == ident || v.Contains(ident) {
				return file.Text(m.Child("key"))
			}
		case "object_assignment_pattern":
			if l := m.Child("left"); l.Start == ident.Start {
				return file.Text(l)
			}
		}
	}
	return ""
}

func isElectronSpec(spec string) bool {
	return spec == "electron" || spec == "electron/renderer" || spec == "electron/main" || spec == "electron/common"
}

// isElectronModule reports whether n is the electron module: require('electron'), window.require('electron'),
// or a name bound to it.
func isElectronModule(file *File, n *syntax.Node, depth int) bool {
	n = syntax.Unwrap(n)
	if n == nil || depth > 8 {
		return false
	}
	switch n.Kind {
	case "call_expression":
		fn := syntax.Unwrap(n.Child("function"))
		isRequire := fn.Is("identifier") && file.Text(fn) == "require" && file.Scopes().IsFree(fn)
		if fn.Is("member_expression") && file.Text(fn.Child("property")) == "require" {
			obj := syntax.Unwrap(fn.Child("object"))
			isRequire = obj.Is("identifier") && (file.Text(obj) == "window" || file.Text(obj) == "globalThis") &&
				file.Scopes().IsFree(obj)
		}
		if !isRequire {
			return false
		}
		if args := callArgs(n); len(args) > 0 {
			s, _ := file.StringValue(args[0])
			return isElectronSpec(s)
		}
	case "identifier":
		b := file.Scopes().Of(n)
		if b == nil {
			return false
		}
		if b.Kind == syntax.Import {
			spec, _ := file.StringValue(b.Decl.Child("source"))
			if !isElectronSpec(spec) {
				if rc := b.Decl.FirstOfKind("import_require_clause"); rc != nil {
					spec, _ = file.StringValue(rc.Child("source"))
				}
			}
			p := b.Ident.Parent
			return isElectronSpec(spec) && p.Is("import_clause", "namespace_import", "import_require_clause")
		}
		if b.Stable() {
			if init := b.Init(); init != nil {
				return isElectronModule(file, init, depth+1)
			}
		}
	}
	return false
}

// params returns the parameter nodes of a function (identifiers, patterns, rest patterns), unwrapping
// TypeScript's required/optional parameters.
func Params(fn *syntax.Node) []*syntax.Node {
	ps := fn.Child("parameters")
	if ps == nil {
		if p := fn.Child("parameter"); p != nil {
			return []*syntax.Node{p}
		}
		return nil
	}
	var out []*syntax.Node
	for _, p := range ps.NamedChildren() {
		switch p.Kind {
		case "required_parameter", "optional_parameter":
			if pat := p.Child("pattern"); pat != nil {
				out = append(out, pat)
				continue
			}
		case "comment":
			continue
		}
		out = append(out, p)
	}
	return out
}

// ParamName returns the name a parameter binds, "" for a destructuring pattern; rest is true for ...name.
func ParamName(file *File, p *syntax.Node) (name string, rest bool) {
	switch p.Kind {
	case "identifier":
		return file.Text(p), false
	case "rest_pattern":
		for _, c := range p.NamedChildren() {
			if c.Is("identifier") {
				return file.Text(c), true
			}
		}
	case "assignment_pattern":
		if l := p.Child("left"); l.Is("identifier") {
			return file.Text(l), false
		}
	}
	return "", false
}

// IsFunction reports whether n is a function expression or method.
func IsFunction(n *syntax.Node) bool {
	return n.Is("arrow_function", "function_expression", "function", "method_definition", "function_declaration")
}
