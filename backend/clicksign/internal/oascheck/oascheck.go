// Package oascheck validates Clicksign API traffic against the published
// OpenAPI document. The client's tests check every request they send and the
// simulator's tests every response it returns, through the same rules.
//
// The document was extracted from Clicksign's ReadMe site and has quirks that
// make some valid traffic impossible to validate verbatim. Each relaxation below
// is narrow and says why; nothing else is changed:
//
//  0. The document's own examples and defaults do not all match its schemas, so
//     the router is built without validating them (traffic is still validated).
//     Some "array" schemas have no "items" (invalid OpenAPI): they get an
//     unconstrained items schema.
//  1. No schema is marked nullable, yet the documented examples return null
//     (default_message, birthday, phone_number, template, remind_interval, ...):
//     every schema is made nullable. Types, enums and required fields still apply.
//  2. Responses are declared as application/json only; JSON:API servers answer
//     application/vnd.api+json. The same schema is registered for that type.
//  3. remind_interval is a string enum in requests, but the official Postman
//     examples send the integer 3 and responses return integers: integers
//     1,2,3,7,14 are accepted too.
//  4. documents "metadata" (and template.data) are typed string/format json, but
//     the official examples send a JSON object: any object is accepted.
//  5. POST /envelopes/{id}/documents uses oneOf over three variants none of which
//     has required fields, so every body matches all three and oneOf can never
//     pass: it is validated as anyOf.
//  6. The qualification "role" enum lists only sign/party/contractor while the
//     reference lists 70+ roles: the enum is widened to the reference's list.
//  8. 204 responses declare an application/json body; a 204 cannot have one,
//     so their content is dropped.
//  7. GET /envelopes/{id}/events is in the official Postman collection but not in
//     the document: requests to it are not validated.
//  9. Some 200 responses (webhooks, acceptance terms) declare a placeholder
//     schema whose only property is a required top-level "name" that their own
//     examples lack: that placeholder "required" is dropped.

package oascheck

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

var (
	oasOnce   sync.Once
	oasRouter routers.Router
	oasErr    error
)

// unvalidatedRoutes are path suffix patterns absent from the document (quirk 7).
func unvalidatedRoute(path string) bool {
	return strings.HasSuffix(path, "/events") && strings.Count(path, "/") == 5 // /api/v3/envelopes/{id}/events
}

// ReferenceDir is shared/reference/clicksign-openapi beside the repository,
// where the OpenAPI document and the Postman collections live.
func ReferenceDir() (string, error) {
	p, err := oasPath()
	return filepath.Dir(p), err
}

func oasPath() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "reference", "clicksign-openapi", "clicksign-envelope-v3.openapi.json"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("go.mod not found above %s", dir)
		}
		dir = parent
	}
}

var referenceRoles = strings.Fields(`account_holder accountant administrator approve associate attorney bailee borrower broker
building_manager buyer co_responsible collateral_provider comforter condominium_member consented consenting
consenting_intervenor consignee contractee contractor creditor debtor director distracted distracting
employee employer endorsee endorser franchisee franchisor grantee grantor guarantor guarantor_spouse
insurance_broker insured intermediary intervening intervening_guarantor issuer joint_debtor lawyer
legal_guardian legal_representative lender lessee lessor licensed licensor manager owner partner party
pledged president ratify real_estate_broker receipt resident secretary secured seller service_provider
sign surety surveyor transferee transferor treasurer validator witness`)

func loadRouter() (routers.Router, error) {
	oasOnce.Do(func() {
		p, err := oasPath()
		if err != nil {
			oasErr = err
			return
		}
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromFile(p)
		if err != nil {
			oasErr = err
			return
		}
		relax(doc)
		// Quirk 0: several of the document's own examples and defaults do not match
		// its schemas (e.g. boolean defaults written as "false" or ""), so the
		// document-level check of examples and defaults is off. This does not
		// affect validation of traffic.
		oasRouter, oasErr = legacy.NewRouter(doc, openapi3.DisableExamplesValidation(), openapi3.DisableSchemaDefaultsValidation())
	})
	return oasRouter, oasErr
}

