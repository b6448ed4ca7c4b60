package app

import (
	"selo/backend/clicksign/simulator"
	"selo/backend/training"
)

// Simulator serves the "Simulador local" training panel.
type Simulator struct {
	desk *training.Desk
}

// NewSimulator binds the training panel.
func NewSimulator(desk *training.Desk) *Simulator { return &Simulator{desk: desk} }

// Envelopes lists simulated envelopes with each signer's state.
func (b *Simulator) Envelopes() ([]simulator.EnvelopeView, error) { return b.desk.Envelopes() }

// Sign makes a pending signer sign ("Simular assinatura").
func (b *Simulator) Sign(envelopeID, signerID string) error { return b.desk.Sign(envelopeID, signerID) }

// Refuse makes a pending signer refuse with a reason ("Simular recusa").
func (b *Simulator) Refuse(envelopeID, signerID, reason string) error {
	return b.desk.Refuse(envelopeID, signerID, reason)
}

// AdvanceDays moves the simulator's clock forward.
func (b *Simulator) AdvanceDays(days int) error { return b.desk.AdvanceDays(days) }

// DocuSignEnvelopes lists the DocuSign simulator's envelopes with each
// recipient's state, beside Clicksign's on the same panel.
func (b *Simulator) DocuSignEnvelopes() ([]training.DocuSignEnvelope, error) {
	return b.desk.DocuSignEnvelopes()
}

// DocuSignSign makes a DocuSign recipient whose turn it is sign.
func (b *Simulator) DocuSignSign(envelopeID, recipientID string) error {
	return b.desk.DocuSignSign(envelopeID, recipientID)
}

// DocuSignDecline makes a DocuSign recipient decline with a reason.
func (b *Simulator) DocuSignDecline(envelopeID, recipientID, reason string) error {
	return b.desk.DocuSignDecline(envelopeID, recipientID, reason)
}

// DocuSignExpire makes a DocuSign envelope's deadline pass now.
func (b *Simulator) DocuSignExpire(envelopeID string) error { return b.desk.DocuSignExpire(envelopeID) }

// Certificates lists the test ICP-Brasil certificates "Simular assinatura"
// offers a Clicksign simulator signer who must sign with one.
func (b *Simulator) Certificates(envelopeID, signerID string) ([]training.TestCertificate, error) {
	return b.desk.Certificates(envelopeID, signerID)
}

// SignWithCertificate is "Simular assinatura" through the certificate step.
func (b *Simulator) SignWithCertificate(envelopeID, signerID, certificateID string) error {
	return b.desk.SignWithCertificate(envelopeID, signerID, certificateID)
}

// DocuSignCertificates lists the test certificates for a DocuSign recipient.
func (b *Simulator) DocuSignCertificates(envelopeID, recipientID string) ([]training.TestCertificate, error) {
	return b.desk.DocuSignCertificates(envelopeID, recipientID)
}

// DocuSignSignWithCertificate is DocuSignSign through the certificate step.
func (b *Simulator) DocuSignSignWithCertificate(envelopeID, recipientID, certificateID string) error {
	return b.desk.DocuSignSignWithCertificate(envelopeID, recipientID, certificateID)
}
