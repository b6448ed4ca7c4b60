package crm

import (
	"errors"
	"syscall"
)

// Windows reports a full disk with its own error numbers, not ENOSPC.
const (
	errorHandleDiskFull syscall.Errno = 39
	errorDiskFull       syscall.Errno = 112
)

func isOSDiskFull(err error) bool {
	return errors.Is(err, errorDiskFull) || errors.Is(err, errorHandleDiskFull)
}
