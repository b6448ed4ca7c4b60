package signing_test

import (
	"context"
	"testing"

	"selo/backend/crm"
	"selo/backend/integrations"
)

// Office mode: this PC's keyring holds a token for the key, but not the one
// the office registered (its fingerprint differs). The send stops before any
// request, and the failure the send progress screen receives names the key.
func TestSendTokenMismatch(t *testing.T) {
	f := newFixture(t)
	if err := f.sec.Set(context.Background(), integrations.SecretKey(f.key.ID), "another-accounts-token-0001"); err != nil {
		t.Fatal(err)
	}
	_, err := f.sender("").Run(context.Background(), f.request())
	probs := problemsOf(t, err)
	if len(probs) != 1 || probs[0].Code != crm.CodeTokenMismatch || probs[0].Field != "token" || probs[0].Data["description"] != "Clicksign teste" {
		t.Fatalf("problems = %v", err)
	}
	if f.sim.TotalRequests() != 0 {
		t.Fatal("requests were made with a token that is not the office's")
	}
	fl, ok := f.lastFailure()
	if !ok || len(fl.Problems) != 1 || fl.Problems[0].Code != crm.CodeTokenMismatch || fl.Problems[0].Data["description"] != "Clicksign teste" {
		t.Fatalf("send failure event = %+v", fl)
	}
}
