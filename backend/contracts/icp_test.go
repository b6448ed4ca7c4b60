package contracts

import (
	"context"
	"errors"
	"testing"

	"selo/backend/clicksign/simulator"
	"selo/backend/crm"
	"selo/backend/signing"
)

// A template newly marked "Vai a registro" keeps its old rules, and the send
// refuses them, listing every party to the transfer still on a simple
// signature (holder row 1, spouse row 2), and nothing reaches Clicksign. Once
// Jurídico sets ICP-Brasil (and the spouse's CPF is known), the send goes:
// Clicksign gets the icp_brasil authentication, and the simulator lets those
// signers sign only with a certificate of their own CPF.
func TestRegistryContractNeedsICPBrasilThenSignsWithCertificate(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	list, err := f.svc.Generate(ctx, f.resID)
	if err != nil {
		t.Fatal(err)
	}
	gen := list[0].ID
	if err := f.db.Templates().SetRegistryAt(ctx, list[0].TemplateID, 0, true, f.sender.Now()); err != nil {
		t.Fatal(err)
	}
	f.input.Associates[0].Phone1 = "(21) 98888-7777"
	if _, err := f.resv.Save(ctx, f.input); err != nil {
		t.Fatal(err)
	}

	_, err = f.svc.Send(ctx, f.resID, []int64{gen})
	var inv *crm.Invalid
	if !errors.As(err, &inv) || len(inv.Problems) != 2 {
		t.Fatalf("send of old rules: %v", err)
	}
	for i, want := range []string{"Titular", "Cônjuge"} {
		p := inv.Problems[i]
		if p.Code != crm.CodeEnvelopeRegistryICP || p.Data["type"] != want || p.Data["n"] != i+1 || p.Data["contract"] != list[0].Name {
			t.Errorf("problem %d: %+v", i, p)
		}
	}
	if n := len(f.sim.Overview()); n != 0 {
		t.Fatalf("%d envelopes created", n)
	}

	rules := append([]crm.SignerRule{}, f.rules...)
	rules[0].Auth = crm.ChannelICPBrasil
	rules[1] = crm.ApplyChannelChange(rules[1], crm.FieldAuth, crm.ChannelICPBrasil)
	if _, err := f.legal.SaveRules(ctx, f.assoc, rules); err != nil {
		t.Fatal(err)
	}
	// The spouse has no CPF: a certificate cannot be checked without it.
	if got := codes(func() error { _, err := f.svc.Send(ctx, f.resID, []int64{gen}); return err }()); len(got) != 1 || got[0] != crm.CodeSignerCPFRequiredForICP {
		t.Fatalf("spouse without CPF: %v", got)
	}
	f.input.Associates[0].CPF = "111.444.777-35"
	if _, err := f.resv.Save(ctx, f.input); err != nil {
		t.Fatal(err)
	}
	op, err := f.svc.Send(ctx, f.resID, []int64{gen})
	if err != nil {
		t.Fatal(err)
	}
	f.sender.Wait()
	if got, err := f.svc.Operation(ctx, op); err != nil || got.Status != signing.SendSent {
		t.Fatalf("operation %+v %v", got.Status, err)
	}
	views := f.sim.Overview()
	if len(views) != 1 {
		t.Fatalf("envelopes %+v", views)
	}
	byName := map[string]simulator.SignerView{}
	for _, s := range views[0].Signers {
		byName[s.Name] = s
	}
	maria, joao, witness := byName["Maria da Silva"], byName["João da Silva"], byName["Tânia Testemunha"]
	if !maria.Certificate || !joao.Certificate || witness.Certificate {
		t.Fatalf("certificate step: %+v", views[0].Signers)
	}
	if err := f.sim.Sign(views[0].ID, maria.ID); !errors.Is(err, simulator.ErrCertificateRequired) {
		t.Fatalf("holder signed without a certificate: %v", err)
	}
	if err := f.sim.SignWithCertificate(views[0].ID, maria.ID, simulator.Certificate{Kind: "A1", CPF: "111.444.777-35"}); !errors.Is(err, simulator.ErrCertificateCPF) {
		t.Fatalf("holder signed with the spouse's certificate: %v", err)
	}
	if err := f.sim.SignWithCertificate(views[0].ID, maria.ID, simulator.Certificate{Kind: "A3", CPF: "529.982.247-25"}); err != nil {
		t.Fatal(err)
	}
	if err := f.sim.SignWithCertificate(views[0].ID, joao.ID, simulator.Certificate{Kind: "A1", CPF: "11144477735"}); err != nil {
		t.Fatal(err)
	}
}

