// Package integrations manages the office's e-signature keys: the row in the
// database and the token in the OS keyring change together or not at all.
package integrations

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"selo/backend/crm"
	"selo/backend/logging"
	"selo/backend/secrets"
)

// Store is the part of the database this service needs. The sqlite package
// implements it; tests wrap it to make a commit fail.
type Store interface {
	List(ctx context.Context) ([]crm.Integration, error)
	Get(ctx context.Context, id int64) (crm.Integration, error)
	// Tx runs fn in one write transaction; an error from fn rolls it back.
	Tx(ctx context.Context, fn func(Tx) error) error
	DescriptionTaken(ctx context.Context, description string, exceptID int64) (bool, error)
}

// Tx is the store inside one transaction, where a key's row changes in step
// with its keyring entry. It is the domain's interface so that the adapter,
// which cannot import this package, can name it in its Tx signature.
type Tx = crm.IntegrationTx

// MaxTokenLen is the longest access token a key takes, in characters: the
// most the keyring holds everywhere (secrets.MaxValueLen). A Clicksign
// token is a 36-character UUID; the room above it is for a format change,
// not for a paste of the wrong thing, which the connection test catches.
const MaxTokenLen = secrets.MaxValueLen

// CodeTokenTooLong: the token pasted is longer than MaxTokenLen (data:
// max, length), so the keyring could not keep it.
const CodeTokenTooLong = "integration.token_too_long"

// Tester checks a token against the service the key points at. It returns
// nil when connected, or a *crm.Error with one of the integration codes.
type Tester func(ctx context.Context, env crm.Environment, token string) error

// Service is the keys use cases.
type Service struct {
	store   Store
	secrets secrets.Store
	test    Tester
	log     *slog.Logger
	now     func() time.Time
}

// New returns the keys service.
func New(store Store, sec secrets.Store, test Tester, log *slog.Logger) *Service {
	return &Service{store: store, secrets: sec, test: test, log: log, now: time.Now}
}

// SecretKey is the keyring entry of a key's token.
func SecretKey(id int64) string { return "clicksign/" + strconv.FormatInt(id, 10) }

// List returns every key.
func (s *Service) List(ctx context.Context) ([]crm.Integration, error) {
	return s.store.List(ctx)
}

// Token reads a key's token from the keyring for a caller that is about to
// use it; a missing entry is crm.CodeTokenMissing so the screen can ask the
// manager to type it again.
func (s *Service) Token(ctx context.Context, id int64) (crm.Integration, string, error) {
	in, err := s.store.Get(ctx, id)
	if err != nil {
		return in, "", err
	}
	tok, err := s.secrets.Get(ctx, SecretKey(id))
	if errors.Is(err, secrets.ErrNotFound) {
		return in, "", crm.E(crm.CodeTokenMissing, "description", in.Description).OnField("token")
	}
	if err != nil {
		return in, "", err
	}
	logging.Default.AddSecret(tok)
	return in, tok, nil
}

// simulatorToken makes the token of a Simulador local key: the simulator has
// no account to copy one from, but the request path stays the same as with
// Clicksign, token included.
func simulatorToken() string {
	b := make([]byte, 20)
	_, _ = rand.Read(b)
	return "sim_" + hex.EncodeToString(b)
}

// Save creates or updates a key. The row is written inside a transaction, the
// keyring is changed, and only then is the transaction committed: a keyring
// failure leaves no row, and a commit failure puts the keyring back.
func (s *Service) Save(ctx context.Context, in crm.IntegrationInput) (crm.Integration, error) {
	n, err := s.validate(ctx, in)
	if err != nil {
		return crm.Integration{}, err
	}
	if n.ID == 0 && n.Token == "" && n.Environment == crm.EnvSimulator {
		n.Token = simulatorToken()
	}
	last4 := ""
	if n.Token != "" {
		last4 = crm.Last4(n.Token)
		logging.Default.AddSecret(n.Token)
	}
	now := s.now()

	var id int64
	var restore func()
	err = s.store.Tx(ctx, func(tx Tx) error {
		if n.ID == 0 {
			if id, err = tx.Insert(ctx, n, last4, now); err != nil {
				return err
			}
			restore = func() { s.forget(id) }
		} else {
			id = n.ID
			if err := tx.Update(ctx, n, last4, now); err != nil {
				return err
			}
			if n.Token == "" {
				return nil
			}
			old, err := s.secrets.Get(ctx, SecretKey(id))
			switch {
			case errors.Is(err, secrets.ErrNotFound):
				restore = func() { s.forget(id) }
			case err != nil:
				return err
			default:
				restore = func() { s.put(id, old) }
			}
		}
		return s.secrets.Set(ctx, SecretKey(id), n.Token)
	})
	if err != nil {
		if restore != nil {
			// The keyring may already hold the new token while the row was
			// rolled back: undo it so the two never disagree.
			restore()
		}
		return crm.Integration{}, err
	}
	s.log.Info("integration saved", "id", id, "environment", n.Environment, "newToken", n.Token != "")
	return s.store.Get(ctx, id)
}

