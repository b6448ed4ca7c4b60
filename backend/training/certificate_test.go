package training

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"selo/backend/clicksign"
	"selo/backend/clicksign/simulator"
	"selo/backend/crm"
	"selo/backend/signing"
)

// The desk's certificate step on a Clicksign Simulador local envelope: a
// signer with the icp_brasil authentication is offered their own A1/A3 and
// someone else's, with masked CPFs; plain "Simular assinatura" and the other
// person's certificate are refused with the desk's codes; their own signs.
func TestDeskCertificateStep(t *testing.T) {
	ctx := context.Background()
	host := &simulator.Host{Options: simulator.Options{DBPath: filepath.Join(t.TempDir(), "sim.db")}}
	defer host.Close(ctx)
	c, err := (&signing.Connector{Sim: host}).Client(crm.EnvSimulator, "sim_token_1234567890")
	if err != nil {
		t.Fatal(err)
	}
	env, err := c.CreateEnvelope(ctx, clicksign.EnvelopeParams{Name: "Reserva 8", DeadlineAt: time.Now().Add(15 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := c.CreateDocument(ctx, env.ID, clicksign.DocumentUpload{Filename: "contratos.pdf", Content: []byte("%PDF-1.4\n%%EOF\n")})
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	s, err := c.CreateSigner(ctx, env.ID, clicksign.SignerParams{Name: "Ana Beatriz Souza", Email: "ana@example.com", Group: 1,
		Refusable: &yes, HasDocumentation: &yes, Documentation: "529.982.247-25"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.BulkRequirements(ctx, env.ID, []clicksign.BulkOperation{
		clicksign.AddRequirement(clicksign.Qualification(doc.ID, s.ID, clicksign.RoleParty)),
		clicksign.AddRequirement(clicksign.Authentication(doc.ID, s.ID, clicksign.AuthICPBrasil)),
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ActivateEnvelope(ctx, env.ID); err != nil {
		t.Fatal(err)
	}
	desk := &Desk{Host: host}
	views, err := desk.Envelopes()
	if err != nil || !views[0].Signers[0].Certificate {
		t.Fatalf("the desk does not show the certificate step: %+v %v", views, err)
	}
	certs, err := desk.Certificates(env.ID, s.ID)
	if err != nil || len(certs) != 3 || certs[0].CPF != "***.982.247-**" || certs[2].Holder != "other" {
		t.Fatalf("certificates %+v %v", certs, err)
	}
	code := func(err error) string { return crm.AsError(err).Code }
	if got := code(desk.Sign(env.ID, s.ID)); got != CodeSimCertificateRequired {
		t.Fatalf("plain sign = %q", got)
	}
	if got := code(desk.SignWithCertificate(env.ID, s.ID, "other")); got != CodeSimCertificateMismatch {
		t.Fatalf("someone else's certificate = %q", got)
	}
	if got := code(desk.SignWithCertificate(env.ID, s.ID, "a9")); got != CodeSimCertificateUnknown {
		t.Fatalf("unknown certificate = %q", got)
	}
	if err := desk.SignWithCertificate(env.ID, s.ID, "a3"); err != nil {
		t.Fatal(err)
	}
	views, _ = desk.Envelopes()
	if views[0].Signers[0].State != simulator.SignerSigned {
		t.Fatalf("after the certificate: %+v", views[0].Signers[0])
	}
}

// deskICPEnvelope activates a Simulador local envelope with one icp_brasil
// signer per CPF in cpfs ("" creates the signer without CPF).
func deskICPEnvelope(t *testing.T, cpfs ...string) (*Desk, string, []string) {
	t.Helper()
	ctx := context.Background()
	host := &simulator.Host{Options: simulator.Options{DBPath: filepath.Join(t.TempDir(), "sim.db")}}
	t.Cleanup(func() { host.Close(ctx) })
	c, err := (&signing.Connector{Sim: host}).Client(crm.EnvSimulator, "sim_token_1234567890")
	if err != nil {
		t.Fatal(err)
	}
	env, err := c.CreateEnvelope(ctx, clicksign.EnvelopeParams{Name: "Reserva 9", DeadlineAt: time.Now().Add(15 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := c.CreateDocument(ctx, env.ID, clicksign.DocumentUpload{Filename: "contratos.pdf", Content: []byte("%PDF-1.4\n%%EOF\n")})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var ops []clicksign.BulkOperation
	names := []string{"Ana Beatriz Souza", "João Pedro Lima", "Rita Reis Costa"}
	for i, cpf := range cpfs {
		has := cpf != ""
		yes := true
		s, err := c.CreateSigner(ctx, env.ID, clicksign.SignerParams{Name: names[i], Email: fmt.Sprintf("p%d@example.com", i), Group: 1,
			Refusable: &yes, HasDocumentation: &has, Documentation: cpf})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.ID)
		ops = append(ops, clicksign.AddRequirement(clicksign.Qualification(doc.ID, s.ID, clicksign.RoleParty)),
			clicksign.AddRequirement(clicksign.Authentication(doc.ID, s.ID, clicksign.AuthICPBrasil)))
	}
	if _, err := c.BulkRequirements(ctx, env.ID, ops); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ActivateEnvelope(ctx, env.ID); err != nil {
		t.Fatal(err)
	}
	return &Desk{Host: host}, env.ID, ids
}

// The "other person's" certificate is never the signer's own, nor any other
// signer's of the envelope: a signer holding the usual test CPF
// 111.444.777-35 (and a co-signer holding the next candidate) are still
// refused with it, and it shows a CPF that is none of theirs.
func TestDeskOtherCertificateIsNobodysInTheEnvelope(t *testing.T) {
	desk, envID, ids := deskICPEnvelope(t, "111.444.777-35", "111.444.778-16")
	code := func(err error) string { return crm.AsError(err).Code }
	for i, id := range ids {
		certs, err := desk.Certificates(envID, id)
		if err != nil {
			t.Fatal(err)
		}
		other := certs[2].CPF
		if other == "***.444.777-**" || other == "***.444.778-**" || other == certs[0].CPF {
			t.Fatalf("signer %d: other certificate %q is a signer's", i, other)
		}
		if got := code(desk.SignWithCertificate(envID, id, "other")); got != CodeSimCertificateMismatch {
			t.Fatalf("signer %d with someone else's certificate = %q", i, got)
		}
	}
	if err := desk.SignWithCertificate(envID, ids[0], "a1"); err != nil {
		t.Fatalf("own A1: %v", err)
	}
}

// An icp_brasil signer created without CPF cannot pass the certificate
// step with any certificate.
func TestDeskICPSignerWithoutCPFRefused(t *testing.T) {
	desk, envID, ids := deskICPEnvelope(t, "")
	for _, c := range []string{"a1", "a3", "other"} {
		if got := crm.AsError(desk.SignWithCertificate(envID, ids[0], c)).Code; got != CodeSimCertificateMismatch {
			t.Fatalf("certificate %s for a signer without CPF = %q", c, got)
		}
	}
}

func TestWithCheckDigits(t *testing.T) {
	for _, c := range []string{"11144477735", "52998224725", "11144477816"} {
		if got := withCheckDigits(c[:9]); got != c || !crm.ValidCPF(got) {
			t.Errorf("withCheckDigits(%s) = %s", c[:9], got)
		}
	}
}
