package bridge

import (
	"strings"
	"testing"
)

func TestWindowMember(t *testing.T) {
	for _, c := range []struct {
		m    Message
		want string
	}{
		{Message{Method: "saveFile", Kind: Send, Params: []Param{{Name: "data"}}}, "saveFile: (data: unknown) => void"},
		{Message{Method: "loadPrefs", Kind: Invoke, Result: "Prefs"}, "loadPrefs: () => Promise<Prefs>"},
		{Message{Method: "getConfig", Kind: SendSync}, "getConfig: () => unknown"},
		{Message{Method: "onFileSaved", Kind: Event, Params: []Param{{Name: "path", Type: "string"}}}, "onFileSaved: (callback: (path: string) => void) => () => void"},
		{Message{Method: "onTick", Kind: Event, Variadic: true}, "onTick: (callback: (...args: any[]) => void) => () => void"},
		{Message{Method: "notesSave", Kind: Send, Params: []Param{{Name: "data"}}, OptionalParams: 1}, "notesSave: (data?: unknown) => void"},
		{Message{Method: "log", Kind: Send, Params: []Param{{Name: "level", Type: "string"}}, Variadic: true}, "log: (level: string, ...rest: unknown[]) => void"},
	} {
		if got := WindowMember(c.m); got != c.want {
			t.Errorf("WindowMember(%+v) = %q, want %q", c.m, got, c.want)
		}
	}
}

func TestEmitWindowDeclaration(t *testing.T) {
	got := string(EmitWindowDeclaration([]WindowKey{{
		Bridge: Bridge{Key: "api", Messages: []Message{{Method: "saveNote", Kind: Send, Params: []Param{{Name: "note"}}}}},
		Other:  []string{"platform: string"},
	}}))
	for _, want := range []string{"declare global {\n  interface Window {\n    api: {\n      saveNote: (note: unknown) => void\n      platform: string\n    }\n  }\n}\n\nexport {}\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("declaration:\n%s\nwant it to contain:\n%s", got, want)
		}
	}
}
