package users_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/inbound"
	"selo/backend/jivochat"
	"selo/backend/secrets"
	"selo/backend/sqlstore"
	"selo/backend/users"
)

type fixture struct {
	db  *sqlstore.DB
	sec *secrets.Memory
	svc *users.Service
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), filepath.Join(t.TempDir(), "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	sec := secrets.NewMemory()
	return &fixture{db: db, sec: sec, svc: users.New(db.Users(), sec, nil)}
}

func (f *fixture) user(t *testing.T, name, email string, role crm.UserRole) crm.User {
	t.Helper()
	u, err := f.svc.CreateUser(context.Background(), crm.UserInput{Name: name, Email: email, Role: role})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func problems(err error) []string {
	var inv *crm.Invalid
	if !errors.As(err, &inv) {
		return []string{"not invalid: " + crm.AsError(err).Code}
	}
	var out []string
	for _, p := range inv.Problems {
		out = append(out, p.Field+":"+p.Code)
	}
	return out
}

func TestCreateAndUpdateValidation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	u := f.user(t, "  Ana   Lima ", " Ana.Lima@Imobiliaria.com.BR ", "Gestor")
	if u.Name != "Ana Lima" || u.Email != "ana.lima@imobiliaria.com.br" || u.Role != crm.RoleGestor || !u.Active || u.ID == 0 {
		t.Fatalf("created %+v", u)
	}
	cases := []struct {
		in   crm.UserInput
		want []string
	}{
		{crm.UserInput{}, []string{"name:field.required", "email:field.required", "role:field.required"}},
		{crm.UserInput{Name: strings.Repeat("a", 121), Email: "x@y", Role: "admin"},
			[]string{"name:user.name_too_long", "email:user.email_invalid", "role:user.role_invalid"}},
		{crm.UserInput{Name: "Outra", Email: "ANA.LIMA@imobiliaria.com.br", Role: crm.RoleCorretor},
			[]string{"email:field.duplicate"}},
		{crm.UserInput{Name: "", Email: "ana.lima@imobiliaria.com.br", Role: crm.RoleCorretor},
			[]string{"name:field.required", "email:field.duplicate"}},
		{crm.UserInput{Name: "B", Email: "Bia <bia@x.com.br>", Role: crm.RoleCorretor}, []string{"email:user.email_invalid"}},
		{crm.UserInput{Name: "B", Email: "bia@x..com", Role: crm.RoleCorretor}, []string{"email:user.email_invalid"}},
	}
	for _, c := range cases {
		_, err := f.svc.CreateUser(ctx, c.in)
		if got := problems(err); !slices.Equal(got, c.want) {
			t.Errorf("%+v: %v, want %v", c.in, got, c.want)
		}
	}
	if us, _ := f.svc.List(ctx); len(us) != 1 {
		t.Fatalf("invalid forms created users: %+v", us)
	}

	b := f.user(t, "Bia", "bia@imobiliaria.com.br", crm.RoleCorretor)
	// Keeping one's own e-mail (in another case) is not a duplicate.
	b2, err := f.svc.UpdateUser(ctx, crm.UserInput{ID: b.ID, Name: "Beatriz", Email: "BIA@imobiliaria.com.br", Role: crm.RoleGestor})
	if err != nil || b2.Name != "Beatriz" || b2.Role != crm.RoleGestor || b2.Email != "bia@imobiliaria.com.br" {
		t.Fatalf("update %+v %v", b2, err)
	}
	_, err = f.svc.UpdateUser(ctx, crm.UserInput{ID: b.ID, Name: "Beatriz", Email: "ana.lima@imobiliaria.com.br", Role: crm.RoleGestor})
	if got := problems(err); !slices.Equal(got, []string{"email:field.duplicate"}) {
		t.Errorf("update to a taken e-mail: %v", got)
	}
	if _, err := f.svc.UpdateUser(ctx, crm.UserInput{ID: 999, Name: "X", Email: "x@x.com.br", Role: crm.RoleGestor}); !errors.Is(err, crm.E(crm.CodeNotFound)) {
		t.Errorf("update of a missing user: %v", err)
	}

	d, err := f.svc.Deactivate(ctx, b.ID)
	if err != nil || d.Active || d.DeactivatedAt == nil {
		t.Fatalf("deactivate %+v %v", d, err)
	}
	r, err := f.svc.Reactivate(ctx, b.ID)
	if err != nil || !r.Active || r.DeactivatedAt != nil {
		t.Fatalf("reactivate %+v %v", r, err)
	}
	if _, err := f.svc.Deactivate(ctx, 999); !errors.Is(err, crm.E(crm.CodeNotFound)) {
		t.Errorf("deactivate missing: %v", err)
	}
}

