package codemod

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestScratchGen(t *testing.T) {
	for _, dir := range strings.Fields(os.Getenv("APPS")) {
		facts := loadApp(t, dir)
		fmt.Println("#####", dir)
		for _, p := range facts.Paths() {
			fmt.Println("FILE", p, facts.Files[p].Role, facts.Files[p].Why)
		}
		for _, n := range facts.Notes {
			fmt.Println("NOTE", n)
		}
		for _, d := range Run(Rules(ForCheck|ForMigrate), facts) {
			fmt.Println(d)
		}
	}
}
