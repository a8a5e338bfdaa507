// Package rules links isolate's rules into a program: importing it registers every audit and rewriting rule with
// the engine (package codemod), which `isolate check`, `isolate migrate` and `isolate types` then run. It holds no
// rule itself; the rules live in audit (check-only), exposure (what the preload exposes to the page), ipc
// (per-message IPC methods), windows (webPreferences and the page's own Node use) and consistency (whether the
// rewritten app still holds together).
package rules

import (
	_ "github.com/isolate-dev/isolate/rules/audit"
	_ "github.com/isolate-dev/isolate/rules/consistency"
	_ "github.com/isolate-dev/isolate/rules/exposure"
	_ "github.com/isolate-dev/isolate/rules/ipc"
	_ "github.com/isolate-dev/isolate/rules/windows"
)
