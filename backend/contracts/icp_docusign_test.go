package contracts

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"selo/backend/crm"
	"selo/backend/docusign"
	dssim "selo/backend/docusign/simulator"
	"selo/backend/signing"
)

// A registry contract on a DocuSign development: the spouse signs with
// ICP-Brasil but has no CPF, which DocuSign's signature provider needs, so
// the send is refused naming them; with the CPF the envelope reaches DocuSign
// with the provider and that CPF for both parties, and the witness signs as
// before.
func TestDocuSignRegistryContractCarriesICPBrasil(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
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

	list, err := f.svc.Generate(ctx, f.resID)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.Templates().SetRegistryAt(ctx, list[0].TemplateID, 0, true, f.sender.Now()); err != nil {
		t.Fatal(err)
	}
	holder, spouse, witness := crm.NewSignerRule(crm.SignerHolder), crm.NewSignerRule(crm.SignerSpouse), f.rules[2]
	holder.Auth, spouse.Auth = crm.ChannelICPBrasil, crm.ChannelICPBrasil
	if _, err := f.legal.SaveRules(ctx, f.assoc, []crm.SignerRule{holder, spouse, witness}); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Send(ctx, f.resID, []int64{list[0].ID})
	var inv *crm.Invalid
	if !errors.As(err, &inv) || len(inv.Problems) != 1 || inv.Problems[0].Code != signing.CodeDSICPNeedsCPF ||
		inv.Problems[0].Data["name"] != "João da Silva" {
		t.Fatalf("spouse without CPF = %v", err)
	}
	f.input.Associates[0].CPF = "111.444.777-35"
	if _, err := f.resv.Save(ctx, f.input); err != nil {
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
	cpfs := map[string]string{}
	for _, id := range []string{"1", "2", "3"} {
		s, ok := dsim.RecipientSetup(got.EnvelopeID, id)
		if !ok {
			t.Fatalf("recipient %s missing", id)
		}
		if s.SignatureProvider != "" && s.SignatureProvider != docusign.ICPBrasilProvider {
			t.Errorf("recipient %s provider %q", id, s.SignatureProvider)
		}
		cpfs[s.Name] = s.ProviderCPF
	}
	want := map[string]string{"Maria da Silva": "52998224725", "João da Silva": "11144477735", "Tânia Testemunha": ""}
	for name, cpf := range want {
		if cpfs[name] != cpf {
			t.Errorf("%s: provider CPF %q, want %q (all: %v)", name, cpfs[name], cpf, cpfs)
		}
	}
}
