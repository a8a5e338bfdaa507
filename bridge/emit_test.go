package bridge

import (
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

// richBridge uses every kind, checked and unchecked argument types, and names that need quoting.
func richBridge() Bridge {
	return Bridge{Key: "desktop", Messages: []Message{
		{Method: "readFile", Channel: "fs:read", Kind: Invoke, Params: []Param{{"path", "string"}}, Result: "string",
			Doc: "Reads a file the user chose."},
		{Method: "saveAll", Channel: "save-all", Kind: Send, Params: []Param{{"names", "string[]"}, {"count", "number"}}},
		{Method: "getConfig", Channel: "config:get", Kind: SendSync, Params: []Param{{"key", "string"}}, Result: "{ value: string }"},
		{Method: "configure", Channel: "configure", Kind: Invoke, Params: []Param{{"options", "{ dark: boolean }"}}},
		{Method: "log", Channel: "it's \\ quoted", Kind: Send, Params: []Param{{"", ""}}},
		{Method: "onProgress", Channel: "progress", Kind: Event, Params: []Param{{"percent", "number"}, {"label", "string"}}},
		{Method: "onReset", Channel: "reset", Kind: Event},
	}}
}

// emitAll returns every emitted file of b for lang, by a name that says what it is.
func emitAll(t *testing.T, b Bridge, lang Lang) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, emit := range map[string]func() ([]byte, error){
		"contract": func() ([]byte, error) { return EmitContract(b, lang) },
		"preload":  func() ([]byte, error) { return EmitPreload(b, lang, "../shared/contract") },
		"main": func() ([]byte, error) {
			return EmitMain(b, lang, MainOptions{Contract: "../shared/contract", Security: "./security"})
		},
		"window": func() ([]byte, error) { return EmitWindowTypes(b, "../shared/contract") },
	} {
		src, err := emit()
		if err != nil {
			t.Fatalf("%s (%s): %v", name, lang, err)
		}
		out[name] = string(src)
	}
	return out
}

// Everything emitted parses: TypeScript as TypeScript, JavaScript as plain JavaScript (its types are comments).
func TestEmittedCodeParses(t *testing.T) {
	for _, b := range []Bridge{richBridge(), {Key: "api"}} {
		for _, lang := range []Lang{TypeScript, JavaScript} {
			for name, src := range emitAll(t, b, lang) {
				loader := api.LoaderJS
				if lang == TypeScript || name == "window" {
					loader = api.LoaderTS
				}
				res := api.Transform(src, api.TransformOptions{Loader: loader, Format: api.FormatCommonJS})
				for _, m := range res.Errors {
					t.Errorf("%s (%s, %d messages): %s at line %d\n%s", name, lang, len(b.Messages), m.Text,
						m.Location.Line, src)
				}
			}
		}
	}
}

func TestEmittedCodeHasBalancedRegions(t *testing.T) {
	for _, lang := range []Lang{TypeScript, JavaScript} {
		for name, src := range emitAll(t, richBridge(), lang) {
			opened := map[string]int{}
			for _, line := range strings.Split(src, "\n") {
				line = strings.TrimSpace(line)
				if n, ok := strings.CutPrefix(line, "// #region isolate:"); ok {
					opened[n]++
				}
				if n, ok := strings.CutPrefix(line, "// #endregion isolate:"); ok {
					opened[n]--
					if opened[n] < 0 {
						t.Errorf("%s (%s): region %s closed before it opened", name, lang, n)
					}
				}
			}
			for n, c := range opened {
				if c != 0 {
					t.Errorf("%s (%s): region %s left open", name, lang, n)
				}
			}
		}
	}
}

