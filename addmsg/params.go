package addmsg

import (
	"fmt"
	"strings"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/syntax"
)

// ParseParams reads a TypeScript parameter list ("id: string, force?: boolean") into bridge parameters and the
// number of trailing ones that are optional. Every parameter is a plain name with an optional type (unknown when
// left out); what a message cannot carry or the emitters cannot write is refused with a message that says what
// to write instead: rest parameters, defaults, destructuring, this, modifiers, decorators, functions and comments.
func ParseParams(list string) (params []bridge.Param, optional int, err error) {
	if strings.TrimSpace(list) == "" {
		return nil, 0, nil
	}
	const prefix = "function f("
	src := prefix + list + "\n) {}\n"
	f := syntax.ParseAs("args.ts", []byte(src), syntax.TS)
	bad := func(format string, args ...any) ([]bridge.Param, int, error) {
		return nil, 0, fmt.Errorf("--args %q: %s", list, fmt.Sprintf(format, args...))
	}
	const notAList = "not a TypeScript parameter list; write it as in a function signature, e.g. 'id: string, force?: boolean'"
	top := f.Root.NamedChildren()
	if len(f.SyntaxErrors()) > 0 || len(top) != 1 || !top[0].Is("function_declaration") {
		return bad(notAList)
	}
	formal := top[0].Child("parameters")
	if formal == nil || formal.Start != len(prefix)-1 || formal.End != len(prefix)+len(list)+2 {
		return bad(notAList)
	}
	if len(f.Root.Find("comment")) > 0 {
		return bad("comments are not allowed; use --doc to describe the message")
	}
	for _, p := range formal.NamedChildren() {
		pat := p.Child("pattern")
		switch {
		case !p.Is("required_parameter", "optional_parameter") || pat == nil:
			return bad("cannot read %q as a parameter", f.Text(p))
		case pat.Is("rest_pattern"):
			return bad("rest parameter %s: a message has a fixed list of parameters; pass an array instead (%s: T[])",
				f.Text(pat), strings.TrimPrefix(f.Text(pat), "..."))
		case pat.Is("this"):
			return bad("a message has no this parameter")
		case !pat.Is("identifier"):
			return bad("%s: destructuring is not supported; name the parameter and give it an object type", f.Text(pat))
		case p.Child("value") != nil:
			return bad("%s has a default value; make it optional instead (%s?: T) and apply the default in main",
				f.Text(pat), f.Text(pat))
		case p.Child("decorator") != nil || p.FirstOfKind("accessibility_modifier") != nil ||
			p.FirstOfKind("override_modifier") != nil || strings.HasPrefix(f.Text(p), "readonly "):
			return bad("%s: modifiers and decorators have no meaning for a message parameter", f.Text(pat))
		case p.Is("optional_parameter"):
			optional++
		case optional > 0:
			return bad("%s is required but follows an optional parameter; make it optional too, or move it before them", f.Text(pat))
		}
		param := bridge.Param{Name: f.Text(pat)}
		if ann := p.Child("type"); ann != nil {
			param.Type = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(f.Text(ann)), ":"))
			if err := checkType(f, ann); err != nil {
				return bad("%s: %v", param.Name, err)
			}
			if t := ann.NamedChildren(); len(t) > 0 && t[len(t)-1].Is("function_type", "constructor_type") {
				return bad("%s: a function cannot be sent over IPC (messages are copied with the structured clone "+
					"algorithm); send data, or add an --event for main to call back", param.Name)
			}
		}
		params = append(params, param)
	}
	return params, optional, nil
}

// ParseType reads one TypeScript type, such as the --result of an invoke.
func ParseType(t string) (string, error) {
	t = strings.TrimSpace(t)
	if t == "" {
		return "", nil
	}
	const prefix = "type T = "
	src := prefix + t + "\n"
	f := syntax.ParseAs("result.ts", []byte(src), syntax.TS)
	top := f.Root.NamedChildren()
	if len(f.SyntaxErrors()) > 0 || len(top) != 1 || !top[0].Is("type_alias_declaration") || top[0].Child("value") == nil ||
		top[0].Child("value").Start != len(prefix) || top[0].Child("value").End != len(prefix)+len(t) {
		return "", fmt.Errorf("--result %q is not a TypeScript type (e.g. 'string', '{ id: string; name: string }', 'User[]')", t)
	}
	if err := checkType(f, top[0].Child("value")); err != nil {
		return "", fmt.Errorf("--result %q: %v", t, err)
	}
	return t, nil
}

// checkType refuses comments inside a type: the JavaScript emitters write types into JSDoc comments, which a
// comment marker would end early.
func checkType(f *syntax.File, n *syntax.Node) error {
	var err error
	n.Walk(func(c *syntax.Node) bool {
		if c.Is("comment") {
			err = fmt.Errorf("comments are not allowed in a type")
		}
		return err == nil
	})
	if err == nil && (strings.Contains(f.Text(n), "*/") || strings.Contains(f.Text(n), "//")) {
		err = fmt.Errorf("a type may not contain */ or //")
	}
	return err
}

// typeNames returns the names a type refers to that are neither TypeScript's nor its own type parameters, so the
// caller can say when the contract (which imports nothing) will not know them.
func typeNames(t string) []string {
	if t == "" {
		return nil
	}
	f := syntax.ParseAs("t.ts", []byte("type T = "+t+"\n"), syntax.TS)
	seen := map[string]bool{}
	var out []string
	f.Root.Walk(func(n *syntax.Node) bool {
		if n.Is("type_parameter") {
			if name := n.Child("name"); name != nil {
				seen[f.Text(name)] = true
			}
		}
		return true
	})
	f.Root.Walk(func(n *syntax.Node) bool {
		if n.Is("nested_type_identifier") {
			name := strings.SplitN(f.Text(n), ".", 2)[0]
			if !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
			return false
		}
		if n.Is("type_identifier") && n.Field != "name" {
			name := f.Text(n)
			if !seen[name] && !globalTypes[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
		return true
	})
	return out
}

// globalTypes are types every TypeScript program knows (the ES library and its utility types).
var globalTypes = map[string]bool{}

func init() {
	for _, name := range strings.Fields(`Array ReadonlyArray Promise PromiseLike Record Partial Required Readonly Pick
		Omit Exclude Extract NonNullable ReturnType Parameters Awaited Map ReadonlyMap Set ReadonlySet Date RegExp
		Error Uint8Array Int8Array Uint16Array Int16Array Uint32Array Int32Array Float32Array Float64Array
		BigInt64Array BigUint64Array ArrayBuffer DataView Uppercase Lowercase Capitalize Uncapitalize Object String
		Number Boolean Function Symbol BigInt`) {
		globalTypes[name] = true
	}
}
