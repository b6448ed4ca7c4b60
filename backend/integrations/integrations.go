// Package integrations manages the office's e-signature keys: the row in the
// database and the token in the OS keyring change together or not at all.
package integrations

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
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
	// Fingerprint returns the stored fingerprint of a key's token (empty
	// for a key saved before fingerprints).
	Fingerprint(ctx context.Context, id int64) (crm.TokenFingerprint, error)
	// AdoptFingerprint stores fp only where the key has none and reports
	// whether it did.
	AdoptFingerprint(ctx context.Context, id int64, fp crm.TokenFingerprint) (bool, error)
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
	// ds and dsState serve DocuSign keys (docusign.go).
	ds      DocuSign
	dsState docusignState
}

// New returns the keys service.
func New(store Store, sec secrets.Store, test Tester, log *slog.Logger) *Service {
	return &Service{store: store, secrets: sec, test: test, log: log, now: time.Now}
}

// SecretKey is the keyring entry of a key's token.
func SecretKey(id int64) string { return "clicksign/" + strconv.FormatInt(id, 10) }

// List returns every key, each with whether this computer holds its token
// (TokenHere). A keyring that cannot be asked leaves the state unknown
// rather than failing the list: the keys are still the office's to edit.
func (s *Service) List(ctx context.Context) ([]crm.Integration, error) {
	keys, err := s.store.List(ctx)
	if err != nil {
		return nil, err
	}
	for i := range keys {
		keys[i].TokenHere = s.tokenHere(ctx, keys[i])
	}
	return keys, nil
}

// tokenHere checks in's token on this computer for the keys screen.
func (s *Service) tokenHere(ctx context.Context, in crm.Integration) crm.TokenHere {
	if in.Provider == crm.ProviderDocuSign {
		return s.signedInHere(ctx, in)
	}
	_, err := s.token(ctx, in)
	if err == nil {
		return crm.TokenOK
	}
	switch code := crm.AsError(err).Code; code {
	case crm.CodeTokenMissing:
		return crm.TokenMissing
	case crm.CodeTokenMismatch:
		return crm.TokenMismatch
	default:
		s.log.Warn("token of a key not checked", "id", in.ID, "code", code)
		return crm.TokenUnknown
	}
}

// Token reads a key's token from the keyring for a caller that is about to
// use it. A missing entry is crm.CodeTokenMissing and a token that is not
// the office's (its fingerprint differs) is crm.CodeTokenMismatch, both on
// the token field and naming the key, so nothing is sent with it and the
// screen asks for the right token.
func (s *Service) Token(ctx context.Context, id int64) (crm.Integration, string, error) {
	in, err := s.store.Get(ctx, id)
	if err != nil {
		return in, "", err
	}
	tok, err := s.token(ctx, in)
	return in, tok, err
}

// token reads in's token from the keyring and checks it against the
// office's fingerprint; a key without one adopts this token's, so a key
// saved before fingerprints keeps working on the PC that has its token.
func (s *Service) token(ctx context.Context, in crm.Integration) (string, error) {
	tok, err := s.secrets.Get(ctx, SecretKey(in.ID))
	if errors.Is(err, secrets.ErrNotFound) {
		return "", crm.E(crm.CodeTokenMissing, "description", in.Description).OnField("token")
	}
	if err != nil {
		return "", err
	}
	logging.Default.AddSecret(tok)
	fp, err := s.store.Fingerprint(ctx, in.ID)
	if err != nil {
		return "", err
	}
	if fp.Empty() {
		adopted, err := s.store.AdoptFingerprint(ctx, in.ID, newFingerprint(tok))
		if err != nil {
			return "", err
		}
		if adopted {
			s.log.Info("integration token fingerprint adopted", "id", in.ID)
			return tok, nil
		}
		// Another PC adopted its token first: this one must match it.
		if fp, err = s.store.Fingerprint(ctx, in.ID); err != nil {
			return "", err
		}
	}
	if !fingerprintMatches(fp, tok) {
		return "", crm.E(crm.CodeTokenMismatch, "description", in.Description).OnField("token")
	}
	return tok, nil
}

// fingerprintSaltLen is the salt's length in bytes.
const fingerprintSaltLen = 16

