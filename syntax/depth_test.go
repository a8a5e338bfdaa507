package syntax

import (
	"errors"
	"strings"
	"testing"
)

func TestBracketDepthSkipsStringsCommentsAndTemplateText(t *testing.T) {
	for _, c := range []struct {
		src  string
		want int
	}{
		{"f(a[1], { b: [2] })", 3},
		{"const s = '((((' + \"[[[[\" // {{{{\n/* (((( */ g()", 1},
		{"t = `((( ${ f({ x }) } [[[ ${ [1] }` + h()", 3},
		{"t = `a ${ `b ${ c(d) }` }`", 3},
		{"x = 'unterminated\n(y)", 1},
	} {
		if got := bracketDepth([]byte(c.src), 100); got != c.want {
			t.Errorf("bracketDepth(%q) = %d, want %d", c.src, got, c.want)
		}
	}
}

// A tree deeper than MaxDepth is refused, whether brackets make it deep (caught before tree-sitter runs) or a
// chain of operators does (caught as the tree is copied); a tree just under the bound is read whole.
func TestParseRefusesTreesDeeperThanMaxDepth(t *testing.T) {
	for name, src := range map[string]string{
		"blocks":    strings.Repeat("{ x\n", 5000) + strings.Repeat("}\n", 5000),
		"ternaries": "y = " + strings.Repeat("a ? b :\n", 5000) + "c\n",
	} {
		f, err := Parse("deep.js", []byte(src))
		var deep *TooDeepError
		if f != nil || !errors.As(err, &deep) || !strings.Contains(err.Error(), "1000 levels deep") {
			t.Errorf("%s: Parse = %v, %v; want a TooDeepError", name, f, err)
		}
	}
	src := "y = " + strings.Repeat("(", 200) + "1" + strings.Repeat(")", 200) + "\n"
	f, err := Parse("ok.js", []byte(src))
	if err != nil || f.TooDeep() || len(f.Root.Find("number")) != 1 {
		t.Fatalf("200 parentheses: %v, depth %d", err, f.Depth)
	}
}

// Names resolve to the innermost declaration in scope however deep the blocks: resolution keeps the bindings in
// scope instead of walking up the ancestors of every name.
func TestResolveInDeepBlocks(t *testing.T) {
	src := "let x = 1\n" + strings.Repeat("{ x\n", 300) + "{ let x = 2; x }\n" + strings.Repeat("}\n", 300) + "x\n"
	f := ParseAs("a.js", []byte(src), JS)
	sc := Resolve(f)
	var outer, inner *Binding
	for _, b := range sc.Bindings {
		if b.Name == "x" && outer == nil {
			outer = b
		} else if b.Name == "x" {
			inner = b
		}
	}
	if outer == nil || inner == nil || len(outer.Refs) != 301 || len(inner.Refs) != 1 || len(sc.Free) != 0 {
		t.Fatalf("outer %v, inner %v, free %d", outer, inner, len(sc.Free))
	}
}
