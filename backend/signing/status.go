package signing

import (
	"encoding/json"
	"sort"
	"strings"
	"time"

	"selo/backend/clicksign"
	"selo/backend/crm"
	"selo/backend/docusign"
)

// SignerFact is one signer of the envelope and what was known of them
// before this sync (the prior state keeps a signature seen once).
type SignerFact struct {
	ID    string
	Email string
	Group int
	State crm.SignerState
	At    time.Time
	// Reason is the refusal reason.
	Reason string
}

// EventFact is one document event, reduced to what status needs.
type EventFact struct {
	ID         string
	DocumentID string
	Name       string
	SignerID   string
	Email      string
	Reason     string
	At         time.Time
}

// Facts are the provider's facts about one envelope.
type Facts struct {
	// EnvelopeStatus is Clicksign's (running, closed, canceled).
	EnvelopeStatus string
	// DocumentStatuses are the documents' statuses.
	DocumentStatuses []string
	Events           []EventFact
	// Prior is the state recorded before ("" when none).
	Prior   crm.EnvelopeState
	Signers []SignerFact
}

// Status is the computed state of an envelope and its signers.
type Status struct {
	State   crm.EnvelopeState
	Signers []SignerFact
}

// ComputeStatus derives the envelope's and signers' states from the facts.
// It is the ONE place status is decided. It never goes back on a fact seen
// before: a signature or refusal in Prior stays even if the events now lack
// it, and a terminal prior state gives way only to one that says more
// (see terminalRank).
func ComputeStatus(f Facts) Status {
	events := append([]EventFact(nil), f.Events...)
	sort.SliceStable(events, func(i, j int) bool { return events[i].At.Before(events[j].At) })
	events = uniqueEvents(events)
	out := Status{Signers: make([]SignerFact, len(f.Signers))}
	copy(out.Signers, f.Signers)
	find := signerFinder(out.Signers)
	var refused, deadline bool
	for _, e := range events {
		switch e.Name {
		case clicksign.EventSign:
			// One sign event per document: the first one dates the signature.
			if i := find(e); i >= 0 && out.Signers[i].State != crm.SignerSigned && out.Signers[i].State != crm.SignerRefused {
				out.Signers[i].State, out.Signers[i].At = crm.SignerSigned, e.At
			}
		case clicksign.EventRefusal:
			refused = true
			if i := find(e); i >= 0 && out.Signers[i].State != crm.SignerSigned && out.Signers[i].State != crm.SignerRefused {
				out.Signers[i].State, out.Signers[i].At, out.Signers[i].Reason = crm.SignerRefused, e.At, e.Reason
			}
		case clicksign.EventDeadline:
			deadline = true
		}
	}
	for _, s := range out.Signers {
		if s.State == crm.SignerRefused {
			refused = true
		}
	}
	allSigned := len(out.Signers) > 0
	for _, s := range out.Signers {
		if s.State != crm.SignerSigned {
			allSigned = false
		}
	}
	// Groups: a signer waits while anyone of a lower group has not signed.
	for i, s := range out.Signers {
		if s.State == crm.SignerSigned || s.State == crm.SignerRefused {
			continue
		}
		out.Signers[i].State, out.Signers[i].At, out.Signers[i].Reason = crm.SignerPending, time.Time{}, ""
		for _, o := range out.Signers {
			if o.Group < s.Group && o.State != crm.SignerSigned {
				out.Signers[i].State = crm.SignerWaiting
				break
			}
		}
	}
	docsClosed, docsCanceled, docsRunning := 0, 0, 0
	for _, d := range f.DocumentStatuses {
		switch d {
		case string(clicksign.DocumentClosed):
			docsClosed++
		case string(clicksign.DocumentCanceled):
			docsCanceled++
		default:
			docsRunning++
		}
	}
	status := f.EnvelopeStatus
	if status == string(clicksign.EnvelopeRunning) && len(f.DocumentStatuses) > 0 && docsRunning == 0 {
		// The envelope's aggregate can lag its documents.
		if docsClosed > 0 {
			status = string(clicksign.EnvelopeClosed)
		} else {
			status = string(clicksign.EnvelopeCanceled)
		}
	}
	switch status {
	case string(clicksign.EnvelopeClosed):
		switch {
		case refused && !allSigned:
			// The refusal is why signatures are missing, even when the
			// deadline is what closed it afterwards: the office must fix
			// what was refused, and the Painel lists it under Recusas.
			out.State = crm.EnvelopeRefused
		case deadline && !allSigned:
			// Closed by the deadline with only part of the signatures.
			out.State = crm.EnvelopeExpired
		default:
			out.State = crm.EnvelopeFinished
		}
	case string(clicksign.EnvelopeCanceled):
		switch {
		case refused:
			out.State = crm.EnvelopeRefused
		case deadline:
			out.State = crm.EnvelopeExpired
		default:
			out.State = crm.EnvelopeCanceled
		}
	default:
		out.State = crm.EnvelopeRunning
		if refused {
			out.State = crm.EnvelopeRefused
		}
	}
	// A state seen before is never lost to a read that knows less (a
	// refusal or deadline event no longer listed, an aggregate lagging its
	// documents): an ended envelope only moves to a state that says more.
	if f.Prior.Terminal() && terminalRank[f.Prior] > terminalRank[out.State] {
		out.State = f.Prior
	}
	return out
}

