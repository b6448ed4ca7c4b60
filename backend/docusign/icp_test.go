package docusign_test

import (
	"errors"
	"testing"

	"selo/backend/docusign"
	"selo/backend/docusign/simulator"
)

// An ICP-Brasil signer reaches DocuSign as recipientSignatureProviders with
// the assumed provider and the CPF (request and answer validated against the
// OpenAPI), and the simulator then lets that person sign only through the
// certificate step, with a certificate of that CPF.
func TestSendCarriesICPBrasilAndSimulatorAsksTheCertificate(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	r := e.request("selo-icp-1")
	r.Signers[0].ICPBrasilCPF = "52998224725"
	env, err := e.client.Send(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	s, ok := e.sim.RecipientSetup(env.ID, "1")
	if !ok || s.SignatureProvider != docusign.ICPBrasilProvider || s.ProviderCPF != "52998224725" {
		t.Fatalf("recipient 1 setup %+v", s)
	}
	if s, _ := e.sim.RecipientSetup(env.ID, "2"); s.SignatureProvider != "" {
		t.Fatalf("recipient 2 got a provider: %+v", s)
	}
	if err := e.sim.Sign(env.ID, "1"); !errors.Is(err, simulator.ErrCertificateRequired) {
		t.Fatalf("signing without a certificate: %v", err)
	}
	other := simulator.Certificate{Kind: "A1", CPF: "111.444.777-35"}
	if err := e.sim.SignWithCertificate(env.ID, "1", other); !errors.Is(err, simulator.ErrCertificateCPF) {
		t.Fatalf("certificate of another CPF: %v", err)
	}
	if err := e.sim.SignWithCertificate(env.ID, "1", simulator.Certificate{Kind: "A3", CPF: "529.982.247-25"}); err != nil {
		t.Fatalf("the signer's own A3: %v", err)
	}
	if err := e.sim.Sign(env.ID, "2"); err != nil {
		t.Fatalf("a signer without ICP-Brasil signs as before: %v", err)
	}
}

// A CPF that is not 11 digits is refused before anything is sent.
func TestICPBrasilCPFMustBeDigits(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	r := e.request("selo-icp-2")
	r.Signers[0].ICPBrasilCPF = "529.982.247-25"
	var in *docusign.InputError
	if _, err := e.client.Send(ctx, r); !errors.As(err, &in) || in.Field != "signers[0].icpBrasilCpf" {
		t.Fatalf("err %v", err)
	}
}

// A certified delivery (an approval) cannot carry a certificate: the
// OpenAPI's certifiedDelivery has no recipientSignatureProviders, so the
// client refuses before sending instead of DocuSign answering 400.
func TestICPBrasilRefusedOnCertifiedDelivery(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	r := e.request("selo-icp-3")
	r.Signers[0].ICPBrasilCPF = "52998224725"
	r.Signers[0].CertifiedDelivery = true
	r.Signers[0].Placement, r.Signers[0].DrawSignature = nil, false
	var in *docusign.InputError
	if _, err := e.client.Send(ctx, r); !errors.As(err, &in) || in.Field != "signers[0].icpBrasilCpf" {
		t.Fatalf("err %v", err)
	}
	if n := e.sim.EnvelopeCount(); n != 0 {
		t.Fatalf("%d envelopes reached the simulator", n)
	}
}

// A certificate excludes ID Verification and the drawn signature: the
// client refuses the pairing before sending, and the simulator answers 400
// to a request that carries it anyway.
func TestICPBrasilRefusesIDVAndDrawnSignature(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	for _, mod := range []func(*docusign.Signer){
		func(s *docusign.Signer) { s.IDVerification = true },
		func(s *docusign.Signer) { s.DrawSignature = true },
	} {
		r := e.request("selo-icp-4")
		r.Signers[0].ICPBrasilCPF = "52998224725"
		mod(&r.Signers[0])
		var in *docusign.InputError
		if _, err := e.client.Send(ctx, r); !errors.As(err, &in) || in.Field != "signers[0].icpBrasilCpf" {
			t.Fatalf("err %v", err)
		}
	}
}
