package app

import (
	"context"

	"selo/backend/crm"
	"selo/backend/integrations"
)

// Integrations serves Configurações → Integrações: Clicksign and DocuSign keys.
type Integrations struct {
	svc *integrations.Service
}

// NewIntegrations binds the keys screen.
func NewIntegrations(svc *integrations.Service) *Integrations { return &Integrations{svc: svc} }

// List returns every e-signature key, token masked, each saying whether
// this computer holds the office's token for it (tokenHere).
func (b *Integrations) List() ([]crm.Integration, error) {
	return b.svc.List(context.Background())
}

// Save creates or edits a key; an empty token on edit keeps the stored one.
func (b *Integrations) Save(in crm.IntegrationInput) (crm.Integration, error) {
	return b.svc.Save(context.Background(), in)
}

// Delete removes a key that no development uses.
func (b *Integrations) Delete(id int64) error {
	return b.svc.Delete(context.Background(), id)
}

// TestConnection calls Clicksign (or the simulator) with the stored token.
func (b *Integrations) TestConnection(id int64) error {
	return b.svc.TestConnection(context.Background(), id)
}
