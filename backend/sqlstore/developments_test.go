package sqlstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"selo/backend/crm"
)

// TestDevelopmentsListAndArchive: an archived development leaves the
// default list and stays in the full one, marked archived; a name already
// used in another letter case is refused on the name field.
func TestDevelopmentsListAndArchive(t *testing.T) {
	ctx := context.Background()
	db, _ := openTestDB(t)
	s := db.Developments()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	jardins, err := s.Insert(ctx, crm.DevelopmentInput{Name: "Residencial Jardins", City: "Campinas", State: "SP"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Insert(ctx, crm.DevelopmentInput{Name: "Vila Nova"}, now); err != nil {
		t.Fatal(err)
	}
	_, err = s.Insert(ctx, crm.DevelopmentInput{Name: "RESIDENCIAL JARDINS"}, now)
	var inv *crm.Invalid
	if !errors.As(err, &inv) || inv.Problems[0].Code != crm.CodeDuplicate || inv.Problems[0].Field != "name" {
		t.Fatalf("same name in capitals: %v, want %s on name", err, crm.CodeDuplicate)
	}
	if err := s.SetArchived(ctx, jardins, true, now); err != nil {
		t.Fatal(err)
	}
	active, err := s.List(ctx, false)
	if err != nil || len(active) != 1 || active[0].Name != "Vila Nova" {
		t.Fatalf("default list = %+v, %v; want only Vila Nova", active, err)
	}
	all, err := s.List(ctx, true)
	if err != nil || len(all) != 2 || all[0].ID != jardins || !all[0].Archived || all[1].Archived {
		t.Fatalf("full list = %+v, %v; want Jardins (archived) then Vila Nova", all, err)
	}
}
