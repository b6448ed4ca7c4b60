package simulator_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/clicksign/simulator"
)

func webhookBody(endpoint string, events any, status string) map[string]any {
	a := map[string]any{"endpoint": endpoint}
	if events != nil {
		a["events"] = events
	}
	if status != "" {
		a["status"] = status
	}
	return data("webhooks", a)
}

var hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)

func TestWebhookRegistration(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	created := e.must(201, e.do("POST", "/api/v3/webhooks", webhookBody("https://example.com/a", []string{"sign", "close"}, "")))
	id := created.id()
	if created.data()["type"] != "webhooks" || id == "" {
		t.Fatalf("created %s", created.raw)
	}
	if created.attr("endpoint") != "https://example.com/a" || created.attr("status") != "active" ||
		!hex32.MatchString(created.attr("secret").(string)) || created.attr("created") == nil || created.attr("modified") == nil {
		t.Fatalf("attributes %s", created.raw)
	}
	if ev := created.attr("events").([]any); len(ev) != 2 || ev[0] != "sign" || ev[1] != "close" {
		t.Fatalf("events %v", ev)
	}
	other := e.must(201, e.do("POST", "/api/v3/webhooks", webhookBody("https://example.com/b", []string{"upload"}, "inactive")))
	if other.attr("status") != "inactive" || other.attr("secret") == created.attr("secret") {
		t.Fatalf("second %s", other.raw)
	}

	list := e.must(200, e.do("GET", "/api/v3/webhooks", nil))
	if n := list.body["meta"].(map[string]any)["record_count"]; n != float64(2) {
		t.Fatalf("record_count %v", n)
	}
	got := e.must(200, e.do("GET", "/api/v3/webhooks/"+id, nil))
	if got.attr("secret") != created.attr("secret") {
		t.Fatalf("show %s", got.raw)
	}

	// PATCH as the schema has it: events as a string.
	patched := e.must(200, e.do("PATCH", "/api/v3/webhooks/"+id, map[string]any{"data": map[string]any{
		"id": id, "type": "webhooks", "attributes": map[string]any{"status": "inactive", "events": "sign, refusal"}}}))
	if patched.attr("status") != "inactive" || len(patched.attr("events").([]any)) != 2 || patched.attr("endpoint") != "https://example.com/a" {
		t.Fatalf("patched %s", patched.raw)
	}
	unchanged := e.must(200, e.do("PATCH", "/api/v3/webhooks/"+id, map[string]any{"data": map[string]any{
		"id": id, "type": "webhooks", "attributes": map[string]any{"events": ""}}}))
	if ev := unchanged.attr("events").([]any); len(ev) != 2 || ev[1] != "refusal" {
		t.Fatalf("empty events string changed them: %v", ev)
	}

	e.must(204, e.do("DELETE", "/api/v3/webhooks/"+id, nil))
	if r := e.must(404, e.do("GET", "/api/v3/webhooks/"+id, nil)); !strings.Contains(r.detail(), id) {
		t.Fatalf("404 %s", r.raw)
	}
	e.must(404, e.do("DELETE", "/api/v3/webhooks/"+id, nil))
	// The endpoint is free again once deleted.
	e.must(201, e.do("POST", "/api/v3/webhooks", webhookBody("https://example.com/a", []string{"sign"}, "")))
}

func TestWebhookRegistrationErrors(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	e.must(201, e.do("POST", "/api/v3/webhooks", webhookBody("https://example.com/a", []string{"sign"}, "")))
	cases := []struct {
		name    string
		body    any
		status  int
		detail  string
		pointer string
	}{
		{"missing events (documented)", webhookBody("https://example.com/x", nil, ""), 400, "events deve ser informado(a)", "/data/attributes/events"},
		{"empty events", webhookBody("https://example.com/x", []string{}, ""), 400, "events deve ser informado(a)", "/data/attributes/events"},
		{"duplicate endpoint (documented)", webhookBody("https://example.com/a", []string{"close"}, ""), 422, "endpoint - já está em uso", "/data/attributes/endpoint"},
		{"missing endpoint", data("webhooks", map[string]any{"events": []string{"sign"}}), 400, "endpoint deve ser informado(a)", "/data/attributes/endpoint"},
		{"relative endpoint", webhookBody("/hook", []string{"sign"}, ""), 422, "endpoint - não é uma URL válida", "/data/attributes/endpoint"},
		{"unknown event", webhookBody("https://example.com/x", []string{"signed"}, ""), 400, "events deve estar em: ", "/data/attributes/events"},
		{"bad status", webhookBody("https://example.com/x", []string{"sign"}, "on"), 400, "status deve estar em: active, inactive", "/data/attributes/status"},
		{"wrong type", data("envelopes", map[string]any{"endpoint": "https://example.com/x"}), 400, "type deve ser igual a webhooks", "/data/type"},
		{"unknown attribute", data("webhooks", map[string]any{"endpoint": "https://example.com/x", "events": []string{"sign"}, "secret": "x"}), 400, "secret não está disponível", "/data/attributes/secret"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.do("POST", "/api/v3/webhooks", c.body)
			if r.status != c.status || !strings.HasPrefix(r.detail(), c.detail) {
				t.Fatalf("got %d %s", r.status, r.raw)
			}
			if p := r.firstError()["source"].(map[string]any)["pointer"]; p != c.pointer {
				t.Fatalf("pointer %v", p)
			}
		})
	}
	dup := e.do("POST", "/api/v3/webhooks", webhookBody("https://example.com/a", []string{"close"}, ""))
	if f := dup.firstError(); f["title"] != "já está em uso" || f["code"] != "100" || f["status"] != "422" {
		t.Fatalf("422 shape %s", dup.raw)
	}
	if n := e.must(200, e.do("GET", "/api/v3/webhooks", nil)).body["meta"].(map[string]any)["record_count"]; n != float64(1) {
		t.Fatalf("a refused POST registered something: %v", n)
	}
}

