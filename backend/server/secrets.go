package server

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"selo/backend/logging"
	"selo/backend/secrets"
)

// Secrets are what the server read from its credentials at start: the
// database password and each Clicksign key's token and webhook secret.
type Secrets struct {
	DatabasePassword string
	// ClicksignTokens and WebhookSecrets are by key id.
	ClicksignTokens map[int64]string
	WebhookSecrets  map[int64]string
	// JivoChatToken is optional; --check prints JivoChat's URL with it.
	JivoChatToken string
}

// LoadSecrets reads every secret c names; the first missing or unsafe one
// is the error, naming its field.
func LoadSecrets(c Config) (Secrets, error) {
	s := Secrets{ClicksignTokens: map[int64]string{}, WebhookSecrets: map[int64]string{}}
	var err error
	if s.DatabasePassword, err = Secret("database.password_file", c.Database.PasswordFile, CredDatabasePassword); err != nil {
		return s, err
	}
	for i, k := range c.Clicksign {
		f := "clicksign[" + strconv.Itoa(i) + "]."
		if s.ClicksignTokens[k.KeyID], err = Secret(f+"token_file", k.TokenFile, CredClicksignToken(k.KeyID)); err != nil {
			return s, err
		}
		if s.WebhookSecrets[k.KeyID], err = Secret(f+"webhook_secret_file", k.WebhookSecretFile, CredClicksignWebhookSecret(k.KeyID)); err != nil {
			return s, err
		}
	}
	// Optional: JivoChat verifies its token against the database's hash; the
	// plain token only serves --check's printout.
	if tok, err := Secret("jivochat.token_file", c.JivoChat.TokenFile, CredJivoChatToken); err == nil {
		s.JivoChatToken = tok
	} else if c.JivoChat.TokenFile != "" {
		return s, err
	}
	// Whatever logs them by mistake (a driver error quoting a DSN) shows
	// them masked.
	logging.Default.AddSecret(s.DatabasePassword)
	for _, m := range []map[int64]string{s.ClicksignTokens, s.WebhookSecrets} {
		for _, v := range m {
			logging.Default.AddSecret(v)
		}
	}
	logging.Default.AddSecret(s.JivoChatToken)
	return s, nil
}

// ErrReadOnly is what writing to the server's secrets gives: they change in
// the credential files, not through Selo.
var ErrReadOnly = errors.New("the server's secrets are read-only (systemd credentials or files)")

// Store serves the secrets to the services through secrets.Store, under the
// keys the desktop's keyring uses, so integrations and the webhook receiver
// run unchanged.
func (s Secrets) Store() secrets.Store { return credStore{s} }

type credStore struct{ s Secrets }

func (c credStore) Set(context.Context, string, string) error { return ErrReadOnly }
func (c credStore) Delete(context.Context, string) error      { return ErrReadOnly }

// CredDocuSignConnectSecret names a DocuSign key's Connect HMAC secret
// credential. It is optional (Connect is optional per key), so it is read
// when a delivery asks for it rather than required at start.
func CredDocuSignConnectSecret(keyID int64) string {
	return "docusign-" + strconv.FormatInt(keyID, 10) + "-connect-secret"
}

func (c credStore) Get(_ context.Context, key string) (string, error) {
	if rest, ok := strings.CutPrefix(key, "docusign-connect/"); ok {
		id, err := strconv.ParseInt(rest, 10, 64)
		dir := os.Getenv("CREDENTIALS_DIRECTORY")
		if err != nil || dir == "" {
			return "", secrets.ErrNotFound
		}
		name := CredDocuSignConnectSecret(id)
		if _, err := os.Stat(filepath.Join(dir, name)); errors.Is(err, fs.ErrNotExist) {
			return "", secrets.ErrNotFound
		}
		v, err := Secret(name, "", name)
		if err == nil {
			logging.Default.AddSecret(v)
		}
		return v, err
	}
	m := c.s.ClicksignTokens
	rest, ok := strings.CutPrefix(key, "clicksign-webhook/")
	if ok {
		m = c.s.WebhookSecrets
	} else if rest, ok = strings.CutPrefix(key, "clicksign/"); !ok {
		return "", secrets.ErrNotFound
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	if err != nil {
		return "", secrets.ErrNotFound
	}
	v, ok := m[id]
	if !ok {
		return "", secrets.ErrNotFound
	}
	return v, nil
}
