package oauth_test

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/docusign/oauth"
	"selo/backend/docusign/oauth/oauthtest"
)

// The whole journey: the browser opens DocuSign's page, comes back to the
// loopback port with a code, Selo trades it with the PKCE verifier, reads
// the accounts, stores the tokens under the key and tells the tab it is done.
func TestLoginStoresTokensAndReturnsTheAccounts(t *testing.T) {
	f := newFixture(t)
	f.as.SetAccounts(
		oauthtest.Account{ID: "acc-1", Name: "Imobiliária Norte", BaseURI: "https://na3.docusign.net"},
		oauthtest.Account{ID: "acc-2", Name: "Imobiliária Sul", BaseURI: "https://eu.docusign.net/", IsDefault: true},
		oauthtest.Account{ID: "acc-3", Name: "Sem servidor", BaseURI: "http://evil.example"},
	)
	info, err := f.c.Login(context.Background(), 7)
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	page := f.b.page(t)
	if page.status != http.StatusOK || !strings.Contains(page.body, "Pronto") || !strings.Contains(page.body, `lang="pt-BR"`) {
		t.Fatalf("the tab shows %d %q; want the pt-BR success page", page.status, page.body)
	}

	// The sign-in URL a user's browser opened.
	q := f.b.lastAuthURL().Query()
	for k, want := range map[string]string{
		"response_type": "code", "client_id": testClientID, "scope": "signature extended", "code_challenge_method": "S256",
	} {
		if q.Get(k) != want {
			t.Errorf("auth URL %s = %q, want %q", k, q.Get(k), want)
		}
	}
	if !strings.HasPrefix(q.Get("redirect_uri"), "http://127.0.0.1:") || len(q.Get("state")) < 43 || len(q.Get("code_challenge")) != 43 {
		t.Errorf("auth URL redirect/state/challenge = %q %q %q", q.Get("redirect_uri"), q.Get("state"), q.Get("code_challenge"))
	}

	// Several accounts come back for the office to choose; the one whose
	// server could not be trusted with a token is left out.
	if len(info.Accounts) != 2 || info.Accounts[0].ID != "acc-1" || info.Accounts[1].BaseURI != "https://eu.docusign.net" {
		t.Fatalf("accounts = %+v", info.Accounts)
	}
	if def, ok := info.DefaultAccount(); !ok || def.ID != "acc-2" {
		t.Fatalf("default account = %+v %v; want acc-2", def, ok)
	}
	if a, ok := info.Account("acc-1"); !ok || a.Name != "Imobiliária Norte" {
		t.Fatalf("choosing acc-1 = %+v %v", a, ok)
	}
	if info.Email != "gestora@example.com" {
		t.Fatalf("user = %+v", info)
	}

	// The tokens are in the keyring under the key, and only there.
	var entry struct {
		Access, Refresh string
		Expiry          time.Time
	}
	if err := json.Unmarshal([]byte(f.stored(t, 7)), &entry); err != nil || entry.Refresh == "" || entry.Access == "" {
		t.Fatalf("keyring entry %q: %v", f.stored(t, 7), err)
	}
	if !entry.Expiry.Equal(f.clock.Now().Add(8 * time.Hour)) {
		t.Fatalf("expiry = %v; want now + 8 h (expires_in 28800)", entry.Expiry)
	}
	if keys := f.store.Keys(); len(keys) != 1 || keys[0] != "docusign/7" {
		t.Fatalf("keyring keys = %v", keys)
	}
	// The stored access token is the one DocuSign accepts, served without a refresh.
	at, err := f.c.TokenSource(7).AccessToken(context.Background())
	if err != nil || at != entry.Access {
		t.Fatalf("AccessToken = %q, %v", at, err)
	}
	if s := f.as.Stats(); s.Exchanges != 1 || s.Refreshes != 0 || s.UserInfos != 1 {
		t.Fatalf("server stats = %+v", s)
	}
}

// The server checks the verifier against the challenge of the sign-in URL:
// a code obtained with another challenge (an intercepted code) is useless.
func TestLoginWithAnotherChallengeIsRefusedByTheServer(t *testing.T) {
	f := newFixture(t)
	f.b.rewrite = func(u *url.URL) {
		q := u.Query()
		q.Set("code_challenge", oauth.Challenge(oauth.NewVerifier()))
		u.RawQuery = q.Encode()
	}
	_, err := f.c.Login(context.Background(), 7)
	e := wantCode(t, err, oauth.CodeLoginFailed)
	if e.Data["error"] != "invalid_grant" {
		t.Fatalf("data = %v; want error invalid_grant", e.Data)
	}
	if p := f.b.page(t); p.status == http.StatusOK {
		t.Fatalf("the tab says %q after a refused code", p.body)
	}
	f.assertNothingStored(t)
	if s := f.as.Stats(); s.Exchanges != 0 || s.LastRefused != "invalid_grant" {
		t.Fatalf("server stats = %+v", s)
	}
}

