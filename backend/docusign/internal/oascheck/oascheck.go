// Package oascheck validates DocuSign eSignature traffic against DocuSign's own
// OpenAPI (Swagger 2.0) document, converted to OpenAPI 3 with kin-openapi. The
// client's tests check every request they send and the simulator's tests every
// response it returns, through the same rules.
//
// The document is a 2021 snapshot and DocuSign's real answers go beyond it. Each
// exemption below is narrow and says why; nothing else is relaxed:
//
//  1. Statuses: every operation documents only 200/201 and 400. DocuSign answers
//     401 for a refused token, (UNCONFIRMED, reference §5.6) 429 for a burst
//     limit, and 5xx when it fails; those statuses are accepted with an
//     errorDetails-shaped body ({"errorCode","message"}), checked here by hand.
//     Any other undocumented status (e.g. 404) fails.
//  2. Document downloads are declared "type: file" with produces
//     application/pdf: the body is checked to be a PDF by its header.
//  3. Unknown properties are refused (additionalProperties: false on every
//     object schema), so a misspelt field fails the check instead of passing
//     silently. The fields the reference documents after the 2021 snapshot are
//     added, and only those (laterFields): signer/carbonCopy/certifiedDelivery.phoneNumber for
//     SMS / WhatsApp-only delivery (reference §3.3; the document has
//     deliveryMethod, "Reserved for DocuSign", but no phoneNumber),
//     recipientIdentityPhoneNumber.countryCode (phone authentication, §3.4), and
//     eventNotification.events / deliveryMode (JSON SIM, §7.1). The values
//     "SMS" / "WhatsApp" of deliveryMethod and secondaryDeliveryMethod are plain
//     strings in the schema, so the check cannot confirm them.
//  4. Examples and defaults in the document are not validated (only traffic).
//  5. The document references two definitions it does not contain
//     (offlineAttributes, used by notaryRecipient and witness; signHashDocument,
//     used by completeSignHashResponse). Neither is on a path Selo uses; each is
//     added as an unconstrained object so the document loads.
//  6. Operations that produce application/pdf (the downloads) declare their 400
//     errorDetails answer under application/pdf too; DocuSign's error bodies are
//     JSON, so that error schema is also registered for application/json.
package oascheck

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

var (
	once   sync.Once
	router routers.Router
	docErr error
)

// docHost and docBase are the document's server, onto which traffic is rewritten.
const (
	docHost = "www.docusign.net"
	docBase = "/restapi"
)

// DocumentPath is the OpenAPI file beside the repository
// (shared/reference/docusign-openapi).
func DocumentPath() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "reference", "docusign-openapi", "esignature.rest.swagger-v2.1.json"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("go.mod not found above %s", dir)
		}
		dir = parent
	}
}

// danglingDefinitions are referenced but missing from the document (exemption 5).
var danglingDefinitions = []string{"offlineAttributes", "signHashDocument"}

func load() (routers.Router, error) {
	once.Do(func() {
		p, err := DocumentPath()
		if err != nil {
			docErr = err
			return
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			docErr = err
			return
		}
		var doc2 openapi2.T
		if err := json.Unmarshal(raw, &doc2); err != nil {
			docErr = fmt.Errorf("parse Swagger 2.0: %w", err)
			return
		}
		for _, name := range danglingDefinitions { // exemption 5
			if _, ok := doc2.Definitions[name]; !ok {
				doc2.Definitions[name] = &openapi2.SchemaRef{Value: &openapi2.Schema{Type: &openapi3.Types{"object"}}}
			}
		}
		doc3, err := openapi2conv.ToV3(&doc2)
		if err != nil {
			docErr = fmt.Errorf("convert to OpenAPI 3: %w", err)
			return
		}
		jsonErrors(doc3)
		if err := closeSchemas(doc3); err != nil {
			docErr = err
			return
		}
		router, docErr = legacy.NewRouter(doc3, openapi3.DisableExamplesValidation(), openapi3.DisableSchemaDefaultsValidation())
	})
	return router, docErr
}

// laterFields are the properties the reference documents after the 2021
// snapshot (exemption 3): schema name -> property -> its schema.
func laterFields(doc *openapi3.T) map[string]map[string]*openapi3.SchemaRef {
	phone := doc.Components.Schemas["recipientPhoneNumber"]
	str := &openapi3.SchemaRef{Value: openapi3.NewStringSchema()}
	return map[string]map[string]*openapi3.SchemaRef{
		"signer":            {"phoneNumber": phone},
		"carbonCopy":        {"phoneNumber": phone},
		"certifiedDelivery": {"phoneNumber": phone},
		// The phone authentication workflow's number carries its country
		// code (reference §3.4, DocuSign's phone-auth examples).
		"recipientIdentityPhoneNumber": {"countryCode": str},
		"eventNotification":            {"events": {Value: openapi3.NewArraySchema().WithItems(openapi3.NewStringSchema())}, "deliveryMode": str},
	}
}

