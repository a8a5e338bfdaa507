package project

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/isolate-dev/isolate/syntax"
	"github.com/isolate-dev/isolate/walk"
)

// MaxFileSize is the largest file Load reads. Hand-written sources are far smaller; a bigger .js file is generated
// or bundled, and parsing it would cost seconds for nothing.
const MaxFileSize = 2 << 20

// Load reads the files a walk listed, on every core, and computes the project's facts: HTML pages are kept whole,
// JavaScript and TypeScript files that the Relevant prefilter accepts are parsed, Analyze finds roles and windows
// (Load parses the preloads it asks for, even without a keyword), and the Electron version is read. Files that
// cannot be used become problems: unreadable, binary, UTF-16, too large, or not parseable (with the position of
// the first error); Facts.Skipped says why each file found but not read (those and minified ones) was left out. A file with a syntax error stays in the facts, so rules can still report on it, but must not be
// rewritten.
func Load(root string, files []walk.File) (*Facts, []walk.Problem) {
	return LoadCounting(root, files, nil)
}

// LoadCounting is Load that adds one to done for every listed file it has dealt with, so that a caller can show
// progress on a large tree.
func LoadCounting(root string, files []walk.File, done *atomic.Int64) (*Facts, []walk.Problem) {
	l := newLoader(root)
	listed := make(map[string]bool, len(files))
	for _, f := range files {
		listed[f.Path] = true
		l.listed[f.Path] = f
	}
	for _, f := range files {
		if f.Link != "" && listed[f.Link] {
			if l.facts.Links == nil {
				l.facts.Links = map[string]string{}
			}
			l.facts.Links[f.Path] = f.Link
		}
	}
	// Workers take the next file by index: a channel send per file cost more in scheduler wake-ups than reading
	// a small file does.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				f := files[i]
				// A link whose target is listed too is read under the target's name only; reading it twice would
				// analyse and rewrite the file twice.
				if f.Link == "" || !listed[f.Link] {
					l.load(f, false)
				}
				if done != nil {
					done.Add(1)
				}
			}
		}()
	}
	wg.Wait()

	asked := map[string]bool{}
	for {
		var fresh []string
		for _, p := range Analyze(l.facts) {
			if !asked[p] {
				asked[p] = true
				fresh = append(fresh, p)
			}
		}
		// The files asked for are parsed on every core too: following page code can ask for hundreds.
		var added atomic.Bool
		var next atomic.Int64
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := int(next.Add(1) - 1); i < len(fresh); i = int(next.Add(1) - 1) {
					if l.loadNamed(fresh[i]) {
						added.Store(true)
					}
				}
			}()
		}
		wg.Wait()
		if !added.Load() {
			break
		}
	}
	gate := newManifestGate(l.facts.Root)
	if l.facts.resolve != nil {
		gate = l.facts.resolve.gate
	}
	var pkgProblem *walk.Problem
	l.facts.Electron, pkgProblem = electronVersion(gate)
	if pkgProblem != nil {
		l.problems = append(l.problems, *pkgProblem)
	}
	l.problems = append(l.problems, gate.problems()...)
	sort.Strings(l.facts.Unparsed)
	sortProblems(l.problems)
	return l.facts, l.problems
}

type loader struct {
	facts *Facts
	// root is Facts.Root with symbolic links resolved, for the inside-the-root check.
	root string

	mu       sync.Mutex
	problems []walk.Problem
	// listed are the files the walk listed, by path: what Analyze asks for is mostly among them.
	listed map[string]walk.File
	// settled are the files read to a conclusion (added to the facts, or reported as a problem): asked for again,
	// such a file is neither read nor reported twice. A file the prefilter passed over is not settled.
	settled map[string]bool
}

func newLoader(root string) *loader {
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = root
	}
	resolved, err := filepath.EvalSymlinks(abs)
	if err != nil {
		resolved = abs
	}
	return &loader{
		facts:   &Facts{Root: resolved, Files: map[string]*File{}, Pages: map[string]*Page{}, Skipped: map[string]string{}},
		root:    resolved,
		listed:  map[string]walk.File{},
		settled: map[string]bool{},
	}
}

