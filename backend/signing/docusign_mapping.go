package signing

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"selo/backend/crm"
	"selo/backend/docusign"
	"selo/backend/pdfs"
)

// This file is the ONE place where a configured signer ("Configurar
// Assinantes") becomes DocuSign recipient values, the way mapping.go does it
// for Clicksign. It follows the DocuSign reference's mapping table (§4) and
// its comparison with Clicksign (§9). Where DocuSign cannot do what the
// manager chose, the mapping takes the nearest thing and reports a
// Compromise ("Como a DocuSign fará"); where nothing near exists for the data
// at hand, ValidateForDocuSign refuses the send and lists every problem.
//
// The choices, in one place:
//
//   - Every rule is someone who acts on the contract, so no rule becomes a
//     carbon copy: a copy never blocks completion and would drop a signature
//     the office asked for (the reference's "corretor, gestor → carbonCopies"
//     only fits people who need a copy, and a signer rule is never that).
//   - "Aprovação" becomes a certified delivery (DocuSignApprovalKind), the
//     reference's nearest: the person must open the envelope for it to
//     complete, and DocuSign records that, but nothing is signed.
//   - Envio SMS/WhatsApp: the invitation goes to the mobile. When the person
//     also has an e-mail, it goes by e-mail too (DocuSign's e-mail +
//     secondary SMS/WhatsApp), because DocuSign's reminders and the signed
//     copy are e-mail only (SMS reminders are UNCONFIRMED).
//   - Autenticação: e-mail needs nothing (the link is the factor); SMS is
//     DocuSign's phone authentication by SMS code; WhatsApp and PIX, which
//     DocuSign lacks, become that same SMS phone authentication on the
//     person's mobile (the reference's compromise), and PIX without a mobile
//     is refused rather than silently weakened to a link.
//   - Autenticação ICP-Brasil ("Vai a registro"): recipientSignatureProviders
//     with the provider named in backend/docusign/assumptions.go and the
//     person's CPF; without a valid CPF the send is refused.
//   - Evidências: selfie and facial biometrics both become the account's ID
//     Verification workflow (photo ID + selfie, checked by the provider).
//   - Assinatura manuscrita: the signer must draw the signature in the box
//     of the appended signature page (signInEachLocation on that tab).
//   - The signer type has no DocuSign vocabulary: it goes as roleName
//     (the type's code, read back by the status sync) and is printed under
//     the person's box on the signature page that Selo appends.
//
// DocuSignRecipients puts all of these on backend/docusign's Signer (phone
// authentication, ID Verification, signInEachLocation, certified delivery);
// how they go on the wire, and what the account must have enabled, is in
// backend/docusign/assumptions.go ("Identity checks").

// DocuSignKind is the recipient type a configured signer becomes.
type DocuSignKind string

// Recipient types used by the mapping (reference §3.2).
const (
	// DocuSignKindSigner signs ("signers").
	DocuSignKindSigner DocuSignKind = "signer"
	// DocuSignKindCertifiedDelivery must open the envelope, signs nothing
	// ("certifiedDeliveries").
	DocuSignKindCertifiedDelivery DocuSignKind = "certifiedDelivery"
)

// DocuSignApprovalKind is what "Aprovação" becomes (reference §4: the
// nearest thing without approve tabs).
const DocuSignApprovalKind = DocuSignKindCertifiedDelivery

// DocuSignCountryCode is Brazil's calling code: crm.ValidMobile accepts
// Brazilian mobiles only, so every phone sent carries it.
const DocuSignCountryCode = "55"

