package migrate

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/ui"
	"github.com/isolate-dev/isolate/walk"
)

// Unfix marks the diagnostics a change fixes as not fixed: the change was skipped or could not be written.
func (p *Plan) Unfix(c *Change) {
	for _, i := range c.Fixes {
		for _, j := range append([]int{i}, p.sameFix[i]...) {
			p.Diagnostics[j].Fixed = false
			p.Diagnostics[j].declined = true
		}
	}
}

// WriteDiff writes a change's unified diff, coloured with pal (which adds nothing when colour is off). Colour
// codes go inside each line's ending, so a CRLF line stays CRLF.
func WriteDiff(w io.Writer, c *Change, pal ui.Palette) {
	if !pal.Enabled {
		io.WriteString(w, c.Diff)
		return
	}
	var b strings.Builder
	for _, line := range strings.SplitAfter(c.Diff, "\n") {
		body := strings.TrimRight(line, "\r\n")
		end := line[len(body):]
		switch {
		case strings.HasPrefix(body, "diff --git"), strings.HasPrefix(body, "--- "), strings.HasPrefix(body, "+++ "),
			strings.HasPrefix(body, "new file mode"):
			body = pal.Bold(body)
		case strings.HasPrefix(body, "@@"):
			body = pal.Cyan(body)
		case strings.HasPrefix(body, "+"):
			body = pal.Green(body)
		case strings.HasPrefix(body, "-"):
			body = pal.Red(body)
		case strings.HasPrefix(body, `\`):
			body = pal.Faint(body)
		}
		b.WriteString(body)
		b.WriteString(end)
	}
	io.WriteString(w, b.String())
}

// DiagnosticLine formats a diagnostic as `file:line:col severity rule message`, with "(fixed)" after the message
// when the plan fixes it. The file name and the message are escaped for the terminal (ui.Quote, ui.Escape).
func DiagnosticLine(d Diagnostic, pal ui.Palette) string {
	where := ui.Quote(d.Path)
	if d.Pos.Line > 0 {
		where = fmt.Sprintf("%s:%d:%d", ui.Quote(d.Path), d.Pos.Line, d.Pos.Column)
	}
	sev := d.Severity.String()
	switch d.Severity {
	case codemod.High:
		sev = pal.Red(sev)
	case codemod.Medium:
		sev = pal.Yellow(sev)
	default:
		sev = pal.Faint(sev)
	}
	line := fmt.Sprintf("%s %s %s %s", pal.Bold(where), sev, d.Rule, ui.Escape(d.Message))
	if d.Fixed {
		line += " " + pal.Green("(fixed)")
	}
	return line
}

// WriteDiagnostics writes one line per diagnostic.
func WriteDiagnostics(w io.Writer, ds []Diagnostic, pal ui.Palette) {
	for _, d := range ds {
		fmt.Fprintln(w, DiagnosticLine(d, pal))
	}
}

// WriteProblems writes one line per problem, each starting with its file.
func WriteProblems(w io.Writer, ps []walk.Problem, pal ui.Palette) {
	for _, p := range ps {
		fmt.Fprintln(w, pal.Yellow(ProblemLine(p)))
	}
}

// ProblemLine formats a problem as `file[:line:col]: message`, escaped for the terminal as DiagnosticLine is.
func ProblemLine(p walk.Problem) string {
	if p.Pos.Line > 0 {
		return fmt.Sprintf("%s:%s: %s", ui.Quote(p.Path), p.Pos, ui.Escape(p.Message))
	}
	return fmt.Sprintf("%s: %s", ui.Quote(p.Path), ui.Escape(p.Message))
}

// Summary is the plan's closing line: what it changes and what is left to do by hand.
func (p *Plan) Summary() string {
	fixed, byHand := 0, 0
	bySeverity := map[codemod.Severity]int{}
	for _, d := range p.Diagnostics {
		if d.Fixed {
			fixed++
		} else if d.Severity > codemod.Info {
			byHand++
			bySeverity[d.Severity]++
		}
	}
	var parts []string
	parts = append(parts, plural(len(p.Changes), "file")+" to change")
	parts = append(parts, fmt.Sprintf("%d fixed", fixed))
	hand := fmt.Sprintf("%d to fix by hand", byHand)
	var sev []string
	for s := codemod.High; s > codemod.Info; s-- {
		if n := bySeverity[s]; n > 0 {
			sev = append(sev, fmt.Sprintf("%d %s", n, s))
		}
	}
	if len(sev) > 0 {
		hand += " (" + strings.Join(sev, ", ") + ")"
	}
	parts = append(parts, hand)
	if n := len(p.Diagnostics) - fixed - byHand; n > 0 {
		parts = append(parts, plural(n, "note"))
	}
	if n := len(p.Skipped); n > 0 {
		parts = append(parts, plural(n, "file")+" skipped (syntax errors)")
	}
	if n := len(p.Errors); n > 0 {
		parts = append(parts, plural(n, "internal error"))
	}
	summary := strings.Join(parts, ", ")
	if n := p.Incomplete(); n > 0 {
		what := fmt.Sprintf("the %d high findings are", n)
		if n == 1 {
			what = "the high finding is"
		}
		summary += "; the migration is not complete: until " + what + " resolved by hand, the app may not work or stays unsafe"
	}
	return summary
}

// Incomplete counts the high-severity findings the plan leaves unfixed: code isolate could not rewrite or read,
// windows it left unchanged, Node use the page loses. Until they are resolved the migrated app may not work, and
// isolate migrate does not report success. Changes the user chose to skip are the user's call, not counted.
func (p *Plan) Incomplete() int {
	n := 0
	for _, d := range p.Diagnostics {
		if !d.Fixed && !d.declined && d.Severity >= codemod.High {
			n++
		}
	}
	return n
}

func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// WriteText writes what `isolate migrate --dry-run` prints on stdout: every diff, then the diagnostics, then the
// summary. The diffs come first so the output, saved, is a patch git apply accepts (it ignores what follows the
// last hunk).
func WriteText(w io.Writer, p *Plan, pal ui.Palette) {
	for _, c := range p.Changes {
		WriteDiff(w, c, pal)
	}
	if len(p.Changes) > 0 && len(p.Diagnostics) > 0 {
		fmt.Fprintln(w)
	}
	WriteDiagnostics(w, p.Diagnostics, pal)
	fmt.Fprintln(w, pal.Bold(p.Summary()))
}

// Report is the document `isolate migrate --json` prints.
type Report struct {
	Root string `json:"root"`
	// Written is false for a dry run: changes were computed, not applied.
	Written bool           `json:"written"`
	Changes []ReportChange `json:"changes"`
	// Groups are the sets of changes written whole or not at all.
	Groups      []ReportGroup      `json:"groups"`
	Diagnostics []ReportDiagnostic `json:"diagnostics"`
	// Problems are files isolate could not read or parse, and files left untouched because they do not parse.
	Problems []ReportProblem `json:"problems"`
	// Errors are internal errors (a bug in isolate) and failed writes.
	Errors []ReportProblem `json:"errors"`
	// Notes are what the analysis guessed or wants known (a preload found by its name only, a directory not in
	// git), as the text output prints them.
	Notes []string `json:"notes"`
	// Incomplete counts the high findings left unfixed; while it is not zero the migrated app may not work.
	Incomplete int `json:"incomplete"`
	// Windows says, per window, whether the migration changes it or leaves it as it was, and why.
	Windows []WindowOutcome `json:"windows"`
}

// ReportChange is one file's change. File is relative to the root, like the diagnostics'; the diff names files
// from the top of the git repository, as git apply expects.
type ReportChange struct {
	File    string `json:"file"`
	Created bool   `json:"created"`
	Diff    string `json:"diff"`
	Applied bool   `json:"applied"`
}

// ReportGroup is a set of changes written whole or not at all. Applied is true when every file of it was written;
// Error says why it was not (a file that could not be written, a signal), and then none of its files was.
type ReportGroup struct {
	Name    string   `json:"name"`
	Files   []string `json:"files"`
	Applied bool     `json:"applied"`
	Held    string   `json:"held,omitempty"`
	Error   string   `json:"error,omitempty"`
}

// ReportDiagnostic is one diagnostic; Fixed says whether its fix was applied (or, in a dry run, would be).
type ReportDiagnostic struct {
	Rule     string           `json:"rule"`
	Severity codemod.Severity `json:"severity"`
	File     string           `json:"file"`
	Line     int              `json:"line"`
	Column   int              `json:"column"`
	Message  string           `json:"message"`
	Fixed    bool             `json:"fixed"`
}

// ReportProblem is a problem with its place.
type ReportProblem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// NewReport builds the JSON document for a plan. applied says which changes were written; problems are those of
// the walk and the load.
func NewReport(p *Plan, written bool, applied map[*Change]bool, problems, writeErrors []walk.Problem) *Report {
	r := &Report{Root: p.Root, Written: written, Changes: []ReportChange{}, Groups: []ReportGroup{}, Diagnostics: []ReportDiagnostic{},
		Problems: []ReportProblem{}, Errors: []ReportProblem{}, Notes: append([]string{}, p.Notes...),
		Incomplete: p.Incomplete(), Windows: append([]WindowOutcome{}, p.Windows...)}
	for _, c := range p.Changes {
		r.Changes = append(r.Changes, ReportChange{File: c.Path, Created: c.Created, Diff: c.Diff, Applied: applied[c]})
	}
	for _, g := range p.Groups {
		rg := ReportGroup{Name: g.Name, Files: g.Paths(), Applied: len(g.Changes) > 0, Held: g.Held}
		for _, c := range g.Changes {
			rg.Applied = rg.Applied && applied[c]
			for _, e := range writeErrors {
				if e.Path == c.Path {
					rg.Error = e.Path + ": " + e.Message
				}
			}
		}
		r.Groups = append(r.Groups, rg)
	}
	for _, d := range p.Diagnostics {
		r.Diagnostics = append(r.Diagnostics, ReportDiagnostic{Rule: d.Rule, Severity: d.Severity, File: d.Path,
			Line: d.Pos.Line, Column: d.Pos.Column, Message: d.Message, Fixed: d.Fixed})
	}
	for _, ps := range [][]walk.Problem{problems, p.Skipped} {
		for _, pr := range ps {
			r.Problems = append(r.Problems, reportProblem(pr))
		}
	}
	for _, ps := range [][]walk.Problem{p.Errors, writeErrors} {
		for _, pr := range ps {
			r.Errors = append(r.Errors, reportProblem(pr))
		}
	}
	return r
}

func reportProblem(p walk.Problem) ReportProblem {
	return ReportProblem{File: p.Path, Line: p.Pos.Line, Column: p.Pos.Column, Message: p.Message}
}

// WriteJSON writes the report as one indented JSON document.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