// A return with a state this login did not send is refused, its code is
// never traded, and nothing is stored.
func TestLoginWithAWrongStateStoresNothing(t *testing.T) {
	f := newFixture(t)
	f.b.rewrite = func(u *url.URL) {
		q := u.Query()
		q.Set("state", "state-of-another-login-0123456789abcdefghijklmn")
		u.RawQuery = q.Encode()
	}
	_, err := f.c.Login(context.Background(), 7)
	wantCode(t, err, oauth.CodeLoginStateMismatch)
	p := f.b.page(t)
	if p.status != http.StatusBadRequest || !strings.Contains(p.body, "Nada foi gravado") {
		t.Fatalf("tab = %d %q", p.status, p.body)
	}
	f.assertNothingStored(t)
	if s := f.as.Stats(); s.Authorizations != 1 || s.Exchanges != 0 || s.Refused != 0 {
		t.Fatalf("the code of a wrong-state return was used: %+v", s)
	}
}

// The user clicks "Decline" on DocuSign's consent page.
func TestLoginRefusedByTheUser(t *testing.T) {
	f := newFixture(t)
	f.as.Deny(true)
	_, err := f.c.Login(context.Background(), 7)
	wantCode(t, err, oauth.CodeLoginDenied)
	p := f.b.page(t)
	if p.status != http.StatusForbidden || !strings.Contains(p.body, "Entrar de novo") {
		t.Fatalf("tab = %d %q", p.status, p.body)
	}
	f.assertNothingStored(t)
}

// DocuSign (or anyone) sends the browser back with the right state but no
// code and no error.
func TestLoginCallbackWithoutCode(t *testing.T) {
	f := newFixture(t)
	f.b.rewrite = func(u *url.URL) {
		q := u.Query()
		v := url.Values{"state": {q.Get("state")}}
		*u = *mustParse(t, q.Get("redirect_uri")+"?"+v.Encode())
	}
	_, err := f.c.Login(context.Background(), 7)
	e := wantCode(t, err, oauth.CodeLoginFailed)
	if e.Data["error"] != "no_code" {
		t.Fatalf("data = %v", e.Data)
	}
	f.b.page(t)
	f.assertNothingStored(t)
}

// A closed browser never comes back: the login ends by itself, stores
// nothing and frees the port.
func TestLoginClosedBrowserTimesOut(t *testing.T) {
	f := newFixture(t)
	f.b.skip = true
	c, err := oauth.New(oauth.Config{Server: f.http.URL, ClientID: testClientID, Secrets: f.store,
		Opener: f.b.open, Ports: []int{0}, LoginTimeout: 150 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = c.Login(context.Background(), 7)
	e := wantCode(t, err, oauth.CodeLoginTimeout)
	if e.Data["minutes"] != 1 || time.Since(start) > 5*time.Second {
		t.Fatalf("data %v after %v", e.Data, time.Since(start))
	}
	f.assertNothingStored(t)
	assertPortClosed(t, f.b.lastAuthURL())
}

// The user gives up in Selo while the browser is still open.
func TestLoginCanceledInSelo(t *testing.T) {
	f := newFixture(t)
	f.b.skip = true
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(100 * time.Millisecond)
		cancel()
	}()
	_, err := f.c.Login(ctx, 7)
	wantCode(t, err, oauth.CodeLoginCanceled)
	f.assertNothingStored(t)
	u := f.b.lastAuthURL()
	assertPortClosed(t, u)

	// The tab coming back late finds nobody to take its code.
	v := get(u.Query().Get("redirect_uri") + "?code=late&state=" + u.Query().Get("state"))
	if v.err == nil {
		t.Fatalf("a late return reached a listener: %d", v.status)
	}
}

func TestOneLoginAtATime(t *testing.T) {
	f := newFixture(t)
	f.b.skip = true
	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan error, 1)
	go func() {
		_, err := f.c.Login(ctx, 7)
		first <- err
	}()
	waitFor(t, func() bool { return f.b.lastAuthURL().String() != "" })
	_, err := f.c.Login(context.Background(), 8)
	wantCode(t, err, oauth.CodeLoginInProgress)
	cancel()
	wantCode(t, <-first, oauth.CodeLoginCanceled)

	// Once the first is over, a new one may start.
	f.b.skip = false
	f.login(t, 8)
}

