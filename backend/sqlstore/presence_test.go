package sqlstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"selo/backend/crm"
)

// TestServerPresenceFollowsTheServersSession: a desktop sees a server
// exactly while the server's session holds the presence lock, with no clock:
// a second server cannot take it, and the moment the session dies the
// desktop sees no server. On SQLite there is never a server.
func TestServerPresenceFollowsTheServersSession(t *testing.T) {
	desk, _ := openTestDB(t)
	ctx := context.Background()
	if !onPostgres() {
		if present, err := desk.OfficeServer().ServerPresent(ctx); present || err != nil {
			t.Fatalf("SQLite sees a server: %v %v", present, err)
		}
		if _, err := desk.OfficeServer().TryHoldPresence(ctx); err == nil {
			t.Fatal("a server took presence on SQLite")
		}
		return
	}
	srv, err := reopenTestDB(t, desk)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	present := func() bool {
		t.Helper()
		p, err := desk.OfficeServer().ServerPresent(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if present() {
		t.Fatal("a server is present before any started")
	}
	h, err := srv.OfficeServer().TryHoldPresence(ctx)
	if err != nil || h == nil {
		t.Fatalf("the server could not take presence: %v %v", h, err)
	}
	if !present() {
		t.Fatal("the desktop does not see the running server")
	}
	if h2, err := desk.OfficeServer().TryHoldPresence(ctx); err != nil || h2 != nil {
		t.Fatalf("a second server took presence: %v %v", h2, err)
	}
	// The sync lease is another lock: presence does not hold it.
	if l := acquire(t, desk.SyncLease()); l == nil {
		t.Fatal("presence took the sync lease too")
	} else {
		l.Release()
	}
	// The server's session dies (a killed process): no server, at once.
	var ok bool
	if err := desk.QueryRowContext(ctx, `SELECT pg_terminate_backend(?)`, h.(*pgHold).pid).Scan(&ok); err != nil || !ok {
		t.Fatalf("terminating the server's session: %v %v", ok, err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for present() {
		if time.Now().After(deadline) {
			t.Fatal("the desktop still sees a server whose session ended")
		}
		time.Sleep(20 * time.Millisecond)
	}
	h.Release()
}

// TestOfficeServerRow: the row the server writes at start, beats and marks
// at a clean stop, as a desktop reads it.
func TestOfficeServerRow(t *testing.T) {
	db, _ := openTestDB(t)
	ctx := context.Background()
	s := db.OfficeServer()
	if _, found, err := s.Load(ctx); found || err != nil {
		t.Fatalf("a row before any server: %v %v", found, err)
	}
	start := time.Date(2026, 12, 7, 5, 0, 0, 0, time.UTC)
	row := crm.OfficeServer{Instance: "a1", HostName: "srv", Version: "1.2.0", WebMode: "proxy",
		PublicURL: "https://selo.imobiliaria.com.br", StartedAt: start, BeatAt: start}
	if err := s.Announce(ctx, row); err != nil {
		t.Fatal(err)
	}
	if err := s.Beat(ctx, "a1", start.Add(30*time.Second)); err != nil {
		t.Fatal(err)
	}
	// An older instance's beat does not touch the new one's row.
	if err := s.Beat(ctx, "old", start.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, found, err := s.Load(ctx)
	if err != nil || !found {
		t.Fatalf("row not found: %v", err)
	}
	if got.PublicURL != row.PublicURL || got.Version != "1.2.0" || !got.BeatAt.Equal(start.Add(30*time.Second)) || !got.StoppedAt.IsZero() {
		t.Fatalf("row = %+v", got)
	}
	if err := s.MarkStopped(ctx, "a1", start.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	got, _, _ = s.Load(ctx)
	if !got.StoppedAt.Equal(start.Add(time.Minute)) {
		t.Fatalf("stop not recorded: %+v", got)
	}
	// The next start replaces the row and clears stopped_at.
	row.Instance, row.StartedAt = "b2", start.Add(2*time.Minute)
	if err := s.Announce(ctx, row); err != nil {
		t.Fatal(err)
	}
	got, _, _ = s.Load(ctx)
	if got.Instance != "b2" || !got.StoppedAt.IsZero() || !got.StartedAt.Equal(row.StartedAt) {
		t.Fatalf("restart row = %+v", got)
	}
}

// TestSyncRequestsReachTheServer: a desktop's RequestSync arrives at the
// server's listener with the reservation id; other payloads are ignored.
func TestSyncRequestsReachTheServer(t *testing.T) {
	desk, _ := openTestDB(t)
	if !onPostgres() {
		t.Skip("requests travel over PostgreSQL's LISTEN/NOTIFY")
	}
	srv, err := reopenTestDB(t, desk)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Before any server listens, a request is refused, not lost in
	// silence: the desktop then syncs by itself.
	if err := desk.OfficeServer().RequestSync(ctx, 41); !errors.Is(err, ErrServerNotListening) {
		t.Fatalf("a request with no listener: %v, want ErrServerNotListening", err)
	}
	reqs := srv.OfficeServer().SyncRequests(ctx)
	// Listening starts on its own connection: once a request is accepted
	// it is heard.
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := desk.OfficeServer().RequestSync(ctx, 42)
		if err == nil {
			break
		}
		if !errors.Is(err, ErrServerNotListening) || time.Now().After(deadline) {
			t.Fatalf("the server's listener did not start: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := desk.ExecContext(ctx, `SELECT pg_notify('selo_server', 'sync:abc')`); err != nil {
		t.Fatal(err)
	}
	if err := desk.OfficeServer().RequestSync(ctx, 43); err != nil {
		t.Fatal(err)
	}
	for _, want := range []int64{42, 43} {
		select {
		case id := <-reqs:
			if id != want {
				t.Fatalf("request for %d, want %d", id, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("the request for %d did not reach the server", want)
		}
	}
	cancel()
	for range reqs {
	}
}
