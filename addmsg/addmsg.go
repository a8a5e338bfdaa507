// Package addmsg plans `isolate add`: one new IPC message for an app that is already isolated. For an app made by
// `isolate new` it reads the bridge back from the contract's regions, adds the message and re-emits the regions of
// the contract, preload and main IPC module with the bridge emitters, adding a stub to the user's handlers; for a
// migrated app it adds a wrapper to the object the preload exposes, a sender-validating ipcMain stub next to the
// existing handlers and a member to the Window typings, in each file's own style. The result is a migrate.Plan, so
// it is shown, confirmed and written like a migration.
package addmsg

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/migrate"
	"github.com/isolate-dev/isolate/syntax"
	"github.com/isolate-dev/isolate/walk"
)

// Request is what the user asked to add.
type Request struct {
	// Method is the name of the new method on the exposed API.
	Method string
	Kind   bridge.Kind
	// Channel is the IPC channel; empty derives one from Method in the app's channel style (see DefaultChannel).
	Channel string
	// Params is a TypeScript parameter list ("id: string, force?: boolean"); Result the type an invoke resolves
	// to. Doc is one sentence for the generated code.
	Params, Result, Doc string
	// Key picks the exposed object of a migrated app whose preloads expose more than one.
	Key string
	// Force regenerates regions that differ from what the contract generates (edited by hand), losing the edits.
	Force bool
}

// AppKind is how an app came to be isolated, which decides where a message goes.
type AppKind string

const (
	// Scaffolded apps were made by isolate new: a contract in src/shared with generated regions.
	Scaffolded AppKind = "scaffolded"
	// Migrated apps expose an object literal with contextBridge.exposeInMainWorld and handle ipcMain by hand.
	Migrated AppKind = "migrated"
)

// Result is the planned change.
type Result struct {
	Plan    *migrate.Plan
	App     AppKind
	Key     string
	Message bridge.Message
	// Notes are things the user must know (a type the contract does not know, a file isolate could not extend);
	// Next says what to do after writing.
	Notes, Next []string
}

// InputError is a request that is wrong in itself, whatever the app: a bad name, parameter list or type.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// ErrNotIsolated is returned for a directory that has neither a contract nor an exposeInMainWorld object.
var ErrNotIsolated = errors.New("not an isolated app")

var identRe = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)

// objectNames are method names that would collide with what every object already has: Object.prototype's
// members would shadow or break the object literals the contract, preload and handlers are written as
// (__proto__ sets the prototype instead of adding a key), and a then method makes window.api a thenable, so
// `await window.api` or returning it from an async function would call it.
var objectNames = map[string]string{
	"__proto__":            "sets the object's prototype instead of adding a method",
	"constructor":          "shadows Object.prototype.constructor",
	"toString":             "shadows Object.prototype.toString, which string conversion calls",
	"toLocaleString":       "shadows Object.prototype.toLocaleString",
	"valueOf":              "shadows Object.prototype.valueOf, which comparisons and arithmetic call",
	"hasOwnProperty":       "shadows Object.prototype.hasOwnProperty",
	"isPrototypeOf":        "shadows Object.prototype.isPrototypeOf",
	"propertyIsEnumerable": "shadows Object.prototype.propertyIsEnumerable",
	"__defineGetter__":     "shadows a legacy Object.prototype method",
	"__defineSetter__":     "shadows a legacy Object.prototype method",
	"__lookupGetter__":     "shadows a legacy Object.prototype method",
	"__lookupSetter__":     "shadows a legacy Object.prototype method",
	"then":                 "makes window.api a thenable: `await window.api` would call it",
}

// message checks the request on its own and turns it into the message to add (without its channel when none was
// given).
func (r Request) message() (bridge.Message, error) {
	inputErr := func(format string, args ...any) (bridge.Message, error) {
		return bridge.Message{}, &InputError{fmt.Errorf(format, args...)}
	}
	if !identRe.MatchString(r.Method) {
		return inputErr("%q is not a valid method name: use a JavaScript identifier such as getUser or onFileSaved", r.Method)
	}
	if why, ok := objectNames[r.Method]; ok {
		return inputErr("%q cannot be a method name: it %s; choose a name that says what the message does, such as get%s",
			r.Method, why, strings.ToUpper(strings.TrimLeft(r.Method, "_")[:1])+strings.TrimLeft(r.Method, "_")[1:])
	}
	switch r.Kind {
	case bridge.Invoke, bridge.Send, bridge.Event:
	case bridge.SendSync:
		return inputErr("isolate add does not add sendSync messages: they block the page until main answers; use --invoke, which returns a promise")
	default:
		return inputErr("kind %q is not one of invoke, send, event", r.Kind)
	}
	if r.Result != "" && r.Kind != bridge.Invoke {
		return inputErr("--result is the type an --invoke resolves to; a %s has no result", r.Kind)
	}
	params, optional, err := ParseParams(r.Params)
	if err != nil {
		return inputErr("%v", err)
	}
	result, err := ParseType(r.Result)
	if err != nil {
		return inputErr("%v", err)
	}
	if strings.ContainsAny(r.Doc, "\r\n") || strings.Contains(r.Doc, "*/") {
		return inputErr("--doc must be one line without */")
	}
	m := bridge.Message{Method: r.Method, Kind: r.Kind, Channel: r.Channel, Params: params, OptionalParams: optional,
		Result: result, Doc: strings.TrimSpace(r.Doc)}
	// The emitters' own checks (reserved names, parameter names the generated code uses) on the message alone.
	probe := m
	if probe.Channel == "" {
		probe.Channel = "probe"
	}
	if err := (bridge.Bridge{Key: "api", Messages: []bridge.Message{probe}}).Validate(); err != nil {
		msg := strings.TrimPrefix(err.Error(), fmt.Sprintf("message %q (channel %q): ", probe.Method, probe.Channel))
		return inputErr("%s: %s", r.Method, msg)
	}
	return m, nil
}