func TestLoginFallsBackToTheNextPortAndSaysWhenAllAreBusy(t *testing.T) {
	f := newFixture(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busyPort := busy.Addr().(*net.TCPAddr).Port
	free := freePort(t)
	c, err := oauth.New(oauth.Config{Server: f.http.URL, ClientID: testClientID, Secrets: f.store,
		Opener: f.b.open, Ports: []int{busyPort, free}, LoginTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Login(context.Background(), 7); err != nil {
		t.Fatalf("Login with the first port busy: %v", err)
	}
	f.b.page(t)
	if got := f.b.lastAuthURL().Query().Get("redirect_uri"); got != oauth.RedirectURI(free) {
		t.Fatalf("redirect_uri = %q; want the fallback port %d", got, free)
	}

	c2, _ := oauth.New(oauth.Config{Server: f.http.URL, ClientID: testClientID, Secrets: f.store,
		Opener: f.b.open, Ports: []int{busyPort}})
	_, err = c2.Login(context.Background(), 9)
	if e := wantCode(t, err, oauth.CodePortsBusy); e.Data["ports"] != strconv.Itoa(busyPort) {
		t.Fatalf("data = %v", e.Data)
	}
	if f.stored(t, 9) != "" {
		t.Fatal("stored tokens for a login that never started")
	}
}

func TestLoginWhenTheBrowserCannotOpen(t *testing.T) {
	f := newFixture(t)
	c, _ := oauth.New(oauth.Config{Server: f.http.URL, ClientID: testClientID, Secrets: f.store, Ports: []int{0},
		Opener: func(string) error { return errors.New("xdg-open: not found") }})
	_, err := c.Login(context.Background(), 7)
	wantCode(t, err, oauth.CodeBrowserFailed)
	f.assertNothingStored(t)
}

// A DocuSign user without any eSignature account cannot be used; the
// tokens are not kept.
func TestLoginWithoutAccounts(t *testing.T) {
	f := newFixture(t)
	f.as.SetAccounts()
	_, err := f.c.Login(context.Background(), 7)
	wantCode(t, err, oauth.CodeNoAccount)
	if p := f.b.page(t); p.status == http.StatusOK {
		t.Fatalf("tab = %d %q", p.status, p.body)
	}
	f.assertNothingStored(t)
}

// A keyring that refuses the save fails the login with its own code; the
// tab does not claim success.
func TestLoginWhenTheKeyringFails(t *testing.T) {
	f := newFixture(t)
	f.store.FailSet = crm.E(crm.CodeKeyringUnavailable)
	_, err := f.c.Login(context.Background(), 7)
	wantCode(t, err, crm.CodeKeyringUnavailable)
	if p := f.b.page(t); p.status == http.StatusOK {
		t.Fatalf("tab = %d %q", p.status, p.body)
	}
	f.assertNothingStored(t)
}

// Only the registered loopback names are answered (DNS rebinding), and
// only the callback path.
func TestCallbackListenerAnswersOnlyItsOwnNames(t *testing.T) {
	f := newFixture(t)
	f.b.skip = true
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := f.c.Login(ctx, 7)
		done <- err
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	waitFor(t, func() bool { return f.b.lastAuthURL().String() != "" })
	q := f.b.lastAuthURL().Query()
	redirect := mustParse(t, q.Get("redirect_uri"))

	req, _ := http.NewRequest(http.MethodGet, redirect.String()+"?code=x&state="+q.Get("state"), nil)
	req.Host = "rebind.attacker.example:" + redirect.Port()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("foreign Host answered %d", resp.StatusCode)
	}
	if v := get("http://127.0.0.1:" + redirect.Port() + "/favicon.ico"); v.status != http.StatusNotFound {
		t.Fatalf("favicon = %d", v.status)
	}
	cancel()
	err = <-done
	done <- err
	wantCode(t, err, oauth.CodeLoginCanceled)
	if s := f.as.Stats(); s.Exchanges+s.Refused != 0 {
		t.Fatalf("a refused request reached the token endpoint: %+v", s)
	}
	f.assertNothingStored(t)
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func assertPortClosed(t *testing.T, auth *url.URL) {
	t.Helper()
	redirect := mustParse(t, auth.Query().Get("redirect_uri"))
	if c, err := net.DialTimeout("tcp", redirect.Host, time.Second); err == nil {
		c.Close()
		t.Fatalf("the loopback listener %s is still open after the login ended", redirect.Host)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	p, _ := strconv.Atoi(strings.TrimPrefix(l.Addr().String(), "127.0.0.1:"))
	return p
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition never met")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
