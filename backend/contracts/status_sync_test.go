package contracts

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/filestore"
	"selo/backend/signing"
)

// sendOne generates the reservation's contract and sends it; it returns the
// contract id and a Syncer over the fixture.
func sendOne(t *testing.T, f *fixture) (int64, *signing.Syncer) {
	t.Helper()
	ctx := context.Background()
	f.input.Associates[0].Phone1 = "(21) 98888-7777"
	if _, err := f.resv.Save(ctx, f.input); err != nil {
		t.Fatal(err)
	}
	list, err := f.svc.Generate(ctx, f.resID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Send(ctx, f.resID, []int64{list[0].ID}); err != nil {
		t.Fatal(err)
	}
	f.sender.Wait()
	return list[0].ID, &signing.Syncer{Sender: f.sender, Store: f.db.Envelopes(), Files: filestore.New(t.TempDir())}
}

func contractState(t *testing.T, f *fixture, id int64) crm.ContractState {
	t.Helper()
	list, err := f.svc.List(context.Background(), f.resID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if c.ID == id {
			return c.State
		}
	}
	t.Fatalf("contract %d not listed", id)
	return ""
}

func TestSyncSignsTheContractsOfAFinishedEnvelope(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id, sy := sendOne(t, f)
	views, err := sy.Views(ctx, f.resID)
	if err != nil || len(views) != 1 {
		t.Fatalf("views %v %v", views, err)
	}
	for _, g := range views[0].Signers {
		if err := f.sim.Sign(views[0].ID, g.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sy.Sync(ctx, f.resID); err != nil {
		t.Fatal(err)
	}
	if got := contractState(t, f, id); got != crm.StateSigned {
		t.Fatalf("contract state = %s, want signed", got)
	}
}

func TestSyncCancelsTheContractsWhenTheDeadlinePasses(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id, sy := sendOne(t, f)
	if err := f.sim.Advance(60 * 24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := sy.Sync(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if got := contractState(t, f, id); got != crm.StateCanceled {
		t.Fatalf("contract state = %s, want canceled", got)
	}
	views, _ := sy.Views(ctx, f.resID)
	if views[0].State != crm.EnvelopeExpired {
		t.Fatalf("envelope state = %s, want vencido", views[0].State)
	}
}

func TestSendAgainAfterTheDeadlineMakesOneNewEnvelope(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.input.Associates[0].Phone1 = "(21) 98888-7777"
	if _, err := f.resv.Save(ctx, f.input); err != nil {
		t.Fatal(err)
	}
	gen, err := f.svc.Generate(ctx, f.resID)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile("../pdfs/testdata/contract.pdf")
	if err != nil {
		t.Fatal(err)
	}
	att, err := f.svc.Attach(ctx, f.resID, "Planta da unidade", "planta.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Send(ctx, f.resID, []int64{gen[0].ID, att.ID}); err != nil {
		t.Fatal(err)
	}
	f.sender.Wait()
	sy := &signing.Syncer{Sender: f.sender, Store: f.db.Envelopes(), Files: filestore.New(t.TempDir())}

	if _, err := f.svc.SendAgain(ctx, f.resID, "no-such-envelope"); codes(err)[0] != CodeNothingToSendAgain {
		t.Fatalf("unknown envelope: %v", err)
	}
	views, _ := sy.Views(ctx, f.resID)
	if _, err := f.svc.SendAgain(ctx, f.resID, views[0].ID); codes(err)[0] != CodeNothingToSendAgain {
		t.Fatalf("running envelope: %v, want %s", err, CodeNothingToSendAgain)
	}
	if err := f.sim.Advance(60 * 24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	// The days pass for the office too: the next deadline counts from
	// the same day Clicksign sees.
	f.sender.Now = f.sim.Now
	if _, err := sy.Sync(ctx, 0); err != nil {
		t.Fatal(err)
	}
	list, _ := f.svc.List(ctx, f.resID)
	for _, c := range list {
		if c.State != crm.StateCanceled || c.EndedAs != string(crm.EnvelopeExpired) || c.EndedEnvelopeID != views[0].ID {
			t.Fatalf("after the deadline: %+v", c)
		}
	}

	// A double click (two calls at once): one send, the other is told.
	type result struct {
		op  int64
		err error
	}
	results := make(chan result, 2)
	for range 2 {
		go func() {
			op, err := f.svc.SendAgain(ctx, f.resID, views[0].ID)
			results <- result{op, err}
		}()
	}
	r1, r2 := <-results, <-results
	if r1.err != nil {
		r1, r2 = r2, r1
	}
	if r1.err != nil || r2.err == nil || codes(r2.err)[0] != CodeAlreadySentAgain {
		t.Fatalf("two calls at once: %+v and %+v, want one send and %s", r1, r2, CodeAlreadySentAgain)
	}
	op := r1.op
	f.sender.Wait()
	got, err := f.sender.Get(ctx, op)
	if err != nil || got.Status != "sent" || len(got.ContractIDs) != 2 {
		t.Fatalf("second send: %+v %v", got, err)
	}
	list, _ = f.svc.List(ctx, f.resID)
	var states []crm.ContractState
	for _, c := range list {
		states = append(states, c.State)
	}
	want := []crm.ContractState{crm.StateCanceled, crm.StateCanceled, crm.StateSent, crm.StateSent}
	if !slices.Equal(states, want) || list[3].Name != "Planta da unidade" {
		t.Fatalf("contracts after sending again: %v (%+v)", states, list)
	}
	if !list[0].SentAgain || !list[1].SentAgain || list[2].SentAgain {
		t.Fatalf("sentAgain flags: %+v", list)
	}
	// A second click makes neither a third take nor a second envelope.
	if _, err := f.svc.SendAgain(ctx, f.resID, views[0].ID); codes(err)[0] != CodeAlreadySentAgain {
		t.Fatalf("second click: %v", err)
	}
	envs, _ := f.db.Envelopes().ListEnvelopes(ctx, f.resID)
	if n, _ := f.svc.List(ctx, f.resID); len(n) != 4 || len(envs) != 2 {
		t.Fatalf("after a second click: %d contracts, %d envelopes", len(n), len(envs))
	}
}
