package crm

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// This file is "Jurídico → Assinatura Eletrônica → Configurar Assinantes": who
// signs each contract, in which order, how they are invited, reminded and
// authenticated, and what evidence they must give. The rules here need no I/O;
// signing maps a resolved rule to Clicksign in one place (signing/mapping.go).

// SignerType says who the signer is in the deal ("Tipo de assinante").
type SignerType string

// The signer types of the source CRM's signer screen.
const (
	// SignerHolder is the reservation's main buyer ("Titular" / cliente).
	SignerHolder SignerType = "holder"
	// SignerSpouse is the holder's spouse ("Cônjuge").
	SignerSpouse SignerType = "spouse"
	// SignerAssociate is a co-buyer of the reservation ("Associado").
	SignerAssociate SignerType = "associate"
	// SignerGuarantor is a guarantor of the reservation ("Fiador").
	SignerGuarantor SignerType = "guarantor"
	// SignerWitness is a witness ("Testemunha"); named in the rule.
	SignerWitness SignerType = "witness"
	// SignerBroker is the reservation's broker ("Corretor").
	SignerBroker SignerType = "broker"
	// SignerAgency signs for the real-estate agency ("Imobiliária"); named in
	// the rule.
	SignerAgency SignerType = "agency"
	// SignerDeveloper signs for the developer or builder
	// ("Incorporadora/Construtora"); named in the rule.
	SignerDeveloper SignerType = "developer"
	// SignerManager is a back-office manager ("Gestor"); named in the rule.
	SignerManager SignerType = "manager"
)

// signerTypes is the screen order and also the precedence MergeSigners uses
// when one person holds several types: a party of the deal outranks the
// companies and staff, and a witness comes last because a witness is only a
// witness when nothing else.
var signerTypes = []SignerType{
	SignerHolder, SignerSpouse, SignerAssociate, SignerGuarantor, SignerBroker,
	SignerAgency, SignerDeveloper, SignerManager, SignerWitness,
}

// SignerTypes lists every signer type in the order the screen offers them.
func SignerTypes() []SignerType { return append([]SignerType(nil), signerTypes...) }

// SignerTypeLabels are the pt-BR names of the signer types, for the screen.
var SignerTypeLabels = map[SignerType]string{
	SignerHolder:    "Titular",
	SignerSpouse:    "Cônjuge",
	SignerAssociate: "Associado",
	SignerGuarantor: "Fiador",
	SignerWitness:   "Testemunha",
	SignerBroker:    "Corretor",
	SignerAgency:    "Imobiliária",
	SignerDeveloper: "Incorporadora/Construtora",
	SignerManager:   "Gestor",
}

// Valid reports whether t is a known signer type.
func (t SignerType) Valid() bool {
	_, ok := SignerTypeLabels[t]
	return ok
}

// IsParty reports whether the person comes from the reservation (holder,
// spouse, associate, guarantor, broker). The others are not in the
// reservation, so the rule itself carries their name, e-mail, phone and CPF.
func (t SignerType) IsParty() bool {
	switch t {
	case SignerHolder, SignerSpouse, SignerAssociate, SignerGuarantor, SignerBroker:
		return true
	}
	return false
}

// Evidence is the extra proof of identity a signer gives ("Evidências").
// One value, not two booleans: facial biometrics already includes a selfie, so
// the screen's two options are steps of one ladder, and MergeSigners can pick
// the stronger.
type Evidence string

// Evidence values, weakest first.
const (
	// EvidenceNone asks for nothing beyond the authentication.
	EvidenceNone Evidence = "none"
	// EvidenceSelfie is "Selfie com documento": a photo holding an ID
	// document, kept as evidence but not verified.
	EvidenceSelfie Evidence = "selfie"
	// EvidenceFacialBiometrics is "Biometria facial": a photo of the RG/CNH,
	// then a selfie, and the faces are compared.
	EvidenceFacialBiometrics Evidence = "facial_biometrics"
)

// EvidenceLabels are the pt-BR names of the evidence options.
var EvidenceLabels = map[Evidence]string{
	EvidenceNone:             "Nenhuma",
	EvidenceSelfie:           "Selfie com documento",
	EvidenceFacialBiometrics: "Biometria facial",
}

// Valid reports whether e is a known evidence option.
func (e Evidence) Valid() bool {
	_, ok := EvidenceLabels[e]
	return ok
}

// SignatureKind is how the person signs ("Tipo de assinatura").
type SignatureKind string

