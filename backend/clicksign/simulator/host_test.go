package simulator

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestHostStartsLazilyOnLoopbackAndKeepsState(t *testing.T) {
	db := filepath.Join(t.TempDir(), "simulator.db")
	h := &Host{Options: Options{DBPath: db}}
	if h.Running() {
		t.Fatal("the host must not open a port before it is used")
	}
	base, err := h.BaseURL()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") || !strings.HasSuffix(base, "/api/v3") {
		t.Fatalf("base URL %q is not a loopback API v3 URL", base)
	}
	create := func(base string) string {
		req, _ := http.NewRequest(http.MethodPost, base+"/envelopes", strings.NewReader(`{"data":{"type":"envelopes","attributes":{"name":"Treino"}}}`))
		req.Header.Set("Authorization", "sim_token")
		req.Header.Set("Content-Type", "application/vnd.api+json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Status
	}
	if st := create(base); st != "201 Created" {
		t.Fatalf("create envelope: %s", st)
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}

	// A new host on the same file (the app restarted) sees the envelope.
	h2 := &Host{Options: Options{DBPath: db}}
	defer h2.Close(context.Background())
	base2, err := h2.BaseURL()
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, base2+"/envelopes", nil)
	req.Header.Set("Authorization", "sim_token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf strings.Builder
	_, _ = io.Copy(&buf, resp.Body)
	if !strings.Contains(buf.String(), `"Treino"`) {
		t.Fatalf("envelope lost across restart: %s", buf.String())
	}
}

// The Painel and every deadline ask for the simulator's clock; asking must
// neither open a port in an office that never trains nor lose the days
// training moved forward.
func TestHostClockDoesNotStartTheSimulator(t *testing.T) {
	h := &Host{Options: Options{DBPath: filepath.Join(t.TempDir(), "simulator.db")}}
	t.Cleanup(func() { h.Close(context.Background()) })
	if _, ok := h.Clock(); ok || h.Running() {
		t.Fatalf("clock before first use: ok=%v running=%v, want neither", ok, h.Running())
	}
	sim, err := h.Simulator()
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Advance(3 * 24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	now, ok := h.Clock()
	if d := time.Until(now); !ok || d < 3*24*time.Hour-time.Minute || d > 3*24*time.Hour+time.Minute {
		t.Fatalf("clock after advancing 3 days: %v ahead (ok=%v)", d, ok)
	}
}
