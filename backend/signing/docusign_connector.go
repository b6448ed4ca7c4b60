package signing

import (
	"context"
	"errors"
	"strings"
	"sync"

	"selo/backend/crm"
	"selo/backend/docusign"
	"selo/backend/docusign/oauth"
)

// DocuSignClients gives the DocuSign client of a key. The send, the status
// passes and the envelope actions all ask it, so the rate limiter of one
// DocuSign account is shared by everything the app does with it.
type DocuSignClients interface {
	// Client returns the client of a DocuSign key, or the crm error that
	// says why it cannot be reached (integration.login_required for a key
	// never signed in, docusign.unreachable for a Simulador local not
	// hosted).
	Client(ctx context.Context, key crm.Integration) (*docusign.Client, error)
}

// DocuSignTokens is a signed-in key's access token; *oauth.TokenSource
// implements it (refresh and rotation live there, in the keyring).
type DocuSignTokens interface {
	// AccessToken returns a usable access token, or crm.CodeLoginRequired
	// when the consent is gone.
	AccessToken(ctx context.Context) (string, error)
	// Invalidate drops a token DocuSign refused, so the next call refreshes.
	Invalidate(stale string)
}

// SimulatorToken is the bearer token sent to the Simulador local: the
// training desk has no login, and the simulator accepts any non-empty token.
const SimulatorToken = "simulador-local"

// DocuSignConnector builds the DocuSign clients of keys: Demo and Produção
// keys through their oauth token source and the account the user chose
// (key.DocuSignAccountID / DocuSignBaseURI), the Simulador local through the
// in-app simulator with a fixed token. It keeps one client per key.
type DocuSignConnector struct {
	// Tokens returns the token source of keyID signed in on env (Demo or
	// Produção). main.go keeps one oauth.Client per account server and
	// passes its TokenSource here. Nil leaves those environments
	// unreachable.
	Tokens func(env crm.Environment, keyID int64) (DocuSignTokens, error)
	// SimulatorURL starts the in-app DocuSign simulator if needed and returns
	// its base URI; nil leaves the Simulador local unreachable.
	SimulatorURL func() (string, error)
	// SimulatorAccountID is the account id the simulator accepts, used when
	// a Simulador local key has none of its own.
	SimulatorAccountID string
	// Options tune every client (tests: a fake clock, short waits).
	Options docusign.Options

	mu      sync.Mutex
	clients map[int64]dsEntry
}

type dsEntry struct {
	env     crm.Environment
	account string
	base    string
	client  *docusign.Client
}

// Client returns the client of key, built once per key and account.
func (c *DocuSignConnector) Client(ctx context.Context, key crm.Integration) (*docusign.Client, error) {
	if key.Provider != crm.ProviderDocuSign {
		return nil, crm.E(crm.CodeInternal).Wrap(errors.New("signing: DocuSign client asked for a non-DocuSign key"))
	}
	src, err := c.source(key)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.clients[key.ID]; ok && e.env == key.Environment && e.account == key.DocuSignAccountID && e.base == key.DocuSignBaseURI {
		return e.client, nil
	}
	if c.clients == nil {
		c.clients = map[int64]dsEntry{}
	}
	cl := docusign.New(src, c.Options)
	c.clients[key.ID] = dsEntry{env: key.Environment, account: key.DocuSignAccountID, base: key.DocuSignBaseURI, client: cl}
	return cl, nil
}

func (c *DocuSignConnector) source(key crm.Integration) (docusign.TokenSource, error) {
	switch key.Environment {
	case crm.EnvSimulator:
		if c.SimulatorURL == nil {
			return nil, crm.E(oauth.CodeUnreachable, "environment", string(key.Environment))
		}
		account := key.DocuSignAccountID
		if account == "" {
			account = c.SimulatorAccountID
		}
		return &simulatorTokens{url: c.SimulatorURL, account: account}, nil
	case crm.EnvSandbox, crm.EnvProduction:
		if key.DocuSignAccountID == "" || key.DocuSignBaseURI == "" {
			// Never signed in (or the account was never chosen): the user
			// must "Entrar" before anything can be sent.
			return nil, crm.E(crm.CodeLoginRequired, "keyId", key.ID)
		}
		if c.Tokens == nil {
			return nil, crm.E(oauth.CodeUnreachable, "environment", string(key.Environment))
		}
		t, err := c.Tokens(key.Environment, key.ID)
		if err != nil {
			return nil, err
		}
		return &keyTokens{tokens: t, base: key.DocuSignBaseURI, account: key.DocuSignAccountID}, nil
	}
	return nil, crm.E(crm.CodeEnvironmentInvalid).OnField("environment")
}

// keyTokens adapts a key's oauth token source to docusign.TokenSource.
type keyTokens struct {
	tokens  DocuSignTokens
	base    string
	account string
}

func (k *keyTokens) Token(ctx context.Context) (string, string, string, error) {
	t, err := k.tokens.AccessToken(ctx)
	if err != nil {
		return "", "", "", err
	}
	return t, k.base, k.account, nil
}

func (k *keyTokens) InvalidateToken(accessToken string) { k.tokens.Invalidate(accessToken) }

// simulatorTokens points the client at the in-app simulator, started on the
// first request.
type simulatorTokens struct {
	url     func() (string, error)
	account string
}

func (s *simulatorTokens) Token(context.Context) (string, string, string, error) {
	u, err := s.url()
	if err != nil {
		return "", "", "", crm.E(oauth.CodeUnreachable, "environment", string(crm.EnvSimulator)).Wrap(err)
	}
	return SimulatorToken, strings.TrimRight(u, "/"), s.account, nil
}
