package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/docusign"
	"selo/backend/docusign/oauth"
	dssim "selo/backend/docusign/simulator"
	"selo/backend/integrations"
	"selo/backend/secrets"
	"selo/backend/signing"
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

// officeTokens is a DocuSign client's fixed token, account and base.
type officeTokens struct{ token, base, account string }

func (s officeTokens) Token(context.Context) (string, string, string, error) {
	return s.token, s.base, s.account, nil
}

// officeDesktop is one desktop of the office as wire() builds its status
// sync on PostgreSQL: the main loop giving way to the server, and the
// DocuSign loop beside it; sec is its keyring.
func officeDesktop(t *testing.T, f *serverFixture, sec secrets.Store) (main, ds *signing.Syncer) {
	t.Helper()
	db, err := sqlstore.OpenPostgres(context.Background(), f.pg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	connector := &signing.Connector{}
	keys := integrations.New(db.Integrations(), sec, connector.Check, nil)
	sender := signing.NewSender(db.Envelopes(), keys, connector, func(string, any) {})
	sender.DocuSign = newDocuSignConnector(integrations.NewDocuSignLogins(sec, nil),
		func() (string, error) { return "", errors.New("no Simulador local in this test") })
	main = &signing.Syncer{Sender: sender, Store: db.Envelopes(), Files: db.Files(), Emit: func(string, any) {},
		Lease: signing.YieldToServer(db.SyncLease(), db.OfficeServer(), signing.ServerPresenceCheck), Server: db.OfficeServer(),
		LeaseRetry: 200 * time.Millisecond}
	main.DocuSign = &signing.DocuSignStatus{Keys: db.Integrations(), Clients: sender.DocuSign, Settings: db}
	ds = officeDocuSignSync(db, main, sec)
	ds.LeaseRetry = 200 * time.Millisecond
	return main, ds
}

// The review's repro of finding 1: an office with `selo server` running
// and two desktops, the first one started not signed in to DocuSign. A
// DocuSign envelope signed by everyone reaches Finalizado (with its signed
// PDF) through the signed-in desktop, while the server keeps the sync lease
// and complains of nothing, and the desktop without a sign-in reports no
// error either.
func TestOfficeDocuSignStatusWithTheServerAndTwoDesktops(t *testing.T) {
	f := newServerFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db, err := sqlstore.OpenPostgres(ctx, f.pg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	const token = "eyJ0eXAiOiJNVCJ9.desktop-b"
	sim := dssim.New(dssim.Options{Token: token})
	api := httptest.NewServer(sim)
	t.Cleanup(api.Close)
	var keyID int64
	err = db.Integrations().Tx(ctx, func(tx crm.IntegrationTx) error {
		if keyID, err = tx.Insert(ctx, crm.NormalizedIntegration{Description: "DocuSign", Provider: crm.ProviderDocuSign,
			Environment: crm.EnvSandbox}, "", time.Now()); err != nil {
			return err
		}
		return tx.SetDocuSignAccount(ctx, keyID, crm.DocuSignAccount{ID: sim.AccountID(), Name: "Imobiliária", BaseURI: api.URL}, time.Now())
	})
	if err != nil {
		t.Fatal(err)
	}
	// The envelope, sent and recorded as the send does, then signed.
	client := docusign.New(officeTokens{token: token, base: api.URL, account: sim.AccountID()}, docusign.Options{})
	env, err := client.Send(ctx, docusign.SendRequest{Reference: "selo-office-1", ReferenceCreated: time.Now(), Subject: "Contratos",
		DocumentName: "Contratos.pdf", PDF: dssim.TextPDF([]string{"CONTRATO"}, []string{"Assinaturas"}), ExpireAfterDays: 15,
		Signers: []docusign.Signer{{Name: "Pessoa 1", Email: "p1@example.com", RoutingOrder: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	var op int64
	if err := db.QueryRowContext(ctx, `INSERT INTO send_operations (op_key, reservation_id, integration_id, name, status, step,
		envelope_id, document_id, deadline_at, created_at, updated_at) VALUES ('selo-office-1', 41, ?, 'Contratos', 'sent', 'notified',
		?, ?, ?, ?, ?) RETURNING id`, keyID, env.ID, env.ID, now, now, now).Scan(&op); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO envelopes (id, operation_id, integration_id, reservation_id, document_id, name,
		status, deadline_at, created_at, updated_at) VALUES (?, ?, ?, 41, ?, 'Contratos', 'running', ?, ?, ?)`,
		env.ID, op, keyID, env.ID, now, now, now); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO envelope_signers (envelope_id, signer_id, position, person_key, name, email,
		group_no, state, updated_at) VALUES (?, '1', 1, 'p1', 'Pessoa 1', 'p1@example.com', 1, 'pendente', ?)`, env.ID, now); err != nil {
		t.Fatal(err)
	}
	if err := sim.Sign(env.ID, "1"); err != nil {
		t.Fatal(err)
	}

	var logged syncedLog
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- runServer(ctx, f.configPath, false, io.Discard, slog.New(slog.NewTextHandler(&logged, nil)), func(a string) { ready <- a })
	}()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("server did not start: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("server did not start within 20 s")
	}
	within(t, 10*time.Second, "the server takes the sync lease", func() bool { return syncLeaseHolder(t, db) != 0 })
	server := syncLeaseHolder(t, db)

	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	run := func(sy *signing.Syncer) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sy.Run(ctx, func(err error) { mu.Lock(); errs = append(errs, err); mu.Unlock() })
		}()
	}
	aMain, aDS := officeDesktop(t, f, secrets.NewMemory())
	run(aMain)
	run(aDS)
	time.Sleep(time.Second)
	signedIn := secrets.NewMemory()
	stored := fmt.Sprintf(`{"v":1,"access":%q,"refresh":"refresh-b","expiry":%q}`, token, time.Now().Add(2*time.Hour).UTC().Format(time.RFC3339))
	if err := signedIn.Set(ctx, oauth.TokenSecretKey(keyID), stored); err != nil {
		t.Fatal(err)
	}
	bMain, bDS := officeDesktop(t, f, signedIn)
	run(bMain)
	run(bDS)
	within(t, 20*time.Second, "the DocuSign envelope reaches Finalizado", func() bool {
		var st string
		_ = db.QueryRowContext(ctx, `SELECT state FROM envelopes WHERE id = ?`, env.ID).Scan(&st)
		return st == string(crm.EnvelopeFinished)
	})
	if ok, err := db.Files().Exists(ctx, crm.FileSigned, env.ID); !ok || err != nil {
		t.Fatalf("the signed PDF is not in the office database: %v %v", ok, err)
	}
	if h := syncLeaseHolder(t, db); h != server {
		t.Fatalf("the sync lease moved from the server (%d) to %d", server, h)
	}
	cancel()
	wg.Wait()
	<-done
	mu.Lock()
	defer mu.Unlock()
	if len(errs) != 0 {
		t.Fatalf("desktop sync errors: %v", errs)
	}
	if s := logged.String(); strings.Contains(s, "status sync") {
		t.Fatalf("the server's sync complained:\n%s", s)
	}
}
