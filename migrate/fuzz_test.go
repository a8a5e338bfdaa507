package migrate

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/syntax"
	"github.com/isolate-dev/isolate/ui"
)

// fuzzFixtures are the fixture apps of testdata/migrate, each as its files by slash path, in a fixed order.
func fuzzFixtures(f *testing.F) [][]fuzzFile {
	dirs, _ := filepath.Glob(filepath.Join("..", "testdata", "migrate", "*", "app"))
	sort.Strings(dirs)
	var apps [][]fuzzFile
	for _, dir := range dirs {
		var files []fuzzFile
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return nil
			}
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files = append(files, fuzzFile{filepath.ToSlash(rel), b})
			return nil
		})
		if len(files) > 0 {
			apps = append(apps, files)
		}
	}
	if len(apps) == 0 {
		f.Fatal("no fixture in testdata/migrate")
	}
	return apps
}

type fuzzFile struct {
	path string
	src  []byte
}

// fuzzBound is how long one run of the pipeline over a fixture-sized app may take, however hostile its input;
// fixtures take milliseconds.
const fuzzBound = 30 * time.Second

// FuzzPipeline replaces one file of a fixture app with the fuzzer's bytes and runs the whole pipeline (walk, load,
// rules, plan, rendered text and JSON). It must not panic, must finish within fuzzBound, and every file the plan
// would write must parse. Seeded with every file of every fixture as it is.
func FuzzPipeline(f *testing.F) {
	apps := fuzzFixtures(f)
	for a, files := range apps {
		for i, file := range files {
			f.Add(uint8(a), uint8(i), file.src)
		}
	}
	rules := codemod.Rules(codemod.ForMigrate)
	f.Fuzz(func(t *testing.T, app, index uint8, src []byte) {
		files := apps[int(app)%len(apps)]
		replaced := int(index) % len(files)
		root := t.TempDir()
		for i, file := range files {
			data := file.src
			if i == replaced {
				data = src
			}
			full := filepath.Join(root, filepath.FromSlash(file.path))
			os.MkdirAll(filepath.Dir(full), 0o755)
			if err := os.WriteFile(full, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		done := make(chan *Plan, 1)
		go func() {
			plan, _, err := Compute(root, rules, nil)
			if err != nil {
				t.Errorf("Compute: %v", err)
			}
			done <- plan
		}()
		var plan *Plan
		select {
		case plan = <-done:
		case <-time.After(fuzzBound):
			t.Fatalf("the pipeline did not finish within %v on %s replaced by %q", fuzzBound, files[replaced].path, src)
		}
		if plan == nil {
			return
		}
		for _, c := range plan.Changes {
			if _, ok := syntax.LangOf(c.Path); ok {
				if ps := syntax.Validate(c.Path, c.New); len(ps) > 0 {
					t.Errorf("%s does not parse after the rewrite: %s %s", c.Path, ps[0].Pos, ps[0].Message)
				}
			}
		}
		var out bytes.Buffer
		WriteText(&out, plan, (&ui.Streams{}).Palette(false))
		if err := NewReport(plan, false, nil, nil, nil).WriteJSON(&out); err != nil {
			t.Errorf("JSON: %v", err)
		}
		seen := map[*Change]bool{}
		for _, g := range plan.Groups {
			for _, c := range g.Changes {
				seen[c] = true
			}
		}
		if len(seen) != len(plan.Changes) {
			t.Errorf("%d changes, %d in groups", len(plan.Changes), len(seen))
		}
	})
}
