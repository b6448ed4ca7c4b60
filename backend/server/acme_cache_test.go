package server

import (
	"context"
	"crypto/tls"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/acme/autocert"
)

// slowDisk is a state_dir whose writes wait until the test lets them go.
type slowDisk struct {
	autocert.DirCache
	started chan struct{}
	release chan struct{}
}

func (s *slowDisk) Put(ctx context.Context, name string, data []byte) error {
	close(s.started)
	<-s.release
	return s.DirCache.Put(ctx, name, data)
}

func newSlowDisk(t *testing.T) (*slowDisk, string) {
	dir := t.TempDir()
	return &slowDisk{DirCache: autocert.DirCache(dir), started: make(chan struct{}), release: make(chan struct{})}, dir
}

// writing starts a certificate write to a slow state_dir, counted in a
// fresh acmeWork, and returns once the write is under way.
func writing(t *testing.T) (w *acmeWork, disk *slowDisk, dir string, wrote <-chan error) {
	disk, dir = newSlowDisk(t)
	w = &acmeWork{}
	cache := trackedCache{Cache: disk, work: w}
	out := make(chan error, 1)
	go func() { out <- cache.Put(context.Background(), "selo.test", []byte("cert")) }()
	<-disk.started
	return w, disk, dir, out
}

// stopped runs wait in the background; the test reads its answer.
func stopped(w *acmeWork, ctx context.Context) <-chan error {
	out := make(chan error, 1)
	go func() { out <- w.wait(ctx) }()
	return out
}

func stillWaiting(t *testing.T, done <-chan error, what string) {
	t.Helper()
	select {
	case err := <-done:
		t.Fatalf("the stop went on (%v) while %s", err, what)
	case <-time.After(200 * time.Millisecond):
	}
}

// autocert writes the certificate it has just obtained after the handshakes
// already use it: the stop waits for that write, or the next start orders
// another certificate.
func TestACMEStopWaitsForTheCertificateBeingWritten(t *testing.T) {
	w, disk, dir, wrote := writing(t)

	done := stopped(w, context.Background())
	stillWaiting(t, done, "the certificate was being written")
	close(disk.release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := <-wrote; err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "selo.test")); err != nil || string(data) != "cert" {
		t.Fatalf("after the stop's wait the certificate file is %q, %v", data, err)
	}
}

// The start-up warm-up orders the certificate in a goroutine nothing else
// waits for; a stop while the CA is issuing it waits for the order and its
// write, not only for a write already started.
func TestACMEStopWaitsForACertificateBeingOrdered(t *testing.T) {
	disk, dir := newSlowDisk(t)
	w := &acmeWork{}
	cache := trackedCache{Cache: disk, work: w}
	issued := make(chan struct{})
	w.get = func(*tls.ClientHelloInfo) (*tls.Certificate, error) {
		<-issued // the CA at work
		return &tls.Certificate{}, cache.Put(context.Background(), "selo.test", []byte("cert"))
	}
	go func() { _, _ = w.getCertificate(&tls.ClientHelloInfo{ServerName: "selo.test"}) }()
	// Let the order start before the stop comes.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		w.mu.Lock()
		n := w.n
		w.mu.Unlock()
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the order never started")
		}
	}

	done := stopped(w, context.Background())
	stillWaiting(t, done, "the certificate was being ordered")
	close(issued)
	<-disk.started
	stillWaiting(t, done, "the ordered certificate was being written")
	close(disk.release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "selo.test")); err != nil {
		t.Fatalf("the ordered certificate is not in state_dir after the stop's wait: %v", err)
	}
}

// A CA or a disk that hangs cannot hold the stop past its grace, and what
// runs later is not blocked by the stop having given up.
func TestACMEStopGivesUpOnWorkThatHangs(t *testing.T) {
	w, disk, _, wrote := writing(t)
	// The write ends before the directory is removed.
	defer func() { close(disk.release); <-wrote }()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := w.wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("wait on a hung write: %v, want the deadline", err)
	}
	other := trackedCache{Cache: autocert.DirCache(t.TempDir()), work: w}
	put := make(chan error, 1)
	go func() { put <- other.Put(context.Background(), "other", []byte("x")) }()
	select {
	case err := <-put:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a write after the stop gave up is blocked")
	}
}

// With nothing under way, the stop does not wait at all.
func TestACMEStopWithNothingUnderWay(t *testing.T) {
	w := &acmeWork{get: func(*tls.ClientHelloInfo) (*tls.Certificate, error) { return &tls.Certificate{}, nil }}
	if _, err := w.getCertificate(&tls.ClientHelloInfo{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := w.wait(ctx); err != nil {
		t.Fatal(err)
	}
}
