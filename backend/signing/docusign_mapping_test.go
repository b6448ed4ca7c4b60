package signing

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/docusign"
	"selo/backend/docusign/simulator"
	"selo/backend/pdfs"
)

func dsPhoneOf(n string) *docusign.Phone { return &docusign.Phone{CountryCode: "55", Number: n} }

// Each case names the reference's mapping row (docusign-api.md §4) it checks.
func TestMapDocuSignSignerTable(t *testing.T) {
	mobile := dsPhoneOf("11988887777")
	type want struct {
		kind        DocuSignKind
		order       int
		role        string
		email       string
		delivery    string
		phone       *docusign.Phone
		auth        DocuSignAuth
		draw        bool
		label       string
		compromises []string
	}
	base := want{DocuSignKindSigner, 1, "holder", "maria@exemplo.com.br", docusign.DeliveryEmail, nil, DocuSignAuth{}, false,
		"Titular", []string{CompromiseDSRole, CompromiseDSAuthEmail}}
	with := func(mod func(*want)) want { w := base; mod(&w); return w }
	noEmail := func(r *crm.SignerRule) { r.Email = "" }
	tests := []struct {
		name string
		in   crm.ResolvedSigner
		want want
	}{
		{"Ordem de envio → routingOrder 1", resolved(crm.SignerHolder, nil), base},
		{"Ordem de envio → routingOrder 3", resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.SendOrder = 3 }),
			with(func(w *want) { w.order = 3 })},
		{"Tipo de assinante → roleName (witness is a plain signer)", resolved(crm.SignerWitness, nil),
			with(func(w *want) { w.role, w.label = "witness", "Testemunha" })},
		{"Tipo de assinante: company type signs as a signer", resolved(crm.SignerDeveloper, nil),
			with(func(w *want) { w.role, w.label = "developer", "Incorporadora/Construtora" })},
		{"Aprovação → certified delivery", resolved(crm.SignerManager, func(r *crm.SignerRule) { r.SignatureKind = crm.SignatureApproval }),
			with(func(w *want) {
				w.kind, w.role, w.label = DocuSignKindCertifiedDelivery, "manager", "Gestor"
				w.compromises = []string{CompromiseDSApproval, CompromiseDSRole, CompromiseDSAuthEmail}
			})},
		{"Assinatura manuscrita → drawn in the box", resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.SignatureKind = crm.SignatureHandwritten }),
			with(func(w *want) {
				w.draw = true
				w.compromises = []string{CompromiseDSHandwritten, CompromiseDSRole, CompromiseDSAuthEmail}
			})},
		{"Envio SMS with e-mail → e-mail + SMS", resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Delivery = crm.ChannelSMS }),
			with(func(w *want) {
				w.delivery, w.phone = docusign.DeliveryEmailSMS, mobile
				w.compromises = []string{CompromiseDSRole, CompromiseDSDeliveryPlusEmail, CompromiseDSAuthEmail}
			})},
		{"Envio WhatsApp with e-mail → e-mail + WhatsApp", resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Delivery = crm.ChannelWhatsApp }),
			with(func(w *want) {
				w.delivery, w.phone = docusign.DeliveryEmailWhatsApp, mobile
				w.compromises = []string{CompromiseDSRole, CompromiseDSDeliveryPlusEmail, CompromiseDSAuthEmail}
			})},
		{"Envio SMS without e-mail → SMS only", resolved(crm.SignerHolder, func(r *crm.SignerRule) { noEmail(r); r.Delivery = crm.ChannelSMS }),
			with(func(w *want) {
				w.email, w.delivery, w.phone = "", docusign.DeliverySMS, mobile
				w.compromises = []string{CompromiseDSRole, CompromiseDSNoEmailReminders, CompromiseDSAuthEmail}
			})},
		{"Envio WhatsApp without e-mail → WhatsApp only", resolved(crm.SignerHolder, func(r *crm.SignerRule) { noEmail(r); r.Delivery = crm.ChannelWhatsApp }),
			with(func(w *want) {
				w.email, w.delivery, w.phone = "", docusign.DeliveryWhatsApp, mobile
				w.compromises = []string{CompromiseDSRole, CompromiseDSNoEmailReminders, CompromiseDSAuthEmail}
			})},
		{"Notificação SMS → e-mail reminders", resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Reminder = crm.ChannelSMS }),
			with(func(w *want) {
				w.compromises = []string{CompromiseDSRole, CompromiseDSReminderByEmail, CompromiseDSAuthEmail}
			})},
		{"Notificação WhatsApp → e-mail reminders", resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Reminder = crm.ChannelWhatsApp }),
			with(func(w *want) {
				w.compromises = []string{CompromiseDSRole, CompromiseDSReminderByEmail, CompromiseDSAuthEmail}
			})},
		{"Autenticação SMS → phone authentication", resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Auth = crm.ChannelSMS }),
			with(func(w *want) {
				w.auth = DocuSignAuth{SMSPhone: mobile}
				w.compromises = []string{CompromiseDSRole, CompromiseDSAuthSMS}
			})},
		{"Autenticação WhatsApp → SMS phone authentication", resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Auth = crm.ChannelWhatsApp }),
			with(func(w *want) {
				w.auth = DocuSignAuth{SMSPhone: mobile}
				w.compromises = []string{CompromiseDSRole, CompromiseDSAuthWhatsApp}
			})},
		{"Autenticação PIX → SMS phone authentication", resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Auth = crm.ChannelPix }),
			with(func(w *want) {
				w.auth = DocuSignAuth{SMSPhone: mobile}
				w.compromises = []string{CompromiseDSRole, CompromiseDSAuthPix}
			})},
		{"Selfie com documento → ID Verification", resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Evidence = crm.EvidenceSelfie }),
			with(func(w *want) {
				w.auth = DocuSignAuth{IDVerification: true}
				w.compromises = []string{CompromiseDSRole, CompromiseDSAuthEmail, CompromiseDSSelfie}
			})},
		{"Biometria facial → ID Verification", resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Evidence = crm.EvidenceFacialBiometrics }),
			with(func(w *want) {
				w.auth = DocuSignAuth{IDVerification: true}
				w.compromises = []string{CompromiseDSRole, CompromiseDSAuthEmail, CompromiseDSBiometrics}
			})},
		{"SMS authentication and biometrics together", resolved(crm.SignerHolder, func(r *crm.SignerRule) {
			r.Auth, r.Evidence = crm.ChannelSMS, crm.EvidenceFacialBiometrics
		}), with(func(w *want) {
			w.auth = DocuSignAuth{SMSPhone: mobile, IDVerification: true}
			w.compromises = []string{CompromiseDSRole, CompromiseDSAuthSMS, CompromiseDSBiometrics}
		})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := MapDocuSignSigner(tc.in)
			got := want{m.Kind, m.Recipient.RoutingOrder, m.Recipient.Role, m.Recipient.Email, m.Recipient.Delivery,
				m.Recipient.Phone, m.Auth, m.DrawSignature, m.RoleLabel, codes(m.Compromises)}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
			if m.Recipient.Name != "Maria Souza" || m.Recipient.Placement != nil {
				t.Errorf("name %q (spaces collapsed), placement %v (set later)", m.Recipient.Name, m.Recipient.Placement)
			}
			if !strings.Contains(m.Recipient.Note, tc.want.label) {
				t.Errorf("note %q does not tell the person their role %q", m.Recipient.Note, tc.want.label)
			}
		})
	}
}

