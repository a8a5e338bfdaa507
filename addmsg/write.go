package addmsg

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/isolate-dev/isolate/migrate"
)

// Write writes every change of the plan, or none: a message lives in three or four files that must agree, so
// before writing anything it checks that no file changed since the plan was computed. Each write is the
// migrate plan's (atomic, mode kept, never outside the root, never over a file that changed meanwhile); should one
// still fail, the error names the files written before it.
func (r *Result) Write() error {
	for _, c := range r.Plan.Changes {
		current, err := os.ReadFile(filepath.Join(r.Plan.Root, filepath.FromSlash(c.Path)))
		if err != nil {
			return &migrate.WriteError{Path: c.Path, Reason: fmt.Sprintf("cannot read it any more (%v); nothing was written", err)}
		}
		if !bytes.Equal(current, c.Old) {
			return &migrate.WriteError{Path: c.Path, Reason: "changed since the diff was computed; nothing was written. Run isolate add again for a fresh diff"}
		}
	}
	var written []string
	for _, c := range r.Plan.Changes {
		if err := r.Plan.Apply(c); err != nil {
			if len(written) > 0 {
				return fmt.Errorf("%v (already written: %v; the app is half-changed: revert those or finish by hand)", err, written)
			}
			return err
		}
		written = append(written, c.Path)
	}
	return nil
}
