package legal

import (
	"context"
	"log/slog"
	"sort"
	"strings"

	"selo/backend/crm"
	"selo/backend/signing"
)

// Service is the Jurídico use cases.
type Service struct {
	store Store
	log   *slog.Logger
	// Developments lets RegistryGaps walk every development; nil answers
	// no gaps.
	Developments Developments
}

// New returns the Jurídico service over store.
func New(store Store, log *slog.Logger) *Service {
	return &Service{store: store, log: log}
}

// Templates lists the contract templates the association form offers.
func (s *Service) Templates(ctx context.Context) ([]Template, error) {
	return s.store.Templates(ctx)
}

// List returns a development's associated contracts with their scope, rules
// and each rule's compromises.
func (s *Service) List(ctx context.Context, developmentID int64) ([]Association, error) {
	list, err := s.store.List(ctx, developmentID)
	if err != nil {
		return nil, err
	}
	for i := range list {
		list[i].Previews = Preview(list[i].Rules)
	}
	return list, nil
}

// Get returns one association with its previews.
func (s *Service) Get(ctx context.Context, id int64) (Association, error) {
	a, err := s.store.Get(ctx, id)
	if err != nil {
		return a, err
	}
	a.Previews = Preview(a.Rules)
	return a, nil
}

// checkScope validates the scope form and returns the ids to store: none for
// the whole development, otherwise the distinct positive ids.
func checkScope(scope crm.ContractScope, ids []int64) ([]int64, error) {
	var inv crm.Invalid
	if !scope.Valid() {
		inv.Add(crm.E(CodeScopeInvalid, "value", string(scope)).OnField("scope"))
		return nil, inv.Err()
	}
	if scope == crm.ScopeDevelopment {
		return nil, nil
	}
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if id > 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		inv.Add(crm.E(CodeScopeEmpty, "scope", string(scope)).OnField("scopeIds"))
		return nil, inv.Err()
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, nil
}

// Associate adds a template to a development with a scope: the whole
// development (ids ignored) or the chosen stages, blocks or units.
func (s *Service) Associate(ctx context.Context, developmentID, templateID int64, scope crm.ContractScope, ids []int64) (Association, error) {
	if templateID <= 0 {
		var inv crm.Invalid
		inv.Add(crm.E(CodeTemplateRequired).OnField("templateId"))
		return Association{}, inv.Err()
	}
	ids, err := checkScope(scope, ids)
	if err != nil {
		return Association{}, err
	}
	id, err := s.store.Insert(ctx, developmentID, templateID, scope, ids)
	if err != nil {
		return Association{}, err
	}
	s.log.Info("contract associated", "development", developmentID, "template", templateID, "association", id, "scope", scope)
	return s.Get(ctx, id)
}

// SetScope changes an association's scope.
func (s *Service) SetScope(ctx context.Context, id int64, scope crm.ContractScope, ids []int64) (Association, error) {
	ids, err := checkScope(scope, ids)
	if err != nil {
		return Association{}, err
	}
	if err := s.store.SetScope(ctx, id, scope, ids); err != nil {
		return Association{}, err
	}
	return s.Get(ctx, id)
}

// Remove deletes an association; its scope and signer rules go with it.
func (s *Service) Remove(ctx context.Context, id int64) error {
	if err := s.store.Delete(ctx, id); err != nil {
		return err
	}
	s.log.Info("contract association removed", "association", id)
	return nil
}

// normalize tidies what the user typed without changing what it means:
// spaces around the fixed person's data, and no person data on party rules
// (the reservation supplies it, so anything stored there would be stale).
func normalize(rules []crm.SignerRule) []crm.SignerRule {
	out := make([]crm.SignerRule, len(rules))
	for i, r := range rules {
		if r.SignerType.IsParty() {
			r.FixedPerson = crm.FixedPerson{}
		} else {
			r.Name = strings.Join(strings.Fields(r.Name), " ")
			r.Email = strings.TrimSpace(r.Email)
			r.Phone = strings.TrimSpace(r.Phone)
			r.CPF = strings.TrimSpace(r.CPF)
		}
		out[i] = r
	}
	return out
}