// A person who signs as several types gets them all on the page.
func TestMapDocuSignSignerMergedTypesLabel(t *testing.T) {
	s := resolved(crm.SignerHolder, nil)
	s.Types = []crm.SignerType{crm.SignerHolder, crm.SignerGuarantor, crm.SignerWitness}
	m := MapDocuSignSigner(s)
	if m.RoleLabel != "Titular, Fiador e Testemunha" || m.Recipient.Role != "holder" {
		t.Fatalf("label %q role %q", m.RoleLabel, m.Recipient.Role)
	}
	if !strings.Contains(m.Compromises[0].Message, "Titular, Fiador e Testemunha") {
		t.Fatalf("role compromise does not name the roles: %q", m.Compromises[0].Message)
	}
}

// Every compromise the mapping can report has its own pt-BR sentence, which
// is what the screen shows ("Como a DocuSign fará").
func TestDocuSignCompromiseMessages(t *testing.T) {
	seen := map[string]string{}
	for _, mod := range []func(*crm.SignerRule){
		nil,
		func(r *crm.SignerRule) { r.SignatureKind = crm.SignatureApproval },
		func(r *crm.SignerRule) { r.SignatureKind = crm.SignatureHandwritten },
		func(r *crm.SignerRule) { r.Delivery, r.Reminder = crm.ChannelSMS, crm.ChannelWhatsApp },
		func(r *crm.SignerRule) { r.Email, r.Delivery = "", crm.ChannelWhatsApp },
		func(r *crm.SignerRule) { r.Auth, r.Evidence = crm.ChannelSMS, crm.EvidenceSelfie },
		func(r *crm.SignerRule) { r.Auth, r.Evidence = crm.ChannelWhatsApp, crm.EvidenceFacialBiometrics },
		func(r *crm.SignerRule) { r.Auth = crm.ChannelPix },
	} {
		for _, c := range MapDocuSignSigner(resolved(crm.SignerHolder, mod)).Compromises {
			if !strings.HasPrefix(c.Code, "docusign.") || !strings.Contains(c.Message, "DocuSign") {
				t.Errorf("%s: %q", c.Code, c.Message)
			}
			if prev, ok := seen[c.Code]; ok && prev != c.Message {
				continue // the role and channel are part of the sentence
			}
			seen[c.Code] = c.Message
		}
	}
	all := []string{CompromiseDSRole, CompromiseDSApproval, CompromiseDSHandwritten, CompromiseDSDeliveryPlusEmail,
		CompromiseDSReminderByEmail, CompromiseDSNoEmailReminders, CompromiseDSAuthEmail, CompromiseDSAuthSMS,
		CompromiseDSAuthWhatsApp, CompromiseDSAuthPix, CompromiseDSSelfie, CompromiseDSBiometrics}
	msgs := map[string]bool{}
	for _, c := range all {
		if seen[c] == "" {
			t.Errorf("compromise %s never reported", c)
		}
		if msgs[seen[c]] {
			t.Errorf("compromise %s shares its sentence with another", c)
		}
		msgs[seen[c]] = true
	}
}

