package legal

import (
	"context"

	"selo/backend/crm"
)

// Marking a template "Vai a registro" leaves the signer rules already saved
// as they are (nothing changes behind the office's back), so the manager is
// told at once which developments' Jurídico must change, instead of hearing
// it first from a rep whose send was refused.

// Developments lists the office's developments; developments.Service is one.
type Developments interface {
	List(ctx context.Context, includeArchived bool) ([]crm.Development, error)
}

// RegistryGap is one development whose rules for a template that goes to
// registry would send it with a simple signature.
type RegistryGap struct {
	DevelopmentID   int64  `json:"developmentId"`
	DevelopmentName string `json:"developmentName"`
	AssociationID   int64  `json:"associationId"`
	// Rows are the 1-based signer rows to change (crm.ValidateRegistryRules).
	Rows []int `json:"rows"`
}

// RegistryGaps lists, in development order, the developments (archived ones
// included: their reservations may still send) whose signer rules for
// template templateID a registry send would refuse (none without
// s.Developments), with the rows to change.
// It judges the rules as if the template went to registry, so the drawer can
// ask right after setting the flag.
func (s *Service) RegistryGaps(ctx context.Context, templateID int64) ([]RegistryGap, error) {
	if s.Developments == nil {
		return []RegistryGap{}, nil
	}
	list, err := s.Developments.List(ctx, true)
	if err != nil {
		return nil, err
	}
	out := []RegistryGap{}
	for _, d := range list {
		as, err := s.store.List(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			if a.TemplateID != templateID {
				continue
			}
			inv, ok := crm.ValidateRegistryRules(a.Rules).(*crm.Invalid)
			if !ok {
				continue
			}
			g := RegistryGap{DevelopmentID: d.ID, DevelopmentName: d.Name, AssociationID: a.ID}
			for _, p := range inv.Problems {
				if n, _ := p.Data["n"].(int); len(g.Rows) == 0 || g.Rows[len(g.Rows)-1] != n {
					g.Rows = append(g.Rows, n)
				}
			}
			out = append(out, g)
		}
	}
	return out, nil
}
