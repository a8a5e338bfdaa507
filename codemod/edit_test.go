package codemod

import (
	"errors"
	"testing"
)

func TestApplyKeepsBytesOutsideEdits(t *testing.T) {
	src := []byte("a\r\nwindow.x = 1 // keep\r\nb")
	got, err := Apply(src, []Edit{
		{Start: 3, End: 15, New: "contextBridge.exposeInMainWorld('x', 1)"},
		{Start: 0, End: 0, New: "const { contextBridge } = require('electron')\r\n"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "const { contextBridge } = require('electron')\r\na\r\ncontextBridge.exposeInMainWorld('x', 1) // keep\r\nb"
	if string(got) != want {
		t.Fatalf("got %q", got)
	}
}

func TestMergeDropsDuplicatesAndRejectsOverlaps(t *testing.T) {
	dup := Edit{Path: "p.js", Start: 5, End: 5, New: "x"}
	merged, err := Merge([]Edit{dup, {Path: "p.js", Start: 1, End: 2, New: "y"}, dup})
	if err != nil || len(merged) != 2 || merged[0].Start != 1 {
		t.Fatalf("merged %v, err %v", merged, err)
	}
	for _, pair := range [][2]Edit{
		{{Start: 0, End: 5}, {Start: 4, End: 8}},
		{{Start: 2, End: 6}, {Start: 2, End: 3}},
		{{Start: 0, End: 10}, {Start: 3, End: 3}},
	} {
		_, err := Merge(pair[:])
		var oe *OverlapError
		if !errors.As(err, &oe) {
			t.Errorf("%v: err %v, want overlap", pair, err)
		}
	}
	// Insertions at the edge of a replacement do not overlap it.
	if _, err := Merge([]Edit{{Start: 3, End: 6, New: "r"}, {Start: 3, End: 3, New: "i"}, {Start: 6, End: 6, New: "j"}}); err != nil {
		t.Fatal(err)
	}
	got, _ := Apply([]byte("0123456789"), []Edit{{Start: 3, End: 6, New: "r"}, {Start: 3, End: 3, New: "i"}, {Start: 6, End: 6, New: "j"}})
	if string(got) != "012irj6789" {
		t.Fatalf("got %q", got)
	}
}
