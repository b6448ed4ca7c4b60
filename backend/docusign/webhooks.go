package docusign

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// maxSignatureHeaders bounds the X-DocuSign-Signature-N headers read: one per
// active Connect secret, and DocuSign allows only a few.
const maxSignatureHeaders = 10

// VerifyConnect reports whether a Connect delivery's body was signed with one
// of secrets: some X-DocuSign-Signature-N header must equal
// base64(HMAC-SHA256(secret, raw body)) (reference §7.3). It compares in
// constant time and never says which part failed.
func VerifyConnect(secrets []string, h http.Header, body []byte) bool {
	var sigs [][]byte
	for i := 1; i <= maxSignatureHeaders; i++ {
		v := h.Get("X-DocuSign-Signature-" + strconv.Itoa(i))
		if v == "" {
			break
		}
		if b, err := base64.StdEncoding.DecodeString(v); err == nil {
			sigs = append(sigs, b)
		}
	}
	ok := false
	for _, s := range secrets {
		if s == "" {
			continue
		}
		m := hmac.New(sha256.New, []byte(s))
		m.Write(body)
		want := m.Sum(nil)
		for _, got := range sigs {
			if hmac.Equal(got, want) {
				ok = true
			}
		}
	}
	return ok
}

// ConnectEvent is the part of a JSON SIM Connect message Selo uses.
type ConnectEvent struct {
	// Event is e.g. "envelope-completed" or "recipient-declined".
	Event string
	// EnvelopeID is the envelope it is about.
	EnvelopeID string
	// RecipientID is set on recipient events (field name UNCONFIRMED, §7.2).
	RecipientID string
	// Generated is the message's generatedDateTime; with Event and EnvelopeID it
	// identifies a replay (no timestamp header exists, §7.3).
	Generated time.Time
	// Envelope is the envelope summary when the subscription included it; nil otherwise.
	Envelope *Envelope
}

// ParseConnect reads a verified JSON SIM body.
func ParseConnect(body []byte) (*ConnectEvent, error) {
	var m struct {
		Event             string `json:"event"`
		GeneratedDateTime string `json:"generatedDateTime"`
		Data              struct {
			EnvelopeID      string        `json:"envelopeId"`
			RecipientID     string        `json:"recipientId"`
			EnvelopeSummary *wireEnvelope `json:"envelopeSummary"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("%w: Connect body is not JSON SIM: %v", ErrValidation, err)
	}
	if m.Event == "" || m.Data.EnvelopeID == "" {
		return nil, fmt.Errorf("%w: Connect body without event or envelopeId", ErrValidation)
	}
	ev := &ConnectEvent{Event: m.Event, EnvelopeID: m.Data.EnvelopeID, RecipientID: m.Data.RecipientID,
		Generated: parseTime(m.GeneratedDateTime)}
	if s := m.Data.EnvelopeSummary; s != nil {
		if s.EnvelopeID == "" {
			s.EnvelopeID = m.Data.EnvelopeID
		}
		ev.Envelope = envelopeOf(*s)
	}
	return ev, nil
}
