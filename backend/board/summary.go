package board

import (
	"sort"
	"time"

	"selo/backend/crm"
)

// Summary is the whole Painel for one filter.
type Summary struct {
	Counts Counts `json:"counts"`
	// Any: the office has sent at least one envelope (whatever the filter).
	Any bool `json:"any"`
	// Waiting are the running envelopes, longest waiting first.
	Waiting []Row `json:"waiting"`
	// ExpiringSoon are running envelopes whose deadline is at most SoonDays
	// away (or already passed while the envelope still runs), soonest first.
	ExpiringSoon []Row `json:"expiringSoon"`
	// Refusals are the refused envelopes, latest refusal first.
	Refusals []Row `json:"refusals"`
	// At is when the board was computed; DaysLeft counts from it.
	At time.Time `json:"at" ts_type:"string"`
}

// Row is one envelope on the board.
type Row struct {
	EnvelopeID      string            `json:"envelopeId"`
	ReservationID   int64             `json:"reservationId"`
	ClientName      string            `json:"clientName"`
	DevelopmentName string            `json:"developmentName"`
	BlockName       string            `json:"blockName"`
	UnitNumber      string            `json:"unitNumber"`
	BrokerName      string            `json:"brokerName"`
	EnvelopeName    string            `json:"envelopeName"`
	State           crm.EnvelopeState `json:"state"`
	SentAt          time.Time         `json:"sentAt" ts_type:"string"`
	DeadlineAt      time.Time         `json:"deadlineAt" ts_type:"string"`
	// DaysLeft counts whole days to the deadline, rounded up as the
	// reservation screen does (0 or negative once passed; 0 with no deadline).
	DaysLeft int `json:"daysLeft"`
	// Missing are who still has to sign a running envelope, in order.
	Missing []MissingSigner `json:"missing"`
	// Refusal is who refused a refused envelope, nil otherwise.
	Refusal *Refusal `json:"refusal"`
}

// MissingSigner is a signer a running envelope still waits for.
type MissingSigner struct {
	Name string `json:"name"`
	// Waiting: a signer of an earlier order has not signed yet, so this one
	// has not even been asked (Clicksign notifies by order).
	Waiting bool `json:"waiting"`
	// Since is when this signer was asked to sign: the envelope's sent time
	// for the first order, and for a later order the moment the previous
	// order finished, i.e. the last signature before it (recorded by sync).
	// Zero while Waiting: nobody has asked them yet, so there is no "since".
	Since time.Time `json:"since" ts_type:"string"`
}

// Refusal is who refused an envelope, why and when.
type Refusal struct {
	SignerName string    `json:"signerName"`
	Reason     string    `json:"reason"`
	At         time.Time `json:"at" ts_type:"string"`
}

// Build computes the board from the store's facts at now.
func Build(f Facts, now time.Time) Summary {
	s := Summary{Counts: f.Counts, Any: f.Any, At: now, Waiting: []Row{}, ExpiringSoon: []Row{}, Refusals: []Row{}}
	for _, e := range f.Envelopes {
		r := rowOf(e, now)
		switch e.State {
		case crm.EnvelopeRunning:
			s.Waiting = append(s.Waiting, r)
			if Soon(r) {
				s.ExpiringSoon = append(s.ExpiringSoon, r)
			}
		case crm.EnvelopeRefused:
			s.Refusals = append(s.Refusals, r)
		}
	}
	sort.SliceStable(s.Waiting, func(i, j int) bool {
		return earlier(s.Waiting[i].SentAt, s.Waiting[j].SentAt, s.Waiting[i], s.Waiting[j])
	})
	sort.SliceStable(s.ExpiringSoon, func(i, j int) bool {
		return earlier(s.ExpiringSoon[i].DeadlineAt, s.ExpiringSoon[j].DeadlineAt, s.ExpiringSoon[i], s.ExpiringSoon[j])
	})
	sort.SliceStable(s.Refusals, func(i, j int) bool {
		return earlier(refusedAt(s.Refusals[j]), refusedAt(s.Refusals[i]), s.Refusals[i], s.Refusals[j])
	})
	return s
}

