package codemod

// ignoreUnknownRule is reported by `isolate check` itself: an `isolate-ignore` comment names a rule that does not
// exist (a typo, or a rule that was renamed), so it suppresses nothing.
var ignoreUnknownRule = Register(&Rule{
	ID:       "ignore-unknown-rule",
	Doc:      "an isolate-ignore comment names a rule that does not exist",
	Severity: Medium,
	Ref:      securityDoc, // suppressions silence findings of the checklist audit; README "Suppressing a finding"
	For:      ForCheck,
})
