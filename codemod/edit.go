package codemod

import (
	"fmt"
	"sort"
)

// OverlapError reports two edits of one file whose ranges overlap. Rules are written so this never happens; when
// it does, it is a bug in isolate and the file is left untouched.
type OverlapError struct {
	Path string
	A, B Edit
}

func (e *OverlapError) Error() string {
	return fmt.Sprintf("%s: overlapping edits [%d,%d) and [%d,%d)", e.Path, e.A.Start, e.A.End, e.B.Start, e.B.End)
}

// ByFile groups the edits of fixes by file path, in the order given.
func ByFile(fixes []*Fix) map[string][]Edit {
	out := map[string][]Edit{}
	for _, f := range fixes {
		for _, e := range f.Edits {
			out[e.Path] = append(out[e.Path], e)
		}
	}
	return out
}

// Merge sorts the edits of one file by position and removes exact duplicates (two rules may both add the same
// import). Insertions at the same offset keep the order they were given in. Overlapping edits are an error.
func Merge(edits []Edit) ([]Edit, error) {
	sorted := append([]Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Start != sorted[j].Start {
			return sorted[i].Start < sorted[j].Start
		}
		// At one offset, pure insertions go before a replacement that starts there.
		return sorted[i].End-sorted[i].Start < sorted[j].End-sorted[j].Start
	})
	out := sorted[:0:0]
	for _, e := range sorted {
		if e.Start < 0 || e.End < e.Start {
			return nil, fmt.Errorf("%s: invalid edit range [%d,%d)", e.Path, e.Start, e.End)
		}
		if n := len(out); n > 0 {
			last := out[n-1]
			if last == e {
				continue
			}
			if e.Start < last.End || (e.Start == last.Start && e.Start < e.End && last.Start < last.End) {
				return nil, &OverlapError{Path: e.Path, A: last, B: e}
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// Apply returns src with the edits applied. The edits are merged first; bytes outside every edit's range are
// copied unchanged.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	merged, err := Merge(edits)
	if err != nil {
		return nil, err
	}
	var out []byte
	prev := 0
	for _, e := range merged {
		if e.Create {
			if len(merged) != 1 || len(src) != 0 {
				return nil, fmt.Errorf("%s: a file creation cannot be combined with other edits", e.Path)
			}
			return []byte(e.New), nil
		}
		if e.End > len(src) {
			return nil, fmt.Errorf("%s: edit [%d,%d) beyond the end of the file (%d bytes)", e.Path, e.Start, e.End, len(src))
		}
		out = append(out, src[prev:e.Start]...)
		out = append(out, e.New...)
		prev = e.End
	}
	out = append(out, src[prev:]...)
	return out, nil
}
