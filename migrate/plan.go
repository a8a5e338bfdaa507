// Package migrate is the driver of `isolate migrate`. It turns the fixes that rules attach to diagnostics into a
// plan of whole-file changes (edits merged per file, every file checked by esbuild before and after, each change
// rendered as a unified diff that git apply accepts) and applies a plan safely: atomically, inside the root only,
// keeping file modes, and never over a file that changed since the plan was made. It also renders plans for
// people (text) and tools (JSON).
package migrate

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/diff"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
	"github.com/isolate-dev/isolate/walk"
)

// createdMode is the mode of files a plan creates, as git records it.
const createdMode fs.FileMode = 0o644

// Change is the new content of one file.
type Change struct {
	// Path is slash-separated and relative to the plan's root.
	Path string
	// Old is the content the plan was computed from (empty for a created file), New the content to write.
	Old, New []byte
	Created  bool
	// Mode is the mode the file has, and keeps.
	Mode fs.FileMode
	// Diff is the unified diff from Old to New. Its a/ and b/ paths start at the top of the git repository the
	// root is in (as git diff writes them, and as git apply reads them wherever it runs in the work tree), or at
	// the root when it is not in one.
	Diff string
	// Fixes are the indices in Plan.Diagnostics of the diagnostics this change fixes (with other changes, for a
	// fix that spans files): of the first diagnostic of each fix, when several carry the same one (see
	// Plan.sameFix).
	Fixes []int
}

// Diagnostic is a rule's finding with what the plan does about it.
type Diagnostic struct {
	codemod.Diagnostic
	// Fixed is true when the diagnostic's fix is part of the plan: every file it edits is in Plan.Changes.
	Fixed bool
	// declined is true when the change that fixed it was skipped (or could not be written).
	declined bool
}

// Plan is everything `isolate migrate` would do to a project.
type Plan struct {
	// Root is the absolute project directory, with symbolic links resolved.
	Root    string
	Changes []*Change
	// Groups are the changes joined into sets that are written whole or not at all (every change is in one).
	Groups      []*Group
	Diagnostics []Diagnostic
	// Skipped are files that fixes would edit but that do not parse as they are; they are left untouched and
	// their fixes are not applied.
	Skipped []walk.Problem
	// Errors are bugs in isolate caught before anything was written: edits of one file that overlap, or a
	// rewrite that no longer parses. Each names its file, which is left untouched.
	Errors []walk.Problem
	// Notes are what the project analysis wants the user to know (a preload found by its name only, say).
	Notes []string
	// Windows says, per window the app makes, whether the plan migrates it or leaves it as it was, and why.
	Windows []WindowOutcome
	// Command is the command that makes a fresh plan, for messages that tell the user to run it again; empty
	// means isolate migrate. Other commands (isolate add) reuse plans to show and write their changes.
	Command string
	// sameFix lists, by the first diagnostic carrying a fix, the later diagnostics that carry the same one.
	sameFix map[int][]int
}

// command is the command to run again for a fresh plan.
func (p *Plan) command() string {
	if p.Command == "" {
		return "isolate migrate"
	}
	return p.Command
}

