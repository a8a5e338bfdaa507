package check

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/internal/testenv"
)

func sarifLog(t *testing.T) []byte {
	t.Helper()
	facts := app(t, "11.0.0", map[string]string{
		"main.js": legacyMain,
		"index.html": "<!doctype html>\n<html><head><meta http-equiv=\"Content-Security-Policy\" " +
			"content=\"script-src 'self' 'unsafe-eval'\"></head><body></body></html>",
	})
	r := audit(t, facts, nil)
	r.Problems = []Problem{{File: "broken.js", Line: 3, Column: 9, Message: "syntax error: unexpected '}'"}}
	var out bytes.Buffer
	if err := r.WriteSARIF(&out, Tool{Name: "isolate", Version: "0.1.0", InformationURI: "https://github.com/isolate-dev/isolate"}, "/work/app"); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestSARIFValidatesAgainstTheSchema checks the log against the OASIS SARIF 2.1.0 JSON schema, which .ci/run fetches
// from the npm registry (the schema file carries no license of its own, so it is not copied into this repository).
func TestSARIFValidatesAgainstTheSchema(t *testing.T) {
	schemaPath := testenv.ToolFile(t, "sarif-schema-2.1.0.json")
	f, err := os.Open(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(sarifLog(t)))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("SARIF log does not validate: %v", err)
	}
	// The schema accepts what it does not know; make sure a broken log is caught, so the check above means something.
	if err := schema.Validate(map[string]any{"version": "2.1.0", "runs": []any{map[string]any{"results": []any{}}}}); err == nil {
		t.Fatal("a run without a tool validated")
	}
}

// TestSARIFHasWhatCodeScanningReads checks the parts GitHub code scanning uses: rule metadata with help and
// security-severity, results with a level and a region, relative paths under %SRCROOT%.
func TestSARIFHasWhatCodeScanningReads(t *testing.T) {
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			ColumnKind string `json:"columnKind"`
			Tool       struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID         string            `json:"id"`
						Help       map[string]string `json:"help"`
						HelpURI    string            `json:"helpUri"`
						Properties map[string]any    `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine, StartColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
			Invocations []struct {
				Notifications []any `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(sarifLog(t), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" || run.Tool.Driver.Name != "isolate" {
		t.Errorf("columnKind %q driver %q", run.ColumnKind, run.Tool.Driver.Name)
	}
	if len(run.Tool.Driver.Rules) != len(codemod.Rules(codemod.ForCheck)) {
		t.Errorf("%d rules in the log, %d check rules", len(run.Tool.Driver.Rules), len(codemod.Rules(codemod.ForCheck)))
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.Help["text"] == "" || r.HelpURI == "" || r.Properties["security-severity"] == nil {
			t.Errorf("rule %s lacks help, helpUri or security-severity: %+v", r.ID, r)
		}
	}
	levels := map[string]bool{}
	for _, res := range run.Results {
		levels[res.Level] = true
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s points at rule %d", res.RuleID, res.RuleIndex)
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.ArtifactLocation.URI == "" || loc.Region.StartLine < 1 {
			t.Errorf("result %s location %+v", res.RuleID, loc)
		}
	}
	if !levels["error"] || !levels["warning"] {
		t.Errorf("levels %v: want high findings as error and medium as warning", levels)
	}
	if len(run.Invocations) != 1 || len(run.Invocations[0].Notifications) != 1 {
		t.Errorf("problems not reported as notifications: %+v", run.Invocations)
	}
}
