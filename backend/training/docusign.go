package training

import (
	"errors"
	"strings"
	"time"

	"selo/backend/clicksign/simulator"
	"selo/backend/crm"
	dssim "selo/backend/docusign/simulator"
)

// DocuSignSigner is one recipient of a simulated DocuSign envelope, in the
// same shape and states as a Clicksign signer on the panel, so the rep
// trains both providers the same way. Group is DocuSign's routing order.
type DocuSignSigner struct {
	ID            string                `json:"id"`
	Name          string                `json:"name"`
	Group         int                   `json:"group"`
	State         simulator.SignerState `json:"state"`
	SignedAt      *time.Time            `json:"signedAt,omitempty" ts_type:"string"`
	RefusalReason string                `json:"refusalReason,omitempty"`
	// Certificate: the recipient signs only through the certificate step
	// (ICP-Brasil signature provider).
	Certificate bool `json:"certificate"`
}

// DocuSignEnvelope is a simulated DocuSign envelope for the training panel.
// Status is DocuSign's (sent, delivered, completed, declined, voided) or
// "expired" for an envelope voided by its deadline, which DocuSign reports
// as voided with a reason.
type DocuSignEnvelope struct {
	ID         string           `json:"id"`
	Name       string           `json:"name"`
	Status     string           `json:"status"`
	DeadlineAt time.Time        `json:"deadlineAt" ts_type:"string"`
	Created    time.Time        `json:"created" ts_type:"string"`
	Signers    []DocuSignSigner `json:"signers"`
}

// DocuSignEnvelopes lists the DocuSign simulator's envelopes, newest first.
// Before any DocuSign Simulador local send the simulator has not started
// (it opens its port on first use) and the list is empty.
func (d *Desk) DocuSignEnvelopes() ([]DocuSignEnvelope, error) {
	sim := d.dsSim()
	if sim == nil {
		return []DocuSignEnvelope{}, nil
	}
	out := []DocuSignEnvelope{}
	for _, e := range sim.Overview() {
		v := DocuSignEnvelope{ID: e.ID, Name: e.Subject, Status: e.Status, DeadlineAt: e.Expires, Created: e.Created,
			Signers: []DocuSignSigner{}}
		if e.Status == "voided" && e.VoidedReason == dssim.ExpiredReason {
			v.Status = "expired"
		}
		running := e.Status == "sent" || e.Status == "delivered"
		for _, r := range e.Recipients {
			// A carbon copy never acts, so the desk has nothing to play for it.
			if r.CarbonCopy {
				continue
			}
			s := DocuSignSigner{ID: r.ID, Name: r.Name, Group: r.RoutingOrder, RefusalReason: r.DeclinedReason, Certificate: r.Certificate}
			switch {
			case r.Status == "declined":
				s.State = simulator.SignerRefused
			case r.Status == "completed":
				s.State = simulator.SignerSigned
				at := r.SignedAt
				s.SignedAt = &at
			case !running:
				s.State = simulator.SignerInactive
			case r.Status == "sent" || r.Status == "delivered":
				s.State = simulator.SignerPending
			default:
				s.State = simulator.SignerWaiting
			}
			v.Signers = append(v.Signers, s)
		}
		out = append(out, v)
	}
	return out, nil
}

// DocuSignSign is "Simular assinatura" for a DocuSign recipient.
func (d *Desk) DocuSignSign(envelopeID, recipientID string) error {
	sim, err := d.dsTurn(envelopeID, recipientID)
	if err != nil {
		return err
	}
	return d.changed(dsError(sim.Sign(envelopeID, recipientID)))
}

// DocuSignDecline is "Simular recusa" for a DocuSign recipient: DocuSign
// asks the signer for a reason, and so does the desk.
func (d *Desk) DocuSignDecline(envelopeID, recipientID, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return crm.E(CodeSimReason).OnField("reason")
	}
	sim, err := d.dsTurn(envelopeID, recipientID)
	if err != nil {
		return err
	}
	return d.changed(dsError(sim.Decline(envelopeID, recipientID, reason)))
}

// DocuSignExpire makes a DocuSign envelope's deadline pass now ("Simular
// prazo vencido"): DocuSign voids it, as it does an expired envelope.
func (d *Desk) DocuSignExpire(envelopeID string) error {
	sim := d.dsSim()
	if sim == nil {
		return crm.E(crm.CodeNotFound)
	}
	status, _, ok := sim.EnvelopeStatus(envelopeID)
	switch {
	case !ok:
		return crm.E(crm.CodeNotFound)
	case status != "sent" && status != "delivered":
		return crm.E(CodeSimNotRunning)
	}
	return d.changed(dsError(sim.Expire(envelopeID)))
}

func (d *Desk) dsSim() *dssim.Simulator {
	if d.DocuSign == nil {
		return nil
	}
	return d.DocuSign.Simulator()
}

// dsTurn tells why a recipient cannot act, in the desk's codes: the
// simulator only says "not possible", and the rep needs to know whether it
// is not their turn yet, already done, or the envelope is over.
func (d *Desk) dsTurn(envelopeID, recipientID string) (*dssim.Simulator, error) {
	sim := d.dsSim()
	if sim == nil {
		return nil, crm.E(crm.CodeNotFound)
	}
	status, recipients, ok := sim.EnvelopeStatus(envelopeID)
	if !ok {
		return nil, crm.E(crm.CodeNotFound)
	}
	r, ok := recipients[recipientID]
	switch {
	case !ok:
		return nil, crm.E(crm.CodeNotFound)
	case status != "sent" && status != "delivered":
		return nil, crm.E(CodeSimNotRunning)
	case r == "completed":
		return nil, crm.E(CodeSimNothingToDo)
	case r == "created":
		return nil, crm.E(CodeSimNotActive)
	}
	return sim, nil
}

// dsError covers a race between the check and the act (the deadline passing
// in between): the envelope is no longer in progress.
func dsError(err error) error {
	if c := certificateError(err); c != err {
		return c
	}
	if err != nil && errors.Is(err, dssim.ErrControl) {
		return crm.E(CodeSimNotRunning).Wrap(err)
	}
	return err
}
