package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"selo/backend/integrations"
	"selo/backend/logging"
	"selo/backend/secrets"
)

func writeFile(t *testing.T, dir, name, value string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(value), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadNamesTheBadField(t *testing.T) {
	dir := t.TempDir()
	const db = "[database]\nhost = \"db\"\ndatabase = \"selo\"\nuser = \"selo\"\n"
	cases := []struct{ toml, field string }{
		{"[database]\nport = 5432\ndatabase = \"selo\"\nuser = \"selo\"\n", "database.host"},
		{db + "port = 70000\n", "database.port"},
		{"[database]\nhost = \"db\"\nuser = \"selo\"\n", "database.database"},
		{"[database]\nhost = \"db\"\ndatabase = \"selo\"\n", "database.user"},
		{db + "tls = \"sim\"\n", "database.tls"},
		{db + "tls = \"verify-full\"\n", "database.ca_file"},
		{db + "[web]\nlisten = \"0.0.0.0:80\"\n", "web.listen"},
		{db + "[web]\npublic_url = \"http://x.com.br\"\n", "web.public_url"},
		{db + "[[clicksign]]\nkey_id = 0\n", "clicksign[0].key_id"},
		{db + "[[clicksign]]\nkey_id = 2\n[[clicksign]]\nkey_id = 2\n", "clicksign[1].key_id"},
		// A misspelt key is named, not ignored.
		{db + "porta = 1\n", "database.porta"},
		{db + "[web]\npublicurl = \"https://x.com.br\"\n", "web.publicurl"},
		{db + "host = [\n", "--config"},
	}
	for _, c := range cases {
		p := writeFile(t, dir, "s.toml", c.toml, 0o644)
		_, err := Load(p)
		var pr *Problem
		if !errors.As(err, &pr) || pr.Field != c.field || pr.PT == "" || pr.EN == "" {
			t.Errorf("%q: got %v, want a problem on %s", c.toml, err, c.field)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing.toml")); err == nil || !strings.Contains(err.Error(), "--config") {
		t.Errorf("missing file: %v", err)
	}
	p := writeFile(t, dir, "ok.toml", db, 0o644)
	c, err := Load(p)
	if err != nil || c.Web.Listen != DefaultListen || c.Database.Port != 5432 || c.Database.TLS != "disable" {
		t.Fatalf("defaults: %+v %v", c, err)
	}
}

func TestSecretsComeFromOwnerOnlyFilesOrCredentials(t *testing.T) {
	dir := t.TempDir()
	open := writeFile(t, dir, "open", "s3nha", 0o640)
	_, err := Secret("database.password_file", open, CredDatabasePassword)
	if err == nil || !strings.Contains(err.Error(), "database.password_file") || !strings.Contains(err.Error(), "chmod 600") ||
		strings.Contains(err.Error(), "s3nha") {
		t.Fatalf("0640 file: %v", err)
	}
	if os.Geteuid() == 0 {
		// Root's server refuses a 0600 file another account owns: that
		// account could read the secret.
		other := writeFile(t, dir, "other", "s3nha", 0o600)
		if err := os.Chown(other, 65534, 65534); err != nil {
			t.Fatal(err)
		}
		_, err := Secret("database.password_file", other, CredDatabasePassword)
		if err == nil || !strings.Contains(err.Error(), "database.password_file") || !strings.Contains(err.Error(), "chown") {
			t.Fatalf("file of another user: %v", err)
		}
	}
	closed := writeFile(t, dir, "closed", "s3nha\n", 0o600)
	if v, err := Secret("database.password_file", closed, CredDatabasePassword); err != nil || v != "s3nha" {
		t.Fatalf("0600 file: %q %v", v, err)
	}

	// No file named: systemd's credentials directory.
	creds := t.TempDir()
	writeFile(t, creds, CredDatabasePassword, "da-credencial", 0o400)
	writeFile(t, creds, CredClicksignToken(7), "tok-7", 0o400)
	writeFile(t, creds, CredClicksignWebhookSecret(7), "sec-7", 0o400)
	t.Setenv("CREDENTIALS_DIRECTORY", creds)
	s, err := LoadSecrets(Config{Clicksign: []ClicksignKey{{KeyID: 7}}})
	if err != nil || s.DatabasePassword != "da-credencial" {
		t.Fatalf("credentials: %+v %v", s, err)
	}
	// Loaded secrets are masked wherever a log line quotes them.
	if got := logging.Default.Redact("dsn password=da-credencial"); strings.Contains(got, "da-credencial") {
		t.Fatalf("the password reaches the log: %q", got)
	}
	// Under the keyring's own key names, so the services find them.
	ctx := context.Background()
	st := s.Store()
	if v, err := st.Get(ctx, integrations.SecretKey(7)); err != nil || v != "tok-7" {
		t.Fatalf("token: %q %v", v, err)
	}
	if v, err := st.Get(ctx, secrets.ClicksignWebhookKey(7)); err != nil || v != "sec-7" {
		t.Fatalf("webhook secret: %q %v", v, err)
	}
	if _, err := st.Get(ctx, integrations.SecretKey(8)); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("unknown key: %v", err)
	}
	if err := st.Set(ctx, integrations.SecretKey(7), "x"); err == nil {
		t.Fatal("the server's secrets took a write")
	}
	// A credential missing is named with its field.
	_, err = LoadSecrets(Config{Clicksign: []ClicksignKey{{KeyID: 9}}})
	if err == nil || !strings.Contains(err.Error(), "clicksign[0].token_file") {
		t.Fatalf("missing credential: %v", err)
	}
	t.Setenv("CREDENTIALS_DIRECTORY", "")
	_, err = LoadSecrets(Config{})
	if err == nil || !strings.Contains(err.Error(), CredDatabasePassword) {
		t.Fatalf("no credentials at all: %v", err)
	}
}

func TestHealthSaysWhenTheDatabaseIsDown(t *testing.T) {
	down := errors.New("down")
	for _, c := range []struct {
		err    error
		status int
		db     bool
	}{{nil, 200, true}, {down, 503, false}} {
		rec := httptest.NewRecorder()
		Health("1.2.3", func(context.Context) error { return c.err }).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/health", nil))
		var h HealthReport
		if err := json.Unmarshal(rec.Body.Bytes(), &h); err != nil || rec.Code != c.status || h.Database != c.db || h.Version != "1.2.3" {
			t.Errorf("ping %v: %d %s", c.err, rec.Code, rec.Body)
		}
	}
}
