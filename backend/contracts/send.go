package contracts

import (
	"context"
	"fmt"

	"selo/backend/crm"
	"selo/backend/signing"
)

// Send checks the ticked contracts of a reservation and, when nothing is
// wrong, starts the send (signing.Sender.Start) and returns its operation id
// at once; progress follows through the envelope:* events. Every problem
// found before anything leaves the computer is returned together as a
// crm.Invalid: development not integrated or key missing, contracts without
// rules, only attached PDFs ticked, a party a rule asks for and the
// reservation lacks, and what each person's channels need (an SMS/WhatsApp
// channel without a mobile is crm.CodeEnvelopeSignerPhoneRequired with the
// exact sentence and the person's name). The Sender checks again (sizes,
// PDFs) and reports what only it can see through envelope:failed.
//
// Documents go in the order the screen lists them. Attached PDFs carry the
// signers of the generated contracts sent with them: they have no rules of
// their own, and the merged document is signed as one anyway.
func (s *Service) Send(ctx context.Context, reservationID int64, contractIDs []int64) (int64, error) {
	req, err := s.buildRequest(ctx, reservationID, contractIDs)
	if err != nil {
		return 0, err
	}
	id, err := s.d.Sender.Start(ctx, req)
	if err != nil {
		return 0, err
	}
	s.d.Log.Info("send started", "reservation", reservationID, "op", id, "contracts", len(req.ContractIDs))
	return id, nil
}

func (s *Service) buildRequest(ctx context.Context, reservationID int64, contractIDs []int64) (signing.SendRequest, error) {
	var inv crm.Invalid
	r, err := s.d.Reservations.Get(ctx, reservationID)
	if err != nil {
		return signing.SendRequest{}, err
	}
	all, err := s.d.Store.List(ctx, reservationID)
	if err != nil {
		return signing.SendRequest{}, err
	}
	ticked := map[int64]bool{}
	for _, id := range contractIDs {
		ticked[id] = true
	}
	var chosen []crm.Contract
	for _, c := range all {
		if ticked[c.ID] {
			chosen = append(chosen, c)
			delete(ticked, c.ID)
		}
	}
	if len(ticked) > 0 {
		// A contract deleted meanwhile, or one of another reservation.
		return signing.SendRequest{}, crm.E(crm.CodeNotFound)
	}
	if len(chosen) == 0 {
		inv.Add(crm.E(CodeNoContracts).OnField("contracts"))
		return signing.SendRequest{}, inv.Err()
	}

	dev, err := s.d.Developments.Get(ctx, r.DevelopmentID)
	if err != nil {
		return signing.SendRequest{}, err
	}
	docuSign := false
	if !dev.Integrated || dev.IntegrationID == 0 {
		inv.Add(crm.E(CodeNotIntegrated, "development", dev.Name).OnField("development"))
	} else if key, _, err := s.d.Keys.Token(ctx, dev.IntegrationID); key.Provider == crm.ProviderDocuSign {
		// A DocuSign key signs in instead of holding a Clicksign token;
		// the send asks for "Entrar de novo" when its consent is gone.
		docuSign = true
	} else if err != nil {
		e := crm.AsError(err)
		if e.Code == crm.CodeInternal {
			return signing.SendRequest{}, err
		}
		inv.Add(e)
	}

	req := signing.SendRequest{ReservationID: r.ID, IntegrationID: dev.IntegrationID,
		EnvelopeName: envelopeName(r)}
	generated := 0
	var attachedAt []int
	for _, c := range chosen {
		req.ContractIDs = append(req.ContractIDs, c.ID)
		if c.State == crm.StateSent || c.State == crm.StateSigned {
			inv.Add(crm.E(CodeAlreadySent, "contract", c.Name).OnField("contracts"))
		}
		pdf, err := s.File(ctx, c.ID)
		if err != nil {
			e := crm.AsError(err)
			if e.Code == crm.CodeInternal {
				return signing.SendRequest{}, err
			}
			inv.Add(e)
		}
		req.Documents = append(req.Documents, signing.SendDocument{Name: c.Name, PDF: pdf})
		if c.Kind != crm.ContractGenerated {
			attachedAt = append(attachedAt, len(req.Signers))
			req.Signers = append(req.Signers, nil)
			continue
		}
		generated++
		signers, err := s.resolve(ctx, &inv, r, c)
		if err != nil {
			return signing.SendRequest{}, err
		}
		req.Signers = append(req.Signers, signers)
	}
	if generated == 0 {
		inv.Add(crm.E(CodeOnlyAttached).OnField("contracts"))
	}
	if err := s.checkOpenSends(ctx, &inv, r.ID, chosen); err != nil {
		return signing.SendRequest{}, err
	}
	merged := crm.MergeSigners(req.Signers...)
	for _, i := range attachedAt {
		req.Signers[i] = merged
	}
	if docuSign {
		signing.AddDocuSignSignerProblems(&inv, merged)
	} else {
		crm.AddEnvelopeSignerProblems(&inv, merged)
	}
	if err := inv.Err(); err != nil {
		return signing.SendRequest{}, err
	}
	return req, nil
}

