package simulator

import (
	"sort"
	"time"
)

// RecipientView is one recipient as the "Simulador local" training desk
// shows it. Like the Clicksign view, it carries no signing link.
type RecipientView struct {
	ID             string
	Name           string
	RoutingOrder   int
	Status         string // created (not its turn), sent, delivered, completed, declined
	CarbonCopy     bool
	SignedAt       time.Time
	DeclinedReason string
	// CertifiedDelivery: the person approves by opening (nothing to sign).
	CertifiedDelivery bool
	// Checks are the identity checks asked, in pt-BR ("código por SMS para
	// +55…", "documento com foto e selfie"); AuthPassed says they were passed.
	Checks     []string
	AuthPassed bool
	// DrawSignature: the person must draw the signature.
	DrawSignature bool
	// Certificate: the person signs only with an ICP-Brasil certificate of
	// CertificateCPF (SignWithCertificate).
	Certificate    bool
	CertificateCPF string
}

// EnvelopeView is one simulated envelope for the training desk.
type EnvelopeView struct {
	ID           string
	Subject      string
	Status       string // sent, delivered, completed, declined, voided
	VoidedReason string
	Created      time.Time
	Expires      time.Time
	Recipients   []RecipientView
}

// Overview lists the envelopes that were sent (drafts left out), newest
// first, recipients by routing order then name. A deadline that passed is
// applied first, so the desk never offers to sign an expired envelope.
func (s *Simulator) Overview() []EnvelopeView {
	s.mu.Lock()
	s.expireLocked()
	var out []EnvelopeView
	for i := len(s.order) - 1; i >= 0; i-- {
		e := s.envs[s.order[i]]
		if e.status == "created" {
			continue
		}
		v := EnvelopeView{ID: e.id, Subject: e.subject, Status: e.status, VoidedReason: e.voidedReason,
			Created: e.created, Expires: e.expires}
		for _, r := range e.recipients {
			v.Recipients = append(v.Recipients, RecipientView{ID: r.id, Name: r.name, RoutingOrder: r.order,
				Status: r.status, CarbonCopy: r.cc, SignedAt: r.signed, DeclinedReason: r.declinedReason,
				CertifiedDelivery: r.setup.Type == TypeCertifiedDelivery, Checks: r.checks(), AuthPassed: !r.authAt.IsZero(),
				DrawSignature: r.setup.SignInEachLocation, Certificate: r.setup.SignatureProvider != "", CertificateCPF: r.setup.ProviderCPF})
		}
		sort.SliceStable(v.Recipients, func(a, b int) bool {
			x, y := v.Recipients[a], v.Recipients[b]
			if x.RoutingOrder != y.RoutingOrder {
				return x.RoutingOrder < y.RoutingOrder
			}
			return x.Name < y.Name
		})
		out = append(out, v)
	}
	// Expiry may have queued Connect messages: they go out after the lock.
	pending := s.outbox
	s.outbox = nil
	s.mu.Unlock()
	s.deliver(pending)
	return out
}
