//go:build unix

package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/isolate-dev/isolate/internal/testenv"
)

// `npm run dev` builds and starts Electron; a change to main or the preload rebuilds and restarts it, and a change
// to the renderer (code or a static file) rebuilds dist/renderer without a restart, for main to reload the page in
// place. Electron cannot run here, so a stand-in binary (through ELECTRON_OVERRIDE_DIST_PATH, which the electron
// package honours) reports each start and whether it was told to reload the renderer.
func TestNewAppDevRebuildsAndRestarts(t *testing.T) {
	testenv.Slow(t)
	testenv.Tool(t, "npm")
	node := testenv.Tool(t, "node")
	dir := filepath.Join(t.TempDir(), "dev-app")
	if code, _, stderr := runTest(t, nil, "new", dir, "--yes", "--no-git"); code != 0 {
		t.Fatalf("isolate new exited %d: %s", code, stderr)
	}
	fake := t.TempDir()
	script := "#!/bin/sh\necho \"electron started $* reload=$ELECTRON_RENDERER_RELOAD\"\nexec sleep 60\n"
	if err := os.WriteFile(filepath.Join(fake, "electron"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(node, "build.mjs", "--watch")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "ELECTRON_OVERRIDE_DIST_PATH="+fake)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The build script, its esbuild service and the stand-in share one process group; end them all.
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		cmd.Wait()
	})
	lines := make(chan string, 100)
	go func() {
		s := bufio.NewScanner(out)
		for s.Scan() {
			lines <- s.Text()
		}
		close(lines)
	}()
	var seen []string
	waitStart := func(why string) {
		t.Helper()
		deadline := time.After(20 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("dev stopped before Electron started (%s):\n%s", why, strings.Join(seen, "\n"))
				}
				seen = append(seen, l)
				if strings.HasPrefix(l, "electron started") {
					return
				}
			case <-deadline:
				t.Fatalf("Electron did not start (%s):\n%s", why, strings.Join(seen, "\n"))
			}
		}
	}
	appendTo := func(rel, text string) {
		f, err := os.OpenFile(filepath.Join(dir, rel), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(text); err != nil {
			t.Fatal(err)
		}
	}
	// noRestart waits until the file at rel contains want, and fails if Electron restarted meanwhile or soon after.
	noRestart := func(rel, want string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			if data, _ := os.ReadFile(filepath.Join(dir, rel)); strings.Contains(string(data), want) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s was not rebuilt with %q", rel, want)
			}
			time.Sleep(100 * time.Millisecond)
		}
		settle := time.After(time.Second)
		for {
			select {
			case l := <-lines:
				seen = append(seen, l)
				if strings.HasPrefix(l, "electron started") {
					t.Fatalf("a renderer change restarted Electron (%s):\n%s", rel, strings.Join(seen, "\n"))
				}
			case <-settle:
				return
			}
		}
	}
	waitStart("first build")
	if last := seen[len(seen)-1]; !strings.HasSuffix(last, "reload=1") {
		t.Errorf("Electron was not told to reload the renderer in development: %q", last)
	}
	appendTo("src/main/handlers.ts", "\nconsole.debug('changed')\n")
	waitStart("after a change to main")
	appendTo("src/preload/index.ts", "\nconsole.debug('preload changed')\n")
	waitStart("after a change to the preload")
	appendTo("src/renderer/style.css", "\n.changed { color: red }\n")
	noRestart("dist/renderer/style.css", ".changed")
	appendTo("src/renderer/main.ts", "\nconsole.debug('renderer changed')\n")
	noRestart("dist/renderer/index.js", "renderer changed")
	if html, _ := os.ReadFile(filepath.Join(dir, "dist/renderer/index.html")); !strings.Contains(string(html), `http-equiv="Content-Security-Policy"`) {
		t.Errorf("the development build of index.html has no CSP meta tag:\n%s", html)
	}
	if main, _ := os.ReadFile(filepath.Join(dir, "dist/main/index.js")); !strings.Contains(string(main), "changed") {
		t.Errorf("dist/main/index.js was not rebuilt")
	}
}
