package secrets

import (
	"context"
	"errors"
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
