package simulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// dataObj is the "data" member of a request body.
type dataObj struct {
	Type          string                     `json:"type"`
	ID            string                     `json:"id"`
	Attributes    attrs                      `json:"attributes"`
	Relationships map[string]json.RawMessage `json:"relationships"`
}

func decodeJSON(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode(v)
}

func readBody(r *http.Request, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, badRequest("", "corpo da requisição inválido")
	}
	if int64(len(b)) > limit {
		return nil, &apiErr{errReply(413, errObj{Code: "payload_too_large", Status: 413, Title: "Requisição muito grande", Detail: "corpo da requisição excede o tamanho máximo"})}
	}
	return b, nil
}

// readData parses {"data":{...}} and checks its type like Clicksign does.
func readData(r *http.Request, wantType string, limit int64) (*dataObj, error) {
	b, err := readBody(r, limit)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Data *dataObj `json:"data"`
	}
	if err := decodeJSON(b, &doc); err != nil {
		return nil, badRequest("", "JSON inválido")
	}
	if doc.Data == nil {
		return nil, &apiErr{errReply(400, errObj{Code: "bad_request", Status: 400, Pointer: "/data", Detail: "data deve ser informado(a)"})}
	}
	if doc.Data.Type != wantType {
		return nil, &apiErr{errReply(400, errObj{Code: "bad_request", Status: 400, Pointer: "/data/type", Detail: "type deve ser igual a " + wantType})}
	}
	if doc.Data.Attributes == nil {
		doc.Data.Attributes = attrs{}
	}
	return doc.Data, nil
}

// relID reads relationships.<name>.data.id (checking its type).
func (d *dataObj) relID(name, wantType string) (string, error) {
	raw, ok := d.Relationships[name]
	if !ok {
		return "", nil
	}
	var rel struct {
		Data *struct {
			Type string `json:"type"`
			ID   string `json:"id"`
		} `json:"data"`
	}
	if err := json.Unmarshal(raw, &rel); err != nil || rel.Data == nil {
		return "", nil
	}
	if rel.Data.Type != "" && rel.Data.Type != wantType {
		return "", &apiErr{errReply(400, errObj{Code: "bad_request", Status: 400, Pointer: "/data/relationships/" + name + "/data/type", Detail: "type deve ser igual a " + wantType})}
	}
	return rel.Data.ID, nil
}

// attrs are request attributes decoded with json.Number for numbers.
type attrs map[string]any

func (a attrs) allow(names ...string) error {
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		found := false
		for _, n := range names {
			if k == n {
				found = true
				break
			}
		}
		if !found {
			return badRequest(k, k+" não está disponível")
		}
	}
	return nil
}

// str returns a string attribute; absent, null and "" all count as not given,
// which is how the blank Postman templates are read.
func (a attrs) str(key string) (string, bool, error) {
	v, ok := a[key]
	if !ok || v == nil {
		return "", false, nil
	}
	s, isStr := v.(string)
	if !isStr {
		if n, isNum := v.(json.Number); isNum {
			s = n.String()
		} else {
			return "", false, badRequest(key, key+" deve ser do tipo texto")
		}
	}
	if strings.TrimSpace(s) == "" {
		return "", false, nil
	}
	return s, true, nil
}

func (a attrs) boolean(key string) (bool, bool, error) {
	v, ok := a[key]
	if !ok || v == nil || v == "" {
		return false, false, nil
	}
	switch b := v.(type) {
	case bool:
		return b, true, nil
	case string:
		if b == "true" || b == "false" {
			return b == "true", true, nil
		}
	}
	return false, false, badRequest(key, key+" deve estar em: true, false")
}

func (a attrs) integer(key string) (int, bool, error) {
	v, ok := a[key]
	if !ok || v == nil || v == "" {
		return 0, false, nil
	}
	var s string
	switch n := v.(type) {
	case json.Number:
		s = n.String()
	case string:
		s = n
	default:
		return 0, false, badRequest(key, key+" deve ser um número inteiro")
	}
	i, err := strconv.Atoi(s)
	if err != nil {
		return 0, false, badRequest(key, key+" deve ser um número inteiro")
	}
	return i, true, nil
}

func enumErr(key string, values ...string) error {
	return badRequest(key, key+" deve estar em: "+strings.Join(values, ", "))
}

func oneOf(v string, values ...string) bool {
	for _, x := range values {
		if v == x {
			return true
		}
	}
	return false
}

// page reads page[number] and page[size].
func page(r *http.Request) (number, size int) {
	q := r.URL.Query()
	number, _ = strconv.Atoi(q.Get("page[number]"))
	size, _ = strconv.Atoi(q.Get("page[size]"))
	if number < 1 {
		number = 1
	}
	if size < 1 {
		size = defaultPageSize
	}
	if size > maxPageSize {
		size = maxPageSize
	}
	return number, size
}

