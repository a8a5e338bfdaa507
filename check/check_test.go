package check

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/project/projecttest"
	"github.com/isolate-dev/isolate/ui"
)

// app builds the facts of a small app from sources (JavaScript files are parsed, .html files kept as pages).
func app(t *testing.T, electron string, files map[string]string) *project.Facts {
	t.Helper()
	return projecttest.Facts(t, electron, files)
}

func audit(t *testing.T, facts *project.Facts, cfg *Config) *Report {
	t.Helper()
	rules := codemod.Rules(codemod.ForCheck)
	return Build(codemod.Run(rules, facts), facts, rules, cfg)
}

func rulesOf(r *Report) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.Rule+"@"+f.File+":"+itoa(f.Line))
	}
	return out
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

const legacyMain = `const { app, BrowserWindow } = require('electron')
function create() {
  const win = new BrowserWindow({
    webPreferences: {
      contextIsolation: false, // isolate-ignore context-isolation: the legacy window only loads bundled pages
      nodeIntegration: true,
    },
  })
  // isolate-ignore node-integration
  win.loadFile('index.html')
}
app.whenReady().then(create)
`

func TestSuppressions(t *testing.T) {
	facts := app(t, "45.0.0", map[string]string{
		"main.js": legacyMain,
		"index.html": `<!doctype html>
<!-- isolate-ignore csp-missing: served with a CSP header by the update server -->
<html><head></head><body><!-- isolate-ignore insecure-resourse: typo --><script src="http://cdn.example.com/a.js"></script></body></html>`,
	})
	r := audit(t, facts, nil)
	got := strings.Join(rulesOf(r), " ")
	for _, want := range []string{
		"node-integration@main.js:6",       // the ignore on line 9 is two lines below: it does not reach it
		"ignore-reason@main.js:9",          // no reason given
		"ignore-unknown-rule@index.html:3", // the typo names no rule, so the finding it meant stays
		"insecure-resource@index.html:3",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in %s", want, got)
		}
	}
	for _, unwanted := range []string{"context-isolation@", "csp-missing@"} {
		if strings.Contains(got, unwanted) {
			t.Errorf("%s should be suppressed: %s", unwanted, got)
		}
	}
	if r.Suppressed != 2 {
		t.Errorf("suppressed = %d, want 2", r.Suppressed)
	}
}

func TestSuppressionOnTheLineBefore(t *testing.T) {
	facts := app(t, "45.0.0", map[string]string{"main.js": `const { shell, ipcMain } = require('electron')
ipcMain.on('open', (event, url) => {
  // isolate-ignore open-external, sender-validation: url comes from our own menu, never from a page
  shell.openExternal(url)
})
`})
	r := audit(t, facts, nil)
	for _, f := range r.Findings {
		if f.Rule == "open-external" {
			t.Errorf("open-external not suppressed: %+v", f)
		}
	}
	if !strings.Contains(strings.Join(rulesOf(r), " "), "sender-validation@main.js:2") {
		t.Errorf("sender-validation on line 2 is not covered by a comment on line 3: %v", rulesOf(r))
	}
}

func TestConfigIgnoresPathsAndOverridesSeverity(t *testing.T) {
	facts := app(t, "45.0.0", map[string]string{
		"main.js":          legacyMain,
		"docs/sample.html": `<html><body><script src="http://example.com/x.js"></script></body></html>`,
	})
	cfg, err := ParseConfig(ConfigFile, []byte(`{"ignore": ["docs/"], "severity": {"file-protocol": "off", "node-integration": "low"}}`))
	if err != nil {
		t.Fatal(err)
	}
	r := audit(t, facts, cfg)
	for _, f := range r.Findings {
		if strings.HasPrefix(f.File, "docs/") || f.Rule == "file-protocol" {
			t.Errorf("should be ignored: %+v", f)
		}
		if f.Rule == "node-integration" && f.Severity != codemod.Low {
			t.Errorf("node-integration severity %s, want low", f.Severity)
		}
	}
	if r.Ignored == 0 {
		t.Error("ignored count not kept")
	}
	if r.Fails(codemod.Medium) != true || r.Fails(codemod.High) {
		t.Errorf("fails(medium)=%v fails(high)=%v: want true, false (ignore-reason is medium, nothing high left)",
			r.Fails(codemod.Medium), r.Fails(codemod.High))
	}
}

