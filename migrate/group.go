package migrate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/isolate-dev/isolate/project"
)

// Group is a set of changes that must land together or not at all: a window's flags, every preload it loads (and
// every other window that loads those preloads), the page code of those windows and the files one fix spans.
// Writing half of a group breaks the app: a window isolated while its preload still assigns to window loses the
// API, and a preload rewritten to contextBridge under a window that stays unisolated throws.
type Group struct {
	// Name says which windows and files the group holds, for prompts, summaries and errors.
	Name    string
	Changes []*Change
	// Held, when not empty, says why the group is not written at all (a consistency pass found the rewritten
	// app would not work, say); its changes are shown but never applied.
	Held string
}

// Paths are the group's files, sorted.
func (g *Group) Paths() []string {
	out := make([]string, len(g.Changes))
	for i, c := range g.Changes {
		out[i] = c.Path
	}
	return out
}

// groupChanges joins changes into groups: the files one fix edits, a window's file with its preload's, and page
// code with the windows that may load it (every window, when isolate does not know which pages a window loads).
func groupChanges(facts *project.Facts, diags []Diagnostic, changes []*Change) []*Group {
	index := map[string]int{}
	for i, c := range changes {
		index[c.Path] = i
	}
	parent := make([]int, len(changes))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b string) {
		i, ok1 := index[a]
		j, ok2 := index[b]
		if ok1 && ok2 {
			if ri, rj := find(i), find(j); ri != rj {
				parent[ri] = rj
			}
		}
	}
	for _, d := range diags {
		if !d.Fixed || d.Fix == nil {
			continue
		}
		for _, e := range d.Fix.Edits[1:] {
			union(d.Fix.Edits[0].Path, e.Path)
		}
	}
	// label names a group after the windows in it.
	label := map[string][]string{}
	if facts != nil {
		for _, w := range facts.Windows {
			if w.Preload != "" {
				union(w.File, w.Preload)
			}
			var pages []string
			if w.PagesKnown {
				pages = w.Pages
			} else {
				for p := range facts.Pages {
					pages = append(pages, p)
				}
				sort.Strings(pages)
			}
			for _, p := range pages {
				if page := facts.Pages[p]; page != nil {
					for _, code := range page.Code {
						union(w.File, code)
						if w.Preload != "" {
							union(w.Preload, code)
						}
					}
					for _, wp := range page.WebviewPreloads {
						union(w.File, wp)
					}
				}
			}
			where := w.File
			if f := facts.Files[w.File]; f != nil && w.New != nil {
				where = fmt.Sprintf("%s:%d", w.File, f.Pos(w.New.Start).Line)
			}
			label[w.File] = append(label[w.File], where)
			if w.Preload != "" && w.Preload != w.File {
				label[w.Preload] = append(label[w.Preload], where)
			}
		}
	}
	byRoot := map[int]*Group{}
	var groups []*Group
	for i, c := range changes {
		r := find(i)
		g := byRoot[r]
		if g == nil {
			g = &Group{}
			byRoot[r] = g
			groups = append(groups, g)
		}
		g.Changes = append(g.Changes, c)
	}
	for _, g := range groups {
		sort.Slice(g.Changes, func(i, j int) bool { return g.Changes[i].Path < g.Changes[j].Path })
		var windows []string
		seen := map[string]bool{}
		for _, c := range g.Changes {
			for _, w := range label[c.Path] {
				if !seen[w] {
					seen[w] = true
					windows = append(windows, w)
				}
			}
		}
		sort.Strings(windows)
		g.Name = groupName(windows, g.Paths())
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i].Changes[0].Path < groups[j].Changes[0].Path })
	return groups
}

// groupName is "the window at main.js:12 (main.js, preload.js)", or the files alone for a group with no window.
func groupName(windows, paths []string) string {
	files := paths
	if len(files) > 4 {
		files = append(append([]string{}, files[:3]...), fmt.Sprintf("%d more", len(paths)-3))
	}
	list := strings.Join(files, ", ")
	switch len(windows) {
	case 0:
		return list
	case 1:
		return fmt.Sprintf("the window at %s (%s)", windows[0], list)
	case 2:
		return fmt.Sprintf("the windows at %s and %s (%s)", windows[0], windows[1], list)
	default:
		return fmt.Sprintf("the windows at %s and %d more (%s)", windows[0], len(windows)-1, list)
	}
}