// collection slices items to the requested page and adds meta and links.
func collection(r *http.Request, base string, items []any) map[string]any {
	number, size := page(r)
	total := len(items)
	from := min((number-1)*size, total)
	to := min(from+size, total)
	last := max(1, (total+size-1)/size)
	link := func(n int) string {
		q := url.Values{}
		for k, v := range r.URL.Query() {
			if k != "page[number]" && k != "page[size]" && k != "access_token" {
				q[k] = v
			}
		}
		q.Set("page[number]", strconv.Itoa(n))
		q.Set("page[size]", strconv.Itoa(size))
		return base + strings.TrimPrefix(r.URL.Path, "/api/v3") + "?" + q.Encode()
	}
	links := map[string]any{"first": link(1), "last": link(last)}
	if number < last {
		links["next"] = link(number + 1)
	}
	if number > 1 {
		links["prev"] = link(number - 1)
	}
	return map[string]any{
		"data":  append([]any{}, items[from:to]...),
		"meta":  map[string]any{"record_count": total},
		"links": links,
	}
}

func single(v any) map[string]any { return map[string]any{"data": v} }

// ---------------------------------------------------------------------------
// Rendering of resources.

func (s *Simulator) envelopeJSON(base string, e *envelope) map[string]any {
	self := base + "/envelopes/" + e.ID
	rel := func(name string) map[string]any {
		return map[string]any{"links": map[string]any{"self": self + "/relationships/" + name, "related": self + "/" + name}}
	}
	var remind any
	if e.RemindInterval != nil {
		remind = *e.RemindInterval
	}
	a := map[string]any{
		"name":                e.Name,
		"status":              e.Status,
		"deadline_at":         fmtTime(e.DeadlineAt),
		"locale":              e.Locale,
		"auto_close":          e.AutoClose,
		"rubric_enabled":      true,
		"remind_interval":     remind,
		"block_after_refusal": e.BlockAfterRefusal,
		"default_subject":     e.DefaultSubject,
		"default_message":     e.DefaultMessage,
		"created":             fmtTime(e.Created),
		"modified":            fmtTime(e.Modified),
	}
	if e.PartialAction != nil {
		a["deadline_partial_signature_action"] = *e.PartialAction
	}
	return map[string]any{
		"id": e.ID, "type": "envelopes",
		"links":      map[string]any{"self": self},
		"attributes": a,
		"relationships": map[string]any{
			"documents": rel("documents"), "signers": rel("signers"), "requirements": rel("requirements"),
		},
	}
}

func (s *Simulator) fileURL(d *document, kind string) string {
	return s.publicURL + "/_sim/files/" + d.ID + "/" + kind
}

func (s *Simulator) documentJSON(base string, d *document) map[string]any {
	files := map[string]any{"original": s.fileURL(d, "original")}
	if d.Status == "closed" || d.Status == "canceled" {
		files["signed"] = s.fileURL(d, "signed")
		files["ziped"] = s.fileURL(d, "ziped")
	}
	var meta any = map[string]any{}
	if len(d.Metadata) > 0 {
		meta = d.Metadata
	}
	return map[string]any{
		"id": d.ID, "type": "documents",
		"links": map[string]any{"self": base + "/envelopes/" + d.EnvelopeID + "/documents/" + d.ID, "files": files},
		"attributes": map[string]any{
			"status": d.Status, "filename": d.Filename, "template": nil, "metadata": meta,
			"migrated": false, "created": fmtTime(d.Created), "modified": fmtTime(d.Modified),
		},
	}
}

func (s *Simulator) signerJSON(base string, g *signer) map[string]any {
	return map[string]any{
		"id": g.ID, "type": "signers",
		"links": map[string]any{"self": base + "/envelopes/" + g.EnvelopeID + "/signers/" + g.ID},
		"attributes": map[string]any{
			"name": g.Name, "birthday": g.Birthday, "email": g.Email, "phone_number": g.Phone,
			"location_required_enabled": g.LocationRequired, "has_documentation": g.HasDocumentation,
			"documentation": g.Documentation, "refusable": g.Refusable, "group": g.Group,
			"communicate_events": map[string]any{
				"document_signed": g.Comm.DocumentSigned, "signature_request": g.Comm.SignatureRequest,
				"signature_reminder": g.Comm.SignatureReminder,
			},
			"created": fmtTime(g.Created), "modified": fmtTime(g.Modified),
		},
	}
}

func (s *Simulator) requirementJSON(base string, q *requirement) map[string]any {
	a := map[string]any{"action": q.Action, "created": fmtTime(q.Created), "modified": fmtTime(q.Modified)}
	switch q.Action {
	case "agree":
		a["role"] = q.Role
		a["rubric_pages"] = nil
	case "provide_evidence":
		a["auth"] = q.Auth
	case "rubricate":
		a["pages"] = q.Pages
		a["kind"] = q.Kind
		if q.RubricField != "" {
			a["rubric_field"] = q.RubricField
		}
	}
	return map[string]any{
		"id": q.ID, "type": "requirements",
		"links":      map[string]any{"self": base + "/envelopes/" + q.EnvelopeID + "/requirements/" + q.ID},
		"attributes": a,
		"relationships": map[string]any{
			"document": map[string]any{"data": map[string]any{"type": "documents", "id": q.DocumentID}},
			"signer":   map[string]any{"data": map[string]any{"type": "signers", "id": q.SignerID}},
		},
	}
}

func eventJSON(ev *event) map[string]any {
	var data any
	if len(ev.Data) > 0 {
		data = ev.Data
	}
	return map[string]any{
		"id": ev.ID, "type": "events",
		"attributes": map[string]any{"name": ev.Name, "data": data, "created": fmtTime(ev.Created)},
	}
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("simulator: marshal: %v", err))
	}
	return b
}
