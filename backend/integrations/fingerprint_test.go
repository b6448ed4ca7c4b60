package integrations

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"selo/backend/crm"
	"selo/backend/secrets"
	"selo/backend/sqlstore"
)

// storedFingerprint reads the key's row as the shared database holds it.
func (f *fixture) storedFingerprint(t *testing.T, id int64) (salt, sum string) {
	t.Helper()
	if err := f.db.QueryRow(`SELECT token_salt, token_fingerprint FROM integrations WHERE id = ?`, id).Scan(&salt, &sum); err != nil {
		t.Fatal(err)
	}
	return salt, sum
}

// hmacOf recomputes the documented fingerprint on the test's side: the
// HMAC-SHA256 of the token keyed with the stored salt.
func hmacOf(t *testing.T, saltHex, token string) string {
	t.Helper()
	salt, err := hex.DecodeString(saltHex)
	if err != nil || len(salt) != 16 {
		t.Fatalf("salt %q is not 16 bytes of hex (%v)", saltHex, err)
	}
	m := hmac.New(sha256.New, salt)
	m.Write([]byte(token))
	return hex.EncodeToString(m.Sum(nil))
}

// lockedKeyring answers every read as a keyring that is not running.
type lockedKeyring struct{ *secrets.Memory }

func (lockedKeyring) Get(context.Context, string) (string, error) {
	return "", crm.E(crm.CodeKeyringUnavailable)
}

func problemOf(t *testing.T, err error) *crm.Error {
	t.Helper()
	var e *crm.Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v, want a *crm.Error", err)
	}
	return e
}

func TestSaveStoresFingerprintNeverToken(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	a, err := f.svc.Save(ctx, crm.IntegrationInput{Description: "Produção", Environment: crm.EnvProduction, Token: token})
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.svc.Save(ctx, crm.IntegrationInput{Description: "Outra", Environment: crm.EnvSandbox, Token: token})
	if err != nil {
		t.Fatal(err)
	}
	if a.TokenHere != crm.TokenOK {
		t.Fatalf("saved key: tokenHere %q", a.TokenHere)
	}
	saltA, sumA := f.storedFingerprint(t, a.ID)
	saltB, sumB := f.storedFingerprint(t, b.ID)
	if sumA != hmacOf(t, saltA, token) || sumB != hmacOf(t, saltB, token) {
		t.Fatalf("fingerprints %q/%q are not the HMAC of the token with their salt", sumA, sumB)
	}
	// A salt per key: the same token on two keys gives two fingerprints.
	if saltA == saltB || sumA == sumB {
		t.Fatal("two keys with the same token share a salt or fingerprint")
	}

	// Editing without a token keeps the fingerprint; a new token replaces it.
	if _, err := f.svc.Save(ctx, crm.IntegrationInput{ID: a.ID, Description: "Produção 2", Environment: crm.EnvProduction}); err != nil {
		t.Fatal(err)
	}
	if s, d := f.storedFingerprint(t, a.ID); s != saltA || d != sumA {
		t.Fatal("an edit without a token changed the fingerprint")
	}
	const newToken = "cs_live_token_replaced_55aa"
	if _, err := f.svc.Save(ctx, crm.IntegrationInput{ID: a.ID, Description: "Produção 2", Environment: crm.EnvProduction, Token: newToken}); err != nil {
		t.Fatal(err)
	}
	if s, d := f.storedFingerprint(t, a.ID); d != hmacOf(t, s, newToken) {
		t.Fatal("the new token's fingerprint was not stored")
	}
	// A replace whose commit fails leaves the row's fingerprint and the
	// keyring on the same token.
	f.store.fail = true
	if _, err := f.svc.Save(ctx, crm.IntegrationInput{ID: a.ID, Description: "Produção 2", Environment: crm.EnvProduction, Token: "never-committed-1"}); err == nil {
		t.Fatal("expected the commit failure")
	}
	if _, got, err := f.svc.Token(ctx, a.ID); err != nil || got != newToken {
		t.Fatalf("after a failed replace: token %q, err %v", got, err)
	}

	f.db.Close()
	for _, suffix := range []string{"", "-wal"} {
		raw, _ := os.ReadFile(f.db.Path() + suffix)
		for _, tok := range []string{token, newToken, "never-committed-1"} {
			if bytes.Contains(raw, []byte(tok)) {
				t.Fatalf("selo.db%s holds the token %q", suffix, tok)
			}
		}
	}
}

