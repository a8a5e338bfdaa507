package project

import (
	"bytes"
	"path"
	"regexp"
	"strings"

	"golang.org/x/net/html"

	"github.com/isolate-dev/isolate/syntax"
)

// testDirs are directory names that hold tests, mocks and test fixtures.
var testDirs = map[string]bool{
	"__tests__": true, "__mocks__": true, "__fixtures__": true, "test": true, "tests": true, "spec": true,
	"specs": true, "e2e": true, "__snapshots__": true,
}

// testFileRe-like checks on the base name: *.test.*, *.spec.*, jest/vitest set-up and config files.
func isTestPath(p string) bool {
	parts := strings.Split(p, "/")
	for _, d := range parts[:len(parts)-1] {
		if testDirs[strings.ToLower(d)] {
			return true
		}
	}
	base := strings.ToLower(parts[len(parts)-1])
	for _, infix := range []string{".test.", ".spec.", ".e2e.", ".stories."} {
		if strings.Contains(base, infix) {
			return true
		}
	}
	stem := strings.TrimSuffix(base, path.Ext(base))
	switch stem {
	case "jest.setup", "jest.config", "jest-setup", "setuptests", "setup-tests", "vitest.setup", "vitest.config",
		"playwright.config", "karma.conf", "wdio.conf", "test-setup", "testsetup":
		return true
	}
	return false
}

// usesTestFramework reports whether a file calls a test framework's globals (jest.mock, vi.fn, describe with
// expect): a mock or test kept outside the usual places.
func usesTestFramework(file *File) (string, bool) {
	sc := file.Scopes()
	seen := map[string]bool{}
	for _, id := range sc.Free {
		name := file.Text(id)
		if (name == "jest" || name == "vi" || name == "sinon") && id.Parent.Is("member_expression") {
			return name, true
		}
		seen[name] = true
	}
	if seen["describe"] && (seen["expect"] || seen["assert"]) {
		return "describe", true
	}
	return "", false
}

// LooksLikePreload reports whether a path is named or placed like a preload: preload.js, preload-v3.js,
// finderPreload.js, src/preload/bridge.js, preloads/app.js.
func LooksLikePreload(p string) bool {
	parts := strings.Split(strings.ToLower(p), "/")
	base := parts[len(parts)-1]
	if isBuildConfig(base) {
		return false // webpack.config.preload.js builds a preload; it is not one
	}
	for _, d := range parts[:len(parts)-1] {
		if d == "preload" || d == "preloads" {
			return true
		}
	}
	return strings.Contains(base, "preload")
}

// isBuildConfig reports whether a file name is a build tool's configuration.
func isBuildConfig(base string) bool {
	if strings.Contains(base, ".config.") || strings.HasSuffix(strings.TrimSuffix(base, path.Ext(base)), ".config") {
		return true
	}
	for _, tool := range []string{"webpack", "vite", "rollup", "esbuild", "babel", "gulpfile", "gruntfile", "forge", "electron-builder"} {
		if strings.HasPrefix(base, tool) {
			return true
		}
	}
	return false
}

// componentKind names the framework of a single-file component by its extension.
func componentKind(p string) string {
	if strings.EqualFold(path.Ext(p), ".svelte") {
		return "Svelte"
	}
	return "Vue"
}

// mainOnlyElectron are the Electron modules only the main process has; a file that takes one is main code.
var mainOnlyElectron = map[string]bool{
	"app": true, "ipcMain": true, "BrowserWindow": true, "BrowserView": true, "WebContentsView": true,
	"dialog": true, "Menu": true, "MenuItem": true, "Tray": true, "protocol": true, "session": true,
	"globalShortcut": true, "autoUpdater": true, "powerMonitor": true, "powerSaveBlocker": true,
	"systemPreferences": true, "webContents": true, "utilityProcess": true, "MessageChannelMain": true,
	"nativeTheme": true, "TouchBar": true, "net": true, "inAppPurchase": true, "safeStorage": true,
}

// ElectronNames lists the names a file takes from the electron module: destructured from require('electron'),
// imported by name, or read off a binding of the whole module (electron.ipcMain). The map goes from Electron's
// name to the node that takes it.
func ElectronNames(file *File) map[string]*syntax.Node {
	out := map[string]*syntax.Node{}
	sc := file.Scopes()
	for _, imp := range Imports(file) {
		if imp.Spec != "electron" && imp.Spec != "electron/main" && imp.Spec != "electron/renderer" &&
			imp.Spec != "electron/common" {
			continue
		}
		n := imp.Node
		if n.Is("import_statement") {
			for _, spec := range n.Find("import_specifier") {
				out[file.Text(spec.Child("name"))] = spec
			}
			for _, id := range WholeModuleBindings(n) {
				for _, ref := range sc.Of(id).Refs {
					if p := ref.Parent; p.Is("member_expression") && p.Child("object") == ref {
						out[file.Text(p.Child("property"))] = p
					}
				}
			}
			continue
		}
		// require('electron'): what is done with it.
		parent := n.Parent
		for parent.Is("parenthesized_expression") {
			parent = parent.Parent
		}
		switch {
		case parent.Is("member_expression"):
			out[file.Text(parent.Child("property"))] = parent
		case parent.Is("variable_declarator"):
			name := parent.Child("name")
			if name.Is("object_pattern") {
				for _, c := range name.NamedChildren() {
					switch c.Kind {
					case "shorthand_property_identifier_pattern":
						out[file.Text(c)] = c
					case "pair_pattern":
						out[file.Text(c.Child("key"))] = c
					case "object_assignment_pattern":
						out[file.Text(c.Child("left"))] = c
					}
				}
			} else if name.Is("identifier") {
				if b := sc.Of(name); b != nil {
					for _, ref := range b.Refs {
						if p := ref.Parent; p.Is("member_expression") && p.Child("object") == ref {
							out[file.Text(p.Child("property"))] = p
						}
					}
				}
			}
		}
	}
	return out
}

