package app

import (
	"context"
	"encoding/base64"
	"time"

	"selo/backend/crm"
	"selo/backend/signing"
)

// Envelopes serves the status of a reservation's envelopes: "Atualizar",
// the signers' states and timeline, "Baixar documento assinado",
// "Reenviar notificação" and "Cancelar envio".
type Envelopes struct {
	a       *App
	sync    *signing.Syncer
	actions *signing.Actions
}

// NewEnvelopes binds envelope status and actions.
func NewEnvelopes(a *App, s *signing.Syncer) *Envelopes {
	return &Envelopes{a: a, sync: s, actions: signing.NewActions(s)}
}

// List returns the reservation's envelopes with state, signers, deadline
// and timeline.
func (b *Envelopes) List(reservationID int64) ([]crm.EnvelopeView, error) {
	return b.sync.Views(context.Background(), reservationID)
}

// Sync asks Clicksign for the reservation's running envelopes ("Atualizar")
// and returns them as updated; with the office's server running, the server
// syncs and the change feed brings the result. An error leaves the recorded
// state as it was.
func (b *Envelopes) Sync(reservationID int64) ([]crm.EnvelopeView, error) {
	if _, err := b.sync.Refresh(context.Background(), reservationID); err != nil {
		return nil, err
	}
	return b.sync.Views(context.Background(), reservationID)
}

// Resend sends the signature request again ("Reenviar notificação"): to
// one signer, or with signerID "" to the group whose turn it is. It names
// who was notified; within a minute of the last one it says how long to
// wait.
func (b *Envelopes) Resend(envelopeID, signerID string) (signing.ResendResult, error) {
	return b.actions.Resend(context.Background(), envelopeID, signerID)
}

// Cancel cancels the envelope on Clicksign for every signer ("Cancelar
// envio") and records it; its contracts become "Cancelado" and can be
// generated and sent again.
func (b *Envelopes) Cancel(envelopeID string) error {
	return b.actions.Cancel(context.Background(), envelopeID)
}

// SignedFile returns the signed PDF as base64, for a download in the page.
func (b *Envelopes) SignedFile(envelopeID string) (string, error) {
	data, err := b.sync.SignedFile(envelopeID)
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(data), nil
}

// SaveSignedAs asks where to save the signed PDF (native "Salvar como",
// named after the client, the envelope and the day it was signed) and
// writes it there; it returns the chosen path, "" when cancelled.
func (b *Envelopes) SaveSignedAs(envelopeID string) (string, error) {
	data, err := b.sync.SignedFile(envelopeID)
	if err != nil {
		return "", err
	}
	return b.a.saveFile(saveDialog{Title: "Salvar documento assinado (PDF)", Name: b.signedName(envelopeID),
		FilterName: "Documentos PDF (*.pdf)", Ext: ".pdf", FailCode: signing.CodeSaveFailed}, data)
}

// SaveCertificateAs saves a finished DocuSign envelope's Certificate of
// Completion through the native "Salvar como", named like the signed PDF
// with "certificado"; DocuSign is asked for it only the first time. It
// returns the chosen path, "" when cancelled.
func (b *Envelopes) SaveCertificateAs(envelopeID string) (string, error) {
	if err := b.actions.FetchDocuSignFiles(context.Background(), envelopeID); err != nil {
		return "", err
	}
	data, err := b.sync.CertificateFile(envelopeID)
	if err != nil {
		return "", err
	}
	return b.a.saveFile(saveDialog{Title: "Salvar certificado de conclusão (PDF)", Name: certificateFileName(b.signedName(envelopeID)),
		FilterName: "Documentos PDF (*.pdf)", Ext: ".pdf", FailCode: signing.CodeSaveFailed}, data)
}

// signedName is the suggested file name; without the envelope's names (a
// deleted reservation) it still says what the file is and when.
func (b *Envelopes) signedName(envelopeID string) string {
	d, err := b.sync.Store.EnvelopeDetail(context.Background(), envelopeID)
	if err != nil {
		return signedFileName("", "", b.now())
	}
	var at time.Time
	for _, g := range d.Signers {
		if g.State == crm.SignerSigned && g.At.After(at) {
			at = g.At
		}
	}
	if at.IsZero() {
		at = b.now()
	}
	return signedFileName(d.Client, d.Name, at)
}

func (b *Envelopes) now() time.Time {
	if b.sync.Sender != nil && b.sync.Sender.Now != nil {
		return b.sync.Sender.Now()
	}
	return time.Now()
}