// SaveRules replaces an association's signer list as a whole. Every problem
// is reported at once with fields like "rules[2].email", and nothing is
// saved unless all is well. The result carries each rule's compromises.
func (s *Service) SaveRules(ctx context.Context, associationID int64, rules []crm.SignerRule) (Association, error) {
	return s.SaveRulesAt(ctx, associationID, 0, rules)
}

// SaveRulesAt is SaveRules for the editor: only at the version it read, so
// another PC's list saved meanwhile is refused (crm.CodeConflict) rather
// than overwritten.
func (s *Service) SaveRulesAt(ctx context.Context, associationID, version int64, rules []crm.SignerRule) (Association, error) {
	rules = normalize(rules)
	a, err := s.store.Get(ctx, associationID)
	if err != nil {
		return Association{}, err
	}
	var inv crm.Invalid
	addInvalid(&inv, crm.ValidateSignerRules(rules))
	if a.Registry {
		// A contract that goes to registry must not be saved ready to be
		// sent with a simple signature from a party to the transfer. The
		// flag is read outside ReplaceRulesAt's transaction: a flag set on
		// another PC meanwhile lets a simple list through here, but the send
		// re-checks it (contracts' AddRegistryProblems, RecheckRegistry) and
		// the drawer lists it (RegistryGaps), so nothing goes out simple.
		addInvalid(&inv, crm.ValidateRegistryRules(rules))
	}
	if err := inv.Err(); err != nil {
		return Association{}, err
	}
	if err := s.store.ReplaceRulesAt(ctx, associationID, version, rules); err != nil {
		return Association{}, err
	}
	s.log.Info("signer rules saved", "association", associationID, "count", len(rules))
	return s.Get(ctx, associationID)
}

// addInvalid moves the problems of err (a *crm.Invalid or nil) into inv.
func addInvalid(inv *crm.Invalid, err error) {
	if v, ok := err.(*crm.Invalid); ok {
		inv.Problems = append(inv.Problems, v.Problems...)
	}
}

// ApplicableContracts returns the associations of a development whose scope
// covers the unit, in position order, with their signer rules: what
// "Gerar contratos" turns into one contract each. A unit of another
// development is CodeUnitNotInDevelopment.
func (s *Service) ApplicableContracts(ctx context.Context, developmentID, unitID int64) ([]Association, error) {
	p, err := s.store.UnitPath(ctx, unitID)
	if err != nil {
		return nil, err
	}
	if p.DevelopmentID != developmentID {
		return nil, crm.E(CodeUnitNotInDevelopment, "unitId", unitID, "developmentId", developmentID)
	}
	all, err := s.List(ctx, developmentID)
	if err != nil {
		return nil, err
	}
	out := []Association{}
	for _, a := range all {
		if crm.ScopeCovers(a.Scope, a.ScopeIDs(), p) {
			out = append(out, a)
		}
	}
	return out, nil
}

// previewPerson stands in for a party of the reservation when previewing a
// rule: someone with every contact, so the compromises shown come from the
// choices made, not from data the reservation will supply.
var previewPerson = crm.FixedPerson{Name: "Pessoa da Reserva", Email: "pessoa@reserva.invalid", Phone: "11999999999", CPF: "52998224725"}

// Preview returns, for each rule in order, the compromises Clicksign API v3
// imposes on it (signing.MapSigner). Rules need not be valid: the screen
// previews while the user types.
func Preview(rules []crm.SignerRule) []RulePreview {
	out := make([]RulePreview, len(rules))
	for i, r := range rules {
		m := signing.MapSigner(crm.ResolveSigner(r, previewPerson))
		out[i] = RulePreview{Compromises: m.Compromises}
		if out[i].Compromises == nil {
			out[i].Compromises = []signing.Compromise{}
		}
	}
	return out
}