func problemKeys(ps []Problem) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Field+" "+p.Code)
	}
	return out
}

// The send refuses listing every problem at once, one per rule that cannot
// be met, each on a field the screen can show and with the person's name.
func TestValidateForDocuSignListsEveryProblem(t *testing.T) {
	long := strings.Repeat("Nome ", 21) + "Sobrenome"
	signers := []crm.ResolvedSigner{
		resolved(crm.SignerHolder, nil), // fine
		resolved(crm.SignerSpouse, func(r *crm.SignerRule) { r.Phone, r.Delivery = "", crm.ChannelSMS }),
		resolved(crm.SignerGuarantor, func(r *crm.SignerRule) { r.Phone, r.Auth = "", crm.ChannelSMS }),
		resolved(crm.SignerAssociate, func(r *crm.SignerRule) { r.Phone, r.Auth = "", crm.ChannelPix }),
		resolved(crm.SignerWitness, func(r *crm.SignerRule) { r.Email = "" }),
		resolved(crm.SignerAgency, func(r *crm.SignerRule) { r.Email = "adm@" + strings.Repeat("x", 100) + ".com" }),
		resolved(crm.SignerDeveloper, func(r *crm.SignerRule) { r.Name = long; r.Email = "sem-arroba" }),
		resolved(crm.SignerManager, func(r *crm.SignerRule) { r.Name = "  "; r.Phone = "1234"; r.CPF = "123.456.789-00" }),
		resolved(crm.SignerBroker, func(r *crm.SignerRule) { r.SendOrder = 0; r.Auth = "fax"; r.Evidence = "dna"; r.SignerType = "chefe" }),
		resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Email, r.Phone, r.Delivery = "", "", crm.ChannelWhatsApp }),
	}
	got := problemKeys(ValidateForDocuSign(signers))
	want := []string{
		"signers[1].phone " + crm.CodeEnvelopeSignerPhoneRequired,
		"signers[2].phone " + crm.CodeEnvelopeSignerPhoneRequired,
		"signers[3].phone " + CodeDSPixNeedsPhone,
		"signers[4].email " + crm.CodeRequired,
		"signers[5].email " + CodeDSEmailTooLong,
		"signers[6].name " + CodeDSNameTooLong,
		"signers[6].email " + crm.CodeSignerEmailInvalid,
		"signers[7].name " + crm.CodeRequired,
		"signers[7].phone " + crm.CodeSignerPhoneInvalid,
		"signers[7].cpf " + crm.CodeSignerCPFInvalid,
		"signers[8].signerType " + crm.CodeSignerRuleChoiceInvalid,
		"signers[8].evidence " + crm.CodeSignerRuleChoiceInvalid,
		"signers[8].auth " + crm.CodeSignerRuleChoiceInvalid,
		"signers[8].sendOrder " + crm.CodeSignerRuleOrderInvalid,
		"signers[9].phone " + crm.CodeEnvelopeSignerPhoneRequired,
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("problems\n got %q\nwant %q", got, want)
	}
	for _, p := range ValidateForDocuSign(signers) {
		if _, ok := p.Data["name"]; !ok {
			t.Errorf("%s %s: no person name in data", p.Field, p.Code)
		}
	}
	ps := ValidateForDocuSign(signers[5:6])
	if ps[0].Data["max"] != 100 {
		t.Errorf("too-long e-mail data %v", ps[0].Data)
	}

	if ps := ValidateForDocuSign(nil); !reflect.DeepEqual(problemKeys(ps), []string{"signers " + crm.CodeSignerRulesEmpty}) {
		t.Errorf("empty: %q", problemKeys(ps))
	}
	many := make([]crm.ResolvedSigner, docusign.MaxRecipients+1)
	for i := range many {
		many[i] = resolved(crm.SignerWitness, func(r *crm.SignerRule) { r.Email = fmt.Sprintf("p%d@exemplo.com.br", i) })
	}
	if ps := ValidateForDocuSign(many); !reflect.DeepEqual(problemKeys(ps), []string{"signers " + CodeDSTooManyRecipients}) {
		t.Errorf("101 people: %q", problemKeys(ps))
	}
	if ps := ValidateForDocuSign(many[:docusign.MaxRecipients]); ps != nil {
		t.Errorf("100 people are allowed: %q", problemKeys(ps))
	}
}

