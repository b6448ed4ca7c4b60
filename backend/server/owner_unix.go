//go:build unix

package server

import (
	"io/fs"
	"os"
	"syscall"
)

// ownerOK says whether info's file belongs to this process's user or to
// root: a 0600 file of another account lets that account read the secret.
func ownerOK(info fs.FileInfo) (uid int, ok bool) {
	st, isUnix := info.Sys().(*syscall.Stat_t)
	if !isUnix {
		return -1, true
	}
	uid = int(st.Uid)
	return uid, uid == 0 || uid == os.Geteuid()
}