// Compute plans adding the request's message to the app in dir.
func Compute(dir string, req Request) (*Result, error) {
	msg, err := req.message()
	if err != nil {
		return nil, err
	}
	if req.Channel != "" && strings.TrimSpace(req.Channel) != req.Channel {
		return nil, &InputError{fmt.Errorf("--channel %q has leading or trailing white space", req.Channel)}
	}
	res, err := walk.Walk(dir)
	if err != nil {
		return nil, err
	}
	var out *Result
	for _, lang := range []string{"ts", "js"} {
		if _, err := os.Stat(filepath.Join(res.Root, filepath.FromSlash(contractPath+"."+lang))); err == nil {
			out, err = planScaffolded(res.Root, lang, msg, req)
			if err != nil {
				return nil, err
			}
			break
		}
	}
	if out == nil {
		if out, err = planMigrated(res, msg, req); err != nil {
			return nil, err
		}
	}
	out.Plan.Command = "isolate add"
	out.Plan.RenderDiffs(res.Prefix)
	return out, nil
}

// source is one file of the app as read before the plan.
type source struct {
	*syntax.File
	mode os.FileMode
}

// readSource reads and parses a file of the app, refusing one that does not parse: isolate edits only code it
// understands.
func readSource(root, rel string) (*source, error) {
	abs := filepath.Join(root, filepath.FromSlash(rel))
	info, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile(abs)
	if err != nil {
		return nil, err
	}
	f, err := syntax.Parse(rel, src)
	if err != nil {
		return nil, err
	}
	if errs := f.SyntaxErrors(); len(errs) > 0 {
		return nil, fmt.Errorf("%s:%s: syntax error; fix it before adding a message", rel, f.Pos(errs[0].Start))
	}
	return &source{File: f, mode: info.Mode()}, nil
}

// change makes the plan's change for a file from its new content, checking that the new content parses.
func change(s *source, newSrc []byte) (*migrate.Change, error) {
	if ps := syntax.Validate(s.Path, newSrc); len(ps) > 0 {
		return nil, fmt.Errorf("internal error: %s would not parse after the change (esbuild, at %s of the new text: %s); nothing was written",
			s.Path, ps[0].Pos, ps[0].Message)
	}
	return &migrate.Change{Path: s.Path, Old: s.Src, New: newSrc, Mode: s.mode}, nil
}

// methodList formats the methods of an API for an error message.
func methodList(key string, methods []string) string {
	if len(methods) == 0 {
		return "window." + key + " has no methods yet"
	}
	return "window." + key + " has: " + strings.Join(methods, ", ")
}

// checkNew refuses a method or channel the API already has.
func checkNew(key string, msg bridge.Message, methods []string, channels map[string]string) error {
	for _, m := range methods {
		if m == msg.Method {
			return fmt.Errorf("window.%s.%s exists already; pick another name (%s)", key, msg.Method, methodList(key, methods))
		}
	}
	if other, ok := channels[msg.Channel]; ok {
		return fmt.Errorf("channel %q is used by window.%s.%s already; one channel carries one message: pass --channel with another name",
			msg.Channel, key, other)
	}
	return nil
}

// unknownTypes notes the types of a message that where (a file) neither declares nor imports.
func unknownTypes(m bridge.Message, where string, known map[string]bool) []string {
	var names []string
	for _, p := range m.Params {
		names = append(names, typeNames(p.Type)...)
	}
	names = append(names, typeNames(m.Result)...)
	names = slices.DeleteFunc(names, func(n string) bool { return known[n] })
	if len(names) == 0 {
		return nil
	}
	return []string{fmt.Sprintf("%s uses %s, which %s does not define: import or declare it there (outside the "+
		"isolate regions) or the type check will fail", m.Method, strings.Join(dedupe(names), ", "), where)}
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