// NewPlan merges the fixes of the diagnostics into one change per file. A fix is applied whole or not at all: when
// one of the files it edits is skipped or fails, its edits are dropped from the other files too, and those are
// computed again without them.
func NewPlan(facts *project.Facts, diags []codemod.Diagnostic) *Plan {
	p := &Plan{Root: facts.Root, Diagnostics: make([]Diagnostic, len(diags))}
	for i, d := range diags {
		p.Diagnostics[i] = Diagnostic{Diagnostic: d}
	}
	// A rule gives one Fix to every diagnostic it repairs together (a page bridge's fix to each page file whose
	// calls it moves): the plan reads each distinct fix once, by the first diagnostic that carries it, so that n
	// such diagnostics cost n and not n² (or n³ over n files).
	first := map[*codemod.Fix]int{}
	p.sameFix = map[int][]int{}
	var fixes []int
	for i, d := range diags {
		if d.Fix == nil || len(d.Fix.Edits) == 0 {
			continue
		}
		if f, ok := first[d.Fix]; ok {
			p.sameFix[f] = append(p.sameFix[f], i)
			continue
		}
		first[d.Fix] = i
		fixes = append(fixes, i)
	}
	// The edits of each fix by the file they edit, in the fix's order.
	editsOf := make(map[int]map[string][]codemod.Edit, len(fixes))
	for _, i := range fixes {
		m := map[string][]codemod.Edit{}
		for _, e := range diags[i].Fix.Edits {
			m[e.Path] = append(m[e.Path], e)
		}
		editsOf[i] = m
	}
	live := map[int]bool{}
	for _, i := range fixes {
		live[i] = true
	}
	bad := map[string]bool{} // files already reported as skipped or failed
	origins := &originCache{facts: facts, root: facts.Root, entries: map[string]*origin{}}
	var results map[string]*fileResult
	check := newConsistencyCheck(facts, diags)
	for {
		byFile := map[string][]int{} // file -> fixes editing it
		for _, i := range fixes {
			if !live[i] {
				continue
			}
			for path := range editsOf[i] {
				byFile[path] = append(byFile[path], i)
			}
		}
		results = computeAll(origins, editsOf, byFile)
		dropped := false
		for path, r := range results {
			if r.problem == nil {
				continue
			}
			if !bad[path] {
				bad[path] = true
				if r.skipped {
					p.Skipped = append(p.Skipped, *r.problem)
				} else {
					p.Errors = append(p.Errors, *r.problem)
				}
			}
			for _, i := range byFile[path] {
				if live[i] {
					delete(live, i)
					dropped = true
				}
			}
		}
		if !dropped {
			// Every file parses; does the app they make still hold together? Windows whose rewrite would break
			// it are held back, and the plan is computed again without them.
			if !check.holdBack(results, live) {
				break
			}
		}
	}
	p.Diagnostics = append(p.Diagnostics, check.reasons...)
	for path, r := range results {
		if r.problem != nil || (!r.created && string(r.old) == string(r.new)) {
			continue
		}
		p.Changes = append(p.Changes, &Change{Path: path, Old: r.old, New: r.new, Created: r.created, Mode: r.mode, Fixes: r.fixes})
	}
	p.RenderDiffs("")
	sort.Slice(p.Changes, func(i, j int) bool { return p.Changes[i].Path < p.Changes[j].Path })
	for _, i := range fixes {
		p.Diagnostics[i].Fixed = live[i]
		for _, j := range p.sameFix[i] {
			p.Diagnostics[j].Fixed = live[i]
		}
	}
	p.Groups = groupChanges(facts, p.Diagnostics, p.Changes)
	p.Windows = check.windowOutcomes(p)
	sortProblems(p.Skipped)
	sortProblems(p.Errors)
	return p
}

// RenderDiffs renders the diff of every change, naming files with prefix (the root's path from the top of its
// git repository, "" for none) before their path from the root.
func (p *Plan) RenderDiffs(prefix string) {
	for _, c := range p.Changes {
		c.Diff = diff.Unified(prefix+c.Path, c.Old, c.New, c.Created, uint32(fs.ModePerm&c.Mode)|0o100000)
	}
}

type fileResult struct {
	old, new []byte
	created  bool
	mode     fs.FileMode
	fixes    []int
	// edits are the merged edits that make new from old, for mapping a place in new back to old.
	edits []codemod.Edit
	// problem is set when the file is left untouched: skipped (its original does not parse) or an internal error.
	problem *walk.Problem
	skipped bool
}

// computeAll computes the new content of every file on all cores: esbuild's check costs about a millisecond a
// file, the rest less.
func computeAll(origins *originCache, editsOf map[int]map[string][]codemod.Edit, byFile map[string][]int) map[string]*fileResult {
	paths := make([]string, 0, len(byFile))
	for path := range byFile {
		paths = append(paths, path)
	}
	out := make([]*fileResult, len(paths))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = compute(origins, editsOf, paths[i], byFile[paths[i]])
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	m := make(map[string]*fileResult, len(paths))
	for i, path := range paths {
		m[path] = out[i]
	}
	return m
}

