package walk

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// readIgnoreFile reads one .gitignore (or info/exclude) file whose patterns apply below domain, the directory's
// path components from the repository's top. A missing or unreadable file has no patterns: git ignores it too.
func readIgnoreFile(file string, domain []string) []gitignore.Pattern {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var ps []gitignore.Pattern
	for _, line := range bytes.Split(data, []byte("\n")) {
		s := strings.TrimSuffix(string(line), "\r")
		if s == "" || strings.HasPrefix(s, "#") || strings.TrimSpace(s) == "" {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(s, domain))
	}
	return ps
}

// ancestorPatterns finds the git repository root holds (the nearest parent with a .git entry) and returns root's
// path components from the repository's top together with the patterns that apply to root from above: the
// repository's info/exclude and the .gitignore files of the directories between the top and root. Outside a
// repository there are none, and root's own .gitignore files still apply: they say what is generated even in an
// unpacked archive.
func ancestorPatterns(root string) (prefix []string, ps []gitignore.Pattern) {
	top := root
	for {
		if _, err := os.Lstat(filepath.Join(top, ".git")); err == nil {
			break
		}
		parent := filepath.Dir(top)
		if parent == top {
			return nil, nil
		}
		top = parent
	}
	rel, err := filepath.Rel(top, root)
	if err != nil {
		return nil, nil
	}
	if rel != "." {
		prefix = strings.Split(filepath.ToSlash(rel), "/")
	}
	ps = readIgnoreFile(filepath.Join(top, ".git", "info", "exclude"), nil)
	for i := 0; i < len(prefix); i++ {
		dir := filepath.Join(append([]string{top}, prefix[:i]...)...)
		ps = append(ps, readIgnoreFile(filepath.Join(dir, ".gitignore"), prefix[:i])...)
	}
	return prefix, ps
}