// terminalRank orders what an ended envelope can be by how much it tells.
// Finished is final: Clicksign closed it with every signature, and no
// later read can take a signature back. A refusal says why signatures are
// missing, the deadline says only that time ran out, and a cancel says
// least. Running ranks below all of them.
var terminalRank = map[crm.EnvelopeState]int{crm.EnvelopeCanceled: 1, crm.EnvelopeExpired: 2, crm.EnvelopeRefused: 3, crm.EnvelopeFinished: 4}

// uniqueEvents drops later repeats of one event (the same id read twice,
// e.g. across pages that moved between two reads), so a repeat can never
// count as a second signer's answer.
func uniqueEvents(in []EventFact) []EventFact {
	seen := map[string]bool{}
	out := make([]EventFact, 0, len(in))
	for _, e := range in {
		if e.ID != "" {
			if seen[e.ID] {
				continue
			}
			seen[e.ID] = true
		}
		out = append(out, e)
	}
	return out
}

// signerFinder returns how an event finds its signer: by the signer's key,
// else by e-mail. Ids are UUIDs and e-mails mailboxes, both compared
// without case or surrounding spaces. Two signers may share an e-mail (a
// couple's one address): an event matched by e-mail goes to one of them
// who has not answered yet, and a key seen once keeps naming the same
// signer. An event matched by neither finds nobody (-1): guessing would
// show a signature that may not exist.
func signerFinder(signers []SignerFact) func(EventFact) int {
	byKey := map[string]int{}
	return func(e EventFact) int {
		key := canonicalID(e.SignerID)
		if key != "" {
			for i, s := range signers {
				if canonicalID(s.ID) == key {
					return i
				}
			}
			if i, ok := byKey[key]; ok {
				return i
			}
		}
		mail := canonicalEmail(e.Email)
		if mail == "" {
			return -1
		}
		// Among the signers with that e-mail: the one this very event
		// answered already (an earlier sync applied it: same answer, same
		// time), else the first who has not answered, else the first.
		same, open, first := -1, -1, -1
		for i, s := range signers {
			if canonicalEmail(s.Email) != mail {
				continue
			}
			if first < 0 {
				first = i
			}
			if same < 0 && answeredBy(s, e) {
				same = i
			}
			if open < 0 && s.State != crm.SignerSigned && s.State != crm.SignerRefused {
				open = i
			}
		}
		found := first
		switch {
		case same >= 0:
			found = same
		case open >= 0:
			found = open
		}
		if found >= 0 && key != "" {
			byKey[key] = found
		}
		return found
	}
}

// answeredBy reports whether s's recorded answer is event e's: the state
// e leads to, dated by e.
func answeredBy(s SignerFact, e EventFact) bool {
	switch e.Name {
	case clicksign.EventSign:
		return s.State == crm.SignerSigned && s.At.Equal(e.At)
	case clicksign.EventRefusal:
		return s.State == crm.SignerRefused && s.At.Equal(e.At)
	}
	return false
}

// canonicalID is a Clicksign id as compared: a UUID, whose hex digits are
// case-insensitive (RFC 9562), so upper and lower case name the same one.
func canonicalID(id string) string { return strings.ToLower(strings.TrimSpace(id)) }

// canonicalEmail is an e-mail as compared. Strictly only the domain is
// case-insensitive, but no mail provider tells "Maria@" from "maria@", and
// Clicksign may echo the address as typed or lower-cased.
func canonicalEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// eventFact reads the signer and reason out of a Clicksign event's data.
func eventFact(e clicksign.Event) EventFact {
	f := EventFact{ID: e.ID, Name: e.Name, At: e.Created.Time}
	var data struct {
		Signer struct {
			Key   string `json:"key"`
			Email string `json:"email"`
		} `json:"signer"`
		Reason string `json:"reason"`
	}
	if len(e.Data) > 0 {
		if json.Unmarshal(e.Data, &data) == nil {
			f.SignerID, f.Email, f.Reason = data.Signer.Key, data.Signer.Email, data.Reason
		}
	}
	return f
}

