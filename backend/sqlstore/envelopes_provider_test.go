package sqlstore

import (
	"context"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/signing"
)

// The reservation screen's "Simular assinatura" goes to the simulator of
// the envelope's service, so each envelope view names its key's provider.
func TestEnvelopeViewsNameTheKeysProvider(t *testing.T) {
	ctx := context.Background()
	db := openEnvelopesDB(t)
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	var ds, cs int64
	if err := db.Integrations().Tx(ctx, func(tx crm.IntegrationTx) error {
		var err error
		if ds, err = tx.Insert(ctx, crm.NormalizedIntegration{Description: "Treino DocuSign", Provider: crm.ProviderDocuSign,
			Environment: crm.EnvSimulator, DeadlineDays: 15}, "", now); err != nil {
			return err
		}
		cs, err = tx.Insert(ctx, crm.NormalizedIntegration{Description: "Treino Clicksign", Provider: crm.ProviderClicksign,
			Environment: crm.EnvSimulator}, "", now)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	s := db.Envelopes()
	for i, key := range []int64{ds, cs} {
		op := signing.SendOperation{Key: signing.SendKey(4, []int64{int64(i + 1)}), ReservationID: 4, IntegrationID: key,
			ContractIDs: []int64{int64(i + 1)}, Name: "Contratos"}
		id, _, err := s.CreateSend(ctx, op, now)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SavePrepared(ctx, id, "Contratos", "Contratos.pdf", []byte("%PDF-1.7 x"), nil, now); err != nil {
			t.Fatal(err)
		}
		if err := s.BeginEnvelope(ctx, id, now.AddDate(0, 0, 15), now); err != nil {
			t.Fatal(err)
		}
		if err := s.SetEnvelope(ctx, id, []string{"env-ds", "env-cs"}[i], now); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordActivated(ctx, id, now.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	views, err := s.EnvelopeViews(ctx, 4, now)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]crm.Provider{}
	for _, v := range views {
		if !v.Simulator {
			t.Fatalf("%s: not a Simulador local envelope: %+v", v.ID, v)
		}
		got[v.ID] = v.Provider
	}
	if len(got) != 2 || got["env-ds"] != crm.ProviderDocuSign || got["env-cs"] != crm.ProviderClicksign {
		t.Fatalf("providers = %v, want env-ds docusign and env-cs clicksign", got)
	}
}
