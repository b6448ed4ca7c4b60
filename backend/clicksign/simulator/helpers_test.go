package simulator_test

import (
	"selo/backend/clicksign/internal/oascheck"

	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"selo/backend/clicksign/simulator"
)

const token = "test-token-1234567890"

// baseTime is the simulator's fixed clock: early 2025, so the official Postman
// examples' deadlines (January 2025) are in the future.
var baseTime = time.Date(2025, 1, 2, 9, 0, 0, 0, time.FixedZone("-03", -3*3600))

// env is a simulator behind httptest plus a JSON caller whose responses are all
// validated against the OpenAPI document.
type env struct {
	t   *testing.T
	sim *simulator.Simulator
	srv *httptest.Server
	hc  *http.Client
}

func newEnv(t *testing.T, opts simulator.Options) *env {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return baseTime }
	}
	if opts.Tokens == nil {
		opts.Tokens = []string{token}
	}
	if opts.RateLimit == 0 {
		opts.RateLimit = -1 // most tests are about behaviour, not the budget
	}
	sim, err := simulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(func() { srv.Close(); sim.Close() })
	return &env{t: t, sim: sim, srv: srv, hc: &http.Client{Transport: &oascheck.Transport{T: t, CheckResponse: true}}}
}

type result struct {
	status int
	header http.Header
	body   map[string]any
	raw    []byte
}

func (r result) data() map[string]any {
	d, _ := r.body["data"].(map[string]any)
	return d
}

func (r result) id() string {
	id, _ := r.data()["id"].(string)
	return id
}

func (r result) attr(name string) any {
	a, _ := r.data()["attributes"].(map[string]any)
	return a[name]
}

// firstError returns errors[0] as a map.
func (r result) firstError() map[string]any {
	list, _ := r.body["errors"].([]any)
	if len(list) == 0 {
		return nil
	}
	m, _ := list[0].(map[string]any)
	return m
}

func (r result) detail() string {
	d, _ := r.firstError()["detail"].(string)
	return d
}

func (e *env) do(method, path string, body any, hdr ...string) result {
	e.t.Helper()
	var rdr io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rdr = strings.NewReader(b)
	case []byte:
		rdr = bytes.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rdr = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rdr)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Authorization", token)
	req.Header.Set("Content-Type", "application/vnd.api+json")
	req.Header.Set("Accept", "application/vnd.api+json")
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i+1] == "" {
			req.Header.Del(hdr[i])
		} else {
			req.Header.Set(hdr[i], hdr[i+1])
		}
	}
	resp, err := e.hc.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	r := result{status: resp.StatusCode, header: resp.Header, raw: raw}
	if len(raw) > 0 {
		_ = json.Unmarshal(raw, &r.body)
	}
	return r
}

func (e *env) must(want int, r result) result {
	e.t.Helper()
	if r.status != want {
		e.t.Fatalf("status %d, want %d: %s", r.status, want, r.raw)
	}
	return r
}

func data(typ string, attrs map[string]any) map[string]any {
	return map[string]any{"data": map[string]any{"type": typ, "attributes": attrs}}
}

func pdfURI(content []byte) string {
	return "data:application/pdf;base64," + base64.StdEncoding.EncodeToString(content)
}

var tinyPDF = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

func (e *env) envelope(attrs map[string]any) string {
	e.t.Helper()
	if attrs == nil {
		attrs = map[string]any{}
	}
	if _, ok := attrs["name"]; !ok {
		attrs["name"] = "Contrato 123"
	}
	return e.must(201, e.do("POST", "/api/v3/envelopes", data("envelopes", attrs))).id()
}

func (e *env) document(envID, name string) string {
	e.t.Helper()
	return e.must(201, e.do("POST", "/api/v3/envelopes/"+envID+"/documents", data("documents", map[string]any{
		"filename": name, "content_base64": pdfURI(tinyPDF)}))).id()
}

func (e *env) signer(envID, name string, group int, extra map[string]any) string {
	e.t.Helper()
	a := map[string]any{"name": name, "email": strings.ToLower(strings.Fields(name)[0]) + "@example.com", "group": group}
	for k, v := range extra {
		a[k] = v
	}
	return e.must(201, e.do("POST", "/api/v3/envelopes/"+envID+"/signers", data("signers", a))).id()
}

func reqBody(action, key, value, docID, signerID string) map[string]any {
	return map[string]any{"data": map[string]any{
		"type":       "requirements",
		"attributes": map[string]any{"action": action, key: value},
		"relationships": map[string]any{
			"document": map[string]any{"data": map[string]any{"type": "documents", "id": docID}},
			"signer":   map[string]any{"data": map[string]any{"type": "signers", "id": signerID}},
		},
	}}
}

func (e *env) requirement(envID, action, key, value, docID, signerID string) string {
	e.t.Helper()
	return e.must(201, e.do("POST", "/api/v3/envelopes/"+envID+"/requirements", reqBody(action, key, value, docID, signerID))).id()
}

// qualify gives a signer both requirements a document needs.
func (e *env) qualify(envID, docID, signerID string) {
	e.t.Helper()
	e.requirement(envID, "agree", "role", "sign", docID, signerID)
	e.requirement(envID, "provide_evidence", "auth", "email", docID, signerID)
}

func (e *env) activate(envID string) result {
	e.t.Helper()
	return e.do("PATCH", "/api/v3/envelopes/"+envID, map[string]any{"data": map[string]any{
		"id": envID, "type": "envelopes", "attributes": map[string]any{"status": "running"}}})
}

// ready builds a draft envelope with one document and one fully qualified signer.
func (e *env) ready() (envID, docID, signerID string) {
	e.t.Helper()
	envID = e.envelope(nil)
	docID = e.document(envID, "contrato.pdf")
	signerID = e.signer(envID, "Maria da Silva", 1, nil)
	e.qualify(envID, docID, signerID)
	return
}