func relax(doc *openapi3.T) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(s *openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		s.Nullable = true                         // quirk 1
		if s.Type.Is("array") && s.Items == nil { // quirk 0: "array" without items is invalid OpenAPI
			s.Items = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
		}
		if rp, ok := s.Properties["remind_interval"]; ok && rp.Value != nil && rp.Value.Type.Is("string") { // quirk 3
			str := rp.Value
			s.Properties["remind_interval"] = &openapi3.SchemaRef{Value: &openapi3.Schema{AnyOf: openapi3.SchemaRefs{
				{Value: str},
				{Value: &openapi3.Schema{Type: &openapi3.Types{"integer"}, Enum: []any{1, 2, 3, 7, 14}, Nullable: true}},
			}}}
		}
		for _, name := range []string{"metadata", "data"} { // quirk 4
			if mp, ok := s.Properties[name]; ok && mp.Value != nil && mp.Value.Format == "json" {
				s.Properties[name] = &openapi3.SchemaRef{Value: &openapi3.Schema{Nullable: true}}
			}
		}
		if rp, ok := s.Properties["role"]; ok && rp.Value != nil && len(rp.Value.Enum) > 0 { // quirk 6
			rp.Value.Enum = nil
			for _, r := range referenceRoles {
				rp.Value.Enum = append(rp.Value.Enum, r)
			}
		}
		for _, p := range s.Properties {
			walk(p)
		}
		walk(s.Items)
		if s.AdditionalProperties.Schema != nil {
			walk(s.AdditionalProperties.Schema)
		}
		for _, l := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf, s.AllOf} {
			for _, x := range l {
				walk(x)
			}
		}
		walk(s.Not)
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for _, mt := range op.RequestBody.Value.Content {
					if mt.Schema != nil && mt.Schema.Value != nil && method == http.MethodPost &&
						path == "/envelopes/{envelope_id}/documents" && len(mt.Schema.Value.OneOf) > 0 { // quirk 5
						mt.Schema.Value.AnyOf, mt.Schema.Value.OneOf = mt.Schema.Value.OneOf, nil
					}
					walk(mt.Schema)
				}
			}
			for _, p := range op.Parameters {
				if p.Value != nil {
					walk(p.Value.Schema)
				}
			}
			if op.Responses == nil {
				continue
			}
			for code, resp := range op.Responses.Map() {
				if resp.Value == nil {
					continue
				}
				if code == "204" { // quirk 8: a 204 has no body, yet content is declared
					resp.Value.Content = nil
					continue
				}
				if mt := resp.Value.Content.Get("application/json"); mt != nil && placeholderSchema(mt.Schema) { // quirk 9
					mt.Schema.Value.Required = nil
				}
				if mt := resp.Value.Content.Get("application/json"); mt != nil { // quirk 2
					resp.Value.Content["application/vnd.api+json"] = mt
					walk(mt.Schema)
				}
			}
		}
	}
}

// placeholderSchema is the ReadMe export's stand-in body schema: one string
// property "name", required (quirk 9).
func placeholderSchema(ref *openapi3.SchemaRef) bool {
	if ref == nil || ref.Value == nil || len(ref.Value.Properties) != 1 || len(ref.Value.Required) != 1 {
		return false
	}
	_, ok := ref.Value.Properties["name"]
	return ok && ref.Value.Required[0] == "name"
}

// validationCopy rewrites the request to the document's sandbox server so the
// router matches, keeping the path below /api/v3.
func validationCopy(r *http.Request, body []byte) *http.Request {
	c := r.Clone(context.Background())
	u := *r.URL
	u.Scheme, u.Host = "https", "sandbox.clicksign.com"
	c.URL = &u
	c.Host = u.Host
	c.RequestURI = ""
	c.Body = io.NopCloser(bytes.NewReader(body))
	c.ContentLength = int64(len(body))
	return c
}

func authCheck(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	h := in.RequestValidationInput.Request.Header.Get("Authorization")
	if h == "" {
		return fmt.Errorf("missing Authorization header")
	}
	return nil
}

// Validate validates one request and/or its response against the
// document. It returns a description of every violation found.
func Validate(req *http.Request, reqBody []byte, resp *http.Response, respBody []byte, checkReq, checkResp bool) []string {
	router, err := loadRouter()
	if err != nil {
		return []string{"load OpenAPI: " + err.Error()}
	}
	if !strings.HasPrefix(req.URL.Path, "/api/v3/") || unvalidatedRoute(req.URL.Path) {
		return nil
	}
	vr := validationCopy(req, reqBody)
	route, params, err := router.FindRoute(vr)
	if err != nil {
		return []string{fmt.Sprintf("%s %s: no route in OpenAPI: %v", req.Method, req.URL.Path, err)}
	}
	in := &openapi3filter.RequestValidationInput{
		Request: vr, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: authCheck, SkipSettingDefaults: true, MultiError: true},
	}
	var problems []string
	if checkReq {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			problems = append(problems, fmt.Sprintf("request %s %s: %v\nbody: %.400s", req.Method, req.URL.Path, err, reqBody))
		}
	}
	if checkResp && resp != nil {
		out := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header,
			Body:    io.NopCloser(bytes.NewReader(respBody)),
			Options: &openapi3filter.Options{MultiError: true},
		}
		if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
			problems = append(problems, fmt.Sprintf("response %d to %s %s: %v\nbody: %.400s", resp.StatusCode, req.Method, req.URL.Path, err, respBody))
		}
	}
	return problems
}

// Transport checks every exchange it carries and reports each violation as
// a test error on T.
type Transport struct {
	// T receives one Errorf per violation.
	T testing.TB
	// Next carries the request; nil means http.DefaultTransport.
	Next http.RoundTripper
	// CheckRequest validates what is sent (the client's side).
	CheckRequest bool
	// CheckResponse validates what comes back (the simulator's side).
	CheckResponse bool

	mu      sync.Mutex
	checked int
}

// RoundTrip sends the request and validates the exchange.
func (v *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		req.Body.Close()
		body = b
		req.Body = io.NopCloser(bytes.NewReader(b))
	}
	next := v.Next
	if next == nil {
		next = http.DefaultTransport
	}
	resp, err := next.RoundTrip(req)
	if err != nil {
		if v.CheckRequest {
			for _, p := range Validate(req, body, nil, nil, true, false) {
				v.T.Errorf("OpenAPI: %s", p)
			}
		}
		return nil, err
	}
	respBody, rerr := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(respBody))
	if rerr != nil {
		return resp, nil
	}
	for _, p := range Validate(req, body, resp, respBody, v.CheckRequest, v.CheckResponse) {
		v.T.Errorf("OpenAPI: %s", p)
	}
	v.mu.Lock()
	v.checked++
	v.mu.Unlock()
	return resp, nil
}

// Count is how many exchanges were checked, so a test can prove it checked some.
func (v *Transport) Count() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.checked
}
