package demo

import (
	"context"

	"selo/backend/crm"

	"selo/backend/integrations"
)

// Remove deletes exactly the sample, in one transaction, then the sample
// template files, the generated contract files no other contract shares and
// the sample key's token. It refuses with CodeNotLoaded, CodeSent,
// CodeChanged or CodeInUse and then touches nothing.
func (s *Service) Remove(ctx context.Context) error {
	removed, err := s.store.Remove(ctx)
	if err != nil {
		return err
	}
	keyIDs := removed.IntegrationIDs
	// The rows are gone; a file or token left behind is only clutter, so it
	// is logged, not reported.
	for _, sum := range removed.TemplateFiles {
		s.removeFile(crm.FileTemplate, sum)
	}
	for _, sum := range removed.ContractFiles {
		s.removeFile(crm.FileContract, sum)
	}
	for _, id := range keyIDs {
		if err := s.secrets.Delete(ctx, integrations.SecretKey(id)); err != nil {
			s.log.Warn("removing the sample key's token", "err", err)
		}
	}
	s.log.Info("sample data removed", "files", len(removed.TemplateFiles)+len(removed.ContractFiles))
	return nil
}
