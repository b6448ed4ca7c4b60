package simulator_test

import (
	"selo/backend/clicksign/internal/oascheck"

	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/clicksign/simulator"
)

func TestActivationRules(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	cases := []struct {
		name  string
		build func() string
		want  string
	}{
		{"no document", func() string { return e.envelope(nil) }, "ao menos um documento"},
		{"no signer", func() string {
			id := e.envelope(nil)
			e.document(id, "a.pdf")
			return id
		}, "ao menos um signatário"},
		{"no qualification", func() string {
			id := e.envelope(nil)
			d := e.document(id, "a.pdf")
			s := e.signer(id, "Ana Souza", 1, nil)
			e.requirement(id, "provide_evidence", "auth", "email", d, s)
			return id
		}, "requisito de qualificação"},
		{"signer without authentication", func() string {
			id := e.envelope(nil)
			d := e.document(id, "a.pdf")
			s1 := e.signer(id, "Ana Souza", 1, nil)
			s2 := e.signer(id, "Bruno Lima", 1, nil)
			e.qualify(id, d, s1)
			e.requirement(id, "agree", "role", "witness", d, s2)
			return id
		}, "Bruno Lima não possui requisito de autenticação"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := c.build()
			r := e.must(422, e.activate(id))
			if !strings.Contains(r.detail(), c.want) {
				t.Fatalf("detail %q does not mention %q", r.detail(), c.want)
			}
			if p := r.firstError()["source"].(map[string]any)["pointer"]; p != "/data/attributes/status" {
				t.Fatalf("pointer %v", p)
			}
			if st, _ := e.sim.EnvelopeStatus(id); st != "draft" {
				t.Fatalf("status changed to %s", st)
			}
		})
	}
}

func TestStateMachine(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	envID, docID, signerID := e.ready()
	base := "/api/v3/envelopes/" + envID

	r := e.must(200, e.activate(envID))
	if r.attr("status") != "running" {
		t.Fatalf("status %v", r.attr("status"))
	}
	if st, _ := e.sim.DocumentStatus(docID); st != "running" {
		t.Fatalf("document %s", st)
	}
	steps := []struct {
		name   string
		method string
		path   string
		body   any
		status int
		detail string
	}{
		{"cannot delete running envelope", "DELETE", base, nil, 403, "envelope não está com status draft"},
		{"cannot go back to draft", "PATCH", base, map[string]any{"data": map[string]any{"id": envID, "type": "envelopes", "attributes": map[string]any{"status": "draft"}}}, 422, "rascunho"},
		{"no new document once running", "POST", base + "/documents", data("documents", map[string]any{"filename": "b.pdf", "content_base64": pdfURI(tinyPDF)}), 403, "draft"},
		{"no new signer once running", "POST", base + "/signers", data("signers", map[string]any{"name": "Novo Signatario", "email": "n@example.com"}), 403, "draft"},
		{"cannot delete document once running", "DELETE", base + "/documents/" + docID, nil, 403, "draft"},
		{"unknown status value", "PATCH", base, map[string]any{"data": map[string]any{"id": envID, "type": "envelopes", "attributes": map[string]any{"status": "canceled"}}}, 400, "status deve estar em"},
		{"settings can change while running", "PATCH", base, map[string]any{"data": map[string]any{"id": envID, "type": "envelopes", "attributes": map[string]any{"default_message": "Olá"}}}, 200, ""},
		{"cancel running document", "PATCH", base + "/documents/" + docID, map[string]any{"data": map[string]any{"id": docID, "type": "documents", "attributes": map[string]any{"status": "canceled"}}}, 200, ""},
		{"cannot cancel twice", "PATCH", base + "/documents/" + docID, map[string]any{"data": map[string]any{"id": docID, "type": "documents", "attributes": map[string]any{"status": "canceled"}}}, 422, "documento não pode ser cancelado"},
		{"finished envelope refuses changes", "PATCH", base, map[string]any{"data": map[string]any{"id": envID, "type": "envelopes", "attributes": map[string]any{"name": "x"}}}, 422, "finalizado"},
	}
	for _, s := range steps {
		r := e.do(s.method, s.path, s.body)
		if r.status != s.status || !strings.Contains(string(r.raw), s.detail) {
			t.Fatalf("%s: got %d %s, want %d containing %q", s.name, r.status, r.raw, s.status, s.detail)
		}
	}
	if st, _ := e.sim.EnvelopeStatus(envID); st != "canceled" {
		t.Fatalf("envelope %s after its only document was canceled", st)
	}
	if err := e.sim.Sign(envID, signerID); !errors.Is(err, simulator.ErrNotRunning) {
		t.Fatalf("sign on canceled envelope: %v", err)
	}

	// A draft envelope can be deleted.
	id := e.envelope(nil)
	e.must(204, e.do("DELETE", "/api/v3/envelopes/"+id, nil))
	e.must(404, e.do("GET", "/api/v3/envelopes/"+id, nil))
}

