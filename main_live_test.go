package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"selo/app"
	"selo/backend/crm"
	"selo/backend/datahome"
	"selo/backend/sqlstore"
	"selo/backend/templates"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/zalando/go-keyring"
)

// changeRecorder keeps the data:changed events a window received.
type changeRecorder struct {
	mu      sync.Mutex
	batches [][]crm.ChangeArea
}

func (r *changeRecorder) Emit(name string, data ...any) {
	if name != string(app.EventDataChanged) || len(data) != 1 {
		return
	}
	d, ok := data[0].(app.DataChanged)
	if !ok {
		return
	}
	r.mu.Lock()
	r.batches = append(r.batches, d.Areas)
	r.mu.Unlock()
}

func (r *changeRecorder) heard(a crm.ChangeArea) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, b := range r.batches {
		if slices.Contains(b, a) {
			return true
		}
	}
	return false
}

// wirePC wires a whole Selo over db, as main does, with its window's events
// going to rec, and starts it.
func wirePC(t *testing.T, db *sqlstore.DB, rec app.Emitter) []any {
	t.Helper()
	home, err := datahome.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	a := app.New(log)
	a.Emitter = rec
	uploads := app.NewUploads(templates.NewInbox(filepath.Join(home.Dir, "uploads"), crm.MaxTemplateBytes, log), log)
	bound, warnings := wire(a, home, db, log, uploads)
	if len(warnings) != 0 {
		t.Fatalf("start-up warnings: %v", warnings)
	}
	a.Startup(context.Background())
	t.Cleanup(func() { a.Shutdown(context.Background()) })
	return bound
}

// TestWiredOfficePCsReloadEachOthersScreens: two Selo apps wired as main
// wires them on one office database. The sample data loaded on PC A (a
// bound call, as the Painel's button makes it) reaches PC B's window as
// data:changed for reservations, and a send on A as data:changed for
// envelopes, each within 2 s, with no click on B. On SQLite (one PC) the window hears nothing of the kind.
func TestWiredOfficePCsReloadEachOthersScreens(t *testing.T) {
	keyring.MockInit()
	ctx := context.Background()
	dsn := os.Getenv("SELO_TEST_POSTGRES")
	if dsn == "" {
		home, err := datahome.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		db, err := sqlstore.Open(ctx, home.DatabasePath())
		if err != nil {
			t.Fatal(err)
		}
		rec := &changeRecorder{}
		bound := wirePC(t, db, rec)
		if err := find[*app.FirstRun](bound).LoadSample(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
		rec.mu.Lock()
		defer rec.mu.Unlock()
		if len(rec.batches) != 0 {
			t.Fatalf("one PC on SQLite announced %v", rec.batches)
		}
		return
	}
	cfg := freshOfficeDatabase(t, dsn)
	dbA, err := sqlstore.OpenPostgres(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	dbB, err := sqlstore.OpenPostgres(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	recA, recB := &changeRecorder{}, &changeRecorder{}
	boundA := wirePC(t, dbA, recA)
	wirePC(t, dbB, recB)
	// B's listener opens its session at start-up: give it a moment, as a
	// window takes to open.
	time.Sleep(300 * time.Millisecond)

	start := time.Now()
	if err := find[*app.FirstRun](boundA).LoadSample(); err != nil {
		t.Fatal(err)
	}
	within2s(t, recB, start, crm.ChangeReservations)

	// A rep on A generates the reservation's contracts and sends them (on
	// the Simulador local): B's Painel hears of the envelope.
	page, err := find[*app.Reservations](boundA).List(crm.ReservationFilter{})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("sample reservations: %+v, %v", page, err)
	}
	resID := page.Items[0].ID
	docs := find[*app.Contracts](boundA)
	generated, err := docs.Generate(resID)
	if err != nil || len(generated) == 0 {
		t.Fatalf("generate: %d contracts, %v", len(generated), err)
	}
	ids := make([]int64, len(generated))
	for i, c := range generated {
		ids[i] = c.ID
	}
	start = time.Now()
	if _, err := docs.Send(resID, ids); err != nil {
		t.Fatal(err)
	}
	within2s(t, recB, start, crm.ChangeEnvelopes)
}

// within2s waits until rec heard area, failing after 2 s from start.
func within2s(t *testing.T, rec *changeRecorder, start time.Time, area crm.ChangeArea) {
	t.Helper()
	for !rec.heard(area) {
		if time.Since(start) > 2*time.Second {
			rec.mu.Lock()
			defer rec.mu.Unlock()
			t.Fatalf("PC B's window heard %v within 2 s of A's write, want %s", rec.batches, area)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("PC B heard %s after %v", area, time.Since(start))
}

// freshOfficeDatabase creates an empty database on the test server and
// drops it when the test ends.
func freshOfficeDatabase(t *testing.T, dsn string) sqlstore.PostgresConfig {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil || u.Host == "" {
		t.Fatal("SELO_TEST_POSTGRES is not a postgres:// URL")
	}
	port, _ := strconv.Atoi(u.Port())
	pw, _ := u.User.Password()
	server := sqlstore.PostgresConfig{Host: u.Hostname(), Port: port, Database: u.Path[1:], User: u.User.Username(),
		Password: pw, SSLMode: u.Query().Get("sslmode")}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "selo_live_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		for try := 0; try < 50; try++ {
			if _, err = admin.Exec(`DROP DATABASE IF EXISTS ` + name); err == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Errorf("dropping %s: %v", name, err)
	})
	cfg := server
	cfg.Database = name
	return cfg
}
