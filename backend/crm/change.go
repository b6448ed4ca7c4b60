package crm

import "context"

// ChangeArea names a part of the office's data that a screen shows, so a PC
// can tell its screens what another PC changed. The vocabulary is small and
// fixed: the database announces these words (migration 0019 on
// PostgreSQL) and the frontend listens for them.
type ChangeArea string

// The areas another PC's writes are announced in.
const (
	// ChangeEnvelopes: sends for signature, their envelopes and signers (the
	// Painel, and the envelopes of a reservation).
	ChangeEnvelopes ChangeArea = "envelopes"
	// ChangeReservations: reservations, their people and their contracts
	// (the reservation page and list).
	ChangeReservations ChangeArea = "reservations"
	// ChangeLeads: leads and their conversations (the lead desk).
	ChangeLeads ChangeArea = "leads"
)

// ChangeAreas lists every area, in a stable order.
func ChangeAreas() []ChangeArea {
	return []ChangeArea{ChangeEnvelopes, ChangeReservations, ChangeLeads}
}

// Valid says whether a is one of the known areas.
func (a ChangeArea) Valid() bool {
	switch a {
	case ChangeEnvelopes, ChangeReservations, ChangeLeads:
		return true
	}
	return false
}

// ChangeFeed tells this PC that data changed in the shared database,
// whoever wrote it. Only an office database has one: on one PC every write
// is this process's own, so there is nothing to hear and the feed is nil.
type ChangeFeed interface {
	// Changes listens until ctx ends and then closes the channel. Each
	// value is the set of areas changed within a short window (a burst of
	// writes is one value), without duplicates, in ChangeAreas order. After
	// the connection to the server was lost and came back, every area is
	// announced once, since what changed meanwhile went unheard.
	Changes(ctx context.Context) <-chan []ChangeArea
}
