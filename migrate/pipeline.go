package migrate

import (
	"strings"
	"sync/atomic"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/exposure"
	"github.com/isolate-dev/isolate/walk"

	// A migration runs the registered rules; linking them here registers them for every caller.
	_ "github.com/isolate-dev/isolate/rules"
)

// Progress is where Compute tells how far it got, for a caller that draws progress from another goroutine.
type Progress struct {
	// Stage is the current step: "scanning", "reading", "checking".
	Stage atomic.Value
	// Done counts files read out of Total files listed (Total is 0 until the walk is over).
	Done, Total atomic.Int64
}

// Compute runs the whole pipeline on root: walk the tree, load the facts, run the rules, plan the changes. The
// problems are those of the walk and the load (files that could not be read or parsed); an error means root
// itself could not be walked. progress may be nil.
func Compute(root string, rules []*codemod.Rule, progress *Progress) (*Plan, []walk.Problem, error) {
	if progress == nil {
		progress = &Progress{}
	}
	progress.Stage.Store("scanning")
	res, err := walk.Walk(root)
	if err != nil {
		return nil, nil, err
	}
	progress.Total.Store(int64(len(res.Files)))
	progress.Stage.Store("reading")
	facts, problems := project.LoadCounting(res.Root, res.Files, &progress.Done)
	progress.Stage.Store("checking")
	plan := NewPlan(facts, codemod.Run(rules, facts))
	plan.RenderDiffs(res.Prefix)
	plan.Notes = facts.Notes
	if keys := exposure.UntypedKeys(facts); len(keys) > 0 && len(plan.Changes) > 0 {
		plan.Notes = append(plan.Notes, "the app declares no Window typings for window."+strings.Join(keys, ", window.")+
			": once the changes are applied, run isolate types to declare them from the rewritten preload")
	}
	problems = append(res.Problems, problems...)
	sortProblems(problems)
	return plan, problems, nil
}
