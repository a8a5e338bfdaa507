//go:build !linux

package testenv

import (
	"os"
	"testing"
)

// RunUnprivileged returns false when the tests run as an ordinary user; as root, which ignores file permissions,
// it skips the test: running it as another user is only done on Linux.
func RunUnprivileged(t *testing.T) bool {
	t.Helper()
	if os.Geteuid() == 0 {
		t.Skip("running as root, which ignores file permissions; re-running as another user is only done on Linux")
	}
	return false
}
