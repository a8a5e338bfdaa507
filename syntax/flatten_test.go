package syntax

import (
	"os"
	"testing"
)

// TestFlattenMatchesCursor compares the one-call C flattening with a walk through go-tree-sitter's own API, so a
// change in tree-sitter's struct layout cannot go unnoticed.
func TestFlattenMatchesCursor(t *testing.T) {
	srcs := map[string][]byte{
		"a.js":  benchSource()[:4000],
		"b.tsx": []byte("import x from 'y'\nconst A = (p: {n: number}) => <div a={p.n as any}>{`t${1}`}</div>\nfunction (\n"),
	}
	if self, err := os.ReadFile("syntax.go"); err == nil {
		srcs["c.ts"] = self // Go is not TypeScript: a tree full of errors is a good test too
	}
	for name, src := range srcs {
		lang, _ := LangOf(name)
		g := grammarFor(lang)
		p := g.pool.Get().(*sitterParser)
		tree := p.Parse(src, nil)
		g.pool.Put(p)
		want := copyTree(g, tree)
		got, _ := flattenTree(g, tree, len(src))
		tree.Close()
		var a, b []*Node
		want.Walk(func(n *Node) bool { a = append(a, n); return true })
		got.Walk(func(n *Node) bool { b = append(b, n); return true })
		if len(a) != len(b) {
			t.Fatalf("%s: %d nodes by cursor, %d flattened", name, len(a), len(b))
		}
		for i := range a {
			x, y := a[i], b[i]
			if x.Kind != y.Kind || x.Field != y.Field || x.Start != y.Start || x.End != y.End || x.Named != y.Named ||
				x.flags != y.flags || len(x.Children) != len(y.Children) || (x.Parent == nil) != (y.Parent == nil) {
				t.Fatalf("%s: node %d differs: cursor %+v, flattened %+v", name, i, *x, *y)
			}
		}
	}
}