// skip records why a file was not read, for rules that must not act on code they have not seen. It reports
// whether that is new: a file the walk listed is tried again when the analysis asks for it, and is reported once.
func (l *loader) skip(p, why string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, seen := l.facts.Skipped[p]; seen {
		return false
	}
	l.facts.Skipped[p] = why
	return true
}

func (l *loader) problem(p string, pos syntax.Position, format string, args ...any) {
	l.mu.Lock()
	l.settled[p] = true
	l.problems = append(l.problems, walk.Problem{Path: p, Pos: pos, Message: fmt.Sprintf(format, args...)})
	l.mu.Unlock()
}

// load reads one listed file and keeps what the facts need of it. asked is true for a file Analyze named: it is
// parsed even when the prefilter would pass over it. It reports whether the file was added to the facts.
func (l *loader) load(f walk.File, asked bool) bool {
	name := path.Base(f.Path)
	ext := strings.ToLower(path.Ext(name))
	isPage := ext == ".html" || ext == ".htm" || IsTemplatePage(name)
	isComponent := IsComponent(name)
	_, isSource := syntax.LangOf(name)
	if !isPage && !isSource && !isComponent {
		return false // package.json and lockfiles: ElectronVersion reads what it needs
	}
	if f.Size > MaxFileSize {
		if l.skip(f.Path, fmt.Sprintf("it is %s, larger than the %d MiB isolate reads", humanSize(f.Size), MaxFileSize>>20)) {
			l.problem(f.Path, syntax.Position{}, "%s is larger than the %d MiB isolate reads (generated or bundled code?); skipped",
				humanSize(f.Size), MaxFileSize>>20)
		}
		return false
	}
	src, err := readFile(filepath.Join(l.facts.Root, filepath.FromSlash(f.Path)), f.Size)
	if err != nil {
		l.problem(f.Path, syntax.Position{}, "cannot read: %v; not checked", plainError(err))
		return false
	}
	if enc := utf16BOM(src); enc != "" {
		// Chromium runs such a script, but isolate's parsers read UTF-8 only, and a rewrite would have to keep
		// the encoding: the file is reported, and whatever runs it is treated as unseen code.
		if l.skip(f.Path, "it is "+enc+" text, and isolate reads UTF-8 only") {
			l.problem(f.Path, syntax.Position{}, "%s text (it starts with a byte order mark); isolate reads UTF-8 only, so it is not checked: save it as UTF-8", enc)
		}
		return false
	}
	if bytes.IndexByte(src, 0) >= 0 {
		if l.skip(f.Path, "it is binary: it holds NUL bytes") {
			l.problem(f.Path, syntax.Position{}, "binary file (it holds NUL bytes); skipped")
		}
		return false
	}
	if isPage {
		pg := &Page{Path: f.Path, Src: src, Template: IsTemplatePage(name)}
		pg.readScripts()
		if pg.inlineTooDeep {
			l.problem(f.Path, syntax.Position{}, "the inline <script> code %s", (&syntax.TooDeepError{Path: f.Path}).Error())
		}
		l.mu.Lock()
		l.facts.Pages[f.Path] = pg
		l.mu.Unlock()
		return true
	}
	if isComponent {
		// Page code by what it is, keyword or not: the modules it imports are followed from it.
		parsed := parseComponent(f.Path, src)
		if parsed == nil {
			return false
		}
		if parsed.TooDeep() {
			l.problem(f.Path, syntax.Position{}, "the <script> code %s", (&syntax.TooDeepError{Path: f.Path}).Error())
			return false
		}
		if errs := parsed.SyntaxErrors(); len(errs) > 0 {
			l.problem(f.Path, parsed.Pos(errs[0].Start), "isolate's parser does not understand the <script> code here; "+
				"the component is analysed as far as it can be (isolate never rewrites components)")
		}
		l.mu.Lock()
		l.facts.Files[f.Path] = &File{File: parsed, Embedded: true}
		l.mu.Unlock()
		return true
	}
	// Tests and mocks found by their path are never rewritten nor reported, so they are not parsed unless the
	// analysis asks for one (a window's preload kept under test/, say).
	if walk.LooksMinified(src) {
		l.skip(f.Path, "it looks minified: its lines average hundreds of bytes")
		return false
	}
	if !asked && (!Relevant(src) || isTestPath(f.Path)) {
		if lang, _ := syntax.LangOf(name); lang.IsTypeScript() {
			l.mu.Lock()
			l.facts.Unparsed = append(l.facts.Unparsed, f.Path)
			l.mu.Unlock()
		}
		return false
	}
	parsed, err := syntax.Parse(f.Path, src)
	if err != nil {
		l.problem(f.Path, syntax.Position{}, "%v", err)
		return false
	}
	if errs := parsed.SyntaxErrors(); len(errs) > 0 {
		pos, msg := describeSyntaxError(parsed, errs[0])
		// A declaration file that only isolate's grammar trips on is noise: isolate reads declaration files for
		// Window typings, and a fix that would edit one is refused (and reported) when the plan is made.
		if !(strings.HasSuffix(strings.ToLower(f.Path), ".d.ts") && strings.Contains(msg, "esbuild accepts it")) {
			l.problem(f.Path, pos, "%s", msg)
		}
	}
	l.mu.Lock()
	l.facts.Files[f.Path] = &File{File: parsed}
	l.mu.Unlock()
	return true
}

