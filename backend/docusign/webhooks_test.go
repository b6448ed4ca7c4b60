package docusign_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"selo/backend/docusign"
	"selo/backend/docusign/simulator"
)

// The simulator's Connect messages verify with the client's HMAC check, and
// the events follow the routing order, each with the envelope as it was then.
func TestConnectDeliveriesVerify(t *testing.T) {
	const secret = "connect-secret-1"
	var mu sync.Mutex
	var events []string
	fail := 1 // the receiver is down for the first delivery
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !docusign.VerifyConnect([]string{"old-secret", secret}, r.Header, body) {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		ev, err := docusign.ParseConnect(body)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if fail > 0 {
			fail--
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		events = append(events, ev.Event+":"+ev.RecipientID+":"+ev.Envelope.Status)
	}))
	defer rcv.Close()
	e := newEnv(t, simulator.Options{ConnectSecret: secret}, docusign.Options{})
	req := e.request("r1")
	req.WebhookURL = rcv.URL + "/docusign"
	env, err := e.client.Send(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"1", "2", "3"} {
		if err := e.sim.Sign(env.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	e.sim.RetryConnect()
	want := []string{"recipient-sent:1:sent", "recipient-sent:2:sent",
		"recipient-completed:1:sent", "recipient-completed:2:sent", "recipient-sent:3:sent",
		"recipient-completed:3:sent", "recipient-sent:4:sent", "envelope-completed::completed",
		"envelope-sent::sent"} // the failed first delivery comes back last, on retry
	mu.Lock()
	defer mu.Unlock()
	if len(events) != len(want) {
		t.Fatalf("events %v\nwant   %v", events, want)
	}
	for i := range want {
		if events[i] != want[i] {
			t.Fatalf("events %v\nwant   %v", events, want)
		}
	}
}

func TestVerifyConnectRefusesForgeries(t *testing.T) {
	body := []byte(`{"event":"envelope-completed","data":{"envelopeId":"x"}}`)
	good := http.Header{"X-Docusign-Signature-1": {simulator.Sign("s3cret", body)}}
	if !docusign.VerifyConnect([]string{"s3cret"}, good, body) {
		t.Fatal("a good signature was refused")
	}
	cases := map[string]struct {
		h    http.Header
		body []byte
	}{
		"wrong secret":  {http.Header{"X-Docusign-Signature-1": {simulator.Sign("other", body)}}, body},
		"missing":       {http.Header{}, body},
		"body changed":  {good, append([]byte(" "), body...)},
		"not base64":    {http.Header{"X-Docusign-Signature-1": {"%%%"}}, body},
		"second header": {http.Header{"X-Docusign-Signature-2": {simulator.Sign("s3cret", body)}}, body},
	}
	for name, c := range cases {
		if docusign.VerifyConnect([]string{"s3cret"}, c.h, c.body) {
			t.Errorf("%s: accepted", name)
		}
	}
	if docusign.VerifyConnect([]string{""}, good, body) {
		t.Error("an empty secret verified")
	}
}
