package simulator_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"

	"selo/backend/docusign/internal/oascheck"
	"selo/backend/docusign/simulator"
)

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

type fixture struct {
	t     *testing.T
	sim   *simulator.Simulator
	srv   *httptest.Server
	clock *clock
	http  *http.Client
	check *oascheck.Transport
}

// newFixture checks every response against DocuSign's OpenAPI document; the
// requests are deliberately not checked, since many here are wrong on purpose.
func newFixture(t *testing.T, opt simulator.Options) *fixture {
	f := &fixture{t: t, clock: &clock{now: time.Date(2026, 3, 2, 13, 0, 0, 0, time.UTC)}}
	opt.Now = f.clock.Now
	opt.Token = "tok"
	f.sim = simulator.New(opt)
	f.srv = httptest.NewServer(f.sim)
	t.Cleanup(f.srv.Close)
	f.check = &oascheck.Transport{T: t, CheckResponse: true}
	f.http = &http.Client{Transport: f.check}
	return f
}

type answer struct {
	status int
	body   map[string]any
	raw    []byte
}

func (f *fixture) do(method, path, body string) answer {
	f.t.Helper()
	req, _ := http.NewRequest(method, f.srv.URL+"/restapi/v2.1/accounts/"+f.sim.AccountID()+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer tok")
	req.Header.Set("Content-Type", "application/json")
	resp, err := f.http.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, raw: raw}
	_ = json.Unmarshal(raw, &a.body)
	return a
}

var pdf64 = base64.StdEncoding.EncodeToString(simulator.TextPDF([]string{"Contrato"}, []string{"Assinaturas"}))

