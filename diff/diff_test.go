package diff

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnifiedSmall(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
	new := "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\n"
	got := Unified("src/x.js", []byte(old), []byte(new), false, 0)
	want := `diff --git a/src/x.js b/src/x.js
--- a/src/x.js
+++ b/src/x.js
@@ -1,10 +1,11 @@
 a
 b
 c
-d
+D
 e
 f
 g
 h
 i
 j
+k
`
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if Unified("x", []byte("same"), []byte("same"), false, 0) != "" {
		t.Fatal("equal files gave a diff")
	}
}

// TestGitApplyAccepts checks the patches against git itself: applied to the old files they must give the new ones,
// byte for byte, for CRLF files, files without a final newline, far-apart hunks and created files.
func TestGitApplyAccepts(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not on PATH")
	}
	var long strings.Builder
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&long, "line %d\n", i)
	}
	longNew := strings.Replace(strings.Replace(long.String(), "line 5\n", "line five\n", 1), "line 50\n", "", 1)
	cases := []struct {
		name     string
		old, new string
		created  bool
	}{
		{"crlf.js", "a\r\nwindow.x = 1\r\nb\r\n", "a\r\nconst { contextBridge } = require('electron')\r\ncontextBridge.exposeInMainWorld('x', 1)\r\nb\r\n", false},
		{"nonl.js", "a\nb", "a\nc", false},
		{"addnl.js", "a\nb", "a\nb\n", false},
		{"far.js", long.String(), longNew, false},
		{"empty.js", "", "x\n", false},
		{"tobempty.js", "x\n", "", false},
		{"new/file.d.ts", "", "declare global {}\nexport {}\n", true},
		{"ü/ñ.js", "é\n", "è\n", false},
	}
	dir := t.TempDir()
	var patch bytes.Buffer
	for _, c := range cases {
		p := filepath.Join(dir, filepath.FromSlash(c.name))
		if !c.created {
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(c.old), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		patch.WriteString(Unified(c.name, []byte(c.old), []byte(c.new), c.created, 0))
	}
	cmd := exec.Command(git, "apply", "--unsafe-paths", "-")
	cmd.Dir = dir
	cmd.Stdin = &patch
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s\npatch:\n%s", err, out, patch.String())
	}
	for _, c := range cases {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(c.name)))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != c.new {
			t.Errorf("%s: after git apply %q, want %q", c.name, got, c.new)
		}
	}
}
