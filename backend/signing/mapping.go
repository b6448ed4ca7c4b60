package signing

import (
	"strings"
	"time"

	"selo/backend/clicksign"
	"selo/backend/crm"
)

// This file is the ONE place where a configured signer ("Configurar
// Assinantes") becomes Clicksign API v3 values. It follows the mapping table
// of the Clicksign reference (§12, "Signer-setup screen → API v3 mapping").
// Where v3 cannot say what the manager chose, the mapping picks the nearest
// thing and reports a Compromise, which the screen shows in pt-BR.

// Compromise is a choice API v3 cannot express as configured, with the
// sentence the screen shows.
type Compromise struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Compromise codes.
const (
	// CompromiseReminderSMS: v3 reminders are e-mail or nothing.
	CompromiseReminderSMS = "clicksign.reminder_sms_by_email"
	// CompromiseReminderWhatsApp: v3 reminders are e-mail or nothing; the
	// signed copy does go by WhatsApp.
	CompromiseReminderWhatsApp = "clicksign.reminder_whatsapp_by_email"
	// CompromiseSignedCopySMS: document_signed is e-mail or WhatsApp only.
	CompromiseSignedCopySMS = "clicksign.signed_copy_sms_by_email"
	// CompromiseNoReminders: no e-mail known, so no reminders at all.
	CompromiseNoReminders = "clicksign.reminders_need_email"
	// CompromiseCustomMessage: Clicksign ignores the envelope's message for
	// invitations by SMS or WhatsApp.
	CompromiseCustomMessage = "clicksign.custom_message_ignored"
	// CompromiseRoleParty: the signer type has no v3 role; signs as "party".
	CompromiseRoleParty = "clicksign.role_party"
	// CompromiseRoleLegalRepresentative: a company type has no v3 role; its
	// representative signs as "legal_representative".
	CompromiseRoleLegalRepresentative = "clicksign.role_legal_representative"
	// CompromiseRoleApprove: approval replaces the signer type's role.
	CompromiseRoleApprove = "clicksign.role_approve"
)

// TypeRoles is the qualification role (requirement action "agree") of each
// signer type when it signs. v3 has no "client" and no "company" role, so:
//
//   - holder, spouse, associate → "party" (the reference's choice for the
//     client; "buyer"/"contractor" would name a contract type the office did
//     not choose, and "party" is in the v3 schema enum itself). The spouse is
//     a party too: in these contracts the spouse signs alongside the buyer;
//   - guarantor → "guarantor", witness → "witness", broker → "broker",
//     manager → "manager" (same word in the role list);
//   - agency, developer → "legal_representative": the person named in the rule
//     signs on behalf of the company (the reference's choice for a company).
var TypeRoles = map[crm.SignerType]string{
	crm.SignerHolder:    clicksign.RoleParty,
	crm.SignerSpouse:    clicksign.RoleParty,
	crm.SignerAssociate: clicksign.RoleParty,
	crm.SignerGuarantor: "guarantor",
	crm.SignerWitness:   clicksign.RoleWitness,
	crm.SignerBroker:    clicksign.RoleBroker,
	crm.SignerAgency:    clicksign.RoleLegalRepresentative,
	crm.SignerDeveloper: clicksign.RoleLegalRepresentative,
	crm.SignerManager:   "manager",
}

// SignerFields are the attributes of the v3 signer resource, exactly as sent.
type SignerFields struct {
	Name string `json:"name"`
	// Email is "" when unknown; it is then not sent.
	Email string `json:"email"`
	// PhoneNumber is DDD + number, 11 digits, without +55; "" when unknown.
	PhoneNumber string `json:"phoneNumber"`
	// HasDocumentation is always true (Clicksign's default): the signer
	// confirms CPF and birth date on the signing page, which is what ties an
	// electronic signature to a person. PIX relies on it.
	HasDocumentation bool `json:"hasDocumentation"`
	// Documentation is the CPF formatted 000.000.000-00, when known.
	Documentation string `json:"documentation"`
	// Refusable is true, against Clicksign's default: a client who will not
	// sign says so, with a reason, on the signing page, and the rep and the
	// Painel see "Recusou" with that reason at once, instead of an envelope
	// that just sits until its deadline. block_after_refusal is left to
	// Clicksign (not sent).
	Refusable bool `json:"refusable"`
	// Group is the send order: equal groups sign in parallel, lower first.
	Group int `json:"group"`
	// SignatureRequest is communicate_events.signature_request (Envio).
	SignatureRequest string `json:"signatureRequest"`
	// SignatureReminder is communicate_events.signature_reminder: email|none.
	SignatureReminder string `json:"signatureReminder"`
	// DocumentSigned is communicate_events.document_signed: email|whatsapp.
	DocumentSigned string `json:"documentSigned"`
}

