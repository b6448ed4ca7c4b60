package crm

import (
	"reflect"
	"testing"
)

// TestValidateRegistryRules: on a contract that goes to registry, each party
// to the transfer left on a simple signature is refused on its own row's
// Autenticação, naming the row; the others may keep a simple signature.
func TestValidateRegistryRules(t *testing.T) {
	rule := func(tp SignerType, auth Channel) SignerRule {
		r := NewSignerRule(tp)
		r.Auth = auth
		return r
	}
	rules := []SignerRule{
		rule(SignerHolder, ChannelICPBrasil),
		rule(SignerSpouse, ChannelEmail),
		rule(SignerWitness, ChannelEmail),
		rule(SignerDeveloper, ChannelPix),
		rule(SignerGuarantor, ChannelSMS),
		rule(SignerAssociate, ChannelICPBrasil),
	}
	err := ValidateRegistryRules(rules)
	inv, ok := err.(*Invalid)
	if !ok {
		t.Fatalf("err = %v, want *Invalid", err)
	}
	var got []string
	for _, p := range inv.Problems {
		if p.Code != CodeRegistryICPRequired {
			t.Errorf("code %s", p.Code)
		}
		got = append(got, p.Field+" "+p.Data["type"].(string))
	}
	want := []string{"rules[1].auth Cônjuge", "rules[3].auth Incorporadora/Construtora"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("problems %v, want %v", got, want)
	}
	if n := inv.Problems[0].Data["n"]; n != 2 {
		t.Errorf("row number %v, want 2", n)
	}
	rules[1].Auth, rules[3].Auth = ChannelICPBrasil, ChannelICPBrasil
	if err := ValidateRegistryRules(rules); err != nil {
		t.Fatalf("all parties on ICP-Brasil: %v", err)
	}
}

// TestICPNeedsCPF: a fixed person signing with a certificate needs a CPF,
// as PIX does; e-mail does not.
func TestICPNeedsCPF(t *testing.T) {
	r := NewSignerRule(SignerDeveloper)
	r.FixedPerson = FixedPerson{Name: "Rita Souza", Email: "rita@incorp.com.br"}
	r.Auth = ChannelICPBrasil
	got := ruleProblems(ValidateSignerRules([]SignerRule{r}))
	if got["rules[0].cpf"] != CodeSignerCPFRequiredForICP {
		t.Fatalf("problems %v", got)
	}
	r.CPF = "529.982.247-25"
	if err := ValidateSignerRules([]SignerRule{r}); err != nil {
		t.Fatal(err)
	}
}

// TestMergeKeepsICP: one person signing a registry contract with a
// certificate and another contract with an e-mail token gets the
// certificate for the whole envelope.
func TestMergeKeepsICP(t *testing.T) {
	p := FixedPerson{Name: "Ana Lima", Email: "ana@x.com", CPF: "52998224725"}
	a := NewSignerRule(SignerHolder)
	b := a
	b.Auth = ChannelICPBrasil
	m := MergeSigners([]ResolvedSigner{ResolveSigner(a, p)}, []ResolvedSigner{ResolveSigner(b, p)})
	if len(m) != 1 || m[0].Auth != ChannelICPBrasil {
		t.Fatalf("merged %+v", m)
	}
}

// TestAddRegistryProblemsNamesContract: the send's refusal names the
// contract and the row, for every party still on a simple signature.
func TestAddRegistryProblemsNamesContract(t *testing.T) {
	var inv Invalid
	AddRegistryProblems(&inv, "Promessa", []SignerRule{NewSignerRule(SignerHolder), NewSignerRule(SignerWitness), NewSignerRule(SignerSpouse)})
	if len(inv.Problems) != 2 {
		t.Fatalf("problems %+v", inv.Problems)
	}
	p := inv.Problems[1]
	if p.Code != CodeEnvelopeRegistryICP || p.Data["contract"] != "Promessa" || p.Data["n"] != 3 || p.Field != "contracts" {
		t.Fatalf("problem %+v", p)
	}
}

