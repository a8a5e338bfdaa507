// Package syntax parses JavaScript and TypeScript with tree-sitter into a plain Go tree that the rules walk,
// resolves the names in it (Resolve), and gates every rewrite with esbuild: a rewrite that esbuild rejects is never
// written.
//
// The tree-sitter tree is copied into Go nodes once per file and closed at once. Rules then walk ordinary Go values:
// no cgo call per node visit, no Close to forget, and files can be analysed on every core without sharing a parser.
package syntax

import (
	"fmt"
	"path"
	"strings"
	"sync"
	"unicode/utf8"

	sitter "github.com/tree-sitter/go-tree-sitter"
	javascript "github.com/tree-sitter/tree-sitter-javascript/bindings/go"
	typescript "github.com/tree-sitter/tree-sitter-typescript/bindings/go"
)

// Lang is the grammar a file is parsed with.
type Lang uint8

const (
	// JS is JavaScript with JSX (.js .cjs .mjs .jsx).
	JS Lang = iota + 1
	// TS is TypeScript (.ts .cts .mts).
	TS
	// TSX is TypeScript with JSX (.tsx).
	TSX
)

func (l Lang) String() string {
	switch l {
	case JS:
		return "javascript"
	case TS:
		return "typescript"
	case TSX:
		return "tsx"
	}
	return "unknown"
}

// IsTypeScript reports whether l has type syntax.
func (l Lang) IsTypeScript() bool { return l == TS || l == TSX }

// LangOf returns the grammar for a file name, and false for files that are not JavaScript or TypeScript. Declaration
// files (.d.ts) are TypeScript.
func LangOf(name string) (Lang, bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".js", ".cjs", ".mjs", ".jsx":
		return JS, true
	case ".ts", ".cts", ".mts":
		return TS, true
	case ".tsx":
		return TSX, true
	}
	return 0, false
}

// grammar is one tree-sitter language with its node kind and field names read once, so that copying a tree costs
// no string allocation per node.
type grammar struct {
	lang   *sitter.Language
	kinds  []string
	fields []string
	pool   sync.Pool // of *sitter.Parser
}

var (
	grammarsOnce sync.Once
	grammars     map[Lang]*grammar
)

func grammarFor(l Lang) *grammar {
	grammarsOnce.Do(func() {
		grammars = map[Lang]*grammar{
			JS:  newGrammar(sitter.NewLanguage(javascript.Language())),
			TS:  newGrammar(sitter.NewLanguage(typescript.LanguageTypescript())),
			TSX: newGrammar(sitter.NewLanguage(typescript.LanguageTSX())),
		}
	})
	return grammars[l]
}

func newGrammar(lang *sitter.Language) *grammar {
	g := &grammar{lang: lang}
	g.kinds = make([]string, lang.NodeKindCount())
	for i := range g.kinds {
		g.kinds[i] = lang.NodeKindForId(uint16(i))
	}
	g.fields = make([]string, lang.FieldCount()+1)
	for i := 1; i < len(g.fields); i++ {
		g.fields[i] = lang.FieldNameForId(uint16(i))
	}
	g.pool.New = func() any {
		p := sitter.NewParser()
		if err := p.SetLanguage(lang); err != nil {
			panic(fmt.Sprintf("tree-sitter grammar rejected: %v", err))
		}
		return p
	}
	return g
}

// File is one parsed source file. Its tree is plain Go data and safe to read from several goroutines.
type File struct {
	// Path is the file's slash-separated path relative to the project root.
	Path string
	Src  []byte
	Lang Lang
	Root *Node
	// Depth is how deeply the syntax tree nests (the program is at depth 0). A file deeper than MaxDepth keeps
	// only its program node: see TooDeep.
	Depth int

	lineStarts []int
}

// MaxDepth is the deepest syntax tree isolate reads. Hand-written code nests a few dozen levels (a long chain of
// calls or of + a few hundred); a tree deeper than this is generated or hostile, and walking it would cost time
// and memory that grow with its depth for every name in it.
const MaxDepth = 1000

// TooDeep reports whether the file's tree was deeper than MaxDepth; its Root is then an empty program node and
// nothing in it is analysed.
func (f *File) TooDeep() bool { return f.Depth > MaxDepth }

