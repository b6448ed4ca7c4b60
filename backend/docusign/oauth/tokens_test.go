package oauth_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/docusign/oauth"
	"selo/backend/logging"
	"selo/backend/secrets"
)

type entry struct {
	Access, Refresh string
	Expiry          time.Time
}

func (f *fixture) entry(t *testing.T, keyID int64) entry {
	t.Helper()
	var e entry
	raw := f.stored(t, keyID)
	if raw == "" {
		t.Fatalf("no keyring entry for key %d", keyID)
	}
	if err := json.Unmarshal([]byte(raw), &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// RFC 7636 Appendix B: the challenge of a known verifier.
func TestChallengeIsS256OfTheVerifier(t *testing.T) {
	if got := oauth.Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"); got != "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" {
		t.Fatalf("Challenge = %q", got)
	}
	a, b := oauth.NewVerifier(), oauth.NewVerifier()
	if len(a) < 43 || len(a) > 128 || a == b || strings.ContainsAny(a, "+/=") {
		t.Fatalf("verifiers %q %q", a, b)
	}
}

// Shortly before the access token expires it is refreshed; DocuSign's new
// refresh token replaces the stored one, and the old one is dead.
func TestTokenSourceRefreshesBeforeExpiryAndStoresTheRotatedToken(t *testing.T) {
	f := newFixture(t)
	f.login(t, 7)
	before := f.entry(t, 7)
	ts := f.c.TokenSource(7)

	f.clock.Add(8*time.Hour - 6*time.Minute) // 6 min left: still fresh
	if at, err := ts.AccessToken(context.Background()); err != nil || at != before.Access {
		t.Fatalf("with 6 min left AccessToken = %q, %v; want the stored one", at, err)
	}
	f.clock.Add(2 * time.Minute) // 4 min left: inside RefreshMargin
	at, err := ts.AccessToken(context.Background())
	if err != nil || at == before.Access {
		t.Fatalf("with 4 min left AccessToken = %q, %v; want a refreshed token", at, err)
	}
	after := f.entry(t, 7)
	if after.Refresh == before.Refresh || after.Access != at || !after.Expiry.Equal(f.clock.Now().Add(8*time.Hour)) {
		t.Fatalf("keyring after refresh = %+v (before %+v)", after, before)
	}
	if st, body := f.postRefresh(t, before.Refresh); st != http.StatusBadRequest || !strings.Contains(body, "invalid_grant") {
		t.Fatalf("the old refresh token still works: %d %s", st, body)
	}
	if s := f.as.Stats(); s.Refreshes != 1 {
		t.Fatalf("refreshes = %d", s.Refreshes)
	}

	// A new process (new Client) reads the rotated token from the keyring.
	c2, _ := oauth.New(oauth.Config{Server: f.http.URL, ClientID: testClientID, Secrets: f.store, Now: f.clock.Now})
	f.clock.Add(8 * time.Hour)
	if _, err := c2.TokenSource(7).AccessToken(context.Background()); err != nil {
		t.Fatalf("a later session could not refresh with the stored token: %v", err)
	}
}

// Many callers needing a refresh at once share one: the single-use refresh
// token is spent once, and everyone gets the same new access token.
func TestConcurrentCallersShareOneRefresh(t *testing.T) {
	f := newFixture(t)
	f.login(t, 7)
	f.clock.Add(9 * time.Hour)
	f.as.HoldTokens()

	const n = 12
	var wg sync.WaitGroup
	got := make([]string, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Half go through another TokenSource call path: the Client
			// hands every caller of key 7 the same source.
			got[i], errs[i] = f.c.TokenSource(7).AccessToken(context.Background())
		}()
	}
	time.Sleep(100 * time.Millisecond) // let every caller queue behind the held refresh
	f.as.ReleaseTokens()
	wg.Wait()
	for i := range n {
		if errs[i] != nil || got[i] == "" || got[i] != got[0] {
			t.Fatalf("caller %d: %q, %v (caller 0: %q)", i, got[i], errs[i], got[0])
		}
	}
	if s := f.as.Stats(); s.Refreshes != 1 || s.Refused != 0 {
		t.Fatalf("server stats = %+v; want exactly one refresh", s)
	}
}

// A caller that gives up does not abandon the refresh it started: the
// rotated token still reaches the keyring, so the consent is not lost.
func TestACanceledCallerDoesNotLoseTheRotatedToken(t *testing.T) {
	f := newFixture(t)
	f.login(t, 7)
	before := f.entry(t, 7)
	f.clock.Add(9 * time.Hour)
	f.as.HoldTokens()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := f.c.TokenSource(7).AccessToken(ctx)
		errc <- err
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	wantCode(t, <-errc, crm.CodeCanceled)
	f.as.ReleaseTokens()
	waitFor(t, func() bool { return f.entry(t, 7).Refresh != before.Refresh })
	if _, err := f.c.TokenSource(7).AccessToken(context.Background()); err != nil {
		t.Fatalf("after the abandoned refresh: %v", err)
	}
	if s := f.as.Stats(); s.Refreshes != 1 || s.Refused != 0 {
		t.Fatalf("stats = %+v", s)
	}
}

