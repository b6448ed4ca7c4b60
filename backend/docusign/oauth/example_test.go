package oauth_test

import (
	"context"
	"fmt"

	"selo/backend/crm"
	"selo/backend/docusign/oauth"
	"selo/backend/secrets"
)

// How the app wires a DocuSign key: one Client per account server, the
// system browser as Opener (runtime.BrowserOpenURL in app/), the OS
// keyring as store; the office picks the account, and the API client asks
// the TokenSource for a token before each call.
func Example() {
	c, err := oauth.New(oauth.Config{
		Server:  oauth.AccountServer(crm.EnvSandbox),
		Secrets: secrets.NewKeyring(),
		Opener:  func(url string) error { return nil /* runtime.BrowserOpenURL(ctx, url) */ },
	})
	if err != nil {
		return
	}
	const keyID = 42
	info, err := c.Login(context.Background(), keyID)
	if err != nil {
		return // crm.Error: docusign.login_timeout, docusign.login_denied, ...
	}
	account, ok := info.DefaultAccount()
	if !ok {
		return // several accounts and no default: let the office choose
	}
	access, err := c.TokenSource(keyID).AccessToken(context.Background())
	if err != nil {
		return // integration.login_required: offer "Entrar de novo"
	}
	fmt.Println(account.BaseURI+"/restapi", len(access) > 0)
}
