//go:build !windows

package pdfs

import (
	"io/fs"
	"os"
	"strconv"
	"syscall"
)

// userTag tells users of a shared /tmp apart in the font folder's name.
func userTag() string { return strconv.Itoa(os.Getuid()) }

// ownedByMe: on a shared /tmp another user could create the folder first.
func ownedByMe(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}
