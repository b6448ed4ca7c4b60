package contracts

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"selo/backend/crm"
	dssim "selo/backend/docusign/simulator"
	"selo/backend/signing"
)

// docuSignKeys turns every key into a DocuSign Simulador local key without a
// Clicksign token (the database of this branch only stores Clicksign keys).
type docuSignKeys struct{ inner signing.KeyTokens }

func (k docuSignKeys) Token(ctx context.Context, id int64) (crm.Integration, string, error) {
	key, _, err := k.inner.Token(ctx, id)
	if err != nil {
		return key, "", err
	}
	key.Provider, key.Environment = crm.ProviderDocuSign, crm.EnvSimulator
	return key, "", crm.E(crm.CodeTokenMissing, "description", key.Description).OnField("token")
}

// A development whose key is a DocuSign one: "Enviar" refuses at once what
// DocuSign cannot take (here PIX authentication for a witness with no
// mobile, which DocuSign can only ask as an SMS code), listing it like the
// Clicksign refusals, and once the rule is fixed the contracts go to
// DocuSign as ONE envelope, nothing to Clicksign.
func TestDocuSignDevelopmentSendsThroughDocuSign(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// The development's key, as the keys service gives a DocuSign
	// "Simulador local" key: no Clicksign token.
	keys := docuSignKeys{f.svc.d.Keys}
	dsim := dssim.New(dssim.Options{})
	srv := httptest.NewServer(dsim)
	t.Cleanup(srv.Close)
	f.sender = signing.NewSender(f.db.Envelopes(), keys, &signing.Connector{}, nil)
	f.sender.DocuSign = &signing.DocuSignConnector{SimulatorURL: func() (string, error) { return srv.URL, nil },
		SimulatorAccountID: dssim.DefaultAccountID}
	d := f.svc.d
	d.Keys, d.Sender = keys, f.sender
	f.svc = New(d)
	holder := crm.NewSignerRule(crm.SignerHolder)
	spouse := crm.NewSignerRule(crm.SignerSpouse)
	witness := f.rules[2]
	witness.Auth = crm.ChannelPix
	witness.FixedPerson.Phone, witness.FixedPerson.CPF = "", "111.444.777-35"
	if _, err := f.legal.SaveRules(ctx, f.assoc, []crm.SignerRule{holder, spouse, witness}); err != nil {
		t.Fatal(err)
	}
	list, err := f.svc.Generate(ctx, f.resID)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Send(ctx, f.resID, []int64{list[0].ID})
	var inv *crm.Invalid
	if !errors.As(err, &inv) || len(inv.Problems) != 1 || inv.Problems[0].Code != signing.CodeDSPixNeedsPhone ||
		inv.Problems[0].Data["name"] != "Tânia Testemunha" {
		t.Fatalf("send with PIX and no mobile on DocuSign = %v", err)
	}
	if dsim.EnvelopeCount() != 0 || len(f.sim.Overview()) != 0 {
		t.Fatal("something was sent before the rules fit DocuSign")
	}
	witness.Auth = crm.ChannelEmail
	if _, err := f.legal.SaveRules(ctx, f.assoc, []crm.SignerRule{holder, spouse, witness}); err != nil {
		t.Fatal(err)
	}
	op, err := f.svc.Send(ctx, f.resID, []int64{list[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	f.sender.Wait()
	got, err := f.sender.Get(ctx, op)
	if err != nil || got.Status != signing.SendSent {
		t.Fatalf("operation %+v, %v", got, err)
	}
	if dsim.EnvelopeCount() != 1 || len(f.sim.Overview()) != 0 {
		t.Fatalf("DocuSign holds %d envelopes, Clicksign %d: want 1 and 0", dsim.EnvelopeCount(), len(f.sim.Overview()))
	}
	if _, recips, _ := dsim.EnvelopeStatus(got.EnvelopeID); len(recips) != 3 {
		t.Fatalf("recipients %v", recips)
	}
}
