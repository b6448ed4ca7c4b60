// Package legal is Empreendimento → Jurídico: which contract templates a
// development uses ("Associar contratos"), the part of the development each
// applies to (its scope: the whole development, or chosen etapas, blocos or
// unidades), and who signs each one ("Assinatura Eletrônica → Configurar
// Assinantes", a list of crm.SignerRule).
//
// The reservation step asks ApplicableContracts which associations cover a
// unit: "Gerar contratos" makes one contract per association it returns.
package legal

import (
	"context"

	"selo/backend/crm"
	"selo/backend/signing"
)

// Template is a contract template as the association form lists it.
type Template struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// Registry: the template goes to registry (crm.ContractTemplate.Registry).
	Registry bool `json:"registry"`
}

// ScopeItem is one etapa, bloco or unidade named by a scope, with the label
// the screen shows ("Etapa 1", "Bloco A (Etapa 1)", "Bloco A 101").
type ScopeItem struct {
	ID    int64  `json:"id"`
	Label string `json:"label"`
}

// RulePreview is what Clicksign will do differently from one rule as
// configured: signing.MapSigner's compromises, shown next to the rule.
type RulePreview struct {
	Compromises []signing.Compromise `json:"compromises"`
}

// Association is a contract template associated with a development
// ("Contrato associado"), with its scope and signer rules.
type Association struct {
	ID            int64  `json:"id"`
	DevelopmentID int64  `json:"developmentId"`
	TemplateID    int64  `json:"templateId"`
	TemplateName  string `json:"templateName"`
	// Registry: the template goes to registry, so the parties to the
	// transfer must sign with ICP-Brasil (crm.ValidateRegistryRules).
	Registry bool              `json:"registry"`
	Scope    crm.ContractScope `json:"scope"`
	// ScopeItems are the stages, blocks or units of Scope, in structure
	// order; empty for ScopeDevelopment.
	ScopeItems []ScopeItem `json:"scopeItems"`
	// Position orders the associations of a development (the order in
	// which "Gerar contratos" makes the contracts).
	Position int `json:"position"`
	// Rules is the ordered signer list; empty until configured.
	Rules []crm.SignerRule `json:"rules"`
	// Previews has one entry per rule, in the same order.
	Previews []RulePreview `json:"previews"`
	// Version counts saves of the signer list, which the editor sends back
	// (see crm.CodeConflict); UpdatedByName is who saved it last.
	Version       int64  `json:"version"`
	UpdatedByName string `json:"updatedByName"`
}

// ScopeIDs returns the ids of the scope's items.
func (a Association) ScopeIDs() []int64 {
	out := make([]int64, len(a.ScopeItems))
	for i, it := range a.ScopeItems {
		out[i] = it.ID
	}
	return out
}

// Store keeps associations, their scopes and their signer rules. The sqlite
// package implements it.
type Store interface {
	// Templates lists every contract template by name.
	Templates(ctx context.Context) ([]Template, error)
	// List returns a development's associations in position order, with
	// template names, scope items and rules (Previews left empty).
	List(ctx context.Context, developmentID int64) ([]Association, error)
	// Get returns one association like List does.
	Get(ctx context.Context, id int64) (Association, error)
	// Insert associates a template, at the end of the list. A template
	// already associated is CodeDuplicateTemplate on "templateId"; an
	// unknown template crm.CodeNotFound on "templateId"; a scope item not
	// in the development CodeScopeItemNotFound on "scopeIds".
	Insert(ctx context.Context, developmentID, templateID int64, scope crm.ContractScope, ids []int64) (int64, error)
	// SetScope replaces an association's scope, with Insert's checks.
	SetScope(ctx context.Context, id int64, scope crm.ContractScope, ids []int64) error
	// Delete removes an association with its scope and rules.
	Delete(ctx context.Context, id int64) error
	// ReplaceRules replaces the whole signer list in one transaction.
	ReplaceRules(ctx context.Context, id int64, rules []crm.SignerRule) error
	// ReplaceRulesAt is ReplaceRules only at the association's version
	// (0: unchecked); another save since is crm.CodeConflict, nothing written.
	ReplaceRulesAt(ctx context.Context, id, version int64, rules []crm.SignerRule) error
	// UnitPath locates a unit; crm.CodeNotFound when there is none.
	UnitPath(ctx context.Context, unitID int64) (crm.UnitPath, error)
}

// Error codes of this package.
const (
	// CodeScopeInvalid: a scope kind that is not one of the four.
	CodeScopeInvalid = "legal.scope_invalid"
	// CodeScopeEmpty: a scope of etapas, blocos or unidades naming none.
	CodeScopeEmpty = "legal.scope_empty"
	// CodeScopeItemNotFound: a scope names an etapa, bloco or unidade that
	// is not (any more) in the development.
	CodeScopeItemNotFound = "legal.scope_item_not_found"
	// CodeDuplicateTemplate: the template is already associated with the
	// development (data: template).
	CodeDuplicateTemplate = "legal.template_duplicate"
	// CodeTemplateRequired: no template was chosen.
	CodeTemplateRequired = "legal.template_required"
	// CodeUnitNotInDevelopment: ApplicableContracts was asked about a unit
	// of another development.
	CodeUnitNotInDevelopment = "legal.unit_not_in_development"
)
