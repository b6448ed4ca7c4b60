package app

import (
	"context"

	"selo/backend/privacy"
)

// Privacy serves Pessoas → "Dados de uma pessoa" (LGPD).
type Privacy struct {
	a   *App
	svc *privacy.Service
}

// NewPrivacy binds the LGPD screen.
func NewPrivacy(a *App, svc *privacy.Service) *Privacy { return &Privacy{a: a, svc: svc} }

// CodeExportSaveFailed: the export could not be written where the office
// chose (data: path).
const CodeExportSaveFailed = "privacy.save_failed"

// Search finds everything Selo holds about one CPF, e-mail or phone.
func (b *Privacy) Search(kind privacy.KeyKind, text string) (privacy.Report, error) {
	return b.svc.Search(context.Background(), kind, text)
}

// ExportJSON saves the complete report as JSON where the office picks; it
// returns the path, "" when cancelled.
func (b *Privacy) ExportJSON(kind privacy.KeyKind, text string) (string, error) {
	return b.svc.ExportJSON(context.Background(), kind, text, b.save("Salvar dados da pessoa (JSON)", "Arquivo JSON (*.json)", ".json"))
}

// ExportPDF saves the readable report as a PDF where the office picks.
func (b *Privacy) ExportPDF(kind privacy.KeyKind, text string) (string, error) {
	return b.svc.ExportPDF(context.Background(), kind, text, b.save("Salvar dados da pessoa (PDF)", "Documento PDF (*.pdf)", ".pdf"))
}

func (b *Privacy) save(title, filter, ext string) privacy.Save {
	return func(data []byte, name string) (string, error) {
		return b.a.saveFile(saveDialog{Title: title, Name: name, FilterName: filter, Ext: ext, FailCode: CodeExportSaveFailed}, data)
	}
}

// Anonymise anonymises or deletes what the law lets go and returns what
// was done and what was kept, with the reason.
func (b *Privacy) Anonymise(kind privacy.KeyKind, text string) (privacy.Outcome, error) {
	return b.svc.Anonymise(context.Background(), kind, text)
}

// AccessLog lists the latest searches, exports, anonymisations and
// retention passes.
func (b *Privacy) AccessLog() ([]privacy.LogEntry, error) {
	return b.svc.AccessLog(context.Background())
}

// Retention returns the months after which leads that never became a
// reservation are removed (0: off).
func (b *Privacy) Retention() (int, error) { return b.svc.Retention(context.Background()) }

// PreviewRetention counts what retention with months would remove now,
// removing nothing, for the screen to ask for confirmation.
func (b *Privacy) PreviewRetention(months int) (privacy.RetentionRun, error) {
	return b.svc.PreviewRetention(context.Background(), months)
}

// SetRetention saves the months (0: off) and applies them at once.
func (b *Privacy) SetRetention(months int) (privacy.RetentionRun, error) {
	return b.svc.SetRetention(context.Background(), months)
}
