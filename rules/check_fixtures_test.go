package rules_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/check"
	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/walk"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/check")

// loadApp reads a fixture app through the pipeline every command shares: walk, then project.Load.
func loadApp(t *testing.T, dir string) *project.Facts {
	t.Helper()
	res, err := walk.Walk(dir)
	if err != nil {
		t.Fatal(err)
	}
	facts, problems := project.Load(res.Root, res.Files)
	for _, p := range append(res.Problems, problems...) {
		t.Errorf("%s: %s", dir, p)
	}
	return facts
}

// checkFindings returns what `isolate check` reports for the facts: every check rule, migrate's included, with
// suppressions applied and what two rules report alike reported once.
func checkFindings(facts *project.Facts) []check.Finding {
	rules := codemod.Rules(codemod.ForCheck)
	return check.Build(codemod.Run(rules, facts), facts, rules, nil).Findings
}

// TestCheckFixtures runs every check rule over the apps of testdata/check/<rule>/<case>. A case named bad* must
// produce a finding of its rule, good* none (and the apps secure/good and decoys/good no finding at all); the
// legacy/* apps are whole legacy apps, checked by their golden files alone. Each
// case's findings are compared with <case>.golden, which a person has read.
func TestCheckFixtures(t *testing.T) {
	root := filepath.Join("..", "testdata", "check")
	rules, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		if !r.IsDir() {
			continue
		}
		cases, _ := os.ReadDir(filepath.Join(root, r.Name()))
		for _, c := range cases {
			if !c.IsDir() {
				continue
			}
			t.Run(r.Name()+"/"+c.Name(), func(t *testing.T) {
				dir := filepath.Join(root, r.Name(), c.Name())
				ds := checkFindings(loadApp(t, dir))
				var lines []string
				ofRule := 0
				for _, d := range ds {
					if d.Message == "" || !strings.Contains(d.Message, ";") && len(d.Message) < 40 {
						t.Errorf("%s: message does not say what to do: %q", d.Rule, d.Message)
					}
					if d.Rule == r.Name() {
						ofRule++
					}
					lines = append(lines, fmt.Sprintf("%s:%d:%d %s %s: %s", d.File, d.Line, d.Column, d.Severity, d.Rule,
						d.Message))
				}
				switch {
				case r.Name() == "legacy":
					// Real-world shapes: the golden file alone says what they must produce.
				case r.Name() == "secure" || r.Name() == "decoys":
					if len(ds) > 0 {
						t.Errorf("want no findings, got:\n%s", strings.Join(lines, "\n"))
					}
				case strings.HasPrefix(c.Name(), "good") && ofRule > 0:
					t.Errorf("want no %s finding, got:\n%s", r.Name(), strings.Join(lines, "\n"))
				case !strings.HasPrefix(c.Name(), "good") && ofRule == 0:
					t.Errorf("want a %s finding, got:\n%s", r.Name(), strings.Join(lines, "\n"))
				}
				golden := filepath.Join(root, r.Name(), c.Name()+".golden")
				got := strings.Join(lines, "\n") + "\n"
				if *update {
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, _ := os.ReadFile(golden)
				if string(want) != got {
					t.Errorf("findings differ from %s (go test ./rules -run TestCheckFixtures -update, then "+
						"read the diff)\n--- want\n%s--- got\n%s", golden, want, got)
				}
			})
		}
	}
}