// DocuSign facts enter the same ComputeStatus as Clicksign's: its envelope
// and recipient statuses (reference §5.1, §5.2) are read as the Clicksign
// envelope status and events they mean, so both providers show the same
// Pendente/Assinou/Recusou/Finalizado/Cancelado/Expirado by the same rules
// (groups, never going back on a fact seen before).

// docuSignEventPrefix starts the ids of the events made from DocuSign
// facts; one id per recipient answer or envelope end, so a fact read twice
// (two passes, a Connect message and a pass) is one timeline entry.
const docuSignEventPrefix = "docusign:"

// DocuSignRunning is the remote status recorded for a DocuSign envelope
// still in process (created, sent, delivered, signed): the one Clicksign's
// running envelopes have, so the store lists both alike for sync.
const DocuSignRunning = string(clicksign.EnvelopeRunning)

// DocuSignRemoteStatus is the remote status recorded for a DocuSign
// envelope: DocuSignRunning while in process, else DocuSign's final status.
func DocuSignRemoteStatus(e *docusign.Envelope) string {
	if e.Terminal() {
		return e.Status
	}
	return DocuSignRunning
}

// DocuSignExpired tells an expiry from a void. DocuSign has no "expired"
// status: an expired envelope arrives voided (UNCONFIRMED, reference §5.1),
// so a void counts as the deadline when its reason says it expired or it
// happened at or after the envelope's expiry time. A void Selo asked for
// ("Cancelar envio") happens before the deadline with Selo's own reason.
func DocuSignExpired(e *docusign.Envelope) bool {
	if e.Status != docusign.StatusVoided {
		return false
	}
	if strings.Contains(strings.ToLower(e.VoidedReason), "expir") {
		return true
	}
	return !e.Expires.IsZero() && !e.Voided.IsZero() && !e.Voided.Before(e.Expires)
}

// ComputeDocuSignStatus is ComputeStatus for a DocuSign envelope: prior and
// signers as recorded (signer ids are recipientIds), e as DocuSign reports
// it now. It also returns the timeline events the facts make.
func ComputeDocuSignStatus(e *docusign.Envelope, prior crm.EnvelopeState, signers []SignerFact) (Status, []EventFact) {
	f := Facts{Prior: prior, Signers: signers, EnvelopeStatus: DocuSignRunning}
	ev := func(kind, name, signer, email, reason string, at time.Time) {
		f.Events = append(f.Events, EventFact{ID: docuSignEventPrefix + kind, Name: name, SignerID: signer,
			Email: email, Reason: reason, At: at})
	}
	declined := false
	for _, r := range e.Recipients {
		if r.Copy {
			continue
		}
		switch r.Status {
		case "completed", docusign.StatusSigned:
			at := r.Signed
			if at.IsZero() {
				at = e.StatusChanged
			}
			ev(r.ID+":signed", clicksign.EventSign, r.ID, r.Email, "", at)
		case docusign.StatusDeclined:
			declined = true
			at := r.Declined
			if at.IsZero() {
				at = e.Declined
			}
			ev(r.ID+":declined", clicksign.EventRefusal, r.ID, r.Email, r.DeclinedReason, at)
		}
	}
	switch e.Status {
	case docusign.StatusCompleted:
		f.EnvelopeStatus = string(clicksign.EnvelopeClosed)
		ev("completed", clicksign.EventClose, "", "", "", firstTime(e.Completed, e.StatusChanged))
	case docusign.StatusDeclined:
		f.EnvelopeStatus = string(clicksign.EnvelopeClosed)
		if !declined {
			// The decline is known without its recipient: still a refusal.
			ev("declined", clicksign.EventRefusal, "", "", "", firstTime(e.Declined, e.StatusChanged))
		}
	case docusign.StatusVoided:
		f.EnvelopeStatus = string(clicksign.EnvelopeCanceled)
		if DocuSignExpired(e) {
			ev("expired", clicksign.EventDeadline, "", "", "", firstTime(e.Voided, e.StatusChanged))
		} else {
			ev("voided", clicksign.EventCancel, "", "", e.VoidedReason, firstTime(e.Voided, e.StatusChanged))
		}
	}
	return ComputeStatus(f), f.Events
}

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}
