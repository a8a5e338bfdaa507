package project

import (
	"path/filepath"
	"sort"
	"sync"

	"github.com/isolate-dev/isolate/walk"
)

// manifestGate reads package.json, tsconfig.json, jsconfig.json and lockfiles through walk.ReadManifest (no links
// out of the tree, no devices or FIFOs, a size cap) and remembers what it refused, for the load's problems.
type manifestGate struct {
	root    string
	mu      sync.Mutex
	refused map[string]string
}

func newManifestGate(root string) *manifestGate {
	return &manifestGate{root: root, refused: map[string]string{}}
}

// read returns the file at rel (slash path from the root) and whether it could be read; a refusal is recorded.
func (g *manifestGate) read(rel string, limit int64) ([]byte, bool) {
	data, err := walk.ReadManifest(g.root, filepath.Join(g.root, filepath.FromSlash(rel)), limit)
	if err != nil {
		if walk.IsManifestRefusal(err) {
			g.mu.Lock()
			g.refused[filepath.ToSlash(filepath.Clean(rel))] = err.(*walk.ManifestError).Reason
			g.mu.Unlock()
		}
		return nil, false
	}
	return data, true
}

// problems are the refusals, sorted by path.
func (g *manifestGate) problems() []walk.Problem {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make([]walk.Problem, 0, len(g.refused))
	for p, why := range g.refused {
		out = append(out, walk.Problem{Path: p, Message: why + "; isolate goes on as if it were absent"})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// refusal says why the gate refused rel, when it did (as opposed to rel being absent).
func (g *manifestGate) refusal(rel string) (string, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	why, ok := g.refused[filepath.ToSlash(filepath.Clean(rel))]
	return why, ok
}
