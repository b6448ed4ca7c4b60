package sqlstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"selo/backend/crm"
)

// The fingerprint columns as the integrations service relies on them: set
// with the row in one transaction, adopted only where none is stored yet.
func TestIntegrationFingerprint(t *testing.T) {
	db, _ := openTemp(t)
	s := db.Integrations()
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	first := crm.TokenFingerprint{Salt: "00112233445566778899aabbccddeeff", Sum: "aa"}

	// A rolled-back save leaves neither the row nor its fingerprint.
	errStop := errors.New("keyring refused")
	var id int64
	err := s.Tx(ctx, func(tx crm.IntegrationTx) error {
		var err error
		if id, err = tx.Insert(ctx, crm.NormalizedIntegration{Description: "K", Environment: crm.EnvSandbox}, "1234", now); err != nil {
			return err
		}
		if err := tx.SetFingerprint(ctx, id, first); err != nil {
			return err
		}
		return errStop
	})
	if !errors.Is(err, errStop) {
		t.Fatalf("tx = %v", err)
	}
	if _, err := s.Fingerprint(ctx, id); crm.AsError(err).Code != crm.CodeNotFound {
		t.Fatalf("fingerprint of a rolled-back key = %v", err)
	}

	// A key whose fingerprint is '' (saved before 0015) adopts once.
	if err := s.Tx(ctx, func(tx crm.IntegrationTx) error {
		id, err = tx.Insert(ctx, crm.NormalizedIntegration{Description: "K", Environment: crm.EnvSandbox}, "1234", now)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if fp, err := s.Fingerprint(ctx, id); err != nil || !fp.Empty() {
		t.Fatalf("new row fingerprint = %+v, %v", fp, err)
	}
	if ok, err := s.AdoptFingerprint(ctx, id, first); !ok || err != nil {
		t.Fatalf("first adoption = %v, %v", ok, err)
	}
	second := crm.TokenFingerprint{Salt: "ffeeddccbbaa99887766554433221100", Sum: "bb"}
	if ok, err := s.AdoptFingerprint(ctx, id, second); ok || err != nil {
		t.Fatalf("second adoption = %v, %v, want refused", ok, err)
	}
	if fp, err := s.Fingerprint(ctx, id); err != nil || fp != first {
		t.Fatalf("fingerprint after two adoptions = %+v, %v", fp, err)
	}

	// A saved token replaces it.
	if err := s.Tx(ctx, func(tx crm.IntegrationTx) error { return tx.SetFingerprint(ctx, id, second) }); err != nil {
		t.Fatal(err)
	}
	if fp, _ := s.Fingerprint(ctx, id); fp != second {
		t.Fatalf("fingerprint after a new token = %+v", fp)
	}
	if err := s.Tx(ctx, func(tx crm.IntegrationTx) error { return tx.SetFingerprint(ctx, id+100, second) }); crm.AsError(err).Code != crm.CodeNotFound {
		t.Fatalf("fingerprint of an unknown key = %v", err)
	}
}
