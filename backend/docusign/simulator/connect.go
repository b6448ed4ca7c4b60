package simulator

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
)

// configurationID is the fixed Connect configuration id the messages carry.
const configurationID = 10501

// emitLocked queues a JSON SIM Connect message (reference §7.2) for an envelope
// that asked for them (eventNotification.url). It is sent after the lock is released.
func (s *Simulator) emitLocked(e *envelope, event, recipientID string) {
	if e.webhook == "" {
		return
	}
	data := map[string]any{"accountId": s.opt.AccountID, "userId": s.opt.AccountID, "envelopeId": e.id,
		"envelopeSummary": s.envelopeJSON(e, true, true)}
	if recipientID != "" {
		data["recipientId"] = recipientID
	}
	body, _ := json.Marshal(map[string]any{
		"event": event, "apiVersion": "v2.1",
		"uri":        "/restapi/v2.1/accounts/" + s.opt.AccountID + "/envelopes/" + e.id,
		"retryCount": 0, "configurationId": configurationID, "generatedDateTime": stamp(s.opt.Now()),
		"data": data,
	})
	d := Delivery{URL: e.webhook, Event: event, EnvelopeID: e.id, Body: body}
	if s.opt.ConnectSecret != "" {
		d.Signature = Sign(s.opt.ConnectSecret, body)
	}
	s.outbox = append(s.outbox, d)
}

// Sign is the X-DocuSign-Signature-N value for body under secret:
// base64(HMAC-SHA256(secret, raw body)) (reference §7.3).
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// deliver posts the messages in order. Failures wait for RetryConnect.
func (s *Simulator) deliver(list []Delivery) {
	for _, d := range list {
		d.Status = s.post(d)
		s.mu.Lock()
		s.deliveries = append(s.deliveries, d)
		if d.Status < 200 || d.Status > 299 {
			s.pending = append(s.pending, d)
		}
		s.mu.Unlock()
	}
}

func (s *Simulator) post(d Delivery) int {
	req, err := http.NewRequest(http.MethodPost, d.URL, bytes.NewReader(d.Body))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json")
	if d.Signature != "" {
		req.Header.Set("X-DocuSign-Signature-1", d.Signature)
		req.Header.Set("X-Authorization-Digest", "HMACSHA256")
	}
	resp, err := s.opt.ConnectClient.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// RetryConnect sends again every delivery that failed, oldest first, as the
// real service does when a down configuration comes back (§7.4, time-compressed).
func (s *Simulator) RetryConnect() {
	s.mu.Lock()
	list := s.pending
	s.pending = nil
	s.mu.Unlock()
	s.deliver(list)
}

// Deliveries lists every Connect delivery attempt so far.
func (s *Simulator) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Delivery(nil), s.deliveries...)
}
