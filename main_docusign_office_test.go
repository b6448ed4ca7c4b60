package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/docusign/oauth"
	"selo/backend/secrets"
	"selo/backend/sqlstore"
)

// syncedLog is a log the server writes from several goroutines.
type syncedLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *syncedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *syncedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// `selo server` has no DocuSign tokens: with a DocuSign key's envelope
// running, its status sync (the loop, and a desktop's "Atualizar" on that
// reservation) neither fails nor touches the envelope, loop after loop; the
// desktops' DocuSign loop follows it.
func TestServerLeavesDocuSignKeysToDesktops(t *testing.T) {
	f := newServerFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db, err := sqlstore.OpenPostgres(ctx, f.pg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var keyID int64
	err = db.Integrations().Tx(ctx, func(tx crm.IntegrationTx) error {
		keyID, err = tx.Insert(ctx, crm.NormalizedIntegration{Description: "DocuSign", Provider: crm.ProviderDocuSign,
			Environment: crm.EnvSandbox}, "", time.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	var op int64
	if err := db.QueryRowContext(ctx, `INSERT INTO send_operations (op_key, reservation_id, integration_id, name, status, step,
		envelope_id, document_id, deadline_at, created_at, updated_at) VALUES ('ds-1', 41, ?, 'Contratos', 'sent', 'notified',
		'e-ds-1', 'e-ds-1', ?, ?, ?) RETURNING id`, keyID, now, now, now).Scan(&op); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO envelopes (id, operation_id, integration_id, reservation_id, document_id, name,
		status, deadline_at, created_at, updated_at) VALUES ('e-ds-1', ?, ?, 41, 'e-ds-1', 'Contratos', 'running', ?, ?, ?)`,
		op, keyID, now, now, now); err != nil {
		t.Fatal(err)
	}

	var logged syncedLog
	log := slog.New(slog.NewTextHandler(&logged, nil))
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- runServer(ctx, f.configPath, false, io.Discard, log, func(a string) { ready <- a }) }()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("server did not start: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("server did not start within 20 s")
	}
	within(t, 10*time.Second, "the server takes the sync lease", func() bool { return syncLeaseHolder(t, db) != 0 })
	// "Atualizar" on the reservation from a desktop, then a few loops.
	within(t, 10*time.Second, "the server hears Atualizar", func() bool { return db.OfficeServer().RequestSync(ctx, 41) == nil })
	time.Sleep(4 * time.Second)
	cancel()
	<-done
	if s := logged.String(); strings.Contains(s, "status sync") || strings.Contains(s, "token") {
		t.Fatalf("the server's sync complained about the DocuSign key:\n%s", s)
	}
	var synced string
	if err := db.QueryRowContext(context.Background(), `SELECT synced_at FROM envelopes WHERE id = 'e-ds-1'`).Scan(&synced); err != nil || synced != "" {
		t.Fatalf("the server wrote the DocuSign envelope: synced_at %q, %v", synced, err)
	}
}

// listedKeys is the office's keys as docuSignSignedIn lists them.
type listedKeys []crm.Integration

func (k listedKeys) List(context.Context) ([]crm.Integration, error) { return k, nil }

// A desktop is ready to follow DocuSign only with a sign-in (a token in its
// keyring) for a Demo or Produção key; a Simulador local key or a
// Clicksign key does not count.
func TestDocuSignSignedInNeedsATokenForARealKey(t *testing.T) {
	ctx := context.Background()
	keys := listedKeys{{ID: 1, Provider: crm.ProviderClicksign, Environment: crm.EnvProduction},
		{ID: 2, Provider: crm.ProviderDocuSign, Environment: crm.EnvSimulator},
		{ID: 3, Provider: crm.ProviderDocuSign, Environment: crm.EnvSandbox}}
	mem := secrets.NewMemory()
	ready := docuSignSignedIn(keys, mem)
	if ok, err := ready(ctx); ok || err != nil {
		t.Fatalf("no sign-in: ready=%v err=%v", ok, err)
	}
	for _, id := range []int64{1, 2} {
		if err := mem.Set(ctx, oauth.TokenSecretKey(id), "{}"); err != nil {
			t.Fatal(err)
		}
	}
	if ok, _ := ready(ctx); ok {
		t.Fatal("a token of a Clicksign or Simulador key made the PC ready")
	}
	if err := mem.Set(ctx, oauth.TokenSecretKey(3), "{}"); err != nil {
		t.Fatal(err)
	}
	if ok, err := ready(ctx); !ok || err != nil {
		t.Fatalf("signed in to the Demo key: ready=%v err=%v", ok, err)
	}
}
