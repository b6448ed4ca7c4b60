package docusign_test

import (
	"errors"
	"reflect"
	"testing"

	"selo/backend/docusign"
	"selo/backend/docusign/simulator"
)

const identityPath = "GET /restapi/v2.1/accounts/{account}/identity_verification"

// checkedRequest has one signer of each kind Selo's rules can ask:
// 1 phone authentication (SMS code), 2 ID Verification with an SMS code too,
// 3 a drawn signature, 4 a certified delivery (approval) in a later order.
func checkedRequest(e *env, ref string) docusign.SendRequest {
	r := e.request(ref)
	mobile := &docusign.Phone{CountryCode: "55", Number: "11987654321"}
	r.Signers = []docusign.Signer{
		{Name: "Maria da Silva", Email: "maria@example.com", RoutingOrder: 1, Role: "titular", PhoneAuth: mobile},
		{Name: "João da Silva", Email: "joao@example.com", RoutingOrder: 1, Role: "conjuge",
			IDVerification: true, PhoneAuth: &docusign.Phone{CountryCode: "55", Number: "21912345678"}},
		{Name: "Imobiliária X Ltda", Email: "adm@imobx.com.br", RoutingOrder: 2, Role: "imobiliaria", DrawSignature: true},
		{Name: "Gestora Y", Email: "gestora@example.com", RoutingOrder: 3, Role: "gestor", CertifiedDelivery: true},
	}
	for i := range r.Signers[:3] {
		p := docusign.SignatureSlot(3, i)
		r.Signers[i].Placement = &p
	}
	r.Copies[0].RoutingOrder = 4
	return r
}

