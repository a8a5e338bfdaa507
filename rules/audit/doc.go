// Package audit holds the check-only rules of `isolate check`, one rule per file, which report and never rewrite:
// webPreferences, the main process, the preload's exposures, pages, packaging and the Electron version, each
// linked to the item of Electron's security checklist it comes from. Rules that `isolate migrate` also runs, with
// or without fixes, are in packages exposure, ipc and windows.
//
// check_common.go holds what several audit rules share (checklist links, per-window settings, defaults that
// depend on the Electron version); a helper used by one rule stays in that rule's file.
package audit
