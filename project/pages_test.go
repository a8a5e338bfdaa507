package project

import (
	"reflect"
	"testing"
)

func TestWindowPages(t *testing.T) {
	f := facts(t, map[string]string{
		"src/main.js": `const { app, BrowserWindow, BrowserView } = require('electron')
const path = require('path')
const url = require('url')
const isDev = !app.isPackaged

class Settings {
  open () {
    this.win = new BrowserWindow({ width: 400 })
    this.win.loadURL(` + "`file://${__dirname}/settings.html#general`" + `)
  }
}

app.whenReady().then(() => {
  const main = new BrowserWindow({ width: 800 })
  main.loadFile('src/index.html')

  let about
  about = new BrowserWindow({ width: 300 })
  about.webContents.loadURL(url.format({ pathname: path.join(__dirname, 'about.html'), protocol: 'file:', slashes: true }))

  const joined = new BrowserWindow({})
  joined.loadURL('file://' + path.join(__dirname, 'index.html'))

  const dev = new BrowserWindow({})
  dev.loadURL(isDev ? 'http://localhost:3000' : 'file://' + path.join(__dirname, 'index.html'))

  const web = new BrowserView()
  web.webContents.loadURL('https://example.com')

  const gone = new BrowserWindow({})
  gone.loadFile(path.join(__dirname, 'missing.html'))

  const either = new BrowserWindow({})
  either.loadFile(path.join(__dirname, 'index.html'))
  either.loadFile(path.join(__dirname, 'about.html'))

  const unloaded = new BrowserWindow({})
  new Settings().open()
})
`,
		"src/index.html":    `<script src="app.js"></script>`,
		"src/settings.html": `<script src="settings.js"></script>`,
		"src/about.html":    `<p>about</p>`,
		"src/app.js":        `const { helper } = require('./util'); document.title = helper()`,
	})
	analyze(t, f, map[string]string{
		"src/util.js":     `exports.helper = () => 'x'`,
		"src/settings.js": `document.title = 'settings'`,
	})
	type got struct {
		Pages []string
		Known bool
	}
	want := map[int]got{
		8:  {[]string{"src/settings.html"}, true},
		14: {[]string{"src/index.html"}, true},
		18: {[]string{"src/about.html"}, true},
		21: {[]string{"src/index.html"}, true},
		24: {nil, false}, // a dev-server URL one way
		27: {nil, false}, // a remote URL
		30: {nil, false}, // a page not in the tree
		33: {[]string{"src/about.html", "src/index.html"}, true},
		37: {nil, false}, // no load isolate can see
	}
	if len(f.Windows) != len(want) {
		t.Fatalf("found %d windows, want %d", len(f.Windows), len(want))
	}
	for _, w := range f.Windows {
		line := w.Line(f)
		if g := (got{w.Pages, w.PagesKnown}); !reflect.DeepEqual(g, want[line]) {
			t.Errorf("window at line %d: pages %v known %v, want %v", line, g.Pages, g.Known, want[line])
		}
	}
	var code []string
	for _, file := range f.PageCode([]string{"src/index.html"}) {
		code = append(code, file.Path)
	}
	if want := []string{"src/app.js", "src/util.js"}; !reflect.DeepEqual(code, want) {
		t.Errorf("page code of src/index.html = %v, want %v", code, want)
	}
}
