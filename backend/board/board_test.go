package board

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"selo/backend/crm"
)

// brt is a Brasília wall-clock time, as the manager reads it.
func brt(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, Zone)
}

func TestFilterQuery(t *testing.T) {
	tests := []struct {
		name        string
		f           Filter
		from, until time.Time
		code, field string
		problems    int
	}{
		{name: "no period", f: Filter{DevelopmentID: 3, BrokerID: 4}},
		{name: "one day counts whole, in Brasília", f: Filter{From: "2026-03-10", To: "2026-03-10"},
			from: brt(2026, 3, 10, 0, 0), until: brt(2026, 3, 11, 0, 0)},
		{name: "open start", f: Filter{To: "2026-12-31"}, until: brt(2027, 1, 1, 0, 0)},
		{name: "open end", f: Filter{From: "2026-02-28"}, from: brt(2026, 2, 28, 0, 0)},
		{name: "end before start names the end", f: Filter{From: "2026-03-10", To: "2026-03-09"},
			code: CodePeriodInverted, field: "to"},
		{name: "not a date", f: Filter{From: "10/03/2026"}, code: CodeDateInvalid, field: "from"},
		{name: "no such day", f: Filter{To: "2026-02-30"}, code: CodeDateInvalid, field: "to"},
		{name: "both wrong, both told", f: Filter{From: "x", To: "y"}, code: "invalid", problems: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := tt.f.Query()
			if tt.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				if !q.SentFrom.Equal(tt.from) || !q.SentBefore.Equal(tt.until) {
					t.Fatalf("range [%v, %v), want [%v, %v)", q.SentFrom, q.SentBefore, tt.from, tt.until)
				}
				if q.DevelopmentID != tt.f.DevelopmentID || q.BrokerID != tt.f.BrokerID {
					t.Fatalf("ids not carried: %+v", q)
				}
				return
			}
			if tt.problems > 0 {
				var inv *crm.Invalid
				if !errors.As(err, &inv) || len(inv.Problems) != tt.problems {
					t.Fatalf("err = %v, want %d problems", err, tt.problems)
				}
				return
			}
			e := crm.AsError(err)
			if e.Code != tt.code || e.Field != tt.field {
				t.Fatalf("err = %v, want %s on %s", err, tt.code, tt.field)
			}
		})
	}
}

func TestPeriodInvertedMessageData(t *testing.T) {
	_, err := Filter{From: "2026-03-10", To: "2026-03-09"}.Query()
	e := crm.AsError(err)
	if e.Data["from"] != "10/03/2026" || e.Data["to"] != "09/03/2026" {
		t.Fatalf("data = %v, want the dates as the manager typed them", e.Data)
	}
}

func TestMissingSigners(t *testing.T) {
	sent := brt(2026, 3, 1, 9, 0)
	signed := func(name string, group int, at time.Time) Signer {
		return Signer{Name: name, Group: group, State: crm.SignerSigned, At: at}
	}
	pending := func(name string, group int) Signer {
		return Signer{Name: name, Group: group, State: crm.SignerPending}
	}
	tests := []struct {
		name    string
		signers []Signer
		want    []MissingSigner
	}{
		{
			name:    "first order: asked when sent",
			signers: []Signer{pending("Maria", 1), pending("João", 1)},
			want:    []MissingSigner{{Name: "Maria", Since: sent}, {Name: "João", Since: sent}},
		},
		{
			name:    "who signed is not missing",
			signers: []Signer{signed("Maria", 1, sent.Add(time.Hour)), pending("João", 1)},
			want:    []MissingSigner{{Name: "João", Since: sent}},
		},
		{
			name: "a later order waits, with no since, until the earlier one signs",
			// Stored as "pendente" before the first sync: the order rule decides.
			signers: []Signer{pending("Maria", 1), signed("João", 1, sent.Add(time.Hour)), pending("Tânia", 2)},
			want:    []MissingSigner{{Name: "Maria", Since: sent}, {Name: "Tânia", Waiting: true}},
		},
		{
			name: "a later order is asked at the last signature before it",
			signers: []Signer{signed("Maria", 1, sent.Add(2*time.Hour)), signed("João", 1, sent.Add(26*time.Hour)),
				{Name: "Tânia", Group: 2, State: crm.SignerWaiting}},
			want: []MissingSigner{{Name: "Tânia", Since: sent.Add(26 * time.Hour)}},
		},
		{
			name:    "everyone signed: nobody missing",
			signers: []Signer{signed("Maria", 1, sent)},
			want:    []MissingSigner{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := missing(Envelope{SentAt: sent, Signers: tt.signers})
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("missing = %+v\nwant      %+v", got, tt.want)
			}
		})
	}
}

