package app

import (
	"context"
	"os"
	"strconv"
	"testing"

	"selo/backend/datahome"
	"selo/backend/sqlstore"
)

// TestSeedWindowBench is not a test but the window bench's seeder
// (build/scripts/bench-window.sh): it fills the data folder named by
// SELO_BENCH_SEED_DIR with SELO_BENCH_SEED_RESERVATIONS reservations (the
// list bench's own seedReservations), through the same datahome and store
// Selo opens at start, so the window then starts on a database it accepts.
func TestSeedWindowBench(t *testing.T) {
	dir := os.Getenv("SELO_BENCH_SEED_DIR")
	if dir == "" {
		t.Skip("seeder for bench-window.sh: set SELO_BENCH_SEED_DIR")
	}
	n, err := strconv.Atoi(os.Getenv("SELO_BENCH_SEED_RESERVATIONS"))
	if err != nil || n <= 0 {
		t.Fatal("SELO_BENCH_SEED_RESERVATIONS must be a positive number")
	}
	home, err := datahome.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlstore.Open(context.Background(), home.DatabasePath())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	seedReservations(t, db, n)
}
