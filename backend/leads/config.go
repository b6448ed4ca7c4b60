package leads

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/url"
	"strconv"
	"strings"

	"selo/backend/crm"
	"selo/backend/inbound"
)

// SettingKey is the settings row holding the integration configuration as
// one JSON object, so that a change is written all at once.
const SettingKey = "jivochat.integration"

// WebhookPath is the listener route JivoChat posts to; the token follows it.
const WebhookPath = "/webhooks/jivochat/"

// IntegrationConfig is the JivoChat integration as the office sets it up.
type IntegrationConfig struct {
	// UserID is the gestor who owns the integration.
	UserID int64 `json:"userId"`
	// TokenID is the gestor's token that goes into the URL ("Qual token?").
	TokenID int64 `json:"tokenId"`
	// PublicBaseURL is where the internet reaches this computer's listener
	// (a reverse proxy or tunnel), e.g. https://crm.imobiliaria.com.br.
	PublicBaseURL string `json:"publicBaseUrl"`
	// ListenHost is the IP the listener binds (default 127.0.0.1).
	ListenHost string `json:"listenHost"`
	// ListenPort is the listener's port (default inbound.DefaultPort).
	ListenPort int `json:"listenPort"`
	// Configured is set on answers only: a gestor and a token were chosen.
	Configured bool `json:"configured"`
}

func (c IntegrationConfig) withDefaults() IntegrationConfig {
	if c.ListenHost == "" {
		c.ListenHost = inbound.DefaultHost
	}
	if c.ListenPort == 0 {
		c.ListenPort = inbound.DefaultPort
	}
	c.Configured = c.UserID != 0 && c.TokenID != 0
	return c
}

// Settings is where the configuration is kept; *sqlstore.DB implements it.
type Settings interface {
	Setting(ctx context.Context, key string) (value string, ok bool, err error)
	SetSetting(ctx context.Context, key, value string) error
}

// Users is what the integration needs from package users; *users.Service
// implements it.
type Users interface {
	User(ctx context.Context, id int64) (crm.User, error)
	Token(ctx context.Context, id int64) (crm.UserToken, error)
	TokenPlain(ctx context.Context, tokenID int64) (string, error)
	inbound.TokenSource
}

// Config reads the saved configuration with defaults applied; Configured
// is false until Configure succeeded once.
func (s *Service) Config(ctx context.Context) (IntegrationConfig, error) {
	v, ok, err := s.settings.Setting(ctx, SettingKey)
	if err != nil || !ok {
		return IntegrationConfig{}.withDefaults(), err
	}
	var c IntegrationConfig
	if err := json.Unmarshal([]byte(v), &c); err != nil {
		// A damaged value behaves as "not configured" rather than locking
		// the office out of the screen that fixes it.
		s.log.Error("jivochat settings unreadable", "err", err)
		return IntegrationConfig{}.withDefaults(), nil
	}
	return c.withDefaults(), nil
}

// normalizePublicURL checks the public base address and returns it without
// a trailing slash; reason names what is wrong.
func normalizePublicURL(raw string) (string, string) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "", "syntax"
	case u.Scheme != "http" && u.Scheme != "https":
		return "", "scheme"
	case u.Host == "" || u.Hostname() == "":
		return "", "host"
	case u.User != nil:
		return "", "credentials"
	case u.RawQuery != "" || u.ForceQuery:
		return "", "query"
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return "", "fragment"
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "", "port"
		}
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	return strings.TrimRight(u.String(), "/"), ""
}

