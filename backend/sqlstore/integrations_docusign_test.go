package sqlstore

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"selo/backend/crm"
)

// A DocuSign key on either engine: the provider is kept (migration 0023
// widened its CHECK), it has no token of its own, and the account chosen at
// sign-in is stored on the row and read back by List and Get; an edit of
// the form keeps both.
func TestIntegrationDocuSignAccount(t *testing.T) {
	db, _ := openTemp(t)
	s := db.Integrations()
	ctx := context.Background()
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

	var ds, cs int64
	if err := s.Tx(ctx, func(tx crm.IntegrationTx) error {
		var err error
		if ds, err = tx.Insert(ctx, crm.NormalizedIntegration{Description: "DocuSign escritório", Provider: crm.ProviderDocuSign,
			Environment: crm.EnvSandbox, DeadlineDays: 30}, "", now); err != nil {
			return err
		}
		cs, err = tx.Insert(ctx, crm.NormalizedIntegration{Description: "Clicksign", Environment: crm.EnvProduction}, "abcd", now)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	if got.Provider != crm.ProviderDocuSign || got.HasToken || got.DeadlineDays != 30 || got.DocuSignAccountID != "" {
		t.Fatalf("new DocuSign key = %+v", got)
	}
	if c, _ := s.Get(ctx, cs); c.Provider != crm.ProviderClicksign || !c.HasToken {
		t.Fatalf("Clicksign key = %+v", c)
	}

	acc := crm.DocuSignAccount{ID: "0f1e2d3c-aaaa-4bbb-8ccc-000000000001", Name: "Imobiliária Sol", BaseURI: "https://demo.docusign.net"}
	later := now.Add(time.Hour)
	if err := s.Tx(ctx, func(tx crm.IntegrationTx) error { return tx.SetDocuSignAccount(ctx, ds, acc, later) }); err != nil {
		t.Fatal(err)
	}
	// The form's save changes description and expiry, never the account.
	if err := s.Tx(ctx, func(tx crm.IntegrationTx) error {
		return tx.Update(ctx, crm.NormalizedIntegration{ID: ds, Description: "DocuSign Sol", Environment: crm.EnvSandbox}, "", later)
	}); err != nil {
		t.Fatal(err)
	}
	keys, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, k := range keys {
		if k.ID != ds {
			continue
		}
		found = true
		if k.Description != "DocuSign Sol" || k.Provider != crm.ProviderDocuSign || k.DocuSignAccountID != acc.ID ||
			k.DocuSignAccountName != acc.Name || k.DocuSignBaseURI != acc.BaseURI || k.DeadlineDays != 0 {
			t.Fatalf("listed DocuSign key = %+v", k)
		}
	}
	if !found {
		t.Fatal("DocuSign key not listed")
	}
	if err := s.Tx(ctx, func(tx crm.IntegrationTx) error { return tx.SetDocuSignAccount(ctx, ds+100, acc, later) }); crm.AsError(err).Code != crm.CodeNotFound {
		t.Fatalf("account of an unknown key = %v", err)
	}
	// The CHECK still refuses a provider Selo does not speak.
	if err := s.Tx(ctx, func(tx crm.IntegrationTx) error {
		_, err := tx.Insert(ctx, crm.NormalizedIntegration{Description: "X", Provider: "adobe", Environment: crm.EnvSandbox}, "", now)
		return err
	}); err == nil {
		t.Fatal("provider adobe accepted")
	}
}

// A selo.db from before 0023 with a Clicksign key that a development uses
// and whose webhook is set up: the upgrade widens the provider CHECK in
// place, so neither the key, nor the development pointing at it, nor its
// webhook row (which a table rebuild would cascade away) is lost, and the
// schema stays sound.
func TestMigration0023KeepsKeysAndWhatPointsAtThem(t *testing.T) {
	skipOnPostgres(t, "upgrades a selo.db written before 0023; PostgreSQL alters the constraint directly")
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "selo.db")
	raw, err := sql.Open("sqlite", "file:"+p+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Version >= 23 {
			break
		}
		if _, err := raw.Exec(m.SQL); err != nil {
			t.Fatalf("%d: %v", m.Version, err)
		}
		if _, err := raw.Exec(`INSERT INTO schema_migrations VALUES (?, ?, 'x')`, m.Version, m.Name); err != nil {
			t.Fatal(err)
		}
	}
	const ts = "2026-01-01T00:00:00Z"
	for _, q := range []string{
		`INSERT INTO integrations (id, description, environment, token_last4, has_token, created_at, updated_at) VALUES (1, 'Clicksign', 'production', 'abcd', 1, '` + ts + `', '` + ts + `')`,
		`INSERT INTO developments (id, name, integrated, integration_id, created_at, updated_at) VALUES (1, 'Residencial Sol', 1, 1, '` + ts + `', '` + ts + `')`,
		`INSERT INTO clicksign_webhooks (integration_id, mode, created_at, updated_at) VALUES (1, 'manual', '` + ts + `', '` + ts + `')`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()

	db, err := Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	k, err := db.Integrations().Get(ctx, 1)
	if err != nil || k.Provider != crm.ProviderClicksign || k.TokenLast4 != "abcd" || len(k.UsedBy) != 1 || k.UsedBy[0] != "Residencial Sol" {
		t.Fatalf("key after 0023 = %+v, %v", k, err)
	}
	var hooks int
	if err := db.QueryRow(`SELECT COUNT(*) FROM clicksign_webhooks WHERE integration_id = 1`).Scan(&hooks); err != nil || hooks != 1 {
		t.Fatalf("webhook rows = %d, %v", hooks, err)
	}
	var ok string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check = %q, %v", ok, err)
	}
	rows, err := db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Fatal("foreign_key_check found a dangling reference")
	}
	rows.Close()
	if err := db.Integrations().Tx(ctx, func(tx crm.IntegrationTx) error {
		_, err := tx.Insert(ctx, crm.NormalizedIntegration{Description: "DocuSign", Provider: crm.ProviderDocuSign, Environment: crm.EnvSandbox}, "", time.Now())
		return err
	}); err != nil {
		t.Fatalf("a DocuSign key after the upgrade: %v", err)
	}
}
