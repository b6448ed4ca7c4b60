package secrets

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"selo/backend/crm"
)

func TestMemoryRoundTrip(t *testing.T) {
	ctx := context.Background()
	m := NewMemory()
	if _, err := m.Get(ctx, "clicksign/1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get of a missing key = %v, want ErrNotFound", err)
	}
	if err := m.Set(ctx, "clicksign/1", "tok"); err != nil {
		t.Fatal(err)
	}
	if v, err := m.Get(ctx, "clicksign/1"); err != nil || v != "tok" {
		t.Fatalf("Get = %q, %v", v, err)
	}
	if err := m.Delete(ctx, "clicksign/1"); err != nil {
		t.Fatal(err)
	}
	if err := m.Delete(ctx, "clicksign/1"); err != nil {
		t.Fatalf("deleting twice must succeed so cleanups can be retried: %v", err)
	}
	if len(m.Keys()) != 0 {
		t.Fatalf("keys left: %v", m.Keys())
	}
}

func TestMemoryArmedFailureFiresOnce(t *testing.T) {
	ctx := context.Background()
	m := NewMemory()
	boom := errors.New("boom")
	m.FailSet = boom
	if err := m.Set(ctx, "k", "v"); !errors.Is(err, boom) {
		t.Fatalf("armed Set = %v", err)
	}
	if _, err := m.Get(ctx, "k"); !errors.Is(err, ErrNotFound) {
		t.Fatal("a failed Set must store nothing")
	}
	if err := m.Set(ctx, "k", "v"); err != nil {
		t.Fatalf("second Set = %v", err)
	}
}

func TestKeyringTimeoutBecomesUnavailable(t *testing.T) {
	k := &Keyring{Timeout: 20 * time.Millisecond}
	release := make(chan struct{})
	defer close(release)
	_, err := k.call(context.Background(), func() (string, error) {
		<-release // a Secret Service that never answers
		return "", nil
	})
	var ce *crm.Error
	if !errors.As(err, &ce) || ce.Code != crm.CodeKeyringUnavailable {
		t.Fatalf("hung keyring call = %v, want %s", err, crm.CodeKeyringUnavailable)
	}
}

// Every keyring Selo runs on holds at least MaxValueLen bytes (Windows'
// Credential Manager stops at 2560); a longer secret is refused by both
// stores the same way, before the OS keyring is asked, with a code of its
// own rather than "the keyring did not answer".
func TestSecretsOverTheLimitAreRefused(t *testing.T) {
	ctx := context.Background()
	long := strings.Repeat("x", MaxValueLen+1)
	for name, s := range map[string]Store{"memory": NewMemory(), "keyring": &Keyring{Timeout: time.Millisecond, Service: "Selo-never-reached"}} {
		err := s.Set(ctx, "clicksign/1", long)
		var ce *crm.Error
		if !errors.As(err, &ce) || ce.Code != CodeTooLong || ce.Data["max"] != MaxValueLen {
			t.Fatalf("%s: Set over the limit = %v, want %s", name, err, CodeTooLong)
		}
	}
	m := NewMemory()
	if err := m.Set(ctx, "k", long[:MaxValueLen]); err != nil {
		t.Fatalf("a secret at the limit: %v", err)
	}
	if MaxValueLen > 2560 {
		t.Fatalf("MaxValueLen %d is more than Windows' Credential Manager holds", MaxValueLen)
	}
}
