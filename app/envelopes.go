package app

import (
	"context"
	"encoding/base64"
	"os"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"selo/backend/signing"
)

// Envelopes serves the status of a reservation's envelopes: "Atualizar",
// the signers' states and timeline, and "Baixar documento assinado".
type Envelopes struct {
	a    *App
	sync *signing.Syncer
}

// NewEnvelopes binds envelope status.
func NewEnvelopes(a *App, s *signing.Syncer) *Envelopes { return &Envelopes{a: a, sync: s} }

// List returns the reservation's envelopes with state, signers, deadline
// and timeline.
func (b *Envelopes) List(reservationID int64) ([]signing.EnvelopeView, error) {
	return b.sync.Views(context.Background(), reservationID)
}

// Sync asks Clicksign for the reservation's running envelopes ("Atualizar")
// and returns them as updated. An error leaves the recorded state as it was.
func (b *Envelopes) Sync(reservationID int64) ([]signing.EnvelopeView, error) {
	if _, err := b.sync.Sync(context.Background(), reservationID); err != nil {
		return nil, err
	}
	return b.sync.Views(context.Background(), reservationID)
}

// SignedFile returns the signed PDF as base64, for a download in the page.
func (b *Envelopes) SignedFile(envelopeID string) (string, error) {
	data, err := b.sync.SignedFile(envelopeID)
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(data), nil
}

// SaveSignedAs asks where to save the signed PDF (native dialog) and writes
// it there; it returns the chosen path, "" when cancelled.
func (b *Envelopes) SaveSignedAs(envelopeID, suggestedName string) (string, error) {
	data, err := b.sync.SignedFile(envelopeID)
	if err != nil {
		return "", err
	}
	c := b.a.context()
	if c == nil {
		return "", nil
	}
	path, err := runtime.SaveFileDialog(c, runtime.SaveDialogOptions{
		Title:           "Salvar documento assinado",
		DefaultFilename: suggestedName,
		Filters:         []runtime.FileFilter{{DisplayName: "Documentos PDF (*.pdf)", Pattern: "*.pdf"}},
	})
	if err != nil || strings.TrimSpace(path) == "" {
		return "", err
	}
	return path, os.WriteFile(path, data, 0o600)
}