// DocuSign compromise codes: what DocuSign cannot do as configured.
const (
	// CompromiseDSRole: DocuSign has no signer roles; the type is metadata
	// and is printed on Selo's signature page.
	CompromiseDSRole = "docusign.role_metadata"
	// CompromiseDSApproval: approval becomes a certified delivery.
	CompromiseDSApproval = "docusign.approval_certified_delivery"
	// CompromiseDSHandwritten: the handwritten signature is drawn in the box.
	CompromiseDSHandwritten = "docusign.handwritten_drawn"
	// CompromiseDSDeliveryPlusEmail: the SMS/WhatsApp invitation also goes by e-mail.
	CompromiseDSDeliveryPlusEmail = "docusign.delivery_plus_email"
	// CompromiseDSReminderByEmail: reminders by SMS/WhatsApp go by e-mail.
	CompromiseDSReminderByEmail = "docusign.reminder_by_email"
	// CompromiseDSNoEmailReminders: without an e-mail, reminders are not assured.
	CompromiseDSNoEmailReminders = "docusign.reminders_need_email"
	// CompromiseDSAuthEmail: no e-mail code; the invitation link is the check.
	CompromiseDSAuthEmail = "docusign.auth_email_link"
	// CompromiseDSAuthSMS: SMS authentication is DocuSign's paid phone authentication.
	CompromiseDSAuthSMS = "docusign.auth_sms_phone"
	// CompromiseDSAuthWhatsApp: no WhatsApp code; an SMS code instead.
	CompromiseDSAuthWhatsApp = "docusign.auth_whatsapp_by_sms"
	// CompromiseDSAuthPix: no PIX; an SMS code instead.
	CompromiseDSAuthPix = "docusign.auth_pix_by_sms"
	// CompromiseDSSelfie: the selfie becomes ID Verification.
	CompromiseDSSelfie = "docusign.evidence_selfie_idv"
	// CompromiseDSBiometrics: facial biometrics becomes ID Verification.
	CompromiseDSBiometrics = "docusign.evidence_biometrics_idv"
	// CompromiseDSICPBrasil: the certificate goes through DocuSign's
	// signature provider, a separate product of the account.
	CompromiseDSICPBrasil = "docusign.icp_brasil_provider"
)

// DocuSign refusal codes (Problem.Code), for what no compromise can cover.
// Data always carries "name" (the person), as the send screen lists several.
const (
	// CodeDSNameTooLong: DocuSign takes names of at most "max" characters.
	CodeDSNameTooLong = "docusign.name_too_long"
	// CodeDSEmailTooLong: DocuSign takes e-mails of at most "max" characters.
	CodeDSEmailTooLong = "docusign.email_too_long"
	// CodeDSPixNeedsPhone: PIX authentication becomes an SMS code, which
	// needs the person's mobile.
	CodeDSPixNeedsPhone = "docusign.pix_needs_phone"
	// CodeDSTooManyRecipients: more than "max" people in one envelope.
	CodeDSTooManyRecipients = "docusign.too_many_recipients"
	// CodeDSICPNeedsCPF: an ICP-Brasil signature goes to DocuSign with the
	// person's CPF (signatureProviderOptions.cpfNumber), which is missing or
	// invalid.
	CodeDSICPNeedsCPF = "docusign.icp_needs_cpf"
	// CodeDSICPApproval: on DocuSign an approval is a certified delivery,
	// which takes no signature provider (the OpenAPI's certifiedDelivery has
	// no recipientSignatureProviders), so a person cannot approve with an
	// ICP-Brasil certificate there.
	CodeDSICPApproval = "docusign.icp_approval"
)

// dsMaxText is DocuSign's limit on a recipient's name and e-mail (§3.2).
const dsMaxText = 100

// DocuSignAuth is how DocuSign checks the person before the envelope opens
// (reference §3.4). The zero value asks nothing beyond the invitation link.
type DocuSignAuth struct {
	// SMSPhone asks phone authentication with a code sent by SMS to this
	// number; nil for none.
	SMSPhone *docusign.Phone `json:"smsPhone,omitempty"`
	// IDVerification asks the account's ID Verification workflow (photo of
	// an ID document and a selfie, checked by DocuSign's provider).
	IDVerification bool `json:"idVerification"`
	// ICPBrasilCPF asks a qualified signature with an ICP-Brasil
	// certificate of this CPF (11 digits; recipientSignatureProviders with
	// docusign.ICPBrasilProvider); "" for none.
	ICPBrasilCPF string `json:"-"`
}

