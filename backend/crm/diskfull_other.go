//go:build !windows

package crm

// On Unix systems ENOSPC, checked by IsDiskFull, is the only spelling.
func isOSDiskFull(error) bool { return false }
