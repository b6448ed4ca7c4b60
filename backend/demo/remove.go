package demo

import (
	"context"
	"path/filepath"

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
	var files []string
	for _, sum := range removed.TemplateFiles {
		files = append(files, filepath.Join(s.templatesDir(), sum+".pdf"))
	}
	for _, sum := range removed.ContractFiles {
		files = append(files, filepath.Join(s.contractsDir(), sum+".pdf"))
	}
	keyIDs := removed.IntegrationIDs
	// The rows are gone; a file or token left behind is only clutter, so it
	// is logged, not reported.
	for _, f := range files {
		removeFile(s.log, f)
	}
	for _, id := range keyIDs {
		if err := s.secrets.Delete(ctx, integrations.SecretKey(id)); err != nil {
			s.log.Warn("removing the sample key's token", "err", err)
		}
	}
	s.log.Info("sample data removed", "files", len(files))
	return nil
}