// WholeModuleBindings returns the identifiers an import statement binds to the whole module (default and
// namespace imports, import x = require()).
func WholeModuleBindings(imp *syntax.Node) []*syntax.Node {
	var out []*syntax.Node
	for _, c := range imp.NamedChildren() {
		switch c.Kind {
		case "import_clause":
			for _, cc := range c.NamedChildren() {
				if cc.Is("identifier") {
					out = append(out, cc)
				}
				if cc.Is("namespace_import") {
					for _, id := range cc.NamedChildren() {
						if id.Is("identifier") {
							out = append(out, id)
						}
					}
				}
			}
		case "import_require_clause":
			for _, id := range c.NamedChildren() {
				if id.Is("identifier") {
					out = append(out, id)
				}
			}
		}
	}
	return out
}

// domGlobals are the page globals whose use marks code as renderer code when nothing else says what it is.
var domGlobals = map[string]bool{"document": true, "window": true, "localStorage": true, "sessionStorage": true,
	"navigator": true, "location": true, "HTMLElement": true, "customElements": true, "requestAnimationFrame": true}

// domUse returns the first free DOM global a file uses, or nil.
func domUse(file *File) *syntax.Node {
	for _, id := range file.Scopes().Free {
		if domGlobals[file.Text(id)] {
			return id
		}
	}
	return nil
}

// readPage finds the scripts an HTML page loads and parses its inline scripts, once: what it finds depends on the
// page alone, while the analysis that asks runs once per round of files Load adds.
func (a *analysis) readPage(pg *Page) {
	pg.Unread, pg.Code = nil, nil
	if !pg.read {
		pg.readScripts()
	}
}

// readScripts fills in the Scripts, Modules, WebviewPreloads and Inline of a page from its source. Load calls it
// on every core as it reads the page.
func (pg *Page) readScripts() {
	pg.read = true
	pg.Scripts, pg.Modules, pg.WebviewPreloads, pg.WebviewUnisolated = nil, nil, nil, nil
	blank := bytes.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return r
		}
		return ' '
	}, pg.Src)
	if len(blank) != len(pg.Src) {
		// Invalid UTF-8 was replaced by wider runes: blank byte by byte instead.
		blank = make([]byte, len(pg.Src))
		for i, b := range pg.Src {
			if b == '\n' || b == '\r' {
				blank[i] = b
			} else {
				blank[i] = ' '
			}
		}
	}
	hasInline := false
	z := html.NewTokenizer(bytes.NewReader(pg.Src))
	offset := 0
	inScript := false
	for {
		tt := z.Next()
		raw := z.Raw()
		start := offset
		offset += len(raw)
		if tt == html.ErrorToken {
			break
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "webview" {
				preload, unisolated := "", false
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch {
					case strings.EqualFold(string(k), "preload"):
						preload = pageScriptPath(pg.Path, strings.TrimPrefix(string(v), "file://"))
					case strings.EqualFold(string(k), "webpreferences"):
						unisolated = IsolationOffRe.Match(v)
					}
				}
				if preload != "" {
					pg.WebviewPreloads = append(pg.WebviewPreloads, preload)
					if unisolated {
						if pg.WebviewUnisolated == nil {
							pg.WebviewUnisolated = map[string]bool{}
						}
						pg.WebviewUnisolated[preload] = true
					}
				}
				continue
			}
			if string(name) != "script" {
				continue
			}
			src, typ := "", ""
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "src":
					src = string(v)
				case "type":
					typ = strings.ToLower(strings.TrimSpace(string(v)))
				}
			}
			if typ != "" && typ != "module" && !strings.Contains(typ, "javascript") && typ != "text/babel" {
				continue
			}
			if src != "" {
				if p := pageScriptPath(pg.Path, src); p != "" {
					pg.Scripts = append(pg.Scripts, p)
					if typ == "module" {
						if pg.Modules == nil {
							pg.Modules = map[string]bool{}
						}
						pg.Modules[p] = true
					}
				}
				continue
			}
			inScript = tt == html.StartTagToken
		case html.TextToken:
			if inScript {
				copy(blank[start:offset], pg.Src[start:offset])
				hasInline = true
			}
		case html.EndTagToken:
			inScript = false
		}
	}
	pg.Inline, pg.inlineTooDeep = nil, false
	if hasInline {
		pg.Inline = syntax.ParseAs(pg.Path, blank, syntax.JS)
		if pg.Inline.TooDeep() {
			pg.Inline, pg.inlineTooDeep = nil, true
		}
	}
}

// pageScriptPath resolves a <script src> to a slash path relative to the root; "" for remote scripts. A path
// starting with / is taken relative to the page's directory, as a dev server serving that directory (Vite) does.
func pageScriptPath(page, src string) string {
	if i := strings.IndexAny(src, "?#"); i >= 0 {
		src = src[:i]
	}
	lower := strings.ToLower(src)
	if src == "" || strings.Contains(lower, "://") || strings.HasPrefix(src, "//") || strings.HasPrefix(lower, "data:") {
		return ""
	}

	p := path.Join(path.Dir(page), strings.TrimPrefix(src, "/"))
	if p == ".." || strings.HasPrefix(p, "../") {
		return ""
	}
	return p
}

// IsolationOffRe matches a <webview> webpreferences attribute that turns context isolation off.
var IsolationOffRe = regexp.MustCompile(`(?i)\bcontextIsolation\s*=\s*(false|no|0)\b`)
