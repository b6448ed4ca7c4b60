package office

import (
	"context"
	"errors"
	"sync"

	"selo/backend/crm"
)

// TableCount is how many rows one table holds on the server after the copy.
type TableCount struct {
	Table string `json:"table"`
	Rows  int    `json:"rows"`
}

// CopyResult is what "Levar os dados deste computador para o servidor"
// took to the server: each table's rows and how many documents came from
// this PC's files folder.
type CopyResult struct {
	Tables    []TableCount `json:"tables"`
	DiskFiles int          `json:"diskFiles"`
}

// CopyProgress is one step of the copy, for the progress bar: the table
// being copied and the rows done out of the total.
type CopyProgress struct {
	Table string `json:"table"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// Copier takes this PC's own data (its selo.db and files folder, only
// read) into the empty office database t names, in one transaction. The
// storage adapter implements it; a server holding data is refused with
// crm.CodeOfficeNotEmpty.
type Copier interface {
	CopyToServer(ctx context.Context, t Target, progress func(CopyProgress)) (CopyResult, error)
}

// errCopyRunning refuses a second copy while one runs: two copies into
// the same empty database would only make the second one fail later.
var errCopyRunning = errors.New("office: a copy to the server is already running")

// copyState holds the running copy's cancel, so CancelCopy can stop it.
type copyState struct {
	mu     sync.Mutex
	cancel context.CancelFunc
}

// CopyToServer copies this PC's data to the server the saved settings name,
// password from the keyring. Nothing local changes and nothing is saved:
// switching this PC to the server afterwards is the user's choice.
func (s *Service) CopyToServer(ctx context.Context, progress func(CopyProgress)) (CopyResult, error) {
	if s.copier == nil {
		return CopyResult{}, errors.New("office: copy not available")
	}
	st, err := Load(s.path)
	if err != nil {
		return CopyResult{}, err
	}
	st = st.normalized()
	st.Mode = ModeOffice
	if err := st.Validate(); err != nil {
		return CopyResult{}, err
	}
	pw, err := s.password(ctx, "")
	if err != nil {
		return CopyResult{}, err
	}
	s.copying.mu.Lock()
	if s.copying.cancel != nil {
		s.copying.mu.Unlock()
		return CopyResult{}, errCopyRunning
	}
	ctx, cancel := context.WithCancel(ctx)
	s.copying.cancel = cancel
	s.copying.mu.Unlock()
	defer func() {
		s.copying.mu.Lock()
		s.copying.cancel = nil
		s.copying.mu.Unlock()
		cancel()
	}()
	if progress == nil {
		progress = func(CopyProgress) {}
	}
	s.log.Info("copying this computer's data to the office server", "host", st.Host, "database", st.Database)
	res, err := s.copier.CopyToServer(ctx, targetOf(st, pw), progress)
	if errors.Is(err, context.Canceled) {
		s.log.Info("copy to the office server cancelled; nothing kept there", "host", st.Host)
		return CopyResult{}, crm.E(crm.CodeOfficeCopyCancelled).Wrap(err)
	}
	if err != nil {
		s.log.Info("copy to the office server stopped; nothing kept there", "host", st.Host, "err", err)
		return CopyResult{}, err
	}
	s.log.Info("copy to the office server done", "host", st.Host, "tables", len(res.Tables), "diskFiles", res.DiskFiles)
	return res, nil
}

// CancelCopy stops the running copy, if any; the server is left as empty
// as it was. It says whether a copy was running.
func (s *Service) CancelCopy() bool {
	s.copying.mu.Lock()
	defer s.copying.mu.Unlock()
	if s.copying.cancel == nil {
		return false
	}
	s.copying.cancel()
	return true
}
