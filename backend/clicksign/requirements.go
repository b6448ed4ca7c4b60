package clicksign

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

// Requirement actions.
const (
	ActionAgree           = "agree"
	ActionProvideEvidence = "provide_evidence"
	ActionRubricate       = "rubricate"
)

// Common qualification roles (the API accepts many more, e.g. "contractor",
// "buyer", "guarantor"; any string is passed through).
const (
	RoleSign                = "sign"
	RoleApprove             = "approve"
	RoleParty               = "party"
	RoleWitness             = "witness"
	RoleReceipt             = "receipt"
	RoleBroker              = "broker"
	RoleRealEstateBroker    = "real_estate_broker"
	RoleLegalRepresentative = "legal_representative"
)

// Authentication and evidence values of provide_evidence requirements.
const (
	AuthEmail             = "email"
	AuthSMS               = "sms"
	AuthWhatsApp          = "whatsapp"
	AuthPix               = "pix"
	AuthICPBrasil         = "icp_brasil"
	AuthHandwritten       = "handwritten"
	AuthSelfie            = "selfie"
	AuthOfficialDocument  = "official_document"
	AuthAddressProof      = "address_proof"
	AuthLiveness          = "liveness"
	AuthFacialBiometrics  = "facial_biometrics"
	AuthBiometric         = "biometric"
	AuthIdentityBiometric = "identity_biometrics"
	AuthDocumentscopy     = "documentscopy"
	AuthAutoSignature     = "auto_signature"
	AuthPresential        = "presential"
	AuthEmbeddedSignature = "embedded_signature"
)

// RequirementAttributes are the attributes Clicksign returns for a requirement.
type RequirementAttributes struct {
	Action      string          `json:"action"`
	Role        string          `json:"role,omitempty"`
	Auth        string          `json:"auth,omitempty"`
	Pages       string          `json:"pages,omitempty"`
	Kind        string          `json:"kind,omitempty"`
	RubricField string          `json:"rubric_field,omitempty"`
	RubricPages json.RawMessage `json:"rubric_pages,omitempty"`
	Created     Time            `json:"created"`
	Modified    Time            `json:"modified"`
}

// Requirement links one signer to one document: a qualification (agree + role),
// an authentication/evidence (provide_evidence + auth) or a rubric.
type Requirement struct {
	ID string
	// DocumentID and SignerID come from relationships when the server sends them.
	DocumentID string
	SignerID   string
	RequirementAttributes
}

func toRequirement(r resource[RequirementAttributes]) Requirement {
	q := Requirement{ID: r.ID, RequirementAttributes: r.Attributes}
	if d := r.Relationships["document"].Data; d != nil {
		q.DocumentID = d.ID
	}
	if s := r.Relationships["signer"].Data; s != nil {
		q.SignerID = s.ID
	}
	return q
}

// RequirementParams describe a new requirement. Use Qualification or
// Authentication for the two common kinds.
type RequirementParams struct {
	DocumentID  string
	SignerID    string
	Action      string
	Role        string
	Auth        string
	Pages       string
	Kind        string
	RubricField string
}

// Qualification is "signer agrees to document as role".
func Qualification(documentID, signerID, role string) RequirementParams {
	return RequirementParams{DocumentID: documentID, SignerID: signerID, Action: ActionAgree, Role: role}
}

// Authentication is "signer must provide evidence auth on document" (email, sms,
// whatsapp, pix, icp_brasil, and extra evidence such as selfie,
// facial_biometrics or handwritten).
func Authentication(documentID, signerID, auth string) RequirementParams {
	return RequirementParams{DocumentID: documentID, SignerID: signerID, Action: ActionProvideEvidence, Auth: auth}
}

