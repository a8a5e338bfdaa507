package addmsg

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/migrate"
	"github.com/isolate-dev/isolate/scaffold"
	"github.com/isolate-dev/isolate/syntax"
)

// The files of a scaffolded app that add touches, without their extension.
const (
	contractPath = scaffold.ContractPath
	preloadPath  = scaffold.PreloadPath
	mainIPCPath  = scaffold.MainIPCPath
	handlersPath = "src/main/handlers"
)

// HandEditedError is a generated region whose code is not what the contract generates: someone edited it (or a
// formatter rewrote it). Regenerating it would lose that, so add refuses unless asked to force it.
type HandEditedError struct {
	Path, Region string
}

func (e *HandEditedError) Error() string {
	return fmt.Sprintf("%s: the code in region isolate:%s is not what the contract generates (edited by hand, or "+
		"reformatted), and adding the message would regenerate it. Move your code out of the region (the handlers "+
		"file is yours), or pass --force to regenerate it and lose the edits (see the diff first with --dry-run --force)",
		e.Path, e.Region)
}

// planScaffolded adds msg to an app made by isolate new: the contract is the source of truth, read back into a
// Bridge; the emitters write the contract, preload and main IPC module for the bridge with and without the new
// message, and only the regions that differ are replaced in the app's files, after checking that the app's
// regions still hold what the old bridge generates. Imports the new code needs are added next to the existing
// ones, and the user's handlers object gets a stub for a message the page sends.
func planScaffolded(root, ext string, msg bridge.Message, req Request) (*Result, error) {
	lang := bridge.Lang(ext)
	read := func(p string) (*source, map[string]region, error) {
		s, err := readSource(root, p+"."+ext)
		if err != nil {
			return nil, nil, fmt.Errorf("this looks like an app made by isolate new (it has %s.%s), but %v", contractPath, ext, err)
		}
		regions, err := findRegions(s.File)
		return s, regions, err
	}
	contract, contractRegions, err := read(contractPath)
	if err != nil {
		return nil, err
	}
	preload, _, err := read(preloadPath)
	if err != nil {
		return nil, err
	}
	mainIPC, _, err := read(mainIPCPath)
	if err != nil {
		return nil, err
	}
	msgs, err := readContract(contract.File, contractRegions)
	if err != nil {
		return nil, err
	}
	key, err := exposedKey(preload.File)
	if err != nil {
		return nil, err
	}
	old := bridge.Bridge{Key: key, Messages: msgs}
	if err := old.Validate(); err != nil {
		return nil, fmt.Errorf("%s: the contract does not describe a valid bridge: %v", contract.Path, err)
	}

	var methods []string
	channels := map[string]string{}
	var existing []string
	for _, m := range msgs {
		methods = append(methods, m.Method)
		channels[m.Channel] = m.Method
		existing = append(existing, m.Channel)
	}
	if msg.Channel == "" {
		msg.Channel = DefaultChannel(msg.Method, msg.Kind, existing)
	}
	if err := checkNew(key, msg, methods, channels); err != nil {
		return nil, err
	}
	next := bridge.Bridge{Key: key, Messages: append(append([]bridge.Message(nil), msgs...), msg)}
	if err := next.Validate(); err != nil {
		return nil, fmt.Errorf("%s cannot join window.%s: %v", msg.Method, key, err)
	}

	contractSpec := importSource(preload.File, "Channels", "../shared/contract")
	mainOpts := bridge.MainOptions{
		Contract: importSource(mainIPC.File, "Channels", "../shared/contract"),
		Security: importSource(mainIPC.File, "isTrustedSender", "./security"),
	}
	emitters := []struct {
		file *source
		emit func(bridge.Bridge) ([]byte, error)
	}{
		{contract, func(b bridge.Bridge) ([]byte, error) { return bridge.EmitContract(b, lang) }},
		{preload, func(b bridge.Bridge) ([]byte, error) { return bridge.EmitPreload(b, lang, contractSpec) }},
		{mainIPC, func(b bridge.Bridge) ([]byte, error) { return bridge.EmitMain(b, lang, mainOpts) }},
	}
	out := &Result{App: Scaffolded, Key: key, Message: msg, Plan: &migrate.Plan{Root: root}}
	for _, e := range emitters {
		before, err := e.emit(old)
		if err != nil {
			return nil, err
		}
		after, err := e.emit(next)
		if err != nil {
			return nil, err
		}
		edits, err := regenerate(e.file.File, before, after, req.Force)
		if err != nil {
			return nil, err
		}
		if c, err := applyEdits(e.file, edits); err != nil {
			return nil, err
		} else if c != nil {
			out.Plan.Changes = append(out.Plan.Changes, c)
		}
	}

	handlersFile := handlersPath + "." + ext
	if msg.Kind != bridge.Event {
		handlers, err := readSource(root, handlersFile)
		if err != nil {
			out.Notes = append(out.Notes, fmt.Sprintf("cannot read %s (%v): add %s to the handlers you pass to registerIpc yourself",
				handlersFile, err, msg.Method))
		} else if edit, ok, why := handlerStub(handlers.File, msg); ok {
			c, err := applyEdits(handlers, []codemod.Edit{edit})
			if err != nil {
				return nil, err
			}
			out.Plan.Changes = append(out.Plan.Changes, c)
		} else if why != "" {
			out.Notes = append(out.Notes, why)
		}
	}
	sort.Slice(out.Plan.Changes, func(i, j int) bool { return out.Plan.Changes[i].Path < out.Plan.Changes[j].Path })

	out.Notes = append(out.Notes, unknownTypes(msg, contract.Path, declaredNames(contract.File))...)
	api := "window." + key + "." + msg.Method
	switch msg.Kind {
	case bridge.Invoke:
		out.Next = append(out.Next,
			fmt.Sprintf("Implement %s in %s: until then it throws 'not implemented' and the page's promise rejects.", msg.Method, handlersFile),
			fmt.Sprintf("Call it from the page: await %s(%s)", api, paramNames(msg)))
	case bridge.Send:
		out.Next = append(out.Next,
			fmt.Sprintf("Implement %s in %s: until then it only logs a warning in main.", msg.Method, handlersFile),
			fmt.Sprintf("Call it from the page: %s(%s)", api, paramNames(msg)))
	case bridge.Event:
		ipcModule := "./" + path.Base(mainIPCPath)
		out.Next = append(out.Next,
			fmt.Sprintf("Send it from main with %s(win.webContents%s), imported from '%s'.", bridge.EventSenderName(msg),
				prefixComma(paramNames(msg)), ipcModule),
			fmt.Sprintf("Listen in the page: const off = %s((%s) => { … }); call off() to stop listening.", api, paramNames(msg)))
	}
	return out, nil
}

