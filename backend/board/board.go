// Package board is the manager's Painel: how many envelopes are in each
// state, who is still missing on each running envelope and since when, what
// expires in the next days, the refusals, and the same list as a CSV file a
// spreadsheet opens in pt-BR.
//
// The rules live here and need no database: the store hands over the facts
// (Facts) and Build turns them into what the screen shows, so every rule is
// a table test.
package board

import (
	"context"
	"time"
	// The zone database is embedded so a period means Brasília days on
	// Windows too, where Go finds no zoneinfo of its own.
	_ "time/tzdata"

	"selo/backend/crm"
)

// Error codes of the Painel's filters.
const (
	// CodeDateInvalid: a period date is not a calendar date. Data: {value}.
	CodeDateInvalid = "board.date_invalid"
	// CodePeriodInverted: the period ends before it starts. Data: {from, to}
	// as dd/mm/aaaa.
	CodePeriodInverted = "board.period_inverted"
	// CodeSaveFailed: the export could not be written where the manager
	// chose (a file open in Excel is locked on Windows). Data: {path}.
	CodeSaveFailed = "board.save_failed"
)

// SoonDays is how many days ahead "Vencem nos próximos 3 dias" looks.
const SoonDays = 3

// Zone is the office's time zone: the period's days and every date of the
// CSV are Brasília days, whatever zone the computer is set to.
var Zone = func() *time.Location {
	loc, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		// Without the zone, UTC-3 (Brazil has no daylight saving since 2019).
		return time.FixedZone("BRT", -3*60*60)
	}
	return loc
}()

// Filter is what the manager narrows the board by. Zero values mean "all".
type Filter struct {
	DevelopmentID int64 `json:"developmentId"`
	// BrokerID is the "Corretor" filter: a Usuário. It finds the envelopes
	// that user has a hand in, which is one of three things:
	//   - the reservation's corretor (Reservation.BrokerID), the person the
	//     sale belongs to, chosen on the reservation form;
	//   - the user who sent the envelope (who was using the desktop that
	//     clicked "Enviar", office mode);
	//   - the user who created the reservation (office mode).
	// They are usually one person: a corretor on their own PC creates and
	// sends their reservation. They differ when a gestor sends for a corretor
	// or a reservation has no corretor chosen; the filter then still finds
	// the envelope under each of them, and the options list everyone who
	// appears in any of the three roles. This is the one place that decides
	// it; sqlstore's board query implements it.
	BrokerID int64 `json:"brokerId"`
	// From and To bound the day the envelope was sent, both included, as
	// "AAAA-MM-DD" in the office's zone; "" leaves that end open.
	From string `json:"from"`
	To   string `json:"to"`
}

// Query is a Filter made ready for the store: the period as a half-open
// range of instants, and which states need their rows and signers.
type Query struct {
	DevelopmentID int64
	BrokerID      int64
	// SentFrom and SentBefore bound the envelope's sent time, From included
	// and Before excluded; zero leaves that end open.
	SentFrom   time.Time
	SentBefore time.Time
	// States lists the states whose envelopes the store returns with their
	// signers; empty means every state. Counts always cover every state.
	States []crm.EnvelopeState
}

// Query validates the filter and converts its days into instants. Every
// problem is reported at once, each naming its field.
func (f Filter) Query() (Query, error) {
	q := Query{DevelopmentID: f.DevelopmentID, BrokerID: f.BrokerID}
	var inv crm.Invalid
	from, okFrom := parseDay(f.From)
	if !okFrom {
		inv.Add(crm.E(CodeDateInvalid, "value", f.From).OnField("from"))
	}
	to, okTo := parseDay(f.To)
	if !okTo {
		inv.Add(crm.E(CodeDateInvalid, "value", f.To).OnField("to"))
	}
	if okFrom && okTo && !from.IsZero() && !to.IsZero() && to.Before(from) {
		inv.Add(crm.E(CodePeriodInverted, "from", Day(from), "to", Day(to)).OnField("to"))
	}
	if err := inv.Err(); err != nil {
		// One problem travels alone, so the screen names it directly.
		if len(inv.Problems) == 1 {
			return q, inv.Problems[0]
		}
		return q, err
	}
	q.SentFrom = from
	if !to.IsZero() {
		// The whole last day counts: the range ends at the next midnight.
		q.SentBefore = to.AddDate(0, 0, 1)
	}
	return q, nil
}

// parseDay reads "AAAA-MM-DD" as the start of that day in Zone. "" is an
// open end (zero time, ok).
func parseDay(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.ParseInLocation("2006-01-02", s, Zone)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// Day formats t as dd/mm/aaaa in the office's zone ("" for no date).
func Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Zone).Format("02/01/2006")
}

// Counts are how many envelopes match the filter in each state. The JSON
// names are the states, so the screen reads counts[state].
type Counts struct {
	Running  int `json:"em_andamento"`
	Finished int `json:"finalizado"`
	Canceled int `json:"cancelado"`
	Expired  int `json:"vencido"`
	Refused  int `json:"recusado"`
	// Total is the sum of the states above.
	Total int `json:"total"`
}

