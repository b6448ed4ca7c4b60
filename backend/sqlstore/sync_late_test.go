package sqlstore

import (
	"context"
	"sync"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/signing"
)

// A PC that lost the network while syncing may still deliver the write it
// had under way after another PC took the lease over and wrote the same
// facts (issue #15, item 8). Applying one sync twice, in either order or at
// once, leaves what applying it once does: one timeline event per
// Clicksign event, the signer signed once.
func TestLateSyncWriteDoesNotDoubleApply(t *testing.T) {
	ctx := context.Background()
	db := openEnvelopesDB(t)
	s := db.Envelopes()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	op := signing.SendOperation{Key: signing.SendKey(9, []int64{5}), ReservationID: 9, IntegrationID: 2,
		ContractIDs: []int64{5}, Name: "Contratos da reserva 9"}
	id, _, err := s.CreateSend(ctx, op, now)
	if err != nil {
		t.Fatal(err)
	}
	holder := crm.ResolveSigner(crm.NewSignerRule(crm.SignerHolder), crm.FixedPerson{Name: "Maria Souza", Email: "maria@exemplo.com.br", CPF: "11144477735"})
	steps := []func() error{
		func() error {
			return s.SavePrepared(ctx, id, "Contratos", "Contratos.pdf", []byte("%PDF-1.7 x"), []signing.SendSigner{{Position: 0, Signer: holder}}, now)
		},
		func() error { return s.BeginEnvelope(ctx, id, now.AddDate(0, 0, 15), now) },
		func() error { return s.SetEnvelope(ctx, id, "env-late", now) },
		func() error { return s.SetDocument(ctx, id, "doc-1", now) },
		func() error { return s.SetSignerID(ctx, id, 0, "sig-1", now) },
		func() error { return s.RecordActivated(ctx, id, now) },
		func() error { return s.SetSendStatus(ctx, id, signing.SendSent, "", nil, now) },
	}
	for i, f := range steps {
		if err := f(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	signedAt := now.Add(time.Hour)
	u := signing.SyncUpdate{EnvelopeID: "env-late", OperationID: id, RemoteStatus: "closed", Modified: "m2", State: crm.EnvelopeFinished,
		Signers: []signing.SignerFact{{ID: "sig-1", State: crm.SignerSigned, At: signedAt}},
		Events: []signing.EventFact{
			{ID: "ev-sign", Name: "sign", SignerID: "sig-1", At: signedAt},
			{ID: "ev-close", Name: "auto_close", At: signedAt.Add(time.Second)},
		},
	}

	// PC B, holding the lease now, writes; PC A's late write of the same
	// facts lands after it, and once more at the same moment as B's retry.
	if err := s.ApplySync(ctx, u, now.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.ApplySync(ctx, u, now.Add(3*time.Hour)); err != nil {
		t.Fatalf("late write: %v", err)
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			if err := s.ApplySync(ctx, u, now.Add(4*time.Hour)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()

	var events, distinct int
	if err := db.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT event_id) FROM envelope_events WHERE envelope_id = ?`, "env-late").Scan(&events, &distinct); err != nil {
		t.Fatal(err)
	}
	if events != 2 || distinct != 2 {
		t.Fatalf("timeline rows = %d (%d distinct), want the 2 events once each", events, distinct)
	}
	views, err := s.EnvelopeViews(ctx, 9, now.Add(5*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(views) != 1 || views[0].State != crm.EnvelopeFinished || len(views[0].Signers) != 1 ||
		views[0].Signers[0].State != crm.SignerSigned || !views[0].Signers[0].At.Equal(signedAt) || len(views[0].Timeline) != 2 {
		t.Fatalf("envelope after the double write = %+v", views)
	}
}
