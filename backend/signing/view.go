package signing

import (
	"math"
	"time"
)

// DaysLeft counts whole days from now to deadline, rounding up, so a
// deadline later today is "1 day left" and a passed one is negative.
func DaysLeft(deadline, now time.Time) int {
	return int(math.Ceil(deadline.Sub(now).Hours() / 24))
}

// EnvelopeView is an envelope as the reservation screen shows its status.
type EnvelopeView struct {
	ID            string        `json:"id"`
	ReservationID int64         `json:"reservationId"`
	Name          string        `json:"name"`
	State         EnvelopeState `json:"state"`
	DeadlineAt    time.Time     `json:"deadlineAt" ts_type:"string"`
	// DaysLeft counts whole days to the deadline (negative once passed).
	DaysLeft int `json:"daysLeft"`
	// Simulator: the envelope lives in the Simulador local, so the screen
	// offers "Simular assinatura" / "Simular recusa".
	Simulator bool `json:"simulator"`
	// Missing: Clicksign no longer has the envelope.
	Missing   bool            `json:"missing"`
	HasSigned bool            `json:"hasSigned"`
	SyncedAt  time.Time       `json:"syncedAt" ts_type:"string"`
	Signers   []SignerView    `json:"signers"`
	Timeline  []TimelineEntry `json:"timeline"`
}

// SignerView is one signer's state, with its date and refusal reason.
type SignerView struct {
	ID     string      `json:"id"`
	Name   string      `json:"name"`
	Group  int         `json:"group"`
	State  SignerState `json:"state"`
	At     time.Time   `json:"at" ts_type:"string"`
	Reason string      `json:"reason"`
}

// TimelineEntry is one event of the envelope's timeline.
type TimelineEntry struct {
	Name   string    `json:"name"`
	Signer string    `json:"signer"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at" ts_type:"string"`
}
