//go:build unix

package walk

import (
	"os"
	"syscall"
)

// openNonBlocking opens a file for reading without waiting for a writer, so that a FIFO cannot hang the caller
// before its mode is checked.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
