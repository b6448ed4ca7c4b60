//go:build keyring

package secrets

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// TestRealKeyring talks to a real Secret Service. `make test` runs it under
// dbus-run-session with a fresh, unlocked gnome-keyring; there it must pass,
// so it fails (never skips) when no keyring answers.
func TestRealKeyring(t *testing.T) {
	ctx := context.Background()
	k := &Keyring{Timeout: 10 * time.Second, Service: "Selo-test"}
	key := fmt.Sprintf("integration/%d", time.Now().UnixNano())
	secret := "cs-token-ç-✓-" + key

	if err := k.Set(ctx, key, secret); err != nil {
		t.Fatalf("Set on the real keyring: %v", err)
	}
	got, err := k.Get(ctx, key)
	if err != nil || got != secret {
		t.Fatalf("Get = %q, %v; want the secret back byte for byte", got, err)
	}
	if err := k.Set(ctx, key, secret+"-v2"); err != nil {
		t.Fatalf("replacing: %v", err)
	}
	if got, _ := k.Get(ctx, key); got != secret+"-v2" {
		t.Fatalf("after replace Get = %q", got)
	}
	if err := k.Delete(ctx, key); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := k.Get(ctx, key); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after Delete = %v, want ErrNotFound", err)
	}
	if err := k.Delete(ctx, key); err != nil {
		t.Fatalf("second Delete must be a no-op: %v", err)
	}
}
