package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/isolate-dev/isolate/internal/testenv"
	"github.com/isolate-dev/isolate/project"
)

// egKinds maps the Electronegativity checks the comparison covers to the kind of finding and the isolate rules that
// report that kind. Electronegativity's HTTP_RESOURCES checks count as insecure content (pages and loads over
// http), so isolate must match them too.
var egKinds = map[string]struct {
	kind  string
	rules []string
}{
	"CONTEXT_ISOLATION_JS_CHECK":             {"context-isolation", []string{"context-isolation"}},
	"NODE_INTEGRATION_JS_CHECK":              {"node-integration", []string{"node-integration"}},
	"NODE_INTEGRATION_HTML_CHECK":            {"node-integration", []string{"node-integration"}},
	"NODE_INTEGRATION_ATTACH_EVENT_JS_CHECK": {"node-integration", []string{"node-integration"}},
	"SANDBOX_JS_CHECK":                       {"sandbox", []string{"sandbox"}},
	"REMOTE_MODULE_JS_CHECK":                 {"remote", []string{"remote-module"}},
	"WEB_SECURITY_JS_CHECK":                  {"web-security", []string{"web-security"}},
	"WEB_SECURITY_HTML_CHECK":                {"web-security", []string{"web-security"}},
	"INSECURE_CONTENT_JS_CHECK":              {"insecure-content", []string{"insecure-content"}},
	"INSECURE_CONTENT_HTML_CHECK":            {"insecure-content", []string{"insecure-content"}},
	"HTTP_RESOURCES_JS_CHECK":                {"insecure-content", []string{"insecure-load"}},
	"HTTP_RESOURCES_HTML_CHECK":              {"insecure-content", []string{"insecure-resource", "insecure-load"}},
	"CSP_GLOBAL_CHECK":                       {"csp", []string{"csp-missing", "csp-weak"}},
}

type egFinding struct {
	check, file, text string
	line              int
}

// TestCheckCoversElectronegativity runs Electronegativity (npm @doyensec/electronegativity, pinned in .ci/run) and
// isolate check on every fixture app and requires isolate to report each context-isolation, node-integration,
// sandbox, remote, web-security, insecure-content and CSP finding Electronegativity reports: same file and line and
// a rule of the same kind (for a window's flags, isolate's options-unfollowable finding on a window whose options it
// cannot read counts), or, for CSP (reported at the meta tag, where isolate points at its content attribute) and
// Electronegativity's file-less "no CSP at all", the same file (or fixture) and kind.
//
// Electronegativity's defaults table stops at Electron 10, so it is wrong where the app's own Electron version is
// newer; those findings are excluded, each for a reason the test verifies:
//   - an absent contextIsolation (reported at the window's constructor) when the app uses Electron 12 or later,
//     and an absent sandbox when it uses Electron 20 or later without turning nodeIntegration on there, or when
//     main code calls app.enableSandbox();
//   - CSP findings it words "seems to be vulnerable": csp-evaluator's "maybe" findings (a missing object-src or
//     base-uri next to default-src 'self'), not weaknesses Electron's checklist names: isolate checks what the
//     checklist asks, script-src 'self' without unsafe-inline or unsafe-eval.
func TestCheckCoversElectronegativity(t *testing.T) {
	testenv.Slow(t)
	testenv.Tool(t, "node")
	eg := testenv.ToolFile(t, "node_modules/.bin/electronegativity")

	var apps []string
	for _, pattern := range []string{"../../testdata/check/*/*", "../../testdata/migrate/*/app"} {
		dirs, _ := filepath.Glob(pattern)
		for _, d := range dirs {
			if info, err := os.Stat(d); err == nil && info.IsDir() {
				apps = append(apps, d)
			}
		}
	}
	sort.Strings(apps)
	if len(apps) < 40 {
		t.Fatalf("only %d fixture apps found", len(apps))
	}

	// Electronegativity fetches translations over the network at every start and retries for about seven seconds
	// when it cannot, which it never can here. A preloaded module makes that fetch fail at once (findings do not
	// depend on it: the release check, its only other network use, is excluded below); the runs also go in parallel.
	offline := filepath.Join(t.TempDir(), "offline.cjs")
	if err := os.WriteFile(offline, []byte(egOffline), 0o644); err != nil {
		t.Fatal(err)
	}
	results := make([][]egFinding, len(apps))
	errs := make([]error, len(apps))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 12)
	for i, dir := range apps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i], errs[i] = runElectronegativity(eg, offline, dir, t.TempDir())
		}()
	}
	wg.Wait()

	counts := map[string][3]int{} // kind → reported, matched, excluded
	for i, dir := range apps {
		name := strings.TrimPrefix(filepath.ToSlash(dir), "../../testdata/")
		if errs[i] != nil {
			t.Errorf("%s: electronegativity: %v", name, errs[i])
			continue
		}
		ours := isolateFindings(t, dir)
		version := project.ElectronVersion(dir)
		for _, f := range results[i] {
			k, ok := egKinds[f.check]
			if !ok {
				continue
			}
			c := counts[k.kind]
			c[0]++
			if why := egExcluded(f, dir, version); why != "" {
				c[2]++
				counts[k.kind] = c
				t.Logf("%s: %s %s:%d excluded: %s", name, f.check, f.file, f.line, why)
				continue
			}
			if matchIsolate(f, k.kind, k.rules, ours, dir) {
				c[1]++
			} else {
				t.Errorf("%s: Electronegativity reports %s at %s:%d (%s); isolate reports no %s finding there",
					name, f.check, f.file, f.line, f.text, k.kind)
			}
			counts[k.kind] = c
		}
	}
	var kinds []string
	for k := range counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		c := counts[k]
		t.Logf("%-18s Electronegativity %3d, matched by isolate %3d, excluded %3d", k, c[0], c[1], c[2])
	}
}

