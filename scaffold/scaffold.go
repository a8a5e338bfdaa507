// Package scaffold turns the answers of `isolate new` into the files of a new Electron app, and writes them. It
// renders templates/ and the bridge emitters; it never prompts, touches the network or runs a tool, so a
// scaffold takes milliseconds and tests can inspect every file.
package scaffold

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"text/template"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/templates"
)

// The choices a new app is made from. The first of each list is the default.
var (
	Langs           = []string{"ts", "js"}
	UIs             = []string{"vanilla", "react"}
	PackageManagers = []string{"npm", "pnpm", "yarn"}
)

// Options are the answers that shape a new app.
type Options struct {
	// Name is the package.json name.
	Name string
	// Lang is "ts" or "js".
	Lang string
	// UI is "vanilla" or "react".
	UI string
	// PM is the package manager the printed commands use: "npm", "pnpm" or "yarn".
	PM string
}

// Validate reports the first option that is not allowed.
func (o Options) Validate() error {
	if err := ValidateName(o.Name); err != nil {
		return err
	}
	for _, c := range []struct {
		what, value string
		allowed     []string
	}{{"language", o.Lang, Langs}, {"ui", o.UI, UIs}, {"package manager", o.PM, PackageManagers}} {
		if !slices.Contains(c.allowed, c.value) {
			return fmt.Errorf("%s %q is not one of %s", c.what, c.value, strings.Join(c.allowed, ", "))
		}
	}
	return nil
}

// File is one file of the new app. Path is slash-separated and relative to the app's directory.
type File struct {
	Path string
	Data []byte
	Mode fs.FileMode
}

// Dependency is one pinned devDependency of the new app.
type Dependency struct{ Name, Version string }

// Versions are the exact versions a new app pins, chosen so that `npm install`, `npm run typecheck` and
// `npm run build` pass on the machines isolate is tested on (see the tests in cmd/isolate). Everything is a
// devDependency: the build bundles what the app needs, so nothing is loaded from node_modules at run time.
var Versions = PinnedVersions{
	// Electron 45 is the newest supported line and downloads its binary on first run instead of in an install
	// script; its installer wants Node >= 22.12 (on older Node, npm only warns).
	Electron: "45.4.1",
	// electron-builder packages the app and flips its fuses from one config file (electronFuses), with no plugin
	// and without taking over the build, which stays the app's own esbuild script.
	ElectronBuilder: "26.18.1",
	Esbuild:         "0.28.2",
	TypeScript:      "5.9.3",
	// Electron 45 runs Node 24; its own typings depend on @types/node 24, pinned here so pnpm's strict layout
	// finds them too.
	TypesNode:     "24.19.2",
	React:         "19.3.1",
	ReactDOM:      "19.3.1",
	TypesReact:    "19.3.0",
	TypesReactDOM: "19.3.0",
	// ESLint 10 wants Node 20.19 or newer.
	ESLint:               "10.16.0",
	ESLintJS:             "10.0.1",
	ESLintConfigPrettier: "10.1.9",
	ESLintReactHooks:     "7.1.1",
	Globals:              "17.15.0",
	Prettier:             "3.10.1",
	TypeScriptESLint:     "8.74.0",
}

// ElectronNode is the oldest Node.js the pinned Electron's package declares (its engines field) for installing
// it: npm and pnpm only warn on an older Node, yarn 1 refuses to install.
const ElectronNode = "22.12.0"

// PinnedVersions holds one exact version per package a new app depends on.
type PinnedVersions struct {
	ESLint, ESLintJS, ESLintConfigPrettier, ESLintReactHooks, Globals, Prettier, TypeScriptESLint         string
	Electron, ElectronBuilder, Esbuild, TypeScript, TypesNode, React, ReactDOM, TypesReact, TypesReactDOM string
}

// Dependencies returns the devDependencies of an app with these options, sorted by name as npm writes them.
func (o Options) Dependencies() []Dependency {
	v := Versions
	deps := []Dependency{
		{"@types/node", v.TypesNode},
		{"electron", v.Electron},
		{"electron-builder", v.ElectronBuilder},
		{"esbuild", v.Esbuild},
		{"typescript", v.TypeScript},
	}
	// Lint and format: ESLint's flat config with typescript-eslint (for JavaScript too, which it parses the same
	// way) and Prettier.
	deps = append(deps,
		Dependency{"@eslint/js", v.ESLintJS},
		Dependency{"eslint", v.ESLint},
		Dependency{"eslint-config-prettier", v.ESLintConfigPrettier},
		Dependency{"globals", v.Globals},
		Dependency{"prettier", v.Prettier},
		Dependency{"typescript-eslint", v.TypeScriptESLint})
	if o.UI == "react" {
		deps = append(deps, Dependency{"eslint-plugin-react-hooks", v.ESLintReactHooks})
		deps = append(deps,
			Dependency{"@types/react", v.TypesReact},
			Dependency{"@types/react-dom", v.TypesReactDOM},
			Dependency{"react", v.React},
			Dependency{"react-dom", v.ReactDOM})
	}
	slices.SortFunc(deps, func(a, b Dependency) int { return strings.Compare(a.Name, b.Name) })
	return deps
}

