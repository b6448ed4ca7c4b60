package simulator_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"selo/backend/clicksign"
	"selo/backend/clicksign/simulator"
)

// The simulator is an http.Handler: serve it (httptest in tests, a loopback
// listener in the desktop app) and point a clicksign.Client at ".../api/v3".
func Example() {
	sim, _ := simulator.New(simulator.Options{Tokens: []string{"token"}})
	defer sim.Close()
	srv := httptest.NewServer(sim)
	defer srv.Close()

	c, _ := clicksign.New(srv.URL+"/api/v3", "token", clicksign.WithEnvironment(clicksign.Simulator))
	ctx := context.Background()
	env, _ := c.CreateEnvelope(ctx, clicksign.EnvelopeParams{Name: "Contrato"})
	doc, _ := c.CreateDocument(ctx, env.ID, clicksign.DocumentUpload{Filename: "contrato.pdf", Content: []byte("%PDF-1.4")})
	s, _ := c.CreateSigner(ctx, env.ID, clicksign.SignerParams{Name: "Maria da Silva", Email: "maria@example.com"})
	c.BulkRequirements(ctx, env.ID, []clicksign.BulkOperation{
		clicksign.AddRequirement(clicksign.Qualification(doc.ID, s.ID, clicksign.RoleSign)),
		clicksign.AddRequirement(clicksign.Authentication(doc.ID, s.ID, clicksign.AuthEmail)),
	})
	c.ActivateEnvelope(ctx, env.ID)

	sim.Sign(env.ID, s.ID) // control surface: the signer signs

	env, _ = c.GetEnvelope(ctx, env.ID)
	fmt.Println(env.Status)
	// Output: closed
}