func (p RequirementParams) data() map[string]any {
	a := map[string]any{"action": p.Action}
	for k, v := range map[string]string{"role": p.Role, "auth": p.Auth, "pages": p.Pages, "kind": p.Kind, "rubric_field": p.RubricField} {
		if v != "" {
			a[k] = v
		}
	}
	return map[string]any{
		"type":       "requirements",
		"attributes": a,
		"relationships": map[string]any{
			"document": map[string]any{"data": map[string]any{"type": "documents", "id": p.DocumentID}},
			"signer":   map[string]any{"data": map[string]any{"type": "signers", "id": p.SignerID}},
		},
	}
}

func requirementPath(envelopeID, requirementID string) string {
	p := envelopePath(envelopeID) + "/requirements"
	if requirementID != "" {
		p += "/" + url.PathEscape(requirementID)
	}
	return p
}

// CreateRequirement adds one requirement.
func (c *Client) CreateRequirement(ctx context.Context, envelopeID string, p RequirementParams) (*Requirement, error) {
	var out single[RequirementAttributes]
	err := c.do(ctx, request{method: http.MethodPost, path: requirementPath(envelopeID, ""), body: map[string]any{"data": p.data()}}, &out)
	if err != nil {
		return nil, err
	}
	r := toRequirement(out.Data)
	if r.DocumentID == "" {
		r.DocumentID, r.SignerID = p.DocumentID, p.SignerID
	}
	return &r, nil
}

// GetRequirement fetches one requirement.
func (c *Client) GetRequirement(ctx context.Context, envelopeID, requirementID string) (*Requirement, error) {
	var out single[RequirementAttributes]
	if err := c.do(ctx, request{method: http.MethodGet, path: requirementPath(envelopeID, requirementID), idempotent: true}, &out); err != nil {
		return nil, err
	}
	r := toRequirement(out.Data)
	return &r, nil
}

// ListRequirements returns every requirement of an envelope.
func (c *Client) ListRequirements(ctx context.Context, envelopeID string) ([]Requirement, error) {
	return listAll(ctx, c, requirementPath(envelopeID, ""), nil, toRequirement)
}

// DeleteRequirement removes a requirement (draft envelopes only).
func (c *Client) DeleteRequirement(ctx context.Context, envelopeID, requirementID string) error {
	return c.do(ctx, request{method: http.MethodDelete, path: requirementPath(envelopeID, requirementID), idempotent: true}, nil)
}

// BulkOperation is one JSON:API atomic operation of bulk_requirements.
type BulkOperation struct {
	add      *RequirementParams
	removeID string
}

// AddRequirement is an "add" operation.
func AddRequirement(p RequirementParams) BulkOperation { return BulkOperation{add: &p} }

// RemoveRequirement is a "remove" operation addressed by ref.
func RemoveRequirement(requirementID string) BulkOperation {
	return BulkOperation{removeID: requirementID}
}

// MarshalJSON renders the operation in JSON:API atomic form.
func (o BulkOperation) MarshalJSON() ([]byte, error) {
	if o.add != nil {
		return json.Marshal(map[string]any{"op": "add", "data": o.add.data()})
	}
	return json.Marshal(map[string]any{"op": "remove", "ref": map[string]any{"type": "requirements", "id": o.removeID}})
}

// BulkRequirements applies all operations atomically (all or nothing) and returns
// the requirements created by the "add" operations, in order. This is one POST,
// so it is not retried after a network error or 5xx: list the requirements to
// learn whether it was applied.
func (c *Client) BulkRequirements(ctx context.Context, envelopeID string, ops []BulkOperation) ([]Requirement, error) {
	body := map[string]any{"atomic:operations": ops}
	var out struct {
		Results []struct {
			Data *resource[RequirementAttributes] `json:"data"`
		} `json:"atomic:results"`
	}
	if err := c.do(ctx, request{method: http.MethodPost, path: envelopePath(envelopeID) + "/bulk_requirements", body: body}, &out); err != nil {
		return nil, err
	}
	var created []Requirement
	for _, r := range out.Results {
		if r.Data != nil && r.Data.ID != "" {
			created = append(created, toRequirement(*r.Data))
		}
	}
	return created, nil
}