// Signature kinds, weakest first.
const (
	// SignatureApproval signs to approve ("Aprovação").
	SignatureApproval SignatureKind = "approval"
	// SignatureSign is an ordinary electronic signature ("Assinatura").
	SignatureSign SignatureKind = "signature"
	// SignatureHandwritten also draws a handwritten signature
	// ("Assinatura manuscrita").
	SignatureHandwritten SignatureKind = "handwritten"
)

// SignatureKindLabels are the pt-BR names of the signature kinds.
var SignatureKindLabels = map[SignatureKind]string{
	SignatureApproval:    "Aprovação",
	SignatureSign:        "Assinatura",
	SignatureHandwritten: "Assinatura manuscrita",
}

// Valid reports whether k is a known signature kind.
func (k SignatureKind) Valid() bool {
	_, ok := SignatureKindLabels[k]
	return ok
}

// Channel is a way to reach or authenticate a signer. Delivery and Reminder
// accept e-mail, SMS and WhatsApp; Auth also accepts PIX.
type Channel string

// Channels.
const (
	// ChannelEmail is e-mail ("E-mail").
	ChannelEmail Channel = "email"
	// ChannelSMS is a text message to the mobile ("SMS").
	ChannelSMS Channel = "sms"
	// ChannelWhatsApp is a WhatsApp message to the mobile ("WhatsApp").
	ChannelWhatsApp Channel = "whatsapp"
	// ChannelPix authenticates by a PIX transfer from the signer's own bank
	// account; valid only for Auth, and it needs the signer's CPF.
	ChannelPix Channel = "pix"
)

// ChannelLabels are the pt-BR names of the channels.
var ChannelLabels = map[Channel]string{
	ChannelEmail:    "E-mail",
	ChannelSMS:      "SMS",
	ChannelWhatsApp: "WhatsApp",
	ChannelPix:      "PIX",
}

// UsesPhone reports whether the channel needs a mobile number.
func (c Channel) UsesPhone() bool { return c == ChannelSMS || c == ChannelWhatsApp }

// ChannelField names one of the three channel settings of a rule.
type ChannelField string

// The channel fields, with the screen's names.
const (
	// FieldDelivery is "Envio": the first contact, the signing invitation.
	FieldDelivery ChannelField = "delivery"
	// FieldReminder is "Notificação": reminders and the signed copy.
	FieldReminder ChannelField = "reminder"
	// FieldAuth is "Autenticação": how the signer proves it is them.
	FieldAuth ChannelField = "auth"
)

// ChannelFieldLabels are the pt-BR names of the channel fields.
var ChannelFieldLabels = map[ChannelField]string{
	FieldDelivery: "Envio",
	FieldReminder: "Notificação",
	FieldAuth:     "Autenticação",
}

// ChannelsFor lists the channels a field accepts, in screen order.
func ChannelsFor(f ChannelField) []Channel {
	switch f {
	case FieldDelivery, FieldReminder:
		return []Channel{ChannelEmail, ChannelSMS, ChannelWhatsApp}
	case FieldAuth:
		return []Channel{ChannelEmail, ChannelSMS, ChannelPix, ChannelWhatsApp}
	}
	return nil
}

// Accepts reports whether field f may hold channel c.
func (f ChannelField) Accepts(c Channel) bool {
	for _, v := range ChannelsFor(f) {
		if v == c {
			return true
		}
	}
	return false
}

// FixedPerson is the data of a signer who is not in the reservation
// (witness, agency, developer, manager). It is embedded in SignerRule, so its
// fields sit at the rule's top level in JSON and in problem paths
// ("rules[2].email").
type FixedPerson struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	// Phone is a Brazilian mobile number as typed; ValidMobile normalizes it.
	Phone string `json:"phone"`
	// CPF may be formatted or bare digits; optional unless Auth is PIX.
	CPF string `json:"cpf"`
}

// SignerRule is one configured signer of a contract ("Assinante
// configurado"). A contract has an ordered list of them.
type SignerRule struct {
	// SendOrder is "Ordem de envio": ≥1; equal orders sign in parallel and
	// lower orders sign first.
	SendOrder  int        `json:"sendOrder"`
	SignerType SignerType `json:"signerType"`
	// FixedPerson is filled only for types that are not parties; for parties
	// the person comes from the reservation and these fields are ignored.
	FixedPerson
	Evidence      Evidence      `json:"evidence"`
	SignatureKind SignatureKind `json:"signatureKind"`
	// Delivery is "Envio", Reminder is "Notificação", Auth is "Autenticação".
	Delivery Channel `json:"delivery"`
	Reminder Channel `json:"reminder"`
	Auth     Channel `json:"auth"`
}

