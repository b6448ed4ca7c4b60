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

// Several accounts and none marked default: the office must choose; one
// account alone is the obvious choice.
func TestDefaultAccountNeedsAChoiceWhenNoneIsMarked(t *testing.T) {
	two := oauth.UserInfo{Accounts: []oauth.Account{{ID: "a"}, {ID: "b"}}}
	if a, ok := two.DefaultAccount(); ok {
		t.Fatalf("DefaultAccount = %+v; want a choice", a)
	}
	if a, ok := two.Account("b"); !ok || a.ID != "b" {
		t.Fatalf("Account(b) = %+v %v", a, ok)
	}
	if _, ok := two.Account("c"); ok {
		t.Fatal("an account the user does not have was found")
	}
	one := oauth.UserInfo{Accounts: []oauth.Account{{ID: "a"}}}
	if a, ok := one.DefaultAccount(); !ok || a.ID != "a" {
		t.Fatalf("single account = %+v %v", a, ok)
	}
}
