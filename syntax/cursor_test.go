package syntax

import sitter "github.com/tree-sitter/go-tree-sitter"

type sitterParser = sitter.Parser

// copyTree is the straightforward walk through go-tree-sitter's API that flattenTree replaces; the tests keep it as
// the reference.
func copyTree(g *grammar, tree *sitter.Tree) *Node {
	c := tree.Walk()
	defer c.Close()
	root := newNodeFrom(g, c, nil)
	cur := root
	for {
		if c.GotoFirstChild() {
			n := newNodeFrom(g, c, cur)
			cur.Children = append(cur.Children, n)
			cur = n
			continue
		}
		for !c.GotoNextSibling() {
			if !c.GotoParent() {
				return root
			}
			cur = cur.Parent
		}
		n := newNodeFrom(g, c, cur.Parent)
		cur.Parent.Children = append(cur.Parent.Children, n)
		cur = n
	}
}

func newNodeFrom(g *grammar, c *sitter.TreeCursor, parent *Node) *Node {
	tn := c.Node()
	n := &Node{Start: int(tn.StartByte()), End: int(tn.EndByte()), Parent: parent, Named: tn.IsNamed()}
	if id := int(tn.KindId()); id < len(g.kinds) {
		n.Kind = g.kinds[id]
	}
	if fid := int(c.FieldId()); fid > 0 && fid < len(g.fields) {
		n.Field = g.fields[fid]
	}
	if tn.IsMissing() {
		n.flags |= flagMissing
	}
	if tn.IsError() {
		n.flags |= flagError
	}
	if tn.HasError() {
		n.flags |= flagHasError
	}
	return n
}
