// Package check turns the diagnostics of isolate's rules into an audit report: it applies inline suppressions
// (`// isolate-ignore <rule>: <reason>`) and the project's configuration (ignored paths, severity overrides), decides
// the exit status from a severity threshold, and writes the report as text, JSON or SARIF 2.1.0.
package check

import (
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"

	// The report names every check rule (config validation, SARIF), so it links them all.
	_ "github.com/isolate-dev/isolate/rules"
)

// Finding is one reported diagnostic. Its JSON field names are the ones `isolate migrate --json` uses for
// diagnostics, so tools can read both.
type Finding struct {
	Rule      string           `json:"rule"`
	Severity  codemod.Severity `json:"severity"`
	File      string           `json:"file"`
	Line      int              `json:"line"`
	Column    int              `json:"column"`
	EndLine   int              `json:"endLine,omitempty"`
	EndColumn int              `json:"endColumn,omitempty"`
	Message   string           `json:"message"`
	Ref       string           `json:"ref,omitempty"`
}

// Problem is something that kept isolate from reading part of the project (a file with a syntax error, a symlink
// out of the root). It is not a finding, but a report that hid it would claim more than it checked.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// Report is the outcome of one audit.
type Report struct {
	Findings []Finding
	// Suppressed counts findings an isolate-ignore comment silenced; Ignored those in paths the configuration
	// ignores or of rules it turns off.
	Suppressed, Ignored int
	Problems            []Problem
	// Files is the number of files checked; Build counts parsed sources and pages, a caller that read more (a
	// package.json, files the prefilter passed over) may set it.
	Files int
	// Rules are the rules that ran, for SARIF's rule metadata.
	Rules []*codemod.Rule
}

// Counts returns the number of findings per severity.
func (r *Report) Counts() map[codemod.Severity]int {
	out := map[codemod.Severity]int{}
	for _, f := range r.Findings {
		out[f.Severity]++
	}
	return out
}

// Fails reports whether a finding at or above the threshold remains.
func (r *Report) Fails(threshold codemod.Severity) bool {
	for _, f := range r.Findings {
		if f.Severity >= threshold {
			return true
		}
	}
	return false
}

// Superseded lists, for a migrate rule that check also runs, the check rules that report the same thing on their
// own. In a check, a finding of the migrate rule is dropped when one of those rules reports on an overlapping range
// of the same file, so one thing is reported once:
//   - web-preferences fixes several flags at once; context-isolation, node-integration, sandbox and remote-module
//     report each flag;
//   - bridge-value also reports exposed data changed afterwards, which bridge-mutated reports for every change;
//   - renderer-node also reports require('@electron/remote') in page code, which remote-module reports wherever it is.
var Superseded = map[string][]string{
	"web-preferences": {"context-isolation", "node-integration", "sandbox", "remote-module"},
	"bridge-value":    {"bridge-mutated"},
	"renderer-node":   {"remote-module"},
}

// ExplainedBy lists, for a rule whose finding is about a file, the rule whose finding elsewhere already gives it as
// its reason: a sandbox finding on a window names its preload and what keeps it from running sandboxed, so
// preload-not-sandboxable on that preload is dropped. The preload's finding stays when no sandbox finding names it
// (the window is sandboxed by default, and the preload breaks there).
var ExplainedBy = map[string]string{
	"preload-not-sandboxable": "sandbox",
}

// Build filters the diagnostics of a run into a report: configuration first (ignored paths, rules turned off,
// severity overrides), then inline suppressions, which add their own findings when they lack a reason or name an
// unknown rule.
func Build(ds []codemod.Diagnostic, facts *project.Facts, rules []*codemod.Rule, cfg *Config) *Report {
	if cfg == nil {
		cfg = &Config{}
	}
	r := &Report{Rules: rules, Files: len(facts.Files) + len(facts.Pages)}
	ds = dropSuperseded(ds)
	sup := collectSuppressions(facts)
	for _, d := range ds {
		if cfg.ignores(d.Path) {
			r.Ignored++
			continue
		}
		if sup.silences(d) {
			r.Suppressed++
			continue
		}
		sev, on := cfg.severity(d.Rule, d.Severity)
		if !on {
			r.Ignored++
			continue
		}
		r.Findings = append(r.Findings, finding(d, sev, facts))
	}
	for _, d := range sup.findings() {
		if cfg.ignores(d.Path) {
			continue
		}
		if sev, on := cfg.severity(d.Rule, d.Severity); on {
			r.Findings = append(r.Findings, finding(d, sev, facts))
		}
	}
	sort.SliceStable(r.Findings, func(i, j int) bool {
		a, b := r.Findings[i], r.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Rule < b.Rule
	})
	return r
}

func finding(d codemod.Diagnostic, sev codemod.Severity, facts *project.Facts) Finding {
	f := Finding{Rule: d.Rule, Severity: sev, File: d.Path, Line: d.Pos.Line, Column: d.Pos.Column,
		Message: d.Message}
	if f.Line == 0 {
		f.Line, f.Column = 1, 1
	}
	if rule := codemod.Lookup(d.Rule); rule != nil {
		f.Ref = rule.Ref
	}
	if d.End > d.Start {
		if src := sourceOf(facts, d.Path); src != nil {
			end := positionIn(src, d.End)
			f.EndLine, f.EndColumn = end.Line, end.Column
		}
	}
	return f
}

func dropSuperseded(ds []codemod.Diagnostic) []codemod.Diagnostic {
	var out []codemod.Diagnostic
	for _, d := range ds {
		if finer, ok := Superseded[d.Rule]; ok && coveredBy(d, ds, finer) {
			continue
		}
		if by, ok := ExplainedBy[d.Rule]; ok && explained(d, ds, by) {
			continue
		}
		out = append(out, d)
	}
	return out
}

func explained(d codemod.Diagnostic, ds []codemod.Diagnostic, rule string) bool {
	for _, o := range ds {
		if o.Rule == rule && strings.Contains(o.Message, " "+d.Path+" ") {
			return true
		}
	}
	return false
}

func coveredBy(d codemod.Diagnostic, ds []codemod.Diagnostic, rules []string) bool {
	for _, o := range ds {
		if o.Path != d.Path || o.Start >= d.End && d.End > d.Start || d.Start >= o.End && o.End > o.Start {
			continue
		}
		if d.End == d.Start && o.Pos.Line != d.Pos.Line && !(o.Start <= d.Start && d.Start <= o.End) {
			continue
		}
		for _, r := range rules {
			if o.Rule == r {
				return true
			}
		}
	}
	return false
}
