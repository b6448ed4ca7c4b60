package integrations

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"selo/backend/crm"
	"selo/backend/secrets"
	"selo/backend/sqlstore"
)

// failingCommit wraps the real store and fails the commit of the next
// transaction after its body succeeded, as a full disk would.
type failingCommit struct {
	*sqlstore.Integrations
	fail bool
}

var errDiskFull = errors.New("disk I/O error")

func (f *failingCommit) Tx(ctx context.Context, fn func(Tx) error) error {
	if !f.fail {
		return f.Integrations.Tx(ctx, fn)
	}
	f.fail = false
	errRollback := errors.New("rollback instead of commit")
	err := f.Integrations.Tx(ctx, func(tx Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errRollback
	})
	if errors.Is(err, errRollback) {
		return errDiskFull
	}
	return err
}

type fixture struct {
	svc    *Service
	store  *failingCommit
	sec    *secrets.Memory
	db     *sqlstore.DB
	tested []string
}

func setup(t *testing.T) *fixture {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), filepath.Join(t.TempDir(), "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{store: &failingCommit{Integrations: db.Integrations()}, sec: secrets.NewMemory(), db: db}
	f.svc = New(f.store, f.sec, func(_ context.Context, env crm.Environment, tok string) error {
		f.tested = append(f.tested, string(env)+":"+tok)
		return nil
	}, slog.New(slog.DiscardHandler))
	return f
}

