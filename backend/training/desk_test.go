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

// An envelope sent through the real client to the in-app simulator is
// trained to completion through the desk, in signing order.
func TestDeskDrivesASimulatedEnvelope(t *testing.T) {
	ctx := context.Background()
	host := &simulator.Host{Options: simulator.Options{DBPath: filepath.Join(t.TempDir(), "sim.db")}}
	defer host.Close(ctx)
	c, err := (&signing.Connector{Sim: host}).Client(crm.EnvSimulator, "sim_token_1234567890")
	if err != nil {
		t.Fatal(err)
	}
	env, err := c.CreateEnvelope(ctx, clicksign.EnvelopeParams{Name: "Reserva 7 - Contratos", DeadlineAt: time.Now().Add(15 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := c.CreateDocument(ctx, env.ID, clicksign.DocumentUpload{Filename: "contratos.pdf", Content: []byte("%PDF-1.4\n%%EOF\n")})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	yes := true
	for i, p := range []struct{ name, email string }{{"Ana Beatriz Souza", "ana@example.com"}, {"Carlos Eduardo Lima", "carlos@example.com"}} {
		s, err := c.CreateSigner(ctx, env.ID, clicksign.SignerParams{Name: p.name, Email: p.email, Group: i + 1, Refusable: &yes})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.ID)
		if _, err := c.BulkRequirements(ctx, env.ID, []clicksign.BulkOperation{
			clicksign.AddRequirement(clicksign.Qualification(doc.ID, s.ID, clicksign.RoleSign)),
			clicksign.AddRequirement(clicksign.Authentication(doc.ID, s.ID, clicksign.AuthEmail)),
		}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.ActivateEnvelope(ctx, env.ID); err != nil {
		t.Fatal(err)
	}

	kicks := 0
	desk := &Desk{Host: host, Changed: func() { kicks++ }}
	code := func(err error) string { return crm.AsError(err).Code }
	if got := code(desk.Sign(env.ID, ids[1])); got != CodeSimNotActive {
		t.Fatalf("second group signing first = %q, want %q", got, CodeSimNotActive)
	}
	if got := code(desk.Refuse(env.ID, ids[0], "  ")); got != CodeSimReason {
		t.Fatalf("refusal without reason = %q", got)
	}
	if kicks != 0 {
		t.Fatalf("refused actions woke sync %d times", kicks)
	}
	if err := desk.Sign(env.ID, ids[0]); err != nil {
		t.Fatal(err)
	}
	if err := desk.Sign(env.ID, ids[1]); err != nil {
		t.Fatal(err)
	}
	if kicks != 2 {
		t.Fatalf("two signatures woke sync %d times, want 2", kicks)
	}
	views, err := desk.Envelopes()
	if err != nil || len(views) != 1 || views[0].Status != "closed" {
		t.Fatalf("views = %+v, %v", views, err)
	}
	if got := code(desk.AdvanceDays(0)); got != crm.CodeOutOfRange {
		t.Fatalf("advance 0 days = %q", got)
	}
}
