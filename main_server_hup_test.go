//go:build unix

package main

import (
	"bufio"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServerProcessSurvivesReloadsWhileStartingAndStopping sends SIGHUP
// (systemctl reload, a certbot hook) every millisecond from the moment the
// process says it is starting until it has stopped: while its database
// opens and while it closes, no reload handler is listening, and a SIGHUP
// falling back to its default would end it with "signal: hangup".
func TestServerProcessSurvivesReloadsWhileStartingAndStopping(t *testing.T) {
	f := newServerFixture(t)
	f.writeConfig(t, f.pg.Password)
	cmd := role(t, "server", envConfig+"="+f.configPath)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	starting, started := make(chan struct{}), make(chan struct{})
	var log strings.Builder
	scanned := make(chan struct{})
	go func() {
		defer close(scanned)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			log.WriteString(line + "\n")
			switch {
			case strings.Contains(line, `msg="selo server starting"`):
				close(starting)
			case strings.Contains(line, `msg="selo server started"`):
				close(started)
			}
		}
	}()
	stopHUP := make(chan struct{})
	hups := make(chan int)
	go func() {
		n := 0
		defer func() { hups <- n }()
		select {
		case <-starting:
		case <-scanned:
			return
		}
		for {
			select {
			case <-stopHUP:
				return
			case <-time.After(time.Millisecond):
				if cmd.Process.Signal(syscall.SIGHUP) == nil {
					n++
				}
			}
		}
	}()
	select {
	case <-started:
	case <-scanned:
	case <-time.After(30 * time.Second):
	}
	// Stopping, as systemd does, with the reloads still coming.
	_ = cmd.Process.Signal(syscall.SIGTERM)
	<-scanned
	err = cmd.Wait()
	close(stopHUP)
	n := <-hups
	if err != nil || !strings.Contains(log.String(), `msg="selo server started"`) {
		t.Fatalf("after %d SIGHUPs the server ended with %v:\n%s", n, err, log.String())
	}
	if n < 5 {
		t.Fatalf("only %d SIGHUPs were sent: the test proved nothing", n)
	}
}
