package signing

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"selo/backend/clicksign"
	"selo/backend/crm"
)

// resolved builds a resolved signer: a complete person with e-mail, mobile
// and CPF, e-mail everywhere, ordinary signature, no evidence, then mod.
func resolved(t crm.SignerType, mod func(*crm.SignerRule)) crm.ResolvedSigner {
	r := crm.NewSignerRule(t)
	r.FixedPerson = crm.FixedPerson{Name: "Maria  Souza", Email: "maria@exemplo.com.br", Phone: "+55 (11) 98888-7777", CPF: "11144477735"}
	if mod != nil {
		mod(&r)
	}
	// For parties the person comes from the reservation; here it is the same
	// data, so mod can change it for either kind of type.
	return crm.ResolveSigner(r, r.FixedPerson)
}

func codes(cs []Compromise) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.Code)
	}
	return out
}

// Each case name quotes the row of the reference's mapping table
// (clicksign-api.md §12) it checks.
func TestMapSignerReferenceTable(t *testing.T) {
	set := set3
	type want struct {
		group                     int
		request, reminder, signed string
		role, auth                string
		evidence                  []string
		compromises               []string
		documentation             string
	}
	base := want{1, "email", "email", "email", "party", "email", nil, []string{CompromiseRoleParty}, "111.444.777-35"}
	with := func(mod func(*want)) want {
		w := base
		mod(&w)
		return w
	}
	tests := []struct {
		name string
		in   crm.ResolvedSigner
		want want
	}{
		// Send order | signer.group (int ≥1). Same number = parallel; lower groups sign first.
		{"Send order | signer.group (int ≥1): order 1 → group 1", resolved(crm.SignerHolder, nil), base},
		{"Send order | signer.group (int ≥1): order 3 → group 3", resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.SendOrder = 3 }),
			with(func(w *want) { w.group = 3 })},

		// Signer type | qualification requirement {"action":"agree","role":<role>}.
		{"Signer type | client→party: holder", resolved(crm.SignerHolder, nil), base},
		{"Signer type | client→party: spouse", resolved(crm.SignerSpouse, nil), base},
		{"Signer type | client→party: associate", resolved(crm.SignerAssociate, nil), base},
		{"Signer type | guarantor→guarantor", resolved(crm.SignerGuarantor, nil),
			with(func(w *want) { w.role, w.compromises = "guarantor", nil })},
		{"Signer type | witness→witness", resolved(crm.SignerWitness, nil),
			with(func(w *want) { w.role, w.compromises = "witness", nil })},
		{"Signer type | broker→broker", resolved(crm.SignerBroker, nil),
			with(func(w *want) { w.role, w.compromises = "broker", nil })},
		{"Signer type | company rep→legal_representative: agency", resolved(crm.SignerAgency, nil),
			with(func(w *want) {
				w.role, w.compromises = "legal_representative", []string{CompromiseRoleLegalRepresentative}
			})},
		{"Signer type | company rep→legal_representative: developer", resolved(crm.SignerDeveloper, nil),
			with(func(w *want) {
				w.role, w.compromises = "legal_representative", []string{CompromiseRoleLegalRepresentative}
			})},
		{"Signer type | manager→manager", resolved(crm.SignerManager, nil),
			with(func(w *want) { w.role, w.compromises = "manager", nil })},

		// "Selfie with document" | extra auth requirement {"action":"provide_evidence","auth":"selfie"}.
		{`"Selfie with document" | provide_evidence auth selfie`, resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Evidence = crm.EvidenceSelfie }),
			with(func(w *want) { w.evidence = []string{"selfie"} })},
		// "Facial biometrics" | {"action":"provide_evidence","auth":"facial_biometrics"}.
		{`"Facial biometrics" | provide_evidence auth facial_biometrics`, resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.Evidence = crm.EvidenceFacialBiometrics }),
			with(func(w *want) { w.evidence = []string{"facial_biometrics"} })},

		// Signature type: approval | role:"approve".
		{`Signature type: approval | role:"approve" (holder)`, resolved(crm.SignerHolder, func(r *crm.SignerRule) { r.SignatureKind = crm.SignatureApproval }),
			with(func(w *want) { w.role, w.compromises = "approve", []string{CompromiseRoleApprove} })},
		{`Signature type: approval | role:"approve" (manager)`, resolved(crm.SignerManager, func(r *crm.SignerRule) { r.SignatureKind = crm.SignatureApproval }),
			with(func(w *want) { w.role, w.compromises = "approve", []string{CompromiseRoleApprove} })},
		// Signature type: signature | role:"sign" — refined by the signer type's role when it has one.
		{`Signature type: signature | role:"sign" when the type has no role`, resolved("", nil),
			with(func(w *want) { w.role, w.compromises = "sign", nil })},
		{`Signature type: signature | role:"sign" refined by the type: witness`, resolved(crm.SignerWitness, func(r *crm.SignerRule) { r.SignatureKind = crm.SignatureSign }),
			with(func(w *want) { w.role, w.compromises = "witness", nil })},
		// Signature type: handwritten signature | add {"action":"provide_evidence","auth":"handwritten"} on top of role:"sign".
		{`Signature type: handwritten signature | provide_evidence handwritten on top of the signing role`,
			resolved(crm.SignerBroker, func(r *crm.SignerRule) { r.SignatureKind = crm.SignatureHandwritten }),
			with(func(w *want) { w.role, w.compromises, w.evidence = "broker", nil, []string{"handwritten"} })},
		{`Signature type: handwritten signature | after facial biometrics`,
			resolved(crm.SignerWitness, func(r *crm.SignerRule) {
				r.SignatureKind, r.Evidence = crm.SignatureHandwritten, crm.EvidenceFacialBiometrics
			}),
			with(func(w *want) {
				w.role, w.compromises, w.evidence = "witness", nil, []string{"facial_biometrics", "handwritten"}
			})},

		// Delivery channel (email/SMS/WhatsApp) | communicate_events.signature_request = email | sms | whatsapp.
		{"Delivery channel | signature_request email", resolved(crm.SignerWitness, nil),
			with(func(w *want) { w.role, w.compromises = "witness", nil })},
		{"Delivery channel | signature_request sms", resolved(crm.SignerWitness, set(crm.ChannelSMS, crm.ChannelEmail, crm.ChannelSMS)),
			with(func(w *want) {
				w.role, w.request, w.auth, w.compromises = "witness", "sms", "sms", []string{CompromiseCustomMessage}
			})},
		{"Delivery channel | signature_request whatsapp", resolved(crm.SignerWitness, set(crm.ChannelWhatsApp, crm.ChannelEmail, crm.ChannelWhatsApp)),
			with(func(w *want) {
				w.role, w.request, w.auth, w.compromises = "witness", "whatsapp", "whatsapp", []string{CompromiseCustomMessage}
			})},

		// Notification channel | signature_reminder ∈ {email,none}, document_signed ∈ {email,whatsapp}; SMS valid for neither.
		{"Notification channel | email → reminder email, signed copy email", resolved(crm.SignerWitness, nil),
			with(func(w *want) { w.role, w.compromises = "witness", nil })},
		{"Notification channel | SMS is not a valid value for either → reminder email, signed copy email",
			resolved(crm.SignerWitness, set(crm.ChannelEmail, crm.ChannelSMS, crm.ChannelSMS)),
			with(func(w *want) {
				w.role, w.auth, w.compromises = "witness", "sms", []string{CompromiseReminderSMS, CompromiseSignedCopySMS}
			})},
		{"Notification channel | WhatsApp only for document_signed → reminder email, signed copy whatsapp",
			resolved(crm.SignerWitness, set(crm.ChannelWhatsApp, crm.ChannelWhatsApp, crm.ChannelWhatsApp)),
			with(func(w *want) {
				w.role, w.request, w.signed, w.auth = "witness", "whatsapp", "whatsapp", "whatsapp"
				w.compromises = []string{CompromiseCustomMessage, CompromiseReminderWhatsApp}
			})},
		{"Notification channel | WhatsApp and no e-mail → reminder none",
			resolved(crm.SignerWitness, func(r *crm.SignerRule) {
				r.Email = ""
				r.Delivery, r.Reminder, r.Auth = crm.ChannelWhatsApp, crm.ChannelWhatsApp, crm.ChannelWhatsApp
			}),
			with(func(w *want) {
				w.role, w.request, w.reminder, w.signed, w.auth = "witness", "whatsapp", "none", "whatsapp", "whatsapp"
				w.compromises = []string{CompromiseCustomMessage, CompromiseNoReminders}
			})},

		// Authentication (email/SMS/PIX/WhatsApp) | {"action":"provide_evidence","auth": ...}; PIX needs CPF → has_documentation + documentation.
		{"Authentication | auth email", resolved(crm.SignerWitness, nil),
			with(func(w *want) { w.role, w.compromises = "witness", nil })},
		{"Authentication | auth sms", resolved(crm.SignerWitness, set(crm.ChannelEmail, crm.ChannelEmail, crm.ChannelSMS)),
			with(func(w *want) { w.role, w.auth, w.compromises = "witness", "sms", nil })},
		{"Authentication | auth whatsapp", resolved(crm.SignerWitness, set(crm.ChannelEmail, crm.ChannelEmail, crm.ChannelWhatsApp)),
			with(func(w *want) { w.role, w.auth, w.compromises = "witness", "whatsapp", nil })},
		{"Authentication | auth pix with has_documentation and formatted documentation", resolved(crm.SignerWitness, set(crm.ChannelEmail, crm.ChannelEmail, crm.ChannelPix)),
			with(func(w *want) { w.role, w.auth, w.compromises = "witness", "pix", nil })},
		{"Authentication | no CPF known → no documentation sent", resolved(crm.SignerWitness, func(r *crm.SignerRule) { r.CPF = "" }),
			with(func(w *want) { w.role, w.compromises, w.documentation = "witness", nil, "" })},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := MapSigner(tc.in)
			s := m.Signer
			got := want{s.Group, s.SignatureRequest, s.SignatureReminder, s.DocumentSigned, m.Role, m.Auth, m.Evidence, codes(m.Compromises), s.Documentation}
			if got.compromises == nil {
				got.compromises = []string{}
			}
			w := tc.want
			if w.compromises == nil {
				w.compromises = []string{}
			}
			if !reflect.DeepEqual(got, w) {
				t.Fatalf("got  %+v\nwant %+v", got, w)
			}
			if !s.HasDocumentation || !s.Refusable {
				t.Fatalf("has_documentation and refusable must be true: %+v", s)
			}
			for _, c := range m.Compromises {
				if c.Message == "" {
					t.Fatalf("compromise %s has no message", c.Code)
				}
			}
		})
	}
}