func TestExpiringSoon(t *testing.T) {
	now := brt(2026, 3, 10, 12, 0)
	tests := []struct {
		name     string
		state    crm.EnvelopeState
		deadline time.Time
		days     int
		soon     bool
	}{
		{"three days exactly", crm.EnvelopeRunning, now.Add(72 * time.Hour), 3, true},
		{"a minute past three days", crm.EnvelopeRunning, now.Add(72*time.Hour + time.Minute), 4, false},
		{"tomorrow", crm.EnvelopeRunning, now.Add(20 * time.Hour), 1, true},
		{"passed, sync not yet told", crm.EnvelopeRunning, now.Add(-time.Hour), 0, true},
		{"no deadline recorded", crm.EnvelopeRunning, time.Time{}, 0, false},
		{"refused is not expiring", crm.EnvelopeRefused, now.Add(time.Hour), 1, false},
		{"finished is not expiring", crm.EnvelopeFinished, now.Add(time.Hour), 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rowOf(Envelope{State: tt.state, DeadlineAt: tt.deadline}, now)
			if r.DaysLeft != tt.days || Soon(r) != tt.soon {
				t.Fatalf("days %d soon %v, want %d %v", r.DaysLeft, Soon(r), tt.days, tt.soon)
			}
		})
	}
}

func TestBuildSortsEachList(t *testing.T) {
	now := brt(2026, 3, 10, 12, 0)
	env := func(id string, state crm.EnvelopeState, sent time.Time, deadlineDays int, signers ...Signer) Envelope {
		return Envelope{ID: id, ReservationID: 1, State: state, SentAt: sent, DeadlineAt: now.AddDate(0, 0, deadlineDays), Signers: signers}
	}
	refused := func(name, reason string, at time.Time) Signer {
		return Signer{Name: name, Group: 1, State: crm.SignerRefused, At: at, Reason: reason}
	}
	facts := Facts{
		Any:    true,
		Counts: Counts{Running: 3, Refused: 2, Total: 5},
		Envelopes: []Envelope{
			env("new", crm.EnvelopeRunning, now.AddDate(0, 0, -1), 2, Signer{Name: "Ana", Group: 1, State: crm.SignerPending}),
			env("old", crm.EnvelopeRunning, now.AddDate(0, 0, -10), 1),
			env("far", crm.EnvelopeRunning, now.AddDate(0, 0, -5), 20),
			env("ref-old", crm.EnvelopeRefused, now.AddDate(0, 0, -9), 5, refused("Bia", "Valor errado", now.AddDate(0, 0, -8))),
			env("ref-new", crm.EnvelopeRefused, now.AddDate(0, 0, -9), 5, refused("Caio", "Nome errado", now.AddDate(0, 0, -1))),
		},
	}
	s := Build(facts, now)
	ids := func(rows []Row) []string {
		out := []string{}
		for _, r := range rows {
			out = append(out, r.EnvelopeID)
		}
		return out
	}
	if got := ids(s.Waiting); !reflect.DeepEqual(got, []string{"old", "far", "new"}) {
		t.Errorf("waiting = %v, want the longest waiting first", got)
	}
	if got := ids(s.ExpiringSoon); !reflect.DeepEqual(got, []string{"old", "new"}) {
		t.Errorf("expiring = %v, want the soonest deadline first, the 20-day one out", got)
	}
	if got := ids(s.Refusals); !reflect.DeepEqual(got, []string{"ref-new", "ref-old"}) {
		t.Errorf("refusals = %v, want the latest refusal first", got)
	}
	if r := s.Refusals[0].Refusal; r == nil || r.SignerName != "Caio" || r.Reason != "Nome errado" {
		t.Errorf("refusal = %+v", r)
	}
	if s.Waiting[2].Missing[0].Name != "Ana" || s.Counts.Total != 5 || !s.Any {
		t.Errorf("summary = %+v", s)
	}
}

