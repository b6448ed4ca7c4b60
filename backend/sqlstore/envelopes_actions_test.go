package sqlstore

import (
	"context"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/signing"
)

func TestEnvelopeDetailNamesTheSendTheClientAndTheSigners(t *testing.T) {
	db, res := newContractsFixture(t)
	ctx := context.Background()
	s := db.Envelopes()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	id, _, err := s.CreateSend(ctx, signing.SendOperation{Key: signing.SendKey(res, []int64{1}), ReservationID: res,
		IntegrationID: 3, ContractIDs: []int64{1}, Name: "Reserva — Apto 101"}, now)
	if err != nil {
		t.Fatal(err)
	}
	holder := crm.ResolveSigner(crm.NewSignerRule(crm.SignerHolder), crm.FixedPerson{Name: "Maria da Silva", Email: "maria@exemplo.com.br"})
	witness := crm.NewSignerRule(crm.SignerWitness)
	witness.SendOrder = 2
	wit := crm.ResolveSigner(witness, crm.FixedPerson{})
	wit.Name = "Tânia Testemunha"
	steps := []func() error{
		func() error {
			return s.SavePrepared(ctx, id, "Reserva — Apto 101 · ref. X", "Reserva.pdf", []byte("%PDF-1.7 x"),
				[]signing.SendSigner{{Position: 0, Signer: holder}, {Position: 1, Signer: wit}}, now)
		},
		func() error { return s.BeginEnvelope(ctx, id, now.AddDate(0, 0, 15), now) },
		func() error { return s.SetEnvelope(ctx, id, "env-1", now) },
		func() error { return s.SetDocument(ctx, id, "doc-1", now) },
		func() error { return s.SetSignerID(ctx, id, 0, "sig-maria", now) },
		func() error { return s.SetSignerID(ctx, id, 1, "sig-tania", now) },
		func() error { return s.RecordActivated(ctx, id, now) },
	}
	for i, f := range steps {
		if err := f(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}

	d, err := s.EnvelopeDetail(ctx, "env-1")
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "Reserva — Apto 101" || d.Client != "Maria da Silva" || d.RemoteStatus != "running" || d.Missing ||
		d.ReservationID != res || d.IntegrationID != 3 || d.OperationID != id || d.DocumentID != "doc-1" || d.State != crm.EnvelopeRunning {
		t.Fatalf("detail = %+v", d)
	}
	if len(d.Signers) != 2 || d.Signers[0].ID != "sig-maria" || d.Signers[1].Group != 2 {
		t.Fatalf("signers = %+v", d.Signers)
	}
	if d.SignerNames["sig-maria"] != "Maria da Silva" || d.SignerNames["sig-tania"] != "Tânia Testemunha" {
		t.Fatalf("names = %v", d.SignerNames)
	}

	if err := s.MarkMissing(ctx, "env-1", now); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.EnvelopeDetail(ctx, "env-1"); !d.Missing {
		t.Fatal("missing not reported")
	}
	if _, err := s.EnvelopeDetail(ctx, "nope"); crm.AsError(err).Code != crm.CodeNotFound {
		t.Fatalf("unknown envelope: %v", err)
	}
}
