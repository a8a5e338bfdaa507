package migrate

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/internal/gentree"
)

// benchTree is a generated monorepo of 20,000 files, written once per test binary run.
var benchTree struct {
	once sync.Once
	dir  string
	err  error
}

func monorepo(b *testing.B) string {
	benchTree.once.Do(func() {
		dir, err := os.MkdirTemp("", "isolate-bench-")
		if err != nil {
			benchTree.err = err
			return
		}
		benchTree.dir = filepath.Join(dir, "acme")
		_, benchTree.err = gentree.Generate(benchTree.dir, 20000)
	})
	if benchTree.err != nil {
		b.Fatal(benchTree.err)
	}
	return benchTree.dir
}

// BenchmarkCompute times the whole dry run of `isolate migrate` on a 20,000-file monorepo: walk, read, prefilter,
// parse, analyse, run the rules, plan. scripts/bench-migrate.sh puts the same tree next to ripgrep.
func BenchmarkCompute(b *testing.B) {
	root := monorepo(b)
	rules := codemod.Rules(codemod.ForMigrate)
	for b.Loop() {
		plan, _, err := Compute(root, rules, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(plan.Changes) != 6 || len(plan.Errors) > 0 {
			b.Fatalf("%d changes (%v), want the 3 apps' main and preload files", len(plan.Changes), plan.Errors)
		}
	}
}
