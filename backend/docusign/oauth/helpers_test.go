package oauth_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/docusign/oauth"
	"selo/backend/docusign/oauth/oauthtest"
	"selo/backend/secrets"
)

const testClientID = "selo-test-integration-key"

// clock is a settable clock shared by the client and the fake server.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// visit is what the fake browser saw at the end of its redirects.
type visit struct {
	status int
	body   string
	url    string
	err    error
}

// browser stands for the system browser: it follows the sign-in URL like a
// browser would (DocuSign's page redirects back to Selo's loopback port)
// and keeps the page it ended on. rewrite, when set, tampers with the
// sign-in URL first, like an attacker or a stale tab would.
type browser struct {
	rewrite func(u *url.URL)
	skip    bool // a closed browser: never goes anywhere

	mu      sync.Mutex
	authURL string
	pages   chan visit
}

func newBrowser() *browser { return &browser{pages: make(chan visit, 4)} }

func (b *browser) open(raw string) error {
	b.mu.Lock()
	b.authURL = raw
	b.mu.Unlock()
	if b.skip {
		return nil
	}
	go func() {
		u, err := url.Parse(raw)
		if err != nil {
			b.pages <- visit{err: err}
			return
		}
		if b.rewrite != nil {
			b.rewrite(u)
		}
		b.pages <- get(u.String())
	}()
	return nil
}

func get(u string) visit {
	resp, err := http.Get(u)
	if err != nil {
		return visit{err: err}
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return visit{status: resp.StatusCode, body: string(body), url: resp.Request.URL.String()}
}

func (b *browser) lastAuthURL() *url.URL {
	b.mu.Lock()
	defer b.mu.Unlock()
	u, _ := url.Parse(b.authURL)
	return u
}

// page waits for the page the browser ended on.
func (b *browser) page(t *testing.T) visit {
	t.Helper()
	select {
	case v := <-b.pages:
		if v.err != nil {
			t.Fatalf("browser: %v", v.err)
		}
		return v
	case <-time.After(10 * time.Second):
		t.Fatal("the browser never got a page")
	}
	return visit{}
}

type fixture struct {
	as    *oauthtest.Server
	http  *httptest.Server
	store *secrets.Memory
	clock *clock
	b     *browser
	c     *oauth.Client
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{store: secrets.NewMemory(), clock: &clock{t: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)}, b: newBrowser()}
	f.as = oauthtest.New(testClientID, "https://demo.docusign.net")
	f.as.Now = f.clock.Now
	f.http = httptest.NewServer(f.as)
	t.Cleanup(f.http.Close)
	c, err := oauth.New(oauth.Config{
		Server:       f.http.URL,
		ClientID:     testClientID,
		Secrets:      f.store,
		Opener:       f.b.open,
		Ports:        []int{0},
		LoginTimeout: 10 * time.Second,
		Now:          f.clock.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	f.c = c
	return f
}

// login runs a whole successful login for key id and returns its result.
func (f *fixture) login(t *testing.T, keyID int64) oauth.UserInfo {
	t.Helper()
	info, err := f.c.Login(context.Background(), keyID)
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	if p := f.b.page(t); p.status != http.StatusOK {
		t.Fatalf("browser page after login: %d %s", p.status, p.body)
	}
	return info
}

// stored returns the raw keyring entry of key id, "" when there is none.
func (f *fixture) stored(t *testing.T, keyID int64) string {
	t.Helper()
	v, err := f.store.Get(context.Background(), oauth.TokenSecretKey(keyID))
	if errors.Is(err, secrets.ErrNotFound) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (f *fixture) assertNothingStored(t *testing.T) {
	t.Helper()
	if keys := f.store.Keys(); len(keys) != 0 {
		t.Fatalf("keyring holds %v; a failed login must store nothing", keys)
	}
}

// code returns err's crm code, "" when it has none.
func code(err error) string {
	var e *crm.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func wantCode(t *testing.T, err error, want string) *crm.Error {
	t.Helper()
	if code(err) != want {
		t.Fatalf("error = %v; want code %s", err, want)
	}
	var e *crm.Error
	errors.As(err, &e)
	return e
}

// postRefresh uses a refresh token directly at the fake server, the way a
// thief or a stale copy would.
func (f *fixture) postRefresh(t *testing.T, rt string) (int, string) {
	t.Helper()
	resp, err := http.PostForm(f.http.URL+"/oauth/token", url.Values{
		"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {testClientID},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(b))
}
