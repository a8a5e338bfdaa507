// Package webprefs finds every place an app sets a web preference, whatever the form: webPreferences object
// literals (window options, setWindowOpenHandler overrides, options held in variables), assignments such as
// `webPreferences.nodeIntegration = true` (in will-attach-webview handlers, say), window.open feature strings, and
// <webview> attributes in HTML and JSX. Each check rule about one preference reads the settings of its key, so a flag
// is reported once whatever form sets it.
package webprefs

import (
	"strings"

	"github.com/isolate-dev/isolate/htmlpage"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/syntax"
)

// Value is what a setting sets, as far as the tool can tell.
type Value struct {
	// Known is false for a computed value (`nodeIntegration: isDev`).
	Known bool
	Bool  bool
	// Str is the text of a string value (enableBlinkFeatures) or of the computed expression.
	Str string
}

// Setting is one place a web preference is set.
type Setting struct {
	// Key is the preference name as Electron spells it in webPreferences (nodeIntegration, webSecurity, …).
	Key   string
	Value Value
	// Start and End are the byte range to report (the property, the assignment, the attribute).
	Start, End int
	// Where says which form set it, for messages: "webPreferences", "a will-attach-webview handler",
	// "window.open features", "a <webview> attribute".
	Where string
}

// Canonical spellings of the preferences a feature string or an attribute may carry in any case.
var canonical = map[string]string{}

func init() {
	for _, k := range []string{"nodeIntegration", "nodeIntegrationInSubFrames", "nodeIntegrationInWorker",
		"contextIsolation", "sandbox", "webSecurity", "allowRunningInsecureContent", "experimentalFeatures",
		"enableBlinkFeatures", "enableRemoteModule", "webviewTag", "preload", "javascript", "plugins"} {
		canonical[strings.ToLower(k)] = k
	}
}

// Canonical returns Electron's spelling of a preference name written in any case.
func Canonical(key string) string {
	if c, ok := canonical[strings.ToLower(key)]; ok {
		return c
	}
	return key
}

// InFile returns the settings written in a JavaScript or TypeScript file.
func InFile(f *syntax.File) []Setting {
	var out []Setting
	seen := map[*syntax.Node]bool{}
	fromObject := func(obj *syntax.Node, where string) {
		if obj == nil || seen[obj] {
			return
		}
		seen[obj] = true
		for _, p := range jsutil.Props(f, obj) {
			out = append(out, Setting{Key: p.Key, Value: valueOf(f, p.Value), Start: p.Node.Start, End: p.Node.End,
				Where: where})
		}
	}
	attachPrefs := attachHandlerParams(f)
	f.Root.Walk(func(n *syntax.Node) bool {
		switch {
		case n.Is("pair"):
			k := n.Child("key")
			name := f.Text(k)
			if s, ok := f.StringValue(k); ok {
				name = s
			}
			if name == "webPreferences" {
				fromObject(jsutil.Object(f, n.Child("value")), "webPreferences")
			}
		case n.Is("shorthand_property_identifier") && f.Text(n) == "webPreferences" && n.Parent.Is("object"):
			fromObject(jsutil.Object(f, n), "webPreferences")
		case n.Is("assignment_expression"):
			left := syntax.Unwrap(n.Child("left"))
			if !left.Is("member_expression", "subscript_expression") {
				return true
			}
			path := jsutil.Path(f, left)
			recv, key := jsutil.Receiver(path), jsutil.Last(path)
			where := ""
			switch {
			case attachPrefs[recv].Contains(n):
				where = "a will-attach-webview handler"
			case jsutil.Last(recv) == "webPreferences":
				where = "webPreferences"
			}
			if recv == "" || where == "" {
				return true
			}
			out = append(out, Setting{Key: key, Value: valueOf(f, n.Child("right")), Start: n.Start, End: n.End,
				Where: where})
		case n.Is("call_expression"):
			callee := jsutil.Callee(f, n)
			switch {
			case callee == "Object.assign":
				target := jsutil.Path(f, jsutil.Arg(n, 0))
				if target == "" || !(jsutil.Last(target) == "webPreferences" || attachPrefs[target].Contains(n)) {
					return true
				}
				where := "webPreferences"
				if attachPrefs[target].Contains(n) {
					where = "a will-attach-webview handler"
				}
				for _, a := range jsutil.Args(n)[1:] {
					fromObject(jsutil.Object(f, a), where)
				}
			case callee == "window.open" || callee == "globalThis.open" || strings.HasSuffix(callee, ".window.open"):
				if feat := jsutil.Arg(n, 2); feat != nil {
					if s, ok := f.StringValue(feat); ok {
						out = append(out, Features(s, feat.Start, feat.End, "window.open features")...)
					}
				}
			}
		case n.Is("jsx_opening_element", "jsx_self_closing_element"):
			if f.Text(n.Child("name")) == "webview" {
				out = append(out, jsxWebview(f, n)...)
			}
		}
		return true
	})
	return out
}

