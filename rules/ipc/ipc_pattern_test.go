package ipc

import (
	"testing"

	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

// A page call's run-time channel is matched by its fixed text; a channel with none, or one isolate does not copy,
// has no pattern, and a plain value is not a built channel at all (the allowlist covers it as before).
func TestChannelPattern(t *testing.T) {
	for _, c := range []struct {
		arg, want string
		built     bool
	}{
		{"`job.${id}.progress`", `^job\..*\.progress$`, true},
		{"'done:' + id", `^done:.*$`, true},
		{"prefix + '/' + id + '?x'", `^.*\/.*\?x$`, true},
		{"`${a}${b}`", "", true},
		{"`a\\n${b}`", "", true},
		{"a + b", "", false},
		{"channel", "", false},
		{"'fixed'", "", false},
	} {
		src := "f(" + c.arg + ")\n"
		sf, err := syntax.Parse("x.js", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		call := sf.Root.Find("call_expression")[0]
		arg := call.Child("arguments").NamedChildren()[0]
		got, built := channelPattern(&project.File{File: sf}, arg)
		if got != c.want || built != c.built {
			t.Errorf("channelPattern(%s) = %q, %v; want %q, %v", c.arg, got, built, c.want, c.built)
		}
	}
}