func compute(origins *originCache, editsOf map[int]map[string][]codemod.Edit, path string, fixes []int) *fileResult {
	r := &fileResult{fixes: fixes}
	fail := func(skipped bool, format string, args ...any) *fileResult {
		r.problem = &walk.Problem{Path: path, Message: fmt.Sprintf(format, args...)}
		r.skipped = skipped
		return r
	}
	var edits []codemod.Edit
	creates := 0
	for _, i := range fixes {
		for _, e := range editsOf[i][path] {
			edits = append(edits, e)
			if e.Create {
				creates++
			}
		}
	}
	if creates > 0 {
		r.created = true
		r.mode = createdMode
		if origins.exists(path) {
			return fail(false, "internal error: a fix would create this file, but it exists; left untouched")
		}
		merged, err := codemod.Merge(edits)
		if err != nil || len(merged) != 1 || !merged[0].Create {
			return fail(false, "internal error: fixes create this file with different contents, or also edit it; not created")
		}
		r.new = []byte(merged[0].New)
	} else {
		o := origins.get(path)
		if o.err != "" {
			return fail(o.skip, "%s", o.err)
		}
		r.old, r.mode = o.src, o.mode
		merged, err := codemod.Merge(edits)
		if err != nil {
			return fail(false, "internal error: rules made overlapping edits (%v); the file is left untouched", strings.TrimPrefix(err.Error(), path+": "))
		}
		r.edits = merged
		r.new, err = codemod.Apply(o.src, merged)
		if err != nil {
			return fail(false, "internal error: %v; the file is left untouched", strings.TrimPrefix(err.Error(), path+": "))
		}
	}
	if _, ok := syntax.LangOf(path); ok {
		if ps := syntax.Validate(path, r.new); len(ps) > 0 {
			return fail(false, "internal error: the rewritten file does not parse (esbuild, at %s of the new text: %s); "+
				"nothing is written to it", ps[0].Pos, ps[0].Message)
		}
	}
	return r
}

// origin is a file as it is before the plan: its bytes, mode, and whether it may be rewritten.
type origin struct {
	src  []byte
	mode fs.FileMode
	// err says why the file cannot be rewritten; skip tells a file that does not parse from one that cannot be read.
	err  string
	skip bool
}

// originCache reads and gates each original once, however often the plan is recomputed.
type originCache struct {
	facts   *project.Facts
	root    string
	mu      sync.Mutex
	entries map[string]*origin
}

func (c *originCache) exists(path string) bool {
	if _, ok := c.facts.Files[path]; ok {
		return true
	}
	_, err := os.Lstat(filepath.Join(c.root, filepath.FromSlash(path)))
	return err == nil
}

func (c *originCache) get(path string) *origin {
	c.mu.Lock()
	o, ok := c.entries[path]
	c.mu.Unlock()
	if ok {
		return o
	}
	o = c.load(path)
	c.mu.Lock()
	c.entries[path] = o
	c.mu.Unlock()
	return o
}

func (c *originCache) load(path string) *origin {
	abs := filepath.Join(c.root, filepath.FromSlash(path))
	if !walk.Within(c.root, abs) {
		return &origin{err: "internal error: a fix edits a file outside the project; not written"}
	}
	info, err := os.Stat(abs)
	if err != nil {
		return &origin{err: fmt.Sprintf("cannot read the file a fix edits: %v", plainError(err))}
	}
	o := &origin{mode: info.Mode()}
	if f, ok := c.facts.Files[path]; ok && f.Embedded {
		// The parsed copy of a component blanks all but its scripts: edits made against it must not be written.
		o.err, o.skip = "is a single-file component: isolate reads its <script> code but does not rewrite components; make this change by hand", true
		return o
	}
	if f, ok := c.facts.Files[path]; ok {
		o.src = f.Src
		if errs := f.SyntaxErrors(); len(errs) > 0 {
			o.err, o.skip = fmt.Sprintf("has a syntax error at %s; its fixes are not applied and the file is left untouched", f.Pos(errs[0].Start)), true
			return o
		}
	} else if o.src, err = os.ReadFile(abs); err != nil {
		return &origin{err: fmt.Sprintf("cannot read the file a fix edits: %v", plainError(err))}
	}
	if _, ok := syntax.LangOf(path); ok {
		if ps := syntax.Validate(path, o.src); len(ps) > 0 {
			o.err, o.skip = fmt.Sprintf("does not parse (esbuild at %s: %s); its fixes are not applied and the file is left untouched", ps[0].Pos, ps[0].Message), true
		}
	}
	return o
}

func sortProblems(ps []walk.Problem) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Path < ps[j].Path })
}

// plainError drops the path an *fs.PathError repeats: every message already names its file.
func plainError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
