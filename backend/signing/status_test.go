package signing

import (
	"strings"
	"testing"
	"time"

	"selo/backend/crm"
)

func TestComputeStatus(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 13, 0, 0, 0, time.UTC)
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	signers := func(states ...crm.SignerState) []SignerFact {
		out := []SignerFact{{ID: "a", Email: "a@x", Group: 1}, {ID: "b", Email: "b@x", Group: 1}, {ID: "c", Email: "c@x", Group: 2}}
		for i, s := range states {
			out[i].State = s
			if s == crm.SignerSigned {
				out[i].At = at(-10)
			}
		}
		return out
	}
	sign := func(id string, m int) EventFact {
		return EventFact{ID: id + "s", Name: "sign", SignerID: id, At: at(m)}
	}
	cases := []struct {
		name    string
		facts   Facts
		state   crm.EnvelopeState
		signers string
	}{
		{"nothing yet", Facts{EnvelopeStatus: "running", DocumentStatuses: []string{"running"}, Signers: signers()},
			crm.EnvelopeRunning, "pendente,pendente,aguardando"},
		{"one of group 1 signed", Facts{EnvelopeStatus: "running", Events: []EventFact{sign("a", 1)}, Signers: signers()},
			crm.EnvelopeRunning, "assinou,pendente,aguardando"},
		{"group 1 done, group 2 turn", Facts{EnvelopeStatus: "running", Events: []EventFact{sign("b", 2), sign("a", 1)}, Signers: signers()},
			crm.EnvelopeRunning, "assinou,assinou,pendente"},
		{"matched by e-mail when the key differs", Facts{EnvelopeStatus: "running",
			Events: []EventFact{{ID: "e", Name: "sign", SignerID: "legacy", Email: "b@x", At: at(1)}}, Signers: signers()},
			crm.EnvelopeRunning, "pendente,assinou,aguardando"},
		{"all signed and closed", Facts{EnvelopeStatus: "closed", DocumentStatuses: []string{"closed"},
			Events: []EventFact{sign("a", 1), sign("b", 2), sign("c", 3), {ID: "x", Name: "auto_close", At: at(3)}}, Signers: signers()},
			crm.EnvelopeFinished, "assinou,assinou,assinou"},
		{"documents closed before the envelope aggregate", Facts{EnvelopeStatus: "running", DocumentStatuses: []string{"closed"},
			Events: []EventFact{sign("a", 1), sign("b", 2), sign("c", 3)}, Signers: signers()},
			crm.EnvelopeFinished, "assinou,assinou,assinou"},
		{"refusal keeps running without block", Facts{EnvelopeStatus: "running",
			Events: []EventFact{{ID: "r", Name: "refusal", SignerID: "a", Reason: "Valor errado", At: at(1)}}, Signers: signers()},
			crm.EnvelopeRefused, "recusou,pendente,aguardando"},
		{"refusal that canceled", Facts{EnvelopeStatus: "canceled", DocumentStatuses: []string{"canceled"},
			Events: []EventFact{{ID: "r", Name: "refusal", SignerID: "b", Reason: "Não concordo", At: at(1)}}, Signers: signers()},
			crm.EnvelopeRefused, "pendente,recusou,aguardando"},
		{"deadline with nobody signed", Facts{EnvelopeStatus: "canceled", DocumentStatuses: []string{"canceled"},
			Events: []EventFact{{ID: "d", Name: "deadline", At: at(5)}}, Signers: signers()},
			crm.EnvelopeExpired, "pendente,pendente,aguardando"},
		{"deadline with a partial signature closes", Facts{EnvelopeStatus: "closed", DocumentStatuses: []string{"closed"},
			Events: []EventFact{sign("a", 1), {ID: "d", Name: "deadline", At: at(5)}}, Signers: signers()},
			crm.EnvelopeExpired, "assinou,pendente,aguardando"},
		{"canceled by the office", Facts{EnvelopeStatus: "canceled", Events: []EventFact{{ID: "k", Name: "cancel", At: at(2)}}, Signers: signers()},
			crm.EnvelopeCanceled, "pendente,pendente,aguardando"},
		{"a late list without a seen signature does not un-sign", Facts{EnvelopeStatus: "running", Events: nil,
			Prior: crm.EnvelopeRunning, Signers: signers(crm.SignerSigned)},
			crm.EnvelopeRunning, "assinou,pendente,aguardando"},
		{"a stale running after finished stays finished", Facts{EnvelopeStatus: "running", Prior: crm.EnvelopeFinished,
			Signers: signers(crm.SignerSigned, crm.SignerSigned, crm.SignerSigned)},
			crm.EnvelopeFinished, "assinou,assinou,assinou"},
		{"a repeated sign event keeps the first date", Facts{EnvelopeStatus: "running",
			Events: []EventFact{sign("a", 7), sign("a", 1)}, Signers: signers()},
			crm.EnvelopeRunning, "assinou,pendente,aguardando"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ComputeStatus(c.facts)
			var states []string
			for _, s := range got.Signers {
				states = append(states, string(s.State))
			}
			if got.State != c.state || strings.Join(states, ",") != c.signers {
				t.Fatalf("got %s [%s], want %s [%s]", got.State, strings.Join(states, ","), c.state, c.signers)
			}
		})
	}
	// The signature is dated by its first event; a refusal keeps its reason.
	got := ComputeStatus(Facts{EnvelopeStatus: "running", Events: []EventFact{sign("a", 7), sign("a", 1),
		{ID: "r", Name: "refusal", SignerID: "b", Reason: "Valor errado", At: at(9)}}, Signers: signers()})
	if !got.Signers[0].At.Equal(at(1)) || got.Signers[1].Reason != "Valor errado" {
		t.Fatalf("dates/reason: %+v", got.Signers)
	}
	// The prior signature's date survives a later sync.
	got = ComputeStatus(Facts{EnvelopeStatus: "running", Signers: signers(crm.SignerSigned)})
	if !got.Signers[0].At.Equal(at(-10)) {
		t.Fatalf("prior date lost: %+v", got.Signers[0])
	}
}

