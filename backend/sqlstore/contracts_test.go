package sqlstore

import (
	"context"
	"strings"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/signing"
)

// newContractsFixture makes a reservation on a fresh database.
func newContractsFixture(t *testing.T) (*DB, int64) {
	t.Helper()
	f := newLegalFixture(t)
	ctx := context.Background()
	id, err := f.db.Reservations().Create(ctx, crm.ReservationInput{UnitID: f.unitA101, Status: crm.ReservationInReview,
		Holder: crm.Person{Name: "Maria da Silva", CPF: "529.982.247-25"}}, 100, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return f.db, id
}

func sha(c byte) string { return strings.Repeat(string(c), 64) }

func TestContractStatesFollowTheSends(t *testing.T) {
	db, res := newContractsFixture(t)
	ctx := context.Background()
	now := time.Now()
	s := db.Contracts()
	gen, _, err := s.Save(ctx, crm.Contract{ReservationID: res, Kind: crm.ContractGenerated, AssociationID: 9, Name: "Promessa", Pages: 2, Size: 10, SHA256: sha('a')}, now)
	if err != nil {
		t.Fatal(err)
	}
	att, _, err := s.Save(ctx, crm.Contract{ReservationID: res, Kind: crm.ContractAttached, Name: "Anexo", Pages: 1, Size: 10, SHA256: sha('b')}, now)
	if err != nil {
		t.Fatal(err)
	}
	state := func(id int64) crm.ContractState {
		t.Helper()
		c, err := s.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return c.State
	}
	if state(gen) != crm.StateGenerated || state(att) != crm.StateGenerated {
		t.Fatal("new contracts are not gerado")
	}

	env := db.Envelopes()
	op, _, err := env.CreateSend(ctx, signing.SendOperation{Key: signing.SendKey(res, []int64{gen}), ReservationID: res,
		IntegrationID: 1, ContractIDs: []int64{gen}, Name: "x"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if state(gen) != crm.StateSending || state(att) != crm.StateGenerated {
		t.Fatalf("pending send: %s %s", state(gen), state(att))
	}
	// A validation failure reached nothing remote: the contract is gerado,
	// and re-generating it closes that operation.
	if err := env.SetSendStatus(ctx, op, signing.SendFailed, signing.CodeValidationFailed, nil, now); err != nil {
		t.Fatal(err)
	}
	if state(gen) != crm.StateGenerated {
		t.Fatalf("after a validation failure: %s", state(gen))
	}
	gen2, orphans, err := s.Save(ctx, crm.Contract{ReservationID: res, Kind: crm.ContractGenerated, AssociationID: 9, Name: "Promessa", Pages: 2, Size: 10, SHA256: sha('c')}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(orphans) != 1 || orphans[0] != sha('a') {
		t.Fatalf("orphans %v", orphans)
	}
	if open, _ := env.OpenSends(ctx); len(open) != 0 {
		t.Fatalf("replaced contract's operation still open: %v", open)
	}
	list, _ := s.List(ctx, res)
	if len(list) != 2 || list[0].ID != gen2 || list[1].ID != att {
		t.Fatalf("order after re-generation: %+v", list)
	}

	// Sent: locked; released envelope: cancelado; signed_at: assinado.
	op2, _, err := env.CreateSend(ctx, signing.SendOperation{Key: signing.SendKey(res, []int64{gen2}), ReservationID: res,
		IntegrationID: 1, ContractIDs: []int64{gen2}, Name: "x"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if err := env.SetEnvelope(ctx, op2, "env-1", now); err != nil {
		t.Fatal(err)
	}
	if err := env.SetSendStatus(ctx, op2, signing.SendSent, "", nil, now); err != nil {
		t.Fatal(err)
	}
	if state(gen2) != crm.StateSent {
		t.Fatalf("sent: %s", state(gen2))
	}
	if _, err := s.Delete(ctx, gen2, now); crm.AsError(err).Code != crm.CodeContractLocked {
		t.Fatalf("delete sent: %v", err)
	}
	if id, _, _ := s.Save(ctx, crm.Contract{ReservationID: res, Kind: crm.ContractGenerated, AssociationID: 9, Name: "Promessa", Pages: 2, Size: 10, SHA256: sha('d')}, now); state(gen2) != crm.StateSent || id == gen2 {
		t.Fatal("re-generation touched a sent contract")
	}
	if err := env.ReleaseSend(ctx, op2, now); err != nil {
		t.Fatal(err)
	}
	if state(gen2) != crm.StateCanceled {
		t.Fatalf("released: %s", state(gen2))
	}
	if _, err := db.Exec(`UPDATE reservation_contracts SET signed_at = 'x' WHERE id = ?`, gen2); err != nil {
		t.Fatal(err)
	}
	if state(gen2) != crm.StateSigned {
		t.Fatalf("signed: %s", state(gen2))
	}
	if sum, err := s.Delete(ctx, att, now); err != nil || sum != sha('b') {
		t.Fatalf("delete attached: %q %v", sum, err)
	}
	if _, _, err := s.Save(ctx, crm.Contract{ReservationID: res, Kind: crm.ContractAttached, Name: "a/b", Pages: 1, Size: 1, SHA256: sha('e')}, now); err == nil {
		t.Fatal("a name with / was stored")
	}
}