// regenerate returns the edits that turn f's regions from what before generates into what after generates, plus
// the imports after needs. A region after changes must exist in f and hold exactly what before generated
// (unless force).
func regenerate(f *syntax.File, before, after []byte, force bool) ([]codemod.Edit, error) {
	ext := path.Ext(f.Path)
	oldFile := syntax.ParseAs("before"+ext, before, f.Lang)
	newFile := syntax.ParseAs("after"+ext, after, f.Lang)
	oldRegions, err := findRegions(oldFile)
	if err != nil {
		return nil, fmt.Errorf("internal error: %v", err)
	}
	newRegions, err := findRegions(newFile)
	if err != nil {
		return nil, fmt.Errorf("internal error: %v", err)
	}
	mine, err := findRegions(f)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(newRegions))
	for name := range newRegions {
		names = append(names, name)
	}
	sort.Strings(names)
	eol := f.EOL()
	var edits []codemod.Edit
	for _, name := range names {
		want := newRegions[name].inner(after)
		was := oldRegions[name].inner(before)
		if want == was {
			continue
		}
		r, ok := mine[name]
		if !ok {
			return nil, fmt.Errorf("%s has no %s ... %s region, so isolate cannot add to it; was it generated by isolate new?",
				f.Path, bridge.RegionStart(name), bridge.RegionEnd(name))
		}
		if r.inner(f.Src) != was && !force {
			return nil, &HandEditedError{Path: f.Path, Region: name}
		}
		edits = append(edits, codemod.Edit{Path: f.Path, Start: r.innerStart, End: r.innerEnd, New: withEOL(want, eol)})
	}
	if len(edits) == 0 {
		return nil, nil
	}
	// The regions may use top-level functions the emitter writes outside them only for some bridges (refuse,
	// for a bridge with messages from the page); a file generated without them cannot take the new regions.
	have := topLevelNames(f, nil)
	for _, name := range sortedKeys(topLevelNames(newFile, newRegions)) {
		if !have[name] {
			return nil, fmt.Errorf("%s lacks %s, which the generated code for the new message uses; it was generated for "+
				"a bridge without such messages. Copy %s from a fresh isolate new app, then run isolate add again", f.Path, name, name)
		}
	}
	return append(edits, importEdits(f, newFile, eol)...), nil
}

