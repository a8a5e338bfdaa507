package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// ToolsDir is where .ci/run installs the pinned npm tools and files that tests compare against (Electronegativity,
// the SARIF 2.1.0 schema): $ISOLATE_TOOLS, or isolate-tools in the user's cache directory.
func ToolsDir() string {
	if d := os.Getenv("ISOLATE_TOOLS"); d != "" {
		return d
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	return filepath.Join(cache, "isolate-tools")
}

// ToolFile returns the path of a file under ToolsDir. When it is missing it skips the test, or fails it under CI,
// where .ci/run should have installed it.
func ToolFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(ToolsDir(), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missing(t, "%s is missing (bash .ci/run installs it)", p)
	}
	return p
}
