package app

import (
	"encoding/json"
	"testing"

	"selo/backend/crm"
	"selo/backend/signing"
)

// The signer rules of a DocuSign development show DocuSign's compromises,
// not Clicksign's, and list the problem that would refuse a send on the
// editor's own field, before anything is sent.
func TestDocuSignPreviewShowsCompromisesAndProblems(t *testing.T) {
	holder := crm.NewSignerRule(crm.SignerHolder)
	holder.Auth = crm.ChannelWhatsApp
	holder.Delivery = crm.ChannelWhatsApp
	witness := crm.NewSignerRule(crm.SignerWitness)
	witness.SendOrder = 2
	witness.FixedPerson = crm.FixedPerson{Name: "Carla Testemunha", Email: "carla@example.com"}
	witness.Auth = crm.ChannelPix

	got := (&Developments{}).DocuSignPreview([]crm.SignerRule{holder, witness})
	if len(got.Rules) != 2 {
		t.Fatalf("one preview per rule: %+v", got.Rules)
	}
	codes := func(cs []signing.Compromise) map[string]bool {
		m := map[string]bool{}
		for _, c := range cs {
			if c.Message == "" {
				t.Fatalf("compromise %s without its sentence", c.Code)
			}
			m[c.Code] = true
		}
		return m
	}
	h := codes(got.Rules[0].Compromises)
	if !h[signing.CompromiseDSAuthWhatsApp] || !h[signing.CompromiseDSRole] || !h[signing.CompromiseDSDeliveryPlusEmail] {
		t.Fatalf("holder's compromises: %+v", got.Rules[0].Compromises)
	}
	if w := codes(got.Rules[1].Compromises); !w[signing.CompromiseDSAuthPix] {
		t.Fatalf("witness's compromises: %+v", got.Rules[1].Compromises)
	}
	// Every refusal the send would give, before any send: the witness's
	// PIX needs a mobile. The holder's code by WhatsApp becomes an SMS code,
	// which the send carries, so it is a compromise, not a problem.
	if len(got.Problems) != 1 || got.Problems[0].Code != signing.CodeDSPixNeedsPhone || got.Problems[0].Field != "rules[1].phone" ||
		got.Problems[0].Data["name"] != "Carla Testemunha" {
		t.Fatalf("problems = %+v", got.Problems)
	}

	// With authentication by the e-mailed link, nothing would refuse the
	// send; the answer keeps an empty list (not null) for the screen.
	holder.Auth, witness.Auth = crm.ChannelEmail, crm.ChannelEmail
	ok := (&Developments{}).DocuSignPreview([]crm.SignerRule{holder, witness})
	raw, _ := json.Marshal(ok)
	var back struct {
		Problems []any `json:"problems"`
	}
	if err := json.Unmarshal(raw, &back); err != nil || back.Problems == nil || len(back.Problems) != 0 {
		t.Fatalf("problems after the fix: %s", raw)
	}
}
