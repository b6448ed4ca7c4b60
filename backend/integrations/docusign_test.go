package integrations

import (
	"context"
	"errors"
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
)

const dsClientID = "selo-test-integration-key"

// fakeBrowser stands for the system browser: it follows DocuSign's sign-in
// page back to Selo's loopback port, like a user who clicks "Allow".
// tamper changes the URL first (an old tab's state); closed never goes.
type fakeBrowser struct {
	tamper func(*url.URL)
	closed bool

	mu     sync.Mutex
	opened int
}

func (b *fakeBrowser) open(raw string) error {
	b.mu.Lock()
	b.opened++
	b.mu.Unlock()
	if b.closed {
		return nil
	}
	go func() {
		u, err := url.Parse(raw)
		if err != nil {
			return
		}
		if b.tamper != nil {
			b.tamper(u)
		}
		if resp, err := http.Get(u.String()); err == nil {
			resp.Body.Close()
		}
	}()
	return nil
}

type dsFixture struct {
	*fixture
	as       *oauthtest.Server
	browser  *fakeBrowser
	client   *oauth.Client
	steps    []LoginProgress
	stepsMu  sync.Mutex
	simError error
}

// setupDocuSign is the keys service with DocuSign enabled against the fake
// account server, through the same oauth.Client the app uses.
func setupDocuSign(t *testing.T, timeout time.Duration) *dsFixture {
	t.Helper()
	f := &dsFixture{fixture: setup(t), browser: &fakeBrowser{}}
	f.as = oauthtest.New(dsClientID, "https://demo.docusign.net")
	srv := httptest.NewServer(f.as)
	t.Cleanup(srv.Close)
	c, err := oauth.New(oauth.Config{Server: srv.URL, ClientID: dsClientID, Secrets: f.sec,
		Opener: f.browser.open, Ports: []int{0}, LoginTimeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	f.client = c
	f.svc.UseDocuSign(DocuSign{
		Auth: func(env crm.Environment) (DocuSignAuth, error) {
			if env == crm.EnvSimulator {
				return nil, crm.E(crm.CodeNoLoginNeeded)
			}
			return c, nil
		},
		SimulatorCheck: func(context.Context) error { return f.simError },
		Progress: func(p LoginProgress) {
			f.stepsMu.Lock()
			f.steps = append(f.steps, p)
			f.stepsMu.Unlock()
		},
	})
	return f
}

func (f *dsFixture) stepList() string {
	f.stepsMu.Lock()
	defer f.stepsMu.Unlock()
	var s []string
	for _, p := range f.steps {
		s = append(s, string(p.Step)+p.Code)
	}
	return strings.Join(s, ",")
}

func (f *dsFixture) newKey(t *testing.T, env crm.Environment) crm.Integration {
	t.Helper()
	k, err := f.svc.Save(context.Background(), crm.IntegrationInput{Description: "DocuSign " + string(env),
		Provider: crm.ProviderDocuSign, Environment: env})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func (f *dsFixture) stored(t *testing.T, id int64) crm.Integration {
	t.Helper()
	k, err := f.db.Integrations().Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// A DocuSign key is saved without any token: nothing goes to the keyring
// until someone signs in, and the list says this PC is not signed in.
func TestDocuSignKeySavedWithoutToken(t *testing.T) {
	f := setupDocuSign(t, 5*time.Second)
	ctx := context.Background()
	k, err := f.svc.Save(ctx, crm.IntegrationInput{Description: "DocuSign escritório", Provider: crm.ProviderDocuSign,
		Environment: crm.EnvProduction, Token: "typed-anyway", DeadlineDays: "30"})
	if err != nil {
		t.Fatal(err)
	}
	if k.Provider != crm.ProviderDocuSign || k.HasToken || k.TokenLast4 != "" || k.DeadlineDays != 30 || k.TokenHere != crm.TokenMissing {
		t.Fatalf("saved = %+v", k)
	}
	if keys := f.sec.Keys(); len(keys) != 0 {
		t.Fatalf("keyring after save = %v", keys)
	}
	// Bad expiry and a missing description are named on their fields.
	_, err = f.svc.Save(ctx, crm.IntegrationInput{Provider: crm.ProviderDocuSign, Environment: crm.EnvSandbox, DeadlineDays: "91"})
	var inv *crm.Invalid
	if !errors.As(err, &inv) || len(inv.Problems) != 2 || inv.Problems[0].Field != "description" ||
		inv.Problems[1].Field != "deadlineDays" || inv.Problems[1].Code != crm.CodeOutOfRange {
		t.Fatalf("bad form = %v", err)
	}
	// A Simulador local key needs no sign-in: it is ready here at once.
	sim := f.newKey(t, crm.EnvSimulator)
	if sim.TokenHere != crm.TokenOK || len(f.sec.Keys()) != 0 {
		t.Fatalf("simulator key = %+v, keyring %v", sim, f.sec.Keys())
	}
	if _, err := f.svc.Login(ctx, sim.ID); code(err) != crm.CodeNoLoginNeeded {
		t.Fatalf("login of a simulator key = %v", err)
	}
	if err := f.svc.TestConnection(ctx, sim.ID); err != nil {
		t.Fatalf("simulator key test = %v", err)
	}
	f.simError = errors.New("connection refused")
	if err := f.svc.TestConnection(ctx, sim.ID); code(err) != crm.CodeUnreachable {
		t.Fatalf("simulator down = %v", err)
	}
}

// One account: the sign-in stores it on the key, the tokens land in the
// keyring only, and "Testar conexão" answers ok.
func TestDocuSignLoginOneAccount(t *testing.T) {
	f := setupDocuSign(t, 5*time.Second)
	ctx := context.Background()
	k := f.newKey(t, crm.EnvSandbox)

	res, err := f.svc.Login(ctx, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Chosen || len(res.Accounts) != 1 || res.UserName != "Gestora Teste" {
		t.Fatalf("login = %+v", res)
	}
	got := f.stored(t, k.ID)
	if got.DocuSignAccountID != "8f0a1c2e-0000-4000-8000-000000000001" || got.DocuSignAccountName != "Imobiliária Teste" ||
		got.DocuSignBaseURI != "https://demo.docusign.net" {
		t.Fatalf("stored = %+v", got)
	}
	if res.Key.TokenHere != crm.TokenOK || res.Key.DocuSignAccountName != "Imobiliária Teste" {
		t.Fatalf("returned key = %+v", res.Key)
	}
	if keys := f.sec.Keys(); len(keys) != 1 || keys[0] != oauth.TokenSecretKey(k.ID) {
		t.Fatalf("keyring = %v", keys)
	}
	if s := f.stepList(); s != "browser,done" {
		t.Fatalf("progress = %s", s)
	}
	if err := f.svc.TestConnection(ctx, k.ID); err != nil {
		t.Fatalf("test after login = %v", err)
	}
	list, _ := f.svc.List(ctx)
	if len(list) != 1 || list[0].TokenHere != crm.TokenOK {
		t.Fatalf("list = %+v", list)
	}
}

// Several accounts and none already on the key: the office picks one; an
// id that is not the user's is refused on the account field.
func TestDocuSignLoginSeveralAccounts(t *testing.T) {
	f := setupDocuSign(t, 5*time.Second)
	ctx := context.Background()
	f.as.SetAccounts(
		oauthtest.Account{ID: "aaaaaaaa-0000-4000-8000-000000000001", Name: "Matriz", BaseURI: "https://na3.docusign.net", IsDefault: true},
		oauthtest.Account{ID: "bbbbbbbb-0000-4000-8000-000000000002", Name: "Filial Sul", BaseURI: "https://na4.docusign.net"},
	)
	k := f.newKey(t, crm.EnvProduction)

	res, err := f.svc.Login(ctx, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Chosen || len(res.Accounts) != 2 || !res.Accounts[0].IsDefault || res.Accounts[1].Name != "Filial Sul" {
		t.Fatalf("login = %+v", res)
	}
	if got := f.stored(t, k.ID); got.DocuSignAccountID != "" {
		t.Fatalf("an account was stored before the choice: %+v", got)
	}
	if s := f.stepList(); s != "browser,choose" {
		t.Fatalf("progress = %s", s)
	}
	if _, err := f.svc.ChooseAccount(ctx, k.ID, "cccccccc-0000-4000-8000-000000000003"); code(err) != crm.CodeAccountUnknown {
		t.Fatalf("unknown account = %v", err)
	}
	before := f.as.Stats().UserInfos
	saved, err := f.svc.ChooseAccount(ctx, k.ID, "bbbbbbbb-0000-4000-8000-000000000002")
	if err != nil {
		t.Fatal(err)
	}
	if saved.DocuSignAccountName != "Filial Sul" || saved.DocuSignBaseURI != "https://na4.docusign.net" {
		t.Fatalf("chosen = %+v", saved)
	}
	if n := f.as.Stats().UserInfos - before; n != 0 {
		t.Fatalf("choosing spent %d userinfo calls; the login's answer should do", n)
	}
	// Entrar de novo later keeps the account the key has, without asking.
	res, err = f.svc.Login(ctx, k.ID)
	if err != nil || !res.Chosen || res.Key.DocuSignAccountID != "bbbbbbbb-0000-4000-8000-000000000002" {
		t.Fatalf("second login = %+v, %v", res, err)
	}
}

// DocuSign revokes the consent: the connection test says login_required
// naming the key, the list then shows this PC as not signed in, and a new
// sign-in brings it back.
func TestDocuSignRevokedNeedsLoginAgain(t *testing.T) {
	f := setupDocuSign(t, 5*time.Second)
	ctx := context.Background()
	k := f.newKey(t, crm.EnvSandbox)
	if _, err := f.svc.Login(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	f.as.Revoke()
	err := f.svc.TestConnection(ctx, k.ID)
	if code(err) != crm.CodeLoginRequired || crm.AsError(err).Data["description"] != "DocuSign sandbox" {
		t.Fatalf("test after revoke = %v (%+v)", err, crm.AsError(err).Data)
	}
	list, _ := f.svc.List(ctx)
	if list[0].TokenHere != crm.TokenMissing {
		t.Fatalf("after revoke tokenHere = %s", list[0].TokenHere)
	}
	if _, err := f.svc.Login(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.TestConnection(ctx, k.ID); err != nil {
		t.Fatalf("after Entrar de novo = %v", err)
	}
}

// A browser return with another state, a user who cancels, a browser
// closed until the wait ends: nothing is stored, neither on the key nor
// in the keyring.
func TestDocuSignFailedLoginStoresNothing(t *testing.T) {
	ctx := context.Background()
	t.Run("wrong state", func(t *testing.T) {
		f := setupDocuSign(t, 5*time.Second)
		f.browser.tamper = func(u *url.URL) {
			q := u.Query()
			q.Set("state", "an-old-tab")
			u.RawQuery = q.Encode()
		}
		k := f.newKey(t, crm.EnvSandbox)
		if _, err := f.svc.Login(ctx, k.ID); code(err) != oauth.CodeLoginStateMismatch {
			t.Fatalf("login = %v", err)
		}
		assertNothingStored(t, f, k.ID)
		if s := f.stepList(); s != "browser,failed"+oauth.CodeLoginStateMismatch {
			t.Fatalf("progress = %s", s)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		f := setupDocuSign(t, 5*time.Second)
		f.browser.closed = true
		k := f.newKey(t, crm.EnvSandbox)
		done := make(chan error, 1)
		go func() { _, err := f.svc.Login(ctx, k.ID); done <- err }()
		deadline := time.Now().Add(3 * time.Second)
		for f.stepList() == "" && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		// A second sign-in meanwhile is refused and leaves Cancelar working
		// on the first.
		other := f.newKey(t, crm.EnvProduction)
		if _, err := f.svc.Login(ctx, other.ID); code(err) != oauth.CodeLoginInProgress {
			t.Fatalf("second login = %v", err)
		}
		f.svc.CancelLogin()
		select {
		case err := <-done:
			if code(err) != oauth.CodeLoginCanceled {
				t.Fatalf("login = %v", err)
			}
		case <-time.After(3 * time.Second):
			t.Fatal("Cancelar did not end the sign-in")
		}
		assertNothingStored(t, f, k.ID)
	})
	t.Run("browser closed", func(t *testing.T) {
		f := setupDocuSign(t, 200*time.Millisecond)
		f.browser.closed = true
		k := f.newKey(t, crm.EnvSandbox)
		if _, err := f.svc.Login(ctx, k.ID); code(err) != oauth.CodeLoginTimeout {
			t.Fatalf("login = %v", err)
		}
		assertNothingStored(t, f, k.ID)
	})
}

func assertNothingStored(t *testing.T, f *dsFixture, id int64) {
	t.Helper()
	if got := f.stored(t, id); got.DocuSignAccountID != "" || got.DocuSignBaseURI != "" {
		t.Fatalf("stored after a failed login: %+v", got)
	}
	if keys := f.sec.Keys(); len(keys) != 0 {
		t.Fatalf("keyring after a failed login = %v", keys)
	}
	list, _ := f.svc.List(context.Background())
	if list[0].TokenHere != crm.TokenMissing {
		t.Fatalf("tokenHere = %s", list[0].TokenHere)
	}
}

// Deleting a DocuSign key signs it out here; moving it to another
// environment drops the account and this PC's tokens of the old one.
func TestDocuSignDeleteAndMoveForgetTokens(t *testing.T) {
	f := setupDocuSign(t, 5*time.Second)
	ctx := context.Background()
	k := f.newKey(t, crm.EnvSandbox)
	if _, err := f.svc.Login(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	moved, err := f.svc.Save(ctx, crm.IntegrationInput{ID: k.ID, Description: k.Description, Environment: crm.EnvProduction})
	if err != nil {
		t.Fatal(err)
	}
	if moved.Provider != crm.ProviderDocuSign || moved.DocuSignAccountID != "" || moved.TokenHere != crm.TokenMissing || len(f.sec.Keys()) != 0 {
		t.Fatalf("moved = %+v, keyring %v", moved, f.sec.Keys())
	}
	if _, err := f.svc.Login(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Delete(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	if keys := f.sec.Keys(); len(keys) != 0 {
		t.Fatalf("keyring after delete = %v", keys)
	}
}

// Review finding 5: the key's account is the office's. A sign-in on
// another PC by a user who lacks that account, with one account of their
// own (or several), does not move the key: it is refused naming the
// account, the key keeps its account and base URI, and that PC keeps no
// tokens (it stays "not signed in").
func TestDocuSignLoginOtherAccountKeepsKeyAccount(t *testing.T) {
	f := setupDocuSign(t, 5*time.Second)
	ctx := context.Background()
	k := f.newKey(t, crm.EnvSandbox)
	if _, err := f.svc.Login(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	before := f.stored(t, k.ID)
	if before.DocuSignAccountName != "Imobiliária Teste" {
		t.Fatalf("first login stored %+v", before)
	}

	for _, accounts := range [][]oauthtest.Account{
		{{ID: "dddddddd-0000-4000-8000-000000000004", Name: "Outra Imobiliária", BaseURI: "https://na2.docusign.net", IsDefault: true}},
		{{ID: "dddddddd-0000-4000-8000-000000000004", Name: "Outra Imobiliária", BaseURI: "https://na2.docusign.net", IsDefault: true},
			{ID: "eeeeeeee-0000-4000-8000-000000000005", Name: "Outra Filial", BaseURI: "https://na2.docusign.net"}},
	} {
		f.as.SetAccounts(accounts...)
		_, err := f.svc.Login(ctx, k.ID)
		ce := crm.AsError(err)
		if ce.Code != crm.CodeAccountMismatch || ce.Field != "account" || ce.Data["account"] != "Imobiliária Teste" {
			t.Fatalf("login of another account (%d) = %+v", len(accounts), err)
		}
		after := f.stored(t, k.ID)
		if after.DocuSignAccountID != before.DocuSignAccountID || after.DocuSignBaseURI != before.DocuSignBaseURI ||
			after.DocuSignAccountName != before.DocuSignAccountName {
			t.Fatalf("the key's account moved: %+v", after)
		}
		if keys := f.sec.Keys(); len(keys) != 0 {
			t.Fatalf("the refused sign-in kept tokens: %v", keys)
		}
		// Nor can a choice move it.
		if _, err := f.svc.ChooseAccount(ctx, k.ID, "dddddddd-0000-4000-8000-000000000004"); code(err) != crm.CodeAccountMismatch {
			t.Fatalf("choose another account = %v", err)
		}
		if got := f.stored(t, k.ID); got.DocuSignAccountID != before.DocuSignAccountID {
			t.Fatalf("the choice moved the key: %+v", got)
		}
	}
}