// loadNamed parses a file Analyze asked for by path (a preload a window names). Paths outside the root, missing
// files and files in directories the walk skips are passed over: isolate never rewrites what a bundler made, and
// the analysis maps build output back to its sources itself.
func (l *loader) loadNamed(p string) bool {
	l.mu.Lock()
	settled := l.settled[p]
	l.mu.Unlock()
	if settled {
		return false
	}
	if f, ok := l.listed[p]; ok {
		// Listed by the walk, so inside the root and readable as itself (a link is read under its target's name).
		if f.Link != "" {
			if _, linked := l.listed[f.Link]; linked {
				return false
			}
		}
		return l.load(f, true)
	}
	if p == "" || path.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../") {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if walk.SkippedDir(part) {
			return false
		}
	}
	abs := filepath.Join(l.facts.Root, filepath.FromSlash(p))
	// Most asked paths are candidates that do not exist: a stat rules them out before the dearer link check.
	info, err := os.Stat(abs)
	if err != nil || !info.Mode().IsRegular() || !walk.Within(l.root, abs) {
		return false
	}
	return l.load(walk.File{Path: p, Size: info.Size(), Mode: info.Mode()}, true)
}

// describeSyntaxError says where the first syntax error of a file is and what is wrong there. tree-sitter marks
// errors loosely (an ERROR node often spans the whole statement before the fault), so esbuild, which stops at the
// exact token with a readable message, words it; tree-sitter's own position is used when esbuild accepts the file,
// which means isolate's grammar is behind the language.
func describeSyntaxError(f *syntax.File, n *syntax.Node) (syntax.Position, string) {
	if ps := syntax.Validate(f.Path, f.Src); len(ps) > 0 {
		return ps[0].Pos, fmt.Sprintf("syntax error: %s; the file is not rewritten", ps[0].Message)
	}
	start := n.Start
	for start < n.End && strings.ContainsRune(" \t\r\n", rune(f.Src[start])) {
		start++
	}
	return f.Pos(start), "isolate's parser does not understand the code here (esbuild accepts it); the file is " +
		"analysed as far as it can be and not rewritten"
}

// utf16BOM names the UTF-16 encoding a byte order mark at the start of src declares, or returns "".
func utf16BOM(src []byte) string {
	switch {
	case bytes.HasPrefix(src, []byte{0xff, 0xfe}):
		return "UTF-16LE"
	case bytes.HasPrefix(src, []byte{0xfe, 0xff}):
		return "UTF-16BE"
	}
	return ""
}

func humanSize(n int64) string {
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

// plainError drops the path an *fs.PathError repeats.
func plainError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// sortProblems orders problems by file and position: they arrive in the order the cores finished.
func sortProblems(ps []walk.Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Pos.Column < b.Pos.Column
	})
}