// NewSignerRule is the rule the screen starts a new line with: e-mail
// everywhere, no extra evidence, an ordinary signature, first in order.
func NewSignerRule(t SignerType) SignerRule {
	return SignerRule{
		SendOrder: 1, SignerType: t, Evidence: EvidenceNone, SignatureKind: SignatureSign,
		Delivery: ChannelEmail, Reminder: ChannelEmail, Auth: ChannelEmail,
	}
}

// ChannelSet is the three channel choices of a rule, the unit the channel
// rules work on.
type ChannelSet struct {
	Delivery Channel `json:"delivery"`
	Reminder Channel `json:"reminder"`
	Auth     Channel `json:"auth"`
}

// Channels returns the rule's channel choices.
func (r SignerRule) Channels() ChannelSet {
	return ChannelSet{Delivery: r.Delivery, Reminder: r.Reminder, Auth: r.Auth}
}

// WithChannels returns r with its channel choices replaced by c.
func (r SignerRule) WithChannels(c ChannelSet) SignerRule {
	r.Delivery, r.Reminder, r.Auth = c.Delivery, c.Reminder, c.Auth
	return r
}

// Apply is ApplyChannelChange on a bare ChannelSet; see there for the rules.
func (c ChannelSet) Apply(field ChannelField, value Channel) ChannelSet {
	if !field.Accepts(value) {
		// The screen only offers accepted values; anything else is a bug
		// upstream, and leaving the choices as they were is the least
		// surprising answer.
		return c
	}
	switch field {
	case FieldDelivery:
		c.Delivery = value
		if value.UsesPhone() {
			// a. Whoever is invited by WhatsApp/SMS has that phone at hand,
			// so the token goes there too. Reminders on another phone
			// channel would reach the person by two different apps, so
			// they fall back to e-mail; reminders already on the same
			// channel stay.
			c.Auth = value
			if c.Reminder != value {
				c.Reminder = ChannelEmail
			}
		}
	case FieldReminder:
		c.Reminder = value
		if value.UsesPhone() {
			// b.
			c.Auth = value
		}
	case FieldAuth:
		// c. A hand-picked authentication breaks the link between the
		// channels, so reminders go back to the neutral e-mail.
		c.Auth = value
		c.Reminder = ChannelEmail
	}
	return c
}

// ApplyChannelChange returns the rule after the user picks value in field,
// applying the screen's coupling EXACTLY once (the changes it makes do not
// trigger further rules):
//
//	a. choosing WhatsApp or SMS in Envio sets Autenticação to the same, and
//	   sets Notificação to E-mail if it differs from Envio (if Notificação
//	   already equals the new Envio it stays);
//	b. choosing WhatsApp or SMS in Notificação sets Autenticação to the same;
//	c. changing Autenticação by hand (to any value) sets Notificação to E-mail.
//
// Choosing E-mail in Envio or Notificação changes nothing else. A value the
// field does not accept (PIX in Envio, an unknown string) leaves the rule as
// it was. ChannelRuleVectors lists the expected outcomes; the frontend runs
// the same vectors from testdata/channel_rules.json.
func ApplyChannelChange(rule SignerRule, field ChannelField, value Channel) SignerRule {
	return rule.WithChannels(rule.Channels().Apply(field, value))
}

// ChannelVector is one expected outcome of ApplyChannelChange, shared with the
// frontend so both implementations answer alike.
type ChannelVector struct {
	Name  string       `json:"name"`
	Start ChannelSet   `json:"start"`
	Field ChannelField `json:"field"`
	Value Channel      `json:"value"`
	Want  ChannelSet   `json:"want"`
}

// Rule texts, used as vector names so a failing case quotes the rule.
const (
	ruleA = "a. choosing WhatsApp or SMS in Envio sets Autenticação to the same, and sets Notificação to E-mail if it differs from Envio"
	ruleB = "b. choosing WhatsApp or SMS in Notificação sets Autenticação to the same"
	ruleC = "c. changing Autenticação by hand (to any value) sets Notificação to E-mail"
	ruleE = "choosing E-mail in Envio or Notificação changes nothing else"
	ruleX = "a value the field does not accept changes nothing"
)

