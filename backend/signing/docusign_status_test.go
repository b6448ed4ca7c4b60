package signing_test

import (
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/docusign"
	"selo/backend/signing"
)

// The one status place reads DocuSign's envelope and recipient statuses
// (reference §5.1, §5.2) as the same Selo states as Clicksign's.
func TestComputeDocuSignStatus(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 13, 0, 0, 0, time.UTC)
	sent, expires := t0, t0.AddDate(0, 0, 15)
	two := func(prior ...crm.SignerState) []signing.SignerFact {
		fs := []signing.SignerFact{{ID: "1", Email: "a@x.com", Group: 1, State: crm.SignerPending},
			{ID: "2", Email: "b@x.com", Group: 2, State: crm.SignerPending}}
		for i, p := range prior {
			fs[i].State, fs[i].At = p, t0.Add(time.Minute)
		}
		return fs
	}
	rec := func(id, status string) docusign.Recipient {
		r := docusign.Recipient{ID: id, Status: status}
		switch status {
		case "completed", "signed":
			r.Signed = t0.Add(time.Hour)
		case "declined":
			r.Declined, r.DeclinedReason = t0.Add(time.Hour), "Valor errado"
		}
		return r
	}
	for _, c := range []struct {
		name    string
		env     docusign.Envelope
		prior   crm.EnvelopeState
		signers []signing.SignerFact
		state   crm.EnvelopeState
		states  string
	}{
		{"sent, nobody signed", docusign.Envelope{Status: "sent", Recipients: []docusign.Recipient{rec("1", "sent"), rec("2", "created")}},
			crm.EnvelopeRunning, two(), crm.EnvelopeRunning, "pendente,aguardando"},
		{"delivered (opened) is still pending", docusign.Envelope{Status: "delivered", Recipients: []docusign.Recipient{rec("1", "delivered"), rec("2", "created")}},
			crm.EnvelopeRunning, two(), crm.EnvelopeRunning, "pendente,aguardando"},
		{"a bounced e-mail is still pending", docusign.Envelope{Status: "sent", Recipients: []docusign.Recipient{rec("1", "autoresponded"), rec("2", "created")}},
			crm.EnvelopeRunning, two(), crm.EnvelopeRunning, "pendente,aguardando"},
		{"first signed", docusign.Envelope{Status: "sent", Recipients: []docusign.Recipient{rec("1", "completed"), rec("2", "sent")}},
			crm.EnvelopeRunning, two(), crm.EnvelopeRunning, "assinou,pendente"},
		{"transient signed counts", docusign.Envelope{Status: "signed", Recipients: []docusign.Recipient{rec("1", "signed"), rec("2", "sent")}},
			crm.EnvelopeRunning, two(), crm.EnvelopeRunning, "assinou,pendente"},
		{"completed", docusign.Envelope{Status: "completed", Completed: t0.Add(2 * time.Hour), Recipients: []docusign.Recipient{rec("1", "completed"), rec("2", "completed")}},
			crm.EnvelopeRunning, two(), crm.EnvelopeFinished, "assinou,assinou"},
		{"declined by the second", docusign.Envelope{Status: "declined", Recipients: []docusign.Recipient{rec("1", "completed"), rec("2", "declined")}},
			crm.EnvelopeRunning, two(), crm.EnvelopeRefused, "assinou,recusou"},
		{"declined without the recipient's detail", docusign.Envelope{Status: "declined", Declined: t0},
			crm.EnvelopeRunning, two(), crm.EnvelopeRefused, "pendente,aguardando"},
		{"voided by Selo before the deadline", docusign.Envelope{Status: "voided", Sent: sent, Expires: expires, Voided: t0.Add(time.Hour),
			VoidedReason: "Reserva cancelada pela imobiliária", Recipients: []docusign.Recipient{rec("1", "sent"), rec("2", "created")}},
			crm.EnvelopeRunning, two(), crm.EnvelopeCanceled, "pendente,aguardando"},
		{"voided at the deadline is expired", docusign.Envelope{Status: "voided", Sent: sent, Expires: expires, Voided: expires,
			Recipients: []docusign.Recipient{rec("1", "completed"), rec("2", "sent")}},
			crm.EnvelopeRunning, two(), crm.EnvelopeExpired, "assinou,pendente"},
		{"voided with an expiry reason is expired", docusign.Envelope{Status: "voided", Voided: t0, VoidedReason: "Envelope has expired."},
			crm.EnvelopeRunning, two(), crm.EnvelopeExpired, "pendente,aguardando"},
		{"a signature seen before stays", docusign.Envelope{Status: "sent", Recipients: []docusign.Recipient{rec("1", "sent"), rec("2", "sent")}},
			crm.EnvelopeRunning, two(crm.SignerSigned), crm.EnvelopeRunning, "assinou,pendente"},
		{"copies are not signers", docusign.Envelope{Status: "sent", Recipients: []docusign.Recipient{rec("1", "sent"), rec("2", "sent"),
			{ID: "3", Copy: true, Status: "completed"}}}, crm.EnvelopeRunning, two(), crm.EnvelopeRunning, "pendente,aguardando"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, events := signing.ComputeDocuSignStatus(&c.env, c.prior, c.signers)
			var states string
			for i, g := range st.Signers {
				if i > 0 {
					states += ","
				}
				states += string(g.State)
			}
			if st.State != c.state || states != c.states {
				t.Fatalf("got %s %s, want %s %s", st.State, states, c.state, c.states)
			}
			seen := map[string]bool{}
			for _, e := range events {
				if e.ID == "" || seen[e.ID] {
					t.Fatalf("event ids must be set and unique: %+v", events)
				}
				seen[e.ID] = true
			}
			// Reading the same facts again gives the same events (one
			// timeline entry per fact however often it is read).
			_, again := signing.ComputeDocuSignStatus(&c.env, st.State, st.Signers)
			if len(again) != len(events) {
				t.Fatalf("events differ on a second read: %v vs %v", events, again)
			}
			for i := range again {
				if again[i].ID != events[i].ID {
					t.Fatalf("event ids differ on a second read: %v vs %v", events, again)
				}
			}
		})
	}
	if got := signing.DocuSignRemoteStatus(&docusign.Envelope{Status: "delivered"}); got != signing.DocuSignRunning {
		t.Errorf("delivered recorded as %q", got)
	}
	if got := signing.DocuSignRemoteStatus(&docusign.Envelope{Status: "voided"}); got != "voided" {
		t.Errorf("voided recorded as %q", got)
	}
}
