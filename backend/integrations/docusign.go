package integrations

import (
	"context"
	"errors"
	"sync"

	"selo/backend/crm"
	"selo/backend/docusign/oauth"
	"selo/backend/secrets"
)

// DocuSignAuth is the DocuSign sign-in of one account server, as this
// service uses it: *oauth.Client implements it.
type DocuSignAuth interface {
	// Login signs the key in through the system browser and stores its
	// tokens in the keyring; it returns the user's accounts.
	Login(ctx context.Context, keyID int64) (oauth.UserInfo, error)
	// UserInfo asks again who the key's user is, refreshing the token once.
	UserInfo(ctx context.Context, keyID int64) (oauth.UserInfo, error)
	// Logout forgets the key's tokens on this computer.
	Logout(ctx context.Context, keyID int64) error
}

// DocuSign is what the service needs for DocuSign keys. Auth gives the
// sign-in of an environment (Demo or Produção); SimulatorCheck, when set,
// says whether the Simulador local answers ("Testar conexão" of a
// Simulador local key, which has nothing to sign in to); Progress hears
// each step of a sign-in, for the screen's event.
type DocuSign struct {
	Auth           func(env crm.Environment) (DocuSignAuth, error)
	SimulatorCheck func(ctx context.Context) error
	Progress       func(LoginProgress)
}

// LoginStep is where a DocuSign sign-in stands.
type LoginStep string

// The steps of a sign-in, in the order they happen.
const (
	// StepBrowser: the system browser was asked to open DocuSign's page;
	// Selo waits for it to come back (and offers "Cancelar").
	StepBrowser LoginStep = "browser"
	// StepChoose: signed in; the user has several accounts and picks one.
	StepChoose LoginStep = "choose"
	// StepDone: signed in and the key's account is stored.
	StepDone LoginStep = "done"
	// StepFailed: the sign-in ended without storing anything (Code says
	// why: cancelled, timed out, refused...).
	StepFailed LoginStep = "failed"
)

// LoginProgress is one step of a key's sign-in.
type LoginProgress struct {
	KeyID int64     `json:"keyId"`
	Step  LoginStep `json:"step"`
	Code  string    `json:"code,omitempty"`
}

// Account is a DocuSign account the signed-in user may send from, as the
// account choice shows it.
type Account struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	BaseURI   string `json:"baseUri"`
	IsDefault bool   `json:"isDefault"`
}

// LoginResult is how a sign-in ended: Chosen when the key's account is
// stored (one account, or the one the key already had); otherwise the
// office picks among Accounts with ChooseAccount.
type LoginResult struct {
	Key      crm.Integration `json:"key"`
	UserName string          `json:"userName"`
	Accounts []Account       `json:"accounts"`
	Chosen   bool            `json:"chosen"`
}

// UseDocuSign enables DocuSign keys' sign-in and connection test. Without
// it a DocuSign key can be saved but Login refuses.
func (s *Service) UseDocuSign(d DocuSign) { s.ds = d }

// docusignState is the sign-in bookkeeping kept between calls: the running
// sign-in's cancel, and the accounts offered after a sign-in with several,
// so choosing one needs no second userinfo call (DocuSign limits those).
type docusignState struct {
	mu      sync.Mutex
	cancel  context.CancelFunc
	pending map[int64][]oauth.Account
}

func (s *Service) auth(env crm.Environment) (DocuSignAuth, error) {
	if s.ds.Auth == nil {
		return nil, crm.E(crm.CodeInternal).Wrap(errors.New("integrations: DocuSign sign-in not configured"))
	}
	return s.ds.Auth(env)
}

func (s *Service) progress(id int64, step LoginStep, err error) {
	if s.ds.Progress == nil {
		return
	}
	p := LoginProgress{KeyID: id, Step: step}
	if err != nil {
		p.Code = crm.AsError(err).Code
	}
	s.ds.Progress(p)
}

