package server

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"selo/backend/secrets"
)

// A DocuSign key's Connect secret comes from the systemd credential
// docusign-<id>-connect-secret under the keyring name the receiver asks for;
// a key without one has Connect off (not found), not a failed start.
func TestDocuSignConnectSecretCredential(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("CREDENTIALS_DIRECTORY", dir)
	if err := os.WriteFile(filepath.Join(dir, "docusign-7-connect-secret"), []byte("s3gredo-connect\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	st := Secrets{}.Store()
	ctx := context.Background()
	if v, err := st.Get(ctx, secrets.DocuSignConnectKey(7)); err != nil || v != "s3gredo-connect" {
		t.Fatalf("key 7: %q %v", v, err)
	}
	if _, err := st.Get(ctx, secrets.DocuSignConnectKey(8)); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("key without a credential: %v", err)
	}
	t.Setenv("CREDENTIALS_DIRECTORY", "")
	if _, err := st.Get(ctx, secrets.DocuSignConnectKey(7)); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("no credentials directory: %v", err)
	}
}
