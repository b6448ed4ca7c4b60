package app

import (
	"context"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"selo/backend/contracts"
	"selo/backend/crm"
	"selo/backend/signing"
)

// Contracts serves Reserva → Contratos: generating and attaching contracts,
// their preview, and "Enviar contratos para assinatura eletrônica" with its
// progress (envelope:progress, envelope:sent, envelope:failed).
type Contracts struct {
	a       *App
	svc     *contracts.Service
	uploads *Uploads
}

// NewContracts binds the reservation's contracts card. "Anexar PDF" stages
// its files in uploads (the route and inbox the template form uses), and
// the preview reads PDFs from ContractFilePath; the App gives the native
// dialog its window.
func NewContracts(a *App, svc *contracts.Service, uploads *Uploads) *Contracts {
	uploads.contractFile = svc.File
	return &Contracts{a: a, svc: svc, uploads: uploads}
}

// List returns the reservation's contracts in order, with their state.
func (b *Contracts) List(reservationID int64) ([]crm.Contract, error) {
	return b.svc.List(context.Background(), reservationID)
}

// Generate makes one contract per template the development associates with
// the unit ("Gerar contratos") and returns the reservation's contracts.
func (b *Contracts) Generate(reservationID int64) ([]crm.Contract, error) {
	return b.svc.Generate(context.Background(), reservationID)
}

// UploadTarget tells the card where to post a PDF to attach (UploadPath,
// shared with the template form) and where to read a contract's PDF for
// the preview (ContractFilePath), with the per-run secret and size limit.
func (b *Contracts) UploadTarget() UploadTarget {
	return UploadTarget{URL: UploadPath, FilesURL: ContractFilePath, Secret: b.uploads.secret, MaxBytes: b.uploads.inbox.Max()}
}

// Attach adds the staged file uploadID (posted to UploadPath or picked by
// ChooseFile) to the reservation as name ("Anexar PDF"). The staged file
// is dropped whether or not it is accepted.
func (b *Contracts) Attach(reservationID int64, name, uploadID string) (crm.Contract, error) {
	return b.svc.AttachStaged(context.Background(), b.uploads.inbox, reservationID, name, uploadID)
}

// Discard drops a staged file: Cancelar while attaching. An Attach still
// checking that file is cancelled and saves nothing.
func (b *Contracts) Discard(uploadID string) { b.uploads.inbox.Discard(uploadID) }

// ChooseFile opens the native file dialog filtered to PDFs and stages the
// chosen file by its path, so its bytes never pass through the page. An
// empty id means the dialog was closed; a file over the limit is refused.
func (b *Contracts) ChooseFile() (ChosenFile, error) {
	c := b.a.context()
	if c == nil {
		// No window (bindings driven before start-up): nothing to show.
		return ChosenFile{}, nil
	}
	path, err := runtime.OpenFileDialog(c, runtime.OpenDialogOptions{
		Title:   "Escolher PDF para anexar à reserva",
		Filters: []runtime.FileFilter{{DisplayName: "Documentos PDF (*.pdf)", Pattern: "*.pdf;*.PDF"}},
	})
	if path = strings.TrimSpace(path); err != nil || path == "" {
		return ChosenFile{}, err
	}
	return b.uploads.inbox.Pick(path)
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
