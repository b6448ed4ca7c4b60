package oauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"selo/backend/crm"
	"selo/backend/logging"
	"selo/backend/secrets"
)

// Token is a DocuSign access token with the refresh token that renews it.
// Its String, GoString and LogValue show only the last four characters of
// each token, so a Token printed or logged by mistake leaks nothing.
type Token struct {
	// AccessToken is sent as "Authorization: Bearer". It may be empty in a
	// stored Token when the pair was too long for the keyring (see save).
	AccessToken string `json:"access,omitempty"`
	// RefreshToken renews the access token; DocuSign replaces it on each
	// refresh.
	RefreshToken string `json:"refresh"`
	// Expiry is when the access token stops working (UTC).
	Expiry time.Time `json:"expiry,omitzero"`
}

// String masks both tokens.
func (t Token) String() string {
	return fmt.Sprintf("oauth.Token{access:%s refresh:%s expiry:%s}",
		logging.MaskToken(t.AccessToken), logging.MaskToken(t.RefreshToken), t.Expiry.Format(time.RFC3339))
}

// GoString masks both tokens for %#v too.
func (t Token) GoString() string { return t.String() }

// LogValue masks both tokens in structured logs.
func (t Token) LogValue() slog.Value { return slog.StringValue(t.String()) }

// fresh reports whether the access token can still be used at now without
// meeting its expiry within RefreshMargin.
func (t Token) fresh(now time.Time) bool {
	return t.AccessToken != "" && now.Add(RefreshMargin).Before(t.Expiry)
}

// TokenSecretKey is the keyring entry holding a DocuSign key's tokens: one
// entry per Selo key id, beside "clicksign/<id>".
func TokenSecretKey(keyID int64) string { return "docusign/" + strconv.FormatInt(keyID, 10) }

// storedToken is the keyring entry's JSON. V lets a later Selo change the
// layout and still read what an older one wrote.
type storedToken struct {
	V int `json:"v"`
	Token
}

// saveToken writes t under the key's entry. DocuSign's tokens are long
// (around a kilobyte each), and the pair can pass secrets.MaxValueLen, the
// most every OS keyring holds; then only the refresh token is kept, since
// it alone can get a new access token, and the next use refreshes first.
func saveToken(ctx context.Context, store secrets.Store, keyID int64, t Token) error {
	b, err := json.Marshal(storedToken{V: 1, Token: t})
	if err != nil {
		return crm.E(crm.CodeInternal).Wrap(err)
	}
	if len(b) > secrets.MaxValueLen {
		b, err = json.Marshal(storedToken{V: 1, Token: Token{RefreshToken: t.RefreshToken}})
		if err != nil {
			return crm.E(crm.CodeInternal).Wrap(err)
		}
	}
	return store.Set(ctx, TokenSecretKey(keyID), string(b))
}

// loadToken reads the key's tokens. A missing or unreadable entry means
// the user has to sign in (again); a keyring that does not answer stays
// its own error, since signing in again would not help.
func loadToken(ctx context.Context, store secrets.Store, keyID int64) (Token, error) {
	raw, err := store.Get(ctx, TokenSecretKey(keyID))
	if errors.Is(err, secrets.ErrNotFound) {
		return Token{}, crm.E(crm.CodeLoginRequired)
	}
	if err != nil {
		return Token{}, err
	}
	var st storedToken
	// The decoder's error names positions and types, never the content.
	if err := json.Unmarshal([]byte(raw), &st); err != nil {
		return Token{}, crm.E(crm.CodeLoginRequired).Wrap(fmt.Errorf("unreadable keyring entry: %w", err))
	}
	if st.RefreshToken == "" {
		return Token{}, crm.E(crm.CodeLoginRequired)
	}
	registerSecrets(st.Token)
	return st.Token, nil
}

// registerSecrets tells the log redactor about t's tokens, so one that
// slips into a library's error text is masked anyway.
func registerSecrets(t Token) {
	logging.Default.AddSecret(t.AccessToken)
	logging.Default.AddSecret(t.RefreshToken)
}

// oauthError is an OAuth error answer of the token endpoint (RFC 6749
// §5.2). Only the error code is kept: error_description is DocuSign's free
// text and could echo what was sent.
type oauthError struct {
	Status int
	Code   string
}

func (e *oauthError) Error() string {
	return fmt.Sprintf("token endpoint: HTTP %d error=%s", e.Status, e.Code)
}

// tokenAnswer is the token endpoint's JSON.
type tokenAnswer struct {
	AccessToken  string          `json:"access_token"`
	TokenType    string          `json:"token_type"`
	RefreshToken string          `json:"refresh_token"`
	ExpiresIn    json.RawMessage `json:"expires_in"`
	Error        string          `json:"error"`
}

// postToken calls the token endpoint as a public client: client_id in the
// form and no Authorization header (the Basic header is the confidential
// variant's, with a secret Selo does not have).
func (c *Client) postToken(ctx context.Context, form url.Values) (Token, error) {
	form.Set("client_id", c.clientID())
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.Server+"/oauth/token", strings.NewReader(form.Encode()))
	if err != nil {
		return Token{}, crm.E(crm.CodeInternal).Wrap(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := c.http().Do(req)
	if err != nil {
		return Token{}, transportError(ctx, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	if err != nil {
		return Token{}, transportError(ctx, err)
	}
	var a tokenAnswer
	jsonErr := json.Unmarshal(body, &a)
	if resp.StatusCode != http.StatusOK {
		if jsonErr == nil && a.Error != "" && resp.StatusCode < 500 {
			return Token{}, &oauthError{Status: resp.StatusCode, Code: safeCode(a.Error)}
		}
		return Token{}, crm.E(CodeServiceError, "status", resp.StatusCode, "error", safeCode(a.Error))
	}
	if jsonErr != nil || a.AccessToken == "" {
		return Token{}, crm.E(CodeServiceError, "status", resp.StatusCode, "error", "bad_token_answer")
	}
	t := Token{AccessToken: a.AccessToken, RefreshToken: a.RefreshToken, Expiry: c.now().Add(lifetime(a.ExpiresIn)).UTC()}
	registerSecrets(t)
	return t, nil
}

// lifetime reads expires_in, a number of seconds that some servers send as
// a string; anything unusable means fallbackAccessLifetime.
func lifetime(raw json.RawMessage) time.Duration {
	s := strings.Trim(strings.TrimSpace(string(raw)), `"`)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return fallbackAccessLifetime
	}
	return time.Duration(n) * time.Second
}

// transportError maps a failed round trip: the caller's cancellation stays
// a cancellation (Login words it as its own), anything else is "DocuSign did not answer". The cause is
// kept for the log; it names the endpoint, never a token (tokens travel in
// bodies and headers, not URLs).
func transportError(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return crm.E(crm.CodeCanceled).Wrap(err)
	}
	return crm.E(CodeUnreachable).Wrap(err)
}

// safeCode keeps an error code that came from outside (the token endpoint
// or the browser's query string) to the shape OAuth codes have, so nothing
// else reaches an error's data and the screen.
func safeCode(s string) string {
	if len(s) > 40 {
		return "other"
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && r != '_' {
			return "other"
		}
	}
	return s
}
