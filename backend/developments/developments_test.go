package developments

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"testing"

	"selo/backend/crm"
	"selo/backend/integrations"
	"selo/backend/secrets"
	"selo/backend/sqlstore"
)

type env struct {
	svc  *Service
	keys *integrations.Service
	db   *sqlstore.DB
}

func setup(t *testing.T) env {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), filepath.Join(t.TempDir(), "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	log := slog.New(slog.DiscardHandler)
	keys := integrations.New(db.Integrations(), secrets.NewMemory(), func(context.Context, crm.Environment, string) error { return nil }, log)
	return env{svc: New(db.Developments(), log), keys: keys, db: db}
}

func problem(err error) string {
	var inv *crm.Invalid
	if errors.As(err, &inv) {
		return inv.Problems[0].Code + "@" + inv.Problems[0].Field
	}
	var e *crm.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func TestStructureAndBulkUnits(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	d, err := e.svc.Save(ctx, crm.DevelopmentInput{Name: "Residencial Jardim das Acácias", City: "Campinas", State: "SP"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Save(ctx, crm.DevelopmentInput{Name: "residencial jardim das acácias"}); problem(err) != crm.CodeDuplicate+"@name" {
		t.Fatalf("duplicate development name: %v", err)
	}
	stage, err := e.svc.AddStage(ctx, d.ID, "Etapa 1")
	if err != nil {
		t.Fatal(err)
	}
	blockA, _ := e.svc.AddBlock(ctx, stage, "Bloco A")
	if _, err := e.svc.AddBlock(ctx, stage, "bloco a"); problem(err) != crm.CodeDuplicate+"@name" {
		t.Fatalf("duplicate block: %v", err)
	}
	n, err := e.svc.CreateUnits(ctx, crm.BulkUnitsInput{BlockID: blockA, FloorFrom: "1", FloorTo: "12", UnitsPerFloor: "4", Area: "65,40", Price: "450.000,00"})
	if err != nil || n != 48 {
		t.Fatalf("bulk = %d, %v", n, err)
	}
	// Overlap: floors 12-13 clash on 1201..1204; nothing of the batch is kept.
	_, err = e.svc.CreateUnits(ctx, crm.BulkUnitsInput{BlockID: blockA, FloorFrom: "12", FloorTo: "13", UnitsPerFloor: "4"})
	if problem(err) != crm.CodeUnitsOverlap+"@floorFrom" {
		t.Fatalf("overlap = %v", err)
	}
	got, err := e.svc.Get(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	units := got.Stages[0].Blocks[0].Units
	if len(units) != 48 || units[0].Number != "101" || units[47].Number != "1204" || units[0].PriceCents != 45000000 || got.UnitCounts["available"] != 48 {
		t.Fatalf("structure: %d units, first %+v, counts %v", len(units), units[0], got.UnitCounts)
	}

	// A block with a reserved unit cannot be deleted; the message names it.
	units[5].Status = crm.UnitReserved
	if _, err := e.svc.SaveUnit(ctx, crm.UnitInput{ID: units[5].ID, BlockID: blockA, Number: units[5].Number, Floor: "2", Status: crm.UnitReserved}); err != nil {
		t.Fatal(err)
	}
	err = e.svc.DeleteBlock(ctx, blockA)
	var ce *crm.Error
	if !errors.As(err, &ce) || ce.Code != crm.CodeInUse || ce.Data["usedBy"] != "unidades Bloco A 202" {
		t.Fatalf("delete block in use = %v", err)
	}
	if err := e.svc.DeleteStage(ctx, stage); problem(err) != crm.CodeInUse {
		t.Fatalf("delete stage in use = %v", err)
	}
	if err := e.svc.DeleteUnit(ctx, units[0].ID); err != nil {
		t.Fatalf("delete free unit: %v", err)
	}
}

func TestIntegratedDevelopmentHoldsItsKey(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	key, err := e.keys.Save(ctx, crm.IntegrationInput{Description: "Chave Clicksign", Environment: crm.EnvSimulator})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := e.svc.Save(ctx, crm.DevelopmentInput{Name: "Vila Verde"})
	if _, err := e.svc.SaveSettings(ctx, crm.DevelopmentSettings{ID: d.ID, Integrated: true}); problem(err) != crm.CodeIntegrationRequired+"@integrationId" {
		t.Fatalf("integrated without key = %v", err)
	}
	d, err = e.svc.SaveSettings(ctx, crm.DevelopmentSettings{ID: d.ID, Integrated: true, IntegrationID: key.ID})
	if err != nil || !d.Integrated || d.IntegrationName != "Chave Clicksign" {
		t.Fatalf("settings = %+v, %v", d, err)
	}

	err = e.keys.Delete(ctx, key.ID)
	var ce *crm.Error
	if !errors.As(err, &ce) || ce.Code != crm.CodeInUse || ce.Data["usedBy"] != "Vila Verde" {
		t.Fatalf("deleting a key in use = %v", err)
	}
	list, _ := e.keys.List(ctx)
	if len(list) != 1 || len(list[0].UsedBy) != 1 {
		t.Fatalf("keys list = %+v", list)
	}

	// Archiving hides it from the default list; the key stays chosen.
	if err := e.svc.SetArchived(ctx, d.ID, true); err != nil {
		t.Fatal(err)
	}
	if l, _ := e.svc.List(ctx, false); len(l) != 0 {
		t.Fatalf("archived development listed: %+v", l)
	}
	if l, _ := e.svc.List(ctx, true); len(l) != 1 || !l[0].Archived {
		t.Fatalf("archived list = %+v", l)
	}
}

func TestDeleteDevelopment(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	d, _ := e.svc.Save(ctx, crm.DevelopmentInput{Name: "Vila Nova"})
	st, _ := e.svc.AddStage(ctx, d.ID, "Etapa 1")
	b, _ := e.svc.AddBlock(ctx, st, "Bloco A")
	if _, err := e.svc.CreateUnits(ctx, crm.BulkUnitsInput{BlockID: b, FloorFrom: "1", FloorTo: "1", UnitsPerFloor: "2"}); err != nil {
		t.Fatal(err)
	}
	got, _ := e.svc.Get(ctx, d.ID)
	unit := got.Stages[0].Blocks[0].Units[0]
	if _, err := e.db.Exec(`INSERT INTO reservations (unit_id, development_id, price_cents, status, holder_name, holder_cpf, search_text, created_at, updated_at)
		VALUES (?, ?, 100, 'in_review', 'Ana Souza', '529.982.247-25', 'ana souza', 'x', 'x')`, unit.ID, d.ID); err != nil {
		t.Fatal(err)
	}
	err := e.svc.Delete(ctx, d.ID)
	var ce *crm.Error
	if !errors.As(err, &ce) || ce.Code != crm.CodeInUse || ce.Data["usedBy"] != "reservas 1" {
		t.Fatalf("delete with a reservation = %v", err)
	}
	if _, err := e.db.Exec(`DELETE FROM reservations`); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Delete(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	e.db.QueryRow(`SELECT COUNT(*) FROM units`).Scan(&n)
	if _, err := e.svc.Get(ctx, d.ID); crm.AsError(err).Code != crm.CodeNotFound || n != 0 {
		t.Fatalf("after delete: get=%v units=%d", err, n)
	}
}

// TestSaveRefusesAStaleVersion: the form's version reaches the store
// through validation, so a save over a newer one is refused and names who
// saved it.
func TestSaveRefusesAStaleVersion(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	d, err := e.svc.Save(ctx, crm.DevelopmentInput{Name: "Residencial Ipê"})
	if err != nil {
		t.Fatal(err)
	}
	e.db.SetActor(crm.Actor{UserID: 1, Name: "Ana Gestora"})
	if _, err := e.svc.Save(ctx, crm.DevelopmentInput{ID: d.ID, Name: "Residencial Ipê Amarelo", Version: d.Version}); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Save(ctx, crm.DevelopmentInput{ID: d.ID, Name: "Residencial Ipê Roxo", Version: d.Version})
	var ce *crm.Error
	if !errors.As(err, &ce) || ce.Code != crm.CodeConflict || ce.Data["by"] != "Ana Gestora" {
		t.Fatalf("stale save = %v, want %s by Ana Gestora", err, crm.CodeConflict)
	}
	if got, _ := e.svc.Get(ctx, d.ID); got.Name != "Residencial Ipê Amarelo" {
		t.Fatalf("name after the refused save = %q", got.Name)
	}
}