func TestSignAutoCloseAndFiles(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	envID, docID, signerID := e.ready()
	e.must(200, e.activate(envID))
	doc := e.must(200, e.do("GET", "/api/v3/envelopes/"+envID+"/documents/"+docID, nil))
	files := doc.data()["links"].(map[string]any)["files"].(map[string]any)
	if _, ok := files["signed"]; ok {
		t.Fatal("signed link before close")
	}
	if err := e.sim.Sign(envID, signerID); err != nil {
		t.Fatal(err)
	}
	if err := e.sim.Sign(envID, signerID); !errors.Is(err, simulator.ErrNotRunning) {
		t.Fatalf("second sign: %v", err)
	}
	if st, _ := e.sim.EnvelopeStatus(envID); st != "closed" {
		t.Fatalf("envelope %s", st)
	}
	want := []string{"upload", "add_signer", "sign", "auto_close", "document_closed"}
	if got := e.sim.EventNames(docID); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("events %v, want %v", got, want)
	}
	ev := e.must(200, e.do("GET", "/api/v3/envelopes/"+envID+"/documents/"+docID+"/events?filter[name]=sign", nil))
	if n := ev.body["meta"].(map[string]any)["record_count"]; n != float64(1) {
		t.Fatalf("filtered events %v", n)
	}
	doc = e.must(200, e.do("GET", "/api/v3/envelopes/"+envID+"/documents/"+docID, nil))
	files = doc.data()["links"].(map[string]any)["files"].(map[string]any)
	signed, _ := files["signed"].(string)
	if signed == "" || files["ziped"] == nil {
		t.Fatalf("files %v", files)
	}
	resp, err := http.Get(signed)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(b) != string(tinyPDF) {
		t.Fatalf("download %d %q", resp.StatusCode, b)
	}
	// Signer who signed cannot be deleted.
	r := e.must(403, e.do("DELETE", "/api/v3/envelopes/"+envID+"/signers/"+signerID, nil))
	if r.detail() != "Já assinou um documento. Não pode ser excluído" {
		t.Fatalf("detail %q", r.detail())
	}
}

