package contracts

import (
	"context"

	"selo/backend/crm"
)

// Error codes of "Gerar e enviar novamente".
const (
	// CodeNothingToSendAgain: no contract of the reservation was released
	// from that envelope (data: envelope).
	CodeNothingToSendAgain = "contract.nothing_to_send_again"
	// CodeAlreadySentAgain: every contract of that envelope has already
	// been generated again (data: envelope).
	CodeAlreadySentAgain = "contract.already_sent_again"
)

// SendAgain is "Gerar e enviar novamente" for an envelope that ended
// without every signature (deadline passed, refused or cancelled): it
// generates the envelope's contracts again from the reservation as it is
// now (dates and values refreshed), attaches its outside PDFs again, and
// starts one send of exactly those, returning the operation id.
//
// The released contracts stay as they are, "Cancelado", as the record of
// what was sent. A contract already generated again since (a second click,
// or the rep did it by hand) is not made a third time; when that is true
// of all of them the call says so instead of sending a duplicate envelope.
// When the send's checks fail, the new contracts stay "Gerado" and the
// problems come back as from Send, so nothing is lost.
//
// The lock is held until the send is recorded (Start returns once its row
// exists), so a second call, from a double click or another window, finds
// the new takes already in a send and stops there.
func (s *Service) SendAgain(ctx context.Context, reservationID int64, envelopeID string) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids, err := s.regenerate(ctx, reservationID, envelopeID)
	if err != nil {
		return 0, err
	}
	return s.Send(ctx, reservationID, ids)
}

// regenerate makes the new contracts; the caller holds s.mu.
func (s *Service) regenerate(ctx context.Context, reservationID int64, envelopeID string) ([]int64, error) {
	all, err := s.d.Store.List(ctx, reservationID)
	if err != nil {
		return nil, err
	}
	var ended []crm.Contract
	for _, c := range all {
		if c.State == crm.StateCanceled && c.EndedEnvelopeID == envelopeID {
			ended = append(ended, c)
		}
	}
	if len(ended) == 0 {
		return nil, crm.E(CodeNothingToSendAgain, "envelope", envelopeID)
	}
	var todo []crm.Contract
	for _, c := range ended {
		if !redone(c, all) {
			todo = append(todo, c)
		}
	}
	if len(todo) == 0 {
		return nil, crm.E(CodeAlreadySentAgain, "envelope", envelopeID)
	}
	r, err := s.d.Reservations.Get(ctx, reservationID)
	if err != nil {
		return nil, err
	}
	values := Values(r, "", s.Now())
	for _, c := range todo {
		switch c.Kind {
		case crm.ContractGenerated:
			a, err := s.d.Legal.Get(ctx, c.AssociationID)
			if err != nil {
				return nil, err
			}
			if err := s.generateOne(ctx, r, a, values); err != nil {
				return nil, err
			}
		case crm.ContractAttached:
			if _, ok := successor(c, all); ok {
				continue
			}
			pdf, err := s.File(ctx, c.ID)
			if err != nil {
				return nil, err
			}
			if _, err := s.store(ctx, crm.Contract{ReservationID: reservationID, Kind: crm.ContractAttached, Name: c.Name,
				FileName: c.FileName}, pdf); err != nil {
				return nil, err
			}
		}
	}
	after, err := s.d.Store.List(ctx, reservationID)
	if err != nil {
		return nil, err
	}
	// The new rows are the newest "Gerado" successors of the ones redone,
	// kept in the screen's order.
	var ids []int64
	for _, c := range todo {
		if n, ok := successor(c, after); ok {
			ids = append(ids, n.ID)
		}
	}
	return ids, nil
}

// sameDocument says whether n is another take of contract c: the same
// association for a generated one, the same file for an attached one.
func sameDocument(c, n crm.Contract) bool {
	if c.Kind != n.Kind || n.ID <= c.ID {
		return false
	}
	if c.Kind == crm.ContractGenerated {
		return n.AssociationID == c.AssociationID
	}
	return n.SHA256 == c.SHA256 && n.Name == c.Name
}

// redone: a later take of c was sent (whatever became of that send since:
// if it ended unsigned too, "Gerar e enviar novamente" is offered on it,
// not again on c). A later take still "Gerado" (the rep pressed "Gerar
// contratos" but did not send) is reused, not counted.
func redone(c crm.Contract, all []crm.Contract) bool {
	for _, n := range all {
		if sameDocument(c, n) && n.State != crm.StateGenerated {
			return true
		}
	}
	return false
}

func successor(c crm.Contract, all []crm.Contract) (crm.Contract, bool) {
	var best crm.Contract
	found := false
	for _, n := range all {
		if sameDocument(c, n) && n.State == crm.StateGenerated && (!found || n.ID > best.ID) {
			best, found = n, true
		}
	}
	return best, found
}
