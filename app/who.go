package app

import (
	"context"

	"selo/backend/office"
)

// Who serves the shell's "Quem está usando este computador?" in office mode.
type Who struct {
	svc *office.Who
}

// NewWho binds the shell's person picker.
func NewWho(svc *office.Who) *Who { return &Who{svc: svc} }

// Get returns whether to ask, who is chosen and the active users to offer.
func (w *Who) Get() (office.WhoView, error) { return w.svc.View(context.Background()) }

// Choose makes userID the person using this PC, from now on and at the
// next starts; what this PC saves and sends is recorded under their name.
func (w *Who) Choose(userID int64) (office.WhoView, error) {
	return w.svc.Choose(context.Background(), userID)
}