func TestMapSignerPersonFields(t *testing.T) {
	m := MapSigner(resolved(crm.SignerHolder, nil))
	if m.Signer.Name != "Maria Souza" || m.Signer.Email != "maria@exemplo.com.br" || m.Signer.PhoneNumber != "11988887777" {
		t.Fatalf("person fields: %+v", m.Signer)
	}
	m = MapSigner(resolved(crm.SignerWitness, func(r *crm.SignerRule) { r.Phone = "3456-7890" }))
	if m.Signer.PhoneNumber != "" {
		t.Fatalf("an invalid phone must not be sent: %q", m.Signer.PhoneNumber)
	}
}

func TestCompromiseMessagesNameTheChoice(t *testing.T) {
	m := MapSigner(resolved(crm.SignerDeveloper, set3(crm.ChannelSMS, crm.ChannelSMS, crm.ChannelSMS)))
	all := ""
	for _, c := range m.Compromises {
		all += c.Message + "\n"
	}
	for _, s := range []string{"Incorporadora/Construtora", "representante legal", "Lembretes por SMS não existem na API 3.0: a Clicksign envia os lembretes por e-mail.", "No envio por SMS"} {
		if !strings.Contains(all, s) {
			t.Errorf("messages lack %q:\n%s", s, all)
		}
	}
}

