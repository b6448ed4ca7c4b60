package oauth

import (
	"strconv"
	"time"

	"selo/backend/crm"
)

// This file gathers every choice made where the reference
// (shared/reference/docusign-api.md §2) marks DocuSign's behaviour as
// UNCONFIRMED, plus the policy values worth finding in one place, so each
// can be changed here and nowhere else.

// IntegrationKey is Selo's DocuSign integration key (client_id). It is a
// PUBLIC client: the key is registered as "Native OS Application" with "Is
// your application able to securely store a client secret? No", so no
// secret and no private key ship with Selo and the key itself is not a
// secret. The value below is a placeholder until the key is created in
// DocuSign's developer account and passes Go-Live review; every login uses
// it unless Config.ClientID overrides it (tests, the simulator).
const IntegrationKey = "00000000-0000-4000-8000-000000000000"

// The account servers (OAuth authority) of DocuSign's two environments.
// Which account a user reaches is decided there; the eSignature base URI
// comes from userinfo afterwards and is never derived from these.
const (
	// DemoAccountServer is the developer ("Demo") environment.
	DemoAccountServer = "https://account-d.docusign.com"
	// ProductionAccountServer is the production environment.
	ProductionAccountServer = "https://account.docusign.com"
)

// AccountServer returns the account server of a key's environment: Demo
// (crm.EnvSandbox) or Produção. The Simulador local runs its own server on
// loopback, whose URL only the caller knows, so it gets "" here.
func AccountServer(env crm.Environment) string {
	switch env {
	case crm.EnvSandbox:
		return DemoAccountServer
	case crm.EnvProduction:
		return ProductionAccountServer
	}
	return ""
}

// Scopes is what Selo asks for: "signature" for the eSignature REST calls
// and "extended" for a refresh token whose life slides with each refresh
// (~30 days). That "extended" must be in the first authorization request
// and cannot be added at refresh time is UNCONFIRMED; asking for it up
// front is harmless either way.
const Scopes = "signature extended"

// RedirectPorts are the loopback ports Selo listens on for the browser's
// return, tried in order. Whether DocuSign matches loopback redirect URIs
// port-agnostically (RFC 8252 §7.3) is UNCONFIRMED, so every one of these
// must be registered on the integration key; the fallbacks cover a port
// that another program holds.
var RedirectPorts = []int{47615, 47616, 47617}

// CallbackPath is the path of the redirect URI.
const CallbackPath = "/callback"

// RedirectURI is the redirect URI registered on the key for a port. It
// names 127.0.0.1, the address Selo listens on, rather than "localhost",
// so a browser that resolves localhost to ::1 first still reaches Selo.
// Whether DocuSign accepts an IP-literal loopback URI (RFC 8252 §7.3
// recommends it) is UNCONFIRMED; "http://localhost:<port>/callback" is
// the form seen in demo keys, and the listener accepts both Host names.
func RedirectURI(port int) string {
	return "http://127.0.0.1:" + strconv.Itoa(port) + CallbackPath
}

// sendRedirectURIOnExchange: whether the public (PKCE) token request also
// needs redirect_uri is UNCONFIRMED; RFC 6749 §4.1.3 requires it when the
// authorization request carried one, so it is sent.
const sendRedirectURIOnExchange = true

// Token lifetimes and refresh policy.
const (
	// fallbackAccessLifetime is assumed when a token answer carries no
	// usable expires_in. DocuSign's ACG tokens last 8 h (expires_in 28800,
	// UNCONFIRMED beyond community sources); assuming less only costs an
	// early refresh, assuming more would send expired tokens.
	fallbackAccessLifetime = time.Hour

	// RefreshMargin: a token with less life than this left is refreshed
	// before use (reference §2.4: "< 5 min left"), so a send that starts
	// with it does not meet an expiry halfway.
	RefreshMargin = 5 * time.Minute

	// refreshTimeout bounds one refresh. The refresh runs detached from
	// the caller that started it: DocuSign consumes the old refresh token
	// on receipt (rotation, UNCONFIRMED for public clients), so abandoning
	// the answer halfway would lose the office's consent.
	refreshTimeout = 30 * time.Second
)

// Refresh-token rotation: each refresh is taken to return a NEW refresh
// token that replaces the stored one (documented for ACG, UNCONFIRMED for
// the public variant). An answer without refresh_token keeps the old one.
//
// Revocation: invalid_grant on refresh is taken to mean the consent is
// gone (revoked, or the refresh token's ~30 days passed unused); the
// stored tokens are deleted and the user is asked to "Entrar de novo"
// (crm.CodeLoginRequired).

// Login policy.
const (
	// DefaultLoginTimeout is how long a login waits for the browser to come
	// back. A user who closes the browser never comes back; the wait must
	// end on its own. DocuSign's sign-in may include an e-mailed code or a
	// second factor, hence minutes, not seconds.
	DefaultLoginTimeout = 10 * time.Minute

	// callbackAnswerTimeout bounds how long the browser's tab waits for
	// Selo to finish the exchange and say whether the login worked.
	callbackAnswerTimeout = 45 * time.Second

	// httpTimeout bounds each call to the account server.
	httpTimeout = 30 * time.Second

	// maxBodyBytes caps what Selo reads from the account server.
	maxBodyBytes = 1 << 20
)
