// Package ui holds the process's standard streams and what isolate knows about them: which are terminals, whether
// colour is wanted, and whether a person is there to answer questions. Commands take a *Streams instead of touching
// os.Stdout so that tests can run them against buffers. Escape and Quote make text from the app's files safe to
// print on a terminal.
package ui

import (
	"bytes"
	"io"
	"os"
	"strings"

	"github.com/fatih/color"
	"github.com/mattn/go-isatty"
)

// Streams are the three standard streams of one run of isolate.
type Streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer

	// InTTY, OutTTY and ErrTTY say whether the stream is a terminal.
	InTTY, OutTTY, ErrTTY bool
	// CI is true when the CI environment variable says the run is unattended.
	CI bool
	// NoColor is true when the user asked for no colour (NO_COLOR, TERM=dumb).
	NoColor bool
}

// System returns the process's own streams.
func System() *Streams {
	return &Streams{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InTTY:   isTerminal(os.Stdin),
		OutTTY:  isTerminal(os.Stdout),
		ErrTTY:  isTerminal(os.Stderr),
		CI:      isCI(os.Getenv("CI")),
		NoColor: os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb",
	}
}

// Test returns streams that read stdin from the given text and write into the returned buffers. None of them is a
// terminal, so nothing prompts and nothing is coloured.
func Test(stdin string) (s *Streams, stdout, stderr *bytes.Buffer) {
	stdout, stderr = new(bytes.Buffer), new(bytes.Buffer)
	return &Streams{In: strings.NewReader(stdin), Out: stdout, Err: stderr}, stdout, stderr
}

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// isCI follows the convention of CI services: CI set to anything but an explicit false means unattended.
func isCI(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "false", "no":
		return false
	}
	return true
}

// CanPrompt reports whether a person can be asked questions: stdin and stdout are terminals and the run is not CI.
func (s *Streams) CanPrompt() bool { return s.InTTY && s.OutTTY && !s.CI }

// ShowProgress reports whether transient progress may be drawn on stderr.
func (s *Streams) ShowProgress() bool { return s.ErrTTY && !s.CI }

// Palette returns colour functions for stdout (err false) or stderr (err true); they return the text unchanged when
// that stream is not a terminal or the user asked for no colour.
func (s *Streams) Palette(err bool) Palette {
	on := s.OutTTY
	if err {
		on = s.ErrTTY
	}
	on = on && !s.NoColor
	mk := func(attrs ...color.Attribute) func(string) string {
		c := color.New(attrs...)
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return func(text string) string { return c.Sprint(text) }
	}
	return Palette{
		Bold:    mk(color.Bold),
		Faint:   mk(color.Faint),
		Red:     mk(color.FgRed),
		Green:   mk(color.FgGreen),
		Yellow:  mk(color.FgYellow),
		Cyan:    mk(color.FgCyan),
		Enabled: on,
	}
}

// Palette is a set of colouring functions for one stream.
type Palette struct {
	Bold, Faint, Red, Green, Yellow, Cyan func(string) string
	// Enabled says whether the functions add escape codes.
	Enabled bool
}
