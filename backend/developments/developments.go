// Package developments is the manager's set-up of empreendimentos: their
// structure (etapas, blocos, unidades), and which e-signature key each uses.
package developments

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"selo/backend/crm"
)

// Store is what the developments use cases need from storage.
type Store interface {
	List(ctx context.Context, includeArchived bool) ([]crm.Development, error)
	Get(ctx context.Context, id int64) (crm.Development, error)
	Insert(ctx context.Context, in crm.DevelopmentInput, now time.Time) (int64, error)
	Update(ctx context.Context, in crm.DevelopmentInput, now time.Time) error
	SetSettings(ctx context.Context, in crm.DevelopmentSettings, now time.Time) error
	SetArchived(ctx context.Context, id int64, archived bool, now time.Time) error
	AddStage(ctx context.Context, developmentID int64, name string) (int64, error)
	AddBlock(ctx context.Context, stageID int64, name string) (int64, error)
	DeleteStage(ctx context.Context, id int64) error
	DeleteBlock(ctx context.Context, id int64) error
	InsertUnits(ctx context.Context, plan crm.BulkPlan) (int, error)
	SaveUnit(ctx context.Context, u crm.Unit) (int64, error)
	DeleteUnit(ctx context.Context, id int64) error
	Delete(ctx context.Context, id int64) error
}

// Service is the developments use cases.
type Service struct {
	store Store
	log   *slog.Logger
	now   func() time.Time
}

// New returns the developments service.
func New(store Store, log *slog.Logger) *Service {
	return &Service{store: store, log: log, now: time.Now}
}

// List returns developments, archived ones only when asked.
func (s *Service) List(ctx context.Context, includeArchived bool) ([]crm.Development, error) {
	return s.store.List(ctx, includeArchived)
}

// Get returns a development with its whole structure.
func (s *Service) Get(ctx context.Context, id int64) (crm.Development, error) {
	return s.store.Get(ctx, id)
}

// Save creates or edits a development's name and place.
func (s *Service) Save(ctx context.Context, in crm.DevelopmentInput) (crm.Development, error) {
	n, err := crm.ValidateDevelopment(in)
	if err != nil {
		return crm.Development{}, err
	}
	id := n.ID
	if id == 0 {
		id, err = s.store.Insert(ctx, n, s.now())
	} else {
		err = s.store.Update(ctx, n, s.now())
	}
	if err != nil {
		return crm.Development{}, err
	}
	s.log.Info("development saved", "id", id)
	return s.store.Get(ctx, id)
}

// SaveSettings sets "Integrado API" and the e-signature key.
func (s *Service) SaveSettings(ctx context.Context, in crm.DevelopmentSettings) (crm.Development, error) {
	if err := crm.ValidateSettings(in); err != nil {
		return crm.Development{}, err
	}
	if err := s.store.SetSettings(ctx, in, s.now()); err != nil {
		return crm.Development{}, err
	}
	return s.store.Get(ctx, in.ID)
}

// SetArchived archives or restores a development.
func (s *Service) SetArchived(ctx context.Context, id int64, archived bool) error {
	return s.store.SetArchived(ctx, id, archived, s.now())
}

func nameOrError(name string) (string, error) {
	n := strings.Join(strings.Fields(name), " ")
	if n == "" {
		var inv crm.Invalid
		inv.Add(crm.E(crm.CodeRequired).OnField("name"))
		return "", inv.Err()
	}
	return n, nil
}

// AddStage adds an etapa.
func (s *Service) AddStage(ctx context.Context, developmentID int64, name string) (int64, error) {
	n, err := nameOrError(name)
	if err != nil {
		return 0, err
	}
	return s.store.AddStage(ctx, developmentID, n)
}

// AddBlock adds a bloco to an etapa.
func (s *Service) AddBlock(ctx context.Context, stageID int64, name string) (int64, error) {
	n, err := nameOrError(name)
	if err != nil {
		return 0, err
	}
	return s.store.AddBlock(ctx, stageID, n)
}

// DeleteStage removes an etapa that holds no reserved or sold unit.
func (s *Service) DeleteStage(ctx context.Context, id int64) error {
	return s.store.DeleteStage(ctx, id)
}

// DeleteBlock removes a bloco that holds no reserved or sold unit.
func (s *Service) DeleteBlock(ctx context.Context, id int64) error {
	return s.store.DeleteBlock(ctx, id)
}

// CreateUnits creates a block's units in bulk and returns how many.
func (s *Service) CreateUnits(ctx context.Context, in crm.BulkUnitsInput) (int, error) {
	plan, err := crm.PlanBulkUnits(in)
	if err != nil {
		return 0, err
	}
	n, err := s.store.InsertUnits(ctx, plan)
	if err == nil {
		s.log.Info("units created in bulk", "block", in.BlockID, "count", n)
	}
	return n, err
}

// SaveUnit creates or edits one unit.
func (s *Service) SaveUnit(ctx context.Context, in crm.UnitInput) (int64, error) {
	u, err := crm.ValidateUnit(in)
	if err != nil {
		return 0, err
	}
	return s.store.SaveUnit(ctx, u)
}

// DeleteUnit removes a unit that is not reserved or sold.
func (s *Service) DeleteUnit(ctx context.Context, id int64) error { return s.store.DeleteUnit(ctx, id) }

// Delete removes a development no reservation refers to.
func (s *Service) Delete(ctx context.Context, id int64) error {
	if err := s.store.Delete(ctx, id); err != nil {
		return err
	}
	s.log.Info("development deleted", "id", id)
	return nil
}
