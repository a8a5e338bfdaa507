//go:build !unix

package migrate

import "io/fs"

// keepOwner does nothing where files have no Unix owner.
func keepOwner(string, fs.FileInfo) {}

func writable(string) bool { return true }
