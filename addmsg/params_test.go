package addmsg

import (
	"reflect"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/bridge"
)

func TestParseParams(t *testing.T) {
	for list, want := range map[string]struct {
		params   []bridge.Param
		optional int
	}{
		"":                            {},
		"   ":                         {},
		"id: string":                  {[]bridge.Param{{Name: "id", Type: "string"}}, 0},
		"id: string, force?: boolean": {[]bridge.Param{{Name: "id", Type: "string"}, {Name: "force", Type: "boolean"}}, 1},
		"data":                        {[]bridge.Param{{Name: "data"}}, 0},
		"opts: { dark: boolean; size: number }, tags: Array<string>": {[]bridge.Param{
			{Name: "opts", Type: "{ dark: boolean; size: number }"}, {Name: "tags", Type: "Array<string>"}}, 0},
		"map: Record<string, number>":     {[]bridge.Param{{Name: "map", Type: "Record<string, number>"}}, 0},
		"mode: 'a' | 'b', n?: number[]":   {[]bridge.Param{{Name: "mode", Type: "'a' | 'b'"}, {Name: "n", Type: "number[]"}}, 1},
		"a?: string, b?: number":          {[]bridge.Param{{Name: "a", Type: "string"}, {Name: "b", Type: "number"}}, 2},
		"  spaced :  string  ,  second  ": {[]bridge.Param{{Name: "spaced", Type: "string"}, {Name: "second"}}, 0},
	} {
		got, optional, err := ParseParams(list)
		if err != nil {
			t.Errorf("%q: %v", list, err)
			continue
		}
		if !reflect.DeepEqual(got, want.params) || optional != want.optional {
			t.Errorf("%q: got %+v (%d optional), want %+v (%d optional)", list, got, optional, want.params, want.optional)
		}
	}
}

func TestParseParamsRejectsWithAReason(t *testing.T) {
	for list, reason := range map[string]string{
		"id string":                          "not a TypeScript parameter list",
		"id: string) { evil() } function g(": "not a TypeScript parameter list",
		"id: string,,":                       "not a TypeScript parameter list",
		"id: string // note":                 "comment",
		"id: /* x */ string":                 "comment",
		"...ids: string[]":                   "pass an array instead (ids: T[])",
		"count = 1":                          "make it optional instead",
		"{ a, b }: Pair":                     "destructuring",
		"this: Window":                       "no this parameter",
		"public id: string":                  "modifiers",
		"done: () => void":                   "a function cannot be sent over IPC",
		"id: string, id: number":             "appears twice",
	} {
		_, _, err := ParseParams(list)
		if err == nil {
			// Duplicates are the bridge's to refuse: check through a request.
			_, err = Request{Method: "m", Kind: bridge.Send, Params: list}.message()
		}
		if err == nil || !strings.Contains(err.Error(), reason) {
			t.Errorf("%q: error %v; want one saying %q", list, err, reason)
		}
	}
}

func TestParseType(t *testing.T) {
	for _, good := range []string{"string", "{ name: string; age?: number }", "User[]", "Promise<void> | null", "'a' | 'b'"} {
		if got, err := ParseType(good); err != nil || got != good {
			t.Errorf("%q: %q, %v", good, got, err)
		}
	}
	for _, bad := range []string{"string string", "{ name: string", "x => y => z =", "string /* c */", "number; evil()"} {
		if _, err := ParseType(bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

func TestRequestChecks(t *testing.T) {
	for _, c := range []struct {
		req  Request
		want string
	}{
		{Request{Method: "get-user", Kind: bridge.Invoke}, "not a valid method name"},
		{Request{Method: "2fa", Kind: bridge.Invoke}, "not a valid method name"},
		{Request{Method: "class", Kind: bridge.Invoke}, "not a usable JavaScript identifier"},
		{Request{Method: "Channels", Kind: bridge.Invoke}, "not a usable JavaScript identifier"},
		{Request{Method: "getUser", Kind: bridge.SendSync}, "use --invoke"},
		{Request{Method: "__proto__", Kind: bridge.Invoke}, "sets the object's prototype"},
		{Request{Method: "constructor", Kind: bridge.Invoke}, "cannot be a method name"},
		{Request{Method: "toString", Kind: bridge.Invoke}, "cannot be a method name"},
		{Request{Method: "hasOwnProperty", Kind: bridge.Send}, "cannot be a method name"},
		{Request{Method: "valueOf", Kind: bridge.Invoke}, "cannot be a method name"},
		{Request{Method: "then", Kind: bridge.Invoke}, "thenable"},
		{Request{Method: "save", Kind: bridge.Send, Result: "string"}, "a send has no result"},
		{Request{Method: "save", Kind: bridge.Send, Params: "event: string"}, `parameter name "event"`},
		{Request{Method: "save", Kind: bridge.Send, Params: "a?: string, b: string"}, "make it optional too"},
		{Request{Method: "save", Kind: bridge.Send, Doc: "two\nlines"}, "one line"},
	} {
		_, err := c.req.message()
		var input *InputError
		if err == nil || !strings.Contains(err.Error(), c.want) || !asInput(err, &input) {
			t.Errorf("%+v: error %v; want an InputError saying %q", c.req, err, c.want)
		}
	}
	m, err := Request{Method: "getUser", Kind: bridge.Invoke, Params: "id: string", Result: "User", Doc: " Loads a user. "}.message()
	if err != nil || m.Result != "User" || m.Doc != "Loads a user." || len(m.Params) != 1 {
		t.Errorf("good request: %+v, %v", m, err)
	}
}

func TestTypeNames(t *testing.T) {
	for typ, want := range map[string][]string{
		"string": nil,
		"User":   {"User"},
		"Promise<User[]> | Record<string, Settings>": {"User", "Settings"},
		"<T>(x: T) => T":                    nil,
		"ns.Thing":                          {"ns"},
		"{ when: Date; tags: Set<string> }": nil,
	} {
		if got := typeNames(typ); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %v, want %v", typ, got, want)
		}
	}
}

func asInput(err error, target **InputError) bool {
	e, ok := err.(*InputError)
	if ok {
		*target = e
	}
	return ok
}