// receiver records what the simulator delivers to it.
type receiver struct {
	srv  *httptest.Server
	mu   sync.Mutex
	got  []delivery
	code int
}

type delivery struct {
	event, hmac string
	body        []byte
}

func newReceiver(t *testing.T) *receiver {
	rc := &receiver{code: http.StatusOK}
	rc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.got = append(rc.got, delivery{r.Header.Get("Event"), r.Header.Get("Content-Hmac"), b})
		code := rc.code
		rc.mu.Unlock()
		w.WriteHeader(code)
	}))
	t.Cleanup(rc.srv.Close)
	return rc
}

func (rc *receiver) events(t *testing.T, secret string) []string {
	t.Helper()
	rc.mu.Lock()
	defer rc.mu.Unlock()
	var names []string
	for _, d := range rc.got {
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write(d.body)
		if want := "sha256=" + hex.EncodeToString(mac.Sum(nil)); d.hmac != want {
			t.Fatalf("%s delivered with hmac %s, want %s (its own secret)", d.event, d.hmac, want)
		}
		names = append(names, d.event)
	}
	return names
}

func TestRegisteredWebhooksReceiveTheirEvents(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	signs, closes, off := newReceiver(t), newReceiver(t), newReceiver(t)
	register := func(rc *receiver, events []string, status string) string {
		return e.must(201, e.do("POST", "/api/v3/webhooks", webhookBody(rc.srv.URL+"/hook", events, status))).attr("secret").(string)
	}
	signSecret := register(signs, []string{"sign", "refusal"}, "")
	closeSecret := register(closes, []string{"auto_close", "document_closed"}, "active")
	register(off, []string{"sign"}, "inactive")

	envID, _, signerID := e.ready()
	e.must(200, e.activate(envID))
	if err := e.sim.Sign(envID, signerID); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.sim.WaitWebhooks(ctx); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(signs.events(t, signSecret), ","); got != "sign" {
		t.Fatalf("sign webhook got %q", got)
	}
	if got := strings.Join(closes.events(t, closeSecret), ","); got != "auto_close,document_closed" {
		t.Fatalf("close webhook got %q", got)
	}
	if got := off.events(t, ""); len(got) != 0 {
		t.Fatalf("inactive webhook got %v", got)
	}
}

func TestRegisteredWebhooksSurviveRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sim.db")
	first := newEnv(t, simulator.Options{DBPath: path})
	rc := newReceiver(t)
	secret := first.must(201, first.do("POST", "/api/v3/webhooks", webhookBody(rc.srv.URL, []string{"sign"}, ""))).attr("secret").(string)
	first.srv.Close()
	if err := first.sim.Close(); err != nil {
		t.Fatal(err)
	}
	second := newEnv(t, simulator.Options{DBPath: path})
	list := second.must(200, second.do("GET", "/api/v3/webhooks", nil))
	items := list.body["data"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["attributes"].(map[string]any)["secret"] != secret {
		t.Fatalf("after restart %s", list.raw)
	}
	envID, _, signerID := second.ready()
	second.must(200, second.activate(envID))
	if err := second.sim.Sign(envID, signerID); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := second.sim.WaitWebhooks(ctx); err != nil {
		t.Fatal(err)
	}
	if got := rc.events(t, secret); len(got) != 1 || got[0] != "sign" {
		t.Fatalf("after restart delivered %v", got)
	}
}
