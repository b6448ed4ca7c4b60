package office

import (
	"context"
	"errors"
	"log/slog"

	"selo/backend/crm"
	"selo/backend/secrets"
)

// Target is everything needed to reach the office server, password
// included. It is built in memory for one connection and never written or
// logged.
type Target struct {
	Host     string
	Port     int
	Database string
	User     string
	Password string
	TLS      string
	CAFile   string
}

// ProbeResult is what a server that accepted the connection told.
type ProbeResult struct {
	// ServerVersion is the PostgreSQL version ("15.4").
	ServerVersion string `json:"serverVersion"`
	// Empty says the database has no tables yet: Selo creates its schema
	// there at the first start in office mode.
	Empty bool `json:"empty"`
	// SchemaVersion is the Selo schema the database holds (0 when empty).
	SchemaVersion int `json:"schemaVersion"`
	// HasData says the database holds rows already, so this PC's data
	// cannot be copied there.
	HasData bool `json:"hasData"`
}

// Prober checks a server without changing it. The storage adapter
// implements it; failures come back as crm codes (crm.CodeOfficeUnreachable
// and the rest).
type Prober interface {
	Probe(ctx context.Context, t Target) (ProbeResult, error)
}

// View is the Escritório screen's state: the settings and whether this PC's
// keyring holds a password (never the password itself).
type View struct {
	Settings    Settings `json:"settings"`
	HasPassword bool     `json:"hasPassword"`
}

// Service reads, checks and saves this PC's office settings.
type Service struct {
	path    string
	secrets secrets.Store
	prober  Prober
	copier  Copier
	copying copyState
	log     *slog.Logger
}

// NewService serves the settings file at path (FileName in the data home),
// keeping the password in store.
func NewService(path string, store secrets.Store, prober Prober, log *slog.Logger) *Service {
	return &Service{path: path, secrets: store, prober: prober, log: log}
}

// WithCopier lets the service take this PC's data to the server
// (CopyToServer); without it the copy is refused.
func (s *Service) WithCopier(c Copier) *Service {
	s.copier = c
	return s
}

// Get returns the settings as saved and whether a password is stored.
func (s *Service) Get(ctx context.Context) (View, error) {
	st, err := Load(s.path)
	if err != nil {
		return View{}, err
	}
	has, err := s.hasPassword(ctx)
	if err != nil {
		return View{}, err
	}
	return View{Settings: st, HasPassword: has}, nil
}

func (s *Service) hasPassword(ctx context.Context) (bool, error) {
	pw, err := s.secrets.Get(ctx, PasswordKey)
	if errors.Is(err, secrets.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return pw != "", nil
}

// password is the one typed, else the stored one. Office mode without
// either is refused on the password field.
func (s *Service) password(ctx context.Context, typed string) (string, error) {
	if typed != "" {
		return typed, nil
	}
	pw, err := s.secrets.Get(ctx, PasswordKey)
	if errors.Is(err, secrets.ErrNotFound) || (err == nil && pw == "") {
		var inv crm.Invalid
		inv.Add(crm.E(crm.CodeRequired).OnField("password"))
		return "", inv.Err()
	}
	return pw, err
}

// Save checks and stores st, and password in the keyring when one was typed
// (empty keeps the stored one). It takes effect at the next start: the
// database of a running Selo does not change under its screens.
func (s *Service) Save(ctx context.Context, st Settings, password string) (View, error) {
	st = st.normalized()
	if err := st.Validate(); err != nil {
		return View{}, err
	}
	if st.Mode == ModeOffice {
		if _, err := s.password(ctx, password); err != nil {
			return View{}, err
		}
		if password != "" {
			if err := s.secrets.Set(ctx, PasswordKey, password); err != nil {
				return View{}, err
			}
		}
	}
	if err := Save(s.path, st); err != nil {
		return View{}, err
	}
	s.log.Info("office settings saved", "mode", st.Mode, "host", st.Host, "port", st.Port, "database", st.Database, "tls", st.TLS)
	return s.Get(ctx)
}

// UseLocal switches this PC back to its own selo.db, keeping the server's
// address for later. Nothing is copied back from the server.
func (s *Service) UseLocal(ctx context.Context) error {
	st, err := Load(s.path)
	if err != nil {
		// A file Selo cannot read must not keep the PC from starting.
		st = Defaults()
	}
	st.Mode = ModeLocal
	if err := Save(s.path, st); err != nil {
		return err
	}
	s.log.Info("office settings: back to this computer only")
	return nil
}

// Test checks st as "Testar conexão": settings first, then the server,
// without saving or changing anything.
func (s *Service) Test(ctx context.Context, st Settings, password string) (ProbeResult, error) {
	st = st.normalized()
	st.Mode = ModeOffice
	if err := st.Validate(); err != nil {
		return ProbeResult{}, err
	}
	pw, err := s.password(ctx, password)
	if err != nil {
		return ProbeResult{}, err
	}
	res, err := s.prober.Probe(ctx, targetOf(st, pw))
	if err != nil {
		s.log.Info("office connection test failed", "host", st.Host, "port", st.Port, "err", err)
		return ProbeResult{}, err
	}
	s.log.Info("office connection test passed", "host", st.Host, "port", st.Port, "server", res.ServerVersion, "empty", res.Empty)
	return res, nil
}

// Next says what the next start opens: ok false means this PC's own
// selo.db; true, the office server t (password read from the keyring). A
// settings file Selo cannot read means local, so a broken file never keeps
// the PC from starting; an office PC whose keyring has no password gets
// crm.CodeOfficeNoPassword.
func Next(ctx context.Context, path string, store secrets.Store) (t Target, ok bool, err error) {
	st, err := Load(path)
	if err != nil || st.Mode != ModeOffice {
		return Target{}, false, nil
	}
	pw, err := store.Get(ctx, PasswordKey)
	if errors.Is(err, secrets.ErrNotFound) || (err == nil && pw == "") {
		return targetOf(st, ""), true, crm.E(crm.CodeOfficeNoPassword, "host", st.Host)
	}
	if err != nil {
		return targetOf(st, ""), true, err
	}
	return targetOf(st, pw), true, nil
}

func targetOf(st Settings, pw string) Target {
	return Target{Host: st.Host, Port: st.Port, Database: st.Database, User: st.User, Password: pw, TLS: st.TLS, CAFile: st.CAFile}
}
