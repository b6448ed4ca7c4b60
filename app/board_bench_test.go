package app

import (
	"fmt"
	"os"
	"testing"
	"time"

	"selo/backend/board"
	"selo/backend/crm"
	"selo/backend/sqlstore"
)

// TestBoardSummaryLatency measures the Painel's bound Summary call with
// 10,000 envelopes (three signers each) on each engine, unfiltered and with
// the filters a manager picks, as `make bench` reports it (p50/p99 in ms).
// A measurement, not a timed test: it checks only that the counts are right,
// and runs when SELO_BENCH=1.
func TestBoardSummaryLatency(t *testing.T) {
	if os.Getenv("SELO_BENCH") != "1" {
		t.Skip("benchmark: run with SELO_BENCH=1 (make bench)")
	}
	const n = 10000
	filters := []board.Filter{
		{},
		{DevelopmentID: 2},
		{BrokerID: 3},
		{From: time.Now().AddDate(0, 0, -3).Format("2006-01-02")},
	}
	for _, e := range benchEngines(t) {
		t.Run(e.name, func(t *testing.T) {
			db := e.open(t)
			seedReservations(t, db, n)
			seedEnvelopes(t, db, n)
			b := NewBoard(nil, board.New(db.Board()))
			var samples latencies
			var cpu time.Duration
			for round := 0; round < 51; round++ {
				if round == 1 {
					cpu = processCPU()
				}
				for _, f := range filters {
					start := time.Now()
					s, err := b.Summary(f)
					d := time.Since(start)
					if err != nil {
						t.Fatal(err)
					}
					if round == 0 {
						continue // warm-up
					}
					samples = append(samples, d)
					if f == (board.Filter{}) && s.Counts.Total != n {
						t.Fatalf("unfiltered board counts %d envelopes, want %d", s.Counts.Total, n)
					}
				}
			}
			fmt.Printf("board_envelopes_%s: %d\n", e.name, n)
			samples.print("board_summary", e.name)
			printCPU("board_summary", e.name, cpu, len(samples))
		})
	}
}

// seedEnvelopes gives each of the first n reservations one activated
// envelope with three signers, one sent every 14 minutes (10,000 cover about
// 100 days, a busy office), in the states such an office has: an envelope
// lives 30 days, so only those sent in the last 30 days can still be
// running (half of them are), a few are refused, and the older ones have
// mostly finished, some cancelled, expired or refused.
func seedEnvelopes(t *testing.T, db *sqlstore.DB, n int) {
	t.Helper()
	recent := []crm.EnvelopeState{crm.EnvelopeRunning, crm.EnvelopeFinished, crm.EnvelopeRunning, crm.EnvelopeFinished,
		crm.EnvelopeRunning, crm.EnvelopeFinished, crm.EnvelopeRunning, crm.EnvelopeFinished, crm.EnvelopeRunning,
		crm.EnvelopeFinished, crm.EnvelopeRunning, crm.EnvelopeFinished, crm.EnvelopeRunning, crm.EnvelopeFinished,
		crm.EnvelopeRunning, crm.EnvelopeFinished, crm.EnvelopeRunning, crm.EnvelopeFinished, crm.EnvelopeRunning, crm.EnvelopeRefused}
	old := []crm.EnvelopeState{crm.EnvelopeFinished, crm.EnvelopeFinished, crm.EnvelopeFinished, crm.EnvelopeFinished,
		crm.EnvelopeFinished, crm.EnvelopeFinished, crm.EnvelopeFinished, crm.EnvelopeFinished, crm.EnvelopeFinished,
		crm.EnvelopeFinished, crm.EnvelopeFinished, crm.EnvelopeFinished, crm.EnvelopeFinished, crm.EnvelopeFinished,
		crm.EnvelopeFinished, crm.EnvelopeFinished, crm.EnvelopeCanceled, crm.EnvelopeCanceled, crm.EnvelopeExpired, crm.EnvelopeRefused}
	now := time.Now().UTC()
	stamp := now.Format(time.RFC3339)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var ops, envs, signers [][]any
	for i := 1; i <= n; i++ {
		sent := now.Add(-time.Duration(i) * 14 * time.Minute)
		st := old[i%len(old)]
		if now.Sub(sent) < 30*24*time.Hour {
			st = recent[i%len(recent)]
		}
		id := fmt.Sprintf("env-%06d", i)
		ops = append(ops, []any{i, fmt.Sprintf("r%d:c%d", i, i), i, 1, "Contratos", "sent", "notified", id, stamp, stamp})
		envs = append(envs, []any{id, i, 1, i, "doc-" + id, fmt.Sprintf("Reserva %d", i), string(st), string(st),
			sent.Add(30 * 24 * time.Hour).Format(time.RFC3339), sent.Format(time.RFC3339Nano), stamp})
		for p := 0; p < 3; p++ {
			signed := "signed"
			if st == crm.EnvelopeRunning && p > 0 {
				signed = "pending"
			}
			if st == crm.EnvelopeRefused && p == 1 {
				signed = "refused"
			}
			signers = append(signers, []any{id, fmt.Sprintf("sig-%06d-%d", i, p), p, fmt.Sprintf("p%d", p),
				fmt.Sprintf("Signatário %d %d", i, p), p + 1, signed, sent.Add(time.Hour).Format(time.RFC3339), stamp})
		}
	}
	batchInsert(t, tx, "integrations", "id, description, environment, created_at, updated_at",
		[][]any{{1, "Chave principal", "sandbox", stamp, stamp}})
	batchInsert(t, tx, "send_operations", "id, op_key, reservation_id, integration_id, name, status, step, envelope_id, created_at, updated_at", ops)
	batchInsert(t, tx, "envelopes", "id, operation_id, integration_id, reservation_id, document_id, name, status, state, deadline_at, created_at, updated_at", envs)
	batchInsert(t, tx, "envelope_signers", "envelope_id, signer_id, position, person_key, name, group_no, state, state_at, updated_at", signers)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	resetSequences(t, db, db.Engine(), "integrations", "send_operations")
	if _, err := db.Exec("ANALYZE"); err != nil {
		t.Fatal(err)
	}
}
