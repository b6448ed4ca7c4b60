package simulator

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// webhook is one registration made through POST /api/v3/webhooks. Like
// Clicksign's, it is account-wide: it receives the subscribed events of
// every envelope.
type webhook struct {
	ID       string    `json:"id"`
	Seq      int64     `json:"seq"`
	Endpoint string    `json:"endpoint"`
	Secret   string    `json:"secret"`
	Status   string    `json:"status"`
	Events   []string  `json:"events"`
	Created  time.Time `json:"created"`
	Modified time.Time `json:"modified"`
}

// webhookEventNames are the event names a webhook may subscribe to: the full
// list of a sandbox webhook in the reference (§8.2).
var webhookEventNames = []string{"add_image", "upload", "add_signer", "remove_signer", "sign", "close",
	"auto_close", "deadline", "document_closed", "cancel", "update_deadline", "update_auto_close",
	"update_locale", "custom", "refusal", "acceptance_term_enqueued", "acceptance_term_sent",
	"acceptance_term_completed", "acceptance_term_refused", "acceptance_term_canceled",
	"acceptance_term_expired", "acceptance_term_error", "attempts_by_whatsapp_exceeded",
	"attempts_by_liveness_or_facematch_exceeded", "liveness_refused", "facematch_refused",
	"documentscopy_refused", "biometric_refused", "ocr_refused", "signature_started"}

func (s *Simulator) webhookRoutes() {
	const p = "/api/v3/webhooks"
	s.handle("POST "+p, s.createWebhook)
	s.handle("GET "+p, s.listWebhooks)
	s.handle("GET "+p+"/{webhook_id}", s.showWebhook)
	s.handle("PATCH "+p+"/{webhook_id}", s.updateWebhook)
	s.handle("DELETE "+p+"/{webhook_id}", s.deleteWebhook)
}

// newWebhookSecret makes a secret shaped like Clicksign's: 32 hex characters.
func newWebhookSecret() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (s *Simulator) webhookJSON(base string, w *webhook) map[string]any {
	return map[string]any{
		"id": w.ID, "type": "webhooks",
		"links": map[string]any{"self": base + "/webhooks/" + w.ID},
		"attributes": map[string]any{
			"endpoint": w.Endpoint, "secret": w.Secret, "status": w.Status,
			"events": append([]string{}, w.Events...), "created": fmtTime(w.Created), "modified": fmtTime(w.Modified),
		},
	}
}

func (s *Simulator) getWebhook(id string) (*webhook, error) {
	w, ok := s.st.Webhooks[id]
	if !ok {
		return nil, notFound(id)
	}
	return w, nil
}