// Consent revoked in DocuSign: the refresh is refused, the user is asked
// to "Entrar de novo", the dead tokens are removed, and later calls say
// the same without bothering DocuSign.
func TestRevokedConsentAsksToLogInAgainAndClearsTheTokens(t *testing.T) {
	f := newFixture(t)
	f.login(t, 7)
	f.login(t, 8) // another key stays untouched
	f.as.Revoke()
	f.clock.Add(9 * time.Hour)

	_, err := f.c.TokenSource(7).AccessToken(context.Background())
	wantCode(t, err, crm.CodeLoginRequired)
	if f.stored(t, 7) != "" {
		t.Fatal("the dead tokens are still in the keyring")
	}
	if f.stored(t, 8) == "" {
		t.Fatal("key 8's tokens were removed too")
	}
	refused := f.as.Stats().Refused
	_, err = f.c.TokenSource(7).AccessToken(context.Background())
	wantCode(t, err, crm.CodeLoginRequired)
	if f.as.Stats().Refused != refused {
		t.Fatal("asked DocuSign again with tokens known to be dead")
	}

	// "Entrar de novo" works and the key is usable again.
	f.as.Deny(false)
	f.login(t, 7)
	if _, err := f.c.TokenSource(7).AccessToken(context.Background()); err != nil {
		t.Fatalf("after logging in again: %v", err)
	}
}

// A key nobody signed into on this computer asks for a login.
func TestNoStoredConsentAsksToLogIn(t *testing.T) {
	f := newFixture(t)
	_, err := f.c.TokenSource(3).AccessToken(context.Background())
	wantCode(t, err, crm.CodeLoginRequired)
	if err := f.store.Set(context.Background(), oauth.TokenSecretKey(3), "not json"); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.TokenSource(3).AccessToken(context.Background())
	wantCode(t, err, crm.CodeLoginRequired)
}

// No network at refresh time: the stored tokens stay (they are not dead),
// and an access token that has not quite expired is still handed out.
func TestRefreshWithoutNetworkKeepsTheTokens(t *testing.T) {
	f := newFixture(t)
	f.login(t, 7)
	before := f.entry(t, 7)
	f.http.Close()

	f.clock.Add(8*time.Hour - 2*time.Minute)
	at, err := f.c.TokenSource(7).AccessToken(context.Background())
	if err != nil || at != before.Access {
		t.Fatalf("2 min before expiry, offline: %q, %v; want the still-valid token", at, err)
	}
	f.clock.Add(time.Hour)
	_, err = f.c.TokenSource(7).AccessToken(context.Background())
	wantCode(t, err, oauth.CodeUnreachable)
	if f.entry(t, 7) != before {
		t.Fatal("a network failure changed the stored tokens")
	}
}

// A 401 in the middle of a send: the caller reports the refused token and
// the next call refreshes once, however many callers report it.
func TestInvalidateAfterARefusedToken(t *testing.T) {
	f := newFixture(t)
	f.login(t, 7)
	ts := f.c.TokenSource(7)
	old, _ := ts.AccessToken(context.Background())
	ts.Invalidate(old)
	ts.Invalidate(old)
	nu, err := ts.AccessToken(context.Background())
	if err != nil || nu == old {
		t.Fatalf("after Invalidate: %q, %v", nu, err)
	}
	ts.Invalidate(old) // a late report about the old token changes nothing
	if again, _ := ts.AccessToken(context.Background()); again != nu {
		t.Fatal("a stale Invalidate caused another refresh")
	}
	if s := f.as.Stats(); s.Refreshes != 1 {
		t.Fatalf("refreshes = %d", s.Refreshes)
	}
}

// "Testar conexão": userinfo through the token source, refreshing once
// when DocuSign refuses the access token.
func TestUserInfoRefreshesARefusedToken(t *testing.T) {
	f := newFixture(t)
	f.login(t, 7)
	// DocuSign drops the access token early (its side, not the clock's);
	// the refresh token still works.
	f.as.DropAccessTokens()
	info, err := f.c.UserInfo(context.Background(), 7)
	if err != nil || len(info.Accounts) != 1 {
		t.Fatalf("UserInfo = %+v, %v", info, err)
	}
	if s := f.as.Stats(); s.Refreshes != 1 || s.UserInfos != 2 {
		t.Fatalf("stats = %+v; want one refresh and one more userinfo", s)
	}

	// Consent revoked: refused again after the refresh attempt.
	f.as.Revoke()
	_, err = f.c.UserInfo(context.Background(), 7)
	wantCode(t, err, crm.CodeLoginRequired)
	if f.stored(t, 7) != "" {
		t.Fatal("revoked tokens kept")
	}
}

