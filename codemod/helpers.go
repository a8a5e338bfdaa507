package codemod

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"weak"

	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

func Clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) > n {
		return string([]rune(s)[:n]) + "…"
	}
	return s
}

func Dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func UpperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func QuoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = "'" + s + "'"
	}
	return out
}

func CallArgsOf(call *syntax.Node) []*syntax.Node {
	if a := call.Child("arguments"); a != nil {
		var out []*syntax.Node
		for _, c := range a.NamedChildren() {
			if !c.Is("comment") {
				out = append(out, c)
			}
		}
		return out
	}
	return nil
}

func FileExists(facts *project.Facts, p string) bool {
	_, err := os.Lstat(filepath.Join(facts.Root, filepath.FromSlash(p)))
	return err == nil
}

// CreatesWindows reports whether a file creates windows: main code, whatever else imports it.
func CreatesWindows(facts *project.Facts, pf *project.File) bool {
	for _, w := range facts.Windows {
		if w.File == pf.Path {
			return true
		}
	}
	return false
}

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
