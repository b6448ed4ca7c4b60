// Package oauthtest is a DocuSign account server on loopback: the three
// OAuth endpoints Selo's login uses (reference §2 and §10), strict where
// DocuSign is strict. It checks PKCE S256 against the challenge it was
// given, makes codes single-use, rotates refresh tokens (a used one is
// refused with invalid_grant), and can revoke the consent, refuse it
// (error=access_denied) or hold token answers back. Tests of
// backend/docusign/oauth run against it; the DocuSign Simulador local can
// mount it too.
//
// It never imports the client package, so a shared mistake cannot make
// both sides agree on something DocuSign would refuse.
package oauthtest

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Account is one account userinfo lists.
type Account struct {
	ID        string
	Name      string
	BaseURI   string
	IsDefault bool
}

// Stats counts what the server was asked, for assertions.
type Stats struct {
	// Authorizations are /oauth/auth requests answered with a code.
	Authorizations int
	// Exchanges are authorization_code grants that issued tokens.
	Exchanges int
	// Refreshes are refresh_token grants that issued tokens.
	Refreshes int
	// Refused are token requests answered with an OAuth error.
	Refused int
	// UserInfos are /oauth/userinfo requests answered with 200.
	UserInfos int
	// LastRefused is the error of the last refused token request.
	LastRefused string
}

type grant struct {
	challenge, redirect string
	expires             time.Time
	used                bool
}

type refreshState int

const (
	refreshActive refreshState = iota
	refreshRotated
	refreshRevoked
)

// Server is the fake account server. Configure its exported fields before
// the first request; change them later only through its methods.
type Server struct {
	// ClientID is the integration key it accepts.
	ClientID string
	// ExpiresIn is the access tokens' life in seconds (default 28800).
	ExpiresIn int
	// AccessTokenLen pads access tokens to this length (DocuSign's are
	// around a kilobyte); 0 leaves them short.
	AccessTokenLen int
	// Now is the clock for code and token expiry; nil means time.Now.
	Now func() time.Time

	mu       sync.Mutex
	deny     bool
	accounts []Account
	user     struct{ sub, name, email string }
	codes    map[string]*grant
	access   map[string]time.Time
	refresh  map[string]refreshState
	gate     chan struct{}
	stats    Stats
}

// New returns a server accepting clientID, with one default account whose
// base URI is baseURI.
func New(clientID, baseURI string) *Server {
	s := &Server{
		ClientID:  clientID,
		ExpiresIn: 28800,
		codes:     map[string]*grant{},
		access:    map[string]time.Time{},
		refresh:   map[string]refreshState{},
		accounts: []Account{{ID: "8f0a1c2e-0000-4000-8000-000000000001", Name: "Imobiliária Teste",
			BaseURI: baseURI, IsDefault: true}},
	}
	s.user.sub, s.user.name, s.user.email = "4799e5e9-0000-4000-8000-0000000000aa", "Gestora Teste", "gestora@example.com"
	return s
}

// SetAccounts replaces the accounts userinfo lists.
func (s *Server) SetAccounts(a ...Account) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accounts = append([]Account(nil), a...)
}

// Deny makes the sign-in page refuse (error=access_denied), as when the
// user clicks "Decline" on DocuSign's consent page.
func (s *Server) Deny(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deny = on
}

// Revoke withdraws the consent: every refresh and access token stops
// working, as when the user removes the app in DocuSign's settings.
func (s *Server) Revoke() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.refresh {
		s.refresh[k] = refreshRevoked
	}
	s.access = map[string]time.Time{}
}

// DropAccessTokens makes every access token issued so far unknown (401),
// while refresh tokens keep working: DocuSign ending a session early.
func (s *Server) DropAccessTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.access = map[string]time.Time{}
}

// HoldTokens makes every token request wait until ReleaseTokens, so a test
// can have several callers overlap one refresh.
func (s *Server) HoldTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gate = make(chan struct{})
}

// ReleaseTokens lets held token requests go on.
func (s *Server) ReleaseTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gate != nil {
		close(s.gate)
		s.gate = nil
	}
}

// Stats returns the counts so far.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// RefreshTokens lists the refresh tokens still accepted.
func (s *Server) RefreshTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for k, st := range s.refresh {
		if st == refreshActive {
			out = append(out, k)
		}
	}
	return out
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// ServeHTTP routes the three endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/oauth/auth":
		s.authorize(w, r)
	case "/oauth/token":
		s.token(w, r)
	case "/oauth/userinfo":
		s.userinfo(w, r)
	default:
		http.NotFound(w, r)
	}
}

