package sqlstore

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"selo/backend/board"
	"selo/backend/crm"
)

// boardSeed writes rows straight into the tables the board reads: what the
// send and sync flows would have left there (they have their own tests).
type boardSeed struct {
	t  *testing.T
	db *DB
	op int64
}

func (s *boardSeed) exec(q string, args ...any) {
	s.t.Helper()
	if _, err := s.db.Exec(q, args...); err != nil {
		s.t.Fatal(err)
	}
}

func (s *boardSeed) development(id int64, name string) {
	s.exec(`INSERT INTO developments (id, name, created_at, updated_at) VALUES (?, ?, '', '')`, id, name)
	s.exec(`INSERT INTO stages (id, development_id, name) VALUES (?, ?, 'Etapa 1')`, id, id)
	s.exec(`INSERT INTO blocks (id, stage_id, name) VALUES (?, ?, 'Bloco A')`, id, id)
}

func (s *boardSeed) broker(id int64, name string, active bool) {
	s.exec(`INSERT INTO admin_users (id, name, email, role, active, created_at, updated_at) VALUES (?, ?, ?, 'corretor', ?, '', '')`,
		id, name, fmt.Sprintf("c%d@imob.example", id), active)
}

// reservation makes unit id = reservation id in the development's block.
func (s *boardSeed) reservation(id, devID, brokerID int64, holder string) {
	s.exec(`INSERT INTO units (id, block_id, number, status) VALUES (?, ?, ?, 'reserved')`, id, devID, fmt.Sprint(100+id))
	var broker any
	if brokerID != 0 {
		broker = brokerID
	}
	s.exec(`INSERT INTO reservations (id, unit_id, development_id, broker_id, price_cents, status, holder_name, holder_cpf,
		search_text, created_at, updated_at) VALUES (?, ?, ?, ?, 30000000, 'approved', ?, '', '', '', '')`, id, id, devID, broker, holder)
}

type seedSigner struct {
	name  string
	group int
	state crm.SignerState
	at    time.Time
	why   string
}

func (s *boardSeed) envelope(id string, reservationID int64, state crm.EnvelopeState, sent, deadline time.Time, signers ...seedSigner) {
	s.op++
	s.exec(`INSERT INTO send_operations (id, op_key, reservation_id, integration_id, name, status, step, created_at, updated_at)
		VALUES (?, ?, ?, 1, 'x', 'sent', 'notified', '', '')`, s.op, fmt.Sprintf("r%d:%s", reservationID, id), reservationID)
	s.exec(`INSERT INTO envelopes (id, operation_id, integration_id, reservation_id, document_id, name, status, deadline_at,
		created_at, updated_at, state) VALUES (?, ?, 1, ?, 'doc', ?, 'running', ?, ?, ?, ?)`,
		id, s.op, reservationID, "Contratos da reserva "+fmt.Sprint(reservationID), envTS(deadline), envTS(sent), envTS(sent), string(state))
	for i, g := range signers {
		s.exec(`INSERT INTO envelope_signers (envelope_id, signer_id, position, person_key, name, group_no, state, state_at,
			reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '')`,
			id, fmt.Sprintf("%s-s%d", id, i), i, fmt.Sprintf("p%d", i), g.name, g.group, string(g.state), envTS(g.at), g.why)
	}
}

func day(y int, m time.Month, d, h, min, sec, nsec int) time.Time {
	return time.Date(y, m, d, h, min, sec, nsec, board.Zone)
}

