package clicksign

import (
	"context"
	"net/http"
	"net/url"
)

// WebhookStatus tells whether Clicksign delivers to a webhook.
type WebhookStatus string

// Webhook statuses (the schema's enum).
const (
	WebhookActive   WebhookStatus = "active"
	WebhookInactive WebhookStatus = "inactive"
)

// WebhookSecret is the HMAC key Clicksign generates for a webhook. Its
// String and GoString hide the value, so a Webhook printed into a log or an
// error shows no secret; use string(s) where the value is really needed.
type WebhookSecret string

// String hides the value.
func (WebhookSecret) String() string { return "[REDACTED]" }

// GoString hides the value from %#v.
func (WebhookSecret) GoString() string { return "[REDACTED]" }

// WebhookAttributes are the attributes Clicksign returns for a webhook.
type WebhookAttributes struct {
	Endpoint string        `json:"endpoint"`
	Secret   WebhookSecret `json:"secret"`
	Status   WebhookStatus `json:"status"`
	Events   []string      `json:"events"`
	Created  Time          `json:"created"`
	Modified Time          `json:"modified"`
}

// Webhook is an account-wide webhook registration: every delivery of a
// subscribed event, for any envelope of the account, goes to Endpoint.
type Webhook struct {
	ID string
	WebhookAttributes
}

func toWebhook(r resource[WebhookAttributes]) Webhook {
	return Webhook{ID: r.ID, WebhookAttributes: r.Attributes}
}

// WebhookParams registers a webhook.
type WebhookParams struct {
	// Endpoint is the address Clicksign posts to.
	Endpoint string
	// Events are the event names delivered; Clicksign refuses an empty list
	// ("events deve ser informado(a)").
	Events []string
	// Inactive registers it switched off; the default is active.
	Inactive bool
}

func webhookPath(id string) string { return "/webhooks/" + url.PathEscape(id) }

// CreateWebhook registers a webhook and returns it with the secret that
// signs its deliveries. The secret is only ever known from this answer (and
// later reads), so the caller must keep it before doing anything else.
// A second webhook for the same endpoint is refused with 422
// "endpoint - já está em uso" (see IsEndpointTaken).
func (c *Client) CreateWebhook(ctx context.Context, p WebhookParams) (*Webhook, error) {
	status := WebhookActive
	if p.Inactive {
		status = WebhookInactive
	}
	events := p.Events
	if events == nil {
		// Sent as [] rather than null, so the server names the real problem.
		events = []string{}
	}
	body := map[string]any{"data": map[string]any{"type": "webhooks", "attributes": map[string]any{
		"endpoint": p.Endpoint, "status": status, "events": events,
	}}}
	var out single[WebhookAttributes]
	if err := c.do(ctx, request{method: http.MethodPost, path: "/webhooks", body: body}, &out); err != nil {
		return nil, err
	}
	w := toWebhook(out.Data)
	return &w, nil
}

// ListWebhooks returns every webhook of the account, walking all pages.
func (c *Client) ListWebhooks(ctx context.Context) ([]Webhook, error) {
	return listAll(ctx, c, "/webhooks", nil, toWebhook)
}

// DeleteWebhook removes a webhook; Clicksign stops delivering to it.
func (c *Client) DeleteWebhook(ctx context.Context, id string) error {
	return c.do(ctx, request{method: http.MethodDelete, path: webhookPath(id), idempotent: true}, nil)
}

// IsEndpointTaken reports the 422 Clicksign answers when a webhook for the
// same endpoint already exists on the account.
func IsEndpointTaken(err error) bool {
	api, ok := asAPIError(err)
	if !ok || api.StatusCode != http.StatusUnprocessableEntity {
		return false
	}
	for _, o := range api.Errors {
		if o.Pointer == "/data/attributes/endpoint" {
			return true
		}
	}
	return false
}
