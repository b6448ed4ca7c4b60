package main

import (
	"fmt"
	"os"
	"os/exec"
)

// relaunch starts a fresh Selo with the same arguments; this process exits
// right after, releasing the single-instance lock the new one waits for.
func relaunch() error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("restarting: %w", err)
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Env = os.Environ()
	return cmd.Start()
}