// Every check a rule can ask reaches DocuSign in the right recipient fields
// (request and answers validated against the OpenAPI), the simulator plays
// them: the approval's certified delivery blocks completion until it is
// done, and the checks show in the recipients' status.
func TestSendCarriesPhoneAuthIDVerificationDrawnSignatureAndCertifiedDelivery(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	env, err := e.client.Send(ctx, checkedRequest(e, "selo-checks-1"))
	if err != nil {
		t.Fatal(err)
	}
	setup := func(id string) simulator.RecipientSetup {
		s, ok := e.sim.RecipientSetup(env.ID, id)
		if !ok {
			t.Fatalf("recipient %s missing", id)
		}
		return s
	}
	if s := setup("1"); s.Type != simulator.TypeSigner || s.WorkflowID != simulator.PhoneAuthWorkflowID ||
		!reflect.DeepEqual(s.AuthPhones, []string{"+5511987654321"}) || s.SMSAuthNumbers != nil || s.SignInEachLocation {
		t.Errorf("phone authentication not sent as the phone workflow with the number: %+v", s)
	}
	if s := setup("2"); s.WorkflowID != simulator.IDVerificationWorkflowID || s.AuthPhones != nil ||
		!reflect.DeepEqual(s.SMSAuthNumbers, []string{"+5521912345678"}) {
		t.Errorf("ID Verification plus SMS code not sent as IDV workflow + legacy SMS auth: %+v", s)
	}
	if s := setup("3"); !s.SignInEachLocation || s.WorkflowID != "" || s.Tabs != 1 {
		t.Errorf("drawn signature not asked at the signer's tab: %+v", s)
	}
	if s := setup("4"); s.Type != simulator.TypeCertifiedDelivery || s.RoutingOrder != 3 || s.Tabs != 0 {
		t.Errorf("approval not sent as a certified delivery in order 3: %+v", s)
	}
	if s := setup("5"); s.Type != simulator.TypeCarbonCopy || s.RoutingOrder != 4 {
		t.Errorf("the copy lost its place after the certified delivery: %+v", s)
	}
	if n := e.sim.Requests()[identityPath]; n != 1 {
		t.Errorf("identity workflows read %d times, want 1", n)
	}

	for _, id := range []string{"1", "2", "3"} {
		if err := e.sim.Sign(env.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	e.clock.Advance(docusign.PollInterval)
	got, err := e.client.GetEnvelope(ctx, env.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status == docusign.StatusCompleted {
		t.Fatal("the envelope completed before the certified delivery (approval) was done")
	}
	byID := map[string]docusign.Recipient{}
	for _, r := range got.Recipients {
		byID[r.ID] = r
	}
	if ids := []string{got.Recipients[0].ID, got.Recipients[3].ID, got.Recipients[4].ID}; !reflect.DeepEqual(ids, []string{"1", "4", "5"}) {
		t.Errorf("recipients not in recipientId order: %v", ids)
	}
	if r := byID["1"]; r.PhoneAuth != "passed" || r.IDVerification != "" {
		t.Errorf("signer 1's phone authentication not shown: %+v", r)
	}
	if r := byID["2"]; r.PhoneAuth != "passed" || r.IDVerification != "passed" {
		t.Errorf("signer 2's checks not shown: %+v", r)
	}
	if r := byID["4"]; !r.CertifiedDelivery || r.Status != docusign.StatusSent || r.Copy {
		t.Errorf("certified delivery as read: %+v", r)
	}

	if err := e.sim.Sign(env.ID, "4"); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(docusign.PollInterval)
	got, err = e.client.GetEnvelope(ctx, env.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != docusign.StatusCompleted || got.Recipients[3].Status != "completed" || !got.Recipients[3].Signed.IsZero() {
		t.Fatalf("after the certified delivery: %s %+v", got.Status, got.Recipients[3])
	}

	// The training desk's view says who approves and which checks were passed.
	var view *simulator.EnvelopeView
	for _, v := range e.sim.Overview() {
		if v.ID == env.ID {
			view = &v
		}
	}
	if view == nil {
		t.Fatal("envelope not in the overview")
	}
	desk := map[string]simulator.RecipientView{}
	for _, r := range view.Recipients {
		desk[r.ID] = r
	}
	if r := desk["1"]; !r.AuthPassed || !reflect.DeepEqual(r.Checks, []string{"código por SMS para +5511987654321"}) || r.CertifiedDelivery {
		t.Errorf("desk view of signer 1: %+v", r)
	}
	if r := desk["2"]; len(r.Checks) != 2 || !r.AuthPassed {
		t.Errorf("desk view of signer 2: %+v", r)
	}
	if r := desk["3"]; !r.DrawSignature || len(r.Checks) != 0 || r.AuthPassed {
		t.Errorf("desk view of signer 3: %+v", r)
	}
	if r := desk["4"]; !r.CertifiedDelivery || r.Status != "completed" || !r.SignedAt.IsZero() {
		t.Errorf("desk view of the certified delivery: %+v", r)
	}

	// A second send with checks reuses the workflows read for the first.
	if _, err := e.client.Send(ctx, checkedRequest(e, "selo-checks-2")); err != nil {
		t.Fatal(err)
	}
	if n := e.sim.Requests()[identityPath]; n != 1 {
		t.Errorf("identity workflows read %d times for two sends, want 1 (cached)", n)
	}
}

// A send without checks never reads the workflows: one request per send.
func TestSendWithoutChecksReadsNoWorkflows(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	if _, err := e.client.Send(ctx, e.request("selo-plain")); err != nil {
		t.Fatal(err)
	}
	if n := e.sim.TotalRequests(); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}

// An account without the add-ons refuses before the create: no envelope
// weaker than the rule, and the error names the person and the check.
func TestSendRefusesCheckTheAccountLacks(t *testing.T) {
	e := newEnv(t, simulator.Options{NoIdentityWorkflows: true}, docusign.Options{})
	_, err := e.client.Send(ctx, checkedRequest(e, "selo-checks-none"))
	var fe *docusign.FeatureError
	if !errors.As(err, &fe) || !errors.Is(err, docusign.ErrFeatureUnavailable) ||
		fe.Feature != docusign.FeaturePhoneAuth || fe.Name != "Maria da Silva" || fe.Signer != 0 {
		t.Fatalf("err = %v (%+v)", err, fe)
	}
	if n := e.sim.EnvelopeCount(); n != 0 {
		t.Fatalf("%d envelopes created without the check", n)
	}
}

// Bad values are refused before any request.
func TestSendRefusesMalformedChecks(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	for name, mutate := range map[string]func(r *docusign.SendRequest){
		"phone auth with a + in the number": func(r *docusign.SendRequest) {
			r.Signers[0].PhoneAuth = &docusign.Phone{CountryCode: "55", Number: "+11987654321"}
		},
		"certified delivery with a tab": func(r *docusign.SendRequest) {
			p := docusign.SignatureSlot(3, 0)
			r.Signers[3].Placement = &p
		},
		"copy with ID Verification": func(r *docusign.SendRequest) { r.Copies[0].IDVerification = true },
	} {
		r := checkedRequest(e, "selo-bad")
		mutate(&r)
		if _, err := e.client.Send(ctx, r); !errors.Is(err, docusign.ErrValidation) {
			t.Errorf("%s: err = %v, want a validation error", name, err)
		}
	}
	if n := e.sim.TotalRequests(); n != 0 {
		t.Fatalf("%d requests sent for refused input", n)
	}
}
