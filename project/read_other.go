//go:build !unix

package project

import "os"

// readFile reads a whole file; sizeHint is unused where files are read the portable way.
func readFile(path string, sizeHint int64) ([]byte, error) { return os.ReadFile(path) }
