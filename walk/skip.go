package walk

import (
	"bytes"
	"path"
	"strings"

	"github.com/isolate-dev/isolate/syntax"
)

// skippedDirs are directories that never hold an app's own source, whatever .gitignore says: dependencies, version
// control, tool caches and the output folders of the bundlers and packagers Electron apps use (electron-builder and
// electron-forge write dist/, out/, release/; forge's webpack and vite plugins .webpack/ and .vite/;
// vite-plugin-electron dist-electron/; vue-cli-plugin-electron-builder dist_electron/). build/ is not among them:
// electron-builder keeps its resources and signing hooks there, in git; a generated build/ is gitignored, and the
// minified check catches bundles left in it.
var skippedDirs = map[string]bool{
	"node_modules": true, "bower_components": true, "jspm_packages": true, ".yarn": true, ".pnpm-store": true,
	".git": true, ".hg": true, ".svn": true,
	"dist": true, "out": true, "release": true, "dist-electron": true, "dist_electron": true,
	".webpack": true, ".vite": true, ".next": true, ".nuxt": true, ".output": true, ".svelte-kit": true,
	".angular": true, ".parcel-cache": true, ".cache": true, ".turbo": true, ".nx": true,
	"coverage": true, ".nyc_output": true, "storybook-static": true,
}

// SkippedDir reports whether a directory of that name is skipped wherever it is: it holds dependencies, tool
// caches or build output, never an app's own source.
func SkippedDir(name string) bool { return skippedDirs[name] }

// manifests are the non-source files isolate reads: where the Electron version comes from.
var manifests = map[string]bool{
	"package.json": true, "package-lock.json": true, "npm-shrinkwrap.json": true, "yarn.lock": true,
	"pnpm-lock.yaml": true, "bun.lock": true,
}

// Wanted reports whether a file name is one isolate reads: JavaScript or TypeScript source that is not minified
// by name (*.min.js), an HTML page or template (.ejs, .hbs), a Vue or Svelte component, a package.json or a
// lockfile.
func Wanted(name string) bool {
	if manifests[name] {
		return true
	}
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".html", ".htm", ".ejs", ".hbs", ".handlebars", ".vue", ".svelte":
		// Pages, page templates and single-file components: where page code is loaded or written.
		return true
	}
	if _, ok := syntax.LangOf(name); !ok {
		return false
	}
	return !strings.HasSuffix(strings.ToLower(strings.TrimSuffix(name, path.Ext(name))), ".min")
}

// minifiedSample is how much of a file LooksMinified reads, and minifiedLine the average line length above which
// a file counts as minified: hand-written code averages under 50 bytes a line, bundles thousands.
const (
	minifiedSample = 16 << 10
	minifiedLine   = 300
)

// LooksMinified reports whether src looks like minified or bundled code rather than something a person wrote: its
// first 16 KiB average more than 300 bytes a line. Minified files are not named *.min.js often enough for the name
// alone to do; rewriting them would be wrong even when they match. Callers that read a file anyway call this on
// its bytes, so the check costs no extra read.
func LooksMinified(src []byte) bool {
	sample := src[:min(len(src), minifiedSample)]
	if len(sample) < 1024 {
		return false
	}
	lines := bytes.Count(sample, []byte("\n")) + 1
	return len(sample)/lines > minifiedLine
}
