package addmsg

import (
	"fmt"
	"strings"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/syntax"
)

// handlerStub adds msg's handler to the `handlers` object of a scaffolded app's handlers file, the user's code
// that registerIpc calls once a message has passed its checks. The stub type-checks and builds as it is: an
// invoke throws "not implemented", so the page's promise rejects with a message that says so, and a send logs a
// warning, because throwing in an ipcMain.on listener would be an uncaught exception in main. It returns false,
// with the reason, when there is no such object or it has the method already.
func handlerStub(f *syntax.File, m bridge.Message) (codemod.Edit, bool, string) {
	obj := handlersObject(f)
	if obj == nil {
		return codemod.Edit{}, false, fmt.Sprintf("%s has no `handlers` object literal to add %s to: add it to the handlers you pass to registerIpc yourself",
			f.Path, m.Method)
	}
	for _, member := range obj.NamedChildren() {
		if name := memberName(f, member); name == m.Method {
			return codemod.Edit{}, false, ""
		}
	}
	st := styleOf(f)
	params := []string{"_event"}
	for i, p := range m.Params {
		params = append(params, paramName(p, i))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: (%s) => {\n", m.Method, strings.Join(params, ", "))
	fmt.Fprintf(&b, "%s// TODO: %s\n", st.indent, stubComment(m))
	if m.Kind == bridge.Invoke {
		fmt.Fprintf(&b, "%sthrow new Error(%s)%s\n", st.indent, st.q(m.Method+" is not implemented yet"), st.end())
	} else {
		fmt.Fprintf(&b, "%sconsole.warn(%s)%s\n", st.indent, st.q(m.Method+" is not implemented yet"), st.end())
	}
	b.WriteString("}")
	return insertMember(f, obj, st, b.String()), true, ""
}

// stubComment says what the handler must do and what registerIpc has already made sure of.
func stubComment(m bridge.Message) string {
	var names []string
	for i, p := range m.Params {
		names = append(names, paramName(p, i))
	}
	if len(names) == 0 {
		return "implement. registerIpc (ipc) lets only the app's own page through."
	}
	verb := "are"
	if len(names) == 1 {
		verb = "is"
	}
	return "implement. registerIpc (ipc) lets only the app's own page through; " + joinAnd(names) + " " + verb +
		" still its input."
}

func paramName(p bridge.Param, i int) string {
	if p.Name == "" {
		return fmt.Sprintf("arg%d", i)
	}
	return p.Name
}

func joinAnd(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// handlersObject finds `const handlers = { … }` (with or without a type annotation, as, satisfies or export).
func handlersObject(f *syntax.File) *syntax.Node {
	for _, d := range f.Root.Find("variable_declarator") {
		if f.Text(d.Child("name")) != "handlers" {
			continue
		}
		if v := syntax.Unwrap(d.Child("value")); v.Is("object") {
			return v
		}
	}
	return nil
}

// memberName is the name an object member defines, or "".
func memberName(f *syntax.File, member *syntax.Node) string {
	switch {
	case member.Is("pair", "method_definition"):
		key := member.Child("key")
		if key == nil {
			key = member.Child("name")
		}
		return keyName(f, key)
	case member.Is("shorthand_property_identifier"):
		return f.Text(member)
	}
	return ""
}