// A key saved before fingerprints (columns ”) adopts the fingerprint of the
// token this PC has the first time it is read, so a one-PC office sees no
// change; from then on another token is refused.
func TestExistingKeyAdoptsFingerprintOnFirstRead(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	in, err := f.svc.Save(ctx, crm.IntegrationInput{Description: "Antiga", Environment: crm.EnvProduction, Token: token})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.Exec(`UPDATE integrations SET token_salt = '', token_fingerprint = '' WHERE id = ?`, in.ID); err != nil {
		t.Fatal(err)
	}
	if _, got, err := f.svc.Token(ctx, in.ID); err != nil || got != token {
		t.Fatalf("first read: %q, %v", got, err)
	}
	salt, sum := f.storedFingerprint(t, in.ID)
	if sum != hmacOf(t, salt, token) {
		t.Fatalf("adopted fingerprint %q is not this token's", sum)
	}
	if err := f.svc.TestConnection(ctx, in.ID); err != nil {
		t.Fatal(err)
	}
	// The keyring now holds another token: refused, nothing sent.
	if err := f.sec.Set(ctx, SecretKey(in.ID), "cs_live_other_account_0001"); err != nil {
		t.Fatal(err)
	}
	f.tested = nil
	err = f.svc.TestConnection(ctx, in.ID)
	if e := problemOf(t, err); e.Code != crm.CodeTokenMismatch || e.Field != "token" || e.Data["description"] != "Antiga" {
		t.Fatalf("mismatch = %+v", e)
	}
	if len(f.tested) != 0 {
		t.Fatalf("the tester was called with a mismatched token: %v", f.tested)
	}
	if s, d := f.storedFingerprint(t, in.ID); s != salt || d != sum {
		t.Fatal("a mismatched token overwrote the office's fingerprint")
	}
}

// pc is one computer of the office: the shared selo.db and its own keyring.
type pc struct {
	svc *Service
	sec *secrets.Memory
	db  *sqlstore.DB
}

func openPC(t *testing.T, path string) *pc {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p := &pc{sec: secrets.NewMemory(), db: db}
	p.svc = New(db.Integrations(), p.sec, func(context.Context, crm.Environment, string) error {
		t.Fatal("a connection test ran on a PC whose token is not the office's")
		return nil
	}, slog.New(slog.DiscardHandler))
	return p
}