// webhookEvents reads the events attribute. The POST schema declares an
// array of names; the PATCH schema (and the community Postman example) a
// string, read here as comma-separated names, where "" means "unchanged".
func webhookEvents(a attrs, creating bool) ([]string, bool, error) {
	raw, present := a["events"]
	var names []string
	switch v := raw.(type) {
	case nil:
	case string:
		for _, n := range strings.Split(v, ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
	case []any:
		for _, x := range v {
			n, ok := x.(string)
			if !ok {
				return nil, false, badRequest("events", "events deve ser uma lista de textos")
			}
			names = append(names, n)
		}
	default:
		return nil, false, badRequest("events", "events deve ser uma lista de textos")
	}
	if len(names) == 0 {
		if creating || (present && raw != nil && raw != "") {
			return nil, false, badRequest("events", "events deve ser informado(a)") // documented
		}
		return nil, false, nil
	}
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if !oneOf(n, webhookEventNames...) {
			return nil, false, badRequest("events", "events deve estar em: "+strings.Join(webhookEventNames, ", "))
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out, true, nil
}

// checkEndpoint accepts an absolute http(s) address and refuses one another
// webhook already uses (documented 422).
func (s *Simulator) checkEndpoint(endpoint, exceptID string) error {
	u, err := url.Parse(endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return invalid("endpoint", msgEndpointInvalid)
	}
	for _, w := range s.st.Webhooks {
		if w.ID != exceptID && w.Endpoint == endpoint {
			return invalid("endpoint", "já está em uso") // documented
		}
	}
	return nil
}

func webhookStatus(a attrs) (string, bool, error) {
	v, ok, err := a.str("status")
	if err != nil || !ok {
		return "", false, err
	}
	if !oneOf(v, "active", "inactive") {
		return "", false, enumErr("status", "active", "inactive")
	}
	return v, true, nil
}

func (s *Simulator) createWebhook(r *http.Request, in *input) reply {
	d, err := readData(r, "webhooks", smallBody)
	if err != nil {
		return fail(err)
	}
	if err := d.Attributes.allow("endpoint", "status", "events"); err != nil {
		return fail(err)
	}
	events, _, err := webhookEvents(d.Attributes, true)
	if err != nil {
		return fail(err)
	}
	endpoint, ok, err := d.Attributes.str("endpoint")
	if err != nil {
		return fail(err)
	}
	if !ok {
		return fail(badRequest("endpoint", "endpoint deve ser informado(a)"))
	}
	if err := s.checkEndpoint(endpoint, ""); err != nil {
		return fail(err)
	}
	status, ok, err := webhookStatus(d.Attributes)
	if err != nil {
		return fail(err)
	}
	if !ok {
		status = defaultWebhookStatus
	}
	now := s.now()
	w := &webhook{ID: newID(), Seq: s.nextSeq(), Endpoint: endpoint, Secret: newWebhookSecret(), Status: status,
		Events: events, Created: now, Modified: now}
	s.st.Webhooks[w.ID] = w
	return reply{status: http.StatusCreated, body: single(s.webhookJSON(in.base, w))}
}

func (s *Simulator) sortedWebhooks() []*webhook {
	list := make([]*webhook, 0, len(s.st.Webhooks))
	for _, w := range s.st.Webhooks {
		list = append(list, w)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Seq < list[j].Seq })
	return list
}

func (s *Simulator) listWebhooks(r *http.Request, in *input) reply {
	var items []any
	for _, w := range s.sortedWebhooks() {
		items = append(items, s.webhookJSON(in.base, w))
	}
	return reply{status: http.StatusOK, body: collection(r, in.base, items)}
}

func (s *Simulator) showWebhook(r *http.Request, in *input) reply {
	w, err := s.getWebhook(r.PathValue("webhook_id"))
	if err != nil {
		return fail(err)
	}
	return reply{status: http.StatusOK, body: single(s.webhookJSON(in.base, w))}
}

func (s *Simulator) updateWebhook(r *http.Request, in *input) reply {
	w, err := s.getWebhook(r.PathValue("webhook_id"))
	if err != nil {
		return fail(err)
	}
	d, err := readData(r, "webhooks", smallBody)
	if err != nil {
		return fail(err)
	}
	if d.ID != "" && d.ID != w.ID {
		return fail(&apiErr{errReply(400, errObj{Code: "bad_request", Status: 400, Pointer: "/data/id", Detail: "id deve ser igual a " + w.ID})})
	}
	if err := d.Attributes.allow("endpoint", "status", "events"); err != nil {
		return fail(err)
	}
	cp := *w
	if events, ok, err := webhookEvents(d.Attributes, false); err != nil {
		return fail(err)
	} else if ok {
		cp.Events = events
	}
	if endpoint, ok, err := d.Attributes.str("endpoint"); err != nil {
		return fail(err)
	} else if ok {
		if err := s.checkEndpoint(endpoint, w.ID); err != nil {
			return fail(err)
		}
		cp.Endpoint = endpoint
	}
	if status, ok, err := webhookStatus(d.Attributes); err != nil {
		return fail(err)
	} else if ok {
		cp.Status = status
	}
	cp.Modified = s.now()
	*w = cp
	return reply{status: http.StatusOK, body: single(s.webhookJSON(in.base, w))}
}

func (s *Simulator) deleteWebhook(r *http.Request, in *input) reply {
	w, err := s.getWebhook(r.PathValue("webhook_id"))
	if err != nil {
		return fail(err)
	}
	delete(s.st.Webhooks, w.ID)
	return reply{status: http.StatusNoContent}
}

// queueRegisteredWebhooks delivers body to every active webhook subscribed
// to the event, each signed with its own secret. Callers hold s.mu.
func (s *Simulator) queueRegisteredWebhooks(event, docID string, body json.RawMessage) {
	for _, w := range s.sortedWebhooks() {
		if w.Status != "active" || !oneOf(event, w.Events...) {
			continue
		}
		s.hooks.push(pendingHook{url: w.Endpoint, secret: w.Secret, event: event, docID: docID, body: body})
	}
}
