package simulator

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Host runs a Simulator on a loopback port inside the app, for a
// "Simulador local" DocuSign key. It starts on first use, so an office that
// never trains opens no port. Its envelopes live in memory only.
type Host struct {
	// Options configure the simulator.
	Options Options

	mu  sync.Mutex
	sim *Simulator
	srv *http.Server
	url string
}

// BaseURI starts the simulator if needed and returns its base URI
// (http://127.0.0.1:<port>), the shape userinfo's base_uri has; the client
// appends /restapi itself.
func (h *Host) BaseURI() (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.srv != nil {
		return h.url, nil
	}
	// Loopback only: a training desk must not listen on the office network.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("opening the DocuSign simulator port: %w", err)
	}
	h.sim = New(h.Options)
	h.url = "http://" + ln.Addr().String()
	h.srv = &http.Server{Handler: h.sim, ReadHeaderTimeout: 10 * time.Second}
	srv := h.srv
	go func() { _ = srv.Serve(ln) }()
	return h.url, nil
}

// Simulator returns the running simulator, or nil before BaseURI started it.
func (h *Host) Simulator() *Simulator {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.sim
}

// Close stops the listener; the next BaseURI starts a fresh simulator.
func (h *Host) Close(ctx context.Context) error {
	h.mu.Lock()
	srv := h.srv
	h.srv, h.sim, h.url = nil, nil, ""
	h.mu.Unlock()
	if srv == nil {
		return nil
	}
	return srv.Shutdown(ctx)
}