// TooDeepError is the error Parse returns for a file whose tree is deeper than MaxDepth.
type TooDeepError struct {
	Path  string
	Depth int
}

func (e *TooDeepError) Error() string {
	return fmt.Sprintf("its syntax nests more than %d levels deep (generated or hostile code?); skipped", MaxDepth)
}

// Parse parses src as the language its path names. Syntax errors do not fail the parse: the tree holds ERROR and
// MISSING nodes, which SyntaxErrors lists.
func Parse(filePath string, src []byte) (*File, error) {
	lang, ok := LangOf(filePath)
	if !ok {
		return nil, fmt.Errorf("%s: not a JavaScript or TypeScript file", filePath)
	}
	f := ParseAs(filePath, src, lang)
	if f.TooDeep() {
		return nil, &TooDeepError{Path: filePath, Depth: f.Depth}
	}
	return f, nil
}

// ParseAs parses src with the given grammar.
func ParseAs(filePath string, src []byte, lang Lang) *File {
	g := grammarFor(lang)
	if d := bracketDepth(src, MaxDepth); d > MaxDepth {
		// tree-sitter takes seconds on a file nested this deep, and its tree would be refused anyway.
		return &File{Path: filePath, Src: src, Lang: lang, Depth: d, lineStarts: lineStarts(src),
			Root: &Node{Kind: "program", Named: true, End: len(src)}}
	}
	p := g.pool.Get().(*sitter.Parser)
	tree := p.Parse(src, nil)
	g.pool.Put(p)
	defer tree.Close()

	f := &File{Path: filePath, Src: src, Lang: lang}
	f.Root, f.Depth = flattenTree(g, tree, len(src))
	f.lineStarts = lineStarts(src)
	return f
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// Position is a human position in a file: 1-based line, and 1-based column counted in characters (Unicode code
// points), which is what editors show.
type Position struct {
	Line, Column int
}

func (p Position) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

// Pos converts a byte offset into a Position.
func (f *File) Pos(offset int) Position {
	return PositionIn(f.Src, f.lineStarts, offset)
}

// PositionIn converts a byte offset of src into a Position, given the offsets where lines start (nil to compute
// them).
func PositionIn(src []byte, starts []int, offset int) Position {
	if starts == nil {
		starts = lineStarts(src)
	}
	offset = max(0, min(offset, len(src)))
	lo, hi := 0, len(starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if starts[mid] <= offset {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	lineStart := starts[lo]
	col := utf8.RuneCount(src[lineStart:offset]) + 1
	if lo == 0 && len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF && offset >= 3 {
		col-- // a byte order mark is not a character anyone sees
	}
	return Position{Line: lo + 1, Column: col}
}

// LineStart returns the byte offset of the start of the line holding offset.
func (f *File) LineStart(offset int) int {
	p := f.Pos(offset)
	return f.lineStarts[p.Line-1]
}

// Text returns the source text of n.
func (f *File) Text(n *Node) string {
	if n == nil {
		return ""
	}
	return string(f.Src[n.Start:n.End])
}

// SyntaxErrors returns the ERROR and MISSING nodes of the tree, outermost first; nil when the file parsed cleanly.
func (f *File) SyntaxErrors() []*Node {
	if !f.Root.HasError() {
		return nil
	}
	var errs []*Node
	f.Root.Walk(func(n *Node) bool {
		if n.IsError() || n.IsMissing() {
			errs = append(errs, n)
			return false
		}
		return n.HasError()
	})
	return errs
}

// EOL returns the line ending the file uses: "\r\n" when its first line ends so, "\n" otherwise. Inserted lines use
// it so a CRLF file stays CRLF.
func (f *File) EOL() string {
	return DetectEOL(f.Src)
}

// DetectEOL returns "\r\n" when the first line break of src is CRLF, "\n" otherwise.
func DetectEOL(src []byte) string {
	for i, b := range src {
		if b == '\n' {
			if i > 0 && src[i-1] == '\r' {
				return "\r\n"
			}
			return "\n"
		}
	}
	return "\n"
}

// IndentAt returns the whitespace that starts the line holding offset.
func (f *File) IndentAt(offset int) string {
	start := f.LineStart(offset)
	end := start
	for end < len(f.Src) && (f.Src[end] == ' ' || f.Src[end] == '\t') {
		end++
	}
	return string(f.Src[start:end])
}
