package audit

import (
	"github.com/isolate-dev/isolate/codemod"
)

// ignoreReason is reported by `isolate check` itself, not by a pass over the code: an `isolate-ignore` comment
// without a reason. A suppression is a decision someone made; the reason is what lets a reviewer check it.
var ignoreReason = codemod.Register(&codemod.Rule{
	ID:       "ignore-reason",
	Doc:      "an isolate-ignore comment gives no reason",
	Severity: codemod.Medium,
	Ref:      securityDoc, // suppressions silence findings of the checklist audit; README "Suppressing a finding"
	For:      codemod.ForCheck,
})