// authorize stands for DocuSign's sign-in and consent pages: it approves
// at once (or refuses, after Deny) and sends the browser back.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	redirect := q.Get("redirect_uri")
	// An unregistered redirect URI is never redirected to (RFC 6749
	// §4.1.2.1): the page itself says what is wrong.
	if !loopbackRedirect(redirect) {
		http.Error(w, "redirect_uri not registered: "+redirect, http.StatusBadRequest)
		return
	}
	back := func(v url.Values) {
		v.Set("state", q.Get("state"))
		http.Redirect(w, r, redirect+"?"+v.Encode(), http.StatusFound)
	}
	switch {
	case q.Get("client_id") != s.ClientID:
		http.Error(w, "unknown client_id", http.StatusBadRequest)
		return
	case q.Get("response_type") != "code":
		back(url.Values{"error": {"unsupported_response_type"}})
		return
	case !hasScope(q.Get("scope"), "signature"):
		back(url.Values{"error": {"invalid_scope"}})
		return
	case q.Get("code_challenge_method") != "S256" || len(q.Get("code_challenge")) != 43:
		// A public client without PKCE is refused.
		back(url.Values{"error": {"invalid_request"}})
		return
	}
	s.mu.Lock()
	if s.deny {
		s.mu.Unlock()
		back(url.Values{"error": {"access_denied"}})
		return
	}
	code := random("code-", 0)
	s.codes[code] = &grant{challenge: q.Get("code_challenge"), redirect: redirect, expires: s.now().Add(5 * time.Minute)}
	s.stats.Authorizations++
	s.mu.Unlock()
	back(url.Values{"code": {code}})
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	gate := s.gate
	s.mu.Unlock()
	if gate != nil {
		<-gate
	}
	if r.Method != http.MethodPost || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		s.refuse(w, http.StatusBadRequest, "invalid_request")
		return
	}
	if err := r.ParseForm(); err != nil {
		s.refuse(w, http.StatusBadRequest, "invalid_request")
		return
	}
	// A public client has no secret: a Basic header would mean the
	// confidential variant, which this key is not.
	if r.Header.Get("Authorization") != "" || r.PostForm.Get("client_secret") != "" {
		s.refuse(w, http.StatusUnauthorized, "invalid_client")
		return
	}
	if r.PostForm.Get("client_id") != s.ClientID {
		s.refuse(w, http.StatusUnauthorized, "invalid_client")
		return
	}
	switch r.PostForm.Get("grant_type") {
	case "authorization_code":
		s.exchange(w, r.PostForm)
	case "refresh_token":
		s.rotate(w, r.PostForm)
	default:
		s.refuse(w, http.StatusBadRequest, "unsupported_grant_type")
	}
}

func (s *Server) exchange(w http.ResponseWriter, f url.Values) {
	s.mu.Lock()
	g, ok := s.codes[f.Get("code")]
	if !ok || g.used || s.now().After(g.expires) {
		s.mu.Unlock()
		s.refuse(w, http.StatusBadRequest, "invalid_grant")
		return
	}
	// A code is single-use even when the attempt fails, so a stolen code
	// cannot be tried with several verifiers.
	g.used = true
	v := f.Get("code_verifier")
	sum := sha256.Sum256([]byte(v))
	if len(v) < 43 || len(v) > 128 || base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge ||
		(f.Has("redirect_uri") && f.Get("redirect_uri") != g.redirect) {
		s.mu.Unlock()
		s.refuse(w, http.StatusBadRequest, "invalid_grant")
		return
	}
	s.stats.Exchanges++
	s.mu.Unlock()
	s.issue(w)
}

func (s *Server) rotate(w http.ResponseWriter, f url.Values) {
	s.mu.Lock()
	rt := f.Get("refresh_token")
	if st, ok := s.refresh[rt]; !ok || st != refreshActive {
		s.mu.Unlock()
		s.refuse(w, http.StatusBadRequest, "invalid_grant")
		return
	}
	s.refresh[rt] = refreshRotated
	s.stats.Refreshes++
	s.mu.Unlock()
	s.issue(w)
}

// issue answers a new token pair.
func (s *Server) issue(w http.ResponseWriter) {
	s.mu.Lock()
	at, rt := random("at-", s.AccessTokenLen), random("rt-", 0)
	s.access[at] = s.now().Add(time.Duration(s.ExpiresIn) * time.Second)
	s.refresh[rt] = refreshActive
	exp := s.ExpiresIn
	s.mu.Unlock()
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": at, "token_type": "Bearer", "refresh_token": rt, "expires_in": exp,
	})
}

func (s *Server) refuse(w http.ResponseWriter, status int, code string) {
	s.mu.Lock()
	s.stats.Refused++
	s.stats.LastRefused = code
	s.mu.Unlock()
	writeJSON(w, status, map[string]string{"error": code, "error_description": "refused by oauthtest"})
}

func (s *Server) userinfo(w http.ResponseWriter, r *http.Request) {
	at, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	s.mu.Lock()
	exp, known := s.access[at]
	if !ok || !known || !s.now().Before(exp) {
		s.mu.Unlock()
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_token"})
		return
	}
	s.stats.UserInfos++
	accs := make([]map[string]any, 0, len(s.accounts))
	for _, a := range s.accounts {
		accs = append(accs, map[string]any{"account_id": a.ID, "account_name": a.Name, "base_uri": a.BaseURI, "is_default": a.IsDefault})
	}
	body := map[string]any{"sub": s.user.sub, "name": s.user.name, "email": s.user.email,
		"given_name": "Gestora", "family_name": "Teste", "created": "2015-08-13T22:03:03.45", "accounts": accs}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// loopbackRedirect accepts the loopback redirect URIs a Selo key would
// register: http://127.0.0.1:<port>/callback or http://localhost:<port>/callback.
func loopbackRedirect(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "http" || u.Path != "/callback" || u.RawQuery != "" {
		return false
	}
	host, port, err := net.SplitHostPort(u.Host)
	if err != nil || (host != "127.0.0.1" && host != "localhost") {
		return false
	}
	p, err := strconv.Atoi(port)
	return err == nil && p > 0
}

func hasScope(scopes, want string) bool {
	for _, s := range strings.Fields(scopes) {
		if s == want {
			return true
		}
	}
	return false
}

// random returns prefix plus 32 random bytes in base64url, padded with
// "x" to n characters when n is larger.
func random(prefix string, n int) string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	s := prefix + base64.RawURLEncoding.EncodeToString(b)
	if len(s) < n {
		s += strings.Repeat("x", n-len(s))
	}
	return s
}
