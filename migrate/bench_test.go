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

// BenchmarkComputeTree times the same dry run on the tree $ISOLATE_BENCH_TREE names (a real app checked out
// outside the repository), so that a profile can be taken on it:
//
//	ISOLATE_BENCH_TREE=~/apps/insomnia go test ./migrate -run - -bench ComputeTree -cpuprofile cpu.out
func BenchmarkComputeTree(b *testing.B) {
	root := os.Getenv("ISOLATE_BENCH_TREE")
	if root == "" {
		b.Skip("ISOLATE_BENCH_TREE names no tree")
	}
	rules := codemod.Rules(codemod.ForMigrate)
	for b.Loop() {
		if _, _, err := Compute(root, rules, nil); err != nil {
			b.Fatal(err)
		}
	}
}