func TestBuildWithNothingGivesEmptyListsNotNull(t *testing.T) {
	s := Build(Facts{}, time.Now())
	if s.Waiting == nil || s.ExpiringSoon == nil || s.Refusals == nil {
		t.Fatal("lists must be [] for the screen, not null")
	}
}

func TestCountsAdd(t *testing.T) {
	var c Counts
	for _, s := range []crm.EnvelopeState{crm.EnvelopeRunning, crm.EnvelopeRunning, crm.EnvelopeFinished,
		crm.EnvelopeCanceled, crm.EnvelopeExpired, crm.EnvelopeRefused, "desconhecido"} {
		c.Add(s, 1)
	}
	want := Counts{Running: 2, Finished: 1, Canceled: 1, Expired: 1, Refused: 1, Total: 7}
	if c != want {
		t.Fatalf("counts = %+v, want %+v", c, want)
	}
}

type fakeStore struct {
	q     Query
	facts Facts
	err   error
	calls int
}

func (f *fakeStore) BoardFacts(_ context.Context, q Query) (Facts, error) {
	f.calls++
	f.q = q
	return f.facts, f.err
}

func (f *fakeStore) BoardOptions(context.Context) (Options, error) { return Options{}, nil }

func TestServiceValidatesBeforeAskingTheStore(t *testing.T) {
	st := &fakeStore{}
	svc := New(st)
	if _, err := svc.Summary(context.Background(), Filter{From: "2026-05-02", To: "2026-05-01"}); crm.AsError(err).Code != CodePeriodInverted {
		t.Fatalf("err = %v", err)
	}
	if _, err := svc.CSV(context.Background(), Filter{From: "ontem"}); crm.AsError(err).Code != CodeDateInvalid {
		t.Fatalf("err = %v", err)
	}
	if st.calls != 0 {
		t.Fatal("an invalid filter reached the store")
	}
}

func TestServiceAsksForWhatEachAnswerShows(t *testing.T) {
	st := &fakeStore{}
	svc := New(st)
	if _, err := svc.Summary(context.Background(), Filter{}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(st.q.States, []crm.EnvelopeState{crm.EnvelopeRunning, crm.EnvelopeRefused}) {
		t.Fatalf("summary asked for %v", st.q.States)
	}
	if _, err := svc.CSV(context.Background(), Filter{}); err != nil {
		t.Fatal(err)
	}
	if st.q.States != nil {
		t.Fatalf("the CSV lists every state, asked for %v", st.q.States)
	}
	o, err := svc.Options(context.Background())
	if err != nil || o.Developments == nil || o.Brokers == nil {
		t.Fatalf("options = %+v, %v: want empty lists, not null", o, err)
	}
}

func TestFileNameIsTheBrasiliaDay(t *testing.T) {
	// 01:30 UTC on the 1st is still the 28th in Brasília.
	if got := FileName(time.Date(2026, 3, 1, 1, 30, 0, 0, time.UTC)); got != "painel-assinaturas-2026-02-28.csv" {
		t.Fatal(got)
	}
}

// After the trainer moves the Simulador local's clock 13 days on, its
// envelope due in 15 days is two days from expiring on the Painel too,
// while a Clicksign envelope keeps the computer's days.
func TestSimulatorEnvelopesCountDaysOnTheSimulatorsClock(t *testing.T) {
	now := brt(2026, 3, 10, 12, 0)
	due := now.Add(15 * 24 * time.Hour)
	st := &fakeStore{facts: Facts{Envelopes: []Envelope{
		{ID: "sim", State: crm.EnvelopeRunning, DeadlineAt: due, Simulator: true},
		{ID: "real", State: crm.EnvelopeRunning, DeadlineAt: due},
	}}}
	svc := New(st)
	svc.Now = func() time.Time { return now }
	svc.SimulatorNow = func(t time.Time) time.Time { return t.Add(13 * 24 * time.Hour) }
	s, err := svc.Summary(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	days := map[string]int{}
	for _, r := range s.Waiting {
		days[r.EnvelopeID] = r.DaysLeft
	}
	if days["sim"] != 2 || days["real"] != 15 {
		t.Fatalf("days left = %v, want sim 2 and real 15", days)
	}
	if len(s.ExpiringSoon) != 1 || s.ExpiringSoon[0].EnvelopeID != "sim" {
		t.Fatalf("expiring soon = %+v, want the simulator envelope", s.ExpiringSoon)
	}
}
