package migrate

import (
	"fmt"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/isolate-dev/isolate/codemod"
)

// pageFilesApp is a nodeIntegration app with one window whose page loads n scripts, each sending and receiving on
// its own channel through ipcRenderer, answered by n ipcMain listeners. The page loads them with <script src>, not
// require, so that the migrated window still works and the whole plan is made.
func pageFilesApp(t *testing.T, n int) string {
	var main, index strings.Builder
	main.WriteString(`const { app, BrowserWindow, ipcMain } = require('electron')
app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } })
  win.loadFile('index.html')
})
`)
	files := map[string]string{
		"package.json": `{"name":"panels","main":"main.js","devDependencies":{"electron":"30.0.0"}}`,
	}
	index.WriteString("<!doctype html><html><body>\n")
	for i := range n {
		fmt.Fprintf(&main, "ipcMain.on('panel-%d', (event, value) => event.reply('panel-%d-saved', value))\n", i, i)
		fmt.Fprintf(&index, "<script src=\"src/panel%d.js\"></script>\n", i)
		files[fmt.Sprintf("src/panel%d.js", i)] = fmt.Sprintf(`const { ipcRenderer } = require('electron')
document.getElementById('save-%d').addEventListener('click', () => ipcRenderer.send('panel-%d', %d))
ipcRenderer.on('panel-%d-saved', (event, value) => console.log('saved', value))
`, i, i, i, i)
	}
	index.WriteString("</body></html>\n")
	files["main.js"], files["index.html"] = main.String(), index.String()
	dir := t.TempDir()
	writeTree(t, dir, files)
	return dir
}

// windowsApp is an app whose main code opens n windows, each with the same preload and one of ten pages.
func windowsApp(t *testing.T, n int) string {
	var main strings.Builder
	main.WriteString("const { app, BrowserWindow } = require('electron')\nconst path = require('path')\napp.whenReady().then(() => {\n")
	for i := range n {
		fmt.Fprintf(&main, "  const win%d = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: false } })\n", i)
		fmt.Fprintf(&main, "  win%d.loadFile('page%d.html')\n", i, i%10)
	}
	main.WriteString("})\n")
	files := map[string]string{
		"package.json": `{"name":"windows","main":"main.js","devDependencies":{"electron":"30.0.0"}}`,
		"main.js":      main.String(),
		"preload.js":   "const { ipcRenderer } = require('electron')\nwindow.notify = (channel, value) => ipcRenderer.send(channel, value)\n",
	}
	for i := range 10 {
		files[fmt.Sprintf("page%d.html", i)] = fmt.Sprintf(`<!doctype html><html><body><script src="page%d.js"></script></body></html>`, i)
		files[fmt.Sprintf("page%d.js", i)] = fmt.Sprintf("window.notify('opened', %d)\n", i)
	}
	dir := t.TempDir()
	writeTree(t, dir, files)
	return dir
}

// cost is what one dry run took: CPU time of the whole process (on every core; what other processes on the
// machine do does not count), wall time, and bytes allocated.
type cost struct {
	cpu, wall time.Duration
	alloc     uint64
}

func measure(t *testing.T, root string, check func(*Plan)) cost {
	t.Helper()
	rules := codemod.Rules(codemod.ForMigrate)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0, start := processCPU(), time.Now()
	plan, _, err := Compute(root, rules, nil)
	c := cost{wall: time.Since(start), cpu: processCPU() - cpu0}
	runtime.ReadMemStats(&after)
	c.alloc = after.TotalAlloc - before.TotalAlloc
	if err != nil {
		t.Fatal(err)
	}
	check(plan)
	return c
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// The dry run grows linearly with the page files that call ipcRenderer and with the windows: each shape is
// measured at a small and a large size in one run, and the ratio of the costs is held well under what growth with
// the square of the size would give (16× for four times the page files, 100× for ten times the windows), with
// room for a loaded machine. Before, 2,000 page files took 22 times as long as 500 did, and 3,000 windows 100
// times as long as 300.
func TestDryRunScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and migrates trees of thousands of files")
	}
	for _, c := range []struct {
		name     string
		app      func(*testing.T, int) string
		sizes    []int
		maxRatio float64
		check    func(t *testing.T, n int, p *Plan)
	}{
		{"page files calling ipcRenderer", pageFilesApp, []int{500, 1000, 2000}, 10, func(t *testing.T, n int, p *Plan) {
			// main.js, every page file, and the preload isolate creates.
			if len(p.Changes) != n+2 || len(p.Errors) > 0 {
				t.Fatalf("%d page files: %d changes, errors %v", n, len(p.Changes), p.Errors)
			}
		}},
		{"windows", windowsApp, []int{300, 3000}, 30, func(t *testing.T, n int, p *Plan) {
			if len(p.Changes) == 0 || len(p.Errors) > 0 {
				t.Fatalf("%d windows: %d changes, errors %v", n, len(p.Changes), p.Errors)
			}
			for _, ch := range p.Changes {
				if ch.Path == "main.js" && strings.Count(string(ch.New), "contextIsolation: true") != n {
					t.Fatalf("%d windows: main.js isolates %d of them", n, strings.Count(string(ch.New), "contextIsolation: true"))
				}
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var costs []cost
			for _, n := range c.sizes {
				root := c.app(t, n)
				k := measure(t, root, func(p *Plan) { c.check(t, n, p) })
				t.Logf("%5d: cpu %v, wall %v, allocated %d MB", n, k.cpu.Round(time.Millisecond), k.wall.Round(time.Millisecond), k.alloc>>20)
				costs = append(costs, k)
			}
			small, large := costs[0], costs[len(costs)-1]
			size := float64(c.sizes[len(c.sizes)-1]) / float64(c.sizes[0])
			cpu := float64(large.cpu) / float64(max(small.cpu, time.Millisecond))
			alloc := float64(large.alloc) / float64(max(small.alloc, 1))
			t.Logf("%.0f× the size: %.1f× the CPU time, %.1f× the allocation", size, cpu, alloc)
			if cpu > c.maxRatio || alloc > c.maxRatio {
				t.Errorf("%.0f× the size took %.1f× the CPU time and %.1f× the allocation, want at most %.0f×", size, cpu, alloc, c.maxRatio)
			}
		})
	}
}