func TestPreloadExposesNothingGeneric(t *testing.T) {
	for _, lang := range []Lang{TypeScript, JavaScript} {
		var code []string
		for _, line := range strings.Split(emitAll(t, richBridge(), lang)["preload"], "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "//") {
				code = append(code, line)
			}
		}
		src := strings.Join(code, "\n")
		if strings.Count(src, "contextBridge.exposeInMainWorld(") != 1 || !strings.Contains(src, "exposeInMainWorld('desktop', api)") {
			t.Errorf("%s: preload must expose api once, on window.desktop:\n%s", lang, src)
		}
		for _, bad := range []string{"(channel", "...args) => ipcRenderer.send", "...args) => ipcRenderer.invoke", "exposeInMainWorld('desktop', ipcRenderer"} {
			if strings.Contains(src, bad) {
				t.Errorf("%s: preload contains the generic pattern %q", lang, bad)
			}
		}
	}
}

func TestValidateRejectsWhatWouldBreakTheCode(t *testing.T) {
	base := func(m Message) Bridge { return Bridge{Key: "api", Messages: []Message{m}} }
	for name, b := range map[string]Bridge{
		"bad key":          {Key: "my-api"},
		"keyword key":      {Key: "class"},
		"bad method":       base(Message{Method: "save-file", Channel: "x", Kind: Send}),
		"reserved method":  base(Message{Method: "Channels", Channel: "x", Kind: Send}),
		"bad kind":         base(Message{Method: "a", Channel: "x", Kind: "post"}),
		"empty channel":    base(Message{Method: "a", Kind: Send}),
		"bad param":        base(Message{Method: "a", Channel: "x", Kind: Send, Params: []Param{{"my param", "string"}}}),
		"shadowing param":  base(Message{Method: "a", Channel: "x", Kind: Send, Params: []Param{{"event", "string"}}}),
		"comment in type":  base(Message{Method: "a", Channel: "x", Kind: Send, Params: []Param{{"p", "string */ x"}}}),
		"unbalanced type":  base(Message{Method: "a", Channel: "x", Kind: Invoke, Result: "{ a: string"}),
		"doc ends comment": base(Message{Method: "a", Channel: "x", Kind: Send, Doc: "oops */"}),
		"duplicate method": {Key: "api", Messages: []Message{{Method: "a", Channel: "x", Kind: Send}, {Method: "a", Channel: "y", Kind: Send}}},
		"duplicate channel": {Key: "api", Messages: []Message{{Method: "a", Channel: "x", Kind: Send},
			{Method: "b", Channel: "x", Kind: Invoke}}},
		"same type name": {Key: "api", Messages: []Message{{Method: "a", Channel: "x", Kind: Send},
			{Method: "A", Channel: "y", Kind: Send}}},
		"same event sender": {Key: "api", Messages: []Message{{Method: "onSaved", Channel: "x", Kind: Event},
			{Method: "saved", Channel: "y", Kind: Event}}},
	} {
		if err := b.Validate(); err == nil {
			t.Errorf("%s: accepted", name)
		}
		if _, err := EmitPreload(b, TypeScript, "./c"); err == nil {
			t.Errorf("%s: EmitPreload emitted", name)
		}
	}
	if err := richBridge().Validate(); err != nil {
		t.Errorf("rich bridge: %v", err)
	}
	if err := (Bridge{Key: "api", Messages: []Message{{Method: "a", Channel: "x", Kind: Event,
		Params: []Param{{"cb", "(x: number) => void"}}}}}).Validate(); err != nil {
		t.Errorf("function type rejected: %v", err)
	}
}

func TestNames(t *testing.T) {
	for _, c := range []struct {
		m    Message
		want [2]string
	}{
		{Message{Method: "onFocusChanged", Kind: Event}, [2]string{"OnFocusChanged", "sendFocusChanged"}},
		{Message{Method: "online", Kind: Event}, [2]string{"Online", "sendOnline"}},
		{Message{Method: "on", Kind: Event}, [2]string{"On", "sendOn"}},
	} {
		m, want := c.m, c.want
		if TypeName(m) != want[0] || EventSenderName(m) != want[1] {
			t.Errorf("%s: %s, %s; want %v", m.Method, TypeName(m), EventSenderName(m), want)
		}
	}
	if got := jsString("it's \\ \n"); got != `'it\'s \\ \n'` {
		t.Errorf("jsString = %s", got)
	}
}
