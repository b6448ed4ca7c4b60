//go:build unix

package server

import (
	"os"
	"syscall"
	"testing"
)

// sendHUP does what systemctl reload does to the server.
func sendHUP(t *testing.T) {
	t.Helper()
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
}
