package training

import (
	"context"
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
