package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"selo/app"
	"selo/backend/crm"
	"selo/backend/datahome"
	"selo/backend/sqlstore"
	"selo/backend/templates"

	"github.com/zalando/go-keyring"
)

// events records what the backend emits to the window.
type events struct {
	mu    sync.Mutex
	names []string
}

func (e *events) Emit(name string, _ ...any) {
	e.mu.Lock()
	e.names = append(e.names, name)
	e.mu.Unlock()
}

func (e *events) seen(name string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, n := range e.names {
		if n == name {
			return true
		}
	}
	return false
}

// eventually polls cond for a few seconds: far less than status sync's
// own timer (30 s and more), so only a wake-up gets there in time.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(8 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 8 s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func find[T any](bound []any) T {
	for _, b := range bound {
		if v, ok := b.(T); ok {
			return v
		}
	}
	var zero T
	return zero
}

// The wired app, as the window gets it: a send on the Simulador local
// wakes status sync without "Atualizar", and so does a signature on the
// training desk. Each part is built in main.go; a hand-off missing there
// leaves sync asleep until its timer, long after this test gives up.
func TestWiredAppWakesStatusSyncAfterASendAndATrainingSignature(t *testing.T) {
	keyring.MockInit()
	dir := t.TempDir()
	home, err := datahome.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlstore.Open(context.Background(), home.DatabasePath())
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	a := app.New(log)
	emitted := &events{}
	a.Emitter = emitted
	uploads := app.NewUploads(templates.NewInbox(filepath.Join(home.Dir, "uploads"), crm.MaxTemplateBytes, log), log)
	bound, warnings := wire(a, home, db, log, uploads)
	if len(warnings) != 0 {
		t.Fatalf("start-up warnings: %v", warnings)
	}
	a.Startup(context.Background())
	t.Cleanup(func() { a.Shutdown(context.Background()) })

	if err := find[*app.FirstRun](bound).LoadSample(); err != nil {
		t.Fatal(err)
	}
	page, err := find[*app.Reservations](bound).List(crm.ReservationFilter{})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("sample reservations: %+v, %v", page, err)
	}
	resID := page.Items[0].ID
	docs := find[*app.Contracts](bound)
	generated, err := docs.Generate(resID)
	if err != nil || len(generated) == 0 {
		t.Fatalf("generate: %d contracts, %v", len(generated), err)
	}
	ids := make([]int64, len(generated))
	for i, c := range generated {
		ids[i] = c.ID
	}
	if _, err := docs.Send(resID, ids); err != nil {
		t.Fatal(err)
	}
	eventually(t, "envelope:sent", func() bool { return emitted.seen(string(app.EventEnvelopeSent)) })

	envelopes := find[*app.Envelopes](bound)
	view := func() crm.EnvelopeView {
		views, err := envelopes.List(resID)
		if err != nil || len(views) != 1 {
			t.Fatalf("envelopes of the reservation: %+v, %v", views, err)
		}
		return views[0]
	}
	// Sync ran once at start-up, with nothing running; only the send's
	// news makes it read the new envelope.
	eventually(t, "status sync reading the sent envelope", func() bool { return !view().SyncedAt.IsZero() })

	desk := find[*app.Simulator](bound)
	sims, err := desk.Envelopes()
	if err != nil || len(sims) != 1 || len(sims[0].Signers) == 0 {
		t.Fatalf("simulated envelopes: %+v, %v", sims, err)
	}
	first := sims[0].Signers[0]
	for _, s := range sims[0].Signers {
		if s.Group < first.Group {
			first = s
		}
	}
	if err := desk.Sign(sims[0].ID, first.ID); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the training signature reaching the reservation screen", func() bool {
		for _, s := range view().Signers {
			if s.ID == first.ID {
				return s.State == crm.SignerSigned
			}
		}
		return false
	})
}
