//go:build unix

package project

import (
	"io/fs"
	"syscall"
)

// readFile reads a whole file with plain system calls. os.ReadFile costs six or seven calls a file (it also
// stats the file, sets it non-blocking and tries to register it with the poller); on a tree of tens of thousands
// of small files those calls were half the run time. sizeHint is the size the walk saw; the file is read to its
// end whatever its size is now.
func readFile(path string, sizeHint int64) ([]byte, error) {
	fd, err := openRetry(path)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	buf := make([]byte, 0, sizeHint+1) // one byte more, so a file of the expected size ends in one read and one EOF
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
	}
}

// openRetry opens path for reading. O_NONBLOCK changes nothing for a regular file, and keeps a named pipe that
// took a listed file's place since the walk from blocking the run.
func openRetry(path string) (int, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