func (f *fixture) rows(t *testing.T) int {
	t.Helper()
	var n int
	if err := f.db.QueryRow(`SELECT COUNT(*) FROM integrations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func code(err error) string {
	var e *crm.Error
	if errors.As(err, &e) {
		return e.Code
	}
	var inv *crm.Invalid
	if errors.As(err, &inv) {
		return inv.Problems[0].Code + "@" + inv.Problems[0].Field
	}
	return ""
}

const token = "cs_live_token_8f2a91c3"

func TestCreateKeepsTokenOnlyInKeyring(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	in, err := f.svc.Save(ctx, crm.IntegrationInput{Description: "Chave Clicksign", Environment: crm.EnvSandbox, Token: token, DeadlineDays: "20"})
	if err != nil {
		t.Fatal(err)
	}
	if in.TokenLast4 != "91c3" || !in.HasToken || in.DeadlineDays != 20 || in.Environment != crm.EnvSandbox {
		t.Fatalf("saved key = %+v", in)
	}
	if got, _ := f.sec.Get(ctx, SecretKey(in.ID)); got != token {
		t.Fatalf("keyring holds %q", got)
	}
	// Not in the database file, nor its write-ahead log.
	f.db.Close()
	for _, suffix := range []string{"", "-wal"} {
		b, _ := os.ReadFile(f.db.Path() + suffix)
		if bytes.Contains(b, []byte(token)) || bytes.Contains(b, []byte("cs_live_token")) {
			t.Fatalf("token found in selo.db%s", suffix)
		}
	}
}

func TestDuplicateDescriptionIgnoresCase(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	if _, err := f.svc.Save(ctx, crm.IntegrationInput{Description: "Chave Clicksign", Environment: crm.EnvSandbox, Token: token}); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.Save(ctx, crm.IntegrationInput{Description: "chave  CLICKSIGN", Environment: crm.EnvProduction, Token: "other-token-1"})
	if code(err) != crm.CodeDuplicate+"@description" {
		t.Fatalf("duplicate = %v", err)
	}
	// Listed together with the form's other problems.
	_, err = f.svc.Save(ctx, crm.IntegrationInput{Description: "Chave Clicksign", Environment: crm.EnvSandbox, Token: " ", DeadlineDays: "abc"})
	var inv *crm.Invalid
	if !errors.As(err, &inv) || len(inv.Problems) != 3 {
		t.Fatalf("problems = %v, want token, deadline and duplicate together", err)
	}
	if f.rows(t) != 1 || len(f.sec.Keys()) != 1 {
		t.Fatalf("rows=%d keys=%v after a refused duplicate", f.rows(t), f.sec.Keys())
	}
}

func TestCreateFailures(t *testing.T) {
	tests := []struct {
		name string
		arm  func(f *fixture)
	}{
		{"keyring refuses after the row was written", func(f *fixture) { f.sec.FailSet = crm.E(crm.CodeKeyringUnavailable) }},
		{"commit fails after the keyring was written", func(f *fixture) { f.store.fail = true }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			tc.arm(f)
			_, err := f.svc.Save(context.Background(), crm.IntegrationInput{Description: "K", Environment: crm.EnvSandbox, Token: token})
			if err == nil {
				t.Fatal("save succeeded despite the failure")
			}
			if f.rows(t) != 0 || len(f.sec.Keys()) != 0 {
				t.Fatalf("half-saved: rows=%d keyring=%v", f.rows(t), f.sec.Keys())
			}
		})
	}
}

func TestEditKeepsOrReplacesToken(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	in, err := f.svc.Save(ctx, crm.IntegrationInput{Description: "K", Environment: crm.EnvSandbox, Token: token})
	if err != nil {
		t.Fatal(err)
	}
	in, err = f.svc.Save(ctx, crm.IntegrationInput{ID: in.ID, Description: "K2", Environment: crm.EnvProduction, DeadlineDays: ""})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := f.sec.Get(ctx, SecretKey(in.ID)); got != token || in.TokenLast4 != "91c3" || in.Description != "K2" || in.DeadlineDays != 0 {
		t.Fatalf("edit without a token: key=%+v token=%q", in, got)
	}

	// A commit failure while replacing the token puts the old one back.
	f.store.fail = true
	if _, err := f.svc.Save(ctx, crm.IntegrationInput{ID: in.ID, Description: "K3", Environment: crm.EnvProduction, Token: "new-token-0000"}); err == nil {
		t.Fatal("expected the commit failure")
	}
	got, _ := f.sec.Get(ctx, SecretKey(in.ID))
	after, _ := f.svc.store.Get(ctx, in.ID)
	if got != token || after.Description != "K2" || after.TokenLast4 != "91c3" {
		t.Fatalf("after failed replace: token=%q key=%+v", got, after)
	}

	in, err = f.svc.Save(ctx, crm.IntegrationInput{ID: in.ID, Description: "K3", Environment: crm.EnvProduction, Token: "new-token-7777"})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := f.sec.Get(ctx, SecretKey(in.ID)); got != "new-token-7777" || in.TokenLast4 != "7777" {
		t.Fatalf("replace: key=%+v token=%q", in, got)
	}
}

func TestDelete(t *testing.T) {
	ctx := context.Background()
	t.Run("removes row and keyring entries, the webhook secret too", func(t *testing.T) {
		f := setup(t)
		in, _ := f.svc.Save(ctx, crm.IntegrationInput{Description: "K", Environment: crm.EnvSandbox, Token: token})
		if err := f.sec.Set(ctx, secrets.ClicksignWebhookKey(in.ID), "973d92ca80c2206a0e65b35d2371d595"); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Delete(ctx, in.ID); err != nil {
			t.Fatal(err)
		}
		if f.rows(t) != 0 || len(f.sec.Keys()) != 0 {
			t.Fatalf("rows=%d keyring=%v", f.rows(t), f.sec.Keys())
		}
	})
	for name, arm := range map[string]func(*fixture){
		"keyring refuses the delete":                func(f *fixture) { f.sec.FailDelete = crm.E(crm.CodeKeyringUnavailable) },
		"commit fails after the keyring delete ran": func(f *fixture) { f.store.fail = true },
	} {
		t.Run(name, func(t *testing.T) {
			f := setup(t)
			in, _ := f.svc.Save(ctx, crm.IntegrationInput{Description: "K", Environment: crm.EnvSandbox, Token: token})
			arm(f)
			if err := f.svc.Delete(ctx, in.ID); err == nil {
				t.Fatal("delete succeeded despite the failure")
			}
			got, _ := f.sec.Get(ctx, SecretKey(in.ID))
			if f.rows(t) != 1 || got != token {
				t.Fatalf("half-deleted: rows=%d token=%q", f.rows(t), got)
			}
		})
	}
	t.Run("unknown key", func(t *testing.T) {
		f := setup(t)
		if err := f.svc.Delete(ctx, 42); code(err) != crm.CodeNotFound {
			t.Fatalf("delete unknown = %v", err)
		}
	})
}

func TestSimulatorKeyGetsItsOwnToken(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	in, err := f.svc.Save(ctx, crm.IntegrationInput{Description: "Treino", Environment: crm.EnvSimulator})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := f.sec.Get(ctx, SecretKey(in.ID))
	if err != nil || len(tok) < 20 || tok[len(tok)-4:] != in.TokenLast4 {
		t.Fatalf("simulator token %q, last4 %q, err %v", tok, in.TokenLast4, err)
	}
}

func TestTestConnectionUsesStoredToken(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	in, _ := f.svc.Save(ctx, crm.IntegrationInput{Description: "K", Environment: crm.EnvProduction, Token: token})
	if err := f.svc.TestConnection(ctx, in.ID); err != nil {
		t.Fatal(err)
	}
	if len(f.tested) != 1 || f.tested[0] != "production:"+token {
		t.Fatalf("tester called with %v", f.tested)
	}
	_ = f.sec.Delete(ctx, SecretKey(in.ID))
	if err := f.svc.TestConnection(ctx, in.ID); code(err) != crm.CodeTokenMissing {
		t.Fatalf("missing token = %v", err)
	}
}

// The token lives in the OS keyring, whose entries are bounded (Windows'
// Credential Manager stops at 2560 bytes). A token the keyring could not
// hold is refused on the form, naming the token field and the limit,
// instead of reaching the keyring and coming back as "o cofre não
// respondeu"; the longest token that fits is kept whole.
func TestTokenLengthIsTheKeyringsLimit(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	long := strings.Repeat("a", MaxTokenLen+1)
	_, err := f.svc.Save(ctx, crm.IntegrationInput{Description: "Chave", Environment: crm.EnvProduction, Token: long})
	var inv *crm.Invalid
	if !errors.As(err, &inv) || len(inv.Problems) != 1 {
		t.Fatalf("over the limit: %v, want one problem", err)
	}
	p := inv.Problems[0]
	if p.Code != CodeTokenTooLong || p.Field != "token" || p.Data["max"] != MaxTokenLen || p.Data["length"] != MaxTokenLen+1 {
		t.Fatalf("problem = %+v", p)
	}
	if f.rows(t) != 0 || len(f.sec.Keys()) != 0 {
		t.Fatalf("a refused token was stored: rows=%d keys=%v", f.rows(t), f.sec.Keys())
	}
	// Editing a key with such a token is refused the same way, and the
	// old token stays.
	in, err := f.svc.Save(ctx, crm.IntegrationInput{Description: "Chave", Environment: crm.EnvProduction, Token: token})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Save(ctx, crm.IntegrationInput{ID: in.ID, Description: "Chave", Environment: crm.EnvProduction, Token: long}); code(err) != CodeTokenTooLong+"@token" {
		t.Fatalf("edit over the limit: %v", err)
	}
	if got, _ := f.sec.Get(ctx, SecretKey(in.ID)); got != token {
		t.Fatalf("the old token was replaced by %d characters", len(got))
	}
	// The limit itself fits, whole.
	exact := strings.Repeat("b", MaxTokenLen)
	if _, err := f.svc.Save(ctx, crm.IntegrationInput{ID: in.ID, Description: "Chave", Environment: crm.EnvProduction, Token: exact}); err != nil {
		t.Fatal(err)
	}
	if _, got, err := f.svc.Token(ctx, in.ID); err != nil || got != exact {
		t.Fatalf("token at the limit came back with %d characters (%v)", len(got), err)
	}
	if MaxTokenLen > secrets.MaxValueLen {
		t.Fatalf("the token limit %d exceeds what the keyring holds (%d)", MaxTokenLen, secrets.MaxValueLen)
	}
}
