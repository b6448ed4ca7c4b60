package signing_test

import (
	"context"
	"strings"
	"testing"

	"selo/backend/crm"
	"selo/backend/signing"
	"selo/backend/sqlstore"
)

// TestSignedFileInTheDatabaseFileStore is office mode: the PC whose sync
// downloads the signed PDF stores it in the database, and another PC (a
// second handle, never synced) saves it from there.
func TestSignedFileInTheDatabaseFileStore(t *testing.T) {
	f := newFixture(t)
	s := f.sender("")
	ctx := context.Background()
	if _, err := s.Run(ctx, f.request()); err != nil {
		t.Fatal(err)
	}
	pcA := &signing.Syncer{Sender: s, Store: f.db.Envelopes(), Files: f.db.Files()}
	env := f.views(pcA, 41)[0]
	for _, g := range env.Signers {
		if err := f.sim.Sign(env.ID, g.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := pcA.Sync(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if v := f.views(pcA, 41)[0]; v.State != crm.EnvelopeFinished || !v.HasSigned {
		t.Fatalf("after every signature: %+v", v)
	}

	other, err := sqlstore.Open(ctx, f.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	pcB := &signing.Syncer{Sender: s, Store: other.Envelopes(), Files: other.Files()}
	pdf, err := pcB.SignedFile(env.ID)
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("PC B reads the signed file: %v", err)
	}
	if _, err := pcB.SignedFile("env-that-never-was"); crm.AsError(err).Code != crm.CodeNotFound {
		t.Fatalf("unknown envelope: %v, want %s", err, crm.CodeNotFound)
	}
}
