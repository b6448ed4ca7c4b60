package clicksign

import (
	"context"
	"encoding/json"
	"net/url"
)

// Event names used by document events and webhooks.
const (
	EventUpload           = "upload"
	EventAddSigner        = "add_signer"
	EventRemoveSigner     = "remove_signer"
	EventSign             = "sign"
	EventSignatureStarted = "signature_started"
	EventRefusal          = "refusal"
	EventClose            = "close"
	EventAutoClose        = "auto_close"
	EventDeadline         = "deadline"
	EventDocumentClosed   = "document_closed"
	EventCancel           = "cancel"
	EventUpdateDeadline   = "update_deadline"
	EventUpdateAutoClose  = "update_auto_close"
	EventUpdateLocale     = "update_locale"
	EventCustom           = "custom"
)

// EventAttributes are the attributes of a timeline event.
type EventAttributes struct {
	Name string `json:"name"`
	// Data varies by event (user/account for most, signer for sign, reached_at for
	// deadline).
	Data    json.RawMessage `json:"data"`
	Created Time            `json:"created"`
}

// Event is one entry of a document's timeline.
type Event struct {
	ID string
	EventAttributes
}

func toEvent(r resource[EventAttributes]) Event {
	return Event{ID: r.ID, EventAttributes: r.Attributes}
}

// ListDocumentEvents returns a document's events, optionally only those named name.
func (c *Client) ListDocumentEvents(ctx context.Context, envelopeID, documentID, name string) ([]Event, error) {
	q := url.Values{}
	if name != "" {
		q.Set("filter[name]", name)
	}
	return listAll(ctx, c, documentPath(envelopeID, documentID)+"/events", q, toEvent)
}

// ListEnvelopeEvents returns the events of every document of an envelope
// (GET /envelopes/{id}/events, present in the official Postman collection).
func (c *Client) ListEnvelopeEvents(ctx context.Context, envelopeID string) ([]Event, error) {
	return listAll(ctx, c, envelopePath(envelopeID)+"/events", nil, toEvent)
}
