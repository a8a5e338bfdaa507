package main

import (
	"github.com/isolate-dev/isolate/check"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/walk"
)

// loadForCheck runs the shared front of the pipeline, walk → project.Load, and turns what kept files from being
// read into report problems. files is the number of files the walk listed: every one was read, even those the
// prefilter found nothing in.
func loadForCheck(root string) (facts *project.Facts, problems []check.Problem, files int, err error) {
	res, err := walk.Walk(root)
	if err != nil {
		return nil, nil, 0, err
	}
	facts, loadProblems := project.Load(res.Root, res.Files)
	for _, p := range append(res.Problems, loadProblems...) {
		problems = append(problems, check.Problem{File: p.Path, Line: p.Pos.Line, Column: p.Pos.Column,
			Message: p.Message})
	}
	return facts, problems, len(res.Files), nil
}
