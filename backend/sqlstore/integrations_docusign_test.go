package sqlstore

import (
	"context"
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