// SignerMapping is everything Clicksign receives for one signer: the signer
// resource and, per document, its requirements.
type SignerMapping struct {
	Signer SignerFields `json:"signer"`
	// Role is the qualification requirement's role (action "agree").
	Role string `json:"role"`
	// Auth is the authentication requirement's auth (action
	// "provide_evidence"): email, sms, whatsapp or pix.
	Auth string `json:"auth"`
	// Evidence are further "provide_evidence" requirements, in order:
	// selfie or facial_biometrics, then handwritten.
	Evidence []string `json:"evidence"`
	// Compromises list what could not be sent as configured.
	Compromises []Compromise `json:"compromises"`
}

// MapSigner maps one resolved (and, if merged, already merged) signer to API
// v3. It never fails: run crm.ValidateResolvedSigners first, which catches a
// missing e-mail, phone or CPF that the values below would need.
func MapSigner(s crm.ResolvedSigner) SignerMapping {
	var m SignerMapping
	add := func(code, msg string) { m.Compromises = append(m.Compromises, Compromise{Code: code, Message: msg}) }
	email := strings.TrimSpace(s.Email)

	m.Signer = SignerFields{
		Name:             strings.Join(strings.Fields(s.Name), " "),
		Email:            email,
		HasDocumentation: true,
		Refusable:        true,
		Group:            s.SendOrder,
		SignatureRequest: string(s.Delivery),
	}
	if phone, ok := crm.ValidMobile(s.Phone); ok {
		m.Signer.PhoneNumber = phone
	}
	if crm.ValidCPF(s.CPF) {
		m.Signer.Documentation = crm.FormatCPF(s.CPF)
	}
	if s.Delivery.UsesPhone() {
		add(CompromiseCustomMessage, "No envio por "+crm.ChannelLabels[s.Delivery]+
			", a Clicksign não inclui a mensagem personalizada do envelope.")
	}

	// Notificação → reminders and the signed copy. v3 reminders are
	// email|none, so any reminder choice becomes e-mail: the person still
	// gets reminded, by the one channel v3 has. The signed copy can go by
	// WhatsApp but not by SMS.
	switch {
	case email == "":
		m.Signer.SignatureReminder = clicksign.ChannelNone
		add(CompromiseNoReminders, "Sem e-mail cadastrado não há lembretes: a API 3.0 da Clicksign só envia lembretes por e-mail.")
	default:
		m.Signer.SignatureReminder = clicksign.ChannelEmail
		switch s.Reminder {
		case crm.ChannelSMS:
			add(CompromiseReminderSMS, "Lembretes por SMS não existem na API 3.0: a Clicksign envia os lembretes por e-mail.")
		case crm.ChannelWhatsApp:
			add(CompromiseReminderWhatsApp, "Lembretes por WhatsApp não existem na API 3.0: a Clicksign envia os lembretes por e-mail (o documento assinado vai por WhatsApp).")
		}
	}
	m.Signer.DocumentSigned = clicksign.ChannelEmail
	switch s.Reminder {
	case crm.ChannelWhatsApp:
		m.Signer.DocumentSigned = clicksign.ChannelWhatsApp
	case crm.ChannelSMS:
		add(CompromiseSignedCopySMS, "A API 3.0 não envia o documento assinado por SMS: a Clicksign o envia por e-mail.")
	}

	// Qualification: approval is its own role ("Assinar para aprovar");
	// signature and handwritten sign as the type's role.
	typeRole := TypeRoles[s.SignerType]
	if typeRole == "" {
		typeRole = clicksign.RoleSign
	}
	typeLabel := crm.SignerTypeLabels[s.SignerType]
	switch {
	case s.SignatureKind == crm.SignatureApproval:
		m.Role = clicksign.RoleApprove
		add(CompromiseRoleApprove, "Na aprovação, o documento mostra “Assinar para aprovar” em vez do papel “"+typeLabel+"”.")
	case typeRole == clicksign.RoleParty:
		m.Role = typeRole
		add(CompromiseRoleParty, "A Clicksign não tem o papel “"+typeLabel+"”: no documento aparece “Assinar como parte”.")
	case typeRole == clicksign.RoleLegalRepresentative:
		m.Role = typeRole
		add(CompromiseRoleLegalRepresentative, "A Clicksign não tem o papel “"+typeLabel+"”: no documento aparece “Assinar como representante legal”.")
	default:
		m.Role = typeRole
	}

	// Authentication: the same word in v3.
	m.Auth = string(s.Auth)

	// Evidence: "Selfie com documento" is v3 "selfie"; "Biometria facial"
	// (ID photo, then a selfie, compared) is "facial_biometrics" — not
	// "liveness" (a dynamic selfie alone) nor "biometric" (SERPRO's base).
	switch s.Evidence {
	case crm.EvidenceSelfie:
		m.Evidence = append(m.Evidence, clicksign.AuthSelfie)
	case crm.EvidenceFacialBiometrics:
		m.Evidence = append(m.Evidence, clicksign.AuthFacialBiometrics)
	}
	// Handwritten signature: an extra "handwritten" evidence on top of the
	// signing role; "rubricate" with kind manuscript is for initials.
	if s.SignatureKind == crm.SignatureHandwritten {
		m.Evidence = append(m.Evidence, clicksign.AuthHandwritten)
	}
	return m
}

