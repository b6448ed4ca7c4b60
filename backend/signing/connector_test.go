package signing

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"selo/backend/clicksign/simulator"
	"selo/backend/crm"
)

func codeOf(err error) (string, map[string]any) {
	var e *crm.Error
	if errors.As(err, &e) {
		return e.Code, e.Data
	}
	return "", nil
}

// closedPort returns an address nothing listens on.
func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/api/v3"
}

func TestCheckSaysWhatHappened(t *testing.T) {
	const token = "sandbox-token-1234"
	good := simulator.Must(simulator.New(simulator.Options{Tokens: []string{token}}))
	disabled := simulator.Must(simulator.New(simulator.Options{Tokens: []string{token}, EnvelopeAPIDisabled: true}))
	goodSrv := httptest.NewServer(good)
	defer goodSrv.Close()
	disabledSrv := httptest.NewServer(disabled)
	defer disabledSrv.Close()
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.api+json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		_, _ = w.Write([]byte(`{"errors":[{"status":"422","code":"unprocessable_entity","detail":"conta suspensa por falta de pagamento"}]}`))
	}))
	defer broken.Close()

	tests := []struct {
		name    string
		base    string
		token   string
		want    string
		message string
	}{
		{"connected", goodSrv.URL + "/api/v3", token, "", ""},
		{"token rejected (401)", goodSrv.URL + "/api/v3", "wrong-token-9999", crm.CodeTokenInvalid, ""},
		{"envelope API not enabled (503)", disabledSrv.URL + "/api/v3", token, crm.CodeEnvelopesDisabled, ""},
		{"no connection", closedPort(t), token, crm.CodeUnreachable, ""},
		{"service error keeps Clicksign's message", broken.URL + "/api/v3", token, crm.CodeServiceError, "conta suspensa por falta de pagamento"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &Connector{BaseURLs: map[crm.Environment]string{crm.EnvSandbox: tc.base}}
			err := c.Check(context.Background(), crm.EnvSandbox, tc.token)
			code, data := codeOf(err)
			if code != tc.want {
				t.Fatalf("Check = %v (code %q), want %q", err, code, tc.want)
			}
			if tc.message != "" && data["message"] != tc.message {
				t.Fatalf("message = %v, want %q", data["message"], tc.message)
			}
			if err != nil && strings.Contains(err.Error(), tc.token) {
				t.Fatalf("error leaks the token: %v", err)
			}
		})
	}
}

func TestCheckReachesTheInAppSimulator(t *testing.T) {
	host := &simulator.Host{Options: simulator.Options{DBPath: filepath.Join(t.TempDir(), "sim.db")}}
	defer host.Close(context.Background())
	c := &Connector{Sim: host}
	if err := c.Check(context.Background(), crm.EnvSimulator, "sim_abc123456789"); err != nil {
		t.Fatalf("simulator check: %v", err)
	}
	if !host.Running() {
		t.Fatal("the check should have started the simulator")
	}
}

func TestCheckTimesOut(t *testing.T) {
	hang := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer hang.Close()
	c := &Connector{BaseURLs: map[crm.Environment]string{crm.EnvProduction: hang.URL + "/api/v3"}}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if code, _ := codeOf(c.Check(ctx, crm.EnvProduction, "prod-token-0000")); code != crm.CodeUnreachable {
		t.Fatalf("hung service = %q, want %q", code, crm.CodeUnreachable)
	}
}

func TestDeadlinesCountFromTheSimulatorsClock(t *testing.T) {
	host := &simulator.Host{Options: simulator.Options{DBPath: filepath.Join(t.TempDir(), "sim.db")}}
	t.Cleanup(func() { host.Close(context.Background()) })
	c := &Connector{Sim: host}
	local := time.Now()
	if got := c.Now(crm.EnvSimulator, local); !got.Equal(local) {
		t.Fatalf("before the simulator starts: %v, want the computer's clock", got)
	}
	sim, err := host.Simulator()
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Advance(20 * 24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if d := c.Now(crm.EnvSimulator, local).Sub(local); d < 20*24*time.Hour-time.Minute || d > 20*24*time.Hour+time.Minute {
		t.Fatalf("simulator clock is %v ahead, want 20 days", d)
	}
	if got := c.Now(crm.EnvSandbox, local); !got.Equal(local) {
		t.Fatalf("sandbox: %v, want the computer's clock", got)
	}
}
