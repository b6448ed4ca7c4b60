package signing_test

import (
	"context"
	"errors"
	"testing"

	"selo/backend/crm"
	"selo/backend/docusign/oauth"
	"selo/backend/signing"
)

// fakeTokens is a signed-in key's token source.
type fakeTokens struct {
	token       string
	invalidated []string
}

func (f *fakeTokens) AccessToken(context.Context) (string, error) { return f.token, nil }
func (f *fakeTokens) Invalidate(stale string)                     { f.invalidated = append(f.invalidated, stale) }

// The connector refuses what cannot reach DocuSign with the code the screen
// explains, before any request: a Clicksign key, a Demo/Produção key never
// signed in ("Entrar"), a Simulador local with no simulator hosted.
func TestDocuSignConnectorRefusals(t *testing.T) {
	ctx := context.Background()
	conn := &signing.DocuSignConnector{}
	cases := []struct {
		name string
		key  crm.Integration
		code string
	}{
		{"clicksign key", crm.Integration{ID: 1, Provider: crm.ProviderClicksign, Environment: crm.EnvSandbox}, crm.CodeInternal},
		{"never signed in", crm.Integration{ID: 2, Provider: crm.ProviderDocuSign, Environment: crm.EnvProduction}, crm.CodeLoginRequired},
		{"no account chosen", crm.Integration{ID: 3, Provider: crm.ProviderDocuSign, Environment: crm.EnvSandbox, DocuSignBaseURI: "https://demo.docusign.net"}, crm.CodeLoginRequired},
		{"no simulator", crm.Integration{ID: 4, Provider: crm.ProviderDocuSign, Environment: crm.EnvSimulator}, oauth.CodeUnreachable},
		{"unknown environment", crm.Integration{ID: 5, Provider: crm.ProviderDocuSign, Environment: "marte"}, crm.CodeEnvironmentInvalid},
	}
	for _, c := range cases {
		if _, err := conn.Client(ctx, c.key); crm.AsError(err).Code != c.code {
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
		}
	}
	// A hosted simulator that cannot start says so on the first request.
	conn.SimulatorURL = func() (string, error) { return "", errors.New("port in use") }
	c, err := conn.Client(ctx, cases[3].key)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetEnvelope(ctx, "x"); crm.AsError(err).Code != oauth.CodeUnreachable {
		t.Fatalf("simulator down: %v", err)
	}
}

// One client per key, so everything the app does with one DocuSign account
// shares its rate limiter; choosing another account gives a new client.
func TestDocuSignConnectorOneClientPerKey(t *testing.T) {
	ctx := context.Background()
	asked := 0
	conn := &signing.DocuSignConnector{Tokens: func(env crm.Environment, keyID int64) (signing.DocuSignTokens, error) {
		asked++
		return &fakeTokens{token: "t"}, nil
	}}
	key := crm.Integration{ID: 7, Provider: crm.ProviderDocuSign, Environment: crm.EnvSandbox,
		DocuSignAccountID: "acc-1", DocuSignBaseURI: "https://demo.docusign.net"}
	a, err := conn.Client(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := conn.Client(ctx, key)
	if a != b {
		t.Fatal("two clients for one key")
	}
	key.DocuSignAccountID = "acc-2"
	if c, _ := conn.Client(ctx, key); c == a {
		t.Fatal("the same client after the account changed")
	}
	if asked == 0 {
		t.Fatal("the key's token source was never asked for")
	}
}