// DocuSignMapping is everything DocuSign receives for one configured signer.
type DocuSignMapping struct {
	// Kind is the recipient type.
	Kind DocuSignKind `json:"kind"`
	// Recipient holds name, e-mail, routing order, roleName, note, delivery
	// and phone. Placement is left nil: DocuSignRecipients sets it from the
	// signature page.
	Recipient docusign.Signer `json:"recipient"`
	// Auth is the identity check before opening.
	Auth DocuSignAuth `json:"auth"`
	// DrawSignature asks the signer to draw the signature in their box
	// (signInEachLocation) for "Assinatura manuscrita".
	DrawSignature bool `json:"drawSignature"`
	// RoleLabel is the pt-BR role printed under the person's box, every type
	// the person signs as ("Titular e Fiador").
	RoleLabel string `json:"roleLabel"`
	// CPF is the person's CPF as configured, for the signature page (which
	// prints it masked); DocuSign itself receives no CPF.
	CPF string `json:"-"`
	// Compromises list what DocuSign does differently from the rule.
	Compromises []Compromise `json:"compromises"`
}

// cpfDigits keeps the digits of a CPF, as cpfNumber takes it.
func cpfDigits(cpf string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, cpf)
}

// dsPhone returns the person's mobile as DocuSign takes it, if valid.
func dsPhone(raw string) *docusign.Phone {
	n, ok := crm.ValidMobile(raw)
	if !ok {
		return nil
	}
	return &docusign.Phone{CountryCode: DocuSignCountryCode, Number: n}
}

// roleLabel joins the pt-BR names of every type the person signs as.
func roleLabel(s crm.ResolvedSigner) string {
	types := s.Types
	if len(types) == 0 {
		types = []crm.SignerType{s.SignerType}
	}
	var labels []string
	for _, t := range types {
		if l := crm.SignerTypeLabels[t]; l != "" {
			labels = append(labels, l)
		}
	}
	switch len(labels) {
	case 0:
		return ""
	case 1:
		return labels[0]
	}
	return strings.Join(labels[:len(labels)-1], ", ") + " e " + labels[len(labels)-1]
}

