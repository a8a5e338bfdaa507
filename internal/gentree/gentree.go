// Package gentree writes a large, plausible JavaScript monorepo for benchmarks: web packages of ordinary
// TypeScript and JavaScript (React components, hooks, utilities, tests, some of it reading window.*), dependencies
// in node_modules, build output, caches, docs and assets, and a few legacy Electron apps among them. The tree is
// the same for the same seed, so runs compare.
package gentree

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Stats says what Generate wrote.
type Stats struct {
	Files int
	// Source counts the files a tool walking the tree as git sees it (without ignored directories) would read.
	Source int
	// Electron is the number of Electron apps in the tree.
	Electron int
}

// Generate writes a monorepo of about n files under root (n at least 1000).
func Generate(root string, n int) (Stats, error) {
	g := &gen{root: root, rnd: rand.New(rand.NewPCG(1, uint64(n)))}
	g.write(".gitignore", "node_modules/\ndist/\n.cache/\ncoverage/\n*.log\n")
	g.write("package.json", `{"name":"acme","private":true,"workspaces":["packages/*","apps/*"]}`+"\n")
	for _, app := range []string{"desktop", "tray", "legacy-editor"} {
		g.electronApp("apps/" + app)
		g.stats.Electron++
	}
	// Shares of the rest: 55% package source, 25% node_modules, 8% build output and caches, 12% docs and assets.
	rest := n - g.stats.Files
	packages := max(1, rest*55/100/300)
	for i := 0; i < packages; i++ {
		g.webPackage(fmt.Sprintf("packages/web-%02d", i), rest*55/100/packages)
	}
	g.nodeModules(rest * 25 / 100)
	g.buildOutput(rest * 8 / 100)
	g.assets(n - g.stats.Files)
	return g.stats, g.err
}

type gen struct {
	root  string
	rnd   *rand.Rand
	stats Stats
	err   error
}

func (g *gen) write(p, content string) {
	if g.err != nil {
		return
	}
	full := filepath.Join(g.root, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		g.err = err
		return
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		g.err = err
		return
	}
	g.stats.Files++
}

func (g *gen) source(p, content string) {
	g.write(p, content)
	g.stats.Source++
}

var words = []string{"user", "order", "invoice", "cart", "session", "profile", "report", "chart", "filter", "theme",
	"search", "upload", "comment", "message", "setting", "account", "payment", "product", "review", "schedule"}

func (g *gen) word() string { return words[g.rnd.IntN(len(words))] }

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// component is a React component of 40 to 120 lines; one in five reads window (scroll, location, storage).
// With ts false it is plain JSX.
func (g *gen) component(name string, ts bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "import React, { useEffect, useState } from 'react'\nimport { format%s } from '../utils/%s'\n\n",
		title(g.word()), g.word())
	props, state := "", ""
	if ts {
		fmt.Fprintf(&b, "export interface %sProps {\n  id: string\n  title?: string\n  onSelect?: (id: string) => void\n}\n\n", name)
		props, state = ": "+name+"Props", "<string[]>"
	}
	fmt.Fprintf(&b, "export function %s({ id, title, onSelect }%s) {\n", name, props)
	fmt.Fprintf(&b, "  const [items, setItems] = useState%s([])\n  const [open, setOpen] = useState(false)\n\n", state)
	if g.rnd.IntN(5) == 0 {
		b.WriteString("  useEffect(() => {\n    const onScroll = () => setOpen(window.scrollY > 120)\n" +
			"    window.addEventListener('scroll', onScroll)\n    return () => window.removeEventListener('scroll', onScroll)\n  }, [])\n\n")
	}
	for i, lines := 0, 10+g.rnd.IntN(30); i < lines; i++ {
		w := g.word()
		fmt.Fprintf(&b, "  const %s%d = items.filter((x) => x.includes('%s')).length // count of %s entries\n", w, i, w, w)
	}
	fmt.Fprintf(&b, "\n  return (\n    <section className=\"%s\" onClick={() => onSelect?.(id)}>\n", strings.ToLower(name))
	b.WriteString("      <h2>{title ?? 'Untitled'}</h2>\n      {open && <ul>{items.map((i) => <li key={i}>{i}</li>)}</ul>}\n    </section>\n  )\n}\n")
	return b.String()
}

func (g *gen) util() string {
	var b strings.Builder
	for i, n := 0, 5+g.rnd.IntN(20); i < n; i++ {
		w := g.word()
		fmt.Fprintf(&b, "/**\n * Formats a %s for display.\n */\nexport function format%s%d(value, locale = 'en-US') {\n", w, title(w), i)
		fmt.Fprintf(&b, "  if (value == null) return ''\n  return new Intl.NumberFormat(locale).format(Number(value)) + ' %s'\n}\n\n", w)
	}
	if g.rnd.IntN(4) == 0 {
		b.WriteString("export const storage = {\n  get: (k) => window.localStorage.getItem(k),\n  set: (k, v) => window.localStorage.setItem(k, v),\n}\n")
	}
	return b.String()
}