// The answers below come from Clicksign's contract (reference §7-8) and from
// what the office needs to act on, not from what the code happened to do:
//   - a signature is final: no later refusal, partial read or shared e-mail
//     takes it back;
//   - a refusal is the reason an envelope failed, so it is what the office
//     sees (and what the Painel lists under Recusas) even when the deadline
//     ended the envelope afterwards, whether that closed it (some signed) or
//     cancelled it (nobody signed);
//   - the deadline only makes an envelope "vencido" when a signature is
//     missing: an envelope every signer signed is "finalizado";
//   - an event's signer is identified by its key, else by its e-mail
//     (compared as a mailbox, without case or spaces); one matched by
//     neither changes nobody, since guessing would show a signature that
//     may not exist.
func TestComputeStatusEdges(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 13, 0, 0, 0, time.UTC)
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	three := func() []SignerFact {
		return []SignerFact{{ID: "a", Email: "a@x", Group: 1}, {ID: "b", Email: "b@x", Group: 1}, {ID: "c", Email: "c@x", Group: 2}}
	}
	seen := func(states ...crm.SignerState) []SignerFact {
		out := three()
		for i, s := range states {
			out[i].State = s
			if s == crm.SignerSigned {
				out[i].At = at(-10 - i)
			}
		}
		return out
	}
	ev := func(name, signer, email string, m int) EventFact {
		return EventFact{ID: name + signer + email, Name: name, SignerID: signer, Email: email, At: at(m), Reason: map[bool]string{true: "Valor errado"}[name == "refusal"]}
	}
	sharedMail := func() []SignerFact {
		// Spouses signing with the couple's one e-mail.
		return []SignerFact{{ID: "a", Email: "casal@x", Group: 1}, {ID: "b", Email: "casal@x", Group: 1}, {ID: "c", Email: "c@x", Group: 2}}
	}
	cases := []struct {
		name    string
		facts   Facts
		state   crm.EnvelopeState
		signers string
	}{
		// A refusal against signatures already seen.
		{"a refusal after signatures seen by an earlier sync keeps them", Facts{EnvelopeStatus: "running",
			Prior: crm.EnvelopeRunning, Signers: seen(crm.SignerSigned, crm.SignerSigned), Events: []EventFact{ev("refusal", "c", "", 5)}},
			crm.EnvelopeRefused, "assinou,assinou,recusou"},
		{"a refusal naming a signer who already signed does not un-sign them", Facts{EnvelopeStatus: "running",
			Prior: crm.EnvelopeRunning, Signers: seen(crm.SignerSigned), Events: []EventFact{ev("sign", "a", "", -10), ev("refusal", "a", "", 5)}},
			crm.EnvelopeRefused, "assinou,pendente,aguardando"},
		{"a refusal by a shared e-mail goes to the one who had not signed", Facts{EnvelopeStatus: "running",
			Signers: sharedMail(), Events: []EventFact{ev("sign", "legacy-1", "casal@x", 1), ev("refusal", "legacy-2", "casal@x", 5)}},
			crm.EnvelopeRefused, "assinou,recusou,aguardando"},
		{"two signatures by a shared e-mail are two signers", Facts{EnvelopeStatus: "running",
			Signers: sharedMail(), Events: []EventFact{ev("sign", "legacy-1", "casal@x", 1), ev("sign", "legacy-2", "casal@x", 2)}},
			crm.EnvelopeRunning, "assinou,assinou,pendente"},

		// The deadline against all-signed.
		{"a deadline event after every signature is still finished", Facts{EnvelopeStatus: "closed", DocumentStatuses: []string{"closed"},
			Events: []EventFact{ev("sign", "a", "", 1), ev("sign", "b", "", 2), ev("sign", "c", "", 3), ev("deadline", "", "", 9)}, Signers: three()},
			crm.EnvelopeFinished, "assinou,assinou,assinou"},
		{"signatures known from before and a deadline: finished", Facts{EnvelopeStatus: "closed", DocumentStatuses: []string{"closed"},
			Prior: crm.EnvelopeRunning, Events: []EventFact{ev("deadline", "", "", 9)}, Signers: seen(crm.SignerSigned, crm.SignerSigned, crm.SignerSigned)},
			crm.EnvelopeFinished, "assinou,assinou,assinou"},
		{"a deadline with one signature missing: expired", Facts{EnvelopeStatus: "closed", DocumentStatuses: []string{"closed"},
			Prior: crm.EnvelopeRunning, Events: []EventFact{ev("deadline", "", "", 9)}, Signers: seen(crm.SignerSigned, crm.SignerSigned)},
			crm.EnvelopeExpired, "assinou,assinou,pendente"},

		// A refusal against the deadline.
		{"canceled by the deadline after a refusal: refused", Facts{EnvelopeStatus: "canceled", DocumentStatuses: []string{"canceled"},
			Events: []EventFact{ev("refusal", "b", "", 1), ev("deadline", "", "", 9)}, Signers: three()},
			crm.EnvelopeRefused, "pendente,recusou,aguardando"},
		{"canceled by the deadline after a refusal of an unknown signer: refused", Facts{EnvelopeStatus: "canceled", DocumentStatuses: []string{"canceled"},
			Events: []EventFact{ev("refusal", "zz", "zz@x", 1), ev("deadline", "", "", 9)}, Signers: three()},
			crm.EnvelopeRefused, "pendente,pendente,aguardando"},
		{"closed by the deadline after a signature and a refusal: refused", Facts{EnvelopeStatus: "closed", DocumentStatuses: []string{"closed"},
			Events: []EventFact{ev("sign", "a", "", 1), ev("refusal", "b", "", 2), ev("deadline", "", "", 9)}, Signers: three()},
			crm.EnvelopeRefused, "assinou,recusou,aguardando"},

		// An old terminal state against a newer terminal state.
		{"finished stays finished whatever a later read says", Facts{EnvelopeStatus: "canceled", DocumentStatuses: []string{"canceled"},
			Prior: crm.EnvelopeFinished, Signers: seen(crm.SignerSigned, crm.SignerSigned, crm.SignerSigned)},
			crm.EnvelopeFinished, "assinou,assinou,assinou"},
		{"refused, then every signature and closed: finished", Facts{EnvelopeStatus: "closed", DocumentStatuses: []string{"closed"},
			Prior: crm.EnvelopeRefused, Events: []EventFact{ev("sign", "a", "", 1), ev("sign", "b", "", 2), ev("sign", "c", "", 3)}, Signers: three()},
			crm.EnvelopeFinished, "assinou,assinou,assinou"},
		{"refused, then canceled by the office: still refused", Facts{EnvelopeStatus: "canceled", DocumentStatuses: []string{"canceled"},
			Prior: crm.EnvelopeRefused, Events: []EventFact{ev("cancel", "", "", 9)}, Signers: three()},
			crm.EnvelopeRefused, "pendente,pendente,aguardando"},
		{"expired, then a read without the deadline event: still expired", Facts{EnvelopeStatus: "canceled", DocumentStatuses: []string{"canceled"},
			Prior: crm.EnvelopeExpired, Signers: three()},
			crm.EnvelopeExpired, "pendente,pendente,aguardando"},
		{"canceled, then the refusal that came first shows: refused", Facts{EnvelopeStatus: "canceled", DocumentStatuses: []string{"canceled"},
			Prior: crm.EnvelopeCanceled, Events: []EventFact{ev("refusal", "a", "", 1), ev("cancel", "", "", 2)}, Signers: three()},
			crm.EnvelopeRefused, "recusou,pendente,aguardando"},

		// A signer matched by neither id nor e-mail.
		{"a signature of nobody known changes nobody", Facts{EnvelopeStatus: "running",
			Events: []EventFact{ev("sign", "zz", "zz@x", 1)}, Signers: three()},
			crm.EnvelopeRunning, "pendente,pendente,aguardando"},
		{"the last signature of nobody known does not finish a running envelope", Facts{EnvelopeStatus: "running",
			Events: []EventFact{ev("sign", "a", "", 1), ev("sign", "b", "", 2), ev("sign", "zz", "zz@x", 3)}, Signers: three()},
			crm.EnvelopeRunning, "assinou,assinou,pendente"},
		{"an e-mail written in other case is the same mailbox", Facts{EnvelopeStatus: "running",
			Events: []EventFact{ev("sign", "legacy", " B@X ", 1)}, Signers: three()},
			crm.EnvelopeRunning, "pendente,assinou,aguardando"},
		{"a key written in upper case is the same id", Facts{EnvelopeStatus: "running",
			Events: []EventFact{ev("sign", "A", "", 1)}, Signers: three()},
			crm.EnvelopeRunning, "assinou,pendente,aguardando"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ComputeStatus(c.facts)
			var states []string
			for _, s := range got.Signers {
				states = append(states, string(s.State))
			}
			if got.State != c.state || strings.Join(states, ",") != c.signers {
				t.Fatalf("got %s [%s], want %s [%s]", got.State, strings.Join(states, ","), c.state, c.signers)
			}
		})
	}

	// The signatures seen before keep their dates and the refusal its reason.
	got := ComputeStatus(Facts{EnvelopeStatus: "running", Prior: crm.EnvelopeRunning, Signers: seen(crm.SignerSigned, crm.SignerSigned),
		Events: []EventFact{ev("refusal", "c", "", 5)}})
	if !got.Signers[0].At.Equal(at(-10)) || !got.Signers[1].At.Equal(at(-11)) || got.Signers[2].Reason != "Valor errado" || !got.Signers[2].At.Equal(at(5)) {
		t.Fatalf("dates/reason: %+v", got.Signers)
	}
}

