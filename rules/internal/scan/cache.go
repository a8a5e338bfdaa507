package scan

import (
	"runtime"
	"sort"
	"sync"
	"weak"

	"github.com/isolate-dev/isolate/project"
)

// Cached returns the value computed for key, computing it once. The value must not point at key, or the entry
// would keep it alive.
func Cached[K any, V any](m *sync.Map, key *K, compute func() V) V {
	wk := weak.Make(key)
	if v, ok := m.Load(wk); ok {
		return v.(V)
	}
	v, loaded := m.LoadOrStore(wk, compute())
	if !loaded {
		runtime.AddCleanup(key, func(k weak.Pointer[K]) { m.Delete(k) }, wk)
	}
	return v.(V)
}

// PagePaths returns the paths of the HTML pages in sorted order.
func PagePaths(facts *project.Facts) []string {
	paths := make([]string, 0, len(facts.Pages))
	for p := range facts.Pages {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}
