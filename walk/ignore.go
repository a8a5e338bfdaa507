package walk

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// ignorePattern is one gitignore pattern with what a path must contain for it to match at all: go-git matches
// every pattern against every path with filepath.Match, and a monorepo's .gitignore lists hundreds of generated
// files, so most of a walk went into patterns that could never match. The key only rejects; go-git decides.
type ignorePattern struct {
	gitignore.Pattern
	domain int // path components of the directory whose .gitignore holds it
	// prefix are the literal path components a pattern with a slash begins with (packages/app/gen.js, /build),
	// which the path must have right after the domain; name is the literal name a pattern without one matches
	// anywhere after the domain (node_modules, .DS_Store). Both are empty when the pattern begins with a wildcard.
	prefix []string
	name   string
}

func parseIgnorePattern(line string, domain []string) ignorePattern {
	ip := ignorePattern{Pattern: gitignore.ParsePattern(line, domain), domain: len(domain)}
	// The same steps as gitignore.ParsePattern, to find the components it matches.
	p := strings.TrimPrefix(line, "!")
	if !strings.HasSuffix(p, "\\ ") {
		p = strings.TrimRight(p, " ")
	}
	p = strings.TrimSuffix(p, "/")
	literal := func(s string) bool { return s != "" && !strings.ContainsAny(s, `*?[\`) }
	if !strings.Contains(p, "/") {
		if literal(p) {
			ip.name = p
		}
		return ip
	}
	for _, c := range strings.Split(p, "/") {
		if c == "" {
			continue // a leading slash anchors, as every pattern with a slash is anchored
		}
		if !literal(c) {
			break
		}
		ip.prefix = append(ip.prefix, c)
	}
	return ip
}

// could reports whether the pattern can match path: false only when the path lacks the pattern's literal
// components.
func (ip *ignorePattern) could(path []string) bool {
	switch {
	case ip.name != "":
		if len(path) > ip.domain {
			for _, c := range path[ip.domain:] {
				if c == ip.name {
					return true
				}
			}
		}
		return false
	case len(ip.prefix) > 0:
		if len(path)-ip.domain < len(ip.prefix) {
			return false
		}
		for i, c := range ip.prefix {
			if path[ip.domain+i] != c {
				return false
			}
		}
	}
	return true
}

// ignoreMatcher is gitignore.NewMatcher's matcher (the last pattern that matches decides) over keyed patterns.
type ignoreMatcher []ignorePattern

func (m ignoreMatcher) Match(path []string, isDir bool) bool {
	for i := len(m) - 1; i >= 0; i-- {
		if !m[i].could(path) {
			continue
		}
		if r := m[i].Match(path, isDir); r != gitignore.NoMatch {
			return r == gitignore.Exclude
		}
	}
	return false
}

// readIgnoreFile reads one .gitignore (or info/exclude) file whose patterns apply below domain, the directory's
// path components from the repository's top. A missing or unreadable file has no patterns: git ignores it too.
//
// The file goes through ReadManifest's gate (links inside gateRoot only, regular files, a size cap); problem, when
// not nil, hears why a file that is there was not read.
func readIgnoreFile(gateRoot, file string, domain []string, problem func(error)) []ignorePattern {
	data, err := ReadManifest(gateRoot, file, MaxManifestSize)
	if err != nil {
		if problem != nil && IsManifestRefusal(err) {
			problem(err)
		}
		return nil
	}
	var ps []ignorePattern
	for _, line := range bytes.Split(data, []byte("\n")) {
		s := strings.TrimSuffix(string(line), "\r")
		if s == "" || strings.HasPrefix(s, "#") || strings.TrimSpace(s) == "" {
			continue
		}
		ps = append(ps, parseIgnorePattern(s, domain))
	}
	return ps
}

// ancestorPatterns finds the git repository root holds (the nearest parent with a .git entry) and returns root's
// path components from the repository's top together with the patterns that apply to root from above: the
// repository's info/exclude and the .gitignore files of the directories between the top and root. Outside a
// repository there are none, and root's own .gitignore files still apply: they say what is generated even in an
// unpacked archive. top is the repository's top ("" outside one).
func ancestorPatterns(root string) (top string, prefix []string, ps []ignorePattern) {
	top = root
	for {
		if _, err := os.Lstat(filepath.Join(top, ".git")); err == nil {
			break
		}
		parent := filepath.Dir(top)
		if parent == top {
			return "", nil, nil
		}
		top = parent
	}
	rel, err := filepath.Rel(top, root)
	if err != nil {
		return "", nil, nil
	}
	if rel != "." {
		prefix = strings.Split(filepath.ToSlash(rel), "/")
	}
	ps = readIgnoreFile(top, filepath.Join(top, ".git", "info", "exclude"), nil, nil)
	for i := 0; i < len(prefix); i++ {
		dir := filepath.Join(append([]string{top}, prefix[:i]...)...)
		ps = append(ps, readIgnoreFile(top, filepath.Join(dir, ".gitignore"), prefix[:i], nil)...)
	}
	return top, prefix, ps
}