func TestDeadlineViaClock(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	past := baseTime.Add(-time.Hour).Format("2006-01-02T15:04:05.000-07:00")
	r := e.must(422, e.do("POST", "/api/v3/envelopes", data("envelopes", map[string]any{"name": "X", "deadline_at": past})))
	if r.firstError()["source"].(map[string]any)["pointer"] != "/data/attributes/deadline_at" || !strings.Contains(r.detail(), "deve ser maior ou igual a") {
		t.Fatalf("past deadline: %s", r.raw)
	}
	r = e.must(422, e.do("POST", "/api/v3/envelopes", data("envelopes", map[string]any{"name": "X", "deadline_at": baseTime.Add(91 * 24 * time.Hour).Format(time.RFC3339)})))
	if !strings.Contains(r.detail(), "menor ou igual") {
		t.Fatalf("far deadline: %s", r.raw)
	}

	deadline := baseTime.Add(48 * time.Hour).Format("2006-01-02T15:04:05.000-07:00")
	envID := e.envelope(map[string]any{"deadline_at": deadline})
	partial := e.document(envID, "a.pdf")
	untouched := e.document(envID, "b.pdf")
	ana := e.signer(envID, "Ana Souza", 1, nil)
	bia := e.signer(envID, "Bia Souza", 1, nil)
	e.qualify(envID, partial, ana)
	e.qualify(envID, partial, bia)
	e.qualify(envID, untouched, bia)
	e.must(200, e.activate(envID))
	if err := e.sim.Sign(envID, ana); err != nil {
		t.Fatal(err)
	}
	if err := e.sim.Advance(47 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if st, _ := e.sim.EnvelopeStatus(envID); st != "running" {
		t.Fatalf("before deadline: %s", st)
	}
	if err := e.sim.Advance(2 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if st, _ := e.sim.DocumentStatus(partial); st != "closed" {
		t.Fatalf("partially signed document %s, want closed", st)
	}
	if st, _ := e.sim.DocumentStatus(untouched); st != "canceled" {
		t.Fatalf("unsigned document %s, want canceled", st)
	}
	if st, _ := e.sim.EnvelopeStatus(envID); st != "closed" {
		t.Fatalf("envelope %s", st)
	}
	if got := strings.Join(e.sim.EventNames(untouched), ","); !strings.HasSuffix(got, "deadline") {
		t.Fatalf("events %s", got)
	}
	if got := strings.Join(e.sim.EventNames(partial), ","); !strings.HasSuffix(got, "deadline,document_closed") {
		t.Fatalf("events %s", got)
	}
}

func TestGroupOrderingAndNotifications(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	envID := e.envelope(nil)
	doc := e.document(envID, "a.pdf")
	first := e.signer(envID, "Ana Primeira", 1, nil)
	second := e.signer(envID, "Bia Segunda", 2, nil)
	e.qualify(envID, doc, first)
	e.qualify(envID, doc, second)
	notify := func(path string) result {
		return e.do("POST", path, data("notifications", map[string]any{"message": "Por favor, assine."}))
	}
	envNotify := "/api/v3/envelopes/" + envID + "/notifications"
	if r := notify(envNotify); r.status != 422 {
		t.Fatalf("notify draft: %d %s", r.status, r.raw)
	}
	e.must(200, e.activate(envID))

	if err := e.sim.Sign(envID, second); !errors.Is(err, simulator.ErrNotActive) {
		t.Fatalf("group 2 signed before group 1: %v", err)
	}
	r := e.must(200, notify(envNotify))
	summary := r.attr("summary").([]any)
	if len(summary) != 1 || summary[0].(map[string]any)["signer_id"] != first {
		t.Fatalf("summary %v", summary)
	}
	// Second call inside the same minute: throttled.
	r = e.must(429, notify(envNotify))
	if r.firstError()["code"] != "notification_throttled" || r.header.Get("Retry-After") == "" {
		t.Fatalf("throttle: %s %v", r.raw, r.header)
	}
	// A signer outside the active group is not notified.
	r = e.must(200, notify("/api/v3/envelopes/"+envID+"/signers/"+second+"/notifications"))
	if n := r.attr("summary").([]any)[0].(map[string]any)["notified"]; n != false {
		t.Fatalf("inactive signer notified: %v", n)
	}

	if err := e.sim.Sign(envID, first); err != nil {
		t.Fatal(err)
	}
	e.sim.Advance(59 * time.Second)
	e.must(429, notify(envNotify))
	e.sim.Advance(time.Second)
	r = e.must(200, notify(envNotify))
	summary = r.attr("summary").([]any)
	if len(summary) != 1 || summary[0].(map[string]any)["signer_id"] != second {
		t.Fatalf("after group 1: %v", summary)
	}
	var sentTo []string
	for _, n := range e.sim.Notifications() {
		sentTo = append(sentTo, n.SignerID)
	}
	if strings.Join(sentTo, ",") != first+","+second {
		t.Fatalf("notifications %v", sentTo)
	}
	if err := e.sim.Sign(envID, second); err != nil {
		t.Fatal(err)
	}
	if st, _ := e.sim.EnvelopeStatus(envID); st != "closed" {
		t.Fatalf("envelope %s", st)
	}
}

func TestRefusal(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	envID := e.envelope(map[string]any{"block_after_refusal": true})
	doc := e.document(envID, "a.pdf")
	strict := e.signer(envID, "Ana Rigida", 1, nil)
	free := e.signer(envID, "Bia Livre", 1, map[string]any{"refusable": true})
	e.qualify(envID, doc, strict)
	e.qualify(envID, doc, free)
	e.must(200, e.activate(envID))
	if err := e.sim.Refuse(envID, strict, "não concordo"); !errors.Is(err, simulator.ErrNotRefusable) {
		t.Fatalf("non-refusable signer refused: %v", err)
	}
	resp, err := http.Post(e.srv.URL+"/_sim/envelopes/"+envID+"/signers/"+free+"/refuse", "application/json", strings.NewReader(`{"reason":"valor errado"}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("refuse via HTTP: %v %v", err, resp.Status)
	}
	resp.Body.Close()
	if st, _ := e.sim.DocumentStatus(doc); st != "canceled" {
		t.Fatalf("document %s after refusal with block_after_refusal", st)
	}
	ev := e.must(200, e.do("GET", "/api/v3/envelopes/"+envID+"/documents/"+doc+"/events?filter[name]=refusal", nil))
	item := ev.body["data"].([]any)[0].(map[string]any)
	if d := item["attributes"].(map[string]any)["data"].(map[string]any); d["reason"] != "valor errado" {
		t.Fatalf("refusal data %v", d)
	}
}

func TestValidationMessages(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	envID := e.envelope(nil)
	cases := []struct {
		name   string
		path   string
		body   any
		status int
		detail string
	}{
		{"bad locale", "/api/v3/envelopes", data("envelopes", map[string]any{"name": "X", "locale": "es"}), 400, "locale deve estar em: pt-BR, en-US"},
		{"unknown attribute", "/api/v3/envelopes", data("envelopes", map[string]any{"name": "X", "key": "1"}), 400, "key não está disponível"},
		{"wrong type", "/api/v3/envelopes", data("webhooks", map[string]any{"name": "X"}), 400, "type deve ser igual a envelopes"},
		{"bad remind interval", "/api/v3/envelopes", data("envelopes", map[string]any{"name": "X", "remind_interval": 5}), 400, "remind_interval deve estar em"},
		{"empty content", "/api/v3/envelopes/" + envID + "/documents", data("documents", map[string]any{"filename": "a.pdf", "content_base64": ""}), 422, "content - não pode ficar em branco"},
		{"filename without extension", "/api/v3/envelopes/" + envID + "/documents", data("documents", map[string]any{"filename": "contrato", "content_base64": pdfURI(tinyPDF)}), 422, "filename - deve possuir uma extensão"},
		{"not a data URI", "/api/v3/envelopes/" + envID + "/documents", data("documents", map[string]any{"filename": "a.pdf", "content_base64": "JVBERi0x"}), 422, "content_base64 - deve estar no formato"},
		{"one-word name", "/api/v3/envelopes/" + envID + "/signers", data("signers", map[string]any{"name": "Maria", "email": "m@example.com"}), 422, "name - deve conter nome e sobrenome"},
		{"invalid CPF", "/api/v3/envelopes/" + envID + "/signers", data("signers", map[string]any{"name": "Maria Silva", "email": "m@example.com", "documentation": "123.456.789-00"}), 422, "documentation - inválido"},
		{"whatsapp without phone", "/api/v3/envelopes/" + envID + "/signers", data("signers", map[string]any{"name": "Maria Silva", "email": "m@example.com", "communicate_events": map[string]any{"signature_request": "whatsapp"}}), 422, "phone_number - não pode ficar em branco"},
		{"sms reminder not allowed", "/api/v3/envelopes/" + envID + "/signers", data("signers", map[string]any{"name": "Maria Silva", "email": "m@example.com", "communicate_events": map[string]any{"signature_reminder": "sms"}}), 400, "deve estar em: none, email"},
		{"bad phone", "/api/v3/envelopes/" + envID + "/signers", data("signers", map[string]any{"name": "Maria Silva", "email": "m@example.com", "phone_number": "123"}), 422, "phone_number - inválido"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.do("POST", c.path, c.body)
			if r.status != c.status || !strings.Contains(r.detail(), c.detail) {
				t.Fatalf("got %d %s, want %d %q", r.status, r.raw, c.status, c.detail)
			}
		})
	}
	// Both CPF spellings are accepted and stored formatted.
	for _, cpf := range []string{"529.982.247-25", "52998224725"} {
		r := e.must(201, e.do("POST", "/api/v3/envelopes/"+envID+"/signers", data("signers", map[string]any{"name": "Maria Silva", "email": "m@example.com", "documentation": cpf})))
		if r.attr("documentation") != "529.982.247-25" {
			t.Fatalf("documentation %v", r.attr("documentation"))
		}
	}
	// Duplicate requirement.
	d := e.document(envID, "a.pdf")
	s := e.signer(envID, "Ana Souza", 1, nil)
	e.requirement(envID, "agree", "role", "sign", d, s)
	r := e.must(422, e.do("POST", "/api/v3/envelopes/"+envID+"/requirements", reqBody("agree", "role", "witness", d, s)))
	if r.detail() != "action - já está em uso" {
		t.Fatalf("duplicate: %s", r.raw)
	}
	// 404 in the string-status style.
	r = e.must(404, e.do("GET", "/api/v3/envelopes/00000000-0000-0000-0000-000000000000", nil))
	if r.firstError()["status"] != "404" || r.firstError()["code"] != "404" {
		t.Fatalf("404 body %s", r.raw)
	}
}

func TestBulkRequirementsAtomic(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	envID := e.envelope(nil)
	d := e.document(envID, "a.pdf")
	s := e.signer(envID, "Ana Souza", 1, nil)
	old := e.requirement(envID, "provide_evidence", "auth", "email", d, s)
	add := func(action, key, value string) map[string]any {
		b := reqBody(action, key, value, d, s)["data"]
		return map[string]any{"op": "add", "data": b}
	}
	path := "/api/v3/envelopes/" + envID + "/bulk_requirements"
	// The last operation fails: nothing must be applied.
	r := e.do("POST", path, map[string]any{"atomic:operations": []any{
		map[string]any{"op": "remove", "ref": map[string]any{"type": "requirements", "id": old}},
		add("agree", "role", "sign"),
		add("provide_evidence", "auth", "telepathy"),
	}})
	if r.status != 422 || !strings.HasPrefix(r.firstError()["source"].(map[string]any)["pointer"].(string), "/atomic:operations/2") {
		t.Fatalf("failing bulk: %d %s", r.status, r.raw)
	}
	list := e.must(200, e.do("GET", "/api/v3/envelopes/"+envID+"/requirements", nil))
	if n := list.body["meta"].(map[string]any)["record_count"]; n != float64(1) {
		t.Fatalf("rollback failed: %v requirements", n)
	}
	r = e.must(200, e.do("POST", path, map[string]any{"atomic:operations": []any{
		map[string]any{"op": "remove", "ref": map[string]any{"type": "requirements", "id": old}},
		add("agree", "role", "sign"),
		add("provide_evidence", "auth", "pix"),
		add("provide_evidence", "auth", "selfie"),
	}}))
	if results := r.body["atomic:results"].([]any); len(results) != 4 {
		t.Fatalf("results %v", results)
	}
	e.must(200, e.activate(envID))
}

func TestSizeLimits(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	envID := e.envelope(nil)
	big := make([]byte, 10<<20+1)
	r := e.must(422, e.do("POST", "/api/v3/envelopes/"+envID+"/documents", data("documents", map[string]any{"filename": "grande.pdf", "content_base64": pdfURI(big)})))
	if !strings.Contains(r.detail(), "10 MB") {
		t.Fatalf("detail %q", r.detail())
	}
	e.document(envID, "ok.pdf") // exactly at the limit is fine below

	// The envelope limit, scaled down through options to keep the test fast.
	small := newEnv(t, simulator.Options{MaxFileSize: 100, MaxEnvelopeSize: 250})
	envID = small.envelope(nil)
	chunk := make([]byte, 100)
	for i := 0; i < 2; i++ {
		small.must(201, small.do("POST", "/api/v3/envelopes/"+envID+"/documents", data("documents", map[string]any{"filename": "p.pdf", "content_base64": pdfURI(chunk)})))
	}
	r = small.must(422, small.do("POST", "/api/v3/envelopes/"+envID+"/documents", data("documents", map[string]any{"filename": "p.pdf", "content_base64": pdfURI(chunk)})))
	if !strings.Contains(r.detail(), "100 MB por envelope") {
		t.Fatalf("detail %q", r.detail())
	}
}

func TestAuthModes(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	e.must(200, e.do("GET", "/api/v3/envelopes", nil))
	e.must(200, e.do("GET", "/api/v3/envelopes", nil, "Authorization", "Bearer "+token))
	e.must(200, e.do("GET", "/api/v3/envelopes?access_token="+token, nil, "Authorization", ""))
	r := e.must(401, e.do("GET", "/api/v3/envelopes", nil, "Authorization", "wrong"))
	if r.firstError()["code"] != "unauthorized" || r.firstError()["status"] != float64(401) {
		t.Fatalf("401 body %s", r.raw)
	}
	e.sim.SetEnvelopeAPIEnabled(false)
	r = e.must(503, e.do("GET", "/api/v3/envelopes", nil))
	if r.firstError()["code"] != "service_unavailable" {
		t.Fatalf("503 body %s", r.raw)
	}
}

func TestRateLimit(t *testing.T) {
	wall := baseTime
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return wall }
	e := newEnv(t, simulator.Options{RateLimit: 3, RateWindow: 10 * time.Second, Now: clock})
	for i := 0; i < 3; i++ {
		r := e.must(200, e.do("GET", "/api/v3/envelopes", nil))
		if r.header.Get("X-Rate-Limit") != "3" || r.header.Get("X-Rate-Limit-Remaining") == "" {
			t.Fatalf("headers %v", r.header)
		}
	}
	r := e.must(429, e.do("GET", "/api/v3/envelopes", nil))
	reset := baseTime.Add(10 * time.Second).Unix()
	if r.header.Get("X-Rate-Limit-Remaining") != "0" || r.header.Get("X-Rate-Limit-Reset") != itoa64(reset) {
		t.Fatalf("429 headers %v (want reset %d)", r.header, reset)
	}
	// Another token has its own window.
	other := newEnv(t, simulator.Options{RateLimit: 1, Tokens: []string{token, "other"}})
	other.must(200, other.do("GET", "/api/v3/envelopes", nil))
	other.must(200, other.do("GET", "/api/v3/envelopes", nil, "Authorization", "other"))
	other.must(429, other.do("GET", "/api/v3/envelopes", nil))

	mu.Lock()
	wall = wall.Add(10 * time.Second)
	mu.Unlock()
	e.must(200, e.do("GET", "/api/v3/envelopes", nil))
}

// The budget runs on wall time, like Clicksign's. "Avançar dias" is a
// training device for deadlines: it neither refills the budget nor pushes
// X-Rate-Limit-Reset days ahead, which made Selo's client (it waits at
// most 30 s for a reset) give up on the first 429 after the days moved,
// failing a send that only had to wait seconds.
func TestRateLimitRunsOnWallTimeNotTheTrainingClock(t *testing.T) {
	wall := baseTime
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return wall }
	e := newEnv(t, simulator.Options{RateLimit: 2, RateWindow: 10 * time.Second, Now: clock})
	if err := e.sim.Advance(16 * 24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	e.must(200, e.do("GET", "/api/v3/envelopes", nil))
	e.must(200, e.do("GET", "/api/v3/envelopes", nil))
	r := e.must(429, e.do("GET", "/api/v3/envelopes", nil))
	if got, want := r.header.Get("X-Rate-Limit-Reset"), itoa64(baseTime.Add(10*time.Second).Unix()); got != want {
		t.Fatalf("X-Rate-Limit-Reset = %s, want %s (ten seconds of wall time)", got, want)
	}
	if r.header.Get("Retry-After") != "10" {
		t.Fatalf("Retry-After = %q", r.header.Get("Retry-After"))
	}
	if err := e.sim.Advance(24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	e.must(429, e.do("GET", "/api/v3/envelopes", nil))
	mu.Lock()
	wall = wall.Add(10 * time.Second)
	mu.Unlock()
	e.must(200, e.do("GET", "/api/v3/envelopes", nil))
}

func itoa64(n int64) string { return jsonNum(n) }

func jsonNum(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestFaultsAndCounters(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	e.sim.InjectFault(simulator.Fault{Status: 500, Times: 2, Route: "GET /api/v3/envelopes"})
	e.must(201, e.do("POST", "/api/v3/envelopes", data("envelopes", map[string]any{"name": "A"}))) // not matched
	e.must(500, e.do("GET", "/api/v3/envelopes", nil))
	e.must(500, e.do("GET", "/api/v3/envelopes", nil))
	e.must(200, e.do("GET", "/api/v3/envelopes", nil))
	if n := e.sim.RequestCount("GET /api/v3/envelopes"); n != 3 {
		t.Fatalf("count %d", n)
	}
	// Processed, then the answer replaced by a 500: the envelope exists.
	e.sim.InjectFault(simulator.Fault{Status: 500, Method: "POST", Route: "/api/v3/envelopes", AfterProcessing: true})
	e.must(500, e.do("POST", "/api/v3/envelopes", data("envelopes", map[string]any{"name": "B"})))
	list := e.must(200, e.do("GET", "/api/v3/envelopes?filter[name]=B", nil))
	if n := list.body["meta"].(map[string]any)["record_count"]; n != float64(1) {
		t.Fatalf("after-processing fault lost the write: %v", n)
	}
	// Closed connection over the control route.
	resp, err := http.Post(e.srv.URL+"/_sim/faults", "application/json", strings.NewReader(`{"kind":"close","route":"GET /api/v3/envelopes"}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("fault route: %v", err)
	}
	resp.Body.Close()
	req, _ := http.NewRequest("GET", e.srv.URL+"/api/v3/envelopes", nil)
	req.Header.Set("Authorization", token)
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Fatal("expected a connection error")
	}
	resp, err = http.Get(e.srv.URL + "/_sim/requests")
	if err != nil {
		t.Fatal(err)
	}
	var counts map[string]int
	json.NewDecoder(resp.Body).Decode(&counts)
	resp.Body.Close()
	if counts["GET /api/v3/envelopes"] != 5 || counts["POST /api/v3/envelopes"] != 2 {
		t.Fatalf("counts %v", counts)
	}
}

func TestWebhookDelivery(t *testing.T) {
	const secret = "973d92ca80c2206a0e65b35d2371d595"
	var mu sync.Mutex
	type got struct {
		event, hmac string
		body        []byte
	}
	var received []got
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		received = append(received, got{r.Header.Get("Event"), r.Header.Get("Content-Hmac"), b})
		mu.Unlock()
	}))
	defer recv.Close()
	e := newEnv(t, simulator.Options{WebhookURL: recv.URL, WebhookSecret: secret})
	envID, docID, signerID := e.ready()
	e.must(200, e.activate(envID))
	if err := e.sim.Sign(envID, signerID); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.sim.WaitWebhooks(ctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	var names []string
	for _, g := range received {
		names = append(names, g.event)
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write(g.body)
		if want := "sha256=" + hex.EncodeToString(mac.Sum(nil)); g.hmac != want {
			t.Fatalf("%s: hmac %s, want %s", g.event, g.hmac, want)
		}
		var p struct {
			Event struct {
				Name       string          `json:"name"`
				Data       json.RawMessage `json:"data"`
				OccurredAt string          `json:"occurred_at"`
			} `json:"event"`
			Document struct {
				Key       string         `json:"key"`
				Status    string         `json:"status"`
				Downloads map[string]any `json:"downloads"`
			} `json:"document"`
		}
		if err := json.Unmarshal(g.body, &p); err != nil {
			t.Fatal(err)
		}
		if p.Event.Name != g.event || p.Document.Key != docID || p.Event.OccurredAt == "" {
			t.Fatalf("payload %s", g.body)
		}
		if g.event == "auto_close" && string(p.Event.Data) != "null" {
			t.Fatalf("auto_close data %s", p.Event.Data)
		}
		if g.event == "document_closed" && (p.Document.Status != "closed" || p.Document.Downloads["signed_file_url"] == nil) {
			t.Fatalf("document_closed payload %s", g.body)
		}
	}
	if strings.Join(names, ",") != "upload,add_signer,sign,auto_close,document_closed" {
		t.Fatalf("events %v", names)
	}
	if d := e.sim.WebhookDeliveries(); len(d) != 5 || d[0].Status != 200 {
		t.Fatalf("deliveries %+v", d)
	}
}

func TestPersistenceAcrossRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sim.db")
	first := newEnv(t, simulator.Options{DBPath: path})
	envID, docID, _ := first.ready()
	first.must(200, first.activate(envID))
	first.sim.Advance(time.Hour)
	first.srv.Close()
	if err := first.sim.Close(); err != nil {
		t.Fatal(err)
	}

	second := newEnv(t, simulator.Options{DBPath: path})
	r := second.must(200, second.do("GET", "/api/v3/envelopes/"+envID, nil))
	if r.attr("status") != "running" || r.attr("name") != "Contrato 123" {
		t.Fatalf("after restart: %s", r.raw)
	}
	if !second.sim.Now().Equal(baseTime.Add(time.Hour)) {
		t.Fatalf("clock offset lost: %v", second.sim.Now())
	}
	doc := second.must(200, second.do("GET", "/api/v3/envelopes/"+envID+"/documents/"+docID, nil))
	orig := doc.data()["links"].(map[string]any)["files"].(map[string]any)["original"].(string)
	resp, err := http.Get(orig)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != string(tinyPDF) {
		t.Fatalf("file after restart %q", b)
	}
}

func TestPaginationAndFilters(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	for i := 0; i < 5; i++ {
		e.envelope(map[string]any{"name": "Env " + string(rune('E'-i))})
	}
	r := e.must(200, e.do("GET", "/api/v3/envelopes?page[number]=2&page[size]=2&sort=name", nil))
	items := r.body["data"].([]any)
	if len(items) != 2 || r.body["meta"].(map[string]any)["record_count"] != float64(5) {
		t.Fatalf("page %s", r.raw)
	}
	if n := items[0].(map[string]any)["attributes"].(map[string]any)["name"]; n != "Env C" {
		t.Fatalf("sorted page 2 starts with %v", n)
	}
	links := r.body["links"].(map[string]any)
	if !strings.Contains(links["last"].(string), "page%5Bnumber%5D=3") {
		t.Fatalf("links %v", links)
	}
	r = e.must(200, e.do("GET", "/api/v3/envelopes?filter[status]=running", nil))
	if r.body["meta"].(map[string]any)["record_count"] != float64(0) {
		t.Fatalf("status filter %s", r.raw)
	}
	from := baseTime.Add(29 * 24 * time.Hour).Format("2006-01-02T15:04:05.000-07:00")
	to := baseTime.Add(31 * 24 * time.Hour).Format("2006-01-02T15:04:05.000-07:00")
	r = e.must(200, e.do("GET", "/api/v3/envelopes?filter[deadline_at]="+from+","+to, nil))
	if r.body["meta"].(map[string]any)["record_count"] != float64(5) {
		t.Fatalf("deadline filter %s", r.raw)
	}
}

