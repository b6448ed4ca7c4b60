package demo

import (
	"context"
)

// Step is one step of the "Comece aqui" guide and whether it is done.
type Step struct {
	Key  string `json:"key"`
	Done bool   `json:"done"`
	// DevelopmentID is set on the contracts step: the development whose
	// Jurídico tab the step opens (the first one not archived), 0 when there
	// is none and the step opens the developments list instead.
	DevelopmentID int64 `json:"developmentId"`
}

// Guide step keys, in the order the guide shows them.
const (
	StepKey         = "key"
	StepDevelopment = "development"
	StepContracts   = "contracts"
	StepReservation = "reservation"
	StepSend        = "send"
)

// Steps computes the guide from the database (one query): a key exists; a
// development exists; an associated contract has at least one signer rule;
// a reservation exists; a send was started.
func (s *Service) Steps(ctx context.Context) ([]Step, error) {
	g, err := s.store.Guide(ctx)
	if err != nil {
		return nil, err
	}
	return []Step{
		{Key: StepKey, Done: g.HasKey}, {Key: StepDevelopment, Done: g.HasDevelopment},
		{Key: StepContracts, Done: g.HasSignerRules, DevelopmentID: g.FirstDevelopmentID},
		{Key: StepReservation, Done: g.HasReservation}, {Key: StepSend, Done: g.HasSend},
	}, nil
}

// hiddenSetting is the settings key remembering that the guide was hidden.
const hiddenSetting = "guide.hidden"

// Hidden reports whether the office hid the guide.
func (s *Service) Hidden(ctx context.Context) (bool, error) {
	v, _, err := s.store.Setting(ctx, hiddenSetting)
	return v == "1", err
}

// SetHidden hides the guide or brings it back.
func (s *Service) SetHidden(ctx context.Context, hidden bool) error {
	v := "0"
	if hidden {
		v = "1"
	}
	return s.store.SetSetting(ctx, hiddenSetting, v)
}
