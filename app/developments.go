package app

import (
	"context"

	"selo/backend/crm"
	"selo/backend/developments"
	"selo/backend/legal"
)

// Developments serves Empreendimentos: the list, each development's structure
// and its e-signature settings.
type Developments struct {
	svc *developments.Service
}

// NewDevelopments binds the developments screens.
func NewDevelopments(svc *developments.Service) *Developments { return &Developments{svc: svc} }

// List returns developments; archived ones when includeArchived.
func (b *Developments) List(includeArchived bool) ([]crm.Development, error) {
	return b.svc.List(context.Background(), includeArchived)
}

// Get returns one development with etapas, blocos and unidades.
func (b *Developments) Get(id int64) (crm.Development, error) {
	return b.svc.Get(context.Background(), id)
}

// Save creates or edits a development.
func (b *Developments) Save(in crm.DevelopmentInput) (crm.Development, error) {
	return b.svc.Save(context.Background(), in)
}

// SaveSettings sets "Integrado API" and the e-signature key.
func (b *Developments) SaveSettings(in crm.DevelopmentSettings) (crm.Development, error) {
	return b.svc.SaveSettings(context.Background(), in)
}

// SetArchived archives or restores a development.
func (b *Developments) SetArchived(id int64, archived bool) error {
	return b.svc.SetArchived(context.Background(), id, archived)
}

// AddStage adds an etapa and returns its id.
func (b *Developments) AddStage(developmentID int64, name string) (int64, error) {
	return b.svc.AddStage(context.Background(), developmentID, name)
}

// AddBlock adds a bloco and returns its id.
func (b *Developments) AddBlock(stageID int64, name string) (int64, error) {
	return b.svc.AddBlock(context.Background(), stageID, name)
}

// DeleteStage removes an etapa with no reserved or sold unit.
func (b *Developments) DeleteStage(id int64) error {
	return b.svc.DeleteStage(context.Background(), id)
}

// DeleteBlock removes a bloco with no reserved or sold unit.
func (b *Developments) DeleteBlock(id int64) error {
	return b.svc.DeleteBlock(context.Background(), id)
}

// CreateUnits creates units in bulk and returns how many.
func (b *Developments) CreateUnits(in crm.BulkUnitsInput) (int, error) {
	return b.svc.CreateUnits(context.Background(), in)
}

// SaveUnit creates or edits one unit.
func (b *Developments) SaveUnit(in crm.UnitInput) (int64, error) {
	return b.svc.SaveUnit(context.Background(), in)
}

// DeleteUnit removes a unit that is not reserved or sold.
func (b *Developments) DeleteUnit(id int64) error { return b.svc.DeleteUnit(context.Background(), id) }

// Delete removes a development that no reservation refers to.
func (b *Developments) Delete(id int64) error { return b.svc.Delete(context.Background(), id) }

// DocuSignPreview returns, for a development on a DocuSign key, what
// DocuSign will do differently from each rule being edited and every
// problem that would refuse a send.
func (b *Developments) DocuSignPreview(rules []crm.SignerRule) legal.DocuSignPreview {
	return legal.PreviewDocuSign(rules)
}