// Login signs a DocuSign key in on this computer through the system
// browser. It blocks until the browser comes back, the wait times out, or
// CancelLogin; then, with one account (or the one the key already had), it
// stores that account on the key; with several it returns them for the
// office to pick (ChooseAccount). Nothing is stored on the key when the
// sign-in fails.
func (s *Service) Login(ctx context.Context, id int64) (LoginResult, error) {
	key, err := s.store.Get(ctx, id)
	if err != nil {
		return LoginResult{}, err
	}
	if !key.NeedsLogin() {
		return LoginResult{}, crm.E(crm.CodeNoLoginNeeded, "description", key.Description)
	}
	auth, err := s.auth(key.Environment)
	if err != nil {
		return LoginResult{}, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.dsState.mu.Lock()
	if s.dsState.cancel != nil {
		// One sign-in at a time (oauth refuses a second too); refusing it
		// here keeps Cancelar bound to the one waiting for the browser.
		s.dsState.mu.Unlock()
		return LoginResult{}, crm.E(oauth.CodeLoginInProgress)
	}
	s.dsState.cancel = cancel
	delete(s.dsState.pending, id)
	s.dsState.mu.Unlock()
	defer func() {
		s.dsState.mu.Lock()
		s.dsState.cancel = nil
		s.dsState.mu.Unlock()
	}()

	s.progress(id, StepBrowser, nil)
	info, err := auth.Login(ctx, id)
	if err != nil {
		s.log.Info("docusign sign-in ended", "id", id, "code", codeOf(err))
		s.progress(id, StepFailed, err)
		return LoginResult{}, err
	}
	res := LoginResult{UserName: info.Name, Accounts: accountsOf(info.Accounts)}
	acc, ok := info.Account(key.DocuSignAccountID)
	if !ok && key.DocuSignAccountID != "" {
		// The key is the office's, shared by every PC: its envelopes live in
		// the account it has. A user of another account signing in here must
		// not move it (the running envelopes would freeze and Cancelar would
		// mark them missing), so this PC's sign-in is undone and refused.
		if lerr := auth.Logout(context.WithoutCancel(ctx), id); lerr != nil {
			s.log.Warn("docusign sign-in of another account: forgetting its tokens", "id", id, "code", codeOf(lerr))
		}
		err := accountMismatch(key)
		s.log.Info("docusign sign-in refused: the user lacks the key's account", "id", id, "accounts", len(info.Accounts))
		s.progress(id, StepFailed, err)
		return LoginResult{}, err
	}
	if !ok && len(info.Accounts) == 1 {
		acc, ok = info.Accounts[0], true
	}
	if !ok {
		s.dsState.mu.Lock()
		if s.dsState.pending == nil {
			s.dsState.pending = map[int64][]oauth.Account{}
		}
		s.dsState.pending[id] = info.Accounts
		s.dsState.mu.Unlock()
		s.log.Info("docusign signed in, account to choose", "id", id, "accounts", len(info.Accounts))
		s.progress(id, StepChoose, nil)
		res.Key, err = s.listed(ctx, id)
		return res, err
	}
	if res.Key, err = s.setAccount(ctx, id, acc); err != nil {
		s.progress(id, StepFailed, err)
		return LoginResult{}, err
	}
	res.Chosen = true
	s.progress(id, StepDone, nil)
	return res, nil
}

// CancelLogin ends the sign-in waiting for the browser, if any; it returns
// with crm code docusign.login_canceled and nothing stored.
func (s *Service) CancelLogin() {
	s.dsState.mu.Lock()
	defer s.dsState.mu.Unlock()
	if s.dsState.cancel != nil {
		s.dsState.cancel()
	}
}

// ChooseAccount stores the account the office picked for a DocuSign key
// among the signed-in user's. An id that is not one of theirs is refused
// on the account field.
func (s *Service) ChooseAccount(ctx context.Context, id int64, accountID string) (crm.Integration, error) {
	key, err := s.store.Get(ctx, id)
	if err != nil {
		return key, err
	}
	if !key.NeedsLogin() {
		return crm.Integration{}, crm.E(crm.CodeNoLoginNeeded, "description", key.Description)
	}
	if key.DocuSignAccountID != "" && accountID != key.DocuSignAccountID {
		return crm.Integration{}, accountMismatch(key)
	}
	s.dsState.mu.Lock()
	accounts, ok := s.dsState.pending[id]
	s.dsState.mu.Unlock()
	if !ok {
		// The choice outlived this run of Selo (or came from another
		// screen): ask DocuSign again who is signed in here.
		auth, err := s.auth(key.Environment)
		if err != nil {
			return crm.Integration{}, err
		}
		info, err := auth.UserInfo(ctx, id)
		if err != nil {
			return crm.Integration{}, s.docusignErr(key, err)
		}
		accounts = info.Accounts
	}
	acc, found := oauth.UserInfo{Accounts: accounts}.Account(accountID)
	if !found {
		return crm.Integration{}, crm.E(crm.CodeAccountUnknown, "description", key.Description).OnField("account")
	}
	saved, err := s.setAccount(ctx, id, acc)
	if err != nil {
		return saved, err
	}
	s.dsState.mu.Lock()
	delete(s.dsState.pending, id)
	s.dsState.mu.Unlock()
	s.progress(id, StepDone, nil)
	return saved, nil
}

func (s *Service) setAccount(ctx context.Context, id int64, acc oauth.Account) (crm.Integration, error) {
	err := s.store.Tx(ctx, func(tx Tx) error {
		return tx.SetDocuSignAccount(ctx, id, crm.DocuSignAccount{ID: acc.ID, Name: acc.Name, BaseURI: acc.BaseURI}, s.now())
	})
	if err != nil {
		return crm.Integration{}, err
	}
	s.log.Info("docusign account chosen", "id", id, "account", acc.ID)
	return s.listed(ctx, id)
}

// listed reads a key as List shows it.
func (s *Service) listed(ctx context.Context, id int64) (crm.Integration, error) {
	k, err := s.store.Get(ctx, id)
	if err != nil {
		return k, err
	}
	k.TokenHere = s.tokenHere(ctx, k)
	return k, nil
}

func accountsOf(in []oauth.Account) []Account {
	out := make([]Account, len(in))
	for i, a := range in {
		out[i] = Account{ID: a.ID, Name: a.Name, BaseURI: a.BaseURI, IsDefault: a.IsDefault}
	}
	return out
}

// signedInHere says whether this computer holds a DocuSign key's tokens. A
// Simulador local key needs none. Whether DocuSign still accepts them is
// for "Testar conexão" to ask: the list must not spend userinfo calls.
func (s *Service) signedInHere(ctx context.Context, in crm.Integration) crm.TokenHere {
	if !in.NeedsLogin() {
		return crm.TokenOK
	}
	_, err := s.secrets.Get(ctx, oauth.TokenSecretKey(in.ID))
	switch {
	case err == nil:
		return crm.TokenOK
	case errors.Is(err, secrets.ErrNotFound):
		return crm.TokenMissing
	default:
		s.log.Warn("docusign sign-in of a key not checked", "id", in.ID, "code", codeOf(err))
		return crm.TokenUnknown
	}
}

// testDocuSign is "Testar conexão" of a DocuSign key: userinfo answers
// with the key's account among the user's (ok), or the consent is gone
// (integration.login_required: "Entrar de novo"), or DocuSign is not
// reachable. A Simulador local key only checks that the simulator answers.
func (s *Service) testDocuSign(ctx context.Context, key crm.Integration) error {
	if !key.NeedsLogin() {
		if s.ds.SimulatorCheck == nil {
			return nil
		}
		if err := s.ds.SimulatorCheck(ctx); err != nil {
			s.log.Warn("docusign simulator did not answer", "id", key.ID, "err", err)
			return crm.E(crm.CodeUnreachable).Wrap(err)
		}
		return nil
	}
	auth, err := s.auth(key.Environment)
	if err != nil {
		return err
	}
	info, err := auth.UserInfo(ctx, key.ID)
	if err != nil {
		return s.docusignErr(key, err)
	}
	if _, ok := info.Account(key.DocuSignAccountID); !ok {
		return crm.E(crm.CodeAccountUnknown, "description", key.Description).OnField("account")
	}
	return nil
}

// docusignErr words the sign-in's errors as the keys screen's: a consent
// that is gone names the key, a server that does not answer is the
// integration's unreachable.
func (s *Service) docusignErr(key crm.Integration, err error) error {
	switch crm.AsError(err).Code {
	case crm.CodeLoginRequired:
		return crm.E(crm.CodeLoginRequired, "description", key.Description).Wrap(err)
	case oauth.CodeUnreachable:
		return crm.E(crm.CodeUnreachable).Wrap(err)
	}
	return err
}

// forgetDocuSign signs a key out on this computer (the key was deleted, or
// its environment changed, so its tokens belong to another account
// server). A failure is only logged: the key's row already says what
// happened, and stale tokens are refused at their next use.
func (s *Service) forgetDocuSign(key crm.Integration) {
	ctx, cancel := context.WithTimeout(context.Background(), secrets.DefaultTimeout)
	defer cancel()
	var err error
	if auth, aerr := s.auth(key.Environment); aerr == nil {
		err = auth.Logout(ctx, key.ID)
	} else {
		err = s.secrets.Delete(ctx, oauth.TokenSecretKey(key.ID))
	}
	if err != nil && !errors.Is(err, secrets.ErrNotFound) {
		s.log.Warn("docusign tokens not removed from the keyring", "id", key.ID, "code", codeOf(err))
	}
}

// DocuSignLogins keeps one oauth.Client per DocuSign environment for the
// whole process, as oauth requires (a key's TokenSource, and so its single
// refresh, is shared through its Client). The send engine takes its
// TokenSources from the same Clients.
type DocuSignLogins struct {
	secrets secrets.Store
	open    oauth.Opener

	mu      sync.Mutex
	clients map[crm.Environment]*oauth.Client
}

// NewDocuSignLogins returns the Clients' keeper; open shows DocuSign's
// sign-in page in the system browser.
func NewDocuSignLogins(sec secrets.Store, open oauth.Opener) *DocuSignLogins {
	return &DocuSignLogins{secrets: sec, open: open, clients: map[crm.Environment]*oauth.Client{}}
}

// Client returns the environment's Client (Demo or Produção). The
// Simulador local has no account server: asking for it is refused.
func (l *DocuSignLogins) Client(env crm.Environment) (*oauth.Client, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if c, ok := l.clients[env]; ok {
		return c, nil
	}
	server := oauth.AccountServer(env)
	if server == "" {
		return nil, crm.E(crm.CodeNoLoginNeeded)
	}
	c, err := oauth.New(oauth.Config{Server: server, Secrets: l.secrets, Opener: l.open})
	if err != nil {
		return nil, err
	}
	l.clients[env] = c
	return c, nil
}

// Auth is Client as the service's DocuSign.Auth.
func (l *DocuSignLogins) Auth(env crm.Environment) (DocuSignAuth, error) {
	c, err := l.Client(env)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// accountMismatch refuses a sign-in (or a choice) that would move a key off
// the DocuSign account it already has, naming that account.
func accountMismatch(key crm.Integration) error {
	name := key.DocuSignAccountName
	if name == "" {
		name = key.DocuSignAccountID
	}
	return crm.E(crm.CodeAccountMismatch, "description", key.Description, "account", name).OnField("account")
}
