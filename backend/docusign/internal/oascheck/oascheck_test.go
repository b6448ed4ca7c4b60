package oascheck

import (
	"net/http"
	"strings"
	"testing"
)

// The checker must catch what DocuSign's schema forbids, or a green
// conformance test proves nothing.
func TestValidateCatchesViolations(t *testing.T) {
	const path = "/restapi/v2.1/accounts/acc/envelopes"
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:1"+path, nil)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer x")
	ok := `{"status":"sent","emailSubject":"s","recipients":{"signers":[{"recipientId":"1","name":"A","email":"a@b.co"}]}}`
	if p := Validate(req, []byte(ok), nil, nil, true, false); len(p) != 0 {
		t.Fatalf("a valid body was refused: %v", p)
	}
	later := `{"status":"sent","emailSubject":"s","recipients":{"signers":[{"recipientId":"1","name":"A","deliveryMethod":"SMS",` +
		`"phoneNumber":{"countryCode":"55","number":"11987654321"}}]},"eventNotification":{"url":"https://x","deliveryMode":"SIM","events":["envelope-sent"]}}`
	if p := Validate(req, []byte(later), nil, nil, true, false); len(p) != 0 {
		t.Fatalf("the fields documented after 2021 were refused: %v", p)
	}
	for _, typo := range []string{
		`{"status":"sent","emailSubjet":"s"}`,
		`{"status":"sent","recipients":{"signers":[{"recipientId":"1","name":"A","phone":"1"}]}}`,
		`{"status":"sent","recipients":{"carbonCopies":[{"recipientId":"1","name":"A","tabs":{"signHereTab":[]}}]}}`,
	} {
		if p := Validate(req, []byte(typo), nil, nil, true, false); len(p) == 0 {
			t.Errorf("an unknown field passed: %s", typo)
		}
	}
	bad := `{"status":"sent","emailSubject":"s","recipients":{"signers":"nope"}}`
	if p := Validate(req, []byte(bad), nil, nil, true, false); len(p) == 0 {
		t.Fatal("signers as a string passed")
	}
	resp := &http.Response{StatusCode: http.StatusCreated, Header: http.Header{"Content-Type": {"application/json"}}}
	if p := Validate(req, []byte(ok), resp, []byte(`{"envelopeId":12}`), false, true); len(p) == 0 {
		t.Fatal("a numeric envelopeId passed")
	}
	resp.StatusCode = http.StatusNotFound
	if p := Validate(req, []byte(ok), resp, []byte(`{"errorCode":"X","message":"y"}`), false, true); len(p) == 0 {
		t.Fatal("an undocumented 404 passed")
	}
	resp.StatusCode = http.StatusUnauthorized
	if p := Validate(req, []byte(ok), resp, []byte(`{"error":"x"}`), false, true); len(p) == 0 || !strings.Contains(p[0], "errorDetails") {
		t.Fatalf("a 401 without errorDetails passed: %v", p)
	}
}