// ChannelRuleVectors returns the test vectors of ApplyChannelChange: every
// rule, its edges, and two chains written as consecutive steps (each step
// starts where the previous one ended).
func ChannelRuleVectors() []ChannelVector {
	set := func(d, r, a Channel) ChannelSet { return ChannelSet{Delivery: d, Reminder: r, Auth: a} }
	const (
		E = ChannelEmail
		S = ChannelSMS
		W = ChannelWhatsApp
		P = ChannelPix
	)
	v := []ChannelVector{
		{ruleA + " [WhatsApp; Notificação SMS differs → E-mail]", set(E, S, E), FieldDelivery, W, set(W, E, W)},
		{ruleA + " [WhatsApp; Notificação E-mail stays E-mail, PIX replaced]", set(E, E, P), FieldDelivery, W, set(W, E, W)},
		{ruleA + " [WhatsApp; Notificação already WhatsApp stays]", set(E, W, W), FieldDelivery, W, set(W, W, W)},
		{ruleA + " [SMS; Notificação WhatsApp differs → E-mail]", set(W, W, W), FieldDelivery, S, set(S, E, S)},
		{ruleA + " [SMS; Notificação already SMS stays]", set(E, S, P), FieldDelivery, S, set(S, S, S)},
		{ruleA + " [SMS; Autenticação PIX is replaced]", set(E, E, P), FieldDelivery, S, set(S, E, S)},
		{ruleA + " [re-choosing WhatsApp resets a hand-picked Autenticação]", set(W, E, P), FieldDelivery, W, set(W, E, W)},
		{ruleB + " [WhatsApp]", set(E, E, E), FieldReminder, W, set(E, W, W)},
		{ruleB + " [SMS replaces PIX]", set(W, E, P), FieldReminder, S, set(W, S, S)},
		{ruleB + " [Envio is untouched]", set(S, E, S), FieldReminder, W, set(S, W, W)},
		{ruleC + " [PIX]", set(W, W, W), FieldAuth, P, set(W, E, P)},
		{ruleC + " [E-mail]", set(S, S, S), FieldAuth, E, set(S, E, E)},
		{ruleC + " [SMS, Envio WhatsApp untouched]", set(W, W, W), FieldAuth, S, set(W, E, S)},
		{ruleC + " [WhatsApp, same as before, still resets Notificação]", set(W, W, W), FieldAuth, W, set(W, E, W)},
		{ruleC + " [Notificação already E-mail]", set(E, E, E), FieldAuth, P, set(E, E, P)},
		{ruleE + " [Envio E-mail keeps Notificação WhatsApp and Autenticação WhatsApp]", set(W, W, W), FieldDelivery, E, set(E, W, W)},
		{ruleE + " [Envio E-mail keeps Autenticação PIX]", set(S, E, P), FieldDelivery, E, set(E, E, P)},
		{ruleE + " [Notificação E-mail keeps Autenticação SMS]", set(S, S, S), FieldReminder, E, set(S, E, S)},
		{ruleX + " [PIX in Envio]", set(E, E, E), FieldDelivery, P, set(E, E, E)},
		{ruleX + " [PIX in Notificação]", set(W, W, W), FieldReminder, P, set(W, W, W)},
		{ruleX + " [unknown channel in Autenticação]", set(W, W, W), FieldAuth, "telegram", set(W, W, W)},
		{ruleX + " [unknown field]", set(W, W, W), "deadline", E, set(W, W, W)},
	}
	// Chains: a manager configuring one line step by step. Each expected
	// value is written out by hand (not computed by Apply) so the vectors stay
	// an independent statement of the rules.
	type step struct {
		f    ChannelField
		c    Channel
		rule string
		want ChannelSet
	}
	chain := func(name string, start ChannelSet, steps ...step) {
		cur := start
		for i, s := range steps {
			v = append(v, ChannelVector{
				Name:  fmt.Sprintf("%s step %d (%s %s → %s): %s", name, i+1, ChannelFieldLabels[s.f], ChannelLabels[s.c], s.want.describe(), s.rule),
				Start: cur, Field: s.f, Value: s.c, Want: s.want,
			})
			cur = s.want
		}
	}
	chain("chain 1", set(E, E, E),
		step{FieldDelivery, W, ruleA, set(W, E, W)},
		step{FieldReminder, W, ruleB, set(W, W, W)},
		step{FieldDelivery, S, ruleA, set(S, E, S)},
		step{FieldAuth, P, ruleC, set(S, E, P)},
		step{FieldReminder, S, ruleB, set(S, S, S)},
		step{FieldDelivery, E, ruleE, set(E, S, S)},
	)
	chain("chain 2", set(E, E, E),
		step{FieldReminder, S, ruleB, set(E, S, S)},
		step{FieldDelivery, S, ruleA, set(S, S, S)},
		step{FieldAuth, E, ruleC, set(S, E, E)},
		step{FieldDelivery, W, ruleA, set(W, E, W)},
		step{FieldReminder, E, ruleE, set(W, E, W)},
	)
	return v
}

