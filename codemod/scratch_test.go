package codemod

import (
	"fmt"
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	dir := os.Getenv("APP")
	if dir == "" {
		t.Skip()
	}
	facts := loadApp(t, dir)
	for _, p := range facts.Paths() {
		fmt.Println("FILE", p, facts.Files[p].Role, facts.Files[p].Why)
	}
	ds, out := migrate(t, facts)
	for _, l := range diagLines(ds) {
		fmt.Println(l)
	}
	for _, p := range sortedKeys(out) {
		fmt.Printf("===== %s\n%s", p, out[p])
	}
}
