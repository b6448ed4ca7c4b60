// Package reservations is the sales rep's reservas: creating one on an
// available unit with its titular and associados, keeping the unit's
// situação in step, and the searchable list.
package reservations

import (
	"context"
	"log/slog"
	"time"

	"selo/backend/crm"
)

// Store is what the reservations use cases need from storage.
type Store interface {
	Create(ctx context.Context, in crm.ReservationInput, priceCents int64, now time.Time) (int64, error)
	Update(ctx context.Context, in crm.ReservationInput, priceCents int64, now time.Time) error
	Get(ctx context.Context, id int64) (crm.Reservation, error)
	List(ctx context.Context, f crm.ReservationFilter) (crm.ReservationPage, error)
	AvailableUnits(ctx context.Context, developmentID int64) ([]crm.UnitOption, error)
	Brokers(ctx context.Context) ([]crm.Broker, error)
}

// Service is the reservations use cases.
type Service struct {
	store Store
	log   *slog.Logger
	now   func() time.Time
}

// New returns the reservations service.
func New(store Store, log *slog.Logger) *Service {
	return &Service{store: store, log: log, now: time.Now}
}

// Save creates (ID 0) or edits a reservation and returns it.
func (s *Service) Save(ctx context.Context, in crm.ReservationInput) (crm.Reservation, error) {
	n, price, err := crm.ValidateReservation(in, s.now())
	if err != nil {
		return crm.Reservation{}, err
	}
	id := n.ID
	if id == 0 {
		id, err = s.store.Create(ctx, n, price, s.now())
	} else {
		err = s.store.Update(ctx, n, price, s.now())
	}
	if err != nil {
		return crm.Reservation{}, err
	}
	// The id and situação are enough to follow a case in the log; names and
	// CPFs stay out of it.
	s.log.Info("reservation saved", "id", id, "status", n.Status)
	return s.store.Get(ctx, id)
}

// Get returns one reservation.
func (s *Service) Get(ctx context.Context, id int64) (crm.Reservation, error) {
	return s.store.Get(ctx, id)
}

// List returns a page of the reservations matching the filter.
func (s *Service) List(ctx context.Context, f crm.ReservationFilter) (crm.ReservationPage, error) {
	return s.store.List(ctx, f)
}

// AvailableUnits lists what can be reserved in a development.
func (s *Service) AvailableUnits(ctx context.Context, developmentID int64) ([]crm.UnitOption, error) {
	return s.store.AvailableUnits(ctx, developmentID)
}

// Brokers lists who can be the corretor.
func (s *Service) Brokers(ctx context.Context) ([]crm.Broker, error) { return s.store.Brokers(ctx) }
