package addmsg

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/isolate-dev/isolate/syntax"
)

// region is the code between a `// #region isolate:<name>` comment and its `// #endregion isolate:<name>`. Inner
// covers whole lines: from the line after the opening marker to the start of the closing marker's line.
type region struct {
	name       string
	innerStart int
	innerEnd   int
}

const (
	regionOpen  = "#region isolate:"
	regionClose = "#endregion isolate:"
)

// findRegions returns the isolate regions of a file by name. The markers are found among the file's comments,
// so text that only looks like a marker (inside a string, say) is not one.
func findRegions(f *syntax.File) (map[string]region, error) {
	out := map[string]region{}
	open := map[string]*syntax.Node{}
	for _, c := range f.Root.Find("comment") {
		text := strings.TrimSpace(strings.TrimPrefix(f.Text(c), "//"))
		if !strings.HasPrefix(f.Text(c), "//") {
			continue
		}
		if name, ok := strings.CutPrefix(text, regionOpen); ok {
			if _, dup := out[name]; dup || open[name] != nil {
				return nil, fmt.Errorf("%s:%s: region isolate:%s opens twice", f.Path, f.Pos(c.Start), name)
			}
			open[name] = c
			continue
		}
		if name, ok := strings.CutPrefix(text, regionClose); ok {
			start := open[name]
			if start == nil {
				return nil, fmt.Errorf("%s:%s: region isolate:%s closes without opening", f.Path, f.Pos(c.Start), name)
			}
			delete(open, name)
			innerStart := lineEnd(f.Src, start.End)
			out[name] = region{name: name, innerStart: innerStart, innerEnd: max(innerStart, f.LineStart(c.Start))}
		}
	}
	for name, c := range open {
		return nil, fmt.Errorf("%s:%s: region isolate:%s is never closed", f.Path, f.Pos(c.Start), name)
	}
	return out, nil
}

// lineEnd returns the offset just past the line ending after off (or the end of src).
func lineEnd(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// inner returns a region's text with LF line endings, so regions of files with different line endings compare.
func (r region) inner(src []byte) string {
	return strings.ReplaceAll(string(src[r.innerStart:r.innerEnd]), "\r\n", "\n")
}

// withEOL converts LF line endings to eol.
func withEOL(s, eol string) string {
	if eol == "\n" {
		return s
	}
	return strings.ReplaceAll(s, "\n", eol)
}
