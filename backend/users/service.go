package users

import (
	"context"
	"errors"
	"log/slog"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"selo/backend/crm"
	"selo/backend/inbound"
	"selo/backend/logging"
	"selo/backend/secrets"
)

// Length limits of names, in characters.
const (
	MaxUserNameLen  = 120
	MaxTokenNameLen = 60
	maxEmailLen     = 254
)

// Service is the users and tokens use cases. It is safe for concurrent use.
type Service struct {
	store   Store
	secrets secrets.Store
	log     *slog.Logger
	now     func() time.Time
}

// New returns the service; log may be nil.
func New(store Store, sec secrets.Store, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{store: store, secrets: sec, log: log, now: time.Now}
}

// WithClock replaces the clock, for tests; it returns s.
func (s *Service) WithClock(now func() time.Time) *Service {
	s.now = now
	return s
}

// SecretKey is the keyring entry of a token.
func SecretKey(tokenID int64) string { return "admintoken/" + itoa(tokenID) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// List returns every user, active and inactive.
func (s *Service) List(ctx context.Context) ([]crm.User, error) { return s.store.ListUsers(ctx) }

// User returns one user or crm.CodeNotFound.
func (s *Service) User(ctx context.Context, id int64) (crm.User, error) { return s.store.User(ctx, id) }

// normalizeEmail lower-cases and trims an address and reports whether it is
// plausible: one mailbox, no display name, a dotted domain. Lower case
// because the address is a login-like identity compared without case.
func normalizeEmail(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > maxEmailLen || strings.ContainsAny(s, " \t\r\n\"<>(),;") {
		return s, false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return s, false
	}
	domain := s[strings.LastIndexByte(s, '@')+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") ||
		strings.Contains(domain, "..") {
		return s, false
	}
	return s, true
}

// validate checks a form and lists every problem; uniqueness is checked by
// the caller inside its transaction.
func validate(in crm.UserInput) (crm.UserInput, *crm.Invalid, bool) {
	v := &crm.Invalid{}
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	switch {
	case in.Name == "":
		v.Add(crm.E(crm.CodeRequired).OnField("name"))
	case utf8.RuneCountInString(in.Name) > MaxUserNameLen:
		v.Add(crm.E(CodeNameTooLong, "max", MaxUserNameLen).OnField("name"))
	}
	emailOK := false
	if strings.TrimSpace(in.Email) == "" {
		v.Add(crm.E(crm.CodeRequired).OnField("email"))
	} else if in.Email, emailOK = normalizeEmail(in.Email); !emailOK {
		v.Add(crm.E(CodeEmailInvalid).OnField("email"))
	}
	in.Role = crm.UserRole(strings.ToLower(strings.TrimSpace(string(in.Role))))
	switch {
	case in.Role == "":
		v.Add(crm.E(crm.CodeRequired).OnField("role"))
	case !in.Role.Valid():
		v.Add(crm.E(CodeRoleInvalid).OnField("role"))
	}
	return in, v, emailOK
}

// CreateUser adds an active user. Every problem with the form is reported at
// once as *crm.Invalid, the duplicate e-mail included.
func (s *Service) CreateUser(ctx context.Context, in crm.UserInput) (crm.User, error) {
	in.ID = 0
	return s.save(ctx, in)
}

// UpdateUser changes a user's name, e-mail and role; whether the user is
// active is changed only by Deactivate and Reactivate.
func (s *Service) UpdateUser(ctx context.Context, in crm.UserInput) (crm.User, error) {
	if in.ID <= 0 {
		return crm.User{}, crm.E(crm.CodeNotFound)
	}
	return s.save(ctx, in)
}

func (s *Service) save(ctx context.Context, in crm.UserInput) (crm.User, error) {
	in, problems, emailOK := validate(in)
	now := s.now().UTC()
	id := in.ID
	err := s.store.Tx(ctx, func(tx Tx) error {
		var current crm.User
		if id != 0 {
			var err error
			if current, err = tx.User(id); err != nil {
				return err
			}
			// Another PC saved this user after the form read it.
			if in.Version != 0 && in.Version != current.Version {
				return crm.Conflict(current.UpdatedByName, current.UpdatedAt)
			}
			if in.Version != 0 {
				// The store's UPDATE checks it again, against the row.
				current.Version = in.Version
			}
		}
		if emailOK {
			taken, err := tx.EmailTaken(in.Email, id)
			if err != nil {
				return err
			}
			if taken {
				problems.Add(crm.E(crm.CodeDuplicate, "value", in.Email).OnField("email"))
			}
		}
		if err := problems.Err(); err != nil {
			return err
		}
		if id == 0 {
			var err error
			id, err = tx.InsertUser(crm.User{Name: in.Name, Email: in.Email, Role: in.Role, Active: true,
				CreatedAt: now, UpdatedAt: now})
			return err
		}
		current.Name, current.Email, current.Role, current.UpdatedAt = in.Name, in.Email, in.Role, now
		return tx.UpdateUser(current)
	})
	if err != nil {
		return crm.User{}, err
	}
	s.log.Info("admin user saved", "id", id, "role", in.Role, "created", in.ID == 0)
	return s.store.User(ctx, id)
}

// Deactivate turns a user off: the user's tokens stop working at once (the
// listener asks for active users' tokens on every request) but are not
// revoked, so Reactivate brings them back.
func (s *Service) Deactivate(ctx context.Context, id int64) (crm.User, error) {
	return s.setActive(ctx, id, false)
}

// Reactivate turns a user back on, with the tokens that were not revoked.
func (s *Service) Reactivate(ctx context.Context, id int64) (crm.User, error) {
	return s.setActive(ctx, id, true)
}

func (s *Service) setActive(ctx context.Context, id int64, active bool) (crm.User, error) {
	now := s.now().UTC()
	err := s.store.Tx(ctx, func(tx Tx) error {
		u, err := tx.User(id)
		if err != nil {
			return err
		}
		if u.Active == active {
			return nil
		}
		return tx.SetActive(id, active, now)
	})
	if err != nil {
		return crm.User{}, err
	}
	s.log.Info("admin user activation changed", "id", id, "active", active)
	return s.store.User(ctx, id)
}

// ListTokens returns a user's tokens, live and revoked, never the secrets.
func (s *Service) ListTokens(ctx context.Context, userID int64) ([]crm.UserToken, error) {
	if _, err := s.store.User(ctx, userID); err != nil {
		return nil, err
	}
	return s.store.ListTokens(ctx, userID)
}

// Token returns one token's record.
func (s *Service) Token(ctx context.Context, id int64) (crm.UserToken, error) {
	return s.store.Token(ctx, id)
}

// GenerateToken makes a new token for an active user and returns it in plain
// text; this is the only answer that carries it unasked. The row is written
// inside a transaction, the keyring is set, and only then is the transaction
// committed: a keyring failure leaves no row, and a commit failure removes
// the keyring entry again.
func (s *Service) GenerateToken(ctx context.Context, userID int64, name string) (GeneratedToken, error) {
	name = strings.Join(strings.Fields(name), " ")
	switch {
	case name == "":
		return GeneratedToken{}, &crm.Invalid{Problems: []*crm.Error{crm.E(crm.CodeRequired).OnField("name")}}
	case utf8.RuneCountInString(name) > MaxTokenNameLen:
		return GeneratedToken{}, &crm.Invalid{Problems: []*crm.Error{
			crm.E(CodeNameTooLong, "max", MaxTokenNameLen).OnField("name")}}
	}
	plain, stored, err := inbound.NewToken("")
	if err != nil {
		return GeneratedToken{}, err
	}
	logging.Default.AddSecret(plain)
	now := s.now().UTC()
	var created crm.UserToken
	var undo func()
	err = s.store.Tx(ctx, func(tx Tx) error {
		u, err := tx.User(userID)
		if err != nil {
			return err
		}
		if !u.Active {
			return crm.E(CodeUserInactive, "name", u.Name)
		}
		taken, err := tx.LiveTokenNameTaken(userID, name)
		if err != nil {
			return err
		}
		if taken {
			return &crm.Invalid{Problems: []*crm.Error{crm.E(crm.CodeDuplicate, "value", name).OnField("name")}}
		}
		if created, err = tx.InsertToken(userID, name, stored.Hash, stored.LastFour, now); err != nil {
			return err
		}
		if err := s.secrets.Set(ctx, SecretKey(created.ID), plain); err != nil {
			return keyringError(err)
		}
		id := created.ID
		undo = func() { s.forget(id) }
		return nil
	})
	if err != nil {
		if undo != nil {
			// The keyring holds a token whose row was rolled back: remove it
			// so the two never disagree.
			undo()
		}
		return GeneratedToken{}, err
	}
	s.log.Info("admin token generated", "id", created.ID, "user", userID, "last4", created.Last4)
	return GeneratedToken{Token: created, Plain: plain}, nil
}

// RevokeToken stops a token at once and removes it from the keyring.
// Unlike GenerateToken, the revocation is committed even when the keyring
// cannot be reached: stopping the URL matters more than tidying the keyring,
// and a leftover secret of a revoked token opens nothing (TokenPlain refuses
// it and its hash is no longer active).
func (s *Service) RevokeToken(ctx context.Context, tokenID int64) (crm.UserToken, error) {
	now := s.now().UTC()
	err := s.store.Tx(ctx, func(tx Tx) error {
		if _, err := tx.Token(tokenID); err != nil {
			return err
		}
		return tx.RevokeToken(tokenID, now)
	})
	if err != nil {
		return crm.UserToken{}, err
	}
	s.log.Info("admin token revoked", "id", tokenID)
	if err := s.secrets.Delete(ctx, SecretKey(tokenID)); err != nil {
		s.log.Warn("revoked token left in the keyring", "id", tokenID, "err", err)
	}
	return s.store.Token(ctx, tokenID)
}

// TokenPlain reads a live token from the keyring, for showing its
// integration URL again.
func (s *Service) TokenPlain(ctx context.Context, tokenID int64) (string, error) {
	t, err := s.store.Token(ctx, tokenID)
	if err != nil {
		return "", err
	}
	if !t.Active {
		return "", crm.E(CodeTokenRevoked, "name", t.Name)
	}
	plain, err := s.secrets.Get(ctx, SecretKey(tokenID))
	if errors.Is(err, secrets.ErrNotFound) {
		return "", crm.E(CodeTokenSecretMissing, "name", t.Name)
	}
	if err != nil {
		return "", keyringError(err)
	}
	logging.Default.AddSecret(plain)
	return plain, nil
}

// ActiveTokenHashes implements inbound.TokenSource: live tokens of active
// users, read from the database on every call so that a revocation or a
// deactivation applies to the very next request.
func (s *Service) ActiveTokenHashes(ctx context.Context) ([]inbound.TokenHash, error) {
	return s.store.ActiveTokenHashes(ctx)
}

// forget undoes a keyring write after a failed commit, with a fresh context
// because the caller's may be what was cancelled.
func (s *Service) forget(tokenID int64) {
	ctx, cancel := context.WithTimeout(context.Background(), secrets.DefaultTimeout)
	defer cancel()
	if err := s.secrets.Delete(ctx, SecretKey(tokenID)); err != nil {
		s.log.Error("removing a token from the keyring after a failed save", "id", tokenID, "err", err)
	}
}

// keyringError makes sure a keyring failure reaches the screen as
// crm.CodeKeyringUnavailable, whatever Store implementation raised it.
func keyringError(err error) error {
	var ce *crm.Error
	if errors.As(err, &ce) {
		return err
	}
	return crm.E(crm.CodeKeyringUnavailable).Wrap(err)
}