// What DocuSign needs differs from Clicksign: an SMS-only invitation needs no
// e-mail, a reminder by SMS needs no phone (it goes by e-mail).
func TestValidateForDocuSignAcceptsWhatDocuSignCanDo(t *testing.T) {
	ok := []crm.ResolvedSigner{
		resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Email, r.Delivery, r.Reminder = "", crm.ChannelSMS, crm.ChannelSMS }),
		resolved(crm.SignerSpouse, func(r *crm.SignerRule) { r.Phone, r.Reminder = "", crm.ChannelWhatsApp }),
		resolved(crm.SignerGuarantor, func(r *crm.SignerRule) { r.CPF = ""; r.Auth = crm.ChannelPix }),
	}
	if ps := ValidateForDocuSign(ok); ps != nil {
		t.Fatalf("refused: %q", problemKeys(ps))
	}
	if crm.ValidateResolvedSigners(ok) == nil {
		t.Fatal("these rules were meant to differ from Clicksign's checks")
	}
}

type simTokens struct{ base, account string }

func (s simTokens) Token(context.Context) (string, string, string, error) {
	return "sim-token", s.base, s.account, nil
}

// dsSim starts a DocuSign simulator and a client for it.
func dsSim(t *testing.T) (*simulator.Simulator, *docusign.Client) {
	t.Helper()
	sim := simulator.New(simulator.Options{Token: "sim-token"})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return sim, docusign.New(simTokens{srv.URL, sim.AccountID()}, docusign.Options{})
}

