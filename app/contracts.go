package app

import (
	"context"
	"encoding/base64"

	"selo/backend/contracts"
	"selo/backend/crm"
	"selo/backend/pdfs"
	"selo/backend/signing"
)

// Contracts serves Reserva → Contratos: generating and attaching contracts,
// their preview, and "Enviar contratos para assinatura eletrônica" with its
// progress (envelope:progress, envelope:sent, envelope:failed).
type Contracts struct {
	svc *contracts.Service
}

// NewContracts binds the reservation's contracts card.
func NewContracts(svc *contracts.Service) *Contracts { return &Contracts{svc: svc} }

// List returns the reservation's contracts in order, with their state.
func (b *Contracts) List(reservationID int64) ([]contracts.Contract, error) {
	return b.svc.List(context.Background(), reservationID)
}

// Generate makes one contract per template the development associates with
// the unit ("Gerar contratos") and returns the reservation's contracts.
func (b *Contracts) Generate(reservationID int64) ([]contracts.Contract, error) {
	return b.svc.Generate(context.Background(), reservationID)
}

// Attach adds an outside PDF ("Anexar PDF"), sent as base64 because the
// bridge carries JSON.
func (b *Contracts) Attach(reservationID int64, name, fileName, data string) (contracts.Contract, error) {
	pdf, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		var inv crm.Invalid
		inv.Add(crm.E(pdfs.CodeNotPDF).OnField("file").Wrap(err))
		return contracts.Contract{}, inv.Err()
	}
	return b.svc.Attach(context.Background(), reservationID, name, fileName, pdf)
}

// File returns a contract's PDF as base64, for the preview.
func (b *Contracts) File(id int64) (string, error) {
	data, err := b.svc.File(context.Background(), id)
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(data), nil
}

// Delete removes a contract still "gerado".
func (b *Contracts) Delete(id int64) error { return b.svc.Delete(context.Background(), id) }

// Send checks and starts the send of the ticked contracts and returns the
// operation id; a validation failure lists every problem.
func (b *Contracts) Send(reservationID int64, contractIDs []int64) (int64, error) {
	return b.svc.Send(context.Background(), reservationID, contractIDs)
}

// SendAgain is "Gerar e enviar novamente" for an envelope that ended
// unsigned: new takes of its contracts, sent in one new envelope; it
// returns the operation id, followed like Send's.
func (b *Contracts) SendAgain(reservationID int64, envelopeID string) (int64, error) {
	return b.svc.SendAgain(context.Background(), reservationID, envelopeID)
}

// Retry resumes a stopped send ("Tentar novamente").
func (b *Contracts) Retry(opID int64) error { return b.svc.Retry(context.Background(), opID) }

// Cancel stops a send before activation.
func (b *Contracts) Cancel(opID int64) error { return b.svc.Cancel(context.Background(), opID) }

// Operation returns a send as stored.
func (b *Contracts) Operation(opID int64) (signing.SendOperation, error) {
	return b.svc.Operation(context.Background(), opID)
}

// OpenOperations returns the reservation's sends still running or stopped
// and resumable, so the screen picks them up after a reload.
func (b *Contracts) OpenOperations(reservationID int64) ([]signing.SendOperation, error) {
	return b.svc.OpenOperations(context.Background(), reservationID)
}

// Envelopes lists the reservation's envelopes with their signers.
func (b *Contracts) Envelopes(reservationID int64) ([]contracts.Envelope, error) {
	return b.svc.Envelopes(context.Background(), reservationID)
}