// topLevelNames are the functions and variables a file declares at its top level, exported or not, outside the
// given regions.
func topLevelNames(f *syntax.File, outside map[string]region) map[string]bool {
	out := map[string]bool{}
	for _, n := range f.Root.NamedChildren() {
		inside := false
		for _, r := range outside {
			if n.Start >= r.innerStart && n.Start < r.innerEnd {
				inside = true
			}
		}
		if inside {
			continue
		}
		if n.Is("export_statement") {
			if d := n.Child("declaration"); d != nil {
				n = d
			}
		}
		switch {
		case n.Is("function_declaration"):
			out[f.Text(n.Child("name"))] = true
		case n.Is("lexical_declaration", "variable_declaration"):
			for _, d := range n.NamedChildren() {
				if d.Is("variable_declarator") && d.Child("name").Is("identifier") {
					out[f.Text(d.Child("name"))] = true
				}
			}
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// applyEdits applies edits to a file and makes the change; nil when nothing changes.
func applyEdits(s *source, edits []codemod.Edit) (*migrate.Change, error) {
	if len(edits) == 0 {
		return nil, nil
	}
	newSrc, err := codemod.Apply(s.Src, edits)
	if err != nil {
		return nil, fmt.Errorf("internal error: %v", err)
	}
	if string(newSrc) == string(s.Src) {
		return nil, nil
	}
	return change(s, newSrc)
}

// exposedKey is the key of the preload's contextBridge.exposeInMainWorld call.
func exposedKey(f *syntax.File) (string, error) {
	for _, call := range exposeCalls(f) {
		if key, ok := f.StringValue(firstArgument(call)); ok {
			return key, nil
		}
	}
	return "", fmt.Errorf("%s does not call contextBridge.exposeInMainWorld with a literal key", f.Path)
}

// exposeCalls returns the file's calls of exposeInMainWorld on contextBridge (or anything ending in it).
func exposeCalls(f *syntax.File) []*syntax.Node {
	var out []*syntax.Node
	for _, call := range f.Root.Find("call_expression") {
		fn := syntax.Unwrap(call.Child("function"))
		if fn.Is("member_expression") && f.Text(fn.Child("property")) == "exposeInMainWorld" &&
			strings.HasSuffix(f.Text(fn.Child("object")), "contextBridge") {
			out = append(out, call)
		}
	}
	return out
}

// firstArgument returns a call's first argument, or nil.
func firstArgument(call *syntax.Node) *syntax.Node {
	if args := arguments(call); len(args) > 0 {
		return args[0]
	}
	return nil
}

// arguments returns a call's arguments, without comments.
func arguments(call *syntax.Node) []*syntax.Node {
	var out []*syntax.Node
	if args := call.Child("arguments"); args != nil {
		for _, a := range args.NamedChildren() {
			if !a.Is("comment") {
				out = append(out, a)
			}
		}
	}
	return out
}

// importSource returns the module a file imports name from, or def.
func importSource(f *syntax.File, name, def string) string {
	for _, d := range importsOf(f) {
		if d.jsdoc {
			continue
		}
		for _, n := range d.names {
			if n == name {
				return d.source
			}
		}
	}
	return def
}

// declaredNames are the type-level names a file declares or imports.
func declaredNames(f *syntax.File) map[string]bool {
	out := map[string]bool{}
	for _, n := range f.Root.Find("interface_declaration", "type_alias_declaration", "class_declaration", "enum_declaration") {
		if name := n.Child("name"); name != nil {
			out[f.Text(name)] = true
		}
	}
	for _, d := range importsOf(f) {
		for _, n := range d.names {
			out[n] = true
		}
	}
	for _, c := range f.Root.Find("comment") {
		text := f.Text(c)
		for {
			i := strings.Index(text, "@typedef")
			if i < 0 {
				break
			}
			text = strings.TrimLeft(text[i+len("@typedef"):], " \t")
			if strings.HasPrefix(text, "{") {
				// The type may span lines with " * " prefixes; those do not affect brace matching.
				if end := matchingBrace(text); end >= 0 {
					text = text[end+1:]
				}
			}
			if fields := strings.Fields(text); len(fields) > 0 {
				out[strings.Trim(fields[0], "*/")] = true
			}
		}
	}
	return out
}

// paramNames lists a message's parameter names for an example call.
func paramNames(m bridge.Message) string {
	names := make([]string, len(m.Params))
	for i, p := range m.Params {
		names[i] = paramName(p, i)
	}
	return strings.Join(names, ", ")
}

func prefixComma(s string) string {
	if s == "" {
		return ""
	}
	return ", " + s
}
