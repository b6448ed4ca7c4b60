package signing

import (
	"context"
	"errors"
	"testing"

	"selo/backend/clicksign"
	"selo/backend/crm"
	"selo/backend/docusign"
	"selo/backend/docusign/simulator"
	"selo/backend/pdfs"
)

// Clicksign: an ICP-Brasil signer gets the "icp_brasil" authentication
// requirement (provide_evidence) on every document, with the CPF as
// documentation; nothing is a compromise, Clicksign does it natively.
func TestMapSignerICPBrasilForClicksign(t *testing.T) {
	m := MapSigner(resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Auth = crm.ChannelICPBrasil }))
	if m.Auth != clicksign.AuthICPBrasil || m.Signer.Documentation != "111.444.777-35" {
		t.Fatalf("mapping %+v", m)
	}
	reqs := m.Requirements("doc1", "sig1")
	found := false
	for _, q := range reqs {
		found = found || (q.Action == clicksign.ActionProvideEvidence && q.Auth == clicksign.AuthICPBrasil)
	}
	if !found {
		t.Fatalf("no provide_evidence icp_brasil requirement in %+v", reqs)
	}
	for _, c := range m.Compromises {
		if c.Code != CompromiseRoleParty {
			t.Errorf("unexpected compromise %s", c.Code)
		}
	}
}

// DocuSign: the certificate becomes the signature provider with the CPF's
// digits, shown as a "Como a DocuSign fará" note; without a CPF the send is
// refused on that person's CPF.
func TestMapDocuSignSignerICPBrasil(t *testing.T) {
	s := resolved(crm.SignerSpouse, func(r *crm.SignerRule) { r.Auth = crm.ChannelICPBrasil })
	m := MapDocuSignSigner(s)
	if m.Auth.ICPBrasilCPF != "11144477735" || m.Auth.SMSPhone != nil {
		t.Fatalf("auth %+v", m.Auth)
	}
	if !containsCode(m.Compromises, CompromiseDSICPBrasil) {
		t.Fatalf("compromises %+v", m.Compromises)
	}
	signers, err := DocuSignRecipients([]DocuSignMapping{m}, nil)
	if err != nil || signers[0].ICPBrasilCPF != "11144477735" {
		t.Fatalf("recipients %+v %v", signers, err)
	}
	s.CPF = ""
	probs := ValidateForDocuSign([]crm.ResolvedSigner{s})
	if len(probs) != 1 || probs[0].Code != CodeDSICPNeedsCPF || probs[0].Field != "signers[0].cpf" {
		t.Fatalf("problems %+v", probs)
	}
}

// DocuSign: a witness approving with a certificate (allowed outside a
// registry contract, and on Clicksign) is refused before the send on that
// person's Tipo de assinatura, since DocuSign's certified delivery takes no
// signature provider and the send would fail after Enviar.
func TestValidateForDocuSignRefusesICPApproval(t *testing.T) {
	s := resolved(crm.SignerWitness, func(r *crm.SignerRule) {
		r.Auth, r.SignatureKind, r.Email = crm.ChannelICPBrasil, crm.SignatureApproval, "t@x.com"
	})
	probs := ValidateForDocuSign([]crm.ResolvedSigner{s})
	if len(probs) != 1 || probs[0].Code != CodeDSICPApproval || probs[0].Field != "signers[0].signatureKind" || probs[0].Data["name"] == "" {
		t.Fatalf("problems %+v", probs)
	}
	s.SignatureKind = crm.SignatureSign
	if probs := ValidateForDocuSign([]crm.ResolvedSigner{s}); len(probs) != 0 {
		t.Fatalf("signing with a certificate: %+v", probs)
	}
}

// The mapped ICP-Brasil signer goes through the DocuSign simulator, which
// then asks the certificate step of that CPF only.
func TestDocuSignICPBrasilReachesTheSimulator(t *testing.T) {
	sim, client := dsSim(t)
	rules := []crm.ResolvedSigner{
		resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Auth = crm.ChannelICPBrasil }),
		resolved(crm.SignerWitness, func(r *crm.SignerRule) { r.Email, r.CPF = "t@x.com", "" }),
	}
	var ms []DocuSignMapping
	for _, r := range rules {
		ms = append(ms, MapDocuSignSigner(r))
	}
	page, err := pdfs.AppendSignaturePage(context.Background(), dsContract(t), DocuSignPageSigners(ms))
	if err != nil {
		t.Fatal(err)
	}
	signers, err := DocuSignRecipients(ms, DocuSignPlacements(page.Boxes))
	if err != nil {
		t.Fatal(err)
	}
	req := docusign.SendRequest{Reference: "selo-icp-map-1", Subject: "Reserva 1", PDF: page.PDF, Signers: signers}
	MapDocuSignEnvelope(&req, crm.Integration{})
	env, err := client.Send(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if g, _ := sim.RecipientSetup(env.ID, "1"); g.SignatureProvider != docusign.ICPBrasilProvider || g.ProviderCPF != "11144477735" {
		t.Fatalf("recipient 1 %+v", g)
	}
	if err := sim.Sign(env.ID, "1"); !errors.Is(err, simulator.ErrCertificateRequired) {
		t.Fatalf("sign without certificate: %v", err)
	}
	if err := sim.SignWithCertificate(env.ID, "1", simulator.Certificate{Kind: "A1", CPF: "111.444.777-35"}); err != nil {
		t.Fatal(err)
	}
}

func containsCode(cs []Compromise, code string) bool {
	for _, c := range cs {
		if c.Code == code {
			return true
		}
	}
	return false
}