// describe renders a channel set as "Envio/Notificação/Autenticação" labels
// for vector names.
func (c ChannelSet) describe() string {
	return ChannelLabels[c.Delivery] + "/" + ChannelLabels[c.Reminder] + "/" + ChannelLabels[c.Auth]
}

// Signer rule error codes.
const (
	// CodeSignerRulesEmpty: a contract has no signer at all.
	CodeSignerRulesEmpty = "signer_rules.empty"
	// CodeSignerRuleOrderInvalid: send order below 1.
	CodeSignerRuleOrderInvalid = "signer_rule.order_invalid"
	// CodeSignerRuleChoiceInvalid: an unknown signer type, evidence,
	// signature kind or channel (data: value).
	CodeSignerRuleChoiceInvalid = "signer_rule.choice_invalid"
	// CodeSignerNameTwoWords: a name needs first name and surname.
	CodeSignerNameTwoWords = "signer.name_two_words"
	// CodeSignerNameDigits: Clicksign refuses names with digits.
	CodeSignerNameDigits = "signer.name_digits"
	// CodeSignerEmailInvalid: an e-mail that is not one.
	CodeSignerEmailInvalid = "signer.email_invalid"
	// CodeSignerPhoneRequired: a channel is SMS or WhatsApp and there is no
	// mobile number.
	CodeSignerPhoneRequired = "signer.phone_required"
	// CodeSignerPhoneInvalid: not a Brazilian mobile (DDD + 9 digits
	// starting with 9).
	CodeSignerPhoneInvalid = "signer.phone_invalid"
	// CodeSignerCPFInvalid: wrong length or check digits.
	CodeSignerCPFInvalid = "signer.cpf_invalid"
	// CodeSignerCPFRequiredForPix: PIX authentication compares the payer's
	// CPF, so the signer's CPF must be known.
	CodeSignerCPFRequiredForPix = "signer.cpf_required_for_pix"
)

// ValidateSignerRules checks one contract's signer list and lists every
// problem at once, with fields like "rules[2].email". Rules for parties are
// checked for their choices only: their person data is checked when the
// reservation is resolved (ValidateResolvedSigners).
func ValidateSignerRules(rules []SignerRule) error {
	var inv Invalid
	if len(rules) == 0 {
		inv.Add(E(CodeSignerRulesEmpty).OnField("rules"))
	}
	for i, r := range rules {
		p := fmt.Sprintf("rules[%d].", i)
		checkChoices(&inv, p, r)
		if r.SignerType.Valid() && !r.SignerType.IsParty() {
			// Fixed persons always get e-mail: Clicksign sends the signed copy
			// and reminders by e-mail whatever the channels say, and the
			// office has no other place to fix a missing address.
			checkPerson(&inv, p, r.FixedPerson, r.Channels(), true)
		}
	}
	return inv.Err()
}

func checkChoices(inv *Invalid, p string, r SignerRule) {
	if r.SendOrder < 1 {
		inv.Add(E(CodeSignerRuleOrderInvalid, "min", 1).OnField(p + "sendOrder"))
	}
	bad := func(field string, value any) {
		inv.Add(E(CodeSignerRuleChoiceInvalid, "value", fmt.Sprint(value)).OnField(p + field))
	}
	if !r.SignerType.Valid() {
		bad("signerType", r.SignerType)
	}
	if !r.Evidence.Valid() {
		bad("evidence", r.Evidence)
	}
	if !r.SignatureKind.Valid() {
		bad("signatureKind", r.SignatureKind)
	}
	if !FieldDelivery.Accepts(r.Delivery) {
		bad("delivery", r.Delivery)
	}
	if !FieldReminder.Accepts(r.Reminder) {
		bad("reminder", r.Reminder)
	}
	if !FieldAuth.Accepts(r.Auth) {
		bad("auth", r.Auth)
	}
}