// closeSchemas applies exemption 3: every object schema with properties
// refuses unknown ones, after laterFields are added.
func closeSchemas(doc *openapi3.T) error {
	for name, props := range laterFields(doc) {
		ref := doc.Components.Schemas[name]
		if ref == nil || ref.Value == nil {
			return fmt.Errorf("schema %s missing from the document", name)
		}
		for p, sch := range props {
			if sch == nil {
				return fmt.Errorf("schema for %s.%s missing", name, p)
			}
			ref.Value.Properties[p] = sch
		}
	}
	no := false
	for _, ref := range doc.Components.Schemas {
		if s := ref.Value; s != nil && len(s.Properties) > 0 && s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil {
			s.AdditionalProperties.Has = &no
		}
	}
	return nil
}

// jsonErrors applies exemption 6.
func jsonErrors(doc *openapi3.T) {
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.Responses == nil {
				continue
			}
			for code, resp := range op.Responses.Map() {
				if code == "200" || code == "201" || resp.Value == nil {
					continue
				}
				if mt := resp.Value.Content.Get("application/pdf"); mt != nil && resp.Value.Content.Get("application/json") == nil {
					resp.Value.Content["application/json"] = mt
				}
			}
		}
	}
}

func init() {
	// Exemption 2: a PDF body is not decoded against the "file" schema.
	openapi3filter.RegisterBodyDecoder("application/pdf", openapi3filter.FileBodyDecoder)
}

func validationCopy(r *http.Request, body []byte) *http.Request {
	c := r.Clone(context.Background())
	u := *r.URL
	u.Scheme, u.Host = "https", docHost
	c.URL = &u
	c.Host = docHost
	c.RequestURI = ""
	c.Body = io.NopCloser(bytes.NewReader(body))
	c.ContentLength = int64(len(body))
	return c
}

// Validate checks one request and/or its response and returns every violation.
func Validate(req *http.Request, reqBody []byte, resp *http.Response, respBody []byte, checkReq, checkResp bool) []string {
	rt, err := load()
	if err != nil {
		return []string{"load OpenAPI: " + err.Error()}
	}
	if !strings.HasPrefix(req.URL.Path, docBase+"/v2.1/") {
		return nil // the simulator's control API is not DocuSign's
	}
	vr := validationCopy(req, reqBody)
	route, params, err := rt.FindRoute(vr)
	if err != nil {
		return []string{fmt.Sprintf("%s %s: no route in OpenAPI: %v", req.Method, req.URL.Path, err)}
	}
	in := &openapi3filter.RequestValidationInput{Request: vr, PathParams: params, Route: route,
		Options: &openapi3filter.Options{SkipSettingDefaults: true, MultiError: true}}
	var problems []string
	if checkReq {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			problems = append(problems, fmt.Sprintf("request %s %s: %v\nbody: %.400s", req.Method, req.URL.Path, err, reqBody))
		}
	}
	if !checkResp || resp == nil {
		return problems
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500: // exemption 1
		var e struct {
			ErrorCode *string `json:"errorCode"`
			Message   *string `json:"message"`
		}
		if json.Unmarshal(respBody, &e) != nil || e.ErrorCode == nil || e.Message == nil {
			problems = append(problems, fmt.Sprintf("response %d to %s %s: not an errorDetails body: %.200s", resp.StatusCode, req.Method, req.URL.Path, respBody))
		}
		return problems
	case resp.StatusCode == http.StatusOK && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/pdf"): // exemption 2
		if !bytes.HasPrefix(respBody, []byte("%PDF-")) {
			problems = append(problems, fmt.Sprintf("response to %s %s: declared PDF is not one", req.Method, req.URL.Path))
		}
		return problems
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header,
		Body: io.NopCloser(bytes.NewReader(respBody)), Options: &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true}}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		problems = append(problems, fmt.Sprintf("response %d to %s %s: %v\nbody: %.400s", resp.StatusCode, req.Method, req.URL.Path, err, respBody))
	}
	return problems
}

// Transport checks every exchange it carries and reports each violation as a
// test error on T.
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
