package reservations

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"testing"

	"selo/backend/crm"
	"selo/backend/developments"
	"selo/backend/sqlstore"
)

type fixture struct {
	svc   *Service
	db    *sqlstore.DB
	units []crm.Unit
	devID int64
}

func setup(t *testing.T) fixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	devs := developments.New(db.Developments(), slog.New(slog.DiscardHandler))
	d, _ := devs.Save(ctx, crm.DevelopmentInput{Name: "Residencial Ipê"})
	st, _ := devs.AddStage(ctx, d.ID, "Etapa 1")
	b, _ := devs.AddBlock(ctx, st, "Bloco A")
	if _, err := devs.CreateUnits(ctx, crm.BulkUnitsInput{BlockID: b, FloorFrom: "1", FloorTo: "2", UnitsPerFloor: "2", Price: "300.000"}); err != nil {
		t.Fatal(err)
	}
	got, _ := devs.Get(ctx, d.ID)
	return fixture{svc: New(db.Reservations(), slog.New(slog.DiscardHandler)), db: db, units: got.Stages[0].Blocks[0].Units, devID: d.ID}
}

func (f fixture) unitStatus(t *testing.T, id int64) crm.UnitStatus {
	var s crm.UnitStatus
	if err := f.db.QueryRow(`SELECT status FROM units WHERE id = ?`, id).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func input(unit int64, name, cpf string) crm.ReservationInput {
	return crm.ReservationInput{UnitID: unit, Price: "310.000,00", Holder: crm.Person{
		Name: name, CPF: cpf, Email: "cliente@example.com", Phone1: "11987654321",
	}}
}

func code(err error) string {
	var inv *crm.Invalid
	if errors.As(err, &inv) {
		return inv.Problems[0].Code + "@" + inv.Problems[0].Field
	}
	return crm.AsError(err).Code
}

func TestReservingAUnitAndFreeingIt(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	unit := f.units[0].ID
	in := input(unit, "José da Conceição", "529.982.247-25")
	in.Associates = []crm.Associate{{Kind: crm.AssociateSpouse, Person: crm.Person{Name: "Ana da Conceição", Phone1: "11912345678"}}}
	r, err := f.svc.Save(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != crm.ReservationInReview || r.PriceCents != 31000000 || r.UnitNumber != "101" || len(r.Associates) != 1 {
		t.Fatalf("reservation %+v", r)
	}
	if f.unitStatus(t, unit) != crm.UnitReserved {
		t.Fatal("the unit must become reservada")
	}
	// Another rep on the same unit is refused and nothing is written.
	_, err = f.svc.Save(ctx, input(unit, "Outra Pessoa", "111.444.777-35"))
	if code(err) != crm.CodeUnitUnavailable+"@unitId" {
		t.Fatalf("second reservation on the unit = %v", err)
	}
	var n int
	f.db.QueryRow(`SELECT COUNT(*) FROM reservations`).Scan(&n)
	var people int
	f.db.QueryRow(`SELECT COUNT(*) FROM reservation_people`).Scan(&people)
	if n != 1 || people != 2 {
		t.Fatalf("rows after refusal: %d reservations, %d people", n, people)
	}

	// Cancelling frees the unit; selling sells it.
	in.ID, in.Status = r.ID, crm.ReservationCancelled
	if _, err := f.svc.Save(ctx, in); err != nil {
		t.Fatal(err)
	}
	if f.unitStatus(t, unit) != crm.UnitAvailable {
		t.Fatal("a cancelled reservation must free the unit")
	}
	other, err := f.svc.Save(ctx, input(unit, "Outra Pessoa", "111.444.777-35"))
	if err != nil {
		t.Fatalf("the freed unit can be reserved again: %v", err)
	}
	// Reopening the cancelled one now collides with the new reservation.
	in.Status = crm.ReservationInReview
	if _, err := f.svc.Save(ctx, in); code(err) != crm.CodeUnitUnavailable+"@status" {
		t.Fatalf("reopening onto a taken unit = %v", err)
	}
	sold := input(unit, "Outra Pessoa", "111.444.777-35")
	sold.ID, sold.Status = other.ID, crm.ReservationSold
	if _, err := f.svc.Save(ctx, sold); err != nil {
		t.Fatal(err)
	}
	if f.unitStatus(t, unit) != crm.UnitSold {
		t.Fatal("a sold reservation sells the unit")
	}
}

func TestInvalidReservationWritesNothing(t *testing.T) {
	f := setup(t)
	in := input(f.units[0].ID, "José", "529.982.247-24")
	if _, err := f.svc.Save(context.Background(), in); code(err) != crm.CodeCPFInvalid+"@holder.cpf" {
		t.Fatalf("invalid CPF = %v", err)
	}
	if f.unitStatus(t, f.units[0].ID) != crm.UnitAvailable {
		t.Fatal("a refused reservation must not touch the unit")
	}
}

func TestListSearchesAndFilters(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	people := []struct{ name, cpf string }{
		{"José da Conceição", "529.982.247-25"}, {"Maria Aparecida Souza", "111.444.777-35"}, {"João Pedro Alves", "390.533.447-05"},
	}
	for i, p := range people {
		if _, err := f.svc.Save(ctx, input(f.units[i].ID, p.name, p.cpf)); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name   string
		filter crm.ReservationFilter
		want   []string
	}{
		{"all, newest first", crm.ReservationFilter{}, []string{"João Pedro Alves", "Maria Aparecida Souza", "José da Conceição"}},
		{"words without accents, in any position", crm.ReservationFilter{Search: "jose conceicao"}, []string{"José da Conceição"}},
		{"partial name, any case", crm.ReservationFilter{Search: "CONCEIÇÃO"}, []string{"José da Conceição"}},
		{"CPF digits", crm.ReservationFilter{Search: "11144477735"}, []string{"Maria Aparecida Souza"}},
		{"CPF formatted", crm.ReservationFilter{Search: "390.533"}, []string{"João Pedro Alves"}},
		{"situação", crm.ReservationFilter{Status: crm.ReservationSold}, nil},
		{"development", crm.ReservationFilter{DevelopmentID: f.devID, Limit: 1}, []string{"João Pedro Alves"}},
		{"symbols only are no search", crm.ReservationFilter{Search: "%_"}, []string{"João Pedro Alves", "Maria Aparecida Souza", "José da Conceição"}},
		{"no match", crm.ReservationFilter{Search: "zzz"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := f.svc.List(ctx, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, it := range page.Items {
				got = append(got, it.HolderName)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
	page, _ := f.svc.List(ctx, crm.ReservationFilter{Limit: 1})
	if page.Total != 3 || len(page.Items) != 1 {
		t.Fatalf("paging: total %d, items %d", page.Total, len(page.Items))
	}
}