// CSPDirectives is the Content Security Policy of the generated page, in the order it is written. Scripts come
// only from the app itself (no inline script, no eval), and Trusted Types forbid turning strings into markup or
// script through innerHTML and the like. The app keeps it in one file, src/shared/csp.json (CSPPath): main sends
// it as a header with every app:// response, and the build writes it into index.html's <meta> tag without
// frame-ancestors, which a <meta> policy may not contain.
var CSPDirectives = []Directive{
	{"default-src", []string{"'self'"}},
	{"script-src", []string{"'self'"}},
	{"style-src", []string{"'self'"}},
	{"img-src", []string{"'self'", "data:"}},
	{"font-src", []string{"'self'"}},
	{"connect-src", []string{"'self'"}},
	{"object-src", []string{"'none'"}},
	{"base-uri", []string{"'none'"}},
	{"form-action", []string{"'none'"}},
	{"require-trusted-types-for", []string{"'script'"}},
	{"trusted-types", []string{"'none'"}},
	{"frame-ancestors", []string{"'none'"}},
}

// Directive is one directive of a Content Security Policy.
type Directive struct {
	Name    string
	Sources []string
}

// CSPPath is the one file of a new app that holds its Content Security Policy.
const CSPPath = "src/shared/csp.json"

// headerOnlyDirectives are ignored in a <meta> policy.
var headerOnlyDirectives = map[string]bool{"frame-ancestors": true, "report-uri": true, "sandbox": true}

// ContentSecurityPolicy returns the policy as the build writes it into index.html's <meta> tag.
func ContentSecurityPolicy() string { return cspText(false) }

// ContentSecurityPolicyHeader returns the policy as main sends it in the Content-Security-Policy header.
func ContentSecurityPolicyHeader() string { return cspText(true) }

func cspText(header bool) string {
	var parts []string
	for _, d := range CSPDirectives {
		if header || !headerOnlyDirectives[d.Name] {
			parts = append(parts, strings.Join(append([]string{d.Name}, d.Sources...), " "))
		}
	}
	return strings.Join(parts, "; ")
}