// checkOpenSends refuses a contract that a live, unsent operation holds with
// a different set of contracts: sending it now would put it in a second
// envelope. The same set resumes that operation instead (same key).
func (s *Service) checkOpenSends(ctx context.Context, inv *crm.Invalid, reservationID int64, chosen []crm.Contract) error {
	ids := make([]int64, len(chosen))
	for i, c := range chosen {
		ids[i] = c.ID
	}
	key := signing.SendKey(reservationID, ids)
	open, err := s.OpenOperations(ctx, reservationID)
	if err != nil {
		return err
	}
	for _, op := range open {
		if op.Key == key {
			continue
		}
		held := map[int64]bool{}
		for _, id := range op.ContractIDs {
			held[id] = true
		}
		for _, c := range chosen {
			if held[c.ID] && c.State == crm.StateSending {
				inv.Add(crm.E(CodeInAnotherSend, "contract", c.Name).OnField("contracts"))
			}
		}
	}
	return nil
}

// resolve binds each rule of the contract's association to the people of
// the reservation; a missing party is a problem on inv.
func (s *Service) resolve(ctx context.Context, inv *crm.Invalid, r crm.Reservation, c crm.Contract) ([]crm.ResolvedSigner, error) {
	a, err := s.d.Legal.Get(ctx, c.AssociationID)
	if err != nil && crm.AsError(err).Code != crm.CodeNotFound {
		return nil, err
	}
	if err != nil || len(a.Rules) == 0 {
		inv.Add(crm.E(CodeNoRules, "contract", c.Name).OnField("contracts"))
		return nil, nil
	}
	if a.Registry {
		// Rules saved before the template was marked "Vai a registro" are
		// refused here, with every row Jurídico must fix.
		crm.AddRegistryProblems(inv, c.Name, a.Rules)
	}
	var out []crm.ResolvedSigner
	missing := map[string]bool{}
	lack := func(code string) {
		if !missing[code] {
			missing[code] = true
			inv.Add(crm.E(code, "contract", c.Name).OnField("contracts"))
		}
	}
	for _, rule := range a.Rules {
		switch rule.SignerType {
		case crm.SignerHolder:
			out = append(out, crm.ResolveSigner(rule, person(r.Holder)))
		case crm.SignerSpouse:
			// Rules are written once per contract for every buyer; a single
			// buyer has no cônjuge, and the rule simply does not apply.
			sp, ok := spouse(r)
			if !ok {
				continue
			}
			out = append(out, crm.ResolveSigner(rule, person(sp)))
		case crm.SignerAssociate, crm.SignerGuarantor:
			kind := crm.AssociateCoBuyer
			if rule.SignerType == crm.SignerGuarantor {
				kind = crm.AssociateGuarantor
			}
			// Like the cônjuge: no co-buyer or fiador in this reservation
			// means the rule has nobody to invite, not that the send is wrong.
			people := associatesOf(r, kind)
			for _, p := range people {
				out = append(out, crm.ResolveSigner(rule, person(p)))
			}
		case crm.SignerBroker:
			if r.BrokerID == 0 {
				lack(CodeBrokerMissing)
				continue
			}
			name, email, err := s.d.Store.BrokerContact(ctx, r.BrokerID)
			if err != nil {
				if crm.AsError(err).Code == crm.CodeNotFound {
					lack(CodeBrokerMissing)
					continue
				}
				return nil, err
			}
			out = append(out, crm.ResolveSigner(rule, crm.FixedPerson{Name: name, Email: email}))
		default:
			// Witness, agency, developer, manager: the rule names them.
			out = append(out, crm.ResolveSigner(rule, crm.FixedPerson{}))
		}
	}
	return out, nil
}

