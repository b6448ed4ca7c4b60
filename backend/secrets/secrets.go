// Package secrets keeps Selo's credentials (Clicksign access tokens, webhook
// secrets, JivoChat integration tokens) in the operating system's keyring and
// nowhere else.
package secrets

import (
	"context"
	"errors"
	"strconv"
	"time"

	"selo/backend/crm"

	"github.com/zalando/go-keyring"
)

// Service is the keyring service name every Selo secret is filed under.
const Service = "Selo"

// DefaultTimeout bounds each keyring call. On Linux the Secret Service can
// hang (a locked collection waiting for a prompt nobody sees); a stuck save
// must become a clear message, not a frozen window.
const DefaultTimeout = 5 * time.Second

// ErrNotFound reports that no secret is stored under the key.
var ErrNotFound = errors.New("secret not found")

// MaxValueLen is the longest secret, in bytes, that every keyring Selo runs
// on can hold: Windows' Credential Manager stops at 2560 bytes and macOS's
// Keychain (as go-keyring writes it, in base64 on a command line) near
// 3000, while the Secret Service has no limit. One limit everywhere, so
// what Linux keeps any computer of the office can keep too.
const MaxValueLen = 2048

// CodeTooLong: a secret is longer than MaxValueLen (data: max). The form
// that takes the secret names its field first; this is the backstop.
const CodeTooLong = "keyring.too_long"

// Store is where secrets live. Keys are Selo's own (e.g. "clicksign/<id>").
type Store interface {
	// Set stores or replaces the secret under key.
	Set(ctx context.Context, key, value string) error
	// Get returns the secret, or ErrNotFound.
	Get(ctx context.Context, key string) (string, error)
	// Delete removes the secret; deleting a missing key is not an error, so
	// a retried cleanup succeeds.
	Delete(ctx context.Context, key string) error
}

// ClicksignWebhookKey names the entry of a Clicksign key's webhook secret.
// It lives here, not beside the webhook receiver, because the key's
// deletion (integrations) must remove it too and cannot import signing.
func ClicksignWebhookKey(integrationID int64) string {
	return "clicksign-webhook/" + strconv.FormatInt(integrationID, 10)
}

// DocuSignConnectKey names the entry of a DocuSign key's Connect HMAC
// secret (several, for a rotation, one per line); here for the same reason.
func DocuSignConnectKey(integrationID int64) string {
	return "docusign-connect/" + strconv.FormatInt(integrationID, 10)
}

// Keyring is the Store backed by the OS keyring (Secret Service on Linux,
// Credential Manager on Windows, Keychain on macOS).
type Keyring struct {
	// Timeout bounds each call; zero means DefaultTimeout.
	Timeout time.Duration
	// Service overrides the service name, so tests use their own namespace.
	Service string
}

// NewKeyring returns the OS keyring store with the default timeout.
func NewKeyring() *Keyring { return &Keyring{Timeout: DefaultTimeout, Service: Service} }

func (k *Keyring) service() string {
	if k.Service == "" {
		return Service
	}
	return k.Service
}

// call runs fn with the timeout. go-keyring offers no cancellation, so on
// timeout the goroutine is abandoned to finish on its own; the buffered
// channel lets it exit without a reader.
func (k *Keyring) call(ctx context.Context, fn func() (string, error)) (string, error) {
	timeout := k.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type result struct {
		v   string
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := fn()
		ch <- result{v, err}
	}()
	select {
	case r := <-ch:
		if errors.Is(r.err, keyring.ErrNotFound) {
			return "", ErrNotFound
		}
		if errors.Is(r.err, keyring.ErrSetDataTooBig) {
			// The service and key names count on macOS too.
			return "", crm.E(CodeTooLong, "max", MaxValueLen).Wrap(r.err)
		}
		if r.err != nil {
			return "", crm.E(crm.CodeKeyringUnavailable).Wrap(r.err)
		}
		return r.v, nil
	case <-ctx.Done():
		return "", crm.E(crm.CodeKeyringUnavailable).Wrap(ctx.Err())
	}
}

// Set stores the secret; one over MaxValueLen is refused before the
// keyring is asked, the same on every system.
func (k *Keyring) Set(ctx context.Context, key, value string) error {
	if err := checkLen(value); err != nil {
		return err
	}
	_, err := k.call(ctx, func() (string, error) { return "", keyring.Set(k.service(), key, value) })
	return err
}

func checkLen(value string) error {
	if len(value) > MaxValueLen {
		return crm.E(CodeTooLong, "max", MaxValueLen)
	}
	return nil
}

// Get reads the secret.
func (k *Keyring) Get(ctx context.Context, key string) (string, error) {
	return k.call(ctx, func() (string, error) { return keyring.Get(k.service(), key) })
}

// Delete removes the secret; a missing one is fine.
func (k *Keyring) Delete(ctx context.Context, key string) error {
	_, err := k.call(ctx, func() (string, error) { return "", keyring.Delete(k.service(), key) })
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}