func TestTokenLifecycle(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	u := f.user(t, "Ana", "ana@imob.com.br", crm.RoleGestor)
	g, err := f.svc.GenerateToken(ctx, u.ID, "  JivoChat   site ")
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Plain) < 40 || g.Token.Name != "JivoChat site" || g.Token.Last4 != g.Plain[len(g.Plain)-4:] || !g.Token.Active {
		t.Fatalf("generated %+v", g.Token)
	}
	if v, _ := f.sec.Get(ctx, users.SecretKey(g.Token.ID)); v != g.Plain {
		t.Fatal("token not in the keyring")
	}
	// The database holds no plaintext anywhere.
	var hits int
	_ = f.db.QueryRow(`SELECT COUNT(*) FROM admin_tokens WHERE token_hash = ? OR name = ? OR last4 = ?`,
		g.Plain, g.Plain, g.Plain).Scan(&hits)
	if hits != 0 {
		t.Fatal("plaintext token stored")
	}
	if p, err := f.svc.TokenPlain(ctx, g.Token.ID); err != nil || p != g.Plain {
		t.Fatalf("TokenPlain %v", err)
	}
	// Names: unique among the user's live tokens, ignoring case.
	_, err = f.svc.GenerateToken(ctx, u.ID, "jivochat SITE")
	if got := problems(err); !slices.Equal(got, []string{"name:field.duplicate"}) {
		t.Errorf("duplicate name: %v", got)
	}
	if got := problems(func() error { _, err := f.svc.GenerateToken(ctx, u.ID, "  "); return err }()); !slices.Equal(got, []string{"name:field.required"}) {
		t.Errorf("empty name: %v", got)
	}
	other := f.user(t, "Bia", "bia@imob.com.br", crm.RoleCorretor)
	if _, err := f.svc.GenerateToken(ctx, other.ID, "JivoChat site"); err != nil {
		t.Errorf("same name for another user: %v", err)
	}
	if _, err := f.svc.GenerateToken(ctx, 999, "x"); !errors.Is(err, crm.E(crm.CodeNotFound)) {
		t.Errorf("missing user: %v", err)
	}

	rv, err := f.svc.RevokeToken(ctx, g.Token.ID)
	if err != nil || rv.Active || rv.RevokedAt == nil {
		t.Fatalf("revoke %+v %v", rv, err)
	}
	if _, err := f.sec.Get(ctx, users.SecretKey(g.Token.ID)); !errors.Is(err, secrets.ErrNotFound) {
		t.Error("revoked token left in the keyring")
	}
	if _, err := f.svc.TokenPlain(ctx, g.Token.ID); !errors.Is(err, crm.E(users.CodeTokenRevoked)) {
		t.Errorf("TokenPlain of a revoked token: %v", err)
	}
	if _, err := f.svc.GenerateToken(ctx, u.ID, "JivoChat site"); err != nil {
		t.Errorf("reissuing a revoked name: %v", err)
	}
	ts, err := f.svc.ListTokens(ctx, u.ID)
	if err != nil || len(ts) != 2 || !ts[0].Active || ts[1].Active {
		t.Errorf("ListTokens %+v %v", ts, err)
	}
	if _, err := f.svc.ListTokens(ctx, 999); !errors.Is(err, crm.E(crm.CodeNotFound)) {
		t.Errorf("tokens of a missing user: %v", err)
	}

	// A keyring that lost the entry is reported as such.
	_ = f.sec.Delete(ctx, users.SecretKey(ts[0].ID))
	if _, err := f.svc.TokenPlain(ctx, ts[0].ID); !errors.Is(err, crm.E(users.CodeTokenSecretMissing)) {
		t.Errorf("missing secret: %v", err)
	}

	// An inactive user gets no new token.
	if _, err := f.svc.Deactivate(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.GenerateToken(ctx, u.ID, "Outro"); !errors.Is(err, crm.E(users.CodeUserInactive)) {
		t.Errorf("token for inactive user: %v", err)
	}
}

// failCommit runs fn in a real transaction and then fails like a COMMIT
// that hit a full disk.
type failCommit struct{ users.Store }

func (f failCommit) Tx(ctx context.Context, fn func(users.Tx) error) error {
	return f.Store.Tx(ctx, func(tx users.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errors.New("disk full")
	})
}

