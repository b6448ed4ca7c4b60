package simulator_test

import (
	"selo/backend/clicksign/internal/oascheck"

	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"selo/backend/clicksign/simulator"
)

// Postman conformance: the simulator must accept the request examples of both
// collections for the endpoints it implements.
//
// Not sent (the simulator does not implement them): templates (and documents
// created from a template), folders, signature watchers, users, memberships, WhatsApp acceptance terms, auto-signature terms and custom
// document events (POST .../events). The official "Fluxo Básico com Modelos"
// folder is skipped as a whole because every later step depends on its template
// document.

type pmItem struct {
	Name    string   `json:"name"`
	Item    []pmItem `json:"item"`
	Request *struct {
		Method string `json:"method"`
		Header []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"header"`
		Body *struct {
			Raw string `json:"raw"`
		} `json:"body"`
		URL json.RawMessage `json:"url"`
	} `json:"request"`
}

type pmRequest struct {
	folder, name, method, url, body string
	headers                         map[string]string
}

func loadCollection(t *testing.T, file string) []pmRequest {
	t.Helper()
	dir, err := oascheck.ReferenceDir()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	var col struct {
		Item []pmItem `json:"item"`
	}
	if err := json.Unmarshal(b, &col); err != nil {
		t.Fatal(err)
	}
	var out []pmRequest
	var walk func(folder string, items []pmItem)
	walk = func(folder string, items []pmItem) {
		for _, it := range items {
			if it.Request == nil {
				walk(strings.TrimPrefix(folder+"/"+it.Name, "/"), it.Item)
				continue
			}
			var raw string
			if json.Unmarshal(it.Request.URL, &raw) != nil {
				var u struct {
					Raw string `json:"raw"`
				}
				json.Unmarshal(it.Request.URL, &u)
				raw = u.Raw
			}
			r := pmRequest{folder: folder, name: it.Name, method: it.Request.Method, url: raw, headers: map[string]string{}}
			if it.Request.Body != nil {
				r.body = it.Request.Body.Raw
			}
			for _, h := range it.Request.Header {
				r.headers[h.Key] = h.Value
			}
			out = append(out, r)
		}
	}
	walk("", col.Item)
	return out
}

var implementedRoute = regexp.MustCompile(`/api/v3/(envelopes(/[^/?]+(/(documents|signers|requirements)(/[^/?]+(/(events|notifications))?)?|/(notifications|bulk_requirements|events))?)?|webhooks(/[^/?]+)?)(\?.*)?$`)

func implemented(r pmRequest, url string) bool {
	if !implementedRoute.MatchString(url) {
		return false
	}
	if strings.Contains(r.body, `"template"`) {
		return false
	}
	// Custom events are not simulated; listing events is.
	return !(r.method == http.MethodPost && strings.HasSuffix(url, "/events"))
}

var varRe = regexp.MustCompile(`\{\{(\w+)\}\}`)

func substitute(t *testing.T, s string, vars map[string]string) string {
	return varRe.ReplaceAllStringFunc(s, func(m string) string {
		v, ok := vars[m[2:len(m)-2]]
		if !ok {
			t.Fatalf("no value for Postman variable %s", m)
		}
		return v
	})
}

func (e *env) send(t *testing.T, r pmRequest, url, body string, vars map[string]string) result {
	t.Helper()
	hdr := []string{"Content-Type", "", "Authorization", ""}
	for k, v := range r.headers {
		if v != "" {
			hdr = append(hdr, k, substitute(t, v, vars))
		}
	}
	var b any
	if body != "" {
		b = body
	}
	return e.do(r.method, strings.TrimPrefix(url, e.srv.URL), b, hdr...)
}

// capture records ids from 201 answers the way the collections' scripts would.
func capture(r result, vars map[string]string) {
	if r.status != http.StatusCreated {
		return
	}
	d := r.data()
	id, _ := d["id"].(string)
	switch d["type"] {
	case "envelopes":
		vars["envelope_id"] = id
	case "documents":
		vars["document_id"] = id
	case "signers":
		vars["signer_id"] = id
	case "requirements":
		vars["requirement_id"] = id
		if r.attr("auth") == "email" {
			vars["email_requirement_id"] = id
		}
	}
}

func TestOfficialPostmanCollection(t *testing.T) {
	e := newEnv(t, simulator.Options{})
	vars := map[string]string{
		"access_token":   token,
		"content_base64": pdfURI(tinyPDF),
		"folder_id":      "8c5d0a2e-8d5f-4f3e-9a55-3f1c2b7d9e10",
	}
	sent := 0
	for _, r := range loadCollection(t, "official-postman-collection.json") {
		if strings.HasPrefix(r.folder, "Fluxo Básico com Modelos") {
			continue
		}
		raw := strings.Replace(r.url, "https://{{host}}", e.srv.URL, 1)
		if !implemented(r, raw) {
			continue
		}
		url := substitute(t, raw, vars)
		res := e.send(t, r, url, substitute(t, r.body, vars), vars)
		if res.status < 200 || res.status > 299 {
			t.Fatalf("%s / %s: %s %s -> %d %s", r.folder, r.name, r.method, url, res.status, res.raw)
		}
		capture(res, vars)
		sent++
	}
	if sent < 15 {
		t.Fatalf("only %d official examples sent", sent)
	}
}

// fillBlanks replaces the collection's blank placeholders with sample values,
// keyed by attribute name, and ids by the resource type beside them.
func fillBlanks(v any, ids map[string]string) any {
	sample := map[string]string{
		"filename": "contrato.pdf", "content_base64": pdfURI(tinyPDF), "name": "Maria da Silva",
		"email": "maria@example.com", "phone_number": "11987654321", "birthday": "1990-01-01",
		"documentation": "529.982.247-25", "role": "sign", "pages": "all",
		"endpoint": "https://example.com/webhooks/clicksign",
	}
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			s, isStr := val.(string)
			switch {
			case isStr && s == "" && k == "id":
				if typ, _ := x["type"].(string); ids[typ] != "" {
					x[k] = ids[typ]
				}
			case isStr && s == "" && k == "key":
				x[k] = ids["documents"] // duplicate.key
			case isStr && s == "" && sample[k] != "":
				x[k] = sample[k]
			case k == "events" && blankList(val):
				x[k] = []any{"sign"} // a webhook's blank event list
			default:
				x[k] = fillBlanks(val, ids)
			}
		}
		// "name1" is a typo of the collection (and of the OpenAPI document) that
		// the real API would reject as an unknown attribute.
		delete(x, "name1")
		return x
	case []any:
		for i := range x {
			x[i] = fillBlanks(x[i], ids)
		}
	}
	return v
}

// blankList is the collection's [""] placeholder for a list of names.
func blankList(v any) bool {
	l, ok := v.([]any)
	return ok && len(l) == 1 && l[0] == ""
}

func TestCommunityPostmanCollection(t *testing.T) {
	sent := 0
	for _, r := range loadCollection(t, "clicksign-v3.postman_collection.json") {
		e := newEnv(t, simulator.Options{})
		raw := strings.Replace(r.url, "{{base_url}}", e.srv.URL+"/api/v3", 1)
		if !implemented(r, raw) {
			continue
		}
		// Each example runs against a fresh envelope with one document, one
		// qualified signer; state-dependent examples get a running envelope.
		envID, docID, signerID := e.ready()
		reqs := e.must(200, e.do("GET", "/api/v3/envelopes/"+envID+"/requirements", nil)).body["data"].([]any)
		reqID := reqs[0].(map[string]any)["id"].(string)
		needsRunning := strings.Contains(raw, "notifications") || (r.method == http.MethodPatch && strings.Contains(raw, "/documents/"))
		if needsRunning {
			e.must(200, e.activate(envID))
		}
		// A registered webhook for the examples that read, edit or delete one;
		// its endpoint differs from the sample so creating one is no duplicate.
		hook := e.must(201, e.do("POST", "/api/v3/webhooks", data("webhooks", map[string]any{
			"endpoint": "https://example.com/webhooks/existing", "events": []string{"sign"}}))).id()
		vars := map[string]string{"access_token": token, "envelope_id": envID, "document_id": docID,
			"signer_id": signerID, "requirement_id": reqID, "webhook_id": hook}
		if r.method == http.MethodPost && (strings.HasSuffix(raw, "/requirements") || strings.HasSuffix(raw, "/bulk_requirements")) {
			// A signer without requirements, so creating one is not a duplicate.
			signerID = e.signer(envID, "Joana Pereira", 1, nil)
			vars["signer_id"] = signerID
		}
		ids := map[string]string{"envelopes": envID, "documents": docID, "signers": signerID, "requirements": reqID, "webhooks": hook}
		if strings.Contains(raw, "/documents/{{document_id}}") {
			ids["envelopes"] = "" // data.id of a document PATCH is the document
		}
		body := substitute(t, r.body, vars)
		if strings.TrimSpace(body) != "" {
			var v any
			if err := json.Unmarshal([]byte(body), &v); err != nil {
				t.Fatalf("%s: %v", r.name, err)
			}
			b, _ := json.Marshal(fillBlanks(v, ids))
			body = string(b)
		}
		url := substitute(t, raw, vars)
		res := e.send(t, r, url, body, vars)
		if res.status < 200 || res.status > 299 {
			t.Fatalf("%s / %s: %s %s -> %d %s\nbody: %s", r.folder, r.name, r.method, url, res.status, res.raw, body)
		}
		sent++
	}
	if sent < 20 {
		t.Fatalf("only %d community examples sent", sent)
	}
}