// MapDocuSignSigner maps one resolved (and, if merged, already merged)
// signer to DocuSign. It never fails: ValidateForDocuSign, run first, says
// when the values below cannot be sent.
func MapDocuSignSigner(s crm.ResolvedSigner) DocuSignMapping {
	var m DocuSignMapping
	add := func(code, msg string) { m.Compromises = append(m.Compromises, Compromise{Code: code, Message: msg}) }
	email := strings.TrimSpace(s.Email)
	phone := dsPhone(s.Phone)
	label := roleLabel(s)

	m.Kind = DocuSignKindSigner
	m.RoleLabel = label
	m.CPF = s.CPF
	m.Recipient = docusign.Signer{
		Name:         strings.Join(strings.Fields(s.Name), " "),
		Email:        email,
		RoutingOrder: s.SendOrder,
		Role:         string(s.SignerType),
		Delivery:     docusign.DeliveryEmail,
	}
	if label != "" {
		m.Recipient.Note = "Você assina como " + label + "."
	}

	// Tipo de assinatura.
	switch s.SignatureKind {
	case crm.SignatureApproval:
		m.Kind = DocuSignApprovalKind
		m.Recipient.Note = "Você recebe estes contratos para aprovação: abra e leia o documento até o fim."
		if label != "" {
			m.Recipient.Note = "Você recebe estes contratos para aprovação, como " + label + ": abra e leia o documento até o fim."
		}
		add(CompromiseDSApproval, "A DocuSign não tem “assinar para aprovar”: a pessoa recebe o envelope como entrega certificada, precisa abri-lo e a DocuSign registra a leitura, mas não há assinatura nem quadro na página de assinaturas.")
	case crm.SignatureHandwritten:
		m.DrawSignature = true
		add(CompromiseDSHandwritten, "A DocuSign não guarda uma evidência manuscrita à parte: a pessoa desenha a assinatura no seu quadro da página de assinaturas que o Selo acrescenta.")
	}
	if label != "" {
		add(CompromiseDSRole, "A DocuSign não tem o papel “"+label+"”: ele aparece só na página de assinaturas que o Selo acrescenta, não no certificado da DocuSign.")
	}

	// Envio: SMS/WhatsApp to the mobile, plus e-mail when there is one.
	if s.Delivery.UsesPhone() {
		channel := crm.ChannelLabels[s.Delivery]
		sms := s.Delivery == crm.ChannelSMS
		m.Recipient.Phone = phone
		switch {
		case email != "" && sms:
			m.Recipient.Delivery = docusign.DeliveryEmailSMS
		case email != "":
			m.Recipient.Delivery = docusign.DeliveryEmailWhatsApp
		case sms:
			m.Recipient.Delivery = docusign.DeliverySMS
		default:
			m.Recipient.Delivery = docusign.DeliveryWhatsApp
		}
		if email != "" {
			add(CompromiseDSDeliveryPlusEmail, "A DocuSign envia o convite por "+channel+" e também por e-mail, porque os lembretes e o documento assinado da DocuSign vão por e-mail.")
		}
	}

	// Notificação: DocuSign reminders are envelope-wide and by e-mail.
	switch {
	case email == "":
		add(CompromiseDSNoEmailReminders, "Sem e-mail cadastrado, a DocuSign só manda o convite por "+crm.ChannelLabels[s.Delivery]+": lembretes e o documento assinado por esse canal não são garantidos.")
	case s.Reminder.UsesPhone():
		add(CompromiseDSReminderByEmail, "A DocuSign não envia lembretes por "+crm.ChannelLabels[s.Reminder]+": os lembretes e o documento assinado vão por e-mail.")
	}

	// Autenticação.
	switch s.Auth {
	case crm.ChannelEmail:
		add(CompromiseDSAuthEmail, "A DocuSign não envia código por e-mail: abrir o link do convite é a verificação.")
	case crm.ChannelSMS:
		m.Auth.SMSPhone = phone
		add(CompromiseDSAuthSMS, "A autenticação por SMS é a “autenticação por telefone” da DocuSign: um código por SMS ao celular cadastrado. É um recurso pago, que precisa estar ativo na conta DocuSign.")
	case crm.ChannelWhatsApp:
		m.Auth.SMSPhone = phone
		add(CompromiseDSAuthWhatsApp, "A DocuSign não autentica por WhatsApp: a pessoa recebe um código por SMS no mesmo celular (autenticação por telefone, recurso pago da conta DocuSign).")
	case crm.ChannelICPBrasil:
		// DocuSign asks the certificate itself (no code before opening):
		// the signature provider with the CPF the certificate must carry.
		if crm.ValidCPF(s.CPF) {
			m.Auth.ICPBrasilCPF = cpfDigits(s.CPF)
		}
		add(CompromiseDSICPBrasil, "A DocuSign pede o certificado ICP-Brasil pelo seu provedor de assinatura (“"+docusign.ICPBrasilProvider+"”), com o CPF da pessoa: a conta DocuSign precisa ter a assinatura ICP-Brasil contratada e ativa. O certificado é exigido na hora de assinar, não antes de abrir o envelope.")
	case crm.ChannelPix:
		m.Auth.SMSPhone = phone
		add(CompromiseDSAuthPix, "A DocuSign não tem autenticação por PIX (só a Clicksign tem): a pessoa recebe um código por SMS no celular cadastrado (autenticação por telefone, recurso pago da conta DocuSign).")
	}

	// Evidências: both become the account's ID Verification.
	switch s.Evidence {
	case crm.EvidenceSelfie:
		m.Auth.IDVerification = true
		add(CompromiseDSSelfie, "A selfie com documento vira a “verificação de identidade” da DocuSign: foto do documento e selfie, conferidas pela DocuSign. É um recurso pago da conta DocuSign.")
	case crm.EvidenceFacialBiometrics:
		m.Auth.IDVerification = true
		add(CompromiseDSBiometrics, "A DocuSign não tem biometria facial à parte: vale a “verificação de identidade” (foto do documento e selfie com prova de vida, conferidas pela DocuSign), recurso pago da conta DocuSign.")
	}
	return m
}