// Params returns the signer as the client's create parameters.
func (m SignerMapping) Params() clicksign.SignerParams {
	hasDoc, refusable := m.Signer.HasDocumentation, m.Signer.Refusable
	return clicksign.SignerParams{
		Name:             m.Signer.Name,
		Email:            m.Signer.Email,
		PhoneNumber:      m.Signer.PhoneNumber,
		HasDocumentation: &hasDoc,
		Documentation:    m.Signer.Documentation,
		Refusable:        &refusable,
		Group:            m.Signer.Group,
		CommunicateEvents: &clicksign.CommunicateEvents{
			SignatureRequest:  m.Signer.SignatureRequest,
			SignatureReminder: m.Signer.SignatureReminder,
			DocumentSigned:    m.Signer.DocumentSigned,
		},
	}
}

// Requirements returns the signer's requirements on one document, in the
// order sent: qualification, authentication, then extra evidence.
func (m SignerMapping) Requirements(documentID, signerID string) []clicksign.RequirementParams {
	out := []clicksign.RequirementParams{
		clicksign.Qualification(documentID, signerID, m.Role),
		clicksign.Authentication(documentID, signerID, m.Auth),
	}
	for _, e := range m.Evidence {
		out = append(out, clicksign.Authentication(documentID, signerID, e))
	}
	return out
}

// Envelope settings Selo always sends.
const (
	// EnvelopeLocale: e-mails, signing page and log in Portuguese.
	EnvelopeLocale = "pt-BR"
	// RemindIntervalDays is Clicksign's own default, sent explicitly so the
	// behaviour does not depend on the account's settings.
	RemindIntervalDays = 3
)

// MapEnvelope returns the envelope-level values of the reference's mapping
// table: the deadline (now + the key's days, 15 by default, at most 90),
// pt-BR, reminders every RemindIntervalDays and closing after the last
// signature.
func MapEnvelope(name string, now time.Time, key crm.Integration) clicksign.EnvelopeParams {
	autoClose, remind := true, RemindIntervalDays
	return clicksign.EnvelopeParams{
		Name:           name,
		Locale:         EnvelopeLocale,
		AutoClose:      &autoClose,
		RemindInterval: &remind,
		DeadlineAt:     now.AddDate(0, 0, key.EffectiveDeadlineDays()),
	}
}
