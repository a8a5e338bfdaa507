package codemod

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

// Severity ranks diagnostics; the order matters for --fail-on. The zero value means "the rule's default".
type Severity int

const (
	Info Severity = iota + 1
	Low
	Medium
	High
)

var severityNames = []string{"info", "low", "medium", "high"}

func (s Severity) String() string {
	if s < Info || s > High {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s-Info]
}

// MarshalText writes the severity by name in JSON and SARIF.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity reads a severity name.
func ParseSeverity(name string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(name, n) {
			return Info + Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want one of %s)", name, strings.Join(severityNames, ", "))
}

// Edit replaces the bytes [Start, End) of one file with New. Start == End inserts.
type Edit struct {
	Path  string
	Start int
	End   int
	New   string
	// Create marks an edit that creates Path with New as its whole content; Start and End are 0.
	Create bool
}

// Fix is a set of edits that together repair one diagnostic. Its edits may touch several files (a preload and the
// Window typings, say) but must not overlap each other or another fix applied with it.
type Fix struct {
	Message string
	Edits   []Edit
}

// Diagnostic is one finding: where, what is wrong and what to do, and optionally how to fix it.
type Diagnostic struct {
	Rule     string
	Severity Severity
	Path     string
	Start    int
	End      int
	// Pos is the human position of Start; the engine fills it in.
	Pos     syntax.Position
	Message string
	Fix     *Fix
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%s %s %s %s", d.Path, d.Pos, d.Severity, d.Rule, d.Message)
}

// Rule is one check, with or without fixes.
type Rule struct {
	// ID names the rule in output, suppressions and configuration (kebab-case: window-assign).
	ID string
	// Doc is one line saying what the rule finds.
	Doc      string
	Severity Severity
	// Ref points at the Electron document or checklist item the rule comes from.
	Ref string
	// Roles limits the rule to files with any of these roles; 0 runs it on every parsed file.
	Roles project.Role
	// For says which commands run the rule.
	For Purpose
	// Run inspects one file. It may be nil for a rule that only looks at the project.
	Run func(*Pass)
	// RunProject inspects the project as a whole, once (a missing will-navigate handler, say). It may be nil.
	RunProject func(*ProjectPass)
}

// Purpose says which commands run a rule: migrate applies fixes and reports what it cannot fix; check reports.
type Purpose uint8

const (
	ForMigrate Purpose = 1 << iota
	ForCheck
	// ForTypes rules keep the Window typings in step with the preloads (isolate types).
	ForTypes
)

var registry = map[string]*Rule{}

// Register adds a rule to the set the commands run; rule files call it from init. It panics on a duplicate ID,
// which is a bug caught by any test of the package.
func Register(r *Rule) *Rule {
	if _, dup := registry[r.ID]; dup {
		panic("codemod: rule registered twice: " + r.ID)
	}
	registry[r.ID] = r
	return r
}

// Rules returns the registered rules for a purpose, sorted by ID.
func Rules(p Purpose) []*Rule {
	var out []*Rule
	for _, r := range registry {
		if r.For&p != 0 {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the registered rule with the ID, or nil.
func Lookup(id string) *Rule { return registry[id] }

// Pass is one rule running over one file.
type Pass struct {
	Rule  *Rule
	File  *project.File
	Facts *project.Facts
	out   *[]Diagnostic
}

// Report records a diagnostic. Rule, Severity and Path default to the rule's and the file's.
func (p *Pass) Report(d Diagnostic) {
	report(p.Rule, p.Facts, p.File.Path, p.out, d)
}

// Reportf records a diagnostic over node n with the rule's severity.
func (p *Pass) Reportf(n *syntax.Node, format string, args ...any) {
	p.Report(Diagnostic{Start: n.Start, End: n.End, Message: fmt.Sprintf(format, args...)})
}

// ProjectPass is one rule running over the whole project.
type ProjectPass struct {
	Rule  *Rule
	Facts *project.Facts
	out   *[]Diagnostic
}

// Report records a diagnostic; Path must be set (a diagnostic about the project points at a file, package.json
// at least).
func (p *ProjectPass) Report(d Diagnostic) {
	report(p.Rule, p.Facts, d.Path, p.out, d)
}

func report(r *Rule, facts *project.Facts, path string, out *[]Diagnostic, d Diagnostic) {
	if d.Rule == "" {
		d.Rule = r.ID
	}
	if d.Severity == 0 {
		d.Severity = r.Severity
	}
	if d.Path == "" {
		d.Path = path
	}
	if f, ok := facts.Files[d.Path]; ok && d.Pos.Line == 0 {
		d.Pos = f.Pos(d.Start)
	}
	*out = append(*out, d)
}

// Run runs the rules over every file of the facts on all cores and returns the diagnostics sorted by file,
// position and rule, so output is the same from run to run.
func Run(rules []*Rule, facts *project.Facts) []Diagnostic {
	paths := facts.Paths()
	results := make([][]Diagnostic, len(paths))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				file := facts.Files[paths[i]]
				for _, r := range rules {
					if r.Run == nil || (r.Roles != 0 && file.Role&r.Roles == 0) {
						continue
					}
					r.Run(&Pass{Rule: r, File: file, Facts: facts, out: &results[i]})
				}
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()

	var all []Diagnostic
	for _, r := range rules {
		if r.RunProject != nil {
			r.RunProject(&ProjectPass{Rule: r, Facts: facts, out: &all})
		}
	}
	for _, ds := range results {
		all = append(all, ds...)
	}
	Sort(all)
	return all
}

// Sort orders diagnostics by path, position and rule.
func Sort(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Rule < b.Rule
	})
}
