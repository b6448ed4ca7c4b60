package simulator

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
	"time"
)

// Host runs a Simulator on a loopback port inside the app, for the
// "Simulador local" environment. It starts on first use, so an office that
// never trains opens no port, and keeps its state in its own SQLite file.
type Host struct {
	// Options configure the simulator; DBPath should be set so envelopes
	// survive an app restart.
	Options Options

	mu  sync.Mutex
	sim *Simulator
	srv *http.Server
	url string
}

// BaseURL starts the simulator if needed and returns its API base URL
// (http://127.0.0.1:<port>/api/v3), the same shape as Clicksign's.
func (h *Host) BaseURL() (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.srv != nil {
		return h.url + "/api/v3", nil
	}
	if err := privateFile(h.Options.DBPath); err != nil {
		return "", fmt.Errorf("starting the simulator: %w", err)
	}
	sim, err := New(h.Options)
	if err != nil {
		return "", fmt.Errorf("starting the simulator: %w", err)
	}
	// Loopback only: "nada sai do computador" includes not listening on the
	// office network.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		sim.Close()
		return "", fmt.Errorf("opening the simulator port: %w", err)
	}
	h.sim = sim
	h.url = "http://" + ln.Addr().String()
	h.srv = &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}
	srv := h.srv
	// Serve's error after Shutdown is ErrServerClosed; any other ends the
	// listener and the next request reports the simulator unreachable.
	go func() { _ = srv.Serve(ln) }()
	return h.url + "/api/v3", nil
}

// privateFile creates the simulator's database 0600 before SQLite opens it,
// and tightens one an older Selo left 0644: it holds the training envelopes'
// names, e-mails and PDFs. SQLite gives its -wal and -shm files the main
// file's mode, so they follow.
func privateFile(path string) error {
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	return os.Chmod(path, 0o600)
}

// Simulator returns the running simulator, starting it if needed, for the
// control actions ("Simular assinatura", "Simular recusa").
func (h *Host) Simulator() (*Simulator, error) {
	if _, err := h.BaseURL(); err != nil {
		return nil, err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.sim, nil
}

// Running reports whether the simulator was started.
func (h *Host) Running() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.srv != nil
}

// Clock returns the simulated time and true while the simulator runs. One
// not started yet has no clock of its own (training never moved it), so
// the caller keeps the computer's; asking must not start it either.
func (h *Host) Clock() (time.Time, bool) {
	h.mu.Lock()
	sim := h.sim
	h.mu.Unlock()
	if sim == nil {
		return time.Time{}, false
	}
	return sim.Now(), true
}

// Close stops the listener and closes the simulator's database.
func (h *Host) Close(ctx context.Context) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.srv == nil {
		return nil
	}
	err := h.srv.Shutdown(ctx)
	if cerr := h.sim.Close(); err == nil {
		err = cerr
	}
	h.srv, h.sim, h.url = nil, nil, ""
	return err
}

// Must panics when New failed; for tests and fixed, known-good options.
func Must(s *Simulator, err error) *Simulator {
	if err != nil {
		panic(err)
	}
	return s
}
