package crm

import (
	"fmt"
	"strings"
	"unicode"
)

// This file is "Jurídico → Assinatura Eletrônica → Configurar Assinantes": who
// signs each contract, in which order, how they are invited, reminded and
// authenticated, and what evidence they must give. The rules here need no I/O;
// signing maps a resolved rule to Clicksign in one place (signing/mapping.go).
// The words a rule is made of live beside it: signertype.go (who signs),
// channel.go (evidence, signature kind, channels and their coupling),
// signermerge.go (a rule bound to a person, and merging across contracts) and
// person.go (CPF, e-mail, phone).

// FixedPerson is the data of a signer who is not in the reservation
// (witness, agency, developer, manager). It is embedded in SignerRule, so its
// fields sit at the rule's top level in JSON and in problem paths
// ("rules[2].email").
type FixedPerson struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	// Phone is a Brazilian mobile number as typed; ValidMobile normalizes it.
	Phone string `json:"phone"`
	// CPF may be formatted or bare digits; optional unless Auth is PIX or
	// ICP-Brasil.
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

// Channels returns the rule's channel choices.
func (r SignerRule) Channels() ChannelSet {
	return ChannelSet{Delivery: r.Delivery, Reminder: r.Reminder, Auth: r.Auth}
}

// WithChannels returns r with its channel choices replaced by c.
func (r SignerRule) WithChannels(c ChannelSet) SignerRule {
	r.Delivery, r.Reminder, r.Auth = c.Delivery, c.Reminder, c.Auth
	return r
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
		checkICPEvidence(&inv, i, r)
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
	case cpf == "" && c.Auth == ChannelICPBrasil:
		inv.Add(E(CodeSignerCPFRequiredForICP).OnField(p + "cpf"))
	case cpf != "" && !ValidCPF(cpf):
		inv.Add(E(CodeSignerCPFInvalid).OnField(p + "cpf"))
	}
}
