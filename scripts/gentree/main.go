// Command gentree writes the benchmark monorepo of internal/gentree: gentree <dir> [files].
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/isolate-dev/isolate/internal/gentree"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gentree <dir> [files]")
		os.Exit(2)
	}
	n := 20000
	if len(os.Args) > 2 {
		var err error
		if n, err = strconv.Atoi(os.Args[2]); err != nil || n < 1000 {
			fmt.Fprintln(os.Stderr, "gentree: files must be a number of at least 1000")
			os.Exit(2)
		}
	}
	st, err := gentree.Generate(os.Args[1], n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gentree:", err)
		os.Exit(1)
	}
	fmt.Printf("%d files (%d source files outside ignored directories, %d Electron apps)\n", st.Files, st.Source, st.Electron)
}
