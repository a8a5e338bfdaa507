// Package project holds the facts isolate learns about an Electron app before any rule runs: which files are
// main-process, preload and renderer code and why, how each window is configured, which Electron version the app
// uses, and its IPC channel inventory (every channel named in main, preloads and page code, and the generic
// bridge members page code sends through). Facts are computed once per run and shared, read-only, by every rule.
package project

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/isolate-dev/isolate/syntax"
)

// Role is what a file is in an Electron app. A file can have more than one role (a preload that is also imported by
// main code, say), and none.
type Role uint8

const (
	// Main is main-process code: it creates windows or registers IPC handlers.
	Main Role = 1 << iota
	// Preload is a script a window loads with webPreferences.preload.
	Preload
	// Renderer is page code: loaded by an HTML page or bundled for one.
	Renderer
	// Test is test or mock code; rules that rewrite never touch it.
	Test
)

// Has reports whether r includes every role of q.
func (r Role) Has(q Role) bool { return r&q == q && q != 0 }

func (r Role) String() string {
	var parts []string
	for _, x := range []struct {
		r    Role
		name string
	}{{Main, "main"}, {Preload, "preload"}, {Renderer, "renderer"}, {Test, "test"}} {
		if r&x.r != 0 {
			parts = append(parts, x.name)
		}
	}
	if len(parts) == 0 {
		return "other"
	}
	return strings.Join(parts, "+")
}

// File is a parsed source file with its roles.
type File struct {
	*syntax.File
	Role Role
	// Why says how the role was found, for the user: "creates a BrowserWindow", "preload of src/main.js:14".
	Why string
	// Heuristic is true when the role was guessed (from a file name, say) rather than resolved from code.
	Heuristic bool
	// Embedded is true when the file is not JavaScript but holds some: a .vue or .svelte single-file component,
	// parsed from a copy in which everything but its <script> blocks is blanked (so offsets and lines are the
	// file's own). Rules read it like any file; no fix may edit it.
	Embedded bool
	// keepTypeImports is true when the file's tsconfig.json keeps imports used only as types
	// (verbatimModuleSyntax): they then load their modules at run time.
	keepTypeImports bool
	// Exposed holds the keys the app's preloads expose with contextBridge.exposeInMainWorld, which page code reaches
	// as globals (window.process may be the preload's, not Node's). Every file of the app shares it.
	Exposed map[string]bool
	// ClassicScript is true when a page loads the file with a classic <script src> (not type="module") and it has no
	// import or export of its own: its top-level declarations are then the page's globals.
	ClassicScript bool
	// WebviewUnisolated names where a <webview> that loads this file as its preload turns context isolation off
	// in its webpreferences attribute ("" when none does).
	WebviewUnisolated string
	// pages are the pages that load the file with <script src>: Node's require in such a script resolves
	// relative paths from the page's directory, not the script's.
	pages []string

	scopesOnce sync.Once
	scopes     *syntax.Scopes

	importsOnce sync.Once
	imports     []Import
	shapeOnce   sync.Once
	shapeOf     fileShape
}

// Scopes returns the file's name resolution, computed once and shared by every rule.
func (f *File) Scopes() *syntax.Scopes {
	f.scopesOnce.Do(func() { f.scopes = syntax.Resolve(f.File) })
	return f.scopes
}

// Version is the Electron version the app depends on.
type Version struct {
	Major, Minor, Patch int
	// Known is false when no version could be read; rules then assume the current defaults and say so.
	Known bool
	// Raw is the text the version was read from ("^11.2.0") and Source the file it came from.
	Raw, Source string
	// Unread says why no version could be read when package.json is missing or not valid JSON; Unknown words
	// it for messages.
	Unread string
}

// Unknown says why the version is not known, for messages: "(…)" completes "could not read the app's Electron
// version".
func (v Version) Unknown() string {
	if v.Unread != "" {
		return v.Unread
	}
	return "no electron in package.json or a lockfile"
}

// AtLeast reports whether the version is known and at least major.
func (v Version) AtLeast(major int) bool { return v.Known && v.Major >= major }

// Before reports whether the version is known and below major.
func (v Version) Before(major int) bool { return v.Known && v.Major < major }

func (v Version) String() string {
	if !v.Known {
		return "unknown"
	}
	return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
}

