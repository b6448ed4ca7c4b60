package signing_test

import (
	"context"
	"reflect"
	"testing"

	"selo/backend/crm"
	dssim "selo/backend/docusign/simulator"
	"selo/backend/signing"
)

// carryRequest is the fixture's two contracts with rules asking every
// check DocuSign now carries: Maria (holder) by SMS code and selfie, João
// (broker) by WhatsApp code, drawing his signature; Ana (witness) by PIX
// (an SMS code) with facial biometrics; Rui (guarantor) approves in a
// later order.
func carryRequest(d *dsFixture, resID int64) signing.SendRequest {
	req := d.dsRequest(resID)
	maria := person("Maria  Souza", "maria@exemplo.com.br", "(11) 98888-7777", "111.444.777-35")
	joao := person("João Pereira", "joao@imob.com.br", "11 96666-5555", "")
	holder := rule(crm.SignerHolder, 1, func(r *crm.SignerRule) { r.Auth, r.Evidence = crm.ChannelSMS, crm.EvidenceSelfie })
	broker := rule(crm.SignerBroker, 2, func(r *crm.SignerRule) {
		r.Auth, r.SignatureKind = crm.ChannelWhatsApp, crm.SignatureHandwritten
	})
	witness := rule(crm.SignerWitness, 2, func(r *crm.SignerRule) {
		r.Auth, r.Evidence = crm.ChannelPix, crm.EvidenceFacialBiometrics
		r.FixedPerson = person("Ana Lima", "ana@exemplo.com.br", "11 97777-6666", "")
	})
	guarantor := rule(crm.SignerGuarantor, 3, func(r *crm.SignerRule) { r.SignatureKind = crm.SignatureApproval })
	req.Signers = [][]crm.ResolvedSigner{
		{crm.ResolveSigner(holder, maria), crm.ResolveSigner(broker, joao),
			crm.ResolveSigner(guarantor, person("Rui Costa", "rui@exemplo.com.br", "", ""))},
		{crm.ResolveSigner(holder, maria), crm.ResolveSigner(witness, crm.FixedPerson{})},
	}
	return req
}

// The send no longer refuses SMS/WhatsApp/PIX authentication, selfie,
// biometrics, handwritten or approval: ONE envelope goes out, each person
// with the recipient fields their rule asks, and the local signers match
// the simulator's recipients one to one.
func TestDocuSignSendCarriesEveryCheck(t *testing.T) {
	d := newDSFixture(t)
	opID, err := d.sender().Run(context.Background(), carryRequest(d, 70))
	if err != nil {
		f, _ := d.lastFailure()
		t.Fatalf("send: %v (%+v)", err, f.Problems)
	}
	ids := d.dsim.EnvelopeIDs()
	if len(ids) != 1 {
		t.Fatalf("%d envelopes, want 1", len(ids))
	}
	local, err := d.db.Envelopes().ListEnvelopes(context.Background(), 70)
	if err != nil || len(local) != 1 {
		t.Fatalf("local envelopes %+v: %v", local, err)
	}
	byName := map[string]dssim.RecipientSetup{}
	for _, g := range local[0].Signers {
		s, ok := d.dsim.RecipientSetup(ids[0], g.SignerID)
		if !ok || s.Name != g.Name {
			t.Fatalf("local signer %s (%s) is not the simulator's recipient %+v", g.Name, g.SignerID, s)
		}
		byName[g.Name] = s
	}
	type want struct {
		typ, workflow string
		phones, sms   []string
		draw          bool
		tabs, order   int
	}
	for name, w := range map[string]want{
		"Maria Souza":  {dssim.TypeSigner, dssim.IDVerificationWorkflowName, nil, []string{"+5511988887777"}, false, 1, 1},
		"João Pereira": {dssim.TypeSigner, dssim.PhoneAuthWorkflowName, []string{"+5511966665555"}, nil, true, 1, 2},
		"Ana Lima":     {dssim.TypeSigner, dssim.IDVerificationWorkflowName, nil, []string{"+5511977776666"}, false, 1, 2},
		"Rui Costa":    {dssim.TypeCertifiedDelivery, "", nil, nil, false, 0, 3},
	} {
		g, ok := byName[name]
		if !ok {
			t.Fatalf("%s not sent; got %v", name, byName)
		}
		if g.Type != w.typ || g.Workflow != w.workflow || !reflect.DeepEqual(g.AuthPhones, w.phones) ||
			!reflect.DeepEqual(g.SMSAuthNumbers, w.sms) || g.SignInEachLocation != w.draw || g.Tabs != w.tabs || g.RoutingOrder != w.order {
			t.Errorf("%s = %+v, want %+v", name, g, w)
		}
	}
	if op, err := d.db.Envelopes().Send(context.Background(), opID); err != nil || op.Status != signing.SendSent {
		t.Fatalf("operation %+v: %v", op, err)
	}
	// The approver opens and acknowledges last; before that it is not finished.
	for _, g := range local[0].Signers {
		if g.Name != "Rui Costa" {
			if err := d.dsim.Sign(ids[0], g.SignerID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if st, _, _ := d.dsim.EnvelopeStatus(ids[0]); st == "completed" {
		t.Fatal("completed without the approver")
	}
	d.checkLogs()
}

// An account without phone authentication refuses the send before the
// create, naming the person and saying what to change; nothing is sent
// weaker than the rule.
func TestDocuSignSendWithoutTheAccountsPhoneAuth(t *testing.T) {
	d := newDSFixture(t)
	d.dsim.SetIdentityWorkflows(false)
	_, err := d.sender().Run(context.Background(), carryRequest(d, 71))
	f, ok := d.lastFailure()
	if err == nil || !ok {
		t.Fatalf("err = %v, failure %+v", err, f)
	}
	if f.Code != signing.CodeDSIDVerificationUnavailable || f.Data["name"] != "Maria Souza" {
		t.Fatalf("failure %+v, want %s for Maria Souza", f, signing.CodeDSIDVerificationUnavailable)
	}
	if n := d.dsim.EnvelopeCount(); n != 0 {
		t.Fatalf("%d envelopes created", n)
	}
}