func tokenRows(t *testing.T, db *sqlstore.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM admin_tokens`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestGenerateTokenRowAndKeyringTogether(t *testing.T) {
	ctx := context.Background()

	t.Run("keyring refuses: no row", func(t *testing.T) {
		f := newFixture(t)
		u := f.user(t, "Ana", "ana@imob.com.br", crm.RoleGestor)
		f.sec.FailSet = errors.New("secret service locked")
		_, err := f.svc.GenerateToken(ctx, u.ID, "JivoChat")
		if !errors.Is(err, crm.E(crm.CodeKeyringUnavailable)) {
			t.Fatalf("err = %v", err)
		}
		if n := tokenRows(t, f.db); n != 0 || len(f.sec.Keys()) != 0 {
			t.Fatalf("rows %d keys %v", n, f.sec.Keys())
		}
	})

	t.Run("commit fails: keyring undone", func(t *testing.T) {
		f := newFixture(t)
		u := f.user(t, "Ana", "ana@imob.com.br", crm.RoleGestor)
		svc := users.New(failCommit{f.db.Users()}, f.sec, nil)
		if _, err := svc.GenerateToken(ctx, u.ID, "JivoChat"); err == nil {
			t.Fatal("commit failure not reported")
		}
		if n := tokenRows(t, f.db); n != 0 || len(f.sec.Keys()) != 0 {
			t.Fatalf("rows %d keys %v", n, f.sec.Keys())
		}
	})

	t.Run("commit fails and the undo fails too: error, no row, next token overwrites", func(t *testing.T) {
		f := newFixture(t)
		u := f.user(t, "Ana", "ana@imob.com.br", crm.RoleGestor)
		svc := users.New(failCommit{f.db.Users()}, f.sec, nil)
		f.sec.FailDelete = errors.New("secret service gone")
		if _, err := svc.GenerateToken(ctx, u.ID, "JivoChat"); err == nil {
			t.Fatal("commit failure not reported")
		}
		if n := tokenRows(t, f.db); n != 0 {
			t.Fatalf("rows %d", n)
		}
		// The orphan entry opens nothing (no hash) and is replaced by the
		// next token that takes the id.
		g, err := f.svc.GenerateToken(ctx, u.ID, "JivoChat")
		if err != nil {
			t.Fatal(err)
		}
		if p, err := f.svc.TokenPlain(ctx, g.Token.ID); err != nil || p != g.Plain {
			t.Fatalf("TokenPlain after an orphan: %v", err)
		}
	})

	t.Run("revoke with an unreachable keyring still revokes", func(t *testing.T) {
		f := newFixture(t)
		u := f.user(t, "Ana", "ana@imob.com.br", crm.RoleGestor)
		g, err := f.svc.GenerateToken(ctx, u.ID, "JivoChat")
		if err != nil {
			t.Fatal(err)
		}
		f.sec.FailDelete = errors.New("secret service gone")
		if _, err := f.svc.RevokeToken(ctx, g.Token.ID); err != nil {
			t.Fatal(err)
		}
		hs, _ := f.svc.ActiveTokenHashes(ctx)
		if len(hs) != 0 {
			t.Fatal("revoked token still active")
		}
		if _, err := f.svc.TokenPlain(ctx, g.Token.ID); !errors.Is(err, crm.E(users.CodeTokenRevoked)) {
			t.Errorf("TokenPlain: %v", err)
		}
	})

	t.Run("revoke commit fails: token stays live", func(t *testing.T) {
		f := newFixture(t)
		u := f.user(t, "Ana", "ana@imob.com.br", crm.RoleGestor)
		g, err := f.svc.GenerateToken(ctx, u.ID, "JivoChat")
		if err != nil {
			t.Fatal(err)
		}
		svc := users.New(failCommit{f.db.Users()}, f.sec, nil)
		if _, err := svc.RevokeToken(ctx, g.Token.ID); err == nil {
			t.Fatal("commit failure not reported")
		}
		if p, err := f.svc.TokenPlain(ctx, g.Token.ID); err != nil || p != g.Plain {
			t.Fatalf("a failed revoke must leave the token usable: %v", err)
		}
	})
}

// TestTokenSourceThroughListener posts real requests to inbound.Server on
// loopback: revocation and deactivation must apply to the next request.
func TestTokenSourceThroughListener(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	u := f.user(t, "Ana", "ana@imob.com.br", crm.RoleGestor)
	g, err := f.svc.GenerateToken(ctx, u.ID, "JivoChat")
	if err != nil {
		t.Fatal(err)
	}
	store := f.db.Leads()
	h, err := jivochat.NewHandler(jivochat.Config{Store: store})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := inbound.New(inbound.Config{Host: "127.0.0.1", Port: 0, JivoChat: h, Tokens: inbound.HashVerifier{Source: f.svc}})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(c)
	})
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{Proxy: nil}}
	defer client.CloseIdleConnections()
	base := "http://" + srv.Status().Addr + "/webhooks/jivochat/"
	n := 0
	post := func(token string) int {
		t.Helper()
		n++
		body := jivochat.SampleChatFinished(time.Date(2026, 11, 27, 12, 0, n, 0, time.UTC))
		resp, err := client.Post(base+token, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
		return resp.StatusCode
	}
	events := func() int {
		c, err := store.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return c.RawEvents
	}

	if s := post(g.Plain); s != http.StatusOK || events() != 1 {
		t.Fatalf("valid token: %d, events %d", s, events())
	}
	if c, _ := store.Counts(ctx); c.Leads != 1 {
		t.Fatalf("lead not stored: %+v", c)
	}
	if s := post(g.Plain + "x"); s != http.StatusUnauthorized || events() != 1 {
		t.Fatalf("wrong token: %d", s)
	}
	if _, err := f.svc.Deactivate(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	if s := post(g.Plain); s != http.StatusUnauthorized || events() != 1 {
		t.Fatalf("deactivated user: %d, events %d", s, events())
	}
	if _, err := f.svc.Reactivate(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	if s := post(g.Plain); s != http.StatusOK || events() != 2 {
		t.Fatalf("reactivated user: %d, events %d", s, events())
	}
	if _, err := f.svc.RevokeToken(ctx, g.Token.ID); err != nil {
		t.Fatal(err)
	}
	if s := post(g.Plain); s != http.StatusUnauthorized || events() != 2 {
		t.Fatalf("revoked token: %d, events %d", s, events())
	}
}