// person turns a party into signer data. The mobile is whichever of
// Telefone 1 and 2 is a valid mobile (Telefone 1 may be a landline).
func person(p crm.Person) crm.FixedPerson {
	phone := p.Phone1
	if _, ok := crm.ValidMobile(p.Phone1); !ok {
		if _, ok2 := crm.ValidMobile(p.Phone2); ok2 {
			phone = p.Phone2
		}
	}
	return crm.FixedPerson{Name: p.Name, Email: p.Email, Phone: phone, CPF: p.CPF}
}

// envelopeName names the envelope after the reservation and unit, never a
// person: the name shows in Clicksign's lists and in Selo's logs.
func envelopeName(r crm.Reservation) string {
	return fmt.Sprintf("Reserva %d · %s · %s %s", r.ID, r.DevelopmentName, r.BlockName, r.UnitNumber)
}

// Retry resumes a stopped send ("Tentar novamente") in the background.
func (s *Service) Retry(ctx context.Context, opID int64) error {
	return s.d.Sender.StartResume(ctx, opID)
}

// Cancel stops a send before activation (signing.CodeAlreadyActive after).
func (s *Service) Cancel(ctx context.Context, opID int64) error {
	return s.d.Sender.Cancel(ctx, opID)
}

// Operation returns a send as stored, for the progress after a reload.
func (s *Service) Operation(ctx context.Context, opID int64) (signing.SendOperation, error) {
	return s.d.Sender.Get(ctx, opID)
}

// OpenOperations returns the reservation's sends that are neither sent nor
// closed (running, or stopped and resumable), newest first.
func (s *Service) OpenOperations(ctx context.Context, reservationID int64) ([]signing.SendOperation, error) {
	ids, err := s.d.Store.OpenOperations(ctx, reservationID)
	if err != nil {
		return nil, err
	}
	out := []signing.SendOperation{}
	for _, id := range ids {
		op, err := s.d.Sender.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, op)
	}
	return out, nil
}

// CodePreparedBeforeRegistry: a send prepared before its contract was marked
// "Vai a registro" still holds signers on a simple signature; it cannot go
// on, and must be cancelled and sent again once Jurídico's rules ask for the
// certificate. Data: contract.
const CodePreparedBeforeRegistry = "envelope.icp_prepared_before"

// RecheckRegistry is signing.Sender.Recheck: before a send prepared on an
// earlier run goes live, its stored signers must still satisfy every
// contract of it that goes to registry now. When they do not, it refuses
// with what Jurídico must change (crm.AddRegistryProblems on the current
// rules) and CodePreparedBeforeRegistry, all at once.
func (s *Service) RecheckRegistry(ctx context.Context, op signing.SendOperation) error {
	all, err := s.d.Store.List(ctx, op.ReservationID)
	if err != nil {
		return err
	}
	inOp := map[int64]bool{}
	for _, id := range op.ContractIDs {
		inOp[id] = true
	}
	var inv crm.Invalid
	for _, c := range all {
		if !inOp[c.ID] || c.Kind != crm.ContractGenerated {
			continue
		}
		a, err := s.d.Legal.Get(ctx, c.AssociationID)
		if err != nil {
			if crm.AsError(err).Code == crm.CodeNotFound {
				continue
			}
			return err
		}
		if !a.Registry || storedSignersQualified(op.Signers) {
			continue
		}
		crm.AddRegistryProblems(&inv, c.Name, a.Rules)
		inv.Add(crm.E(CodePreparedBeforeRegistry, "contract", c.Name).OnField("contracts"))
	}
	return inv.Err()
}

// storedSignersQualified reports whether every stored signer who is a party
// to the transfer signs with a certificate and does not merely approve.
func storedSignersQualified(signers []signing.SendSigner) bool {
	for _, g := range signers {
		party := crm.RequiresICP(g.Signer.SignerType)
		for _, t := range g.Signer.Types {
			party = party || crm.RequiresICP(t)
		}
		if party && (g.Signer.Auth != crm.ChannelICPBrasil || g.Signer.SignatureKind == crm.SignatureApproval) {
			return false
		}
	}
	return true
}
