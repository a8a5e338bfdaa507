package bridge

import (
	"strings"
	"testing"
)

// Optional parameters are optional in the contract's tuple and are checked in main only when the page passed
// them.
func TestOptionalParameters(t *testing.T) {
	b := Bridge{Key: "api", Messages: []Message{{Method: "find", Channel: "find", Kind: Invoke, OptionalParams: 2,
		Params: []Param{{Name: "text", Type: "string"}, {Name: "limit", Type: "number"}, {Name: "tags", Type: "string[]"}}}}}
	for _, lang := range []Lang{TypeScript, JavaScript} {
		files := emitAll(t, b, lang)
		if !strings.Contains(files["contract"], "args: [text: string, limit?: number, tags?: string[]]") {
			t.Errorf("%s contract:\n%s", lang, files["contract"])
		}
		for _, want := range []string{
			"if (typeof text !== 'string') throw",
			"if (limit !== undefined && typeof limit !== 'number') throw",
			"if (tags !== undefined && (!Array.isArray(tags) || !tags.every((item) => typeof item === 'string'))) throw",
		} {
			if !strings.Contains(files["main"], want) {
				t.Errorf("%s main lacks %q:\n%s", lang, want, files["main"])
			}
		}
	}
	for _, n := range []int{-1, 4} {
		b.Messages[0].OptionalParams = n
		if err := b.Validate(); err == nil {
			t.Errorf("OptionalParams %d of 3 accepted", n)
		}
	}
}
