package app

import (
	"context"

	"selo/backend/signing"
)

// Webhooks serves "Receber atualizações por webhook (opcional)" on each
// Clicksign key of Configurações → Integrações. No method returns a secret.
type Webhooks struct {
	svc *signing.WebhookSettings
}

// NewWebhooks binds the keys' webhook settings.
func NewWebhooks(svc *signing.WebhookSettings) *Webhooks { return &Webhooks{svc: svc} }

// List returns every key's webhook status.
func (b *Webhooks) List() ([]signing.WebhookStatus, error) {
	return b.svc.List(context.Background())
}

// EnableSimulator registers the local listener with the Simulador local in
// one click.
func (b *Webhooks) EnableSimulator(integrationID int64) (signing.WebhookStatus, error) {
	return b.svc.EnableSimulator(context.Background(), integrationID)
}

// EnableWithURL registers on Clicksign the public address that reaches the
// local listener.
func (b *Webhooks) EnableWithURL(integrationID int64, publicURL string) (signing.WebhookStatus, error) {
	return b.svc.EnableWithURL(context.Background(), integrationID, publicURL)
}

// SaveSecret keeps the secret of a webhook created on Clicksign's site.
func (b *Webhooks) SaveSecret(integrationID int64, secret string) (signing.WebhookStatus, error) {
	return b.svc.SaveSecret(context.Background(), integrationID, secret)
}

// Disable turns the key's webhook off ("Desativar").
func (b *Webhooks) Disable(integrationID int64) (signing.WebhookStatus, error) {
	return b.svc.Disable(context.Background(), integrationID)
}
