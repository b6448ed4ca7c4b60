package app

import (
	"context"

	"selo/backend/board"
)

// Board serves the Painel: counts by state, who is missing, what expires
// soon, the refusals, and "Exportar CSV".
type Board struct {
	a   *App
	svc *board.Service
}

// NewBoard binds the Painel.
func NewBoard(a *App, svc *board.Service) *Board { return &Board{a: a, svc: svc} }

// Summary returns the board for the filters.
func (b *Board) Summary(f board.Filter) (board.Summary, error) {
	return b.svc.Summary(context.Background(), f)
}

// Options lists the developments and corretores the filters offer.
func (b *Board) Options() (board.Options, error) { return b.svc.Options(context.Background()) }

// CSV returns the export as text (BOM included), the same bytes ExportCSV
// writes; the page and the end-to-end tests read it without a dialog.
func (b *Board) CSV(f board.Filter) (string, error) {
	data, err := b.svc.CSV(context.Background(), f)
	return string(data), err
}

// ExportCSV asks where to save the export (native dialog) and writes it
// there; it returns the chosen path, "" when cancelled. The file is built
// first, so a bad filter is reported before any dialog opens.
func (b *Board) ExportCSV(f board.Filter) (string, error) {
	data, err := b.svc.CSV(context.Background(), f)
	if err != nil {
		return "", err
	}
	return b.a.saveFile(saveDialog{Title: "Salvar painel de assinaturas (CSV)", Name: board.FileName(b.svc.Now()),
		FilterName: "Planilha CSV (*.csv)", Ext: ".csv", FailCode: board.CodeSaveFailed}, data)
}
