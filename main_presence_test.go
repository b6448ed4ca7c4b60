package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"testing"
	"time"

	"selo/backend/clicksign/simulator"
	"selo/backend/signing"
	"selo/backend/sqlstore"
)

// TestMain lets a test start this binary as a real `selo server` process
// (which it can then kill): with SELO_TEST_SERVER_CONFIG set it runs the
// server with that config, its Clicksign "sandbox" at
// SELO_TEST_CLICKSIGN_URL.
// startServerTalkingTo runs `selo server` with f's config in a child
// process (TestMain's server role), its Clicksign at clicksignURL.
func startServerTalkingTo(t *testing.T, f *serverFixture, clicksignURL string) *exec.Cmd {
	t.Helper()
	cmd := role(t, "server", envConfig+"="+f.configPath, envClicksignURL+"="+clicksignURL)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd
}

// syncLeaseHolder returns the backend pid holding the office's sync lease
// (0: nobody).
func syncLeaseHolder(t *testing.T, db *sqlstore.DB) int {
	t.Helper()
	var pid int
	err := db.QueryRowContext(context.Background(), `SELECT COALESCE(MAX(pid), 0) FROM pg_locks WHERE locktype = 'advisory'
		AND objsubid = 1 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
		AND ((classid::bigint << 32) | objid::bigint) = ?`, int64(0x5e10_0003)).Scan(&pid)
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

func within(t *testing.T, within time.Duration, what string, ok func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !ok() {
		if time.Since(start) > within {
			t.Fatalf("%s: not within %s", what, within)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return time.Since(start)
}

// TestDesktopsGiveWayToTheServer, in both directions with a real `selo
// server` process: a desktop holding the sync lease gives it up when the
// server starts and the server then holds it; the desktop does not take it
// while the server runs; its "Atualizar" makes the server sync (the server
// asks Clicksign with its own token and records what it learnt); and once
// the server process is killed the desktop takes the lease over.
func TestDesktopsGiveWayToTheServer(t *testing.T) {
	f := newServerFixture(t)
	ctx := context.Background()
	sim, err := simulator.New(simulator.Options{Tokens: []string{"token-da-clicksign"}, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	api := httptest.NewServer(sim)
	t.Cleanup(func() { api.Close(); sim.Close() })

	desk, err := sqlstore.OpenPostgres(ctx, f.pg)
	if err != nil {
		t.Fatal(err)
	}
	defer desk.Close()
	lease := signing.YieldToServer(desk.SyncLease(), desk.OfficeServer(), 200*time.Millisecond)
	hold, err := lease.TryAcquire(ctx)
	if err != nil || hold == nil {
		t.Fatalf("with no server the desktop did not get the sync lease: %v %v", hold, err)
	}
	defer hold.Release()
	deskPID := syncLeaseHolder(t, desk)

	proc := startServerTalkingTo(t, f, api.URL+"/api/v3")
	within(t, 20*time.Second, "the server process announces itself", func() bool {
		p, err := desk.OfficeServer().ServerPresent(ctx)
		return err == nil && p
	})
	select {
	case <-hold.Lost():
	case <-time.After(5 * time.Second):
		t.Fatal("the desktop kept the sync lease 5 s after the server started")
	}
	hold.Release()
	took := within(t, 10*time.Second, "the server takes the sync lease", func() bool {
		pid := syncLeaseHolder(t, desk)
		return pid != 0 && pid != deskPID
	})
	t.Logf("the server held the sync lease %s after the desktop gave it up", took.Round(time.Millisecond))
	if h, err := lease.TryAcquire(ctx); h != nil || err != nil {
		t.Fatalf("the desktop took the sync lease while the server runs: %v %v", h, err)
	}
	row, found, err := desk.OfficeServer().Load(ctx)
	if err != nil || !found || row.PublicURL != "https://selo.imobiliaria.com.br" || row.Version != version ||
		!row.StoppedAt.IsZero() || row.BeatAt.IsZero() {
		t.Fatalf("office_server row = %+v %v %v", row, found, err)
	}

	// "Atualizar" on a reservation whose envelope Clicksign no longer
	// knows: the server syncs it, the desktop does not.
	now := time.Now().UTC().Format(time.RFC3339Nano)
	if _, err := desk.ExecContext(ctx, `INSERT INTO send_operations (id, op_key, reservation_id, integration_id, name, status, step,
		envelope_id, created_at, updated_at) VALUES (901, 'k901', 77, ?, 'Contratos', 'sent', 'notified', 'env-77', ?, ?)`,
		f.keyID, now, now); err != nil {
		t.Fatal(err)
	}
	if _, err := desk.ExecContext(ctx, `INSERT INTO envelopes (id, operation_id, integration_id, reservation_id, document_id, name,
		status, deadline_at, created_at, updated_at) VALUES ('env-77', 901, ?, 77, 'doc-77', 'Contratos', 'running', ?, ?, ?)`,
		f.keyID, now, now, now); err != nil {
		t.Fatal(err)
	}
	// The server hears requests once its listener is up (after presence):
	// until then a desktop's Atualizar syncs by itself.
	within(t, 10*time.Second, "the server listens for the desktops' requests", func() bool {
		return desk.OfficeServer().RequestSync(ctx, 0) == nil
	})
	deskSync := &signing.Syncer{Server: desk.OfficeServer()}
	delegated, err := deskSync.Refresh(ctx, 77)
	if err != nil || !delegated {
		t.Fatalf("Atualizar with the server running: delegated=%v err=%v", delegated, err)
	}
	within(t, 5*time.Second, "the server syncs the reservation the desktop asked for", func() bool {
		return f.count(t, desk, `SELECT COUNT(*) FROM envelopes WHERE id = 'env-77' AND missing = 1`) == 1
	})
	if sim.TotalRequests() == 0 {
		t.Fatal("the envelope was marked without asking Clicksign")
	}

	// The server process is killed: its sessions end with it, and the
	// desktop takes the lease over.
	if err := proc.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = proc.Wait()
	var back signing.LeaseHold
	within(t, 10*time.Second, "the desktop takes the lease after the server died", func() bool {
		back, err = lease.TryAcquire(ctx)
		return err == nil && back != nil
	})
	back.Release()
	if row, _, _ := desk.OfficeServer().Load(ctx); !row.StoppedAt.IsZero() {
		t.Fatalf("a killed server recorded a clean stop: %+v", row)
	}
}

// TestServerRecordsItsCleanStop: a server stopped by SIGTERM (ctx) marks its
// row stopped and lets the desktops see no server.
func TestServerRecordsItsCleanStop(t *testing.T) {
	f := newServerFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- runServer(ctx, f.configPath, false, io.Discard, slog.New(slog.DiscardHandler), func(a string) { ready <- a })
	}()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("server did not start: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("server did not start within 20 s")
	}
	desk, err := sqlstore.OpenPostgres(context.Background(), f.pg)
	if err != nil {
		t.Fatal(err)
	}
	defer desk.Close()
	within(t, 5*time.Second, "the desktop sees the server", func() bool {
		p, _ := desk.OfficeServer().ServerPresent(context.Background())
		return p
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if p, err := desk.OfficeServer().ServerPresent(context.Background()); p || err != nil {
		t.Fatalf("a stopped server is still present: %v %v", p, err)
	}
	row, found, _ := desk.OfficeServer().Load(context.Background())
	if !found || row.StoppedAt.IsZero() {
		t.Fatalf("the clean stop was not recorded: %+v", row)
	}
}