func set3(d, r, a crm.Channel) func(*crm.SignerRule) {
	return func(x *crm.SignerRule) { x.Delivery, x.Reminder, x.Auth = d, r, a }
}

// Every combination of the screen's choices maps to values inside the v3
// enums (clicksign-api.md §4.1 and §5).
func TestMapSignerAlwaysWithinV3Enums(t *testing.T) {
	in := func(v string, list ...string) bool {
		for _, x := range list {
			if v == x {
				return true
			}
		}
		return false
	}
	roles := strings.Fields(`approve party witness broker guarantor legal_representative manager sign`)
	n := 0
	for _, st := range crm.SignerTypes() {
		for _, ev := range []crm.Evidence{crm.EvidenceNone, crm.EvidenceSelfie, crm.EvidenceFacialBiometrics} {
			for _, k := range []crm.SignatureKind{crm.SignatureApproval, crm.SignatureSign, crm.SignatureHandwritten} {
				for _, d := range crm.ChannelsFor(crm.FieldDelivery) {
					for _, r := range crm.ChannelsFor(crm.FieldReminder) {
						for _, a := range crm.ChannelsFor(crm.FieldAuth) {
							for _, email := range []string{"", "x@y.com"} {
								s := resolved(st, func(x *crm.SignerRule) {
									x.Evidence, x.SignatureKind, x.Delivery, x.Reminder, x.Auth, x.Email = ev, k, d, r, a, email
								})
								m := MapSigner(s)
								n++
								ok := in(m.Signer.SignatureRequest, "none", "email", "whatsapp", "sms") &&
									in(m.Signer.SignatureReminder, "none", "email") &&
									in(m.Signer.DocumentSigned, "email", "whatsapp") &&
									in(m.Role, roles...) && in(m.Auth, "email", "sms", "whatsapp", "pix", "icp_brasil") &&
									m.Signer.Group >= 1
								for _, e := range m.Evidence {
									ok = ok && in(e, "selfie", "facial_biometrics", "handwritten")
								}
								if !ok {
									t.Fatalf("out of the v3 enums: %+v -> %+v", s, m)
								}
								if email == "" && m.Signer.SignatureReminder != "none" {
									t.Fatalf("reminder by e-mail without an e-mail: %+v", m)
								}
							}
						}
					}
				}
			}
		}
	}
	if n < 2000 {
		t.Fatalf("only %d combinations", n)
	}
}

