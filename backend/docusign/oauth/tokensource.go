package oauth

import (
	"context"
	"errors"
	"net/url"
	"sync"

	"selo/backend/crm"
)

// TokenSource hands out a key's access token, refreshing it before it
// expires. Get one from Client.TokenSource; it is safe for concurrent use,
// and callers that need a refresh at the same time wait for one shared
// refresh instead of each spending the (single-use) refresh token.
type TokenSource struct {
	c     *Client
	keyID int64

	mu sync.Mutex
	// cur is the last token read or obtained; nil until first use and after
	// the consent is gone.
	cur *Token
	// unsaved is set when a rotated token could not be written to the
	// keyring; the next use tries again, because the keyring's copy is now
	// a consumed refresh token.
	unsaved bool
	// flight is the refresh in progress, shared by every waiting caller.
	flight *refreshCall
	// gen counts logins and logouts, so a refresh that started before one
	// neither deletes nor overwrites the tokens it brought.
	gen int
}

type refreshCall struct {
	done chan struct{}
	tok  Token
	err  error
}

// AccessToken returns an access token with at least RefreshMargin of life
// left, refreshing (and storing the rotated refresh token) when needed. No
// stored consent, or a refused refresh, is crm.CodeLoginRequired: the user
// must "Entrar de novo".
func (s *TokenSource) AccessToken(ctx context.Context) (string, error) {
	s.mu.Lock()
	if s.cur == nil {
		t, err := loadToken(ctx, s.c.cfg.Secrets, s.keyID)
		if err != nil {
			s.mu.Unlock()
			return "", err
		}
		s.cur = &t
	}
	if s.unsaved {
		if err := saveToken(ctx, s.c.cfg.Secrets, s.keyID, *s.cur); err == nil {
			s.unsaved = false
		}
	}
	if s.cur.fresh(s.c.now()) {
		access := s.cur.AccessToken
		s.mu.Unlock()
		return access, nil
	}
	call := s.flight
	if call == nil {
		call = &refreshCall{done: make(chan struct{})}
		s.flight = call
		go s.refresh(call, s.cur.RefreshToken, s.gen)
	}
	s.mu.Unlock()

	select {
	case <-call.done:
	case <-ctx.Done():
		return "", crm.E(crm.CodeCanceled).Wrap(ctx.Err())
	}
	if call.err != nil {
		// A refresh that failed for want of a network leaves a token that
		// has not quite expired usable: better a send that starts than one
		// refused minutes early.
		s.mu.Lock()
		defer s.mu.Unlock()
		var e *crm.Error
		if errors.As(call.err, &e) && e.Code != crm.CodeLoginRequired && s.cur != nil &&
			s.cur.AccessToken != "" && s.c.now().Before(s.cur.Expiry) {
			return s.cur.AccessToken, nil
		}
		return "", call.err
	}
	return call.tok.AccessToken, nil
}

// refresh runs one refresh_token grant detached from the caller that
// started it (see refreshTimeout), stores the rotated token and wakes the
// waiting callers.
func (s *TokenSource) refresh(call *refreshCall, refreshToken string, gen int) {
	ctx, cancel := context.WithTimeout(context.Background(), refreshTimeout)
	defer cancel()
	t, err := s.c.postToken(ctx, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refreshToken}})

	s.mu.Lock()
	defer func() {
		s.flight = nil
		s.mu.Unlock()
		close(call.done)
	}()
	if gen != s.gen {
		// A login or logout happened meanwhile: what it stored wins.
		call.err = crm.E(crm.CodeLoginRequired)
		if s.cur != nil {
			call.err, call.tok = nil, *s.cur
		}
		return
	}
	var oe *oauthError
	switch {
	case errors.As(err, &oe) && oe.Code == "invalid_grant":
		// The consent is gone: the stored tokens can never work again, so
		// they are removed and the next use asks to sign in without
		// calling DocuSign.
		s.cur, s.unsaved = nil, false
		call.err = crm.E(crm.CodeLoginRequired).Wrap(err)
		if derr := s.c.cfg.Secrets.Delete(ctx, TokenSecretKey(s.keyID)); derr != nil {
			call.err = crm.E(crm.CodeLoginRequired).Wrap(errors.Join(err, derr))
		}
		return
	case oe != nil:
		call.err = crm.E(CodeServiceError, "status", oe.Status, "error", oe.Code).Wrap(err)
		return
	case err != nil:
		call.err = err
		return
	}
	if t.RefreshToken == "" {
		t.RefreshToken = refreshToken
	}
	s.cur, call.tok = &t, t
	if err := saveToken(ctx, s.c.cfg.Secrets, s.keyID, t); err != nil {
		// The new pair works for this session; the keyring keeps a consumed
		// refresh token until a later use manages to save.
		s.unsaved = true
		call.err = err
		return
	}
	s.unsaved = false
}

// Invalidate tells the source that DocuSign refused access (a 401 in the
// middle of a send): the next AccessToken refreshes. It only acts while
// stale is still the current token, so several callers reporting the same
// refusal cause one refresh, not one each.
func (s *TokenSource) Invalidate(stale string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil && s.cur.AccessToken == stale {
		s.cur.AccessToken = ""
	}
}

// set makes t the key's current token after a login.
func (s *TokenSource) set(t Token) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cur, s.unsaved = &t, false
	s.gen++
}

// forget deletes the key's tokens here and in the keyring.
func (s *TokenSource) forget(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cur, s.unsaved = nil, false
	s.gen++
	return s.c.cfg.Secrets.Delete(ctx, TokenSecretKey(s.keyID))
}
