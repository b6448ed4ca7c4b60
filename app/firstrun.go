package app

import (
	"context"

	"selo/backend/demo"
)

// FirstRun serves the Painel's "Comece aqui" guide and the dados de
// exemplo.
type FirstRun struct {
	svc *demo.Service
}

// NewFirstRun binds the guide and the sample data.
func NewFirstRun(svc *demo.Service) *FirstRun { return &FirstRun{svc: svc} }

// Steps returns the guide's five steps, each with whether it is done.
func (b *FirstRun) Steps() ([]demo.Step, error) {
	return b.svc.Steps(context.Background())
}

// Hidden reports whether the guide was hidden.
func (b *FirstRun) Hidden() (bool, error) {
	return b.svc.Hidden(context.Background())
}

// SetHidden hides the guide (Painel) or brings it back (Sobre).
func (b *FirstRun) SetHidden(hidden bool) error {
	return b.svc.SetHidden(context.Background(), hidden)
}

// LoadSample fills an empty database with the dados de exemplo.
func (b *FirstRun) LoadSample() error {
	return b.svc.Load(context.Background())
}

// RemoveSample removes exactly the dados de exemplo.
func (b *FirstRun) RemoveSample() error {
	return b.svc.Remove(context.Background())
}

// SampleStatus says whether the sample is loaded and whether it can be
// loaded or removed now, and why not.
func (b *FirstRun) SampleStatus() (demo.Status, error) {
	return b.svc.Status(context.Background())
}