func TestSignerMappingParamsAndRequirements(t *testing.T) {
	m := MapSigner(resolved(crm.SignerHolder, func(r *crm.SignerRule) {
		r.SendOrder, r.Evidence, r.SignatureKind = 2, crm.EvidenceSelfie, crm.SignatureHandwritten
		r.Delivery, r.Reminder, r.Auth = crm.ChannelWhatsApp, crm.ChannelWhatsApp, crm.ChannelPix
	}))
	p := m.Params()
	if p.Name != "Maria Souza" || p.Group != 2 || p.Documentation != "111.444.777-35" || p.PhoneNumber != "11988887777" ||
		p.HasDocumentation == nil || !*p.HasDocumentation || p.Refusable == nil || !*p.Refusable ||
		*p.CommunicateEvents != (clicksign.CommunicateEvents{SignatureRequest: "whatsapp", SignatureReminder: "email", DocumentSigned: "whatsapp"}) {
		t.Fatalf("params: %+v %+v", p, p.CommunicateEvents)
	}
	ops := []clicksign.BulkOperation{}
	for _, r := range m.Requirements("doc-1", "sig-1") {
		ops = append(ops, clicksign.AddRequirement(r))
	}
	raw, err := json.Marshal(ops)
	if err != nil {
		t.Fatal(err)
	}
	var got []struct {
		Data struct {
			Attributes    map[string]string `json:"attributes"`
			Relationships struct {
				Document struct{ Data struct{ ID string } } `json:"document"`
				Signer   struct{ Data struct{ ID string } } `json:"signer"`
			} `json:"relationships"`
		} `json:"data"`
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	want := []map[string]string{
		{"action": "agree", "role": "party"},
		{"action": "provide_evidence", "auth": "pix"},
		{"action": "provide_evidence", "auth": "selfie"},
		{"action": "provide_evidence", "auth": "handwritten"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %s", raw)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i].Data.Attributes, want[i]) || got[i].Data.Relationships.Document.Data.ID != "doc-1" || got[i].Data.Relationships.Signer.Data.ID != "sig-1" {
			t.Fatalf("requirement %d = %s", i, raw)
		}
	}
}

func TestMapEnvelope(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		key  crm.Integration
		want time.Time
	}{
		// Document deadline (max 90 days, default 15) | envelope deadline_at; send now+15d explicitly.
		{"Document deadline (max 90 days, default 15) | deadline_at = now + 15 days by default", crm.Integration{}, now.AddDate(0, 0, 15)},
		{"Document deadline (max 90 days, default 15) | deadline_at = now + the key's days", crm.Integration{DeadlineDays: 90}, now.AddDate(0, 0, 90)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := MapEnvelope("Reserva 9812", now, tc.key)
			if !p.DeadlineAt.Equal(tc.want) || p.Locale != "pt-BR" || p.Name != "Reserva 9812" {
				t.Fatalf("got %+v", p)
			}
		})
	}
	// (also) reminders | envelope remind_interval ∈ {1,2,3,7,14,null}.
	t.Run("(also) reminders | remind_interval 3", func(t *testing.T) {
		p := MapEnvelope("x", now, crm.Integration{})
		if p.RemindInterval == nil || *p.RemindInterval != 3 || p.AutoClose == nil || !*p.AutoClose {
			t.Fatalf("got %+v", p)
		}
	})
	// (also) refusal allowed | signer.refusable + envelope block_after_refusal.
	t.Run("(also) refusal allowed | refusable true, block_after_refusal left to Clicksign", func(t *testing.T) {
		if p := MapSigner(resolved(crm.SignerHolder, nil)).Params(); p.Refusable == nil || !*p.Refusable {
			t.Fatal("signers must be sent refusable=true")
		}
		if MapEnvelope("x", now, crm.Integration{}).BlockAfterRefusal != nil {
			t.Fatal("block_after_refusal is not sent")
		}
	})
}

func TestTypeRolesCoverEveryType(t *testing.T) {
	for _, st := range crm.SignerTypes() {
		if TypeRoles[st] == "" {
			t.Errorf("no role for %q", st)
		}
	}
}
