package simulator

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"sync"
)

// WebhookDelivery records one delivery attempt.
type WebhookDelivery struct {
	Event      string `json:"event"`
	DocumentID string `json:"document_id"`
	URL        string `json:"url"`
	// Status is the receiver's HTTP status; 0 when the POST failed.
	Status int    `json:"status"`
	Err    string `json:"error,omitempty"`
	// Body and Hmac are exactly what was sent.
	Body []byte `json:"body"`
	Hmac string `json:"hmac"`
}

type pendingHook struct {
	url, secret, event, docID string
	body                      []byte
}

// webhookQueue delivers in order on one goroutine so receivers see events in the
// order they happened, and lets tests wait until it is drained.
type webhookQueue struct {
	client *http.Client

	mu         sync.Mutex
	cond       *sync.Cond
	items      []pendingHook
	inflight   int
	idle       chan struct{} // closed when the queue drains; nil while idle
	closed     bool
	started    bool
	deliveries []WebhookDelivery
}

func newWebhookQueue(c *http.Client) *webhookQueue {
	q := &webhookQueue{client: c}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *webhookQueue) push(h pendingHook) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	q.items = append(q.items, h)
	if q.idle == nil {
		q.idle = make(chan struct{})
	}
	if !q.started {
		q.started = true
		go q.run()
	}
	q.cond.Signal()
}

func (q *webhookQueue) run() {
	for {
		q.mu.Lock()
		for len(q.items) == 0 && !q.closed {
			q.cond.Wait()
		}
		if q.closed {
			q.mu.Unlock()
			return
		}
		h := q.items[0]
		q.items = q.items[1:]
		q.inflight++
		q.mu.Unlock()

		d := q.deliver(h)

		q.mu.Lock()
		q.inflight--
		q.deliveries = append(q.deliveries, d)
		if len(q.items) == 0 && q.inflight == 0 && q.idle != nil {
			close(q.idle)
			q.idle = nil
		}
		q.mu.Unlock()
	}
}

func (q *webhookQueue) deliver(h pendingHook) WebhookDelivery {
	d := WebhookDelivery{Event: h.event, DocumentID: h.docID, URL: h.url, Body: h.body, Hmac: sign(h.secret, h.body)}
	req, err := http.NewRequest(http.MethodPost, h.url, bytes.NewReader(h.body))
	if err != nil {
		d.Err = err.Error()
		return d
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Event", h.event)
	req.Header.Set("Content-Hmac", d.Hmac)
	resp, err := q.client.Do(req)
	if err != nil {
		d.Err = err.Error()
		return d
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	d.Status = resp.StatusCode
	return d
}

func (q *webhookQueue) wait(ctx context.Context) error {
	q.mu.Lock()
	ch := q.idle
	q.mu.Unlock()
	if ch == nil {
		return nil
	}
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (q *webhookQueue) close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	q.cond.Broadcast()
}

func sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// SetWebhook changes where events are delivered; an empty url stops deliveries.
func (s *Simulator) SetWebhook(url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.WebhookURL, s.opts.WebhookSecret = url, secret
}

// WaitWebhooks blocks until every queued delivery has been attempted.
func (s *Simulator) WaitWebhooks(ctx context.Context) error { return s.hooks.wait(ctx) }

// WebhookDeliveries returns the delivery attempts so far.
func (s *Simulator) WebhookDeliveries() []WebhookDelivery {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	return append([]WebhookDelivery(nil), s.hooks.deliveries...)
}

// queueWebhook builds the payload now (so it reflects the state at the event) and
// queues it for the in-process WebhookURL and for every webhook registered
// through the API. Callers hold s.mu.
func (s *Simulator) queueWebhook(d *document, ev *event) {
	legacy := s.opts.WebhookURL != "" && (len(s.opts.WebhookEvents) == 0 || oneOf(ev.Name, s.opts.WebhookEvents...))
	if !legacy && len(s.st.Webhooks) == 0 {
		return
	}
	var data any
	if len(ev.Data) > 0 && ev.Name != "auto_close" {
		data = ev.Data
	}
	payload := map[string]any{
		"event":    map[string]any{"name": ev.Name, "data": data, "occurred_at": fmtTime(ev.Created)},
		"document": s.legacyDocument(d),
	}
	body, err := json.Marshal(payload)
	if err != nil {
		return
	}
	if legacy {
		s.hooks.push(pendingHook{url: s.opts.WebhookURL, secret: s.opts.WebhookSecret, event: ev.Name, docID: d.ID, body: body})
	}
	s.queueRegisteredWebhooks(ev.Name, d.ID, body)
}

// legacyDocument is the v1-shaped document object of webhook payloads.
func (s *Simulator) legacyDocument(d *document) map[string]any {
	e := s.st.Envelopes[d.EnvelopeID]
	var signers []any
	sequence := false
	for _, g := range s.docSigners(d) {
		signers = append(signers, s.legacySigner(g, d))
		if g.Group > 1 {
			sequence = true
		}
	}
	var active any
	if g := s.activeGroup(d.EnvelopeID); g > 0 {
		active = g
	}
	var remind any
	if e.RemindInterval != nil {
		remind = *e.RemindInterval
	}
	var meta any = map[string]any{}
	if len(d.Metadata) > 0 {
		meta = d.Metadata
	}
	downloads := map[string]any{"original_file_url": s.fileURL(d, "original")}
	if d.Status == "closed" || d.Status == "canceled" {
		downloads["signed_file_url"] = s.fileURL(d, "signed")
		downloads["ziped_file_url"] = s.fileURL(d, "ziped")
	}
	return map[string]any{
		"key": d.ID, "account_key": s.opts.AccountKey, "path": "/" + d.Filename, "filename": d.Filename,
		"uploaded_at": fmtTime(d.Created), "updated_at": fmtTime(d.Modified), "finished_at": fmtTime(d.FinishedAt),
		"deadline_at": fmtTime(e.DeadlineAt), "status": d.Status, "auto_close": e.AutoClose, "locale": e.Locale,
		"metadata": meta, "sequence_enabled": sequence, "signable_group": active, "remind_interval": remind,
		"block_after_refusal": e.BlockAfterRefusal, "downloads": downloads, "template": nil,
		"signers": signers, "attachments": []any{},
		"links": map[string]any{"self": s.publicURL + "/api/v3/envelopes/" + d.EnvelopeID + "/documents/" + d.ID},
	}
}
