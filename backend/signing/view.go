package signing

import (
	"time"

	"selo/backend/crm"
)

// The envelope vocabulary moved to crm (envelopestate.go). These aliases
// keep the packages that still name it here (sqlite, board, contracts)
// compiling until they move.

// EnvelopeState is crm.EnvelopeState.
//
// Deprecated: moved to crm; alias kept until callers move.
type EnvelopeState = crm.EnvelopeState

// SignerState is crm.SignerState.
//
// Deprecated: moved to crm; alias kept until callers move.
type SignerState = crm.SignerState

// EnvelopeView is crm.EnvelopeView.
//
// Deprecated: moved to crm; alias kept until callers move.
type EnvelopeView = crm.EnvelopeView

// SignerView is crm.SignerView.
//
// Deprecated: moved to crm; alias kept until callers move.
type SignerView = crm.SignerView

// TimelineEntry is crm.TimelineEntry.
//
// Deprecated: moved to crm; alias kept until callers move.
type TimelineEntry = crm.TimelineEntry

// Envelope and signer states, under their old names.
//
// Deprecated: moved to crm (StateX is crm.EnvelopeX); kept until callers move.
const (
	StateRunning  = crm.EnvelopeRunning
	StateFinished = crm.EnvelopeFinished
	StateCanceled = crm.EnvelopeCanceled
	StateExpired  = crm.EnvelopeExpired
	StateRefused  = crm.EnvelopeRefused
	SignerPending = crm.SignerPending
	SignerSigned  = crm.SignerSigned
	SignerRefused = crm.SignerRefused
	SignerWaiting = crm.SignerWaiting
)

// DaysLeft is crm.DaysLeft.
//
// Deprecated: moved to crm; kept until callers move.
func DaysLeft(deadline, now time.Time) int { return crm.DaysLeft(deadline, now) }
