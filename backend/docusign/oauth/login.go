package oauth

import (
	"context"
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"selo/backend/crm"
)

// loginGate lets one login run at a time in the process: logins share the
// loopback ports and the user's attention, whichever Client starts them.
var loginGate = make(chan struct{}, 1)

// callback is one return of the browser to the loopback listener.
type callback struct {
	state, code, errCode string
	// reply carries the login's outcome back to the browser's tab.
	reply chan error
}

// Login signs the key's user into DocuSign through the system browser and
// stores the tokens under the key (TokenSecretKey). It returns who signed in
// and their accounts; with several, the caller lets the office choose
// (UserInfo.DefaultAccount says whether one is marked).
//
// It waits for the browser at most the login timeout, and ends at once when
// ctx is cancelled. Nothing is stored unless every step succeeded; a
// callback whose state does not match is refused and its code never used.
func (c *Client) Login(ctx context.Context, keyID int64) (UserInfo, error) {
	if c.cfg.Opener == nil {
		return UserInfo{}, crm.E(crm.CodeInternal).Wrap(errors.New("oauth: Login needs an Opener"))
	}
	select {
	case loginGate <- struct{}{}:
	default:
		return UserInfo{}, crm.E(CodeLoginInProgress)
	}
	defer func() { <-loginGate }()

	ln, port, err := c.listen()
	if err != nil {
		return UserInfo{}, err
	}
	verifier, state := NewVerifier(), newState()
	redirect := RedirectURI(port)

	cbs := make(chan *callback)
	done := make(chan struct{})
	srv := &http.Server{
		Handler:           &callbackHandler{port: port, cbs: cbs, done: done},
		ReadHeaderTimeout: 10 * time.Second,
	}
	go func() { _ = srv.Serve(ln) }()
	defer func() {
		close(done)
		// The port is freed at once, so the next login can use it; the
		// tab that brought the code still gets its page, written by a
		// handler that Shutdown waits for in the background.
		_ = ln.Close()
		go func() {
			sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			if srv.Shutdown(sctx) != nil {
				_ = srv.Close()
			}
		}()
	}()

	authURL := c.authURL(redirect, state, Challenge(verifier))
	opened := make(chan error, 1)
	go func() { opened <- c.cfg.Opener(authURL) }()

	timeout := c.loginTimeout()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return UserInfo{}, crm.E(CodeLoginCanceled).Wrap(ctx.Err())
		case <-timer.C:
			return UserInfo{}, crm.E(CodeLoginTimeout, "minutes", minutes(timeout))
		case err := <-opened:
			if err != nil {
				return UserInfo{}, crm.E(CodeBrowserFailed).Wrap(err)
			}
			opened = nil
		case cb := <-cbs:
			info, err := c.finish(ctx, keyID, cb, state, verifier, redirect)
			cb.reply <- err
			return info, err
		}
	}
}