// validate adds the token's length (what the keyring holds) and the
// duplicate-description check to the form rules, so the manager sees every
// problem in one go.
func (s *Service) validate(ctx context.Context, in crm.IntegrationInput) (crm.NormalizedIntegration, error) {
	n, err := crm.ValidateIntegration(in)
	var inv *crm.Invalid
	if err != nil && !errors.As(err, &inv) {
		return n, err
	}
	if len(n.Token) > MaxTokenLen {
		if inv == nil {
			inv = &crm.Invalid{}
		}
		inv.Add(crm.E(CodeTokenTooLong, "max", MaxTokenLen, "length", len(n.Token)).OnField("token"))
	}
	if n.Description != "" {
		taken, qerr := s.store.DescriptionTaken(ctx, n.Description, n.ID)
		if qerr != nil {
			return n, qerr
		}
		if taken {
			if inv == nil {
				inv = &crm.Invalid{}
			}
			inv.Add(crm.E(crm.CodeDuplicate, "value", n.Description).OnField("description"))
		}
	}
	if inv != nil {
		return n, inv.Err()
	}
	return n, nil
}

// Delete removes a key and its keyring entry. A key chosen by a development
// is refused with crm.CodeInUse naming the developments.
func (s *Service) Delete(ctx context.Context, id int64) error {
	var restore func()
	err := s.store.Tx(ctx, func(tx Tx) error {
		in, err := tx.Get(ctx, id)
		if err != nil {
			return err
		}
		if len(in.UsedBy) > 0 {
			return crm.E(crm.CodeInUse, "usedBy", strings.Join(in.UsedBy, ", "), "count", len(in.UsedBy))
		}
		if err := tx.Delete(ctx, id); err != nil {
			return err
		}
		old, err := s.secrets.Get(ctx, SecretKey(id))
		if err != nil && !errors.Is(err, secrets.ErrNotFound) {
			return err
		}
		if err == nil {
			restore = func() { s.put(id, old) }
		}
		return s.secrets.Delete(ctx, SecretKey(id))
	})
	if err != nil {
		if restore != nil {
			restore()
		}
		return err
	}
	// The key is gone, so deliveries for it are refused whatever happens
	// here; a webhook secret left behind would only be litter in the
	// keyring. The registration on Clicksign's side is the office's to
	// remove (Desativar does it while the key exists).
	if err := s.secrets.Delete(ctx, secrets.ClicksignWebhookKey(id)); err != nil {
		s.log.Warn("webhook secret not removed from the keyring", "id", id, "code", codeOf(err))
	}
	s.log.Info("integration deleted", "id", id)
	return nil
}

// TestConnection calls the service with the stored token.
func (s *Service) TestConnection(ctx context.Context, id int64) error {
	in, tok, err := s.Token(ctx, id)
	if err != nil {
		return err
	}
	err = s.test(ctx, in.Environment, tok)
	s.log.Info("integration tested", "id", id, "environment", in.Environment, "result", codeOf(err))
	return err
}

// put and forget undo a keyring change after a failed commit. They use a
// fresh context because the caller's may be what was cancelled.
func (s *Service) put(id int64, token string) {
	ctx, cancel := context.WithTimeout(context.Background(), secrets.DefaultTimeout)
	defer cancel()
	if err := s.secrets.Set(ctx, SecretKey(id), token); err != nil {
		s.log.Error("restoring a token after a failed save", "id", id, "err", err)
	}
}

func (s *Service) forget(id int64) {
	ctx, cancel := context.WithTimeout(context.Background(), secrets.DefaultTimeout)
	defer cancel()
	if err := s.secrets.Delete(ctx, SecretKey(id)); err != nil {
		s.log.Error("removing a token after a failed save", "id", id, "err", err)
	}
}

func codeOf(err error) string {
	if err == nil {
		return "connected"
	}
	return crm.AsError(err).Code
}