// cspJSON is CSPPath's content: one key per directive, in order, its sources as an array.
func cspJSON() []byte {
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, d := range CSPDirectives {
		name, _ := json.Marshal(d.Name)
		sources, _ := json.Marshal(d.Sources)
		fmt.Fprintf(&b, "  %s: %s", name, bytes.ReplaceAll(sources, []byte(`","`), []byte(`", "`)))
		if i < len(CSPDirectives)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// ExternalHosts are the hosts whose https pages the new app opens in the user's browser, from a link or
// window.open; every other URL goes nowhere. The sample page links to Electron's security checklist.
var ExternalHosts = []string{"www.electronjs.org"}

// Paths of the files generated from the bridge contract, without their extension where it depends on the
// language. Other tools (isolate add, isolate types) find the contract and its emitted code here.
const (
	ContractPath    = "src/shared/contract"
	PreloadPath     = "src/preload/index"
	MainIPCPath     = "src/main/ipc"
	WindowTypesPath = "src/renderer/window.d.ts"
)

// SampleBridge is the bridge of a new app: one message of each kind the page should use, so the generated code
// shows invoke, send and event working end to end. (sendSync blocks the page; the emitters support it for
// migrated apps, but a new app should not start with it.)
func SampleBridge() bridge.Bridge {
	return bridge.Bridge{Key: "api", Messages: []bridge.Message{
		{
			Method: "getVersions", Channel: "app:get-versions", Kind: bridge.Invoke,
			Result: "{ app: string; electron: string; chrome: string; node: string }",
			Doc:    "Versions of the app and of the runtime it is built on.",
		},
		{
			Method: "setTitle", Channel: "window:set-title", Kind: bridge.Send,
			Params: []bridge.Param{{Name: "title", Type: "string"}},
			Doc:    "Sets the title of the window that sent it.",
		},
		{
			Method: "onFocusChanged", Channel: "window:focus-changed", Kind: bridge.Event,
			Params: []bridge.Param{{Name: "focused", Type: "boolean"}},
			Doc:    "The window gained or lost focus.",
		},
	}}
}

// templateData is what the templates see.
type templateData struct {
	Options
	Title        string
	TS, JS       bool
	React        bool
	Ext          string // of main, preload and shared code
	RendererExt  string // of the renderer entry point
	Key          string
	Dependencies []Dependency
	Versions     PinnedVersions
	AppID        string // the app user model id, reverse-DNS like packagers write it
	// ExternalHostsJS is ExternalHosts as a JavaScript array literal.
	ExternalHostsJS string
	Install         string // the command that installs dependencies
	CIInstall       string // the command that installs them exactly as the lockfile says
	PnpmMajor       string // the pnpm the app's CI installs
	Run             string // how a package.json script is run, before its name
	Messages        []bridge.Message
}

func newTemplateData(o Options, b bridge.Bridge) templateData {
	d := templateData{
		Options:      o,
		Title:        o.Name,
		TS:           o.Lang == "ts",
		JS:           o.Lang == "js",
		React:        o.UI == "react",
		Ext:          o.Lang,
		Key:          b.Key,
		Dependencies: o.Dependencies(),
		Versions:     Versions,
		AppID:        "com.example." + strings.NewReplacer("@", "", "/", ".").Replace(o.Name),
		Install:      InstallCommand(o.PM),
		PnpmMajor:    "12",
		CIInstall:    map[string]string{"npm": "npm ci", "pnpm": "pnpm install --frozen-lockfile", "yarn": "yarn install --frozen-lockfile"}[o.PM],
		Run:          RunPrefix(o.PM),
		Messages:     b.Messages,
	}
	hosts := make([]string, len(ExternalHosts))
	for i, h := range ExternalHosts {
		hosts[i] = "'" + h + "'"
	}
	d.ExternalHostsJS = "[" + strings.Join(hosts, ", ") + "]"
	d.RendererExt = d.Ext
	if d.React {
		d.RendererExt += "x"
	}
	return d
}

// PnpmWorkspace is the pnpm-workspace.yaml of a pnpm app: pnpm runs no dependency's install script unless the
// project decides, and current pnpm fails the install (ERR_PNPM_IGNORED_BUILDS) while a script is left undecided.
// The decision is the npm variant's (allowScripts): esbuild's script only verifies the binary its platform package
// already installed, and Electron 45 has none (it downloads its binary on first start).
const PnpmWorkspace = `# pnpm runs no dependency's install script unless it is decided here. esbuild works without its own (it only
# checks the binary its platform package installed); Electron 45 downloads its binary on first start instead.
# electron-winstaller's picks the 7-Zip binary for Squirrel.Windows installers; the app makes NSIS ones.
allowBuilds:
  electron-winstaller: false
  esbuild: false
# The same decisions for pnpm 10, which reads this older setting.
ignoredBuiltDependencies:
  - electron-winstaller
  - esbuild
`

// InstallCommand is the command line that installs an app's dependencies with pm.
func InstallCommand(pm string) string { return pm + " install" }

// RunPrefix is what precedes a script name to run it with pm: "npm run dev", "pnpm dev", "yarn dev".
func RunPrefix(pm string) string {
	if pm == "npm" {
		return "npm run"
	}
	return pm
}

// Render returns every file of a new app, sorted by path.
func Render(o Options) ([]File, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	b := SampleBridge()
	data := newTemplateData(o, b)
	fsys := templates.FS()
	byPath := map[string]File{}
	for _, layer := range templates.Layers(o.Lang, o.UI) {
		err := fs.WalkDir(fsys, layer, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			content, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			rel := strings.TrimPrefix(p, layer+"/")
			if strings.HasSuffix(rel, ".tmpl") {
				rel = strings.TrimSuffix(rel, ".tmpl")
				if content, err = execute(p, content, data); err != nil {
					return err
				}
			}
			switch path.Base(rel) {
			case "gitignore", "prettierrc.json", "prettierignore":
				rel = path.Join(path.Dir(rel), "."+path.Base(rel))
			}
			if strings.HasPrefix(rel, "github/") {
				rel = "." + rel
			}
			byPath[rel] = File{Path: rel, Data: content, Mode: 0o644}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
	}

	ext := "." + o.Lang
	emitted := []struct {
		path string
		emit func() ([]byte, error)
	}{
		{ContractPath + ext, func() ([]byte, error) { return bridge.EmitContract(b, bridge.Lang(o.Lang)) }},
		{PreloadPath + ext, func() ([]byte, error) { return bridge.EmitPreload(b, bridge.Lang(o.Lang), "../shared/contract") }},
		{MainIPCPath + ext, func() ([]byte, error) {
			return bridge.EmitMain(b, bridge.Lang(o.Lang), bridge.MainOptions{Contract: "../shared/contract", Security: "./security"})
		}},
		{WindowTypesPath, func() ([]byte, error) { return bridge.EmitWindowTypes(b, "../shared/contract") }},
	}
	for _, e := range emitted {
		content, err := e.emit()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.path, err)
		}
		byPath[e.path] = File{Path: e.path, Data: content, Mode: 0o644}
	}

	byPath[CSPPath] = File{Path: CSPPath, Data: cspJSON(), Mode: 0o644}

	if o.PM == "pnpm" {
		byPath["pnpm-workspace.yaml"] = File{Path: "pnpm-workspace.yaml", Data: []byte(PnpmWorkspace), Mode: 0o644}
	}
	if o.PM == "yarn" {
		// Yarn Berry defaults to Plug'n'Play, which Electron's tooling (packagers, the electron binary lookup)
		// does not expect; Yarn 1 ignores this file.
		byPath[".yarnrc.yml"] = File{Path: ".yarnrc.yml", Data: []byte("nodeLinker: node-modules\n"), Mode: 0o644}
	}

	out := make([]File, 0, len(byPath))
	for _, f := range byPath {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

func execute(name string, content []byte, data templateData) ([]byte, error) {
	t, err := template.New(name).Delims("[[", "]]").Option("missingkey=error").Parse(string(content))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