func TestConfigErrorsNameTheFile(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`{"ignore": ["a/["], "severity": {"no-such-rule": "high", "sandbox": "critical"}}`,
			`.isolaterc.json: ignore: "a/[" is not a valid glob pattern; severity: "no-such-rule" is not a rule`},
		{`{"ignore": "docs"}`, `.isolaterc.json:1: "ignore" must be an array`},
		{`{"ignores": []}`, `.isolaterc.json: unknown field "ignores" (known fields: ignore, severity)`},
		{"{\n  \"ignore\": [,]\n}", `.isolaterc.json:2: not valid JSON`},
	} {
		_, err := ParseConfig(ConfigFile, []byte(tc.src))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want prefix %q", tc.src, err, tc.want)
		}
	}
	_, err := ParseConfig(ConfigFile, []byte(`{"severity": {"sandbox": "critical"}}`))
	if err == nil || !strings.Contains(err.Error(), "want high, medium, low, info or off") {
		t.Errorf("bad severity: %v", err)
	}
}

func TestSupersededMigrateFindingIsDroppedWhenAFinerRuleCoversIt(t *testing.T) {
	ds := []codemod.Diagnostic{
		{Rule: "web-preferences", Path: "main.js", Start: 10, End: 80, Severity: codemod.High, Message: "fix flags"},
		{Rule: "context-isolation", Path: "main.js", Start: 30, End: 52, Severity: codemod.High, Message: "off"},
		{Rule: "web-preferences", Path: "other.js", Start: 10, End: 80, Severity: codemod.High, Message: "keep"},
	}
	got := dropSuperseded(ds)
	if len(got) != 2 || got[0].Rule != "context-isolation" || got[1].Path != "other.js" {
		t.Errorf("got %+v", got)
	}
}

func TestTextOutput(t *testing.T) {
	r := audit(t, app(t, "45.0.0", map[string]string{"main.js": legacyMain}), nil)
	var out bytes.Buffer
	if err := r.WriteText(&out, (&ui.Streams{}).Palette(false), codemod.Medium); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if !strings.Contains(text, "main.js:6:7 high   node-integration ") {
		t.Errorf("no file:line:col severity rule line:\n%s", text)
	}
	if !strings.Contains(text, "failing: findings at medium or above") || strings.Contains(text, "\x1b[") {
		t.Errorf("summary or colour wrong:\n%s", text)
	}
	var coloured bytes.Buffer
	r.WriteText(&coloured, (&ui.Streams{OutTTY: true}).Palette(false), codemod.Medium)
	if !strings.Contains(coloured.String(), "\x1b[31mhigh") {
		t.Errorf("high findings not red on a terminal:\n%q", coloured.String())
	}
}

func TestJSONUsesMigrateFieldNames(t *testing.T) {
	r := audit(t, app(t, "45.0.0", map[string]string{"main.js": legacyMain}), nil)
	var out bytes.Buffer
	if err := r.WriteJSON(&out, codemod.High); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []map[string]any `json:"findings"`
		Summary  map[string]any   `json:"summary"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Findings) == 0 {
		t.Fatal("no findings")
	}
	for _, key := range []string{"rule", "severity", "file", "line", "column", "message", "ref"} {
		if _, ok := doc.Findings[0][key]; !ok {
			t.Errorf("finding lacks %q: %v", key, doc.Findings[0])
		}
	}
	if doc.Summary["failOn"] != "high" || doc.Summary["failed"] != true {
		t.Errorf("summary %v", doc.Summary)
	}
}

func TestAPreloadExplainedByASandboxFindingIsReportedOnce(t *testing.T) {
	ds := []codemod.Diagnostic{
		{Rule: "sandbox", Path: "main.js", Start: 5, End: 9, Message: "sandbox is off; its preload src/preload.js requires fs"},
		{Rule: "preload-not-sandboxable", Path: "src/preload.js", Start: 0, End: 4, Message: "requires fs"},
		{Rule: "preload-not-sandboxable", Path: "src/other.js", Start: 0, End: 4, Message: "requires fs"},
	}
	got := dropSuperseded(ds)
	if len(got) != 2 || got[1].Path != "src/other.js" {
		t.Errorf("got %+v", got)
	}
}