// NeedsEmail reports whether Clicksign will need the signer's e-mail for
// these channels. The signed copy can only go by e-mail or WhatsApp, so only a
// signer invited, reminded and authenticated without e-mail, whose reminder
// is WhatsApp, can do without one.
func (c ChannelSet) NeedsEmail() bool {
	return c.Delivery == ChannelEmail || c.Auth == ChannelEmail || c.Reminder != ChannelWhatsApp
}

// NeedsPhone reports whether any of the channels is SMS or WhatsApp.
func (c ChannelSet) NeedsPhone() bool {
	return c.Delivery.UsesPhone() || c.Reminder.UsesPhone() || c.Auth.UsesPhone()
}

// checkPerson reports the problems of one person's data under prefix p.
func checkPerson(inv *Invalid, p string, fp FixedPerson, c ChannelSet, emailAlways bool) {
	name := strings.Join(strings.Fields(fp.Name), " ")
	switch {
	case name == "":
		inv.Add(E(CodeRequired).OnField(p + "name"))
	case strings.IndexFunc(name, unicode.IsDigit) >= 0:
		inv.Add(E(CodeSignerNameDigits).OnField(p + "name"))
	case len(strings.Fields(name)) < 2:
		inv.Add(E(CodeSignerNameTwoWords).OnField(p + "name"))
	}
	email := strings.TrimSpace(fp.Email)
	switch {
	case email == "" && (emailAlways || c.NeedsEmail()):
		inv.Add(E(CodeRequired).OnField(p + "email"))
	case email != "" && !ValidEmail(email):
		inv.Add(E(CodeSignerEmailInvalid).OnField(p + "email"))
	}
	phone := strings.TrimSpace(fp.Phone)
	switch {
	case phone == "" && c.NeedsPhone():
		inv.Add(E(CodeSignerPhoneRequired).OnField(p + "phone"))
	case phone != "":
		if _, ok := ValidMobile(phone); !ok {
			inv.Add(E(CodeSignerPhoneInvalid).OnField(p + "phone"))
		}
	}
	cpf := strings.TrimSpace(fp.CPF)
	switch {
	case cpf == "" && c.Auth == ChannelPix:
		inv.Add(E(CodeSignerCPFRequiredForPix).OnField(p + "cpf"))
	case cpf != "" && !ValidCPF(cpf):
		inv.Add(E(CodeSignerCPFInvalid).OnField(p + "cpf"))
	}
}

// ValidEmail is a shape check (something@domain.tld, no spaces), the same one
// Clicksign applies; deliverability is the provider's business.
func ValidEmail(s string) bool {
	at := strings.LastIndex(s, "@")
	if at < 1 || at == len(s)-1 || strings.ContainsAny(s, " \t\r\n,;<>") || strings.Count(s, "@") != 1 {
		return false
	}
	domain := s[at+1:]
	dot := strings.LastIndex(domain, ".")
	return dot > 0 && dot < len(domain)-1 && !strings.Contains(domain, "..")
}

// cpfDigits returns the 11 digits of a CPF typed bare or as 000.000.000-00
// (spaces around are allowed), or "" when anything else is in it.
func cpfDigits(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '.' || r == '-':
		default:
			return ""
		}
	}
	if b.Len() != 11 {
		return ""
	}
	return b.String()
}

// ValidCPF checks a CPF, bare or formatted: 11 digits, not all equal, both
// check digits right.
func ValidCPF(s string) bool {
	d := cpfDigits(s)
	if d == "" || strings.Count(d, d[:1]) == 11 {
		return false
	}
	for _, n := range []int{9, 10} {
		sum := 0
		for i := 0; i < n; i++ {
			sum += int(d[i]-'0') * (n + 1 - i)
		}
		check := sum * 10 % 11
		if check == 10 {
			check = 0
		}
		if check != int(d[n]-'0') {
			return false
		}
	}
	return true
}

// FormatCPF renders a CPF as 000.000.000-00 (the form Clicksign documents).
// Input that is not 11 digits comes back unchanged so nothing is lost.
func FormatCPF(s string) string {
	d := cpfDigits(s)
	if d == "" {
		return s
	}
	return d[:3] + "." + d[3:6] + "." + d[6:9] + "-" + d[9:]
}

