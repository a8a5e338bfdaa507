package ipc

import (
	"github.com/isolate-dev/isolate/rules/exposure"
)

// The exposure plan asks the IPC plan, which builds on it, what it rewrites (see exposure.IPC).
func init() {
	exposure.IPC.Replaces = ipcReplaces
	exposure.IPC.MemberText = ipcMemberText
	exposure.IPC.InnerEdits = innerIPCEdits
	exposure.IPC.TypedKey = ipcTypedKey
}
