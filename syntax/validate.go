package syntax

import (
	"fmt"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Problem is one error esbuild found, at a human position.
type Problem struct {
	Pos     Position
	Message string
}

func (p Problem) String() string { return fmt.Sprintf("%s: %s", p.Pos, p.Message) }

// Validate checks src with esbuild's parser, which is stricter than tree-sitter's error-tolerant one (it rejects
// duplicate declarations, for one). It returns nil when the source is valid. Plain .js files use the JSX loader,
// since Electron renderers often hold JSX in .js files.
func Validate(filePath string, src []byte) []Problem {
	lang, ok := LangOf(filePath)
	if !ok {
		return []Problem{{Message: "not a JavaScript or TypeScript file"}}
	}
	loader := api.LoaderJSX
	switch lang {
	case TS:
		loader = api.LoaderTS
		if strings.HasSuffix(strings.ToLower(filePath), ".d.ts") {
			// esbuild ignores declaration-only syntax it cannot emit; TS is still the right loader to parse it.
			loader = api.LoaderTS
		}
	case TSX:
		loader = api.LoaderTSX
	}
	res := api.Transform(string(src), api.TransformOptions{
		Loader:     loader,
		Sourcefile: filePath,
		LogLevel:   api.LogLevelSilent,
	})
	if len(res.Errors) == 0 {
		return nil
	}
	out := make([]Problem, 0, len(res.Errors))
	for _, m := range res.Errors {
		p := Problem{Message: m.Text}
		if m.Location != nil {
			// esbuild counts columns in bytes from 0; convert through the line's text to characters from 1.
			line := m.Location.LineText
			col := m.Location.Column
			if col > len(line) {
				col = len(line)
			}
			p.Pos = Position{Line: m.Location.Line, Column: len([]rune(line[:col])) + 1}
		}
		out = append(out, p)
	}
	return out
}