// Window is one place main code creates web contents: new BrowserWindow, BrowserView or WebContentsView.
type Window struct {
	File string
	// Constructor is BrowserWindow, BrowserView or WebContentsView.
	Constructor string
	// New is the new_expression.
	New *syntax.Node
	// Options is the object literal of the options when it can be followed (inline or a variable of the same file);
	// nil otherwise.
	Options *syntax.Node
	// WebPreferences is the webPreferences object literal inside Options, nil when absent or not a literal.
	WebPreferences *syntax.Node
	// Preload is the preload file, as a slash path relative to the root, when the expression resolved to a parsed
	// file; PreloadExpr is the expression itself (nil when the window has no preload). PreloadExpr may sit in an
	// assignment after the constructor's options (opts.webPreferences.preload = …).
	Preload     string
	PreloadExpr *syntax.Node
	// PreloadPath is the path the expression names, before any mapping from build output to source
	// (out/preload/index.mjs); empty when the expression could not be read.
	PreloadPath string
	// PreloadHeuristic is true when Preload was found by mapping a build output path to a source file;
	// PreloadWhy says how, for messages.
	PreloadHeuristic bool
	PreloadWhy       string
	// PreloadBundled is true when the preload is an entry a bundler compiles (an Electron Forge entry point, an
	// electron-vite input): its imports and ES module syntax are the bundler's business.
	PreloadBundled bool
	// PrefsSpread is the last spread inside WebPreferences ({ ...base, … }); keys written after it win over it.
	PrefsSpread *syntax.Node
	// Pages are the pages the window loads (keys of Facts.Pages), read from its loadFile and loadURL calls in the
	// file that makes it (win.loadFile(…), win.webContents.loadURL(…)). PagesKnown is true only when there is at
	// least one such call and every one resolved to a page of the app: a remote or dev-server URL, a path isolate
	// cannot read or a page not in the tree leaves it false, and rules must then treat every page as the window's.
	Pages      []string
	PagesKnown bool
	// BuiltPages are the arguments of its loadURL calls that load a page main code builds (a data: URL): its
	// scripts are page code isolate cannot read as files.
	BuiltPages []*syntax.Node
	// Unfollowable lists why the options cannot be read with certainty (spreads that may override the flags,
	// merges, parameters, lookups, flags set afterwards). A rule must not rewrite the flags it names as
	// though the literal were the whole story.
	Unfollowable []Unfollowable
}

// Unfollowable is one reason a window's options cannot be read with certainty.
type Unfollowable struct {
	// Node is where the problem is (a spread, a call, an identifier), in the window's file.
	Node *syntax.Node
	Why  string
}

// Page is an HTML file of the app, or an HTML template (.ejs, .hbs) it renders its pages from.
type Page struct {
	Path string
	Src  []byte
	// Scripts are the files the page loads with <script src>, as slash paths relative to the root (Analyze fills
	// them in).
	Scripts []string
	// Modules are the Scripts it loads with <script type="module">: their top-level names are their own, not
	// globals.
	Modules map[string]bool
	// WebviewPreloads are the preloads its <webview preload="…"> tags name, as slash paths relative to the root.
	WebviewPreloads []string
	// WebviewUnisolated are the WebviewPreloads whose tag says contextIsolation=false in webpreferences.
	WebviewUnisolated map[string]bool
	// Unread are the Scripts that are not among the parsed files (nor is a source they are compiled from in
	// place): most often build output of a bundler whose entry isolate cannot map back. Their Node use is unseen.
	Unread []string
	// Code are the parsed files its scripts resolved to (the script, or the source it is compiled from) and the
	// modules its inline scripts require, as slash paths relative to the root.
	Code []string
	// Template is true for a page written in a template language (.ejs, .hbs): its scripts are page code, but it
	// may be a fragment other templates include, not a whole page.
	Template bool
	// Inline holds the page's inline <script> code: a copy of Src in which everything but script text is
	// blanked, parsed as JavaScript, so positions in it are positions in the page. It is for reading only; no
	// rule may edit it.
	Inline *syntax.File
	// read is true once Scripts, Modules, WebviewPreloads and Inline are read from Src.
	read bool
	// inlineTooDeep is true when the inline scripts nest deeper than syntax.MaxDepth; Inline is nil then.
	inlineTooDeep bool
}

// Facts is everything known about the app before rules run.
type Facts struct {
	// Root is the absolute directory of the app.
	Root string
	// resolve maps module names to the app's files through tsconfig paths; Analyze sets it up.
	resolve *resolver
	// Files holds every parsed file by its slash path relative to Root.
	Files map[string]*File
	// Pages holds the HTML pages by path; their scripts make renderer code, and check reads their CSP.
	Pages map[string]*Page
	// Skipped says, by slash path, why a source or page in the tree was not read: it looks minified, is too large,
	// is binary or is UTF-16. Code that runs from such a file is code isolate has not seen.
	Skipped  map[string]string
	Electron Version
	Windows  []*Window
	// Links maps a symbolic link inside the tree to the file it points to, when the walk listed both: the file is
	// parsed under the target's name only, and a window naming the link loads the target.
	Links map[string]string
	// Notes are things the analysis wants the user to know (a preload found only by its name, say).
	Notes []string
	// Unparsed are the TypeScript files the walk listed that the keyword prefilter passed over (no Electron,
	// window or IPC word in them): a check that follows a type across the app reads them when it needs to.
	Unparsed []string
	// Channels is the IPC inventory: every channel main, preloads and page code name, and the generic
	// passthroughs page code sends through.
	Channels *Channels
}

// Paths returns the paths of the parsed files in sorted order, so every run visits them the same way.
func (f *Facts) Paths() []string {
	paths := make([]string, 0, len(f.Files))
	for p := range f.Files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// WithRole returns the files that have role r, sorted by path.
func (f *Facts) WithRole(r Role) []*File {
	var out []*File
	for _, p := range f.Paths() {
		if file := f.Files[p]; file.Role.Has(r) {
			out = append(out, file)
		}
	}
	return out
}

// fileShape is what the analysis asks of a file's own code in every round; a parsed tree never changes, so it is
// read once.
type fileShape struct {
	testFramework     string
	usesTestFramework bool
	declaresWindow    bool
}

func (f *File) shape() *fileShape {
	f.shapeOnce.Do(func() {
		f.shapeOf.testFramework, f.shapeOf.usesTestFramework = usesTestFramework(f)
		f.shapeOf.declaresWindow = f.Lang.IsTypeScript() && declaresWindow(f)
	})
	return &f.shapeOf
}
