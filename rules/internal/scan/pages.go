package scan

import (
	"sort"

	"github.com/isolate-dev/isolate/project"
)

// PagePaths returns the paths of the HTML pages in sorted order.
func PagePaths(facts *project.Facts) []string {
	paths := make([]string, 0, len(facts.Pages))
	for p := range facts.Pages {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}
