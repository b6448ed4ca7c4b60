//go:build !unix

package server

import "testing"

// sendHUP: there is no SIGHUP to send outside Unix.
func sendHUP(t *testing.T) {
	t.Helper()
	t.Skip("SIGHUP is Unix-only")
}
