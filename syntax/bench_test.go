package syntax

import (
	"fmt"
	sitter "github.com/tree-sitter/go-tree-sitter"
	"strings"
	"testing"
)

// benchSource is a plausible preload-and-renderer mix, about 100 KB.
func benchSource() []byte {
	var b strings.Builder
	b.WriteString("const { ipcRenderer } = require('electron')\n")
	for i := 0; i < 800; i++ {
		fmt.Fprintf(&b, "// handler %d\nwindow.api%d = { save: (d) => ipcRenderer.send('save-%d', d), n: [1, 2, %d] }\n", i, i, i, i)
	}
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	src := benchSource()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		ParseAs("bench.js", src, JS)
	}
}

func BenchmarkValidate(b *testing.B) {
	src := benchSource()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Validate("bench.js", src)
	}
}

func BenchmarkTreeSitterOnly(b *testing.B) {
	src := benchSource()
	g := grammarFor(JS)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		p := g.pool.Get().(*sitter.Parser)
		tree := p.Parse(src, nil)
		g.pool.Put(p)
		tree.Close()
	}
}
