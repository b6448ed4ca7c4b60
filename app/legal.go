package app

import (
	"context"

	"selo/backend/crm"
	"selo/backend/legal"
)

// Legal serves Empreendimento → Jurídico: associated contracts, their scope,
// and Configurar Assinantes.
type Legal struct {
	svc *legal.Service
}

// NewLegal binds the Jurídico tab.
func NewLegal(svc *legal.Service) *Legal { return &Legal{svc: svc} }

// RegistryGaps lists the developments whose signer rules for template
// templateID would send it, going to registry, with a simple signature: the
// notice Contratos shows after "Vai a registro" is ticked.
func (b *Legal) RegistryGaps(templateID int64) ([]legal.RegistryGap, error) {
	return b.svc.RegistryGaps(context.Background(), templateID)
}

// Templates lists the contract templates that can be associated.
func (b *Legal) Templates() ([]legal.Template, error) {
	return b.svc.Templates(context.Background())
}

// List returns a development's associated contracts with scope, signer rules
// and each rule's compromises.
func (b *Legal) List(developmentID int64) ([]legal.Association, error) {
	return b.svc.List(context.Background(), developmentID)
}

// Associate adds a template to a development with a scope (development,
// stages, blocks or units; a string so the generated TypeScript needs no
// enum).
func (b *Legal) Associate(developmentID, templateID int64, scope string, ids []int64) (legal.Association, error) {
	return b.svc.Associate(context.Background(), developmentID, templateID, crm.ContractScope(scope), ids)
}

// SetScope changes an association's scope.
func (b *Legal) SetScope(associationID int64, scope string, ids []int64) (legal.Association, error) {
	return b.svc.SetScope(context.Background(), associationID, crm.ContractScope(scope), ids)
}

// Remove deletes an association and its signer rules.
func (b *Legal) Remove(associationID int64) error {
	return b.svc.Remove(context.Background(), associationID)
}

// SaveRules replaces an association's signer list ("Gravar").
// version is the association's version the editor read.
func (b *Legal) SaveRules(associationID, version int64, rules []crm.SignerRule) (legal.Association, error) {
	return b.svc.SaveRulesAt(context.Background(), associationID, version, rules)
}

// Preview returns each rule's compromises while the list is being edited.
func (b *Legal) Preview(rules []crm.SignerRule) []legal.RulePreview { return legal.Preview(rules) }

// ChannelChange applies the channel rules to one rule after the user picks
// value in field (delivery, reminder or auth); the screen mirrors it in
// TypeScript and can ask here too.
func (b *Legal) ChannelChange(rule crm.SignerRule, field string, value string) crm.SignerRule {
	return crm.ApplyChannelChange(rule, crm.ChannelField(field), crm.Channel(value))
}

// ApplicableContracts returns the associations whose scope covers the unit.
func (b *Legal) ApplicableContracts(developmentID, unitID int64) ([]legal.Association, error) {
	return b.svc.ApplicableContracts(context.Background(), developmentID, unitID)
}