// Every check a rule asks goes on the client's recipient: SMS, WhatsApp and
// PIX authentication as a phone code to the person's mobile, selfie and
// biometrics as ID Verification, handwritten as a drawn signature, approval
// as a certified delivery that keeps its place in the order and takes no
// signature spot. Nothing is refused.
func TestDocuSignRecipientsCarriesEveryCheck(t *testing.T) {
	rules := []crm.ResolvedSigner{
		resolved(crm.SignerHolder, nil),
		resolved(crm.SignerSpouse, func(r *crm.SignerRule) { r.Auth = crm.ChannelWhatsApp }),
		resolved(crm.SignerGuarantor, func(r *crm.SignerRule) { r.Auth = crm.ChannelPix; r.Evidence = crm.EvidenceSelfie }),
		resolved(crm.SignerManager, func(r *crm.SignerRule) { r.SignatureKind = crm.SignatureApproval }),
		resolved(crm.SignerAgency, func(r *crm.SignerRule) {
			r.SignatureKind, r.Evidence = crm.SignatureHandwritten, crm.EvidenceFacialBiometrics
		}),
	}
	var ms []DocuSignMapping
	for _, r := range rules {
		ms = append(ms, MapDocuSignSigner(r))
	}
	places := []docusign.Placement{{Page: 3, X: 72, Y: 140}, {Page: 3, X: 72, Y: 230}, {Page: 3, X: 72, Y: 320}, {Page: 3, X: 72, Y: 410}}
	got, err := DocuSignRecipients(ms, places)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 {
		t.Fatalf("%d recipients, want 5", len(got))
	}
	mobile := dsPhone(rules[1].Phone)
	if mobile == nil {
		t.Fatal("the test person has no valid mobile")
	}
	type carried struct {
		phone         bool
		idv, draw, cd bool
		place         *docusign.Placement
	}
	want := []carried{
		{place: &places[0]},
		{phone: true, place: &places[1]},
		{phone: true, idv: true, place: &places[2]},
		{cd: true},
		{idv: true, draw: true, place: &places[3]},
	}
	for i, r := range got {
		g := carried{phone: r.PhoneAuth != nil, idv: r.IDVerification, draw: r.DrawSignature, cd: r.CertifiedDelivery, place: r.Placement}
		if g.phone != want[i].phone || g.idv != want[i].idv || g.draw != want[i].draw || g.cd != want[i].cd ||
			!reflect.DeepEqual(g.place, want[i].place) {
			t.Errorf("recipient %d (%s) = %+v, want %+v", i, r.Name, g, want[i])
		}
		if r.PhoneAuth != nil && !reflect.DeepEqual(*r.PhoneAuth, *dsPhone(rules[i].Phone)) {
			t.Errorf("recipient %d's code goes to %+v, not the person's mobile", i, *r.PhoneAuth)
		}
	}
	if got[3].RoutingOrder != rules[3].SendOrder || got[3].Name != ms[3].Recipient.Name {
		t.Errorf("the approver lost name or order: %+v", got[3])
	}
	if p := DocuSignNotCarriedProblems(ms); len(p) != 0 {
		t.Errorf("the preview still refuses carried rules: %+v", p)
	}
	// A kind the client has no recipient type for is still refused.
	odd := append([]DocuSignMapping{}, ms...)
	odd[1].Kind = "inPersonSigner"
	var nc *DocuSignNotCarried
	if _, err := DocuSignRecipients(odd, places); !errors.As(err, &nc) || !reflect.DeepEqual(nc.Needs, []string{"signers[1].recipient_kind"}) {
		t.Fatalf("unknown kind: %v", err)
	}
}

