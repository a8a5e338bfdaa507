package audit

import (
	"github.com/isolate-dev/isolate/codemod"
)

// ignoreUnknownRule is reported by `isolate check` itself: an `isolate-ignore` comment names a rule that does not
// exist (a typo, or a rule that was renamed), so it suppresses nothing.
var ignoreUnknownRule = codemod.Register(&codemod.Rule{
	ID:       "ignore-unknown-rule",
	Doc:      "an isolate-ignore comment names a rule that does not exist",
	Severity: codemod.Medium,
	Ref:      securityDoc, // suppressions silence findings of the checklist audit; README "Suppressing a finding"
	For:      codemod.ForCheck,
})