func TestBoardOfAnEmptyOffice(t *testing.T) {
	db, _ := openTemp(t)
	f, err := db.Board().BoardFacts(context.Background(), board.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Any || f.Counts != (board.Counts{}) || f.Envelopes == nil || len(f.Envelopes) != 0 {
		t.Fatalf("facts = %+v", f)
	}
	o, err := db.Board().BoardOptions(context.Background())
	if err != nil || o.Developments == nil || o.Brokers == nil || len(o.Developments)+len(o.Brokers) != 0 {
		t.Fatalf("options = %+v, %v", o, err)
	}
}

func TestBoardFactsFilters(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	s := &boardSeed{t: t, db: db}
	s.development(1, "Residencial Ipê")
	s.development(2, "Ágata Jardins")
	s.development(3, "Sem envios")
	s.broker(1, "Zeca Corretor", true)
	s.broker(2, "Ana Corretora", false) // deactivated, yet her envelopes count
	s.broker(3, "Sem reservas", true)
	s.reservation(1, 1, 1, "Maria da Silva")
	s.reservation(2, 1, 2, "Pedro Alves")
	s.reservation(3, 2, 2, "Clara Nunes")
	s.reservation(4, 3, 0, "Sem envio")

	mar10 := day(2026, 3, 10, 0, 0, 0, 0)
	deadline := mar10.AddDate(0, 0, 15)
	pending := func(n string, g int) seedSigner { return seedSigner{name: n, group: g, state: crm.SignerPending} }
	s.envelope("e-run", 1, crm.EnvelopeRunning, mar10, deadline,
		seedSigner{name: "Maria da Silva", group: 1, state: crm.SignerSigned, at: mar10.Add(time.Hour)},
		pending("João da Silva", 1), pending("Tânia Testemunha", 2))
	// The last instant of 10/03 in Brasília, with a fraction: the stamp
	// ends ".5Z", which text comparison must still place on the 10th.
	s.envelope("e-late", 2, crm.EnvelopeRefused, day(2026, 3, 10, 23, 59, 59, 500_000_000), deadline,
		seedSigner{name: "Pedro Alves", group: 1, state: crm.SignerRefused, at: mar10.Add(20 * time.Hour), why: "Valor errado"})
	s.envelope("e-next", 3, crm.EnvelopeFinished, day(2026, 3, 11, 0, 0, 0, 0), deadline,
		seedSigner{name: "Clara Nunes", group: 1, state: crm.SignerSigned, at: mar10.AddDate(0, 0, 2)})
	s.envelope("e-before", 3, crm.EnvelopeCanceled, day(2026, 3, 9, 23, 59, 59, 999_000_000), deadline)
	// A reservation deleted after its send: the envelope still counts.
	s.envelope("e-orphan", 99, crm.EnvelopeRunning, mar10.Add(2*time.Hour), deadline, pending("Alguém", 1))

	ids := func(f board.Facts) []string {
		var out []string
		for _, e := range f.Envelopes {
			out = append(out, e.ID)
		}
		return out
	}
	on10, err := board.Filter{From: "2026-03-10", To: "2026-03-10"}.Query()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		q      board.Query
		counts board.Counts
		ids    []string
	}{
		{name: "everything", q: board.Query{},
			counts: board.Counts{Running: 2, Finished: 1, Canceled: 1, Refused: 1, Total: 5},
			ids:    []string{"e-before", "e-run", "e-orphan", "e-late", "e-next"}},
		{name: "what the board lists", q: board.Query{States: []crm.EnvelopeState{crm.EnvelopeRunning, crm.EnvelopeRefused}},
			counts: board.Counts{Running: 2, Finished: 1, Canceled: 1, Refused: 1, Total: 5},
			ids:    []string{"e-run", "e-orphan", "e-late"}},
		{name: "one development", q: board.Query{DevelopmentID: 2},
			counts: board.Counts{Finished: 1, Canceled: 1, Total: 2}, ids: []string{"e-before", "e-next"}},
		{name: "one corretor", q: board.Query{BrokerID: 2},
			counts: board.Counts{Finished: 1, Canceled: 1, Refused: 1, Total: 3}, ids: []string{"e-before", "e-late", "e-next"}},
		{name: "development and corretor", q: board.Query{DevelopmentID: 1, BrokerID: 2},
			counts: board.Counts{Refused: 1, Total: 1}, ids: []string{"e-late"}},
		{name: "one day, both edges", q: on10,
			counts: board.Counts{Running: 2, Refused: 1, Total: 3}, ids: []string{"e-run", "e-orphan", "e-late"}},
		{name: "from a day on", q: board.Query{SentFrom: day(2026, 3, 11, 0, 0, 0, 0)},
			counts: board.Counts{Finished: 1, Total: 1}, ids: []string{"e-next"}},
		{name: "nothing matches", q: board.Query{DevelopmentID: 3}, counts: board.Counts{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := db.Board().BoardFacts(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if !f.Any {
				t.Error("the office has envelopes whatever the filter")
			}
			if f.Counts != tt.counts {
				t.Errorf("counts = %+v, want %+v", f.Counts, tt.counts)
			}
			if got := ids(f); !reflect.DeepEqual(got, tt.ids) {
				t.Errorf("envelopes = %v, want %v", got, tt.ids)
			}
		})
	}

	f, err := db.Board().BoardFacts(ctx, board.Query{DevelopmentID: 1})
	if err != nil {
		t.Fatal(err)
	}
	run := f.Envelopes[0]
	if run.ClientName != "Maria da Silva" || run.DevelopmentName != "Residencial Ipê" || run.BlockName != "Bloco A" ||
		run.UnitNumber != "101" || run.BrokerName != "Zeca Corretor" || run.Name != "Contratos da reserva 1" ||
		!run.SentAt.Equal(mar10) || !run.DeadlineAt.Equal(deadline) {
		t.Errorf("envelope = %+v", run)
	}
	var names []string
	for _, g := range run.Signers {
		names = append(names, fmt.Sprintf("%s/%d/%s", g.Name, g.Group, g.State))
	}
	if strings.Join(names, ", ") != "Maria da Silva/1/assinou, João da Silva/1/pendente, Tânia Testemunha/2/pendente" {
		t.Errorf("signers = %v", names)
	}
	if late := f.Envelopes[1]; len(late.Signers) != 1 || late.Signers[0].Reason != "Valor errado" ||
		!late.Signers[0].At.Equal(mar10.Add(20*time.Hour)) {
		t.Errorf("refusal = %+v", late.Signers)
	}

	all, _ := db.Board().BoardFacts(ctx, board.Query{})
	for _, e := range all.Envelopes {
		if e.ID == "e-orphan" && (e.ClientName != "" || e.DevelopmentName != "" || len(e.Signers) != 1) {
			t.Errorf("orphan = %+v", e)
		}
		if e.ID == "e-before" && len(e.Signers) != 0 {
			t.Errorf("an envelope without signers got %v", e.Signers)
		}
	}

	o, err := db.Board().BoardOptions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := board.Options{
		Developments: []board.Option{{ID: 2, Name: "Ágata Jardins"}, {ID: 1, Name: "Residencial Ipê"}},
		Brokers:      []board.Option{{ID: 2, Name: "Ana Corretora"}, {ID: 1, Name: "Zeca Corretor"}},
	}
	if !reflect.DeepEqual(o, want) {
		t.Errorf("options = %+v\nwant      %+v", o, want)
	}
}

// TestBoardSummaryThroughTheStore reads the board the way the Painel does,
// from rows sync left behind.
func TestBoardSummaryThroughTheStore(t *testing.T) {
	db, _ := openTemp(t)
	s := &boardSeed{t: t, db: db}
	s.development(1, "Residencial Ipê")
	s.reservation(1, 1, 0, "Maria da Silva")
	s.reservation(2, 1, 0, "Pedro Alves")
	now := day(2026, 3, 20, 10, 0, 0, 0)
	sent := now.AddDate(0, 0, -5)
	maria := now.AddDate(0, 0, -2)
	s.envelope("e1", 1, crm.EnvelopeRunning, sent, now.Add(30*time.Hour),
		seedSigner{name: "Maria da Silva", group: 1, state: crm.SignerSigned, at: maria},
		seedSigner{name: "Tânia Testemunha", group: 2, state: crm.SignerPending})
	s.envelope("e2", 2, crm.EnvelopeRefused, sent, now.AddDate(0, 0, 10),
		seedSigner{name: "Pedro Alves", group: 1, state: crm.SignerRefused, at: now.Add(-time.Hour), why: "Nome errado"})
	svc := board.New(db.Board())
	svc.Now = func() time.Time { return now }
	sum, err := svc.Summary(context.Background(), board.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Waiting) != 1 || len(sum.ExpiringSoon) != 1 || len(sum.Refusals) != 1 {
		t.Fatalf("summary = %+v", sum)
	}
	w := sum.Waiting[0]
	if w.DaysLeft != 2 || len(w.Missing) != 1 || w.Missing[0].Name != "Tânia Testemunha" || !w.Missing[0].Since.Equal(maria) {
		t.Errorf("waiting = %+v: the witness is asked since Maria signed", w)
	}
	if r := sum.Refusals[0].Refusal; r.SignerName != "Pedro Alves" || r.Reason != "Nome errado" {
		t.Errorf("refusal = %+v", r)
	}
	csv, err := svc.CSV(context.Background(), board.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimPrefix(string(csv), "\ufeff"), "\r\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[1], "1;Maria da Silva;Residencial Ipê;Bloco A · 101;;") ||
		!strings.Contains(lines[2], ";Recusado;") {
		t.Errorf("csv = %q", lines)
	}
}

// TestBoardOverTenThousandReservations: the Painel opens at once in a big
// office. The figure is logged; the bound is loose because CI shares its
// cores with Go builds.
func TestBoardOverTenThousandReservations(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds 10,000 reservations")
	}
	ctx := context.Background()
	db, _ := openTemp(t)
	const n = 10000
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		if _, err := tx.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	for d := 1; d <= 3; d++ {
		exec(`INSERT INTO developments (id, name, created_at, updated_at) VALUES (?, ?, '', '')`, d, fmt.Sprintf("Residencial %d", d))
		exec(`INSERT INTO stages (id, development_id, name) VALUES (?, ?, 'Etapa 1')`, d, d)
		exec(`INSERT INTO blocks (id, stage_id, name) VALUES (?, ?, 'Bloco A')`, d, d)
	}
	for b := 1; b <= 5; b++ {
		exec(`INSERT INTO admin_users (id, name, email, role, created_at, updated_at) VALUES (?, ?, ?, 'corretor', '', '')`,
			b, fmt.Sprintf("Corretor %d", b), fmt.Sprintf("c%d@imob.example", b))
	}
	states := []crm.EnvelopeState{crm.EnvelopeFinished, crm.EnvelopeFinished, crm.EnvelopeRunning, crm.EnvelopeRefused,
		crm.EnvelopeCanceled, crm.EnvelopeExpired, crm.EnvelopeFinished, crm.EnvelopeRunning}
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	for i := 1; i <= n; i++ {
		d := i%3 + 1
		exec(`INSERT INTO units (id, block_id, number, status) VALUES (?, ?, ?, 'reserved')`, i, d, fmt.Sprint(i))
		exec(`INSERT INTO reservations (id, unit_id, development_id, broker_id, price_cents, status, holder_name, holder_cpf,
			search_text, created_at, updated_at) VALUES (?, ?, ?, ?, 30000000, 'approved', ?, '', '', '', '')`,
			i, i, d, i%5+1, fmt.Sprintf("Cliente %d", i))
		exec(`INSERT INTO send_operations (id, op_key, reservation_id, integration_id, name, status, step, created_at, updated_at)
			VALUES (?, ?, ?, 1, 'x', 'sent', 'notified', '', '')`, i, fmt.Sprintf("r%d", i), i)
		sent := now.Add(-time.Duration(i) * time.Hour)
		id := fmt.Sprintf("env-%05d", i)
		exec(`INSERT INTO envelopes (id, operation_id, integration_id, reservation_id, document_id, name, status, deadline_at,
			created_at, updated_at, state) VALUES (?, ?, 1, ?, 'doc', 'Contratos', 'running', ?, ?, ?, ?)`,
			id, i, i, envTS(sent.AddDate(0, 0, 15)), envTS(sent), envTS(sent), string(states[i%len(states)]))
		for g := 0; g < 3; g++ {
			exec(`INSERT INTO envelope_signers (envelope_id, signer_id, position, person_key, name, group_no, state, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, 'pendente', '')`, id, fmt.Sprintf("%s-%d", id, g), g, fmt.Sprint(g), fmt.Sprintf("Signatário %d", g), g/2+1)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	svc := board.New(db.Board())
	svc.Now = func() time.Time { return now }
	filters := []board.Filter{{}, {DevelopmentID: 2}, {BrokerID: 3}, {From: "2026-01-01", To: "2026-03-31"}}
	var worst time.Duration
	for _, f := range filters {
		start := time.Now()
		sum, err := svc.Summary(ctx, f)
		if took := time.Since(start); took > worst {
			worst = took
		}
		if err != nil {
			t.Fatal(err)
		}
		if f == (board.Filter{}) && (sum.Counts.Total != n || len(sum.Waiting) != sum.Counts.Running || len(sum.Refusals) != sum.Counts.Refused) {
			t.Fatalf("counts %+v, waiting %d, refusals %d", sum.Counts, len(sum.Waiting), len(sum.Refusals))
		}
	}
	start := time.Now()
	csv, err := svc.CSV(ctx, board.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	csvTook := time.Since(start)
	if lines := strings.Count(string(csv), "\r\n"); lines != n+1 {
		t.Fatalf("csv has %d lines, want %d", lines, n+1)
	}
	t.Logf("board over %d envelopes: slowest summary %v, csv %v (%d KB)", n, worst, csvTook, len(csv)/1024)
	if worst > 2*time.Second || csvTook > 4*time.Second {
		t.Fatalf("too slow: summary %v, csv %v", worst, csvTook)
	}
}
