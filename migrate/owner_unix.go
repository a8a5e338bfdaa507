//go:build unix

package migrate

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives the replacement file the original's owner, so that running isolate with sudo does not leave a
// user's source files owned by root. It only succeeds for root, and needs to: anyone else already owns the files
// they can write.
func keepOwner(path string, info fs.FileInfo) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok && os.Geteuid() == 0 {
		_ = os.Lchown(path, int(st.Uid), int(st.Gid))
	}
}

// writable reports whether this user may write the file (for root, whether the file system allows it).
func writable(path string) bool {
	return syscall.Access(path, 2 /* W_OK */) == nil
}
