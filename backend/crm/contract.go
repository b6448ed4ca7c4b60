package crm

import "time"

// ContractKind says where a contract came from.
type ContractKind string

// Contract kinds.
const (
	// ContractGenerated was filled from a template associated with the
	// development ("Gerar contratos").
	ContractGenerated ContractKind = "generated"
	// ContractAttached is an outside PDF the rep attached ("Anexar PDF").
	ContractAttached ContractKind = "attached"
)

// ContractState is what the screen shows next to a contract. It is derived
// from the send operations that include the contract (ContractStateOf),
// never stored, so it cannot drift from them.
type ContractState string

// Contract states.
const (
	// StateGenerated: "Gerado": not part of any live send.
	StateGenerated ContractState = "generated"
	// StateSending: a send including it is running, or stopped after
	// something may exist on Clicksign ("Tentar novamente" resumes it). It
	// can be neither deleted nor regenerated.
	StateSending ContractState = "sending"
	// StateSent: "Enviado para assinatura": its envelope is active.
	StateSent ContractState = "sent"
	// StateSigned: "Assinado": status sync recorded the signature.
	StateSigned ContractState = "signed"
	// StateCanceled: "Cancelado": its envelope was released (cancelled,
	// refused or expired) and no other send includes it.
	StateCanceled ContractState = "canceled"
)

// CodeContractLocked: the contract is part of a send (or was sent) and can
// no longer be deleted or replaced (data: name, state).
const CodeContractLocked = "contract.locked"

// Contract is one contract of a reservation.
type Contract struct {
	ID            int64         `json:"id"`
	ReservationID int64         `json:"reservationId"`
	Kind          ContractKind  `json:"kind"`
	AssociationID int64         `json:"associationId"`
	TemplateID    int64         `json:"templateId"`
	Name          string        `json:"name"`
	FileName      string        `json:"fileName"`
	Pages         int           `json:"pages"`
	Size          int64         `json:"size"`
	SHA256        string        `json:"sha256"`
	Position      int           `json:"position"`
	State         ContractState `json:"state"`
	// EndedEnvelopeID and EndedAs say which envelope a StateCanceled
	// contract was released from and how it ended (cancelado, vencido,
	// recusado), so the screen can say "Cancelado (prazo vencido)" and
	// offer to send it again. Empty for any other state.
	EndedEnvelopeID string `json:"endedEnvelopeId"`
	EndedAs         string `json:"endedAs"`
	// SentAgain: a later take of this released contract is in a send or
	// signed, so "Gerar e enviar novamente" has nothing left to do for it.
	// Set by the contracts service, not stored.
	SentAgain bool      `json:"sentAgain"`
	CreatedAt time.Time `json:"createdAt" ts_type:"string"`
}

// ContractSend is one send operation that includes a contract, reduced to
// the facts its state depends on.
type ContractSend struct {
	// OperationID orders the sends: a higher id is a later send.
	OperationID int64
	// Active: the send still holds its contracts. It is cleared when the
	// envelope is released (cancelled, refused, expired) or the send is
	// abandoned before anything reached Clicksign.
	Active bool
	// Status is the send's progress as stored: "pending", "running",
	// "failed", "canceled" or "sent".
	Status string
	// EnvelopeID is the Clicksign envelope, "" until one was created.
	EnvelopeID string
	// EnvelopeAttempted: the request creating the envelope went out, so one
	// may exist even though its id never came back.
	EnvelopeAttempted bool
	// EnvelopeRecorded: the envelope is in the local record (activated),
	// and EnvelopeState is its state there.
	EnvelopeRecorded bool
	EnvelopeState    string
}

// ContractFacts is what storage knows about a contract that decides its
// state: whether a signature was recorded, and every send including it.
type ContractFacts struct {
	Signed bool
	Sends  []ContractSend
}

// ContractStatus is a contract's derived state, with the envelope it was
// released from when that state is StateCanceled.
type ContractStatus struct {
	State           ContractState
	EndedEnvelopeID string
	EndedAs         string
}

// ContractStateOf decides a contract's state from its facts. The first rule
// that holds wins: a recorded signature; an active send that was sent; an
// active send still going or stopped after something may exist on Clicksign
// (pending or running, an envelope id, or an envelope request that went
// out); a released send that had an envelope; otherwise still generated.
// A released contract carries its latest released, locally recorded
// envelope and that envelope's state.
func ContractStateOf(f ContractFacts) ContractStatus {
	var sent, sending, released bool
	var ended *ContractSend
	for i := range f.Sends {
		o := &f.Sends[i]
		if o.Active {
			switch {
			case o.Status == "sent":
				sent = true
			case o.Status == "pending" || o.Status == "running" || o.EnvelopeID != "" || o.EnvelopeAttempted:
				sending = true
			}
			continue
		}
		if o.EnvelopeID != "" {
			released = true
		}
		if o.EnvelopeRecorded && (ended == nil || o.OperationID > ended.OperationID) {
			ended = o
		}
	}
	switch {
	case f.Signed:
		return ContractStatus{State: StateSigned}
	case sent:
		return ContractStatus{State: StateSent}
	case sending:
		return ContractStatus{State: StateSending}
	case released:
		s := ContractStatus{State: StateCanceled}
		if ended != nil {
			s.EndedEnvelopeID, s.EndedAs = ended.EnvelopeID, ended.EnvelopeState
		}
		return s
	}
	return ContractStatus{State: StateGenerated}
}
