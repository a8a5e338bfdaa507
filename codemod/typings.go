package codemod

import "github.com/isolate-dev/isolate/project"

// apiShape is what the page receives for a key, as far as the preload's literals tell.
type apiShape struct{}

func (p *preloadPlan) typings(facts *project.Facts, kp *keyPlan) {}
