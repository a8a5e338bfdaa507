package webprefs

import (
	"testing"

	"github.com/isolate-dev/isolate/syntax"
)

func TestFeatures(t *testing.T) {
	got := Features(" nodeintegration=YES, contextIsolation = no ,width=300, sandbox", 0, 1, "x")
	want := []struct {
		key  string
		bool bool
	}{{"nodeIntegration", true}, {"contextIsolation", false}, {"width", true}, {"sandbox", true}}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i, w := range want {
		if got[i].Key != w.key || got[i].Value.Bool != w.bool || !got[i].Value.Known {
			t.Errorf("setting %d = %+v, want %s=%v", i, got[i], w.key, w.bool)
		}
	}
}

func TestInFileFindsEveryForm(t *testing.T) {
	src := `const prefs = { sandbox: false }
new BrowserWindow({ webPreferences: prefs })
win.webContents.setWindowOpenHandler(() => ({ action: 'allow', overrideBrowserWindowOptions: { webPreferences: { nodeIntegration: true } } }))
opts.webPreferences.contextIsolation = false
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e, wp, params) => { wp.webSecurity = false; Object.assign(wp, { allowRunningInsecureContent: true }) })
})
window.open('/help', '_blank', 'experimentalFeatures=yes')
`
	f, err := syntax.Parse("main.js", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range InFile(f) {
		got[s.Key] = s.Where
	}
	for key, where := range map[string]string{
		"sandbox": "webPreferences", "nodeIntegration": "webPreferences", "contextIsolation": "webPreferences",
		"webSecurity": "a will-attach-webview handler", "allowRunningInsecureContent": "a will-attach-webview handler",
		"experimentalFeatures": "window.open features",
	} {
		if got[key] != where {
			t.Errorf("%s: found in %q, want %q (all: %v)", key, got[key], where, got)
		}
	}
}
