package oauth_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"selo/backend/crm"
	"selo/backend/docusign/oauth"
	"selo/backend/docusign/oauth/oauthtest"
	"selo/backend/secrets"
)

func TestEnvironmentsAndRedirectURI(t *testing.T) {
	for env, want := range map[crm.Environment]string{
		crm.EnvSandbox:    "https://account-d.docusign.com",
		crm.EnvProduction: "https://account.docusign.com",
		crm.EnvSimulator:  "",
	} {
		if got := oauth.AccountServer(env); got != want {
			t.Errorf("AccountServer(%s) = %q, want %q", env, got, want)
		}
	}
	if got := oauth.RedirectURI(47615); got != "http://127.0.0.1:47615/callback" {
		t.Errorf("RedirectURI = %q", got)
	}
	if len(oauth.RedirectPorts) < 2 {
		t.Error("no fallback port")
	}
}

// Without an override every login presents Selo's one integration key.
func TestTheIntegrationKeyIsTheDefaultClientID(t *testing.T) {
	as := oauthtest.New(oauth.IntegrationKey, "https://demo.docusign.net")
	srv := httptest.NewServer(as)
	defer srv.Close()
	b := newBrowser()
	c, err := oauth.New(oauth.Config{Server: srv.URL + "/", Secrets: secrets.NewMemory(), Opener: b.open, Ports: []int{0}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Login(context.Background(), 1); err != nil {
		t.Fatalf("Login with the built-in key: %v", err)
	}
	b.page(t)
	if got := b.lastAuthURL().Query().Get("client_id"); got != oauth.IntegrationKey {
		t.Fatalf("client_id = %q", got)
	}
	if _, err := oauth.New(oauth.Config{Server: " ", Secrets: secrets.NewMemory()}); err == nil {
		t.Fatal("a Client without a server was accepted")
	}
}