// brazilianDDDs are the area codes ANATEL assigns; a typo such as "20" or
// "23" is caught here instead of by an SMS that never arrives.
var brazilianDDDs = func() map[string]bool {
	m := map[string]bool{}
	for _, d := range strings.Fields(`11 12 13 14 15 16 17 18 19 21 22 24 27 28
		31 32 33 34 35 37 38 41 42 43 44 45 46 47 48 49 51 53 54 55
		61 62 63 64 65 66 67 68 69 71 73 74 75 77 79
		81 82 83 84 85 86 87 88 89 91 92 93 94 95 96 97 98 99`) {
		m[d] = true
	}
	return m
}()

// ValidMobile checks a Brazilian mobile number: DDD + 9 digits starting with
// 9, with or without +55, spaces, dashes and parentheses. normalized is DDD +
// number, 11 digits without +55: the form Clicksign's phone_number takes.
func ValidMobile(s string) (normalized string, ok bool) {
	s = strings.TrimSpace(s)
	plus := strings.HasPrefix(s, "+")
	if plus {
		s = s[1:]
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '(' || r == ')':
		default:
			return "", false
		}
	}
	d := b.String()
	switch {
	case len(d) == 13 && strings.HasPrefix(d, "55"):
		d = d[2:]
	case plus:
		// "+" followed by anything but 55 is a foreign number.
		return "", false
	}
	if len(d) != 11 || !brazilianDDDs[d[:2]] || d[2] != '9' {
		return "", false
	}
	return d, true
}

// ResolvedSigner is a rule bound to a real person: for parties the person
// comes from the reservation, for the others from the rule. It is what gets
// merged across contracts and mapped to Clicksign.
type ResolvedSigner struct {
	// Key identifies the person: "cpf:<digits>" when the CPF is known,
	// otherwise "email:<lower-case e-mail>" (then phone, then name, so two
	// people without either are still told apart).
	Key string `json:"key"`
	// SignerRule carries the strongest requirements and the person's data.
	// Its SignerType is the main one (see MergeSigners).
	SignerRule
	// Types lists every type the person signs as, main one first.
	Types []SignerType `json:"types"`
}

// ResolveSigner binds rule to person. For parties person supplies the data;
// for the other types the rule's own data wins and person is ignored. Names
// have their spaces collapsed and a valid CPF is formatted.
func ResolveSigner(rule SignerRule, person FixedPerson) ResolvedSigner {
	if rule.SignerType.IsParty() {
		rule.FixedPerson = person
	}
	fp := &rule.FixedPerson
	fp.Name = strings.Join(strings.Fields(fp.Name), " ")
	fp.Email = strings.TrimSpace(fp.Email)
	fp.Phone = strings.TrimSpace(fp.Phone)
	fp.CPF = strings.TrimSpace(fp.CPF)
	if ValidCPF(fp.CPF) {
		fp.CPF = FormatCPF(fp.CPF)
	}
	return ResolvedSigner{Key: PersonKey(rule.FixedPerson), SignerRule: rule, Types: []SignerType{rule.SignerType}}
}

// PersonKey is the identity of a person for merging: CPF digits when the CPF
// is valid, else the lower-case e-mail, else the normalized mobile, else the
// lower-case name.
func PersonKey(p FixedPerson) string {
	if ValidCPF(p.CPF) {
		return "cpf:" + cpfDigits(p.CPF)
	}
	if e := strings.ToLower(strings.TrimSpace(p.Email)); e != "" {
		return "email:" + e
	}
	if m, ok := ValidMobile(p.Phone); ok {
		return "phone:" + m
	}
	return "name:" + strings.ToLower(strings.Join(strings.Fields(p.Name), " "))
}

// ValidateResolvedSigners checks what Clicksign needs from each person for
// the channels chosen, listing every problem with fields like
// "signers[1].phone": a name of two words without digits, an e-mail when a
// channel or the signed copy needs it, a mobile for SMS/WhatsApp, a valid CPF
// where given and a CPF for PIX.
func ValidateResolvedSigners(signers []ResolvedSigner) error {
	var inv Invalid
	for i, s := range signers {
		checkPerson(&inv, fmt.Sprintf("signers[%d].", i), s.FixedPerson, s.Channels(), false)
	}
	return inv.Err()
}

// Strength ladders for MergeSigners, weakest first. Auth: an e-mail token
// proves access to a mailbox; an SMS token access to a phone line (open to
// SIM swap); a WhatsApp token needs the line and an installed, registered
// account; PIX ties the signature to a bank account whose owner's CPF the
// bank has verified.
var (
	authStrength      = map[Channel]int{ChannelEmail: 1, ChannelSMS: 2, ChannelWhatsApp: 3, ChannelPix: 4}
	evidenceStrength  = map[Evidence]int{EvidenceNone: 1, EvidenceSelfie: 2, EvidenceFacialBiometrics: 3}
	signatureStrength = map[SignatureKind]int{SignatureApproval: 1, SignatureSign: 2, SignatureHandwritten: 3}
)

