package app

import (
	"context"

	"selo/backend/signing"
)

// DocuSignConnect serves "Receber atualizações na hora (DocuSign Connect)"
// on each real DocuSign key of Configurações → Integrações → DocuSign. No
// method returns the secret.
type DocuSignConnect struct {
	svc *signing.DocuSignConnectSettings
}

// NewDocuSignConnect binds the keys' Connect settings.
func NewDocuSignConnect(svc *signing.DocuSignConnectSettings) *DocuSignConnect {
	return &DocuSignConnect{svc: svc}
}

// Status returns the key's Connect status and the address to paste in
// DocuSign.
func (b *DocuSignConnect) Status(integrationID int64) (signing.DocuSignConnectStatus, error) {
	return b.svc.Status(context.Background(), integrationID)
}

// Enable keeps the HMAC secret DocuSign generated (in the keyring) and the
// office's public address.
func (b *DocuSignConnect) Enable(integrationID int64, publicURL, secret string) (signing.DocuSignConnectStatus, error) {
	return b.svc.Enable(context.Background(), integrationID, publicURL, secret)
}

// Disable forgets the key's Connect secret ("Desativar").
func (b *DocuSignConnect) Disable(integrationID int64) (signing.DocuSignConnectStatus, error) {
	return b.svc.Disable(context.Background(), integrationID)
}
