package check

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/isolate-dev/isolate/codemod"
)

// SARIF levels and GitHub's security-severity scores for isolate's severities. GitHub code scanning ranks a
// security alert by security-severity (9.0+ critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low).
var (
	sarifLevel = map[codemod.Severity]string{
		codemod.High: "error", codemod.Medium: "warning", codemod.Low: "note", codemod.Info: "note",
	}
	securitySeverity = map[codemod.Severity]string{
		codemod.High: "8.0", codemod.Medium: "5.5", codemod.Low: "3.0", codemod.Info: "1.0",
	}
)

// Tool describes the program that wrote a SARIF log.
type Tool struct {
	Name, Version, InformationURI string
}

// WriteSARIF writes the report as a SARIF 2.1.0 log that GitHub code scanning accepts: one run whose driver lists
// every rule that ran (description, help, checklist link, security-severity), results with their rule, level,
// message and a region in the file (columns in Unicode code points, as isolate counts them), and problems as tool
// execution notifications. root, when not empty, is the absolute project directory the relative paths start from.
func (r *Report) WriteSARIF(w io.Writer, tool Tool, root string) error {
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	run := sarif.NewRunWithInformationURI(tool.Name, tool.InformationURI)
	run.Tool.Driver.WithVersion(tool.Version)
	run.Tool.Driver.SemanticVersion = &tool.Version
	run.WithColumnKind("unicodeCodePoints")
	if root != "" {
		uri := "file://" + filepath.ToSlash(root)
		if !strings.HasSuffix(uri, "/") {
			uri += "/"
		}
		run.WithOriginalUriBaseIds(map[string]*sarif.ArtifactLocation{"%SRCROOT%": {URI: &uri}})
	}
	for _, rule := range r.Rules {
		d := run.AddRule(rule.ID).
			WithName(ruleName(rule.ID)).
			WithShortDescription(sarif.NewMultiformatMessageString(rule.Doc)).
			WithFullDescription(sarif.NewMultiformatMessageString(rule.Doc + ".")).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel[rule.Severity]))
		help := rule.Doc + "."
		if rule.Ref != "" {
			d.WithHelpURI(rule.Ref)
			help += " See " + rule.Ref
		}
		d.WithHelp(sarif.NewMultiformatMessageString(help).WithMarkdown(markdownHelp(rule)))
		props := sarif.NewPropertyBag()
		props.Add("tags", []string{"security", "electron"})
		props.Add("precision", "medium")
		props.Add("security-severity", securitySeverity[rule.Severity])
		d.AttachPropertyBag(props)
	}
	for _, f := range r.Findings {
		region := sarif.NewRegion().WithStartLine(f.Line).WithStartColumn(max(f.Column, 1))
		if f.EndLine > 0 {
			region.WithEndLine(f.EndLine).WithEndColumn(max(f.EndColumn, 1))
		}
		loc := sarif.NewPhysicalLocation().
			WithArtifactLocation(sarif.NewSimpleArtifactLocation(f.File).WithUriBaseId("%SRCROOT%")).
			WithRegion(region)
		res := sarif.NewRuleResult(f.Rule).
			WithLevel(sarifLevel[f.Severity]).
			WithMessage(sarif.NewTextMessage(f.Message)).
			WithLocations([]*sarif.Location{sarif.NewLocationWithPhysicalLocation(loc)})
		run.AddResult(res)
	}
	inv := run.AddInvocation(true)
	for _, p := range r.Problems {
		n := sarif.NewNotification().WithLevel("warning").WithTextMessage(p.Message)
		pl := sarif.NewPhysicalLocation().WithArtifactLocation(
			sarif.NewSimpleArtifactLocation(p.File).WithUriBaseId("%SRCROOT%"))
		if p.Line > 0 {
			pl.WithRegion(sarif.NewRegion().WithStartLine(p.Line).WithStartColumn(max(p.Column, 1)))
		}
		n.AddLocation(sarif.NewLocationWithPhysicalLocation(pl))
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	log.AddRun(run)
	return log.PrettyWrite(w)
}

// ruleName turns a rule ID into the PascalCase name SARIF viewers show (context-isolation → ContextIsolation).
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

func markdownHelp(rule *codemod.Rule) string {
	s := fmt.Sprintf("**%s** (%s): %s.", rule.ID, rule.Severity, rule.Doc)
	if rule.Ref != "" {
		s += fmt.Sprintf("\n\nSee [%s](%s).", strings.TrimPrefix(rule.Ref, "https://"), rule.Ref)
	}
	s += fmt.Sprintf("\n\nSuppress one finding with a comment on its line or the line before: "+
		"`// isolate-ignore %s: <reason>`.", rule.ID)
	return s
}
