package check

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
	"github.com/isolate-dev/isolate/ui"
)

func sourceOf(facts *project.Facts, path string) []byte {
	if f, ok := facts.Files[path]; ok {
		return f.Src
	}
	if p, ok := facts.Pages[path]; ok {
		return p.Src
	}
	return nil
}

func positionIn(src []byte, offset int) syntax.Position { return syntax.PositionIn(src, nil, offset) }

// WriteText writes the findings one per line as `file:line:col severity rule message`, a blank line between files,
// then a summary. Colour comes from the palette, so it appears only on a terminal that wants it. File names and
// messages, which quote the app's code, are escaped (ui.Quote, ui.Escape): the terminal must not act on them.
func (r *Report) WriteText(w io.Writer, pal ui.Palette, failOn codemod.Severity) error {
	var b strings.Builder
	sevColour := map[codemod.Severity]func(string) string{
		codemod.High: pal.Red, codemod.Medium: pal.Yellow, codemod.Low: pal.Cyan, codemod.Info: pal.Faint,
	}
	width := 0
	for _, f := range r.Findings {
		width = max(width, len(f.Rule))
	}
	last := ""
	for _, f := range r.Findings {
		if f.File != last && last != "" {
			b.WriteString("\n")
		}
		last = f.File
		sev := fmt.Sprintf("%-6s", f.Severity)
		fmt.Fprintf(&b, "%s %s %s %s\n", pal.Bold(fmt.Sprintf("%s:%d:%d", ui.Quote(f.File), f.Line, f.Column)),
			sevColour[f.Severity](sev), pal.Faint(fmt.Sprintf("%-*s", width, f.Rule)), ui.Escape(f.Message))
	}
	if len(r.Findings) > 0 {
		b.WriteString("\n")
	}
	b.WriteString(r.summary(pal, failOn))
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func (r *Report) summary(pal ui.Palette, failOn codemod.Severity) string {
	counts := r.Counts()
	files := map[string]bool{}
	for _, f := range r.Findings {
		files[f.File] = true
	}
	var parts []string
	for s := codemod.High; s >= codemod.Info; s-- {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	var b strings.Builder
	if len(r.Findings) == 0 {
		fmt.Fprintf(&b, "%s in %s", pal.Green("no findings"), plural(r.Files, "file"))
	} else {
		fmt.Fprintf(&b, "%s in %s (%s)", pal.Bold(plural(len(r.Findings), "finding")), plural(len(files), "file"),
			strings.Join(parts, ", "))
	}
	if r.Suppressed > 0 {
		fmt.Fprintf(&b, "; %d suppressed by isolate-ignore", r.Suppressed)
	}
	if r.Ignored > 0 {
		fmt.Fprintf(&b, "; %d ignored by configuration", r.Ignored)
	}
	if r.Fails(failOn) {
		fmt.Fprintf(&b, "; %s", pal.Red(fmt.Sprintf("failing: findings at %s or above (--fail-on %s)", failOn, failOn)))
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// jsonReport is the document `isolate check --format json` writes.
type jsonReport struct {
	Findings []Finding  `json:"findings"`
	Problems []Problem  `json:"problems"`
	Summary  jsonTotals `json:"summary"`
}

type jsonTotals struct {
	Findings   int              `json:"findings"`
	High       int              `json:"high"`
	Medium     int              `json:"medium"`
	Low        int              `json:"low"`
	Info       int              `json:"info"`
	Suppressed int              `json:"suppressed"`
	Ignored    int              `json:"ignored"`
	Files      int              `json:"files"`
	FailOn     codemod.Severity `json:"failOn"`
	Failed     bool             `json:"failed"`
}

// WriteJSON writes the report as one JSON document.
func (r *Report) WriteJSON(w io.Writer, failOn codemod.Severity) error {
	c := r.Counts()
	doc := jsonReport{Findings: r.Findings, Problems: r.Problems, Summary: jsonTotals{
		Findings: len(r.Findings), High: c[codemod.High], Medium: c[codemod.Medium], Low: c[codemod.Low],
		Info: c[codemod.Info], Suppressed: r.Suppressed, Ignored: r.Ignored, Files: r.Files, FailOn: failOn,
		Failed: r.Fails(failOn)}}
	if doc.Findings == nil {
		doc.Findings = []Finding{}
	}
	if doc.Problems == nil {
		doc.Problems = []Problem{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