// TestRegistryPartyCannotApprove: a party to the transfer on "Aprovação"
// is refused on its Tipo de assinatura, even with a certificate, both on the
// Jurídico screen and at send time; a witness may still approve.
func TestRegistryPartyCannotApprove(t *testing.T) {
	holder := NewSignerRule(SignerHolder)
	holder.Auth, holder.SignatureKind = ChannelICPBrasil, SignatureApproval
	witness := NewSignerRule(SignerWitness)
	witness.SignatureKind = SignatureApproval
	err := ValidateRegistryRules([]SignerRule{witness, holder})
	inv, ok := err.(*Invalid)
	if !ok || len(inv.Problems) != 1 {
		t.Fatalf("err = %v, want one problem", err)
	}
	p := inv.Problems[0]
	if p.Code != CodeRegistrySignatureRequired || p.Field != "rules[1].signatureKind" || p.Data["n"] != 2 || p.Data["type"] != "Titular" {
		t.Fatalf("problem %+v", p)
	}
	var send Invalid
	AddRegistryProblems(&send, "Promessa", []SignerRule{witness, holder})
	if len(send.Problems) != 1 || send.Problems[0].Code != CodeEnvelopeRegistrySignature || send.Problems[0].Data["n"] != 2 {
		t.Fatalf("send problems %+v", send.Problems)
	}
	holder.SignatureKind = SignatureSign
	if err := ValidateRegistryRules([]SignerRule{witness, holder}); err != nil {
		t.Fatalf("holder signing: %v", err)
	}
}

// TestICPRefusesExtraEvidence: a certificate excludes a selfie, facial
// biometrics and a handwritten signature; each is refused on its own row and
// field, and the same choices with e-mail stay allowed.
func TestICPRefusesExtraEvidence(t *testing.T) {
	selfie := NewSignerRule(SignerHolder)
	selfie.Auth, selfie.Evidence = ChannelICPBrasil, EvidenceSelfie
	bio := NewSignerRule(SignerSpouse)
	bio.Auth, bio.Evidence = ChannelICPBrasil, EvidenceFacialBiometrics
	hand := NewSignerRule(SignerAssociate)
	hand.Auth, hand.SignatureKind = ChannelICPBrasil, SignatureHandwritten
	got := ruleProblems(ValidateSignerRules([]SignerRule{selfie, bio, hand}))
	want := map[string]string{
		"rules[0].evidence":      CodeICPEvidence,
		"rules[1].evidence":      CodeICPEvidence,
		"rules[2].signatureKind": CodeICPHandwritten,
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("problems %v, want %v", got, want)
	}
	selfie.Auth, bio.Auth, hand.Auth = ChannelEmail, ChannelEmail, ChannelEmail
	if err := ValidateSignerRules([]SignerRule{selfie, bio, hand}); err != nil {
		t.Fatalf("same evidence with e-mail: %v", err)
	}
}

// TestMergeICPDropsEvidence: one person asked for a certificate on one
// contract and a selfie with a handwritten signature on another signs the
// envelope with the certificate alone, which the services accept.
func TestMergeICPDropsEvidence(t *testing.T) {
	p := FixedPerson{Name: "Ana Lima", Email: "ana@x.com", CPF: "52998224725"}
	a := NewSignerRule(SignerHolder)
	a.Evidence, a.SignatureKind = EvidenceSelfie, SignatureHandwritten
	b := NewSignerRule(SignerHolder)
	b.Auth = ChannelICPBrasil
	m := MergeSigners([]ResolvedSigner{ResolveSigner(a, p)}, []ResolvedSigner{ResolveSigner(b, p)})
	if len(m) != 1 || m[0].Auth != ChannelICPBrasil || m[0].Evidence != EvidenceNone || m[0].SignatureKind != SignatureSign {
		t.Fatalf("merged %+v", m)
	}
}
