package jivochat

import (
	"context"

	"selo/backend/crm"
)

// Store persists what webhook events do. One event is applied in one call to
// Apply, so a crash or error half-way leaves nothing behind and a redelivery
// starts from a clean state.
//
// Implementations must run fn as a single transaction and must serialise
// transactions that write (SQLite: BEGIN IMMEDIATE), because the handler
// looks a lead up and then inserts it: two concurrent events for one new
// visitor must not both insert. If fn returns an error or panics nothing it
// did may remain. fn may be called only once per Apply; Tx must not be used
// after fn returns. If ctx ends before the commit, nothing is committed: the
// listener cancels ctx when a request times out or the app shuts down.
//
// A SQL shape that gives these semantics: one raw event row per delivery
// with a plain index on (key, body_hash) and on chat_id, messages unique on
// (lead_id, key), and plain (non-unique) indexes on leads.visitor_id,
// client_id, email and phone.
type Store interface {
	Apply(ctx context.Context, fn func(tx Tx) error) error
}

// LeadKey names a field leads are matched on.
type LeadKey string

// Match keys, in the order the handler tries them.
const (
	ByVisitorID LeadKey = "visitor_id"
	ByClientID  LeadKey = "client_id"
	ByEmail     LeadKey = "email"
	ByPhone     LeadKey = "phone"
)

// Tx is the view of the store inside one Apply. Reads see the transaction's
// own writes.
type Tx interface {
	// SeenEvent reports whether a delivery with this idempotency key was
	// saved, and the lead the latest of them touched ("" if none).
	SeenEvent(key string) (leadID string, seen bool, err error)
	// SeenBody reports whether a delivery with this key and this body hash
	// (the same event sent again) was saved, and the lead it touched.
	SeenBody(key, bodyHash string) (leadID string, seen bool, err error)
	// ChatLead returns the lead that an earlier delivery of this chat
	// touched (the latest one that touched any), so that later events of a
	// chat whose visitor left no contact and no visitor number still reach
	// the same row. An empty chat id never matches.
	ChatLead(chatID string) (leadID string, found bool, err error)
	// SaveRawEvent stores one delivery. Every delivery is kept, redeliveries
	// too: a key may appear many times.
	SaveRawEvent(ev RawEvent) error
	// UpdateRawEvent rewrites the stored delivery ev.ID (key, hash, chat,
	// outcome, lead; the body and time stay), for Handler.Reapply.
	UpdateRawEvent(ev RawEvent) error
	// Lead returns the lead with this id.
	Lead(id string) (crm.Lead, bool, error)
	// FindLead returns the lead whose field `by` equals value exactly (values
	// are normalised by the caller). Keys are not unique (two leads may share
	// an e-mail); the earliest created wins, ties by id, so the answer is
	// stable. An empty value never matches.
	FindLead(by LeadKey, value string) (crm.Lead, bool, error)
	// InsertLead adds a new lead; its id must be unused.
	InsertLead(l crm.Lead) error
	// UpdateLead replaces an existing lead.
	UpdateLead(l crm.Lead) error
	// AppendMessages adds the messages whose (LeadID, Key) is not stored yet
	// and returns how many it added; the others are skipped silently.
	AppendMessages(msgs []crm.LeadMessage) (added int, err error)
}