// attachHandlerParams maps the name of the webPreferences parameter of each will-attach-webview handler to the
// handler, so assignments through it are known to weaken every <webview>.
func attachHandlerParams(f *syntax.File) map[string]*syntax.Node {
	out := map[string]*syntax.Node{}
	for _, call := range f.Root.Find("call_expression") {
		if jsutil.Last(jsutil.Callee(f, call)) != "on" && jsutil.Last(jsutil.Callee(f, call)) != "once" {
			continue
		}
		if ev, _ := f.StringValue(jsutil.Arg(call, 0)); ev != "will-attach-webview" {
			continue
		}
		fn := jsutil.Function(f, jsutil.Arg(call, 1))
		params := jsutil.Params(fn)
		if len(params) < 2 {
			continue
		}
		if name := jsutil.ParamName(f, params[1]); name != "" {
			out[name] = fn
		}
	}
	return out
}

func valueOf(f *syntax.File, n *syntax.Node) Value {
	n = syntax.Unwrap(n)
	if b, ok := jsutil.Bool(f, n); ok {
		return Value{Known: true, Bool: b, Str: f.Text(n)}
	}
	if s, ok := f.StringValue(n); ok {
		return Value{Known: true, Bool: s != "", Str: s}
	}
	if n.Is("undefined", "null") || n.Is("identifier") && f.Text(n) == "undefined" {
		return Value{Known: true, Str: f.Text(n)}
	}
	return Value{Str: f.Text(n)}
}

// Features reads a feature string ("nodeIntegration=yes,width=400") the way Electron reads window.open features and
// <webview webpreferences>: comma-separated key=value pairs, yes/no/true/false/1/0 as booleans, a bare key as yes.
// start and end are the byte range to report.
func Features(s string, start, end int, where string) []Setting {
	var out []Setting
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		key, val, hasVal := strings.Cut(part, "=")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		v := Value{Known: true, Bool: true, Str: val}
		if hasVal {
			switch strings.ToLower(val) {
			case "no", "false", "0", "off":
				v.Bool = false
			}
		}
		out = append(out, Setting{Key: Canonical(key), Value: v, Start: start, End: end, Where: where})
	}
	return out
}

// webviewAttrs maps the boolean attributes of <webview> to the preference they set and the value they set it to.
var webviewAttrs = map[string]struct {
	key   string
	value bool
}{
	"nodeintegration":            {"nodeIntegration", true},
	"nodeintegrationinsubframes": {"nodeIntegrationInSubFrames", true},
	"disablewebsecurity":         {"webSecurity", false},
	"allowpopups":                {"allowpopups", true},
	"plugins":                    {"plugins", true},
}

func jsxWebview(f *syntax.File, el *syntax.Node) []Setting {
	var out []Setting
	for _, a := range el.ChildrenOf("attribute") {
		if !a.Is("jsx_attribute") {
			continue
		}
		named := a.NamedChildren()
		if len(named) == 0 {
			continue
		}
		name := strings.ToLower(f.Text(named[0]))
		var val *syntax.Node
		if len(named) > 1 {
			val = named[1]
			if val.Is("jsx_expression") && len(val.NamedChildren()) == 1 {
				val = val.NamedChildren()[0]
			}
		}
		if name == "webpreferences" {
			if s, ok := f.StringValue(val); ok {
				out = append(out, Features(s, a.Start, a.End, "a <webview webpreferences> attribute")...)
			}
			continue
		}
		attr, ok := webviewAttrs[name]
		if !ok {
			continue
		}
		v := Value{Known: true, Bool: attr.value}
		if val != nil {
			if b, ok := jsutil.Bool(f, val); ok {
				// nodeintegration={false} is absent as far as React is concerned.
				if !b {
					continue
				}
			} else if _, isStr := f.StringValue(val); !isStr {
				v = Value{Str: f.Text(val)}
			}
		}
		out = append(out, Setting{Key: attr.key, Value: v, Start: a.Start, End: a.End, Where: "a <webview> attribute"})
	}
	return out
}

// InPage returns the settings of the <webview> tags of an HTML page.
func InPage(p *htmlpage.Page) []Setting {
	var out []Setting
	for _, t := range p.Find("webview") {
		for _, a := range t.Attrs {
			name := strings.ToLower(a.Key)
			off := t.AttrOffset(a.Key)
			end := off + len(a.Key)
			if name == "webpreferences" {
				out = append(out, Features(a.Val, off, end, "a <webview webpreferences> attribute")...)
				continue
			}
			if attr, ok := webviewAttrs[name]; ok {
				out = append(out, Setting{Key: attr.key, Value: Value{Known: true, Bool: attr.value}, Start: off,
					End: end, Where: "a <webview> attribute"})
			}
		}
	}
	return out
}
