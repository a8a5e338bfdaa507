package knowledge

// OldestSupportedElectron is the oldest Electron major that still gets security fixes. Electron supports the latest
// three stable majors; in November 2026 the npm registry's newest releases are 45.4, 44.11 and 43.8 (all published
// 2026-11-19) while 42 had its last release in October, so 43 is the oldest supported. Raise it when a new major
// ships (about every eight weeks).
const OldestSupportedElectron = 43

// Electron versions whose defaults changed (docs/breaking-changes.md).
const (
	NodeIntegrationOffSince  = 5
	ContextIsolationOnSince  = 12
	RemoteOffSince           = 10
	RemoteRemovedSince       = 14
	SandboxOnByDefaultSince  = 20
	unknownVersionAssumption = "the app's Electron version is unknown (no electron in package.json or a lockfile), so keys it leaves out are written explicitly: older versions default them to the unsafe value"
)
