package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/reservations"
	"selo/backend/sqlstore"
)

// TestReservationsListLatency measures the bound List call over 10,000
// reservations, as `make bench` reports it (median and p99 in ms). It is a
// measurement, not a timed test: it asserts only that the answers are right,
// and runs when SELO_BENCH=1.
func TestReservationsListLatency(t *testing.T) {
	if os.Getenv("SELO_BENCH") != "1" {
		t.Skip("benchmark: run with SELO_BENCH=1 (make bench)")
	}
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const n = 10000
	seedReservations(t, db, n)
	b := NewReservations(reservations.New(db.Reservations(), slog.New(slog.DiscardHandler)))

	filters := []crm.ReservationFilter{
		{},
		{Search: "silva"},
		{Search: "maria souza"},
		{Search: "12345"},
		{DevelopmentID: 2},
		{Status: crm.ReservationApproved},
		{BrokerID: 3, Status: crm.ReservationInReview},
		{Offset: 9000},
		{DevelopmentID: 1, Search: "ana"},
	}
	var samples []time.Duration
	for round := 0; round < 25; round++ {
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
		}
	}
	sort.Slice(samples, func(i, j int) bool { return samples[i] < samples[j] })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	fmt.Printf("reservations_list_rows: %d\n", n)
	fmt.Printf("reservations_list_calls: %d\n", len(samples))
	fmt.Printf("reservations_list_median_ms: %.2f\n", ms(samples[len(samples)/2]))
	fmt.Printf("reservations_list_p99_ms: %.2f\n", ms(samples[len(samples)*99/100]))
	fmt.Printf("reservations_list_max_ms: %.2f\n", ms(samples[len(samples)-1]))
}

// seedReservations writes n plausible reservations over 3 developments and
// 5 brokers in one transaction, straight into the tables the list reads.
func seedReservations(t *testing.T, db *sqlstore.DB, n int) {
	t.Helper()
	first := []string{"Maria", "José", "Ana", "João", "Francisca", "Antônio", "Adriana", "Carlos", "Juliana", "Paulo"}
	last := []string{"Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes"}
	statuses := []crm.ReservationStatus{crm.ReservationInReview, crm.ReservationApproved, crm.ReservationSold, crm.ReservationCancelled}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	exec := func(q string, args ...any) {
		if _, err := tx.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	for b := 1; b <= 5; b++ {
		exec(`INSERT INTO admin_users (id, name, email, role, created_at, updated_at) VALUES (?, ?, ?, 'corretor', ?, ?)`,
			b, fmt.Sprintf("Corretor %d", b), fmt.Sprintf("c%d@imob.example", b), now.Format(time.RFC3339), now.Format(time.RFC3339))
	}
	perDev := n/3 + 1
	for d := 1; d <= 3; d++ {
		exec(`INSERT INTO developments (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`, d, fmt.Sprintf("Residencial %d", d), now.Format(time.RFC3339), now.Format(time.RFC3339))
		exec(`INSERT INTO stages (id, development_id, name) VALUES (?, ?, 'Etapa 1')`, d, d)
		exec(`INSERT INTO blocks (id, stage_id, name) VALUES (?, ?, 'Bloco A')`, d, d)
	}
	unit, _ := tx.Prepare(`INSERT INTO units (id, block_id, number, status) VALUES (?, ?, ?, 'reserved')`)
	res, _ := tx.Prepare(`INSERT INTO reservations (id, unit_id, development_id, broker_id, price_cents, status, holder_name, holder_cpf, search_text, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	for i := 1; i <= n; i++ {
		d := (i-1)/perDev + 1
		if _, err := unit.Exec(i, d, fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("%s %s %s", first[i%10], last[(i/10)%10], last[(i/100)%10])
		cpf := fmt.Sprintf("%03d.%03d.%03d-%02d", i%1000, (i*7)%1000, (i*13)%1000, i%100)
		created := now.Add(-time.Duration(i) * time.Minute).Format(time.RFC3339Nano)
		if _, err := res.Exec(i, i, d, i%5+1, 30000000+i, statuses[i%4], name, cpf,
			crm.SearchKey(name)+" "+crm.SearchKey(cpf), created, created); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}