// Report lists every envelope of the facts for the CSV: what needs action
// first (running, then refused), then what ended; within a state, the
// oldest send first. One order, so two exports of the same data diff clean.
func Report(f Facts, now time.Time) []Row {
	rows := make([]Row, 0, len(f.Envelopes))
	for _, e := range f.Envelopes {
		rows = append(rows, rowOf(e, now))
	}
	sort.SliceStable(rows, func(i, j int) bool {
		pi, pj := statePriority(rows[i].State), statePriority(rows[j].State)
		if pi != pj {
			return pi < pj
		}
		return earlier(rows[i].SentAt, rows[j].SentAt, rows[i], rows[j])
	})
	return rows
}

func statePriority(s crm.EnvelopeState) int {
	switch s {
	case crm.EnvelopeRunning:
		return 0
	case crm.EnvelopeRefused:
		return 1
	case crm.EnvelopeExpired:
		return 2
	case crm.EnvelopeCanceled:
		return 3
	case crm.EnvelopeFinished:
		return 4
	}
	return 5
}

// earlier orders by time, then by reservation and envelope id so equal
// times still sort the same way every time.
func earlier(a, b time.Time, ra, rb Row) bool {
	if !a.Equal(b) {
		return a.Before(b)
	}
	if ra.ReservationID != rb.ReservationID {
		return ra.ReservationID < rb.ReservationID
	}
	return ra.EnvelopeID < rb.EnvelopeID
}

func refusedAt(r Row) time.Time {
	if r.Refusal == nil {
		return time.Time{}
	}
	return r.Refusal.At
}

// Soon reports whether a running row belongs under "Vencem nos próximos 3
// dias": a deadline at most SoonDays away as DaysLeft shows it, so the list
// and the "faltam N dias" beside it never disagree. A deadline already
// passed on an envelope sync still reports running is the most urgent case,
// so it stays in.
func Soon(r Row) bool {
	return r.State == crm.EnvelopeRunning && !r.DeadlineAt.IsZero() && r.DaysLeft <= SoonDays
}

// DaysLeft counts whole days from now to deadline as the reservation
// screen does (crm.DaysLeft); 0 without a deadline.
func DaysLeft(deadline, now time.Time) int {
	if deadline.IsZero() {
		return 0
	}
	return crm.DaysLeft(deadline, now)
}

func rowOf(e Envelope, now time.Time) Row {
	now = now.Add(e.ClockOffset)
	r := Row{
		EnvelopeID: e.ID, ReservationID: e.ReservationID, ClientName: e.ClientName, DevelopmentName: e.DevelopmentName,
		BlockName: e.BlockName, UnitNumber: e.UnitNumber, BrokerName: e.BrokerName, EnvelopeName: e.Name,
		State: e.State, SentAt: e.SentAt, DeadlineAt: e.DeadlineAt, DaysLeft: DaysLeft(e.DeadlineAt, now),
		Missing: []MissingSigner{},
	}
	switch e.State {
	case crm.EnvelopeRunning:
		r.Missing = missing(e)
	case crm.EnvelopeRefused:
		r.Refusal = refusal(e)
	}
	return r
}

// missing lists who has not signed, with the same order rule as the
// reservation screen: a signer waits while anyone of a lower order has not
// signed. Sync records states as Clicksign reports them, but before the
// first sync every signer is "pendente", so the rule is applied here again
// rather than trusting the stored "aguardando".
func missing(e Envelope) []MissingSigner {
	out := []MissingSigner{}
	for _, g := range e.Signers {
		if g.State == crm.SignerSigned || g.State == crm.SignerRefused {
			continue
		}
		m := MissingSigner{Name: g.Name, Since: e.SentAt}
		for _, o := range e.Signers {
			if o.Group >= g.Group {
				continue
			}
			if o.State != crm.SignerSigned {
				m.Waiting, m.Since = true, time.Time{}
				break
			}
			// This order became active with the last signature before it.
			if o.At.After(m.Since) {
				m.Since = o.At
			}
		}
		out = append(out, m)
	}
	return out
}

// refusal names the first signer recorded as refusing. An envelope can be
// refused with no signer matched (the event named an unknown e-mail): the
// row then has a refusal with no name, and the screen says so.
func refusal(e Envelope) *Refusal {
	for _, g := range e.Signers {
		if g.State == crm.SignerRefused {
			return &Refusal{SignerName: g.Name, Reason: g.Reason, At: g.At}
		}
	}
	return &Refusal{}
}
