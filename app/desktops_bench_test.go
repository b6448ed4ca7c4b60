package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/board"
	"selo/backend/clicksign"
	"selo/backend/clicksign/simulator"
	"selo/backend/crm"
	"selo/backend/integrations"
	"selo/backend/reservations"
	"selo/backend/secrets"
	"selo/backend/signing"
)

// TestTwentyDesktops is an office of 20 PCs on one PostgreSQL for
// SELO_BENCH_DESKTOPS_SECONDS (60 by default): each PC has its own pool
// (its own *sqlstore.DB) and its own Sender against the Clicksign simulator,
// sends 10 times a minute and reads the reservations list and the Painel
// twice a second, as `make bench` reports it. Two PCs always send the same
// reservation at the same moment, so the duplicate check means something:
// each reservation sent must have exactly one envelope, locally and on
// Clicksign. A measurement: it fails only on an error or a duplicate, and
// runs when SELO_BENCH=1 with SELO_TEST_POSTGRES set.
func TestTwentyDesktops(t *testing.T) {
	if os.Getenv("SELO_BENCH") != "1" {
		t.Skip("benchmark: run with SELO_BENCH=1 (make bench)")
	}
	if os.Getenv("SELO_TEST_POSTGRES") == "" {
		t.Fatal("the 20 desktops share one PostgreSQL: set SELO_TEST_POSTGRES (bench.sh starts one)")
	}
	const (
		desktops     = 20
		sendEvery    = 6 * time.Second // 10 sends a minute
		readEvery    = 500 * time.Millisecond
		simToken     = "bench-token-escritorio-0001"
		reservationN = 10000
		envelopesN   = 1000
	)
	seconds := 60
	if s := os.Getenv("SELO_BENCH_DESKTOPS_SECONDS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			t.Fatalf("SELO_BENCH_DESKTOPS_SECONDS = %q: want a whole number of seconds", s)
		}
		seconds = v
	}
	ctx := context.Background()

	sim, err := simulator.New(simulator.Options{Tokens: []string{simToken}, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	// A real round trip to Clicksign takes tens of milliseconds.
	sim.SetLatency(30 * time.Millisecond)
	srv := httptest.NewServer(sim)
	t.Cleanup(func() { srv.Close(); sim.Close() })

	cfg := freshBenchDatabase(t)
	first := openBenchPostgres(t, cfg)
	seedReservations(t, first, reservationN)
	seedEnvelopes(t, first, envelopesN)
	quiet := slog.New(slog.DiscardHandler)
	key, err := integrations.New(first.Integrations(), secrets.NewMemory(), func(context.Context, crm.Environment, string) error { return nil }, quiet).
		Save(ctx, crm.IntegrationInput{Description: "Clicksign do escritório", Environment: crm.EnvSandbox, Token: simToken})
	if err != nil {
		t.Fatal(err)
	}
	contract, err := os.ReadFile(filepath.Join("..", "backend", "pdfs", "testdata", "contract.pdf"))
	if err != nil {
		t.Fatal(err)
	}

	type desktop struct {
		sender *signing.Sender
		res    *Reservations
		board  *Board
	}
	pcs := make([]desktop, desktops)
	for i := range pcs {
		db := openBenchPostgres(t, cfg)
		// The token pasted on this PC: in its own keyring, never in the database.
		sec := secrets.NewMemory()
		if err := sec.Set(ctx, integrations.SecretKey(key.ID), simToken); err != nil {
			t.Fatal(err)
		}
		keys := integrations.New(db.Integrations(), sec, nil, quiet)
		conn := &signing.Connector{BaseURLs: map[crm.Environment]string{crm.EnvSandbox: srv.URL + "/api/v3"}}
		s := signing.NewSender(db.Envelopes(), keys, conn, func(string, any) {})
		s.Log = quiet
		s.ClientOptions = []clicksign.Option{clicksign.WithRateLimit(0, 0), clicksign.WithRetry(3, 50*time.Millisecond)}
		pcs[i] = desktop{sender: s, res: NewReservations(reservations.New(db.Reservations(), quiet)), board: NewBoard(nil, board.New(db.Board()))}
	}

	request := func(reservationID int64) signing.SendRequest {
		holder := crm.NewSignerRule(crm.SignerHolder)
		holder.SendOrder = 1
		broker := crm.NewSignerRule(crm.SignerBroker)
		broker.SendOrder = 2
		return signing.SendRequest{
			ReservationID: reservationID, ContractIDs: []int64{reservationID * 10}, IntegrationID: key.ID,
			EnvelopeName: fmt.Sprintf("Reserva %d", reservationID),
			Documents:    []signing.SendDocument{{Name: "Contrato de compra e venda", PDF: contract}},
			Signers: [][]crm.ResolvedSigner{{
				crm.ResolveSigner(holder, crm.FixedPerson{Name: "Maria Souza", Email: "maria@exemplo.com.br"}),
				crm.ResolveSigner(broker, crm.FixedPerson{Name: "João Pereira", Email: "joao@imob.com.br"}),
			}},
		}
	}

	var (
		mu          sync.Mutex
		errs        []string
		sends       int
		elsewhere   int
		reads       latencies
		listReads   latencies
		boardReads  latencies
		sentIDs     = map[int64]bool{}
		wg          sync.WaitGroup
		deadline    = time.Now().Add(time.Duration(seconds) * time.Second)
		failf       = func(format string, a ...any) { mu.Lock(); errs = append(errs, fmt.Sprintf(format, a...)); mu.Unlock() }
		filters     = []crm.ReservationFilter{{}, {Search: "silva"}, {DevelopmentID: 2}, {Status: crm.ReservationApproved}, {Search: "maria souza"}}
		reservation = func(pc, tick int) int64 { return int64(envelopesN + 1 + tick*desktops/2 + pc/2) }
	)
	for i, pc := range pcs {
		wg.Add(2)
		// Sends: PCs 2k and 2k+1 send the same reservation at the same tick.
		go func() {
			defer wg.Done()
			for tick := 0; ; tick++ {
				at := time.Now()
				if at.After(deadline) {
					return
				}
				id := reservation(i, tick)
				_, err := pc.sender.Run(ctx, request(id))
				switch {
				case err == nil:
					mu.Lock()
					sends++
					sentIDs[id] = true
					mu.Unlock()
				case crm.AsError(err).Code == crm.CodeSendRunningElsewhere:
					// The twin PC holds this send: the answer the screen
					// shows ("sendo enviado em outro computador"), not an error.
					mu.Lock()
					elsewhere++
					sentIDs[id] = true
					mu.Unlock()
				default:
					failf("desktop %d sending reservation %d: %v", i, id, err)
				}
				time.Sleep(time.Until(at.Add(sendEvery)))
			}
		}()
		// Reads: the reservations list (with the searches a rep types) and the Painel.
		go func() {
			defer wg.Done()
			// Spread the PCs over the read period, as people do not click in step.
			time.Sleep(time.Duration(i) * readEvery / desktops)
			for n := 0; time.Now().Before(deadline); n++ {
				at := time.Now()
				var err error
				onBoard := n%3 == 2
				if onBoard {
					_, err = pc.board.Summary(board.Filter{})
				} else {
					_, err = pc.res.List(filters[(n+i)%len(filters)])
				}
				d := time.Since(at)
				if err != nil {
					failf("desktop %d reading: %v", i, err)
				}
				mu.Lock()
				reads = append(reads, d)
				if onBoard {
					boardReads = append(boardReads, d)
				} else {
					listReads = append(listReads, d)
				}
				mu.Unlock()
				time.Sleep(time.Until(at.Add(readEvery)))
			}
		}()
	}
	wg.Wait()
	for _, pc := range pcs {
		pc.sender.Wait()
	}

	// The duplicate check, on both sides: the office database and Clicksign.
	maxLocal := 0
	for id := range sentIDs {
		envs, err := first.Envelopes().ListEnvelopes(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		maxLocal = max(maxLocal, len(envs))
		if len(envs) != 1 {
			failf("reservation %d has %d envelopes in the database, want 1", id, len(envs))
		}
	}
	remote := map[string]int{}
	c, err := clicksign.New(srv.URL+"/api/v3", simToken, clicksign.WithRateLimit(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	for e, err := range c.AllEnvelopes(ctx, clicksign.EnvelopeFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		remote[e.Name]++
	}
	// Each remote name is "<envelope name> · ref. <random>" (signing.Sender).
	maxRemote := 0
	for id := range sentIDs {
		n := 0
		for name, count := range remote {
			if strings.HasPrefix(name, fmt.Sprintf("Reserva %d · ", id)) {
				n += count
			}
		}
		maxRemote = max(maxRemote, n)
	}

	fmt.Printf("desktops_20_seconds: %d\n", seconds)
	fmt.Printf("desktops_20_errors: %d\n", len(errs))
	fmt.Printf("desktops_20_sends: %d\n", sends)
	fmt.Printf("desktops_20_refused_running_elsewhere: %d\n", elsewhere)
	fmt.Printf("desktops_20_reservations_sent: %d\n", len(sentIDs))
	fmt.Printf("desktops_20_envelopes_per_reservation_max: %d\n", maxLocal)
	fmt.Printf("desktops_20_clicksign_envelopes: %d\n", len(remote))
	fmt.Printf("desktops_20_clicksign_envelopes_per_reservation_max: %d\n", maxRemote)
	fmt.Printf("desktops_20_reads: %d\n", len(reads))
	fmt.Printf("desktops_20_read_p50_ms: %.2f\n", reads.pct(50))
	fmt.Printf("desktops_20_read_p99_ms: %.2f\n", reads.pct(99))
	fmt.Printf("desktops_20_read_list_p99_ms: %.2f\n", listReads.pct(99))
	fmt.Printf("desktops_20_read_board_p99_ms: %.2f\n", boardReads.pct(99))
	// Twenty PCs, their server and Clicksign share this machine's cores:
	// the load says how much of a read's time was waiting for a core.
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Printf("desktops_20_loadavg_1m: %s\n", strings.Fields(string(load))[0])
	}
	for i, e := range errs {
		if i == 10 {
			t.Errorf("… and %d more", len(errs)-10)
			break
		}
		t.Error(e)
	}
}
