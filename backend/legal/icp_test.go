package legal_test

import (
	"context"
	"log/slog"
	"reflect"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/developments"
)

// TestRegistryRulesRefuseSimpleSignature: once the template goes to registry,
// Jurídico refuses a list where a party to the transfer signs without an
// ICP-Brasil certificate, naming the row, and saves nothing; with the
// certificate (and a CPF for the developer's representative) it saves. The
// same list on a template that does not go to registry saves as before.
func TestRegistryRulesRefuseSimpleSignature(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	a, err := e.svc.Associate(ctx, e.dev, e.tpl[0], crm.ScopeDevelopment, nil)
	if err != nil {
		t.Fatal(err)
	}
	dev := crm.NewSignerRule(crm.SignerDeveloper)
	dev.FixedPerson = crm.FixedPerson{Name: "Rita Souza", Email: "rita@incorp.com.br"}
	witness := crm.NewSignerRule(crm.SignerWitness)
	witness.FixedPerson = crm.FixedPerson{Name: "Caio Prado", Email: "caio@x.com"}
	rules := []crm.SignerRule{crm.NewSignerRule(crm.SignerHolder), witness, dev}

	if _, err := e.svc.SaveRules(ctx, a.ID, rules); err != nil {
		t.Fatalf("not yet going to registry: %v", err)
	}
	if err := e.db.Templates().SetRegistryAt(ctx, e.tpl[0], 0, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	got, err := e.svc.Get(ctx, a.ID)
	if err != nil || !got.Registry {
		t.Fatalf("association registry = %v, %v", got.Registry, err)
	}
	before := got.Version

	_, err = e.svc.SaveRules(ctx, a.ID, rules)
	want := []string{"signer_rule.icp_required@rules[0].auth", "signer_rule.icp_required@rules[2].auth"}
	if p := problems(err); !reflect.DeepEqual(p, want) {
		t.Fatalf("problems %v, want %v", p, want)
	}
	if after, _ := e.svc.Get(ctx, a.ID); after.Version != before {
		t.Fatalf("a refused list was saved (version %d → %d)", before, after.Version)
	}

	rules[0].Auth, rules[2].Auth = crm.ChannelICPBrasil, crm.ChannelICPBrasil
	_, err = e.svc.SaveRules(ctx, a.ID, rules)
	if p := problems(err); !reflect.DeepEqual(p, []string{"signer.cpf_required_for_icp@rules[2].cpf"}) {
		t.Fatalf("problems %v", p)
	}
	rules[2].CPF = "529.982.247-25"
	saved, err := e.svc.SaveRules(ctx, a.ID, rules)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Rules[0].Auth != crm.ChannelICPBrasil || saved.Rules[1].Auth != crm.ChannelEmail {
		t.Fatalf("stored %+v", saved.Rules)
	}
	tpls, err := e.svc.Templates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range tpls {
		if tp.Registry != (tp.ID == e.tpl[0]) {
			t.Errorf("template %s registry %v", tp.Name, tp.Registry)
		}
	}
}

// TestRegistryGapsListsDevelopmentsToAdjust: after "Vai a registro" is set,
// the manager learns which developments' Jurídico must change for that
// template (with the rows), and not those already on a certificate, nor
// other templates' associations.
func TestRegistryGapsListsDevelopmentsToAdjust(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	e.svc.Developments = developments.New(e.db.Developments(), slog.New(slog.DiscardHandler))
	witness := crm.NewSignerRule(crm.SignerWitness)
	witness.FixedPerson = crm.FixedPerson{Name: "Caio Prado", Email: "caio@x.com"}
	approving := crm.NewSignerRule(crm.SignerSpouse)
	approving.Auth = crm.ChannelICPBrasil
	approving.SignatureKind = crm.SignatureApproval
	simple := []crm.SignerRule{witness, crm.NewSignerRule(crm.SignerHolder), approving}
	holderICP := crm.NewSignerRule(crm.SignerHolder)
	holderICP.Auth = crm.ChannelICPBrasil
	for _, c := range []struct {
		dev, tpl int64
		rules    []crm.SignerRule
	}{
		{e.dev, e.tpl[0], simple},
		{e.other, e.tpl[0], []crm.SignerRule{holderICP, witness}},
		{e.other, e.tpl[1], simple},
	} {
		a, err := e.svc.Associate(ctx, c.dev, c.tpl, crm.ScopeDevelopment, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.SaveRules(ctx, a.ID, c.rules); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.db.Templates().SetRegistryAt(ctx, e.tpl[0], 0, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	gaps, err := e.svc.RegistryGaps(ctx, e.tpl[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(gaps) != 1 || gaps[0].DevelopmentID != e.dev || gaps[0].DevelopmentName != "Residencial Acácias" || !reflect.DeepEqual(gaps[0].Rows, []int{2, 3}) {
		t.Fatalf("gaps %+v", gaps)
	}
}
