package crm

import (
	"reflect"
	"testing"
)

func TestResolveSignerAndPersonKey(t *testing.T) {
	p := FixedPerson{Name: "  Maria   Souza ", Email: " Maria@Exemplo.com.br ", Phone: "11 98888-7777", CPF: "11144477735"}
	s := ResolveSigner(NewSignerRule(SignerHolder), p)
	if s.Name != "Maria Souza" || s.CPF != "111.444.777-35" || s.Key != "cpf:11144477735" || !reflect.DeepEqual(s.Types, []SignerType{SignerHolder}) {
		t.Fatalf("party resolved to %+v", s)
	}
	w := NewSignerRule(SignerWitness)
	w.FixedPerson = FixedPerson{Name: "Ana Lima", Email: "Ana@X.com"}
	s = ResolveSigner(w, p)
	if s.Name != "Ana Lima" || s.Key != "email:ana@x.com" {
		t.Fatalf("a fixed rule keeps its own person: %+v", s)
	}
	for in, want := range map[FixedPerson]string{
		{CPF: "111.444.777-35", Email: "a@x.com"}:        "cpf:11144477735",
		{CPF: "111.444.777-36", Email: "A@X.com"}:        "email:a@x.com", // invalid CPF is not an identity
		{Phone: "+55 11 98888-7777", Name: "Jo Ninguém"}: "phone:11988887777",
		{Name: " Jo  Ninguém "}:                          "name:jo ninguém",
	} {
		if got := PersonKey(in); got != want {
			t.Errorf("PersonKey(%+v) = %q, want %q", in, got, want)
		}
	}
}

func TestMergeSigners(t *testing.T) {
	maria := FixedPerson{Name: "Maria Souza", Email: "maria@exemplo.com.br", CPF: "111.444.777-35"}
	jose := FixedPerson{Name: "José Souza", Email: "maria@exemplo.com.br", CPF: "529.982.247-25"} // shares the e-mail
	ana := FixedPerson{Name: "Ana Lima", Email: "ana@exemplo.com.br"}
	rs := func(t SignerType, p FixedPerson, order int, ev Evidence, k SignatureKind, c ChannelSet) ResolvedSigner {
		r := NewSignerRule(t)
		r.SendOrder, r.Evidence, r.SignatureKind = order, ev, k
		r.FixedPerson = p // fixed types need it in the rule; parties get it from p anyway
		return ResolveSigner(r.WithChannels(c), p)
	}
	mail := ChannelSet{ChannelEmail, ChannelEmail, ChannelEmail}
	wa := ChannelSet{ChannelWhatsApp, ChannelWhatsApp, ChannelWhatsApp}
	sms := ChannelSet{ChannelSMS, ChannelEmail, ChannelSMS}
	pix := ChannelSet{ChannelEmail, ChannelEmail, ChannelPix}

	type exp struct {
		key   string
		typ   SignerType
		types []SignerType
		order int
		ev    Evidence
		kind  SignatureKind
		ch    ChannelSet
	}
	tests := []struct {
		name      string
		contracts [][]ResolvedSigner
		want      []exp
	}{
		{"one contract passes through, sorted by send order",
			[][]ResolvedSigner{{rs(SignerWitness, ana, 2, EvidenceNone, SignatureSign, mail), rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, mail)}},
			[]exp{
				{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder}, 1, EvidenceNone, SignatureSign, mail},
				{"email:ana@exemplo.com.br", SignerWitness, []SignerType{SignerWitness}, 2, EvidenceNone, SignatureSign, mail},
			}},
		{"same person in two contracts: lowest order, strongest evidence and signature kind",
			[][]ResolvedSigner{
				{rs(SignerHolder, maria, 2, EvidenceSelfie, SignatureApproval, mail)},
				{rs(SignerHolder, maria, 1, EvidenceFacialBiometrics, SignatureHandwritten, mail)},
			},
			[]exp{{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder}, 1, EvidenceFacialBiometrics, SignatureHandwritten, mail}}},
		{"evidence none < selfie, signature approval < signature (weaker second contract changes nothing)",
			[][]ResolvedSigner{
				{rs(SignerHolder, maria, 1, EvidenceSelfie, SignatureSign, mail)},
				{rs(SignerHolder, maria, 3, EvidenceNone, SignatureApproval, mail)},
			},
			[]exp{{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder}, 1, EvidenceSelfie, SignatureSign, mail}}},
		{"auth email < sms: the SMS trio wins whole",
			[][]ResolvedSigner{{rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, mail)}, {rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, sms)}},
			[]exp{{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder}, 1, EvidenceNone, SignatureSign, sms}}},
		{"auth sms < whatsapp",
			[][]ResolvedSigner{{rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, wa)}, {rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, sms)}},
			[]exp{{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder}, 1, EvidenceNone, SignatureSign, wa}}},
		{"auth whatsapp < pix",
			[][]ResolvedSigner{{rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, wa)}, {rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, pix)}},
			[]exp{{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder}, 1, EvidenceNone, SignatureSign, pix}}},
		{"one person as holder and guarantor keeps the holder as main type",
			[][]ResolvedSigner{{rs(SignerGuarantor, maria, 2, EvidenceNone, SignatureSign, mail)}, {rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, mail)}},
			[]exp{{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder, SignerGuarantor}, 1, EvidenceNone, SignatureSign, mail}}},
		{"couple sharing an e-mail with different CPFs stay two people",
			[][]ResolvedSigner{{rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, mail), rs(SignerSpouse, jose, 1, EvidenceNone, SignatureSign, mail)}},
			[]exp{
				{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder}, 1, EvidenceNone, SignatureSign, mail},
				{"cpf:52998224725", SignerSpouse, []SignerType{SignerSpouse}, 1, EvidenceNone, SignatureSign, mail},
			}},
		{"witness without CPF in one contract and with CPF in another is one person (same e-mail); key becomes the CPF",
			[][]ResolvedSigner{
				{rs(SignerWitness, ana, 3, EvidenceNone, SignatureSign, mail)},
				{rs(SignerWitness, FixedPerson{Name: "Ana Lima", Email: "ANA@exemplo.com.br", CPF: "987.654.321-00"}, 2, EvidenceNone, SignatureSign, mail)},
			},
			[]exp{{"cpf:98765432100", SignerWitness, []SignerType{SignerWitness}, 2, EvidenceNone, SignatureSign, mail}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := MergeSigners(tc.contracts...)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d signers, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				g := got[i]
				e := exp{g.Key, g.SignerType, g.Types, g.SendOrder, g.Evidence, g.SignatureKind, g.Channels()}
				if !reflect.DeepEqual(e, w) {
					t.Errorf("signer %d = %+v\nwant        %+v", i, e, w)
				}
			}
		})
	}
}

func TestMergeSignersFillsPersonData(t *testing.T) {
	a := ResolveSigner(NewSignerRule(SignerHolder), FixedPerson{Name: "Maria Souza", CPF: "111.444.777-35"})
	b := ResolveSigner(NewSignerRule(SignerHolder), FixedPerson{Name: "Maria S. Souza", Email: "maria@exemplo.com.br", Phone: "11988887777", CPF: "11144477735"})
	got := MergeSigners([]ResolvedSigner{a}, []ResolvedSigner{b})
	if len(got) != 1 || got[0].Name != "Maria Souza" || got[0].Email != "maria@exemplo.com.br" || got[0].Phone != "11988887777" {
		t.Fatalf("got %+v", got)
	}
}
