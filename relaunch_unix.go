//go:build !windows

package main

import (
	"fmt"
	"os"
	"syscall"
)

// relaunch replaces this process with a fresh Selo, same arguments and
// environment. Every descriptor is close-on-exec in Go, so the window's
// single-instance lock goes with the old image.
func relaunch() error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("restarting: %w", err)
	}
	return syscall.Exec(exe, os.Args, os.Environ())
}

// awaitPredecessor has nothing to wait for: exec replaced the old process.
func awaitPredecessor() {}
