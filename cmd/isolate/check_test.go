package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func checkFixture(name string) string { return filepath.Join("..", "..", "testdata", "check", name) }

func TestCheckExitCodesFollowFailOn(t *testing.T) {
	dir := checkFixture("file-protocol/bad") // two low findings, nothing higher
	for _, tc := range []struct {
		failOn string
		code   int
	}{{"medium", 0}, {"high", 0}, {"low", 1}, {"info", 1}} {
		code, out, errOut := runTest(t, nil, "check", "--fail-on", tc.failOn, dir)
		if code != tc.code {
			t.Errorf("--fail-on %s: exit %d, want %d\n%s%s", tc.failOn, code, tc.code, out, errOut)
		}
		if !strings.Contains(out, "src/main.js:24:3 low    file-protocol loadFile() loads the page from file://") {
			t.Errorf("--fail-on %s: finding line missing:\n%s", tc.failOn, out)
		}
	}
	code, out, _ := runTest(t, nil, "check", checkFixture("secure/good"))
	if code != 0 || !strings.Contains(out, "no findings in 5 files") {
		t.Errorf("secure app: exit %d\n%s", code, out)
	}
}

func TestCheckUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--format", "yaml"}, `--format "yaml": want one of text, json, sarif`},
		{[]string{"check", "--fail-on", "critical"}, `--fail-on "critical": want one of high, medium, low, info`},
		{[]string{"check", "no/such/dir"}, "no/such/dir is not a directory"},
		{[]string{"check", "a", "b"}, "at most 1 argument"},
	} {
		code, out, errOut := runTest(t, nil, tc.args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.args, code, out, errOut, tc.want)
		}
	}
}

func TestCheckConfigErrorNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"name":"x","isolate":{"severity":{"sandbox":"loud"}}}`), 0o644)
	code, _, errOut := runTest(t, nil, "check", dir)
	if code != exitUsage || !strings.Contains(errOut, `package.json: "isolate" key: severity: "sandbox": "loud" is not a severity`) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	os.WriteFile(filepath.Join(dir, ".isolaterc.json"), []byte(`{"ignore": []}`), 0o644)
	code, _, errOut = runTest(t, nil, "check", dir)
	if code != exitUsage || !strings.Contains(errOut, ".isolaterc.json: package.json also has an \"isolate\" key") {
		t.Errorf("two configurations: exit %d, stderr %q", code, errOut)
	}
}

func TestCheckJSONAndSARIFAreOneDocumentOnStdout(t *testing.T) {
	dir := checkFixture("context-isolation/bad-default")
	code, out, errOut := runTest(t, nil, "check", "--format", "json", dir)
	var doc struct {
		Findings []struct {
			Rule, Severity, File, Message string
			Line, Column                  int
		}
	}
	if code != 1 || json.Unmarshal([]byte(out), &doc) != nil || errOut != "" {
		t.Fatalf("json: exit %d, stderr %q, stdout %q", code, errOut, out)
	}
	if len(doc.Findings) != 2 || doc.Findings[1].Rule != "context-isolation" || doc.Findings[1].Line != 14 {
		t.Errorf("findings %+v", doc.Findings)
	}
	code, out, _ = runTest(t, nil, "check", "--format", "sarif", dir)
	var log map[string]any
	if code != 1 || json.Unmarshal([]byte(out), &log) != nil || log["version"] != "2.1.0" {
		t.Errorf("sarif: exit %d, %.200s", code, out)
	}
}

func TestCheckListRules(t *testing.T) {
	code, out, _ := runTest(t, nil, "check", "--list-rules")
	if code != 0 || !strings.Contains(out, "context-isolation") || !strings.Contains(out, "tutorial/security#3-enable-context-isolation") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

func TestCheckReportsFilesItCouldNotRead(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"devDependencies":{"electron":"45.0.0"}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "main.js"), []byte("const { BrowserWindow } = require('electron')\nnew BrowserWindow({ webPreferences: { webSecurity: false } })\nfunction (\n"), 0o644)
	code, out, errOut := runTest(t, nil, "check", dir)
	// Its findings are reported, so it is partly checked, and says so: "not checked" beside findings is untrue.
	if code != 1 || !strings.Contains(errOut, "main.js:3:") || !strings.Contains(errOut, "partly checked: syntax error") ||
		strings.Contains(errOut, "not checked") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "main.js:2:39 high   web-security") {
		t.Errorf("the rest of a file with a syntax error is still checked:\n%s", out)
	}
	_, out, _ = runTest(t, nil, "check", "--format", "json", dir)
	var doc struct{ Problems []struct{ File string } }
	if json.Unmarshal([]byte(out), &doc) != nil || len(doc.Problems) != 1 || doc.Problems[0].File != "main.js" {
		t.Errorf("problems in JSON: %s", out)
	}
}
