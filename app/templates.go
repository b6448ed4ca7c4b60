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
	a       *App
	svc     *templates.Service
	uploads *Uploads
}

// NewTemplates binds the contract templates screen. The App gives the native
// file dialog its window; uploads is where the page posts dropped files.
func NewTemplates(a *App, svc *templates.Service, uploads *Uploads) *Templates {
	uploads.file = svc.File
	return &Templates{a: a, svc: svc, uploads: uploads}
}

// ChosenFile is a PDF picked in the native dialog and staged for Create: the
// screen shows its name and size and keeps its id while the user fixes the
// template's name. ID is empty when the dialog was closed.
type ChosenFile = templates.Staged

// List returns every template with its fields and matches.
func (b *Templates) List() ([]crm.ContractTemplate, error) {
	return b.svc.List(context.Background())
}

// Get returns one template with its fields, marks and matches.
func (b *Templates) Get(id int64) (crm.ContractTemplate, error) {
	return b.svc.Get(context.Background(), id)
}

// UploadTarget tells the page where to post a dropped or chosen PDF, with
// the per-run secret the route requires and the size limit.
func (b *Templates) UploadTarget() UploadTarget {
	return UploadTarget{URL: UploadPath, FilesURL: TemplateFilePath, Secret: b.uploads.secret, MaxBytes: b.uploads.inbox.Max()}
}

// Create saves the staged file uploadID (posted to UploadPath or picked by
// ChooseFile) as a template named name, marked "Vai a registro" when
// registry, in one step. Refused, the file stays staged so the user can fix
// the name and submit again.
func (b *Templates) Create(name, uploadID string, registry bool) (crm.ContractTemplate, error) {
	return b.svc.UploadStaged(context.Background(), b.uploads.inbox, name, uploadID, registry)
}

// Discard drops a staged file: Cancelar on the form, or a file replaced by
// another. A Create still checking that file is cancelled and saves nothing.
func (b *Templates) Discard(uploadID string) {
	b.uploads.inbox.Discard(uploadID)
}

// Upload stores a small PDF sent as base64 in one call, for scripts and
// seeds; the screen posts files to UploadPath instead, so large ones never
// cross the bridge.
func (b *Templates) Upload(name, fileName, data string) (crm.ContractTemplate, error) {
	pdf, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		var inv crm.Invalid
		inv.Add(crm.E(pdfs.CodeNotPDF).OnField("file").Wrap(err))
		return crm.ContractTemplate{}, inv.Err()
	}
	// Scripts mark a template "Vai a registro" with SetRegistry.
	return b.svc.Upload(context.Background(), name, fileName, pdf, false)
}

// ChooseFile opens the native file dialog filtered to PDFs and stages the
// chosen file by its path: Go reads it on Create, so its bytes never pass
// through the page. A file over the size limit is refused at once.
func (b *Templates) ChooseFile() (ChosenFile, error) {
	path, err := b.choose()
	if err != nil || path == "" {
		return ChosenFile{}, err
	}
	return b.uploads.inbox.Pick(path)
}

// ChooseAndUpload opens the native file dialog and uploads the chosen PDF
// under name (marked "Vai a registro" when registry) in one step. Closing
// the dialog returns a template with id 0 and no error.
func (b *Templates) ChooseAndUpload(name string, registry bool) (crm.ContractTemplate, error) {
	path, err := b.choose()
	if err != nil || path == "" {
		return crm.ContractTemplate{}, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return crm.ContractTemplate{}, err
	}
	return b.svc.Upload(context.Background(), name, filepath.Base(path), data, registry)
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

// File returns the template's PDF as base64, for scripts; the screen's
// preview reads it from TemplateFilePath instead.
func (b *Templates) File(id int64) (string, error) {
	data, err := b.svc.File(context.Background(), id)
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(data), nil
}

// Rename changes a template's name; version is the one the drawer read.
func (b *Templates) Rename(id, version int64, name string) (crm.ContractTemplate, error) {
	return b.svc.RenameAt(context.Background(), id, version, name)
}

// SetRegistry marks the template "Vai a registro (exige certificado
// ICP-Brasil)" or unmarks it; version is the one the screen read.
func (b *Templates) SetRegistry(id, version int64, registry bool) (crm.ContractTemplate, error) {
	return b.svc.SetRegistry(context.Background(), id, version, registry)
}

// Delete removes a template that no development uses, and its file.
func (b *Templates) Delete(id int64) error {
	return b.svc.Delete(context.Background(), id)
}

// DataKeys lists the reservation data Selo fills into template fields.
func (b *Templates) DataKeys() []crm.DataKey { return b.svc.DataKeys() }
