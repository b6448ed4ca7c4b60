package contracts

import (
	"context"
	"testing"
	"time"

	"selo/backend/signing"
	"selo/backend/sqlite"
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
	return list[0].ID, &signing.Syncer{Sender: f.sender, Store: f.db.Envelopes(), Home: t.TempDir()}
}

func contractState(t *testing.T, f *fixture, id int64) sqlite.ContractState {
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
	if got := contractState(t, f, id); got != sqlite.StateSigned {
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
	if got := contractState(t, f, id); got != sqlite.StateCanceled {
		t.Fatalf("contract state = %s, want canceled", got)
	}
	views, _ := sy.Views(ctx, f.resID)
	if views[0].State != signing.StateExpired {
		t.Fatalf("envelope state = %s, want vencido", views[0].State)
	}
}
