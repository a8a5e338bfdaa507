// Package templates holds the files of a new app that are not generated from the bridge contract, embedded into
// the isolate binary so scaffolding needs no network. files/ has one layer per variant, applied in order:
// common, then the language (ts or js), then language-ui (ts-vanilla, js-react, …); a later layer replaces a file
// of the same path. A file whose name ends in .tmpl is a text/template with [[ ]] delimiters (the sources are full
// of {{ }}); the scaffold package renders it and drops the suffix. "gitignore", "prettierrc.json",
// "prettierignore" and the "github" directory get their leading dot back, because npm and some archivers drop
// dotfiles.
package templates

import (
	"embed"
	"io/fs"
)

//go:embed all:files
var files embed.FS

// FS returns the template tree, rooted at the layer directories.
func FS() fs.FS {
	sub, err := fs.Sub(files, "files")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}

// Layers returns the layer directories for a language ("ts", "js") and a UI ("vanilla", "react"), in the order
// they apply.
func Layers(lang, ui string) []string {
	return []string{"common", lang, lang + "-" + ui}
}
