package crm

import (
	"math"
	"time"
)

// EnvelopeState is what the office sees of an envelope ("Envio para
// assinatura"). signing decides it from the provider's facts; the board,
// the reservation screen and storage only read it.
type EnvelopeState string

// Envelope states; the values are stored and shown, so they never change.
const (
	EnvelopeRunning  EnvelopeState = "em_andamento"
	EnvelopeFinished EnvelopeState = "finalizado"
	EnvelopeCanceled EnvelopeState = "cancelado"
	EnvelopeExpired  EnvelopeState = "vencido"
	EnvelopeRefused  EnvelopeState = "recusado"
)

// Terminal reports whether no later fact can change the state.
func (s EnvelopeState) Terminal() bool { return s != EnvelopeRunning && s != "" }

// SignerState is what the office sees of one signer of an envelope.
type SignerState string

// Signer states; the values are stored and shown, so they never change.
const (
	SignerPending SignerState = "pendente"
	SignerSigned  SignerState = "assinou"
	SignerRefused SignerState = "recusou"
	// SignerWaiting: a signer of a lower group has not signed yet.
	SignerWaiting SignerState = "aguardando"
)

// DaysLeft counts whole days from now to deadline, rounding up, so a
// deadline later today is "1 day left" and a passed one is negative.
func DaysLeft(deadline, now time.Time) int {
	return int(math.Ceil(deadline.Sub(now).Hours() / 24))
}

// EnvelopeView is an envelope as the reservation screen shows it: the one
// read model of an envelope, with what the send decided (contracts, each
// signer's group, channel and authentication) and what status sync learnt
// (state, each signer's state, the timeline).
type EnvelopeView struct {
	ID            string `json:"id"`
	ReservationID int64  `json:"reservationId"`
	// OperationID is the send operation that made the envelope.
	OperationID int64  `json:"operationId"`
	Name        string `json:"name"`
	// Status is the provider's own status of the envelope as last read
	// ("running" while it collects signatures); State is what the office
	// sees, decided from every fact.
	Status string        `json:"status"`
	State  EnvelopeState `json:"state"`
	// ContractIDs are the reservation's contracts merged into its document.
	ContractIDs []int64   `json:"contractIds"`
	DeadlineAt  time.Time `json:"deadlineAt" ts_type:"string"`
	// DaysLeft counts whole days to the deadline (negative once passed).
	DaysLeft int `json:"daysLeft"`
	// Simulator: the envelope lives in the Simulador local, so the screen
	// offers "Simular assinatura" / "Simular recusa".
	Simulator bool `json:"simulator"`
	// Provider is the service of the envelope's key, so "Simular
	// assinatura" reaches that service's simulator.
	Provider Provider `json:"provider"`
	// Missing: Clicksign no longer has the envelope.
	Missing   bool      `json:"missing"`
	HasSigned bool      `json:"hasSigned"`
	SyncedAt  time.Time `json:"syncedAt" ts_type:"string"`
	// SentByName is who clicked "Enviar" ("Enviado por"); "" when nobody
	// was chosen on that desktop.
	SentByName string          `json:"sentByName"`
	Signers    []SignerView    `json:"signers"`
	Timeline   []TimelineEntry `json:"timeline"`
}

// SignerView is one signer's state, with its date and refusal reason.
type SignerView struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Position is the signer's place in the send, which ties it to the
	// resolved signer (types, channels) the send stored.
	Position int         `json:"position"`
	Group    int         `json:"group"`
	State    SignerState `json:"state"`
	// Types, Delivery and Auth are what the signer rules decided: why the
	// person signs, how they are invited, how they authenticate.
	Types    []SignerType `json:"types"`
	Delivery Channel      `json:"delivery"`
	Auth     Channel      `json:"auth"`
	At       time.Time    `json:"at" ts_type:"string"`
	Reason   string       `json:"reason"`
}

// TimelineEntry is one event of the envelope's timeline.
type TimelineEntry struct {
	Name   string    `json:"name"`
	Signer string    `json:"signer"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at" ts_type:"string"`
}