// envelopeJSON is a create-and-send body; mutate edits the decoded map.
func envelopeJSON(mutate func(m map[string]any)) string {
	m := map[string]any{
		"status": "sent", "emailSubject": "Contratos", "transactionId": "tx-1",
		"documents": []any{map[string]any{"documentId": "1", "name": "c.pdf", "fileExtension": "pdf", "documentBase64": pdf64}},
		"recipients": map[string]any{
			"signers": []any{
				map[string]any{"recipientId": "1", "routingOrder": "1", "name": "Maria", "email": "maria@example.com",
					"tabs": map[string]any{"signHereTabs": []any{map[string]any{"documentId": "1", "pageNumber": "2", "xPosition": "72", "yPosition": "140"}}}},
				map[string]any{"recipientId": "2", "routingOrder": "2", "name": "João", "deliveryMethod": "sms",
					"phoneNumber": map[string]any{"countryCode": "55", "number": "11987654321"}},
			},
			"carbonCopies": []any{map[string]any{"recipientId": "3", "routingOrder": "1", "name": "Corretor", "email": "c@example.com"}},
		},
		"customFields": map[string]any{"textCustomFields": []any{map[string]any{"name": "selo_ref", "value": "ref-1"}}},
		"notification": map[string]any{"useAccountDefaults": "false",
			"expirations": map[string]any{"expireEnabled": "true", "expireAfter": "15", "expireWarn": "0"}},
	}
	if mutate != nil {
		mutate(m)
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func signers(m map[string]any) []any {
	return m["recipients"].(map[string]any)["signers"].([]any)
}

func TestCreateValidation(t *testing.T) {
	f := newFixture(t, simulator.Options{})
	cases := []struct {
		name   string
		body   string
		status int
		code   string
	}{
		{"not JSON", "{", 400, simulator.CodeInvalidBody},
		{"bad status", envelopeJSON(func(m map[string]any) { m["status"] = "completed" }), 400, simulator.CodeInvalidParameter},
		{"no subject", envelopeJSON(func(m map[string]any) { m["emailSubject"] = "" }), 400, simulator.CodeIncomplete},
		{"no documents", envelopeJSON(func(m map[string]any) { m["documents"] = []any{} }), 400, simulator.CodeIncomplete},
		{"no signers", envelopeJSON(func(m map[string]any) { m["recipients"] = map[string]any{} }), 400, simulator.CodeIncomplete},
		{"bad base64", envelopeJSON(func(m map[string]any) {
			m["documents"].([]any)[0].(map[string]any)["documentBase64"] = "***"
		}), 400, simulator.CodeBadDocument},
		{"not a PDF", envelopeJSON(func(m map[string]any) {
			m["documents"].([]any)[0].(map[string]any)["documentBase64"] = base64.StdEncoding.EncodeToString([]byte("hello"))
		}), 400, simulator.CodeBadDocument},
		{"duplicate recipientId", envelopeJSON(func(m map[string]any) {
			signers(m)[1].(map[string]any)["recipientId"] = "1"
		}), 400, simulator.CodeInvalidParameter},
		{"recipientId 0", envelopeJSON(func(m map[string]any) { signers(m)[0].(map[string]any)["recipientId"] = "0" }), 400, simulator.CodeInvalidParameter},
		{"no name", envelopeJSON(func(m map[string]any) { signers(m)[0].(map[string]any)["name"] = "" }), 400, simulator.CodeInvalidParameter},
		{"bad email", envelopeJSON(func(m map[string]any) { signers(m)[0].(map[string]any)["email"] = "maria" }), 400, simulator.CodeInvalidEmail},
		{"SMS without phone", envelopeJSON(func(m map[string]any) { delete(signers(m)[1].(map[string]any), "phoneNumber") }), 400, simulator.CodeInvalidParameter},
		{"tab beyond the pages", envelopeJSON(func(m map[string]any) {
			signers(m)[0].(map[string]any)["tabs"].(map[string]any)["signHereTabs"].([]any)[0].(map[string]any)["pageNumber"] = "3"
		}), 400, simulator.CodeInvalidParameter},
		{"expireAfter 0", envelopeJSON(func(m map[string]any) {
			m["notification"].(map[string]any)["expirations"].(map[string]any)["expireAfter"] = "0"
		}), 400, simulator.CodeInvalidParameter},
		{"embedded signer", envelopeJSON(func(m map[string]any) { signers(m)[0].(map[string]any)["clientUserId"] = "1" }), 400, simulator.CodeInvalidParameter},
		{"unknown workflow", envelopeJSON(func(m map[string]any) {
			signers(m)[0].(map[string]any)["identityVerification"] = map[string]any{"workflowId": "nope"}
		}), 400, simulator.CodeWorkflow},
		{"phone workflow without a number", envelopeJSON(func(m map[string]any) {
			signers(m)[0].(map[string]any)["identityVerification"] = map[string]any{"workflowId": simulator.PhoneAuthWorkflowID}
		}), 400, simulator.CodeInvalidParameter},
		{"phone workflow with a bad number", envelopeJSON(func(m map[string]any) {
			signers(m)[0].(map[string]any)["identityVerification"] = map[string]any{"workflowId": simulator.PhoneAuthWorkflowID,
				"inputOptions": []any{map[string]any{"name": "phone_number_list", "valueType": "PhoneNumberList",
					"phoneNumberList": []any{map[string]any{"countryCode": "55", "number": "(11) 98765"}}}}}
		}), 400, simulator.CodeInvalidParameter},
		{"legacy SMS auth without numbers", envelopeJSON(func(m map[string]any) {
			signers(m)[0].(map[string]any)["idCheckConfigurationName"] = "SMS Auth $"
		}), 400, simulator.CodeInvalidParameter},
		{"legacy SMS auth without requireIdLookup", envelopeJSON(func(m map[string]any) {
			signers(m)[0].(map[string]any)["idCheckConfigurationName"] = "SMS Auth $"
			signers(m)[0].(map[string]any)["smsAuthentication"] = map[string]any{"senderProvidedNumbers": []any{"+5511987654321"}}
		}), 400, simulator.CodeInvalidParameter},
		{"certified delivery with a tab", envelopeJSON(func(m map[string]any) {
			r := m["recipients"].(map[string]any)
			r["certifiedDeliveries"] = []any{map[string]any{"recipientId": "4", "routingOrder": "3", "name": "Gestora", "email": "g@example.com",
				"tabs": map[string]any{"signHereTabs": []any{map[string]any{"documentId": "1", "pageNumber": "2", "xPosition": "72", "yPosition": "240"}}}}}
		}), 400, simulator.CodeInvalidParameter},
		{"ICP-Brasil provider with ID Verification", envelopeJSON(func(m map[string]any) {
			g := signers(m)[0].(map[string]any)
			g["recipientSignatureProviders"] = []any{map[string]any{"signatureProviderName": simulator.ICPBrasilProviders[0],
				"signatureProviderOptions": map[string]any{"cpfNumber": "52998224725"}}}
			g["identityVerification"] = map[string]any{"workflowId": simulator.PhoneAuthWorkflowID,
				"inputOptions": []any{map[string]any{"name": "phone_number_list", "valueType": "PhoneNumberList",
					"phoneNumberList": []any{map[string]any{"countryCode": "55", "number": "11987654321"}}}}}
		}), 400, simulator.CodeInvalidParameter},
		{"ICP-Brasil provider with signInEachLocation", envelopeJSON(func(m map[string]any) {
			g := signers(m)[0].(map[string]any)
			g["recipientSignatureProviders"] = []any{map[string]any{"signatureProviderName": simulator.ICPBrasilProviders[0],
				"signatureProviderOptions": map[string]any{"cpfNumber": "52998224725"}}}
			g["signInEachLocation"] = "true"
		}), 400, simulator.CodeInvalidParameter},
		{"certified delivery sharing a recipientId", envelopeJSON(func(m map[string]any) {
			r := m["recipients"].(map[string]any)
			r["certifiedDeliveries"] = []any{map[string]any{"recipientId": "1", "routingOrder": "3", "name": "Gestora", "email": "g@example.com"}}
		}), 400, simulator.CodeInvalidParameter},
	}
	for _, c := range cases {
		a := f.do("POST", "/envelopes", c.body)
		if a.status != c.status || a.body["errorCode"] != c.code || a.body["message"] == "" {
			t.Errorf("%s: %d %s", c.name, a.status, a.raw)
		}
	}
	if n := f.sim.EnvelopeCount(); n != 0 {
		t.Fatalf("%d envelopes created by refused requests", n)
	}
	// Native numbers and booleans are accepted, as well as the strings of the schema.
	a := f.do("POST", "/envelopes", envelopeJSON(func(m map[string]any) {
		signers(m)[0].(map[string]any)["routingOrder"] = 1
		m["notification"].(map[string]any)["expirations"].(map[string]any)["expireEnabled"] = true
	}))
	if a.status != 201 || a.body["status"] != "sent" || a.body["envelopeId"] == "" {
		t.Fatalf("valid create: %d %s", a.status, a.raw)
	}
	if f.check.Count() == 0 {
		t.Fatal("no response was checked")
	}
}

func TestRoutingDeclineAndControlAPI(t *testing.T) {
	f := newFixture(t, simulator.Options{})
	id := f.do("POST", "/envelopes", envelopeJSON(nil)).body["envelopeId"].(string)
	st, rs, _ := f.sim.EnvelopeStatus(id)
	if st != "sent" || rs["1"] != "sent" || rs["2"] != "created" || rs["3"] != "completed" {
		t.Fatalf("after send: %s %v", st, rs)
	}
	control := func(path string, form url.Values) int {
		resp, err := http.PostForm(f.srv.URL+"/_simulator/envelopes/"+id+path, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if c := control("/recipients/2/sign", nil); c != http.StatusConflict {
		t.Fatalf("signing out of turn: %d", c)
	}
	if c := control("/recipients/1/open", nil); c != 200 {
		t.Fatalf("open: %d", c)
	}
	if st, _, _ := f.sim.EnvelopeStatus(id); st != "delivered" {
		t.Fatalf("after the only current signer opened: %s", st)
	}
	if c := control("/recipients/1/sign", nil); c != 200 {
		t.Fatalf("sign: %d", c)
	}
	_, rs, _ = f.sim.EnvelopeStatus(id)
	if rs["1"] != "completed" || rs["2"] != "sent" {
		t.Fatalf("after the first order: %v", rs)
	}
	if c := control("/recipients/2/decline", url.Values{"reason": {"Valor errado"}}); c != 200 {
		t.Fatalf("decline: %d", c)
	}
	a := f.do("GET", "/envelopes/"+id+"?include=recipients", "")
	rec := a.body["recipients"].(map[string]any)["signers"].([]any)[1].(map[string]any)
	if a.body["status"] != "declined" || rec["status"] != "declined" || rec["declinedReason"] != "Valor errado" {
		t.Fatalf("after decline: %s", a.raw)
	}
	v := f.do("PUT", "/envelopes/"+id, `{"status":"voided","voidedReason":"x"}`)
	if v.status != 400 || v.body["errorCode"] != simulator.CodeCannotVoid {
		t.Fatalf("void after decline: %d %s", v.status, v.raw)
	}
}

func TestVoidExpiryAndLists(t *testing.T) {
	f := newFixture(t, simulator.Options{})
	id := f.do("POST", "/envelopes", envelopeJSON(nil)).body["envelopeId"].(string)
	if a := f.do("PUT", "/envelopes/"+id, `{"status":"voided"}`); a.status != 400 || !strings.Contains(string(a.raw), "voidedReason") {
		t.Fatalf("void without reason: %d %s", a.status, a.raw)
	}
	if st, _, _ := f.sim.EnvelopeStatus(id); st != "sent" {
		t.Fatalf("a refused void changed the envelope: %s", st)
	}
	other := f.do("POST", "/envelopes", envelopeJSON(func(m map[string]any) { m["transactionId"] = "tx-2" })).body["envelopeId"].(string)
	if err := f.sim.Expire(other); err != nil {
		t.Fatal(err)
	}
	a := f.do("GET", "/envelopes?transaction_ids=tx-2&include=custom_fields", "")
	envs := a.body["envelopes"].([]any)
	if len(envs) != 1 || envs[0].(map[string]any)["status"] != "voided" || envs[0].(map[string]any)["voidedReason"] != simulator.ExpiredReason {
		t.Fatalf("expired envelope by transaction id: %s", a.raw)
	}
	if a := f.do("GET", "/envelopes", ""); a.status != 400 || a.body["errorCode"] != simulator.CodeInvalidParameter {
		t.Fatalf("listStatusChanges without a filter: %d %s", a.status, a.raw)
	}
	if a := f.do("GET", "/envelopes?from_date=yesterday", ""); a.status != 400 {
		t.Fatalf("bad from_date: %d", a.status)
	}
	a = f.do("GET", "/envelopes?from_date=2026-03-01T00:00:00Z&custom_field=selo_ref%3Dref-1&count=1&start_position=1", "")
	if a.body["totalSetSize"] != "2" || a.body["resultSetSize"] != "1" || a.body["startPosition"] != "1" {
		t.Fatalf("paging: %s", a.raw)
	}
	// Natural expiry by the clock.
	third := f.do("POST", "/envelopes", envelopeJSON(nil)).body["envelopeId"].(string)
	f.clock.add(15*24*time.Hour + time.Second)
	if st, _, _ := f.sim.EnvelopeStatus(third); st != "sent" {
		t.Fatalf("expired without a request: %s", st)
	}
	f.do("GET", "/envelopes/"+third+"/recipients", "")
	if st, _, _ := f.sim.EnvelopeStatus(third); st != "voided" {
		t.Fatalf("after the deadline: %s", st)
	}
	if a := f.do("GET", "/envelopes/"+third+"/documents/7", ""); a.status != 400 || a.body["errorCode"] != simulator.CodeNoDocument {
		t.Fatalf("unknown document: %d %s", a.status, a.raw)
	}
	if a := f.do("GET", "/envelopes/nope", ""); a.status != 400 || a.body["errorCode"] != simulator.CodeNoEnvelope {
		t.Fatalf("unknown envelope: %d %s", a.status, a.raw)
	}
}

func TestLimitsAuthAndPolling(t *testing.T) {
	f := newFixture(t, simulator.Options{BurstLimit: 3, HourlyLimit: 5})
	id := f.do("POST", "/envelopes", envelopeJSON(nil)).body["envelopeId"].(string)
	a := f.do("GET", "/envelopes/"+id, "")
	if a.status != 200 {
		t.Fatal(a.status)
	}
	a = f.do("GET", "/envelopes/"+id, "") // second status read at once: flagged, not refused
	if a.status != 200 || len(f.sim.Violations()) != 1 {
		t.Fatalf("violation not recorded: %d %v", a.status, f.sim.Violations())
	}
	a = f.do("GET", "/envelopes/"+id+"/documents/certificate", "")
	if a.status != 429 || a.body["errorCode"] != simulator.CodeBurst {
		t.Fatalf("fourth request in 30 s: %d %s", a.status, a.raw)
	}
	f.clock.add(31 * time.Second)
	f.do("GET", "/envelopes/"+id+"/documents/certificate", "")
	f.do("GET", "/envelopes/"+id+"/documents/certificate", "")
	a = f.do("GET", "/envelopes/"+id+"/documents/certificate", "")
	if a.status != 400 || a.body["errorCode"] != simulator.CodeHourly {
		t.Fatalf("sixth request in the hour: %d %s", a.status, a.raw)
	}
	if f.sim.LimitRefusals() != 2 {
		t.Fatalf("refusals: %d", f.sim.LimitRefusals())
	}

	req, _ := http.NewRequest("GET", f.srv.URL+"/restapi/v2.1/accounts/"+f.sim.AccountID()+"/envelopes/"+id, nil)
	req.Header.Set("Authorization", "Bearer wrong")
	resp, err := f.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("wrong token: %d", resp.StatusCode)
	}

	strict := newFixture(t, simulator.Options{StrictPolling: true})
	id = strict.do("POST", "/envelopes", envelopeJSON(nil)).body["envelopeId"].(string)
	strict.do("GET", "/envelopes/"+id+"/recipients", "")
	if a := strict.do("GET", "/envelopes/"+id, ""); a.status != 400 || a.body["errorCode"] != simulator.CodePolling {
		t.Fatalf("strict polling: %d %s", a.status, a.raw)
	}
	strict.clock.add(simulator.PollInterval)
	if a := strict.do("GET", "/envelopes/"+id, ""); a.status != 200 {
		t.Fatalf("after 15 min: %d", a.status)
	}
}

func TestDownloadsAreRealPDFs(t *testing.T) {
	f := newFixture(t, simulator.Options{})
	id := f.do("POST", "/envelopes", envelopeJSON(nil)).body["envelopeId"].(string)
	if err := f.sim.Sign(id, "1"); err != nil {
		t.Fatal(err)
	}
	count := func(b []byte) int {
		t.Helper()
		if err := api.Validate(bytes.NewReader(b), nil); err != nil {
			t.Fatalf("invalid PDF: %v", err)
		}
		n, err := api.PageCount(bytes.NewReader(b), nil)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(f.do("GET", "/envelopes/"+id+"/documents/combined?certificate=false", "").raw); n != 2 {
		t.Fatalf("combined without certificate: %d pages", n)
	}
	cert := f.do("GET", "/envelopes/"+id+"/documents/certificate", "").raw
	if n := count(cert); n != 1 || !bytes.Contains(cert, []byte("Maria")) || !bytes.Contains(cert, []byte("assinou em")) {
		t.Fatalf("certificate: %d pages", n)
	}
	if n := count(f.do("GET", "/envelopes/"+id+"/documents/combined?certificate=true", "").raw); n != 3 {
		t.Fatalf("combined with certificate: %d pages", n)
	}
}

func TestResendRules(t *testing.T) {
	f := newFixture(t, simulator.Options{})
	id := f.do("POST", "/envelopes", envelopeJSON(nil)).body["envelopeId"].(string)
	a := f.do("PUT", "/envelopes/"+id+"/recipients?resend_envelope=true", `{"signers":[{"recipientId":"1"},{"recipientId":"2"},{"recipientId":"9"}]}`)
	res := a.body["recipientUpdateResults"].([]any)
	codes := []string{}
	for _, r := range res {
		codes = append(codes, r.(map[string]any)["errorDetails"].(map[string]any)["errorCode"].(string))
	}
	if strings.Join(codes, ",") != "SUCCESS,"+simulator.CodeNotInSequence+","+simulator.CodeNoRecipient || f.sim.Resends(id, "1") != 1 {
		t.Fatalf("resend results: %s", a.raw)
	}
	_ = f.sim.Sign(id, "1")
	_ = f.sim.Sign(id, "2")
	if a := f.do("PUT", "/envelopes/"+id+"/recipients?resend_envelope=true", `{"signers":[{"recipientId":"1"}]}`); a.status != 400 || a.body["errorCode"] != simulator.CodeInvalidState {
		t.Fatalf("resend on a completed envelope: %d %s", a.status, a.raw)
	}
}
