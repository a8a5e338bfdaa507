package project

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/isolate-dev/isolate/syntax"
)

func facts(t *testing.T, files map[string]string) *Facts {
	t.Helper()
	f := &Facts{Files: map[string]*File{}}
	for p, src := range files {
		sf, err := syntax.Parse(p, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		f.Files[p] = &File{File: sf}
	}
	return f
}

func TestAnalyzeResolvesPreloadsRelativeToMain(t *testing.T) {
	f := facts(t, map[string]string{
		"src/main.js": `const { BrowserWindow } = require('electron')
const path = require('path')
const opts = { width: 800, webPreferences: { preload: path.join(__dirname, 'preload', 'index.js'), nodeIntegration: true } }
function create() { return new BrowserWindow(opts) }
const view = new BrowserView({ webPreferences: { preload: ` + "`${__dirname}/../view-preload.js`" + ` } })
`,
		"src/preload/index.js": "window.api = {}\n",
		"preload.js":           "window.x = 1\n",
	})
	more := Analyze(f)
	if len(more) != 1 || more[0] != "view-preload.js" {
		t.Fatalf("more = %v", more)
	}
	if !f.Files["src/main.js"].Role.Has(Main) || len(f.Windows) != 2 {
		t.Fatalf("main role %v, %d windows", f.Files["src/main.js"].Role, len(f.Windows))
	}
	w := f.Windows[0]
	if w.Options == nil || w.WebPreferences == nil || w.Preload != "src/preload/index.js" {
		t.Fatalf("window %+v", w)
	}
	pre := f.Files["src/preload/index.js"]
	if !pre.Role.Has(Preload) || pre.Heuristic || pre.Why != "preload of src/main.js:4" {
		t.Fatalf("preload role %v heuristic %v why %q", pre.Role, pre.Heuristic, pre.Why)
	}
	if f.Files["preload.js"].Role != 0 {
		t.Fatal("a preload no window loads was marked as one")
	}
}

func TestAnalyzeFallsBackToFileNameAndSaysSo(t *testing.T) {
	f := facts(t, map[string]string{
		"app/main.js":    "new BrowserWindow({ webPreferences: { preload: getPreloadPath() } })\n",
		"app/preload.js": "window.x = require('electron').ipcRenderer\n",
	})
	Analyze(f)
	pre := f.Files["app/preload.js"]
	if !pre.Role.Has(Preload) || !pre.Heuristic {
		t.Fatalf("role %v heuristic %v", pre.Role, pre.Heuristic)
	}
}

func TestElectronVersion(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"devDependencies":{"electron":"^11.2.0"}}`), 0o644)
	if v := ElectronVersion(dir); !v.Known || v.Major != 11 || v.Minor != 2 || v.Source != "package.json" {
		t.Fatalf("got %+v", v)
	}
	os.WriteFile(filepath.Join(dir, "package-lock.json"), []byte(`{"packages":{"node_modules/electron":{"version":"11.5.1"}}}`), 0o644)
	if v := ElectronVersion(dir); v.Major != 11 || v.Minor != 5 || v.Source != "package-lock.json" {
		t.Fatalf("got %+v", v)
	}
	if v := ElectronVersion(t.TempDir()); v.Known {
		t.Fatalf("no package.json gave %+v", v)
	}
}
