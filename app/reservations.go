package app

import (
	"context"

	"selo/backend/crm"
	"selo/backend/reservations"
)

// Reservations serves Reservas: the list, the form and a reservation's page.
type Reservations struct {
	svc *reservations.Service
}

// NewReservations binds the reservations screens.
func NewReservations(svc *reservations.Service) *Reservations { return &Reservations{svc: svc} }

// List returns a page of reservations for the filters and search.
func (b *Reservations) List(f crm.ReservationFilter) (crm.ReservationPage, error) {
	return b.svc.List(context.Background(), f)
}

// Get returns one reservation with its people.
func (b *Reservations) Get(id int64) (crm.Reservation, error) {
	return b.svc.Get(context.Background(), id)
}

// Save creates (ID 0) or edits a reservation.
func (b *Reservations) Save(in crm.ReservationInput) (crm.Reservation, error) {
	return b.svc.Save(context.Background(), in)
}

// AvailableUnits lists a development's units that can be reserved.
func (b *Reservations) AvailableUnits(developmentID int64) ([]crm.UnitOption, error) {
	return b.svc.AvailableUnits(context.Background(), developmentID)
}

// Brokers lists who can be the corretor.
func (b *Reservations) Brokers() ([]crm.Broker, error) { return b.svc.Brokers(context.Background()) }