// DocuSign's tokens are about a kilobyte each; when the pair is longer
// than every keyring holds, the refresh token alone is kept and the next
// use refreshes.
func TestTokensTooLongForTheKeyringKeepTheRefreshToken(t *testing.T) {
	f := newFixture(t)
	f.as.AccessTokenLen = secrets.MaxValueLen
	f.login(t, 7)
	e := f.entry(t, 7)
	if e.Access != "" || e.Refresh == "" || len(f.stored(t, 7)) > secrets.MaxValueLen {
		t.Fatalf("entry = %d bytes, access %d, refresh %q", len(f.stored(t, 7)), len(e.Access), e.Refresh)
	}
	// This session still holds the access token it got.
	if _, err := f.c.TokenSource(7).AccessToken(context.Background()); err != nil || f.as.Stats().Refreshes != 0 {
		t.Fatalf("same session: %v, %+v", err, f.as.Stats())
	}
	// A new session refreshes first.
	c2, _ := oauth.New(oauth.Config{Server: f.http.URL, ClientID: testClientID, Secrets: f.store, Now: f.clock.Now})
	at, err := c2.TokenSource(7).AccessToken(context.Background())
	if err != nil || len(at) < secrets.MaxValueLen || f.as.Stats().Refreshes != 1 {
		t.Fatalf("new session: %d chars, %v, %+v", len(at), err, f.as.Stats())
	}
}

// The keyring refuses to save a rotated token: this session goes on with
// it, and the next use saves it, so the keyring does not keep a consumed
// refresh token.
func TestRotatedTokenIsSavedOnceTheKeyringAnswers(t *testing.T) {
	f := newFixture(t)
	f.login(t, 7)
	before := f.entry(t, 7)
	f.clock.Add(9 * time.Hour)
	f.store.FailSet = crm.E(crm.CodeKeyringUnavailable)
	at, err := f.c.TokenSource(7).AccessToken(context.Background())
	if err != nil || at == before.Access {
		t.Fatalf("AccessToken with the keyring failing = %q, %v; want the new token", at, err)
	}
	if f.entry(t, 7) != before {
		t.Fatal("the failed save changed the entry")
	}
	if _, err := f.c.TokenSource(7).AccessToken(context.Background()); err != nil {
		t.Fatal(err)
	}
	if e := f.entry(t, 7); e.Access != at || e.Refresh == before.Refresh {
		t.Fatalf("the rotated token was never saved: %+v", e)
	}
}

// No token, code or verifier in errors or logs.
func TestTokensNeverReachErrorsOrLogs(t *testing.T) {
	f := newFixture(t)
	f.login(t, 7)
	e := f.entry(t, 7)
	ts := f.c.TokenSource(7)

	var logged bytes.Buffer
	log := slog.New(logging.NewHandler(slog.NewTextHandler(&logged, nil), logging.Default))
	f.clock.Add(9 * time.Hour)
	at, _ := ts.AccessToken(context.Background())
	tok := oauth.Token{AccessToken: at, RefreshToken: e.Refresh, Expiry: e.Expiry}
	log.Info("token", "tok", tok)
	log.Info("text", "msg", "refresh failed for "+e.Refresh)
	printed := fmt.Sprintf("%v %+v %#v %s", tok, tok, tok, tok)

	f.as.Revoke()
	f.clock.Add(9 * time.Hour)
	_, err := ts.AccessToken(context.Background())
	wantCode(t, err, crm.CodeLoginRequired)

	for _, s := range []string{at, e.Access, e.Refresh} {
		for what, text := range map[string]string{"log": logged.String(), "print": printed, "error": err.Error()} {
			if strings.Contains(text, s) {
				t.Fatalf("a token is in the %s: %s", what, text)
			}
		}
	}
	if !strings.Contains(printed, logging.MaskToken(e.Refresh)) {
		t.Fatalf("printed token does not even show its last four: %s", printed)
	}
}

func TestLogoutForgetsTheKey(t *testing.T) {
	f := newFixture(t)
	f.login(t, 7)
	if err := f.c.Logout(context.Background(), 7); err != nil {
		t.Fatal(err)
	}
	f.assertNothingStored(t)
	_, err := f.c.TokenSource(7).AccessToken(context.Background())
	wantCode(t, err, crm.CodeLoginRequired)
}
