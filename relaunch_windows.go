package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"time"
)

// predecessorEnv carries the pid of the Selo that relaunched this one.
const predecessorEnv = "SELO_RELAUNCHED_FROM"

// relaunch starts a fresh Selo with the same arguments; this process exits
// right after. The new one waits for it (awaitPredecessor): Windows keeps
// the single-instance mutex until this process is gone, and a Selo started
// too early would hand itself to the dying window and quit.
func relaunch() error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("restarting: %w", err)
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Env = append(os.Environ(), predecessorEnv+"="+strconv.Itoa(os.Getpid()))
	return cmd.Start()
}

// awaitPredecessor waits, up to ten seconds, for the Selo that relaunched
// this one to exit.
func awaitPredecessor() {
	pid, err := strconv.Atoi(os.Getenv(predecessorEnv))
	os.Unsetenv(predecessorEnv)
	if err != nil {
		return
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return
	}
	done := make(chan struct{})
	go func() { _, _ = p.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
	}
}