// The carried checks reach the DocuSign simulator on the right recipients
// (the stored create), and the approver's certified delivery has to be done
// before the envelope completes.
func TestDocuSignCarriedChecksReachTheSimulator(t *testing.T) {
	sim, client := dsSim(t)
	rules := []crm.ResolvedSigner{
		resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Auth = crm.ChannelSMS }),
		resolved(crm.SignerSpouse, func(r *crm.SignerRule) { r.Auth = crm.ChannelWhatsApp }),
		resolved(crm.SignerGuarantor, func(r *crm.SignerRule) { r.Auth = crm.ChannelPix; r.Evidence = crm.EvidenceSelfie }),
		resolved(crm.SignerAgency, func(r *crm.SignerRule) {
			r.SignatureKind, r.Evidence = crm.SignatureHandwritten, crm.EvidenceFacialBiometrics
		}),
		resolved(crm.SignerManager, func(r *crm.SignerRule) { r.SignatureKind = crm.SignatureApproval }),
	}
	for i := range rules {
		rules[i].SendOrder = 1
	}
	rules[4].SendOrder = 2
	var ms []DocuSignMapping
	for _, r := range rules {
		ms = append(ms, MapDocuSignSigner(r))
	}
	page, err := pdfs.AppendSignaturePage(context.Background(), dsContract(t), DocuSignPageSigners(ms))
	if err != nil {
		t.Fatal(err)
	}
	signers, err := DocuSignRecipients(ms, DocuSignPlacements(page.Boxes))
	if err != nil {
		t.Fatal(err)
	}
	req := docusign.SendRequest{Reference: "selo-carry-1", Subject: "Reserva 1", PDF: page.PDF, Signers: signers}
	MapDocuSignEnvelope(&req, crm.Integration{})
	env, err := client.Send(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	phone := "+" + DocuSignCountryCode + dsPhone(rules[0].Phone).Number
	want := map[string]simulator.RecipientSetup{
		"1": {Type: simulator.TypeSigner, Workflow: simulator.PhoneAuthWorkflowName, AuthPhones: []string{phone}, Tabs: 1},
		"2": {Type: simulator.TypeSigner, Workflow: simulator.PhoneAuthWorkflowName, AuthPhones: []string{phone}, Tabs: 1},
		"3": {Type: simulator.TypeSigner, Workflow: simulator.IDVerificationWorkflowName, SMSAuthNumbers: []string{phone}, Tabs: 1},
		"4": {Type: simulator.TypeSigner, Workflow: simulator.IDVerificationWorkflowName, SignInEachLocation: true, Tabs: 1},
		"5": {Type: simulator.TypeCertifiedDelivery, RoutingOrder: 2},
	}
	for id, w := range want {
		g, ok := sim.RecipientSetup(env.ID, id)
		if !ok {
			t.Fatalf("recipient %s missing", id)
		}
		if g.Type != w.Type || g.Workflow != w.Workflow || !reflect.DeepEqual(g.AuthPhones, w.AuthPhones) ||
			!reflect.DeepEqual(g.SMSAuthNumbers, w.SMSAuthNumbers) || g.SignInEachLocation != w.SignInEachLocation ||
			g.Tabs != w.Tabs || (w.RoutingOrder != 0 && g.RoutingOrder != w.RoutingOrder) {
			t.Errorf("recipient %s = %+v, want %+v", id, g, w)
		}
	}
	for _, id := range []string{"1", "2", "3", "4"} {
		if err := sim.Sign(env.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	if st, _, _ := sim.EnvelopeStatus(env.ID); st == docusign.StatusCompleted {
		t.Fatal("completed before the approver's certified delivery")
	}
	if err := sim.Sign(env.ID, "5"); err != nil {
		t.Fatal(err)
	}
	if st, _, _ := sim.EnvelopeStatus(env.ID); st != docusign.StatusCompleted {
		t.Fatalf("envelope %s after everyone, want completed", st)
	}
}

// The approver signs nothing, so the signature page has no box for them.
func TestDocuSignPageSignersSkipsTheApprover(t *testing.T) {
	ms := []DocuSignMapping{
		MapDocuSignSigner(resolved(crm.SignerHolder, nil)),
		MapDocuSignSigner(resolved(crm.SignerManager, func(r *crm.SignerRule) {
			r.Name, r.SignatureKind = "Gestora Alves", crm.SignatureApproval
		})),
		MapDocuSignSigner(resolved(crm.SignerWitness, func(r *crm.SignerRule) { r.Name, r.CPF = "Ana Lima", "" })),
	}
	got := DocuSignPageSigners(ms)
	want := []pdfs.PageSigner{{Name: "Maria Souza", CPF: "111.444.777-35", Role: "Titular"}, {Name: "Ana Lima", Role: "Testemunha"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v", got)
	}
}

// The envelope-level values: the key's deadline (15 days by default) and
// e-mail reminders.
func TestMapDocuSignEnvelope(t *testing.T) {
	var r docusign.SendRequest
	MapDocuSignEnvelope(&r, crm.Integration{})
	if r.ExpireAfterDays != crm.DefaultDeadlineDays || r.ReminderDelayDays != RemindIntervalDays || r.ReminderEveryDays != RemindIntervalDays {
		t.Fatalf("%+v", r)
	}
	MapDocuSignEnvelope(&r, crm.Integration{DeadlineDays: 90})
	if r.ExpireAfterDays != 90 {
		t.Fatalf("deadline %d", r.ExpireAfterDays)
	}
}

// Every mapping the validation accepts and the client can carry passes the
// client's own input checks and is accepted by the simulator, with each
// delivery channel and routing order; and what the validation refuses the
// client refuses too.
func TestDocuSignMappingSendsThroughSimulator(t *testing.T) {
	sim, client := dsSim(t)
	rules := []crm.ResolvedSigner{
		resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Reminder = crm.ChannelSMS }),
		resolved(crm.SignerSpouse, func(r *crm.SignerRule) {
			r.FixedPerson = crm.FixedPerson{Name: "João Souza", Email: "joao@exemplo.com.br", Phone: "(21) 99777-6655"}
			r.Delivery = crm.ChannelSMS
		}),
		resolved(crm.SignerGuarantor, func(r *crm.SignerRule) {
			r.FixedPerson = crm.FixedPerson{Name: "Ana Lima", Phone: "31 98765-4321"}
			r.Delivery, r.SendOrder = crm.ChannelWhatsApp, 2
		}),
		resolved(crm.SignerAgency, func(r *crm.SignerRule) {
			r.FixedPerson = crm.FixedPerson{Name: "Carlos Prado", Phone: "11 91234-5678"}
			r.Delivery, r.SendOrder = crm.ChannelSMS, 2
		}),
		resolved(crm.SignerManager, func(r *crm.SignerRule) {
			r.FixedPerson = crm.FixedPerson{Name: "Gestora Alves", Email: "gestora@imob.com.br", Phone: "11 91234-0000"}
			r.SendOrder, r.Delivery = 3, crm.ChannelWhatsApp
		}),
	}
	if ps := ValidateForDocuSign(rules); ps != nil {
		t.Fatalf("refused: %q", problemKeys(ps))
	}
	var ms []DocuSignMapping
	for _, r := range rules {
		ms = append(ms, MapDocuSignSigner(r))
	}
	places := []docusign.Placement{{Page: 2, X: 60, Y: 120}, {Page: 2, X: 310, Y: 120}, {Page: 2, X: 60, Y: 260}, {Page: 2, X: 310, Y: 260}, {Page: 2, X: 60, Y: 400}}
	signers, err := DocuSignRecipients(ms, places)
	if err != nil || len(signers) != 5 {
		t.Fatalf("signers %d: %v", len(signers), err)
	}
	for i, s := range signers {
		if s.Placement == nil || *s.Placement != places[i] {
			t.Errorf("signer %d placement %v, want %v", i, s.Placement, places[i])
		}
	}
	if d := []string{signers[0].Delivery, signers[1].Delivery, signers[2].Delivery, signers[3].Delivery, signers[4].Delivery}; !reflect.DeepEqual(d,
		[]string{docusign.DeliveryEmail, docusign.DeliveryEmailSMS, docusign.DeliveryWhatsApp, docusign.DeliverySMS, docusign.DeliveryEmailWhatsApp}) {
		t.Fatalf("deliveries %q", d)
	}
	pdf := simulator.TextPDF([]string{"Contrato"}, []string{"Assinaturas"})
	env, err := client.Send(context.Background(), docusign.SendRequest{
		Reference: "dsmap-1", ReferenceCreated: time.Now(), Subject: "Contratos da reserva 7",
		PDF: pdf, Signers: signers, ExpireAfterDays: 15,
	})
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	status, recipients, _ := sim.EnvelopeStatus(env.ID)
	if status != docusign.StatusSent || len(recipients) != 5 {
		t.Fatalf("simulator: %s %v", status, recipients)
	}
	// routing order 1 is out, order 2 waits.
	if recipients["1"] != "sent" || recipients["2"] != "sent" || recipients["3"] != "created" {
		t.Errorf("routing: %v", recipients)
	}

	// What ValidateForDocuSign refuses, the client refuses as well.
	for _, mod := range []func(*crm.SignerRule){
		func(r *crm.SignerRule) { r.Phone, r.Delivery = "", crm.ChannelSMS },
		func(r *crm.SignerRule) { r.Email = "" },
		func(r *crm.SignerRule) { r.SendOrder = 0 },
		func(r *crm.SignerRule) { r.Name = strings.Repeat("Nome ", 25) },
	} {
		bad := resolved(crm.SignerHolder, mod)
		if ValidateForDocuSign([]crm.ResolvedSigner{bad}) == nil {
			t.Fatalf("validation accepted %+v", bad.SignerRule)
		}
		s, err := DocuSignRecipients([]DocuSignMapping{MapDocuSignSigner(bad)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = client.Send(context.Background(), docusign.SendRequest{Reference: "dsmap-bad", Subject: "x", PDF: pdf,
			Signers: s, ExpireAfterDays: 1})
		var ie *docusign.InputError
		if !errors.As(err, &ie) {
			t.Errorf("client accepted a refused rule (%+v): %v", bad.SignerRule, err)
		}
	}
}

// The whole DocuSign path of one envelope's signers: validate, map, append
// the signature page to the merged contract, place each signer's tab in
// their box, and send to the simulator, which checks that every tab points
// to a page of the document.
func TestDocuSignSignaturePageSendsThroughSimulator(t *testing.T) {
	contract, err := os.ReadFile("../pdfs/testdata/contract.pdf")
	if err != nil {
		t.Fatal(err)
	}
	sim, client := dsSim(t)
	for _, n := range []int{1, 5, 12} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var rules []crm.ResolvedSigner
			for i := range n {
				rules = append(rules, resolved(crm.SignerTypes()[i%9], func(r *crm.SignerRule) {
					r.FixedPerson = crm.FixedPerson{Name: fmt.Sprintf("Pessoa Número %c", 'A'+i), Email: fmt.Sprintf("p%d@exemplo.com.br", i),
						Phone: "11 98888-7777", CPF: "111.444.777-35"}
					r.SendOrder = 1 + i%3
					if i%2 == 1 {
						r.Delivery = crm.ChannelSMS
					}
				}))
			}
			if ps := ValidateForDocuSign(rules); ps != nil {
				t.Fatalf("refused: %q", problemKeys(ps))
			}
			var ms []DocuSignMapping
			for _, r := range rules {
				ms = append(ms, MapDocuSignSigner(r))
			}
			boxed := DocuSignPageSigners(ms)
			if len(boxed) != n {
				t.Fatalf("%d boxes for %d signers", len(boxed), n)
			}
			page, err := pdfs.AppendSignaturePage(context.Background(), contract, boxed)
			if err != nil {
				t.Fatal(err)
			}
			signers, err := DocuSignRecipients(ms, DocuSignPlacements(page.Boxes))
			if err != nil || len(signers) != n {
				t.Fatalf("signers %d: %v", len(signers), err)
			}
			for i, s := range signers {
				b := page.Boxes[i]
				p := s.Placement
				if s.Name != boxed[i].Name || p == nil || p.Page != page.Pages || p.X <= b.X || p.Y <= b.Y ||
					p.X >= b.X+b.Width || p.Y >= b.Y+b.Height {
					t.Errorf("%s signs at %+v, outside their box %+v (last page %d)", s.Name, p, b, page.Pages)
				}
			}
			req := docusign.SendRequest{
				Reference: fmt.Sprintf("dsmap-page-%d", n), ReferenceCreated: time.Now(), Subject: "Contratos",
				DocumentName: "contratos.pdf", PDF: page.PDF, Signers: signers,
			}
			MapDocuSignEnvelope(&req, crm.Integration{})
			env, err := client.Send(context.Background(), req)
			if err != nil {
				t.Fatalf("send: %v", err)
			}
			if status, rs, _ := sim.EnvelopeStatus(env.ID); status != docusign.StatusSent || len(rs) != len(signers) {
				t.Fatalf("simulator: %s %v", status, rs)
			}
		})
	}
}

// Every refusal code only DocuSign has gets its pt-BR and en-US text in the
// frontend's catalogue (the other codes are Clicksign's, already there), so
// the send screen never shows "Algo deu errado" for them.
func TestEveryDocuSignRefusalHasAText(t *testing.T) {
	raw, err := os.ReadFile("../../frontend/src/i18n/dsmap.ts")
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{CodeDSNameTooLong, CodeDSEmailTooLong, CodeDSPixNeedsPhone, CodeDSTooManyRecipients, CodeDSICPNeedsCPF, CodeDSICPApproval} {
		key, ok := strings.CutPrefix(code, "docusign.")
		if !ok || strings.Count(string(raw), "      "+key+":") != 2 {
			t.Errorf("%s: want one pt-BR and one en-US text in dsmap.ts", code)
		}
	}
}

// dsContract is a real contract PDF for sends through the simulator.
func dsContract(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../pdfs/testdata/contract.pdf")
	if err != nil {
		t.Fatal(err)
	}
	return b
}
