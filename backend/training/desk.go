// Package training is the "Simulador local" training desk: it makes a
// simulated signer sign or refuse and moves the simulator's clock. It sits
// beside the simulator rather than in signing, so the use cases never
// import the fake server; the error mapping needs its sentinels.
package training

import (
	"errors"
	"strings"
	"sync"
	"time"

	"selo/backend/clicksign/simulator"
	"selo/backend/crm"
	dssim "selo/backend/docusign/simulator"
)

// Training desk error codes.
const (
	CodeSimNotRunning   = "simulator.not_running"
	CodeSimNotActive    = "simulator.not_active"
	CodeSimNothingToDo  = "simulator.nothing_to_do"
	CodeSimNotRefusable = "simulator.not_refusable"
	CodeSimReason       = "simulator.reason_required"
)

// Desk is the "Simulador local" training panel: it shows simulated
// envelopes and makes a signer sign or refuse, or moves the simulator's
// clock, as a real signer or the passing days would.
type Desk struct {
	Host *simulator.Host
	// DocuSign hosts the DocuSign simulator of "Simulador local" DocuSign
	// keys; nil when the app has none.
	DocuSign *dssim.Host
	// Changed is called after a simulated signature, refusal or passing of
	// days, so status sync learns of it at once, as a webhook would tell
	// it, and a rep on another screen sees the notice; nil for none.
	Changed func()

	dsMu    sync.Mutex
	dsAhead time.Duration // how far AdvanceDays moved the DocuSign clock
}

func (d *Desk) changed(err error) error {
	if err == nil && d.Changed != nil {
		d.Changed()
	}
	return err
}

// Envelopes lists simulated envelopes with each signer's state.
func (d *Desk) Envelopes() ([]simulator.EnvelopeView, error) {
	sim, err := d.Host.Simulator()
	if err != nil {
		return nil, crm.E(crm.CodeUnreachable).Wrap(err)
	}
	return sim.Overview(), nil
}

// Sign is "Simular assinatura".
func (d *Desk) Sign(envelopeID, signerID string) error {
	sim, err := d.Host.Simulator()
	if err != nil {
		return crm.E(crm.CodeUnreachable).Wrap(err)
	}
	return d.changed(simError(sim.Sign(envelopeID, signerID)))
}

// Refuse is "Simular recusa"; a reason is required, as on Clicksign's page.
func (d *Desk) Refuse(envelopeID, signerID, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return crm.E(CodeSimReason).OnField("reason")
	}
	sim, err := d.Host.Simulator()
	if err != nil {
		return crm.E(crm.CodeUnreachable).Wrap(err)
	}
	return d.changed(simError(sim.Refuse(envelopeID, signerID, reason)))
}

// AdvanceDays moves the simulators' clocks forward, Clicksign's and
// DocuSign's alike, so a deadline can pass during training without waiting
// for it.
func (d *Desk) AdvanceDays(days int) error {
	if days < 1 || days > 120 {
		return crm.E(crm.CodeOutOfRange, "min", 1, "max", 120).OnField("days")
	}
	by := time.Duration(days) * 24 * time.Hour
	d.dsMu.Lock()
	d.dsAhead += by
	d.dsMu.Unlock()
	if d.Host == nil {
		return d.changed(nil)
	}
	sim, err := d.Host.Simulator()
	if err != nil {
		return crm.E(crm.CodeUnreachable).Wrap(err)
	}
	return d.changed(sim.Advance(by))
}

// DocuSignNow is the DocuSign simulator's clock: the wall clock plus the
// days AdvanceDays moved. main.go gives it to the DocuSign simulator Host
// (Options.Now) before the simulator first starts.
func (d *Desk) DocuSignNow() time.Time {
	d.dsMu.Lock()
	defer d.dsMu.Unlock()
	return time.Now().Add(d.dsAhead)
}

func simError(err error) error {
	switch {
	case err == nil:
		return nil
	case certificateError(err) != err:
		return certificateError(err)
	case errors.Is(err, simulator.ErrNotFound):
		return crm.E(crm.CodeNotFound).Wrap(err)
	case errors.Is(err, simulator.ErrNotRunning):
		return crm.E(CodeSimNotRunning).Wrap(err)
	case errors.Is(err, simulator.ErrNotActive):
		return crm.E(CodeSimNotActive).Wrap(err)
	case errors.Is(err, simulator.ErrNothingToDo):
		return crm.E(CodeSimNothingToDo).Wrap(err)
	case errors.Is(err, simulator.ErrNotRefusable):
		return crm.E(CodeSimNotRefusable).Wrap(err)
	}
	return err
}
