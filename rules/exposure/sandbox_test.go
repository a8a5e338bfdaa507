package exposure

import (
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/syntax"
)

func TestSandboxOffenses(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []string
	}{
		{"const { ipcRenderer } = require('electron')\nconst { EventEmitter } = require('events')\nconst u = require('node:url')\nsetImmediate(() => {})\nconst b = Buffer.from('x')\nconst e = process.env.HOME + process.platform\nprocess.once('loaded', () => {})\n", nil},
		{"const p = require('path')\nconst l = require('./lib')\nconst x = require('lodash')\nconst d = __dirname\nprocess.cwd()\nrequire.resolve('x')\n",
			[]string{"requires path", "requires ./lib", "requires the package lodash", "uses __dirname", "uses process.cwd", "uses require.resolve"}},
	} {
		f, _ := syntax.Parse("preload.js", []byte(c.src))
		pf := &project.File{File: f, Role: project.Preload}
		var got []string
		for _, o := range sandboxOffenses(&project.Facts{}, pf, false) {
			got = append(got, o.what)
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: got %q, want %q", c.src, got, c.want)
		}
	}
}
