// Package codemod is isolate's rule engine, with no rule in it: what a rule is (Rule, Pass, Diagnostic, Fix, Edit),
// the registry the rule packages add to, Run, which runs rules over a project's facts on all cores, and the edit
// toolkit every rewrite writes with (applying and merging edits; source style, so inserted code matches the code
// around it; removing statements and object members with their comments), and Cached, the per-file memo that
// forgets a file once it is collected.
//
// It defines rules the way golang.org/x/tools/go/analysis defines analyzers: a rule has an ID, a one-line doc and
// a default severity, runs over one parsed file with the project's facts, and reports diagnostics. A diagnostic
// may carry a fix made of byte-range text edits, never a reprinted file. `isolate check` reports the diagnostics;
// `isolate migrate` applies the fixes. There is one engine for both. The rules themselves live under rules/.
package codemod