func (g *gen) test(name string) string {
	return fmt.Sprintf("import { render } from '@testing-library/react'\nimport { %s } from './%s'\n\n"+
		"describe('%s', () => {\n  it('renders its title', () => {\n    const { getByText } = render(<%s id=\"1\" title=\"Hello\" />)\n"+
		"    expect(getByText('Hello')).toBeTruthy()\n  })\n})\n", name, name, name, name)
}

func (g *gen) webPackage(dir string, files int) {
	g.source(dir+"/package.json", fmt.Sprintf(`{"name":"@acme/%s","version":"1.0.0"}`+"\n", filepath.Base(dir)))
	for i := 1; i < files; i++ {
		w := title(g.word())
		switch i % 6 {
		case 0, 1, 2:
			name := fmt.Sprintf("%s%s%d", w, title(g.word()), i)
			g.source(fmt.Sprintf("%s/src/components/%s.tsx", dir, name), g.component(name, true))
		case 3:
			g.source(fmt.Sprintf("%s/src/utils/%s%d.js", dir, strings.ToLower(w), i), g.util())
		case 4:
			name := fmt.Sprintf("%sPanel%d", w, i)
			g.source(fmt.Sprintf("%s/src/components/%s.test.tsx", dir, name), g.test(name))
		case 5:
			g.write(fmt.Sprintf("%s/src/styles/%s%d.css", dir, strings.ToLower(w), i), ".panel { display: flex; gap: 8px; }\n")
		}
	}
}

func (g *gen) nodeModules(files int) {
	for i := 0; i < files; i++ {
		pkg := fmt.Sprintf("node_modules/%s-lib-%d", g.word(), i/20)
		if i%20 == 0 {
			g.write(pkg+"/package.json", fmt.Sprintf(`{"name":"%s","main":"index.js"}`+"\n", filepath.Base(pkg)))
			continue
		}
		g.write(fmt.Sprintf("%s/lib/%s%d.js", pkg, g.word(), i), "'use strict'\n"+g.util()+
			"module.exports.isBrowser = typeof window !== 'undefined'\n")
	}
}

func (g *gen) buildOutput(files int) {
	for i := 0; i < files; i++ {
		switch i % 3 {
		case 0:
			g.write(fmt.Sprintf("packages/web-00/dist/chunk-%d.js", i), strings.Repeat("!function(e){window.__chunk=e}({});", 80))
		case 1:
			g.write(fmt.Sprintf(".cache/babel/%d.json", i), `{"code":"window.x=1"}`)
		case 2:
			g.write(fmt.Sprintf("coverage/lcov-report/file%d.html", i), "<html><body>coverage</body></html>\n")
		}
	}
}

func (g *gen) assets(files int) {
	for i := 0; i < files; i++ {
		switch i % 3 {
		case 0:
			g.write(fmt.Sprintf("docs/guide/%s-%d.md", g.word(), i), "# Guide\n\nUse `window.acme` only in tests.\n")
		case 1:
			g.write(fmt.Sprintf("packages/web-00/public/img/%s-%d.svg", g.word(), i), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
		case 2:
			g.write(fmt.Sprintf("packages/web-01/public/locales/%s-%d.json", g.word(), i), `{"hello":"Hello"}`+"\n")
		}
	}
}

// electronApp writes a legacy Electron app: a main file whose window names its preload, a preload that assigns
// its API to window, renderer code that requires Node modules, and a page.
func (g *gen) electronApp(dir string) {
	g.source(dir+"/package.json", `{"name":"`+filepath.Base(dir)+`","main":"src/main.js","devDependencies":{"electron":"^9.4.0"}}`+"\n")
	g.source(dir+"/src/main.js", `const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

function createWindow () {
  const win = new BrowserWindow({
    width: 1024,
    height: 768,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      nodeIntegration: true,
      contextIsolation: false
    }
  })
  win.loadFile(path.join(__dirname, 'index.html'))
}

ipcMain.handle('files:list', async () => [])
app.whenReady().then(createWindow)
`)
	g.source(dir+"/src/preload.js", `const { ipcRenderer } = require('electron')

window.api = {
  listFiles: () => ipcRenderer.invoke('files:list'),
  onUpdate: (fn) => ipcRenderer.on('update', (_e, data) => fn(data))
}
window.platform = process.platform
`)
	g.source(dir+"/src/index.html", "<!doctype html>\n<html><body><div id=\"root\"></div><script src=\"renderer.js\"></script></body></html>\n")
	g.source(dir+"/src/renderer.js", "const fs = require('fs')\nwindow.api.listFiles().then((files) => console.log(files.length))\n")
	for i := 0; i < 40; i++ {
		name := fmt.Sprintf("%sView%d", title(g.word()), i)
		g.source(fmt.Sprintf("%s/src/views/%s.jsx", dir, name), g.component(name, false))
	}
}
