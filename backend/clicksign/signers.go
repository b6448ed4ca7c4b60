package clicksign

import (
	"context"
	"net/http"
	"net/url"
)

// Channels of communicate_events.
const (
	ChannelNone     = "none"
	ChannelEmail    = "email"
	ChannelSMS      = "sms"
	ChannelWhatsApp = "whatsapp"
)

// CommunicateEvents chooses how a signer is contacted. signature_request accepts
// none/email/sms/whatsapp, signature_reminder none/email, document_signed
// email/whatsapp (SMS is not valid for the last two).
type CommunicateEvents struct {
	SignatureRequest  string `json:"signature_request,omitempty"`
	SignatureReminder string `json:"signature_reminder,omitempty"`
	DocumentSigned    string `json:"document_signed,omitempty"`
}

// SignerAttributes are the attributes Clicksign returns for a signer. There is no
// status: progress comes from document events and webhooks.
type SignerAttributes struct {
	Name                    string            `json:"name"`
	Email                   *string           `json:"email"`
	PhoneNumber             *string           `json:"phone_number"`
	Birthday                *string           `json:"birthday"`
	HasDocumentation        bool              `json:"has_documentation"`
	Documentation           *string           `json:"documentation"`
	Refusable               bool              `json:"refusable"`
	Group                   int               `json:"group"`
	LocationRequiredEnabled bool              `json:"location_required_enabled"`
	CommunicateEvents       CommunicateEvents `json:"communicate_events"`
	Created                 Time              `json:"created"`
	Modified                Time              `json:"modified"`
}

// Signer is a person who signs documents of an envelope.
type Signer struct {
	ID       string
	SelfLink string
	SignerAttributes
}

func toSigner(r resource[SignerAttributes]) Signer {
	s := Signer{ID: r.ID, SignerAttributes: r.Attributes}
	if r.Links != nil {
		s.SelfLink = r.Links.Self
	}
	return s
}

// SignerParams are the attributes of a new signer. Empty strings and nil
// pointers are not sent.
type SignerParams struct {
	// Name needs at least first name and surname.
	Name  string
	Email string
	// PhoneNumber is DDD + number, 10 or 11 digits, without +55.
	PhoneNumber string
	// Birthday is YYYY-MM-DD.
	Birthday         string
	HasDocumentation *bool
	// Documentation is the CPF, formatted 000.000.000-00.
	Documentation           string
	Refusable               *bool
	Group                   int
	LocationRequiredEnabled *bool
	CommunicateEvents       *CommunicateEvents
}

func signerPath(envelopeID, signerID string) string {
	p := envelopePath(envelopeID) + "/signers"
	if signerID != "" {
		p += "/" + url.PathEscape(signerID)
	}
	return p
}

// CreateSigner adds a signer to a draft envelope.
func (c *Client) CreateSigner(ctx context.Context, envelopeID string, p SignerParams) (*Signer, error) {
	a := map[string]any{"name": p.Name}
	set := func(k, v string) {
		if v != "" {
			a[k] = v
		}
	}
	set("email", p.Email)
	set("phone_number", p.PhoneNumber)
	set("birthday", p.Birthday)
	set("documentation", p.Documentation)
	if p.HasDocumentation != nil {
		a["has_documentation"] = *p.HasDocumentation
	}
	if p.Refusable != nil {
		a["refusable"] = *p.Refusable
	}
	if p.Group > 0 {
		a["group"] = p.Group
	}
	if p.LocationRequiredEnabled != nil {
		a["location_required_enabled"] = *p.LocationRequiredEnabled
	}
	if p.CommunicateEvents != nil {
		a["communicate_events"] = p.CommunicateEvents
	}
	body := map[string]any{"data": map[string]any{"type": "signers", "attributes": a}}
	var out single[SignerAttributes]
	if err := c.do(ctx, request{method: http.MethodPost, path: signerPath(envelopeID, ""), body: body}, &out); err != nil {
		return nil, err
	}
	s := toSigner(out.Data)
	return &s, nil
}

// GetSigner fetches one signer.
func (c *Client) GetSigner(ctx context.Context, envelopeID, signerID string) (*Signer, error) {
	var out single[SignerAttributes]
	if err := c.do(ctx, request{method: http.MethodGet, path: signerPath(envelopeID, signerID), idempotent: true}, &out); err != nil {
		return nil, err
	}
	s := toSigner(out.Data)
	return &s, nil
}

// ListSigners returns every signer of an envelope.
func (c *Client) ListSigners(ctx context.Context, envelopeID string) ([]Signer, error) {
	return listAll(ctx, c, signerPath(envelopeID, ""), nil, toSigner)
}

// DeleteSigner removes a signer (403 once the signer has signed).
func (c *Client) DeleteSigner(ctx context.Context, envelopeID, signerID string) error {
	return c.do(ctx, request{method: http.MethodDelete, path: signerPath(envelopeID, signerID), idempotent: true}, nil)
}
