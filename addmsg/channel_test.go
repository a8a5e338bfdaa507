package addmsg

import (
	"testing"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/scaffold"
)

func TestDefaultChannelFollowsTheApp(t *testing.T) {
	var sample []string
	for _, m := range scaffold.SampleBridge().Messages {
		sample = append(sample, m.Channel)
	}
	for _, c := range []struct {
		method   string
		kind     bridge.Kind
		existing []string
		want     string
	}{
		// A new app: app:get-versions, window:set-title, window:focus-changed.
		{"getUser", bridge.Invoke, sample, "app:get-user"},
		{"onFileSaved", bridge.Event, sample, "app:file-saved"},
		{"getURLFor", bridge.Invoke, sample, "app:get-url-for"},
		{"saveFile", bridge.Send, nil, "save-file"},
		{"saveFile", bridge.Send, []string{"load-prefs", "file-saved"}, "save-file"},
		{"saveFile", bridge.Send, []string{"LOAD_PREFS", "FILE_SAVED", "ping"}, "SAVE_FILE"},
		{"saveFile", bridge.Send, []string{"load_prefs"}, "save_file"},
		{"saveFile", bridge.Send, []string{"loadPrefs", "fileSaved"}, "saveFile"},
		{"saveFile", bridge.Send, []string{"prefs.load"}, "save.file"},
		{"list", bridge.Invoke, []string{"notes:list", "notes:save", "notes:saved"}, "notes:list"},
		{"getNote", bridge.Invoke, []string{"notes/list", "notes/save"}, "notes/get-note"},
		// No namespace when most channels have none.
		{"getNote", bridge.Invoke, []string{"notes:list", "save", "load-prefs"}, "get-note"},
		// The most common namespace when "app" is not one.
		{"getNote", bridge.Invoke, []string{"b:x", "a:y", "a:z"}, "a:get-note"},
		{"onReady", bridge.Event, nil, "ready"},
		{"online", bridge.Event, nil, "online"},
	} {
		if got := DefaultChannel(c.method, c.kind, c.existing); got != c.want {
			t.Errorf("%s (%s) with %v: %q, want %q", c.method, c.kind, c.existing, got, c.want)
		}
	}
}
