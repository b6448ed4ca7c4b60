package jivochat

import (
	"encoding/json"
	"time"
)

// The lead itself (crm.Lead, its stage, attribution, geo and messages) is
// domain vocabulary and lives in package crm. This file keeps what is
// JivoChat's own: the source name it records and the log of deliveries.

// SourceJivoChat is the origin recorded on leads created by this package.
const SourceJivoChat = "jivochat"

// Outcome is what applying an event did, recorded on its RawEvent.
type Outcome string

// Outcomes recorded on raw events.
const (
	OutcomeLeadCreated Outcome = "lead_created"
	OutcomeLeadUpdated Outcome = "lead_updated"
	// OutcomeSkippedNoContact: no e-mail/phone, no existing lead matched and
	// the event carried no conversation, so nothing was created (the raw
	// payload is kept).
	OutcomeSkippedNoContact Outcome = "skipped_no_contact"
	// OutcomeDuplicate: the same body under the same key was stored before;
	// this copy is kept as a raw event and changed nothing.
	OutcomeDuplicate Outcome = "duplicate"
	// OutcomeIgnored: an event type that does not touch leads.
	OutcomeIgnored Outcome = "ignored"
)

// RawEvent is one received delivery as stored. Key is the event's
// idempotency key and BodyHash the hash of its canonical body: the pair is
// what recognises a redelivery of the same content.
type RawEvent struct {
	// ID is the store's row number, set when read back; 0 before saving.
	ID         int64
	Key        string
	BodyHash   string
	ChatID     string
	EventName  string
	ReceivedAt time.Time
	LeadID     string
	Outcome    Outcome
	Body       json.RawMessage
}
