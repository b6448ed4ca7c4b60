package simulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// The control API plays the recipients' side: sign, decline, open, and the
// envelope's deadline passing. Go methods for tests, and the same over HTTP
// under /_simulator/ for the training desk:
//
//	POST /_simulator/envelopes/{id}/recipients/{rid}/sign
//	POST /_simulator/envelopes/{id}/recipients/{rid}/decline   (form or JSON "reason")
//	POST /_simulator/envelopes/{id}/recipients/{rid}/open
//	POST /_simulator/envelopes/{id}/expire

// ErrControl is wrapped by every control refusal (unknown ids, not the recipient's turn, finished envelope).
var ErrControl = errors.New("simulator: action not possible")

func (s *Simulator) control() {
	s.mux.HandleFunc("POST /_simulator/envelopes/{id}/recipients/{rid}/{action}", func(w http.ResponseWriter, r *http.Request) {
		id, rid := r.PathValue("id"), r.PathValue("rid")
		var err error
		switch r.PathValue("action") {
		case "sign":
			err = s.Sign(id, rid)
		case "open":
			err = s.Open(id, rid)
		case "decline":
			reason := r.FormValue("reason")
			if reason == "" {
				var in struct {
					Reason string `json:"reason"`
				}
				_ = json.NewDecoder(r.Body).Decode(&in)
				reason = in.Reason
			}
			err = s.Decline(id, rid, reason)
		default:
			http.NotFound(w, r)
			return
		}
		controlAnswer(w, err)
	})
	s.mux.HandleFunc("POST /_simulator/envelopes/{id}/expire", func(w http.ResponseWriter, r *http.Request) {
		controlAnswer(w, s.Expire(r.PathValue("id")))
	})
}

func controlAnswer(w http.ResponseWriter, err error) {
	w.Header().Set("Content-Type", "application/json")
	if err != nil {
		w.WriteHeader(http.StatusConflict)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]bool{"ok": true})
}

// act runs f on a recipient whose turn it is, under the lock, then sends the
// Connect messages it produced.
func (s *Simulator) act(envID, recipientID string, f func(e *envelope, r *recipient)) error {
	s.mu.Lock()
	s.expireLocked()
	e, ok := s.envs[envID]
	var err error
	switch {
	case !ok:
		err = fmt.Errorf("%w: no envelope %s", ErrControl, envID)
	case e.terminal() || e.status == "created":
		err = fmt.Errorf("%w: envelope is %s", ErrControl, e.status)
	default:
		var rec *recipient
		for _, r := range e.recipients {
			if r.id == recipientID && !r.cc {
				rec = r
			}
		}
		switch {
		case rec == nil:
			err = fmt.Errorf("%w: no signer %s in envelope", ErrControl, recipientID)
		case rec.status != "sent" && rec.status != "delivered":
			err = fmt.Errorf("%w: signer %s is %s (not their turn, or done)", ErrControl, recipientID, rec.status)
		default:
			f(e, rec)
		}
	}
	out := s.outbox
	s.outbox = nil
	s.mu.Unlock()
	s.deliver(out)
	return err
}

// Open records that a signer opened the envelope (recipient "delivered"); the
// envelope is "delivered" once every current signer opened it.
func (s *Simulator) Open(envID, recipientID string) error {
	return s.act(envID, recipientID, func(e *envelope, r *recipient) {
		if r.status == "delivered" {
			return
		}
		now := s.opt.Now()
		r.status, r.delivered = "delivered", now
		if r.needsAuth() && r.authAt.IsZero() {
			r.authAt = now // the checks come before the envelope opens
		}
		e.changed = now
		s.emitLocked(e, "recipient-delivered", r.id)
		cur := e.currentOrder()
		for _, x := range e.recipients {
			if !x.cc && x.order == cur && x.status == "sent" {
				return
			}
		}
		if e.status == "sent" {
			e.status, e.changed = "delivered", now
			s.emitLocked(e, "envelope-delivered", "")
		}
	})
}

// Sign makes a signer sign (a certified delivery: open and acknowledge, with
// no signature); when the last of the current routing order is done, the next
// order is sent, and the last one completes the envelope. Identity checks
// asked for the recipient are recorded as passed first.
//
// A recipient asked for a signature provider (ICP-Brasil) must sign through
// the certificate step instead (SignWithCertificate): ErrCertificateRequired.
func (s *Simulator) Sign(envID, recipientID string) error {
	return s.sign(envID, recipientID, nil)
}

func (s *Simulator) sign(envID, recipientID string, cert *Certificate) error {
	var certErr error
	err := s.act(envID, recipientID, func(e *envelope, r *recipient) {
		if certErr = certificateError(r, cert); certErr != nil {
			return
		}
		now := s.opt.Now()
		if r.delivered.IsZero() {
			r.delivered = now
		}
		if r.needsAuth() && r.authAt.IsZero() {
			r.authAt = now
		}
		r.status = "completed"
		if r.setup.Type == TypeSigner {
			// A certified delivery completes by opening; it signs nothing.
			r.signed = now
		}
		e.changed = now
		s.emitLocked(e, "recipient-completed", r.id)
		before := e.currentOrder()
		s.routeLocked(e)
		if e.status == "delivered" && e.currentOrder() != before {
			e.status = "sent" // a new routing order has not opened it yet
		}
	})
	if err != nil {
		return err
	}
	return certErr
}

// Decline makes a signer decline, which declines the whole envelope.
func (s *Simulator) Decline(envID, recipientID, reason string) error {
	if reason == "" {
		return fmt.Errorf("%w: a decline needs a reason", ErrControl)
	}
	return s.act(envID, recipientID, func(e *envelope, r *recipient) {
		now := s.opt.Now()
		r.status, r.declined, r.declinedReason = "declined", now, reason
		e.status, e.declined, e.changed = "declined", now, now
		s.emitLocked(e, "recipient-declined", r.id)
		s.emitLocked(e, "envelope-declined", "")
	})
}

// Expire makes an envelope's deadline pass now: it becomes voided with ExpiredReason.
func (s *Simulator) Expire(envID string) error {
	s.mu.Lock()
	e, ok := s.envs[envID]
	var err error
	switch {
	case !ok:
		err = fmt.Errorf("%w: no envelope %s", ErrControl, envID)
	case e.terminal():
		err = fmt.Errorf("%w: envelope is %s", ErrControl, e.status)
	default:
		e.expires = s.opt.Now()
		s.voidLocked(e, ExpiredReason)
	}
	out := s.outbox
	s.outbox = nil
	s.mu.Unlock()
	s.deliver(out)
	return err
}

// EnvelopeStatus reports an envelope's status and each recipient's, by
// recipientId, for test assertions (no API request is counted).
func (s *Simulator) EnvelopeStatus(envID string) (status string, recipients map[string]string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.envs[envID]
	if !ok {
		return "", nil, false
	}
	recipients = map[string]string{}
	for _, r := range e.recipients {
		recipients[r.id] = r.status
	}
	return e.status, recipients, true
}

// Resends is how many times a recipient's invitation was resent.
func (s *Simulator) Resends(envID, recipientID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.envs[envID]; ok {
		for _, r := range e.recipients {
			if r.id == recipientID {
				return r.resends
			}
		}
	}
	return 0
}