// check validates a configuration against the users and tokens as they are
// now, listing every problem. It is used by Configure and, for the screen's
// warning, by Status; withKeyring also proves the token can be read back,
// which Status skips because the screen polls it and a keyring may be slow.
func (s *Service) check(ctx context.Context, c IntegrationConfig, withKeyring bool) (IntegrationConfig, *crm.Invalid, error) {
	v := &crm.Invalid{}
	userOK := false
	if c.UserID == 0 {
		v.Add(crm.E(crm.CodeRequired).OnField("userId"))
	} else {
		u, err := s.users.User(ctx, c.UserID)
		switch {
		case errors.Is(err, crm.E(crm.CodeNotFound)):
			v.Add(crm.E(crm.CodeNotFound).OnField("userId"))
		case err != nil:
			return c, nil, err
		case !u.Active:
			v.Add(crm.E(CodeUserInactive, "name", u.Name).OnField("userId"))
		case u.Role != crm.RoleGestor:
			v.Add(crm.E(CodeUserNotGestor, "name", u.Name).OnField("userId"))
		default:
			userOK = true
		}
	}
	if c.TokenID == 0 {
		v.Add(crm.E(crm.CodeRequired).OnField("tokenId"))
	} else {
		t, err := s.users.Token(ctx, c.TokenID)
		switch {
		case errors.Is(err, crm.E(crm.CodeNotFound)):
			v.Add(crm.E(crm.CodeNotFound).OnField("tokenId"))
		case err != nil:
			return c, nil, err
		case t.UserID != c.UserID:
			v.Add(crm.E(CodeTokenNotOwned).OnField("tokenId"))
		case !t.Active:
			v.Add(crm.E(CodeTokenRevoked, "name", t.Name).OnField("tokenId"))
		case userOK && withKeyring:
			// The URL is rebuilt from the keyring; a token the keyring lost
			// would give a configuration that cannot show its URL.
			if _, err := s.users.TokenPlain(ctx, t.ID); err != nil {
				e := crm.AsError(err)
				if e.Code == crm.CodeInternal {
					return c, nil, err
				}
				v.Add(e.OnField("tokenId"))
			}
		}
	}
	if strings.TrimSpace(c.PublicBaseURL) == "" {
		v.Add(crm.E(crm.CodeRequired).OnField("publicBaseUrl"))
	} else if u, reason := normalizePublicURL(c.PublicBaseURL); reason != "" {
		v.Add(crm.E(CodePublicURLInvalid, "reason", reason).OnField("publicBaseUrl"))
	} else {
		c.PublicBaseURL = u
	}
	c.ListenHost = strings.TrimSpace(c.ListenHost)
	if c.ListenHost != "" && net.ParseIP(strings.Trim(c.ListenHost, "[]")) == nil {
		v.Add(crm.E(CodeListenHostInvalid).OnField("listenHost"))
	} else if c.ListenHost != "" {
		c.ListenHost = net.ParseIP(strings.Trim(c.ListenHost, "[]")).String()
	}
	if c.ListenPort < 0 || c.ListenPort > 65535 {
		v.Add(crm.E(crm.CodeOutOfRange, "min", 1, "max", 65535).OnField("listenPort"))
	}
	return c.withDefaults(), v, nil
}

// Configure validates and saves the integration, and moves the listener to
// the new address when it is running. Every problem is reported at once as
// *crm.Invalid with pt-BR texts keyed by code on the frontend.
func (s *Service) Configure(ctx context.Context, c IntegrationConfig) (IntegrationConfig, error) {
	c, problems, err := s.check(ctx, c, true)
	if err != nil {
		return IntegrationConfig{}, err
	}
	if err := problems.Err(); err != nil {
		return IntegrationConfig{}, err
	}
	c.Configured = false // derived, not stored
	b, err := json.Marshal(c)
	if err != nil {
		return IntegrationConfig{}, err
	}
	s.life.Lock()
	defer s.life.Unlock()
	if err := s.settings.SetSetting(ctx, SettingKey, string(b)); err != nil {
		return IntegrationConfig{}, err
	}
	c = c.withDefaults()
	s.log.Info("jivochat integration configured", "user", c.UserID, "token", c.TokenID,
		"listen", net.JoinHostPort(c.ListenHost, strconv.Itoa(c.ListenPort)))
	if s.started {
		if err := s.applyListener(ctx, c); err != nil {
			return c, err
		}
	}
	return c, nil
}