// newFingerprint makes what the office database keeps instead of a key's
// token, so each PC can tell its keyring's token is the office's one without
// the token ever being shared: HMAC-SHA256 of the token keyed with 16 random
// bytes (the salt), both stored hex-encoded in the key's row.
//
// Why this choice: the database is shared by every PC and gets copied into
// backups, so the digest must not help anyone who reads it. A fresh salt
// per key (and per token change) means the same token gives a different
// digest on every key and in every office, so rows cannot be matched across
// keys, offices or precomputed tables; HMAC is the standard keyed
// construction for binding a secret to a salt. A slow password hash would
// add nothing: a Clicksign token is a random UUID, not a word a person
// chose, so it cannot be guessed from the digest. fingerprintMatches
// compares with hmac.Equal (constant time), as a MAC comparison should.
// Neither the token nor the fingerprint is ever logged.
func newFingerprint(token string) crm.TokenFingerprint {
	salt := make([]byte, fingerprintSaltLen)
	_, _ = rand.Read(salt)
	return crm.TokenFingerprint{Salt: hex.EncodeToString(salt), Sum: hex.EncodeToString(tokenMAC(salt, token))}
}

func tokenMAC(salt []byte, token string) []byte {
	m := hmac.New(sha256.New, salt)
	m.Write([]byte(token))
	return m.Sum(nil)
}

// fingerprintMatches reports whether token is the one fp was made from. A
// fingerprint that does not decode matches nothing.
func fingerprintMatches(fp crm.TokenFingerprint, token string) bool {
	salt, err1 := hex.DecodeString(fp.Salt)
	sum, err2 := hex.DecodeString(fp.Sum)
	if err1 != nil || err2 != nil || len(salt) == 0 {
		return false
	}
	return hmac.Equal(tokenMAC(salt, token), sum)
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
	var before crm.Integration
	if in.ID != 0 {
		// The provider is the stored one: a key's envelopes live at the
		// service it was made for, whatever the form says.
		var err error
		if before, err = s.store.Get(ctx, in.ID); err != nil {
			return crm.Integration{}, err
		}
		in.Provider = before.Provider
	}
	n, err := s.validate(ctx, in)
	if err != nil {
		return crm.Integration{}, err
	}
	docusign := n.Provider == crm.ProviderDocuSign
	// A DocuSign key whose environment changed points at another account
	// server: its account and this PC's tokens belong to the old one.
	moved := docusign && n.ID != 0 && before.Environment != n.Environment
	if n.ID == 0 && n.Token == "" && n.Environment == crm.EnvSimulator && !docusign {
		n.Token = simulatorToken()
	}
	last4 := ""
	var fp crm.TokenFingerprint
	if n.Token != "" {
		last4 = crm.Last4(n.Token)
		logging.Default.AddSecret(n.Token)
		fp = newFingerprint(n.Token)
	}
	now := s.now()

	var id int64
	var restore func()
	err = s.store.Tx(ctx, func(tx Tx) error {
		if n.ID == 0 {
			if id, err = tx.Insert(ctx, n, last4, now); err != nil {
				return err
			}
			if docusign {
				return nil
			}
			if err := tx.SetFingerprint(ctx, id, fp); err != nil {
				return err
			}
			restore = func() { s.forget(id) }
		} else {
			id = n.ID
			if err := tx.Update(ctx, n, last4, now); err != nil {
				return err
			}
			if moved {
				if err := tx.SetDocuSignAccount(ctx, id, crm.DocuSignAccount{}, now); err != nil {
					return err
				}
			}
			if n.Token == "" {
				return nil
			}
			if err := tx.SetFingerprint(ctx, id, fp); err != nil {
				return err
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
	if moved {
		s.forgetDocuSign(before)
	}
	s.log.Info("integration saved", "id", id, "provider", n.Provider, "environment", n.Environment, "newToken", n.Token != "")
	saved, err := s.store.Get(ctx, id)
	if err != nil {
		return saved, err
	}
	saved.TokenHere = s.tokenHere(ctx, saved)
	return saved, nil
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
	var gone crm.Integration
	err := s.store.Tx(ctx, func(tx Tx) error {
		in, err := tx.Get(ctx, id)
		if err != nil {
			return err
		}
		gone = in
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
	if gone.NeedsLogin() {
		s.forgetDocuSign(gone)
	}
	s.log.Info("integration deleted", "id", id)
	return nil
}

// TestConnection calls the service with the stored token; a DocuSign key
// asks DocuSign who is signed in (see testDocuSign).
func (s *Service) TestConnection(ctx context.Context, id int64) error {
	key, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if key.Provider == crm.ProviderDocuSign {
		err := s.testDocuSign(ctx, key)
		s.log.Info("integration tested", "id", id, "provider", key.Provider, "environment", key.Environment, "result", codeOf(err))
		return err
	}
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