func tokenHere(t *testing.T, s *Service) crm.TokenHere {
	t.Helper()
	keys, err := s.List(context.Background())
	if err != nil || len(keys) != 1 {
		t.Fatalf("list = %v, %v", keys, err)
	}
	return keys[0].TokenHere
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

// The office database travels to a second PC (here: a copy of selo.db with
// another keyring). Without the token it says so; with a different token it
// says that; with the right one it works. The first PC is unaffected.
func TestSecondPCWithoutOrWithAnotherToken(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	in, err := f.svc.Save(ctx, crm.IntegrationInput{Description: "Chave do escritório", Environment: crm.EnvProduction, Token: token})
	if err != nil {
		t.Fatal(err)
	}
	if got := tokenHere(t, f.svc); got != crm.TokenOK {
		t.Fatalf("first PC: tokenHere %q", got)
	}
	f.db.Close()
	second := filepath.Join(t.TempDir(), "selo.db")
	copyFile(t, f.db.Path(), second)
	b := openPC(t, second)

	_, tok, err := b.svc.Token(ctx, in.ID)
	if e := problemOf(t, err); tok != "" || e.Code != crm.CodeTokenMissing || e.Field != "token" || e.Data["description"] != "Chave do escritório" {
		t.Fatalf("no token on the second PC: %q %+v", tok, e)
	}
	if got := tokenHere(t, b.svc); got != crm.TokenMissing {
		t.Fatalf("second PC without the token: tokenHere %q", got)
	}
	if err := b.svc.TestConnection(ctx, in.ID); problemOf(t, err).Code != crm.CodeTokenMissing {
		t.Fatalf("test without the token = %v", err)
	}

	if err := b.sec.Set(ctx, SecretKey(in.ID), "cs_live_someone_elses_9999"); err != nil {
		t.Fatal(err)
	}
	_, tok, err = b.svc.Token(ctx, in.ID)
	if e := problemOf(t, err); tok != "" || e.Code != crm.CodeTokenMismatch || e.Field != "token" || e.Data["description"] != "Chave do escritório" {
		t.Fatalf("another token on the second PC: %q %+v", tok, e)
	}
	if got := tokenHere(t, b.svc); got != crm.TokenMismatch {
		t.Fatalf("second PC with another token: tokenHere %q", got)
	}
	if err := b.svc.TestConnection(ctx, in.ID); problemOf(t, err).Code != crm.CodeTokenMismatch {
		t.Fatalf("test with another token = %v", err)
	}

	if err := b.sec.Set(ctx, SecretKey(in.ID), token); err != nil {
		t.Fatal(err)
	}
	if _, tok, err = b.svc.Token(ctx, in.ID); err != nil || tok != token {
		t.Fatalf("the right token on the second PC: %q %v", tok, err)
	}
	if got := tokenHere(t, b.svc); got != crm.TokenOK {
		t.Fatalf("second PC with the right token: tokenHere %q", got)
	}
}

// Two PCs read a key saved before fingerprints, each with its own token: the
// first read adopts, and the other PC's token is then the mismatched one.
func TestAdoptionFirstPCWins(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	in, err := f.svc.Save(ctx, crm.IntegrationInput{Description: "Antiga", Environment: crm.EnvSandbox, Token: token})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.Exec(`UPDATE integrations SET token_salt = '', token_fingerprint = '' WHERE id = ?`, in.ID); err != nil {
		t.Fatal(err)
	}
	b := &pc{sec: secrets.NewMemory()}
	b.svc = New(f.db.Integrations(), b.sec, nil, slog.New(slog.DiscardHandler))
	if err := b.sec.Set(ctx, SecretKey(in.ID), "cs_sandbox_pc_b_token_1234"); err != nil {
		t.Fatal(err)
	}
	if got := tokenHere(t, b.svc); got != crm.TokenOK {
		t.Fatalf("PC B reads first: %q", got)
	}
	if got := tokenHere(t, f.svc); got != crm.TokenMismatch {
		t.Fatalf("PC A after B adopted: %q", got)
	}
}

// A keyring that cannot be asked does not break the keys list.
func TestListWithKeyringDown(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	if _, err := f.svc.Save(ctx, crm.IntegrationInput{Description: "K", Environment: crm.EnvSandbox, Token: token}); err != nil {
		t.Fatal(err)
	}
	down := New(f.store, lockedKeyring{f.sec}, nil, slog.New(slog.DiscardHandler))
	if got := tokenHere(t, down); got != crm.TokenUnknown {
		t.Fatalf("keyring down: tokenHere %q", got)
	}
}

// A selo.db from before migration 0015 (no fingerprint columns) with a key
// whose token is in this PC's keyring: after the upgrade the key works as
// before and adopts that token's fingerprint on its first read.
func TestKeyFromBeforeFingerprintsAfterUpgrade(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "selo.db")
	raw, err := sql.Open("sqlite", "file:"+p+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := sqlstore.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Version >= 15 {
			break
		}
		if _, err := raw.Exec(m.SQL); err != nil {
			t.Fatalf("%d: %v", m.Version, err)
		}
		if _, err := raw.Exec(`INSERT INTO schema_migrations VALUES (?, ?, 'x')`, m.Version, m.Name); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(`INSERT INTO integrations (id, description, environment, token_last4, has_token, created_at, updated_at)
		VALUES (7, 'Chave antiga', 'production', '91c3', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	a := openPC(t, p)
	if err := a.sec.Set(ctx, SecretKey(7), token); err != nil {
		t.Fatal(err)
	}
	var salt, sum string
	if err := a.db.QueryRow(`SELECT token_salt, token_fingerprint FROM integrations WHERE id = 7`).Scan(&salt, &sum); err != nil || salt != "" || sum != "" {
		t.Fatalf("upgraded row: salt %q fingerprint %q (%v), want both empty", salt, sum, err)
	}
	if got := tokenHere(t, a.svc); got != crm.TokenOK {
		t.Fatalf("one-PC office after the upgrade: tokenHere %q", got)
	}
	if err := a.db.QueryRow(`SELECT token_salt, token_fingerprint FROM integrations WHERE id = 7`).Scan(&salt, &sum); err != nil || sum != hmacOf(t, salt, token) {
		t.Fatalf("adopted fingerprint %q (%v) is not this token's", sum, err)
	}
	if _, got, err := a.svc.Token(ctx, 7); err != nil || got != token {
		t.Fatalf("token after adoption: %q, %v", got, err)
	}
}
