//go:build !unix

package server

import "io/fs"

// ownerOK has no owner to check where files carry no Unix owner; the mode
// check still applies.
func ownerOK(fs.FileInfo) (uid int, ok bool) { return -1, true }
