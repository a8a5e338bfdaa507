// Command isolate makes Electron apps safe by construction: `isolate new` scaffolds an isolated, sandboxed, typed
// app; `isolate migrate` rewrites a legacy app to contextBridge; `isolate check` audits an app against Electron's
// security checklist. This package holds only the cobra commands: flag parsing and wiring.
package main

import (
	"os"

	"github.com/isolate-dev/isolate/ui"
)

func main() {
	os.Exit(run(os.Args[1:], ui.System()))
}
