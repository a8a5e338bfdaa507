package bridge

import (
	"reflect"
	"testing"
)

func TestMethodName(t *testing.T) {
	cases := []struct {
		channel string
		kind    Kind
		want    string
	}{
		{"save-file", Send, "saveFile"},
		{"load_prefs", Invoke, "loadPrefs"},
		{"app:get-version", Invoke, "appGetVersion"},
		{"settings/load", Invoke, "settingsLoad"},
		{"file-saved", Event, "onFileSaved"},
		{"SAVE_FILE", Send, "saveFile"},
		{"getUserData", Invoke, "getUserData"},
		{"update.available", Event, "onUpdateAvailable"},
		{"2fa-code", Invoke, "_2faCode"},
		{"---", Send, "message"},
		{"", Event, "onMessage"},
	}
	for _, c := range cases {
		if got := MethodName(c.channel, c.kind); got != c.want {
			t.Errorf("MethodName(%q, %s) = %q, want %q", c.channel, c.kind, got, c.want)
		}
	}
}

func TestAssignMethodsResolvesCollisionsByChannelOrder(t *testing.T) {
	msgs := []Message{
		{Channel: "save_file", Kind: Send},
		{Channel: "save-file", Kind: Send},
		{Channel: "load", Kind: Invoke},
		{Channel: "saveFile", Kind: Send},
	}
	collisions := AssignMethods(msgs)
	got := []string{msgs[0].Method, msgs[1].Method, msgs[2].Method, msgs[3].Method}
	// Channel order: "save-file" < "saveFile" < "save_file".
	want := []string{"saveFile3", "saveFile", "load", "saveFile2"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("methods %v, want %v", got, want)
	}
	if len(collisions) != 1 || collisions[0].Method != "saveFile" || len(collisions[0].Renamed) != 2 {
		t.Fatalf("collisions %+v", collisions)
	}

	// The result does not depend on discovery order.
	rev := []Message{msgs[3], msgs[2], msgs[1], msgs[0]}
	for i := range rev {
		rev[i].Method = ""
	}
	AssignMethods(rev)
	if rev[0].Method != "saveFile2" || rev[2].Method != "saveFile" || rev[3].Method != "saveFile3" {
		t.Fatalf("reversed order gave %+v", rev)
	}
}

func TestAssignMethodsKeepsExistingNames(t *testing.T) {
	msgs := []Message{{Method: "saveFile", Channel: "x", Kind: Send}, {Channel: "save-file", Kind: Send}}
	AssignMethods(msgs)
	if msgs[0].Method != "saveFile" || msgs[1].Method != "saveFile2" {
		t.Fatalf("got %+v", msgs)
	}
}