// Add counts n envelopes in state s. An unknown state still counts in
// Total, so the cards never add up to less than the envelopes sent.
func (c *Counts) Add(s crm.EnvelopeState, n int) {
	switch s {
	case crm.EnvelopeRunning:
		c.Running += n
	case crm.EnvelopeFinished:
		c.Finished += n
	case crm.EnvelopeCanceled:
		c.Canceled += n
	case crm.EnvelopeExpired:
		c.Expired += n
	case crm.EnvelopeRefused:
		c.Refused += n
	}
	c.Total += n
}

// Signer is one signer of an envelope as the store knows it.
type Signer struct {
	Name  string
	Group int
	State crm.SignerState
	// At dates a signature or refusal.
	At     time.Time
	Reason string
}

// Envelope is one envelope with what the board shows of its reservation.
// The reservation fields are "" when the reservation no longer exists.
type Envelope struct {
	ID              string
	ReservationID   int64
	ClientName      string
	DevelopmentName string
	BlockName       string
	UnitNumber      string
	BrokerName      string
	Name            string
	State           crm.EnvelopeState
	SentAt          time.Time
	DeadlineAt      time.Time
	// Simulator: the envelope lives in the Simulador local, whose clock
	// training moves forward; its deadline was set on that clock.
	Simulator bool
	// ClockOffset is how far the envelope's provider's clock is ahead of
	// the computer's (the Simulador local's, moved by training); zero for
	// Clicksign.
	ClockOffset time.Duration
	// Signers are in the envelope's order.
	Signers []Signer
}

// Facts is what the store answers for one Query.
type Facts struct {
	// Counts cover the envelopes matching the filter, whatever their state.
	Counts Counts
	// Any reports whether the office has sent any envelope at all, filter
	// or not: the screen tells "nothing sent yet" from "nothing matches".
	Any bool
	// Envelopes are those in the Query's states.
	Envelopes []Envelope
}

// Store is the database side of the board; package sqlite implements it.
type Store interface {
	// BoardFacts counts the envelopes matching q by state and returns those
	// in q.States with their signers.
	BoardFacts(ctx context.Context, q Query) (Facts, error)
	// BoardOptions lists the developments and corretores the filters offer.
	BoardOptions(ctx context.Context) (Options, error)
}

// Option is one choice of a filter.
type Option struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Options are the choices of the Empreendimento and Corretor filters: those
// of reservations that have sent an envelope, archived developments and
// deactivated users included, since their envelopes still count.
type Options struct {
	Developments []Option `json:"developments"`
	Brokers      []Option `json:"brokers"`
}

// Service answers the Painel.
type Service struct {
	store Store
	// Now is the clock (default time.Now).
	Now func() time.Time
	// SimulatorNow is the Simulador local's clock given the computer's
	// (signing.Connector.Now); nil when the simulator keeps real time.
	SimulatorNow func(time.Time) time.Time
}

// New returns the board service over store.
func New(store Store) *Service { return &Service{store: store, Now: time.Now} }

// Summary returns the board for the filter.
func (s *Service) Summary(ctx context.Context, f Filter) (Summary, error) {
	q, err := f.Query()
	if err != nil {
		return Summary{}, err
	}
	q.States = []crm.EnvelopeState{crm.EnvelopeRunning, crm.EnvelopeRefused}
	facts, err := s.store.BoardFacts(ctx, q)
	if err != nil {
		return Summary{}, err
	}
	return Build(s.onTheirClocks(facts), s.Now()), nil
}

// onTheirClocks counts a simulator envelope's days on the simulator's
// clock, as the reservation screen does, so both say the same after the
// trainer moves that clock.
func (s *Service) onTheirClocks(f Facts) Facts {
	if s.SimulatorNow == nil {
		return f
	}
	now := s.Now()
	offset := s.SimulatorNow(now).Sub(now)
	for i, e := range f.Envelopes {
		if e.Simulator {
			f.Envelopes[i].ClockOffset = offset
		}
	}
	return f
}

// CSV returns every envelope matching the filter as a pt-BR CSV file.
func (s *Service) CSV(ctx context.Context, f Filter) ([]byte, error) {
	q, err := f.Query()
	if err != nil {
		return nil, err
	}
	facts, err := s.store.BoardFacts(ctx, q)
	if err != nil {
		return nil, err
	}
	return CSV(Report(s.onTheirClocks(facts), s.Now()))
}

// Options returns the filters' choices.
func (s *Service) Options(ctx context.Context) (Options, error) {
	o, err := s.store.BoardOptions(ctx)
	if o.Developments == nil {
		o.Developments = []Option{}
	}
	if o.Brokers == nil {
		o.Brokers = []Option{}
	}
	return o, err
}

// FileName is the CSV's suggested name, dated today in the office's zone.
func FileName(now time.Time) string {
	return "painel-assinaturas-" + now.In(Zone).Format("2006-01-02") + ".csv"
}
