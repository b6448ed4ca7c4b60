package clicksign

import (
	"context"
	"net/http"
)

// EmailCustomization optionally reshapes the notification e-mail.
type EmailCustomization struct {
	Subject     string `json:"subject,omitempty"`
	Head        string `json:"head,omitempty"`
	Greeting    string `json:"greeting,omitempty"`
	Principal   string `json:"principal,omitempty"`
	Button      string `json:"button,omitempty"`
	Final       string `json:"final,omitempty"`
	Align       string `json:"align,omitempty"`
	ShowToken   *bool  `json:"show_token,omitempty"`
	ShowQRCode  *bool  `json:"show_qrcode,omitempty"`
	ShowDetails *bool  `json:"show_details,omitempty"`
}

// NotificationParams is the body of a notification request. An empty Message
// falls back to the envelope's default_message; WhatsApp/SMS ignore it.
type NotificationParams struct {
	Message            string
	EmailCustomization *EmailCustomization
}

// NotificationSummary says whether one signer was notified.
type NotificationSummary struct {
	SignerID string `json:"signer_id"`
	Notified bool   `json:"notified"`
}

// Notification is the answer to a notification request.
type Notification struct {
	ID      string
	Message string
	Summary []NotificationSummary
	Created Time
}

type notificationAttributes struct {
	Message string                `json:"message"`
	Summary []NotificationSummary `json:"summary"`
	Created Time                  `json:"created"`
}

// NotifyEnvelope (re)sends the signature request to every signer of the active
// group of a running envelope. Clicksign accepts one call per minute per endpoint.
func (c *Client) NotifyEnvelope(ctx context.Context, envelopeID string, p NotificationParams) (*Notification, error) {
	return c.notify(ctx, envelopePath(envelopeID)+"/notifications", p)
}

// NotifySigner (re)sends the signature request to one signer.
func (c *Client) NotifySigner(ctx context.Context, envelopeID, signerID string, p NotificationParams) (*Notification, error) {
	return c.notify(ctx, signerPath(envelopeID, signerID)+"/notifications", p)
}

// notify is a POST that sends messages to people, so it is never retried after a
// network error or 5xx: a duplicate WhatsApp to a client is worse than a failure.
func (c *Client) notify(ctx context.Context, path string, p NotificationParams) (*Notification, error) {
	a := map[string]any{}
	if p.Message != "" {
		a["message"] = p.Message
	}
	if p.EmailCustomization != nil {
		a["email_customization"] = p.EmailCustomization
	}
	body := map[string]any{"data": map[string]any{"type": "notifications", "attributes": a}}
	var out single[notificationAttributes]
	if err := c.do(ctx, request{method: http.MethodPost, path: path, body: body}, &out); err != nil {
		return nil, err
	}
	return &Notification{ID: out.Data.ID, Message: out.Data.Attributes.Message, Summary: out.Data.Attributes.Summary, Created: out.Data.Attributes.Created}, nil
}
