package simulator_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"selo/backend/docusign/simulator"
)

func TestHostStartsOnLoopbackOnFirstUse(t *testing.T) {
	h := &simulator.Host{Options: simulator.Options{Token: "tok"}}
	if h.Simulator() != nil {
		t.Fatal("started before first use")
	}
	base, err := h.BaseURI()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("not loopback: %s", base)
	}
	again, _ := h.BaseURI()
	if again != base {
		t.Fatalf("second use moved the port: %s vs %s", again, base)
	}
	req, _ := http.NewRequest("GET", base+"/restapi/v2.1/accounts/"+h.Simulator().AccountID()+"/envelopes?from_date=2026-01-01", nil)
	req.Header.Set("Authorization", "Bearer tok")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("listStatusChanges on the host: %d", resp.StatusCode)
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(base + "/restapi/v2.1/accounts/x/envelopes"); err == nil {
		t.Fatal("still listening after Close")
	}
}