// ValidateForDocuSign lists EVERY reason the signers of one envelope (the
// result of MergeSigners) cannot be sent to DocuSign as configured, on fields
// like "signers[1].phone" with the person's name in the data. nil means the
// mapping can be sent. It checks what DocuSign needs, which differs from
// Clicksign: no e-mail is needed for an SMS/WhatsApp-only invitation, PIX
// needs a mobile (it becomes an SMS code), names and e-mails are limited to
// 100 characters and an envelope to 100 people.
func ValidateForDocuSign(signers []crm.ResolvedSigner) []Problem {
	var out []Problem
	add := func(field, code string, s crm.ResolvedSigner, kv ...any) {
		data := map[string]any{"name": strings.Join(strings.Fields(s.Name), " ")}
		for i := 0; i+1 < len(kv); i += 2 {
			data[kv[i].(string)] = kv[i+1]
		}
		out = append(out, Problem{Code: code, Field: field, Data: data})
	}
	if len(signers) == 0 {
		out = append(out, Problem{Code: crm.CodeSignerRulesEmpty, Field: "signers"})
	}
	if len(signers) > docusign.MaxRecipients {
		out = append(out, Problem{Code: CodeDSTooManyRecipients, Field: "signers",
			Data: map[string]any{"count": len(signers), "max": docusign.MaxRecipients}})
	}
	for i, s := range signers {
		p := fmt.Sprintf("signers[%d].", i)
		choice := func(field string, ok bool, v any) {
			if !ok {
				add(p+field, crm.CodeSignerRuleChoiceInvalid, s, "value", fmt.Sprint(v))
			}
		}
		choice("signerType", s.SignerType.Valid(), s.SignerType)
		choice("signatureKind", s.SignatureKind.Valid(), s.SignatureKind)
		choice("evidence", s.Evidence.Valid(), s.Evidence)
		choice("delivery", crm.FieldDelivery.Accepts(s.Delivery), s.Delivery)
		choice("reminder", crm.FieldReminder.Accepts(s.Reminder), s.Reminder)
		choice("auth", crm.FieldAuth.Accepts(s.Auth), s.Auth)
		if s.SendOrder < 1 {
			add(p+"sendOrder", crm.CodeSignerRuleOrderInvalid, s, "min", 1)
		}

		name := strings.Join(strings.Fields(s.Name), " ")
		switch {
		case name == "":
			add(p+"name", crm.CodeRequired, s)
		case utf8.RuneCountInString(name) > dsMaxText:
			add(p+"name", CodeDSNameTooLong, s, "max", dsMaxText)
		}

		email := strings.TrimSpace(s.Email)
		switch {
		case email == "" && !s.Delivery.UsesPhone():
			// An e-mail invitation needs the address; SMS/WhatsApp-only does not.
			add(p+"email", crm.CodeRequired, s)
		case email != "" && !crm.ValidEmail(email):
			add(p+"email", crm.CodeSignerEmailInvalid, s)
		case len(email) > dsMaxText:
			add(p+"email", CodeDSEmailTooLong, s, "max", dsMaxText)
		}

		phone := strings.TrimSpace(s.Phone)
		_, mobile := crm.ValidMobile(phone)
		switch {
		case !mobile && (s.Delivery.UsesPhone() || s.Auth.UsesPhone()):
			add(p+"phone", crm.CodeEnvelopeSignerPhoneRequired, s, "message", crm.PhoneRequiredMessage)
		case !mobile && s.Auth == crm.ChannelPix:
			add(p+"phone", CodeDSPixNeedsPhone, s)
		case phone != "" && !mobile:
			add(p+"phone", crm.CodeSignerPhoneInvalid, s)
		}

		cpf := strings.TrimSpace(s.CPF)
		switch {
		case cpf != "" && !crm.ValidCPF(cpf):
			add(p+"cpf", crm.CodeSignerCPFInvalid, s)
		case cpf == "" && s.Auth == crm.ChannelICPBrasil:
			add(p+"cpf", CodeDSICPNeedsCPF, s)
		}
		if s.Auth == crm.ChannelICPBrasil && s.SignatureKind == crm.SignatureApproval {
			add(p+"signatureKind", CodeDSICPApproval, s)
		}
	}
	return out
}