// Sync reads every event of the envelope each time, over the states it
// recorded the time before: an event already applied must find the same
// signer again, or a shared e-mail would move a signature between spouses
// from one sync to the next.
func TestSharedEmailAcrossSyncs(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 13, 0, 0, 0, time.UTC)
	signers := []SignerFact{{ID: "a", Email: "casal@x", Group: 1}, {ID: "b", Email: "casal@x", Group: 1}, {ID: "c", Email: "c@x", Group: 2}}
	sign := EventFact{ID: "e1", Name: "sign", SignerID: "legacy-1", Email: "casal@x", At: t0.Add(time.Minute)}
	refusal := EventFact{ID: "e2", Name: "refusal", SignerID: "legacy-2", Email: "Casal@x", Reason: "Não concordo", At: t0.Add(5 * time.Minute)}
	first := ComputeStatus(Facts{EnvelopeStatus: "running", Events: []EventFact{sign}, Signers: signers})
	second := ComputeStatus(Facts{EnvelopeStatus: "running", Prior: first.State, Events: []EventFact{sign, refusal}, Signers: first.Signers})
	var states []string
	for _, s := range second.Signers {
		states = append(states, string(s.State))
	}
	if second.State != crm.EnvelopeRefused || strings.Join(states, ",") != "assinou,recusou,aguardando" {
		t.Fatalf("second sync: %s [%s], want recusado [assinou,recusou,aguardando]", second.State, strings.Join(states, ","))
	}
	if !second.Signers[0].At.Equal(sign.At) || second.Signers[1].Reason != "Não concordo" {
		t.Fatalf("second sync signers: %+v", second.Signers)
	}
	// A third read changes nothing.
	third := ComputeStatus(Facts{EnvelopeStatus: "running", Prior: second.State, Events: []EventFact{refusal, sign}, Signers: second.Signers})
	for i := range third.Signers {
		if third.Signers[i] != second.Signers[i] {
			t.Fatalf("third sync moved %+v to %+v", second.Signers[i], third.Signers[i])
		}
	}
}
