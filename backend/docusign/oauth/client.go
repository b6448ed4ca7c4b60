// Package oauth signs an office into DocuSign from the desktop: the
// Authorization Code Grant for a public client with PKCE, through the
// system browser and a one-shot loopback listener (reference §2), and then
// keeps the office's tokens fresh. The tokens live only in the secrets
// store (the OS keyring); nothing here writes them anywhere else, and no
// error or log line carries one.
//
// Every UNCONFIRMED fact about DocuSign is in assumptions.go.
package oauth

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"selo/backend/crm"
	"selo/backend/secrets"
)

// Opener opens url in the system browser. It must return once the browser
// was asked to open (runtime.BrowserOpenURL in the app; a fake browser in
// tests), not wait for the page.
type Opener func(url string) error

// Config is how a Client reaches one DocuSign account server.
type Config struct {
	// Server is the account server's origin, e.g. DemoAccountServer (see
	// AccountServer), or the Simulador local's / a test server's URL.
	Server string
	// ClientID overrides IntegrationKey (tests, the simulator).
	ClientID string
	// Secrets is where the tokens live.
	Secrets secrets.Store
	// Opener opens the sign-in page; Login needs it.
	Opener Opener
	// HTTPClient calls the account server; nil means one with a timeout.
	HTTPClient *http.Client
	// Ports overrides RedirectPorts; a 0 entry means any free port (tests).
	Ports []int
	// LoginTimeout overrides DefaultLoginTimeout.
	LoginTimeout time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Client logs keys into one account server and hands out their tokens.
// Keep one Client per account server for the process: the TokenSource of a
// key is shared through it, which is what makes concurrent users of a key
// share a single refresh.
type Client struct {
	cfg     Config
	defHTTP *http.Client

	mu      sync.Mutex
	sources map[int64]*TokenSource
}

// New returns a Client for cfg.
func New(cfg Config) (*Client, error) {
	cfg.Server = strings.TrimRight(strings.TrimSpace(cfg.Server), "/")
	if cfg.Server == "" || cfg.Secrets == nil {
		return nil, crm.E(crm.CodeInternal).Wrap(errors.New("oauth: Config needs Server and Secrets"))
	}
	return &Client{
		cfg:     cfg,
		defHTTP: &http.Client{Timeout: httpTimeout},
		sources: map[int64]*TokenSource{},
	}, nil
}

func (c *Client) clientID() string {
	if c.cfg.ClientID != "" {
		return c.cfg.ClientID
	}
	return IntegrationKey
}

func (c *Client) http() *http.Client {
	if c.cfg.HTTPClient != nil {
		return c.cfg.HTTPClient
	}
	return c.defHTTP
}

func (c *Client) now() time.Time {
	if c.cfg.Now != nil {
		return c.cfg.Now()
	}
	return time.Now()
}

func (c *Client) ports() []int {
	if len(c.cfg.Ports) > 0 {
		return c.cfg.Ports
	}
	return RedirectPorts
}

func (c *Client) loginTimeout() time.Duration {
	if c.cfg.LoginTimeout > 0 {
		return c.cfg.LoginTimeout
	}
	return DefaultLoginTimeout
}

// TokenSource returns the key's token source, the same one for every
// caller of this Client.
func (c *Client) TokenSource(keyID int64) *TokenSource {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.sources[keyID]
	if !ok {
		s = &TokenSource{c: c, keyID: keyID}
		c.sources[keyID] = s
	}
	return s
}

// UserInfo asks DocuSign again who the key's user is and which accounts
// they have ("Testar conexão", or choosing another account). DocuSign
// limits these calls per hour: call it on a user's request, not in loops.
// A refused access token is refreshed once; refused again, the consent is
// gone (crm.CodeLoginRequired).
func (c *Client) UserInfo(ctx context.Context, keyID int64) (UserInfo, error) {
	ts := c.TokenSource(keyID)
	for attempt := 0; ; attempt++ {
		access, err := ts.AccessToken(ctx)
		if err != nil {
			return UserInfo{}, err
		}
		u, err := c.fetchUserInfo(ctx, access)
		if errors.Is(err, errUnauthorized) && attempt == 0 {
			ts.Invalidate(access)
			continue
		}
		return u, err
	}
}

// Logout forgets the key's tokens on this computer (the key is deleted, or
// the office signs in with another user).
func (c *Client) Logout(ctx context.Context, keyID int64) error {
	return c.TokenSource(keyID).forget(ctx)
}
