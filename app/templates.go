package app

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"selo/backend/crm"
	"selo/backend/pdfs"
	"selo/backend/templates"
)

// Templates serves Contratos: the contract templates, their fields and the
// reservation data Selo fills into them.
type Templates struct {
	a   *App
	svc *templates.Service
}

// NewTemplates binds the contract templates screen. The App gives the native
// file dialog its window.
func NewTemplates(a *App, svc *templates.Service) *Templates { return &Templates{a: a, svc: svc} }

// ChosenFile is a PDF picked in the native dialog, handed to the screen so it
// can keep the file while the user fixes the name.
type ChosenFile struct {
	// FileName is empty when the user closed the dialog without choosing.
	FileName string `json:"fileName"`
	Base64   string `json:"base64"`
}

// List returns every template with its fields and matches.
func (b *Templates) List() ([]crm.ContractTemplate, error) {
	return b.svc.List(context.Background())
}

// Get returns one template with its fields, marks and matches.
func (b *Templates) Get(id int64) (crm.ContractTemplate, error) {
	return b.svc.Get(context.Background(), id)
}

// Upload stores a PDF the screen read from a drop or a file input, sent as
// base64 because the bridge carries JSON.
func (b *Templates) Upload(name, fileName, data string) (crm.ContractTemplate, error) {
	pdf, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		var inv crm.Invalid
		inv.Add(crm.E(pdfs.CodeNotPDF).OnField("file").Wrap(err))
		return crm.ContractTemplate{}, inv.Err()
	}
	return b.svc.Upload(context.Background(), name, fileName, pdf)
}

// ChooseFile opens the native file dialog filtered to PDFs and returns the
// chosen file. The screen uses it instead of ChooseAndUpload so a refused
// name does not make the user pick the file again.
func (b *Templates) ChooseFile() (ChosenFile, error) {
	path, err := b.choose()
	if err != nil || path == "" {
		return ChosenFile{}, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return ChosenFile{}, err
	}
	return ChosenFile{FileName: filepath.Base(path), Base64: base64.StdEncoding.EncodeToString(data)}, nil
}

// ChooseAndUpload opens the native file dialog and uploads the chosen PDF
// under name in one step. Closing the dialog returns a template with id 0
// and no error.
func (b *Templates) ChooseAndUpload(name string) (crm.ContractTemplate, error) {
	path, err := b.choose()
	if err != nil || path == "" {
		return crm.ContractTemplate{}, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return crm.ContractTemplate{}, err
	}
	return b.svc.Upload(context.Background(), name, filepath.Base(path), data)
}

func (b *Templates) choose() (string, error) {
	c := b.a.context()
	if c == nil {
		// No window (bindings driven before start-up): nothing to show.
		return "", nil
	}
	path, err := runtime.OpenFileDialog(c, runtime.OpenDialogOptions{
		Title:   "Escolher modelo de contrato (PDF)",
		Filters: []runtime.FileFilter{{DisplayName: "Documentos PDF (*.pdf)", Pattern: "*.pdf;*.PDF"}},
	})
	return strings.TrimSpace(path), err
}

// File returns the template's PDF as base64, for the preview.
func (b *Templates) File(id int64) (string, error) {
	data, err := b.svc.File(context.Background(), id)
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(data), nil
}

// Rename changes a template's name.
func (b *Templates) Rename(id int64, name string) (crm.ContractTemplate, error) {
	return b.svc.Rename(context.Background(), id, name)
}

// Delete removes a template that no development uses, and its file.
func (b *Templates) Delete(id int64) error {
	return b.svc.Delete(context.Background(), id)
}

// DataKeys lists the reservation data Selo fills into template fields.
func (b *Templates) DataKeys() []crm.DataKey { return b.svc.DataKeys() }
