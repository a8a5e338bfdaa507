// Package consistency checks that a rewritten app still holds together, across the files the rules rewrote one
// concern at a time: the bridge members each window's page code uses are still exposed, the values they return
// survive the bridge, the APIs the migration writes exist in the app's Electron, and declared bridge types match.
// The migrate driver runs it before and after the rewrite (still-works); it rewrites nothing itself.
package consistency