// egOffline replaces the HTTP client Electronegativity loads with one that fails at once, as the network here does.
const egOffline = `const Module = require('module')
const load = Module._load
Module._load = function (request, parent, isMain) {
  if (request === 'got') {
    const offline = () => Promise.reject(Object.assign(new Error('offline'), { code: 'ENOTFOUND' }))
    offline.head = offline
    offline.default = offline
    return offline
  }
  return load.apply(this, arguments)
}
`

func runElectronegativity(eg, offline, dir, tmp string) ([]egFinding, error) {
	out := filepath.Join(tmp, "eg.sarif")
	cmd := exec.Command(eg, "-i", dir, "-r", "-o", out, "-x", "availablesecurityfixesglobalcheck")
	cmd.Env = append(os.Environ(), "NODE_OPTIONS=--require "+offline)
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("%v\n%s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		return nil, err
	}
	var fs []egFinding
	for _, r := range log.Runs[0].Results {
		f := egFinding{check: r.RuleID, text: r.Message.Text}
		if len(r.Locations) > 0 {
			loc := r.Locations[0].PhysicalLocation
			f.file, f.line = loc.ArtifactLocation.URI, loc.Region.StartLine
			if strings.HasPrefix(f.file, "file://") {
				f.file = "" // a project-wide finding
			}
		}
		fs = append(fs, f)
	}
	return fs, nil
}

type isolateFinding struct {
	Rule, File string
	Line       int
}

func isolateFindings(t *testing.T, dir string) []isolateFinding {
	t.Helper()
	code, out, errOut := runTest(t, nil, "check", "--format", "json", "--fail-on", "high", dir)
	if code > 1 {
		t.Fatalf("isolate check %s: exit %d: %s", dir, code, errOut)
	}
	var doc struct{ Findings []isolateFinding }
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Findings
}

// flagKinds are the kinds about one window's flags. Where isolate cannot read a window's options (spreads, merges,
// options passed in), its options-unfollowable finding on that window stands for every flag: it says the flags
// cannot be verified there and what to write instead.
var flagKinds = map[string]bool{"context-isolation": true, "node-integration": true, "sandbox": true, "remote": true}

func matchIsolate(f egFinding, kind string, rules []string, ours []isolateFinding, dir string) bool {
	first, last := f.line, f.line
	if flagKinds[kind] {
		first, last = windowLines(filepath.Join(dir, f.file), f.line)
	}
	for _, o := range ours {
		if flagKinds[kind] && o.Rule == "options-unfollowable" && o.File == f.file && first <= o.Line && o.Line <= last {
			return true
		}
		if !containsString(rules, o.Rule) {
			continue
		}
		switch {
		case f.check == "CSP_GLOBAL_CHECK" && f.file == "":
			return true // "no CSP anywhere": any CSP finding of the app
		case f.check == "CSP_GLOBAL_CHECK" && o.File == f.file:
			return true
		case o.File == f.file && o.Line == f.line:
			return true
		}
	}
	return false
}

// windowLines returns the lines of the constructor call that starts on line (its options, for a finding reported
// at `new BrowserWindow(`), or just that line.
func windowLines(path string, line int) (first, last int) {
	src, err := os.ReadFile(path)
	lines := strings.Split(string(src), "\n")
	if err != nil || line < 1 || line > len(lines) {
		return line, line
	}
	loc := newWindowAt.FindStringIndex(lines[line-1])
	if loc == nil {
		return line, line
	}
	depth := 0
	for i := line - 1; i < len(lines); i++ {
		text := lines[i]
		if i == line-1 {
			text = text[loc[1]-1:]
		}
		for _, c := range text {
			switch c {
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return line, i + 1
				}
			}
		}
	}
	return line, line
}

var newWindowAt = regexp.MustCompile(`new\s+(BrowserWindow|BrowserView|WebContentsView)\s*\(`)

// egExcluded says why an Electronegativity finding is not one isolate must report, or "".
func egExcluded(f egFinding, dir string, v project.Version) string {
	if f.check == "CSP_GLOBAL_CHECK" && strings.Contains(f.text, "seems to be vulnerable") {
		return "csp-evaluator's 'maybe' finding (object-src, base-uri), not a checklist weakness"
	}
	if f.file == "" {
		return ""
	}
	src, err := os.ReadFile(filepath.Join(dir, f.file))
	if err != nil {
		return ""
	}
	lines := strings.Split(string(src), "\n")
	if f.line < 1 || f.line > len(lines) || !newWindowAt.MatchString(lines[f.line-1]) {
		return "" // not an absent key: an explicit setting isolate must report
	}
	window := strings.Join(lines[f.line-1:min(len(lines), f.line+15)], "\n")
	switch f.check {
	case "CONTEXT_ISOLATION_JS_CHECK":
		if v.AtLeast(12) {
			return fmt.Sprintf("contextIsolation is absent and Electron %s defaults it to true", v)
		}
	case "SANDBOX_JS_CHECK":
		if strings.Contains(string(src), "app.enableSandbox()") {
			return "app.enableSandbox() sandboxes every renderer"
		}
		if v.AtLeast(20) && !strings.Contains(window, "nodeIntegration: true") {
			return fmt.Sprintf("sandbox is absent and Electron %s sandboxes renderers by default", v)
		}
	}
	return ""
}