// A send prepared (draft envelope, signers stored on e-mail) before the
// template was marked "Vai a registro" does not go on with a simple
// signature: "Tentar novamente" and a second Enviar both stop it before
// activation, listing what Jurídico must change and that this send must be
// cancelled and sent again; the simulator keeps one envelope, never
// activated.
func TestSendPreparedBeforeRegistryIsRecheckedOnResume(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	list, err := f.svc.Generate(ctx, f.resID)
	if err != nil {
		t.Fatal(err)
	}
	gen := list[0].ID
	f.input.Associates[0].Phone1 = "(21) 98888-7777"
	if _, err := f.resv.Save(ctx, f.input); err != nil {
		t.Fatal(err)
	}
	f.sim.InjectFault(simulator.Fault{Status: 500, Times: 1000, Method: "POST", Route: "POST /api/v3/envelopes/{envelope_id}/signers"})
	op, err := f.svc.Send(ctx, f.resID, []int64{gen})
	if err != nil {
		t.Fatal(err)
	}
	f.sender.Wait()
	if got, _ := f.svc.Operation(ctx, op); got.Status != signing.SendFailed || got.EnvelopeID == "" {
		t.Fatalf("after the fault: %s envelope %q", got.Status, got.EnvelopeID)
	}
	f.sim.ClearFaults()
	if err := f.db.Templates().SetRegistryAt(ctx, list[0].TemplateID, 0, true, f.sender.Now()); err != nil {
		t.Fatal(err)
	}

	check := func(what string) {
		t.Helper()
		got, err := f.svc.Operation(ctx, op)
		if err != nil || got.Status != signing.SendFailed || got.ErrorCode != signing.CodeValidationFailed {
			t.Fatalf("%s: %s %s %v", what, got.Status, got.ErrorCode, err)
		}
		var codes []string
		for _, p := range got.ErrorData["problems"].([]any) {
			codes = append(codes, p.(map[string]any)["code"].(string))
		}
		want := []string{crm.CodeEnvelopeRegistryICP, crm.CodeEnvelopeRegistryICP, CodePreparedBeforeRegistry}
		if len(codes) != 3 || codes[0] != want[0] || codes[1] != want[1] || codes[2] != want[2] {
			t.Fatalf("%s: problems %v, want %v", what, codes, want)
		}
		// Overview lists activated envelopes only: none may be.
		st, _ := f.sim.EnvelopeStatus(got.EnvelopeID)
		if n := f.sim.RequestCount("POST /api/v3/envelopes"); n != 1 || st != "draft" || len(f.sim.Overview()) != 0 {
			t.Fatalf("%s: %d envelopes created, ours %q, %d live", what, n, st, len(f.sim.Overview()))
		}
	}
	if err := f.svc.Retry(ctx, op); err != nil {
		t.Fatal(err)
	}
	f.sender.Wait()
	check("Tentar novamente")

	// Jurídico fixes the rules: the stored signers are still the old ones.
	rules := append([]crm.SignerRule{}, f.rules...)
	rules[0].Auth = crm.ChannelICPBrasil
	rules[1] = crm.ApplyChannelChange(rules[1], crm.FieldAuth, crm.ChannelICPBrasil)
	if _, err := f.legal.SaveRules(ctx, f.assoc, rules); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Retry(ctx, op); err != nil {
		t.Fatal(err)
	}
	f.sender.Wait()
	got, _ := f.svc.Operation(ctx, op)
	if got.Status != signing.SendFailed || len(got.ErrorData["problems"].([]any)) != 1 {
		t.Fatalf("after the rules were fixed: %s %+v", got.Status, got.ErrorData)
	}
	if f.sim.RequestCount("POST /api/v3/envelopes") != 1 || len(f.sim.Overview()) != 0 {
		t.Fatalf("a second envelope or an activation after the rules were fixed")
	}
	// A second Enviar of the same contract (now valid: the spouse's CPF is
	// known) finds the same operation.
	f.input.Associates[0].CPF = "111.444.777-35"
	if _, err := f.resv.Save(ctx, f.input); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Send(ctx, f.resID, []int64{gen}); err != nil {
		t.Fatal(err)
	}
	f.sender.Wait()
	if got, _ := f.svc.Operation(ctx, op); got.Status != signing.SendFailed || f.sim.RequestCount("POST /api/v3/envelopes") != 1 || len(f.sim.Overview()) != 0 {
		t.Fatalf("second Enviar: %s", got.Status)
	}
}