// finish checks the browser's return and, when it is this login's, trades
// the code for tokens, reads userinfo and stores the tokens, in that order,
// so a failure at any step leaves nothing behind.
func (c *Client) finish(ctx context.Context, keyID int64, cb *callback, state, verifier, redirect string) (UserInfo, error) {
	if subtle.ConstantTimeCompare([]byte(cb.state), []byte(state)) != 1 {
		return UserInfo{}, crm.E(CodeLoginStateMismatch)
	}
	switch {
	case cb.errCode == "access_denied":
		return UserInfo{}, crm.E(CodeLoginDenied)
	case cb.errCode != "":
		return UserInfo{}, crm.E(CodeLoginFailed, "error", safeCode(cb.errCode))
	case cb.code == "":
		return UserInfo{}, crm.E(CodeLoginFailed, "error", "no_code")
	}
	form := url.Values{
		"grant_type":    {"authorization_code"},
		"code":          {cb.code},
		"code_verifier": {verifier},
	}
	if sendRedirectURIOnExchange {
		form.Set("redirect_uri", redirect)
	}
	tok, err := c.postToken(ctx, form)
	var oe *oauthError
	if errors.As(err, &oe) {
		return UserInfo{}, crm.E(CodeLoginFailed, "error", oe.Code).Wrap(err)
	}
	if err != nil {
		return UserInfo{}, loginErr(ctx, err)
	}
	if tok.RefreshToken == "" {
		// Without a refresh token the login would last one access token's
		// life and then ask again; DocuSign always sends one for ACG.
		return UserInfo{}, crm.E(CodeServiceError, "status", http.StatusOK, "error", "no_refresh_token")
	}
	info, err := c.fetchUserInfo(ctx, tok.AccessToken)
	if errors.Is(err, errUnauthorized) {
		return UserInfo{}, crm.E(CodeServiceError, "status", http.StatusUnauthorized, "error", "userinfo")
	}
	if err != nil {
		return UserInfo{}, loginErr(ctx, err)
	}
	if err := saveToken(ctx, c.cfg.Secrets, keyID, tok); err != nil {
		return UserInfo{}, loginErr(ctx, err)
	}
	c.TokenSource(keyID).set(tok)
	return info, nil
}

// loginErr words the user's cancellation during the exchange as the
// login's own.
func loginErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return crm.E(CodeLoginCanceled).Wrap(err)
	}
	return err
}

// authURL is the sign-in page's address (reference §2.1 step 2).
func (c *Client) authURL(redirect, state, challenge string) string {
	q := url.Values{
		"response_type":         {"code"},
		"scope":                 {Scopes},
		"client_id":             {c.clientID()},
		"redirect_uri":          {redirect},
		"state":                 {state},
		"code_challenge":        {challenge},
		"code_challenge_method": {"S256"},
	}
	return c.cfg.Server + "/oauth/auth?" + q.Encode()
}

// listen binds the first free loopback port of the registered ones.
func (c *Client) listen() (net.Listener, int, error) {
	var errs []error
	for _, p := range c.ports() {
		ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p)))
		if err == nil {
			return ln, ln.Addr().(*net.TCPAddr).Port, nil
		}
		errs = append(errs, err)
	}
	list := make([]string, len(c.ports()))
	for i, p := range c.ports() {
		list[i] = strconv.Itoa(p)
	}
	return nil, 0, crm.E(CodePortsBusy, "ports", strings.Join(list, ", ")).Wrap(errors.Join(errs...))
}

// minutes rounds a wait up to whole minutes for the message.
func minutes(d time.Duration) int {
	m := int((d + time.Minute - 1) / time.Minute)
	if m < 1 {
		return 1
	}
	return m
}

// callbackHandler answers the browser on the loopback port.
type callbackHandler struct {
	port int
	cbs  chan<- *callback
	done <-chan struct{}
}

func (h *callbackHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != CallbackPath {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// A page on the internet can reach 127.0.0.1 through a DNS name it
	// controls (DNS rebinding); the browser then sends that name as Host.
	// Only the names of the registered redirect URIs are answered.
	if host := r.Host; host != "127.0.0.1:"+strconv.Itoa(h.port) && host != "localhost:"+strconv.Itoa(h.port) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	q := r.URL.Query()
	cb := &callback{
		state:   q.Get("state"),
		code:    q.Get("code"),
		errCode: q.Get("error"),
		reply:   make(chan error, 1),
	}
	select {
	case h.cbs <- cb:
	case <-h.done:
		writePage(w, pageOver)
		return
	case <-r.Context().Done():
		return
	}
	select {
	case err := <-cb.reply:
		writePage(w, pageFor(err))
	case <-h.done:
		// The login ended (cancelled in Selo); its answer, if it had one,
		// was sent just before.
		select {
		case err := <-cb.reply:
			writePage(w, pageFor(err))
		default:
			writePage(w, pageOver)
		}
	case <-time.After(callbackAnswerTimeout):
		writePage(w, pageOver)
	case <-r.Context().Done():
	}
}
