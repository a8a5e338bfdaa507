package syntax

/*
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>

// Declarations matching tree_sitter/api.h of go-tree-sitter v0.25.0, whose C code is linked into every binary that
// imports it. TestFlattenMatchesCursor guards the layout against a version change.
typedef struct TSTree TSTree;
typedef struct { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;
TSNode ts_tree_root_node(const TSTree *self);
uint16_t ts_node_symbol(TSNode self);
uint32_t ts_node_start_byte(TSNode self);
uint32_t ts_node_end_byte(TSNode self);
bool ts_node_is_named(TSNode self);
bool ts_node_is_missing(TSNode self);
bool ts_node_is_error(TSNode self);
bool ts_node_has_error(TSNode self);
TSTreeCursor ts_tree_cursor_new(TSNode node);
void ts_tree_cursor_delete(TSTreeCursor *self);
TSNode ts_tree_cursor_current_node(const TSTreeCursor *self);
uint16_t ts_tree_cursor_current_field_id(const TSTreeCursor *self);
bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);
bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
bool ts_tree_cursor_goto_parent(TSTreeCursor *self);

typedef struct {
	uint32_t start, end, depth;
	uint16_t symbol, field;
	uint8_t flags;
} isolate_flat;

// isolate_flatten writes the tree's nodes in depth-first order into out and returns how many there are; when that
// is more than cap, only cap were written and the caller retries with a larger buffer.
static size_t isolate_flatten(const TSTree *tree, isolate_flat *out, size_t cap) {
	TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
	size_t n = 0;
	uint32_t depth = 0;
	for (;;) {
		if (n < cap) {
			TSNode node = ts_tree_cursor_current_node(&c);
			isolate_flat *f = &out[n];
			f->start = ts_node_start_byte(node);
			f->end = ts_node_end_byte(node);
			f->depth = depth;
			f->symbol = ts_node_symbol(node);
			f->field = ts_tree_cursor_current_field_id(&c);
			f->flags = (ts_node_is_named(node) ? 1 : 0) | (ts_node_is_error(node) ? 2 : 0) |
			           (ts_node_is_missing(node) ? 4 : 0) | (ts_node_has_error(node) ? 8 : 0);
		}
		n++;
		if (ts_tree_cursor_goto_first_child(&c)) {
			depth++;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				return n;
			}
			depth--;
		}
	}
}
*/
import "C"

import (
	"bytes"
	"unsafe"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// flattenTree copies a tree-sitter tree into Go nodes with one cgo call, instead of a dozen per node: on a 100 KB
// file that is most of the cost of parsing. It returns the tree's depth too; a tree deeper than MaxDepth is not
// copied, and its root is an empty node of the root's kind spanning the source.
func flattenTree(g *grammar, tree *sitter.Tree, sizeHint int) (*Node, int) {
	// sitter.Tree holds only its *C.TSTree; the C types of another package are not ours, so go through unsafe.
	ctree := *(**C.TSTree)(unsafe.Pointer(tree))
	flat := make([]C.isolate_flat, sizeHint/2+64)
	n := int(C.isolate_flatten(ctree, &flat[0], C.size_t(len(flat))))
	if n > len(flat) {
		flat = make([]C.isolate_flat, n)
		C.isolate_flatten(ctree, &flat[0], C.size_t(len(flat)))
	}
	flat = flat[:n]
	depth := 0
	for i := range flat {
		depth = max(depth, int(flat[i].depth))
	}
	if depth > MaxDepth {
		root := &Node{Start: int(flat[0].start), End: int(flat[0].end), Named: true}
		if int(flat[0].symbol) < len(g.kinds) {
			root.Kind = g.kinds[flat[0].symbol]
		}
		return root, depth
	}

	nodes := make([]Node, n)
	childCount := make([]int32, n)
	stack := make([]int32, 0, 64) // indexes of the current ancestors
	parents := make([]int32, n)
	for i := range flat {
		f := &flat[i]
		d := int(f.depth)
		stack = stack[:d]
		nd := &nodes[i]
		nd.Start, nd.End = int(f.start), int(f.end)
		if int(f.symbol) < len(g.kinds) {
			nd.Kind = g.kinds[f.symbol]
		}
		if fid := int(f.field); fid > 0 && fid < len(g.fields) {
			nd.Field = g.fields[fid]
		}
		nd.Named = f.flags&1 != 0
		if f.flags&2 != 0 {
			nd.flags |= flagError
		}
		if f.flags&4 != 0 {
			nd.flags |= flagMissing
		}
		if f.flags&8 != 0 {
			nd.flags |= flagHasError
		}
		parents[i] = -1
		if d > 0 {
			p := stack[d-1]
			parents[i] = p
			nd.Parent = &nodes[p]
			childCount[p]++
		}
		stack = append(stack, int32(i))
	}
	// Children of every node share one backing array, filled in source order.
	backing := make([]*Node, n)
	next := 0
	for i := range nodes {
		if c := int(childCount[i]); c > 0 {
			nodes[i].Children = backing[next : next : next+c]
			next += c
		}
	}
	for i := 1; i < n; i++ {
		p := &nodes[parents[i]]
		p.Children = append(p.Children, &nodes[i])
	}
	return &nodes[0], depth
}

// bracketDepth estimates how deeply the brackets of JavaScript source nest, skipping comments, strings and the
// text of template literals, and stops counting once the depth passes limit. It does not tell a regular
// expression from a division, so a bracket inside a regex literal may be counted: an estimate, good enough to
// refuse a file nested thousands of levels deep before tree-sitter spends seconds on it.
func bracketDepth(src []byte, limit int) int {
	depth, deepest := 0, 0
	// templates holds, for each template literal whose ${ … } the scan is inside, the bracket depth at its ${.
	var templates []int
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			} else if i+1 < len(src) && src[i+1] == '*' {
				end := bytes.Index(src[i+2:], []byte("*/"))
				if end < 0 {
					return deepest
				}
				i += 2 + end + 1
			}
		case '\'', '"':
			for i++; i < len(src) && src[i] != c && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '`':
			i = templateText(src, i+1)
			if i < len(src) && src[i] == '$' {
				i++ // at the { of ${
				templates = append(templates, depth)
				depth++
			}
		case '{', '(', '[':
			depth++
			if depth > deepest {
				deepest = depth
				if deepest > limit {
					return deepest
				}
			}
		case '}', ')', ']':
			if depth > 0 {
				depth--
			}
			if c == '}' && len(templates) > 0 && templates[len(templates)-1] == depth {
				templates = templates[:len(templates)-1]
				i = templateText(src, i+1)
				if i < len(src) && src[i] == '$' {
					i++
					templates = append(templates, depth)
					depth++
				}
			}
		}
	}
	return deepest
}

// templateText skips the text of a template literal from i and returns the index of the closing backquote, or of
// the $ of a ${ that opens a substitution, or len(src).
func templateText(src []byte, i int) int {
	for ; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '`':
			return i
		case '$':
			if i+1 < len(src) && src[i+1] == '{' {
				return i
			}
		}
	}
	return i
}
