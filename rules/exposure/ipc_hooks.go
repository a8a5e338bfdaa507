package exposure

import (
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

// IPC is what the exposure plan asks of the per-message IPC rewrites. Those are planned on top of the exposure plan
// (package ipc imports this one), so they answer through these functions, which package ipc sets when it is linked
// in. Left nil, the exposure plan rewrites as if no IPC rewrite ran.
var IPC struct {
	// Replaces reports whether the IPC plan replaces the value n of a preload (the whole ipcRenderer), so that
	// exposing it is not a problem to report.
	Replaces func(facts *project.Facts, n *syntax.Node) bool
	// MemberText writes the methods that replace a generic member set on its own (window.api.send = fn), for
	// window-assign, which gathers such members into one object at indentation indent.
	MemberText func(facts *project.Facts, pf *project.File, asg *syntax.Node, indent string) (string, bool)
	// InnerEdits returns the member rewrites that fall inside [start, end) of a preload, written for a move from
	// indentation from to to.
	InnerEdits func(facts *project.Facts, pf *project.File, start, end int, from, to string) []codemod.Edit
	// TypedKey reports whether the IPC rewrites type key of a preload themselves, so window-assign's typings
	// leave it alone.
	TypedKey func(facts *project.Facts, pf *project.File, key string) bool
}

func ipcReplaces(facts *project.Facts, n *syntax.Node) bool {
	return IPC.Replaces != nil && IPC.Replaces(facts, n)
}

func ipcMemberText(facts *project.Facts, pf *project.File, asg *syntax.Node, indent string) (string, bool) {
	if IPC.MemberText == nil {
		return "", false
	}
	return IPC.MemberText(facts, pf, asg, indent)
}

func innerIPCEdits(facts *project.Facts, pf *project.File, start, end int, from, to string) []codemod.Edit {
	if IPC.InnerEdits == nil {
		return nil
	}
	return IPC.InnerEdits(facts, pf, start, end, from, to)
}

func ipcTypedKey(facts *project.Facts, pf *project.File, key string) bool {
	return IPC.TypedKey != nil && IPC.TypedKey(facts, pf, key)
}
