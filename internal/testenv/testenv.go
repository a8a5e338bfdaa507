// Package testenv lets tests ask for the outside tools they prove things with (npm, Chromium, ripgrep). Locally a
// missing tool skips the test; under CI=true it fails it, because .ci/run installs every tool and a skipped proof
// there would be a silent pass.
package testenv

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// CI reports whether the tests run under CI, where every tool must be present.
func CI() bool {
	v := strings.ToLower(os.Getenv("CI"))
	return v != "" && v != "0" && v != "false"
}

// Tool returns the path of the first of names found on PATH. When none is found it skips the test, or fails it
// under CI.
func Tool(t testing.TB, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	missing(t, "none of %v is on PATH", names)
	return ""
}

// Slow skips a test that takes more than a few seconds when the run is -short, never under CI.
func Slow(t testing.TB) {
	t.Helper()
	if testing.Short() && !CI() {
		t.Skip("slow test skipped in -short mode")
	}
}

func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if CI() {
		t.Fatalf("CI=true but "+format+": .ci/run should have installed it", args...)
	}
	t.Skipf(format+" (skipped outside CI)", args...)
}