func typeRank(t SignerType) int {
	for i, v := range signerTypes {
		if v == t {
			return i
		}
	}
	return len(signerTypes)
}

// samePerson decides whether b is the person of group a: equal CPFs, or equal
// e-mails when at least one CPF is unknown. Two different CPFs are two people
// even with one e-mail: couples often share an address.
func samePerson(a, b FixedPerson) bool {
	ca, cb := "", ""
	if ValidCPF(a.CPF) {
		ca = cpfDigits(a.CPF)
	}
	if ValidCPF(b.CPF) {
		cb = cpfDigits(b.CPF)
	}
	if ca != "" && cb != "" {
		return ca == cb
	}
	ea, eb := strings.ToLower(strings.TrimSpace(a.Email)), strings.ToLower(strings.TrimSpace(b.Email))
	if ea != "" || eb != "" {
		return ea == eb
	}
	return PersonKey(a) == PersonKey(b)
}

// MergeSigners joins the signers of contracts sent together in one envelope,
// so each person appears once with the strongest of their requirements:
//
//   - SendOrder: the lowest (the earliest turn any contract gave them);
//   - Evidence: none < selfie < facial_biometrics;
//   - SignatureKind: approval < signature < handwritten;
//   - Auth: email < sms < whatsapp < pix. Delivery and Reminder travel with
//     the Auth they were chosen with (the channel rules couple the three), so
//     the trio comes from the occurrence with the strongest Auth, the earlier
//     one on a tie;
//   - SignerType: the highest in the screen order (holder, spouse, associate,
//     guarantor, broker, agency, developer, manager, witness); Types keeps all;
//   - person data: the first non-empty value of each field.
//
// The same person means equal CPFs, or equal e-mails when one CPF is unknown
// (with neither CPF nor e-mail: equal mobile, then equal name). The result is
// sorted by SendOrder, then by first appearance, and Key is recomputed from
// the merged data (a CPF learnt from another contract becomes the key).
func MergeSigners(contracts ...[]ResolvedSigner) []ResolvedSigner {
	var out []ResolvedSigner
	for _, list := range contracts {
		for _, s := range list {
			i := -1
			for j := range out {
				if samePerson(out[j].FixedPerson, s.FixedPerson) {
					i = j
					break
				}
			}
			if i < 0 {
				s.Types = mergeTypes(nil, s.Types, s.SignerType)
				if len(s.Types) > 0 {
					s.SignerType = s.Types[0]
				}
				out = append(out, s)
				continue
			}
			out[i] = mergeTwo(out[i], s)
		}
	}
	for i := range out {
		out[i].Key = PersonKey(out[i].FixedPerson)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].SendOrder < out[b].SendOrder })
	return out
}

func mergeTwo(a, b ResolvedSigner) ResolvedSigner {
	if b.SendOrder < a.SendOrder {
		a.SendOrder = b.SendOrder
	}
	if evidenceStrength[b.Evidence] > evidenceStrength[a.Evidence] {
		a.Evidence = b.Evidence
	}
	if signatureStrength[b.SignatureKind] > signatureStrength[a.SignatureKind] {
		a.SignatureKind = b.SignatureKind
	}
	if authStrength[b.Auth] > authStrength[a.Auth] {
		a.SignerRule = a.WithChannels(b.Channels())
	}
	a.Types = mergeTypes(a.Types, b.Types, b.SignerType)
	if len(a.Types) > 0 {
		a.SignerType = a.Types[0]
	}
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&a.Name, b.Name)
	fill(&a.Email, b.Email)
	fill(&a.Phone, b.Phone)
	fill(&a.CPF, b.CPF)
	return a
}

// mergeTypes unions the types and sorts them by precedence, main type first.
func mergeTypes(have, more []SignerType, main SignerType) []SignerType {
	out := append([]SignerType(nil), have...)
	for _, t := range append(append([]SignerType(nil), more...), main) {
		if t == "" {
			continue
		}
		dup := false
		for _, h := range out {
			dup = dup || h == t
		}
		if !dup {
			out = append(out, t)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return typeRank(out[i]) < typeRank(out[j]) })
	return out
}
