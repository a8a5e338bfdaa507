package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// unprivilegedEnv marks the child process RunUnprivileged starts, so the child runs the test body itself.
const unprivilegedEnv = "ISOLATE_TEST_UNPRIVILEGED"

// RunUnprivileged lets a test about file permissions mean something when the tests run as root, who reads and
// writes any file whatever its mode. Run as another user it returns false and the test goes on. Run as root it
// runs the calling test again in a child process as user nobody, reports the child's outcome as this test's, and
// returns true: the caller then returns at once.
func RunUnprivileged(t *testing.T) bool {
	t.Helper()
	if os.Geteuid() != 0 || os.Getenv(unprivilegedEnv) != "" {
		return false
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary sits in a directory only root may enter; nobody needs a copy it can execute.
	dir, err := os.MkdirTemp("", "isolate-unprivileged-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, filepath.Base(exe))
	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	var pattern []string
	for _, part := range strings.Split(t.Name(), "/") {
		pattern = append(pattern, "^"+regexp.QuoteMeta(part)+"$")
	}
	cmd := exec.Command(bin, "-test.run="+strings.Join(pattern, "/"), "-test.v", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), unprivilegedEnv+"=1", "HOME="+dir, "GOCOVERDIR=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	t.Logf("ran as user nobody (uid 65534), since root ignores file permissions:\n%s", out)
	if err != nil {
		t.Fatalf("the test failed as user nobody: %v", err)
	}
	if strings.Contains(string(out), "--- SKIP") {
		t.Skip("skipped as user nobody")
	}
	return true
}