// DocuSignNotCarried is DocuSignRecipients' refusal of a mapping that asks
// for what backend/docusign's SendRequest cannot carry, so no wiring can
// send a person with less protection than the rule asks for. Needs lists one
// "signers[i].what" per gap. Every value MapDocuSignSigner makes is carried
// now; what remains is a recipient kind the client has no type for
// ("recipient_kind").
type DocuSignNotCarried struct {
	Needs []string
}

// Error implements error.
func (e *DocuSignNotCarried) Error() string {
	return "signing: the DocuSign client cannot send: " + strings.Join(e.Needs, ", ")
}

// DocuSignRecipients turns mapped signers into the client's signers, in the
// order of ms, so recipientId i+1 is ms[i]. places[i] is where the i-th
// person who signs (certified deliveries sign nothing, as in
// DocuSignPageSigners) signs, from DocuSignPlacements; a short places leaves
// the rest free-form. Phone authentication, ID Verification, the drawn
// signature and the approval's certified delivery go on the recipient as
// mapped; a mapping of a kind the client cannot send is refused with
// *DocuSignNotCarried, listing every gap.
func DocuSignRecipients(ms []DocuSignMapping, places []docusign.Placement) ([]docusign.Signer, error) {
	var signers []docusign.Signer
	var gaps []string
	signing := 0
	for i, m := range ms {
		r := m.Recipient
		r.PhoneAuth = m.Auth.SMSPhone
		r.IDVerification = m.Auth.IDVerification
		r.ICPBrasilCPF = m.Auth.ICPBrasilCPF
		switch m.Kind {
		case DocuSignKindSigner:
			r.DrawSignature = m.DrawSignature
			if signing < len(places) {
				p := places[signing]
				r.Placement = &p
			}
			signing++
		case DocuSignKindCertifiedDelivery:
			r.CertifiedDelivery = true
			r.Placement = nil
		default:
			gaps = append(gaps, fmt.Sprintf("signers[%d].recipient_kind", i))
		}
		signers = append(signers, r)
	}
	if gaps != nil {
		return nil, &DocuSignNotCarried{Needs: gaps}
	}
	return signers, nil
}

// DocuSign envelope settings Selo always sends, as MapEnvelope does for
// Clicksign: the key's deadline in days and e-mail reminders (DocuSign's
// only kind, envelope-wide) first after RemindIntervalDays, then every
// RemindIntervalDays.
func MapDocuSignEnvelope(r *docusign.SendRequest, key crm.Integration) {
	r.ExpireAfterDays = key.EffectiveDeadlineDays()
	r.ReminderDelayDays, r.ReminderEveryDays = RemindIntervalDays, RemindIntervalDays
}

// DocuSignPageSigners lists who gets a box on the appended signature page:
// the people who sign, in the order of ms (certified deliveries sign
// nothing, so they get no box), with the CPF the page prints masked.
func DocuSignPageSigners(ms []DocuSignMapping) []pdfs.PageSigner {
	var out []pdfs.PageSigner
	for _, m := range ms {
		if m.Kind == DocuSignKindSigner {
			out = append(out, pdfs.PageSigner{Name: m.Recipient.Name, CPF: m.CPF, Role: m.RoleLabel})
		}
	}
	return out
}

// DocuSignPlacements turns the signature page's boxes into signature tab
// placements (both in points from the page's top-left corner), one per
// signer in the order of DocuSignPageSigners, ready for DocuSignRecipients.
func DocuSignPlacements(boxes []pdfs.Box) []docusign.Placement {
	out := make([]docusign.Placement, len(boxes))
	for i, b := range boxes {
		page, x, y := b.SignAt()
		out[i] = docusign.Placement{Page: page, X: x, Y: y}
	}
	return out
}
