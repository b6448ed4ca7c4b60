package app

import (
	"fmt"
	"log/slog"
	"os"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/reservations"
	"selo/backend/sqlstore"
)

// TestReservationsListLatency measures the bound List call over 100,000
// reservations on each engine (SQLite; PostgreSQL when SELO_TEST_POSTGRES is
// set), as `make bench` reports it: p50 and p99 in ms of the plain and
// filtered list, and separately of the searches a rep types (a client's name
// or its start, CPF digits, a name within a development). It is a
// measurement, not a timed test: it asserts only that the answers are right,
// and runs when SELO_BENCH=1.
func TestReservationsListLatency(t *testing.T) {
	if os.Getenv("SELO_BENCH") != "1" {
		t.Skip("benchmark: run with SELO_BENCH=1 (make bench)")
	}
	const n = 100000
	lists := []crm.ReservationFilter{
		{},
		{DevelopmentID: 2},
		{Status: crm.ReservationApproved},
		{BrokerID: 3, Status: crm.ReservationInReview},
		{Offset: 50},
		{Offset: 500},
	}
	searches := []crm.ReservationFilter{
		{Search: "silva"},
		{Search: "maria souza"},
		{Search: "jul"},
		{Search: "franc gomes"},
		{Search: "34541548"},
		{Search: "345.415.485"},
		{DevelopmentID: 1, Search: "ana"},
		{Status: crm.ReservationSold, Search: "pereira lima"},
	}
	for _, e := range benchEngines(t) {
		t.Run(e.name, func(t *testing.T) {
			db := e.open(t)
			seedStart := time.Now()
			seedReservations(t, db, n)
			fmt.Printf("reservations_seed_s_%s: %.1f\n", e.name, time.Since(seedStart).Seconds())
			b := NewReservations(reservations.New(db.Reservations(), slog.New(slog.DiscardHandler)))
			measure := func(filters []crm.ReservationFilter, rounds int) latencies {
				var samples latencies
				for round := 0; round < rounds; round++ {
					for _, f := range filters {
						start := time.Now()
						page, err := b.List(f)
						samples = append(samples, time.Since(start))
						if err != nil {
							t.Fatal(err)
						}
						if f == (crm.ReservationFilter{}) && (page.Total != n || len(page.Items) != 50) {
							t.Fatalf("unfiltered page: total %d, items %d", page.Total, len(page.Items))
						}
						if f.Search != "" && page.Total == 0 {
							t.Fatalf("search %q found nothing", f.Search)
						}
					}
				}
				return samples
			}
			measure(lists, 1) // warm the caches, as a screen in use has them
			fmt.Printf("reservations_rows_%s: %d\n", e.name, n)
			cpu := processCPU()
			l := measure(lists, 25)
			l.print("reservations_list", e.name)
			printCPU("reservations_list", e.name, cpu, len(l))
			cpu = processCPU()
			l = measure(searches, 20)
			l.print("reservations_search", e.name)
			printCPU("reservations_search", e.name, cpu, len(l))
		})
	}
}

// seedReservations writes n plausible reservations over 3 developments and
// 5 brokers in one transaction of multi-row inserts, straight into the
// tables the list reads.
func seedReservations(t *testing.T, db *sqlstore.DB, n int) {
	t.Helper()
	first := []string{"Maria", "José", "Ana", "João", "Francisca", "Antônio", "Adriana", "Carlos", "Juliana", "Paulo"}
	last := []string{"Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes"}
	statuses := []crm.ReservationStatus{crm.ReservationInReview, crm.ReservationApproved, crm.ReservationSold, crm.ReservationCancelled}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	now := time.Now().UTC()
	stamp := now.Format(time.RFC3339)
	var users, devs, stages, blocks, units, res [][]any
	for b := 1; b <= 5; b++ {
		users = append(users, []any{b, fmt.Sprintf("Corretor %d", b), fmt.Sprintf("c%d@imob.example", b), "corretor", stamp, stamp})
	}
	perDev := n/3 + 1
	for d := 1; d <= 3; d++ {
		devs = append(devs, []any{d, fmt.Sprintf("Residencial %d", d), stamp, stamp})
		stages = append(stages, []any{d, d, "Etapa 1"})
		blocks = append(blocks, []any{d, d, "Bloco A"})
	}
	for i := 1; i <= n; i++ {
		d := (i-1)/perDev + 1
		units = append(units, []any{i, d, fmt.Sprint(i), "reserved"})
		name := fmt.Sprintf("%s %s %s", first[i%10], last[(i/10)%10], last[(i/100)%10])
		cpf := fmt.Sprintf("%03d.%03d.%03d-%02d", i%1000, (i*7)%1000, (i*13)%1000, i%100)
		created := now.Add(-time.Duration(i) * time.Minute).Format(time.RFC3339Nano)
		res = append(res, []any{i, i, d, i%5 + 1, 30000000 + i, string(statuses[i%4]), name, cpf,
			crm.SearchKey(name) + " " + crm.SearchKey(cpf), created, created})
	}
	batchInsert(t, tx, "admin_users", "id, name, email, role, created_at, updated_at", users)
	batchInsert(t, tx, "developments", "id, name, created_at, updated_at", devs)
	batchInsert(t, tx, "stages", "id, development_id, name", stages)
	batchInsert(t, tx, "blocks", "id, stage_id, name", blocks)
	batchInsert(t, tx, "units", "id, block_id, number, status", units)
	batchInsert(t, tx, "reservations", "id, unit_id, development_id, broker_id, price_cents, status, holder_name, holder_cpf, search_text, created_at, updated_at", res)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	resetSequences(t, db, db.Engine(), "admin_users", "developments", "stages", "blocks", "units", "reservations")
	// Fresh statistics, as autovacuum would have gathered on a server in use.
	if _, err := db.Exec("ANALYZE"); err != nil {
		t.Fatal(err)
	}
}
