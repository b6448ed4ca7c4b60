package server

import (
	"context"
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

// The certificate autocert has just obtained is written by the goroutine
// that ordered it, after the handshakes already use it: the server's stop
// must wait for that write, or the next start orders another certificate.
func TestACMECacheStopWaitsForTheCertificateBeingWritten(t *testing.T) {
	dir := t.TempDir()
	disk := &slowDisk{DirCache: autocert.DirCache(dir), started: make(chan struct{}), release: make(chan struct{})}
	c := &flushingCache{Cache: disk}
	wrote := make(chan error, 1)
	go func() { wrote <- c.Put(context.Background(), "selo.test", []byte("cert")) }()
	<-disk.started

	flushed := make(chan error, 1)
	go func() { flushed <- c.flush(context.Background()) }()
	select {
	case err := <-flushed:
		t.Fatalf("flush returned (%v) while the certificate was still being written", err)
	case <-time.After(200 * time.Millisecond):
	}
	close(disk.release)
	if err := <-flushed; err != nil {
		t.Fatal(err)
	}
	if err := <-wrote; err != nil {
		t.Fatal(err)
	}
	// flush returned: the file is there for the next start.
	if data, err := os.ReadFile(filepath.Join(dir, "selo.test")); err != nil || string(data) != "cert" {
		t.Fatalf("after flush the certificate file is %q, %v", data, err)
	}
}

// A write that hangs (a dead disk) cannot hold the stop past its grace.
func TestACMECacheStopGivesUpOnAWriteThatHangs(t *testing.T) {
	disk := &slowDisk{DirCache: autocert.DirCache(t.TempDir()), started: make(chan struct{}), release: make(chan struct{})}
	c := &flushingCache{Cache: disk}
	wrote := make(chan error, 1)
	go func() { wrote <- c.Put(context.Background(), "selo.test", []byte("cert")) }()
	// The write ends before the directory is removed.
	defer func() { close(disk.release); <-wrote }()
	<-disk.started
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := c.flush(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("flush of a hung write: %v, want the deadline", err)
	}
}

// With nothing being written, the stop does not wait at all.
func TestACMECacheStopWithNothingBeingWritten(t *testing.T) {
	c := &flushingCache{Cache: autocert.DirCache(t.TempDir())}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := c.flush(ctx); err != nil {
		t.Fatal(err)
	}
}
