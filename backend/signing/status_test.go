package signing

import (
	"strings"
	"testing"
	"time"
)

func TestComputeStatus(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 13, 0, 0, 0, time.UTC)
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	signers := func(states ...SignerState) []SignerFact {
		out := []SignerFact{{ID: "a", Email: "a@x", Group: 1}, {ID: "b", Email: "b@x", Group: 1}, {ID: "c", Email: "c@x", Group: 2}}
		for i, s := range states {
			out[i].State = s
			if s == SignerSigned {
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
		state   EnvelopeState
		signers string
	}{
		{"nothing yet", Facts{EnvelopeStatus: "running", DocumentStatuses: []string{"running"}, Signers: signers()},
			StateRunning, "pendente,pendente,aguardando"},
		{"one of group 1 signed", Facts{EnvelopeStatus: "running", Events: []EventFact{sign("a", 1)}, Signers: signers()},
			StateRunning, "assinou,pendente,aguardando"},
		{"group 1 done, group 2 turn", Facts{EnvelopeStatus: "running", Events: []EventFact{sign("b", 2), sign("a", 1)}, Signers: signers()},
			StateRunning, "assinou,assinou,pendente"},
		{"matched by e-mail when the key differs", Facts{EnvelopeStatus: "running",
			Events: []EventFact{{ID: "e", Name: "sign", SignerID: "legacy", Email: "b@x", At: at(1)}}, Signers: signers()},
			StateRunning, "pendente,assinou,aguardando"},
		{"all signed and closed", Facts{EnvelopeStatus: "closed", DocumentStatuses: []string{"closed"},
			Events: []EventFact{sign("a", 1), sign("b", 2), sign("c", 3), {ID: "x", Name: "auto_close", At: at(3)}}, Signers: signers()},
			StateFinished, "assinou,assinou,assinou"},
		{"documents closed before the envelope aggregate", Facts{EnvelopeStatus: "running", DocumentStatuses: []string{"closed"},
			Events: []EventFact{sign("a", 1), sign("b", 2), sign("c", 3)}, Signers: signers()},
			StateFinished, "assinou,assinou,assinou"},
		{"refusal keeps running without block", Facts{EnvelopeStatus: "running",
			Events: []EventFact{{ID: "r", Name: "refusal", SignerID: "a", Reason: "Valor errado", At: at(1)}}, Signers: signers()},
			StateRefused, "recusou,pendente,aguardando"},
		{"refusal that canceled", Facts{EnvelopeStatus: "canceled", DocumentStatuses: []string{"canceled"},
			Events: []EventFact{{ID: "r", Name: "refusal", SignerID: "b", Reason: "Não concordo", At: at(1)}}, Signers: signers()},
			StateRefused, "pendente,recusou,aguardando"},
		{"deadline with nobody signed", Facts{EnvelopeStatus: "canceled", DocumentStatuses: []string{"canceled"},
			Events: []EventFact{{ID: "d", Name: "deadline", At: at(5)}}, Signers: signers()},
			StateExpired, "pendente,pendente,aguardando"},
		{"deadline with a partial signature closes", Facts{EnvelopeStatus: "closed", DocumentStatuses: []string{"closed"},
			Events: []EventFact{sign("a", 1), {ID: "d", Name: "deadline", At: at(5)}}, Signers: signers()},
			StateExpired, "assinou,pendente,aguardando"},
		{"canceled by the office", Facts{EnvelopeStatus: "canceled", Events: []EventFact{{ID: "k", Name: "cancel", At: at(2)}}, Signers: signers()},
			StateCanceled, "pendente,pendente,aguardando"},
		{"a late list without a seen signature does not un-sign", Facts{EnvelopeStatus: "running", Events: nil,
			Prior: StateRunning, Signers: signers(SignerSigned)},
			StateRunning, "assinou,pendente,aguardando"},
		{"a stale running after finished stays finished", Facts{EnvelopeStatus: "running", Prior: StateFinished,
			Signers: signers(SignerSigned, SignerSigned, SignerSigned)},
			StateFinished, "assinou,assinou,assinou"},
		{"a repeated sign event keeps the first date", Facts{EnvelopeStatus: "running",
			Events: []EventFact{sign("a", 7), sign("a", 1)}, Signers: signers()},
			StateRunning, "assinou,pendente,aguardando"},
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
	got = ComputeStatus(Facts{EnvelopeStatus: "running", Signers: signers(SignerSigned)})
	if !got.Signers[0].At.Equal(at(-10)) {
		t.Fatalf("prior date lost: %+v", got.Signers[0])
	}
}