// The conformance checks must be able to fail: feed them known violations.
func TestOpenAPIValidatorCatchesViolations(t *testing.T) {
	mk := func(method, path, body string) *http.Request {
		r, _ := http.NewRequest(method, "http://127.0.0.1/api/v3"+path, strings.NewReader(body))
		r.Header.Set("Authorization", token)
		r.Header.Set("Content-Type", "application/vnd.api+json")
		return r
	}
	resp := func(status int, body string) *http.Response {
		h := http.Header{}
		h.Set("Content-Type", "application/vnd.api+json")
		return &http.Response{StatusCode: status, Header: h}
	}
	cases := []struct {
		name     string
		req      *http.Request
		reqBody  string
		resp     *http.Response
		respBody string
	}{
		{"remind_interval outside the enum", mk("POST", "/envelopes", ""), `{"data":{"type":"envelopes","attributes":{"name":"x","remind_interval":5}}}`, nil, ""},
		{"wrong resource type", mk("POST", "/envelopes/1/signers", ""), `{"data":{"type":"signer","attributes":{"name":"x"}}}`, nil, ""},
		{"signer group as string", mk("GET", "/envelopes/1/signers/2", ""), "", resp(200, ""), `{"data":{"id":"2","type":"signers","attributes":{"group":"1"}}}`},
		{"404 status as integer", mk("GET", "/envelopes/1", ""), "", resp(404, ""), `{"errors":[{"code":"404","status":404}]}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			problems := oascheck.Validate(c.req, []byte(c.reqBody), c.resp, []byte(c.respBody), c.resp == nil, c.resp != nil)
			if len(problems) == 0 {
				t.Fatal("violation not detected")
			}
		})
	}
}

func TestSignPage(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	envID, _, signerID := e.ready()
	e.must(200, e.activate(envID))
	resp, err := http.Get(e.srv.URL + "/_sim/sign/" + signerID)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), "Maria da Silva") || !strings.Contains(string(page), "pendente") {
		t.Fatalf("page %s", page)
	}
	resp, err = http.PostForm(e.srv.URL+"/_sim/sign/"+signerID, map[string][]string{"action": {"sign"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if st, _ := e.sim.EnvelopeStatus(envID); st != "closed" {
		t.Fatalf("envelope %s after signing through the page", st)
	}
}

// icp_brasil excludes extra evidence on the same signer and document: the
// second of the pair is refused with 422 whichever comes first, and another
// document of the same signer is unaffected.
func TestICPBrasilRefusesExtraEvidence(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	envID := e.envelope(nil)
	d := e.document(envID, "a.pdf")
	d2 := e.document(envID, "b.pdf")
	s := e.signer(envID, "Ana Souza", 1, map[string]any{"has_documentation": true, "documentation": "529.982.247-25"})
	e.requirement(envID, "provide_evidence", "auth", "icp_brasil", d, s)
	for _, ev := range []string{"selfie", "handwritten", "facial_biometrics"} {
		r := e.do("POST", "/api/v3/envelopes/"+envID+"/requirements", reqBody("provide_evidence", "auth", ev, d, s))
		if r.status != 422 || r.firstError()["source"].(map[string]any)["pointer"] != "/data/attributes/auth" {
			t.Fatalf("icp_brasil then %s: %d %s", ev, r.status, r.raw)
		}
	}
	e.requirement(envID, "provide_evidence", "auth", "selfie", d2, s)
	r := e.do("POST", "/api/v3/envelopes/"+envID+"/requirements", reqBody("provide_evidence", "auth", "icp_brasil", d2, s))
	if r.status != 422 {
		t.Fatalf("selfie then icp_brasil: %d %s", r.status, r.raw)
	}
}
