// Package prompt asks the user questions. Commands depend on the Prompter interface, never on a terminal library,
// so tests script the answers and an unattended run (no terminal on stdin, or CI=true) never blocks: it takes the
// default of every question.
package prompt

import (
	"errors"
	"fmt"
	"os"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/terminal"

	"github.com/isolate-dev/isolate/ui"
)

// Prompter asks questions. Every question has a default, which an unattended prompter returns without asking.
type Prompter interface {
	Input(question, def string) (string, error)
	// Select returns the index of the chosen option.
	Select(question string, options []string, def int) (int, error)
	Confirm(question string, def bool) (bool, error)
}

// ErrInterrupted is returned when the user cancels a question (Ctrl-C).
var ErrInterrupted = errors.New("interrupted")

// New returns a prompter that asks on the terminal when a person can answer, and one that takes every default
// otherwise.
func New(s *ui.Streams) Prompter {
	if !s.CanPrompt() {
		return Defaults{}
	}
	in, okIn := s.In.(*os.File)
	out, okOut := s.Out.(*os.File)
	if !okIn || !okOut {
		return Defaults{}
	}
	return &terminalPrompter{opt: survey.WithStdio(in, out, s.Err)}
}

// Defaults answers every question with its default.
type Defaults struct{}

func (Defaults) Input(_, def string) (string, error)               { return def, nil }
func (Defaults) Select(_ string, _ []string, def int) (int, error) { return def, nil }
func (Defaults) Confirm(_ string, def bool) (bool, error)          { return def, nil }

type terminalPrompter struct{ opt survey.AskOpt }

func (p *terminalPrompter) Input(question, def string) (string, error) {
	var answer string
	err := survey.AskOne(&survey.Input{Message: question, Default: def}, &answer, p.opt)
	return answer, translate(err)
}

func (p *terminalPrompter) Select(question string, options []string, def int) (int, error) {
	var answer int
	q := &survey.Select{Message: question, Options: options}
	if def >= 0 && def < len(options) {
		q.Default = options[def]
	}
	err := survey.AskOne(q, &answer, p.opt)
	return answer, translate(err)
}

func (p *terminalPrompter) Confirm(question string, def bool) (bool, error) {
	var answer bool
	err := survey.AskOne(&survey.Confirm{Message: question, Default: def}, &answer, p.opt)
	return answer, translate(err)
}

func translate(err error) error {
	if errors.Is(err, terminal.InterruptErr) {
		return ErrInterrupted
	}
	return err
}

// Scripted answers questions from a list, in order, and records the questions asked. It is for tests: a question
// beyond the script is an error, so a test notices a prompt it did not expect.
type Scripted struct {
	// Answers holds one value per expected question: a string for Input, an int (index) or string (option text)
	// for Select, a bool for Confirm, or nil to take the default.
	Answers []any
	Asked   []string
}

func (p *Scripted) next(question string) (any, error) {
	p.Asked = append(p.Asked, question)
	if len(p.Asked) > len(p.Answers) {
		return nil, fmt.Errorf("unexpected question %q", question)
	}
	return p.Answers[len(p.Asked)-1], nil
}

func (p *Scripted) Input(question, def string) (string, error) {
	a, err := p.next(question)
	if err != nil || a == nil {
		return def, err
	}
	s, ok := a.(string)
	if !ok {
		return "", fmt.Errorf("question %q: scripted answer %v is not a string", question, a)
	}
	return s, nil
}

func (p *Scripted) Select(question string, options []string, def int) (int, error) {
	a, err := p.next(question)
	if err != nil || a == nil {
		return def, err
	}
	switch v := a.(type) {
	case int:
		if v >= 0 && v < len(options) {
			return v, nil
		}
	case string:
		for i, o := range options {
			if o == v {
				return i, nil
			}
		}
	}
	return 0, fmt.Errorf("question %q: scripted answer %v is not one of %q", question, a, options)
}

func (p *Scripted) Confirm(question string, def bool) (bool, error) {
	a, err := p.next(question)
	if err != nil || a == nil {
		return def, err
	}
	b, ok := a.(bool)
	if !ok {
		return false, fmt.Errorf("question %q: scripted answer %v is not a bool", question, a)
	}
	return b, nil
}
