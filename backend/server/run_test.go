package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"selo/backend/crm"
)

type okJivo struct{}

func (okJivo) Handle(context.Context, []byte) ([]byte, int) { return []byte(`{"result":"ok"}`), 200 }

type noTokens struct{}

func (noTokens) Verify(context.Context, string) (bool, string) { return false, "" }

func fakeConfig(t *testing.T, listen string) Config {
	dir := t.TempDir()
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	return Config{Database: Database{Host: "db", Port: 5432, Database: "selo", User: "selo", TLS: "disable", PasswordFile: pw},
		Web: Web{Listen: listen}}
}

func TestRunStopsSyncAndClosesAfterTheListener(t *testing.T) {
	var syncing, closed atomic.Bool
	var closedWhileServing atomic.Bool
	var addr string
	open := func(ctx context.Context, c Config, s Secrets) (Parts, error) {
		if s.DatabasePassword != "x" {
			t.Errorf("password %q", s.DatabasePassword)
		}
		return Parts{JivoChat: okJivo{}, Tokens: noTokens{}, Ping: func(context.Context) error { return nil },
			Sync: func(ctx context.Context) { syncing.Store(true); <-ctx.Done(); syncing.Store(false) },
			Close: func(context.Context) {
				if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
					closedWhileServing.Store(true)
				}
				closed.Store(true)
			}}, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, fakeConfig(t, "127.0.0.1:0"), Options{Version: "9", Open: open, Ready: func(a string) { addr = a; close(ready) }})
	}()
	<-ready
	resp, err := http.Get("http://" + addr + "/health")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("health: %v %v", resp, err)
	}
	resp.Body.Close()
	for !syncing.Load() {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if syncing.Load() || !closed.Load() || closedWhileServing.Load() {
		t.Fatalf("after stop: syncing %v, closed %v, closed while the listener served %v", syncing.Load(), closed.Load(), closedWhileServing.Load())
	}
}

func TestRunNamesAPortInUseAndADatabaseRefusal(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	closed := false
	open := func(context.Context, Config, Secrets) (Parts, error) {
		return Parts{JivoChat: okJivo{}, Tokens: noTokens{}, Ping: func(context.Context) error { return nil },
			Sync: func(context.Context) {}, Close: func(context.Context) { closed = true }}, nil
	}
	err = Run(context.Background(), fakeConfig(t, l.Addr().String()), Options{Open: open})
	var p *Problem
	if !errors.As(err, &p) || p.Field != "web.listen" || !closed {
		t.Fatalf("port in use: %v (database closed: %v)", err, closed)
	}
	refuse := func(context.Context, Config, Secrets) (Parts, error) { return Parts{}, errors.New("boom") }
	err = Run(context.Background(), fakeConfig(t, "127.0.0.1:0"), Options{Open: refuse})
	if !errors.As(err, &p) || p.Field != "database" {
		t.Fatalf("database refusal: %v", err)
	}
}

func TestDatabaseProblemsNameTheFieldToFix(t *testing.T) {
	c := fakeConfig(t, "127.0.0.1:0")
	for code, field := range map[string]string{
		crm.CodeOfficeWrongPassword: "database.password_file", crm.CodeOfficeUnreachable: "database.host",
		crm.CodeOfficeDatabaseMissing: "database.database", crm.CodeOfficeTLSRequired: "database.tls",
		crm.CodeOfficeCAFile: "database.ca_file", crm.CodeDatabaseNewer: "database", crm.CodeServerTooOld: "database.host",
	} {
		var p *Problem
		if err := databaseProblem(c, crm.E(code)); !errors.As(err, &p) || p.Field != field || p.PT == "" || p.EN == "" {
			t.Errorf("%s: %v, want the field %s", code, err, field)
		}
	}
}
