package crm

import "fmt"

// The vocabulary of how a signer is reached and what they give: evidence,
// signature kind, channels and channel fields, and the channel rules the
// signer screen applies when the user picks a channel (ChannelSet.Apply and
// the test vectors shared with the frontend).

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
	// ChannelICPBrasil is a qualified signature with an ICP-Brasil digital
	// certificate (A1 file or A3 token/card); valid only for Auth, and it
	// needs the signer's CPF, which the certificate must carry (see icp.go).
	ChannelICPBrasil Channel = "icp_brasil"
)

// ChannelLabels are the pt-BR names of the channels.
var ChannelLabels = map[Channel]string{
	ChannelEmail:     "E-mail",
	ChannelSMS:       "SMS",
	ChannelWhatsApp:  "WhatsApp",
	ChannelPix:       "PIX",
	ChannelICPBrasil: "Certificado ICP-Brasil",
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
		return []Channel{ChannelEmail, ChannelSMS, ChannelPix, ChannelWhatsApp, ChannelICPBrasil}
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

// ChannelSet is the three channel choices of a rule, the unit the channel
// rules work on.
type ChannelSet struct {
	Delivery Channel `json:"delivery"`
	Reminder Channel `json:"reminder"`
	Auth     Channel `json:"auth"`
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
		if value.UsesPhone() && c.Auth != ChannelICPBrasil {
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
		if value.UsesPhone() && c.Auth != ChannelICPBrasil {
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
//	c. changing Autenticação by hand (to any value) sets Notificação to E-mail;
//	i. an ICP-Brasil Autenticação stays when Envio or Notificação change:
//	   the certificate is not a code sent to a channel, and a contract that
//	   goes to registry must not lose it behind the user's back.
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
	ruleI = "i. an ICP-Brasil Autenticação stays when Envio or Notificação change"
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
		I = ChannelICPBrasil
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
		{ruleC + " [ICP-Brasil]", set(W, W, W), FieldAuth, I, set(W, E, I)},
		{ruleI + " [WhatsApp in Envio]", set(E, E, I), FieldDelivery, W, set(W, E, I)},
		{ruleI + " [SMS in Envio keeps Notificação SMS]", set(E, S, I), FieldDelivery, S, set(S, S, I)},
		{ruleI + " [SMS in Notificação]", set(E, E, I), FieldReminder, S, set(E, S, I)},
		{ruleX + " [ICP-Brasil in Envio]", set(E, E, E), FieldDelivery, I, set(E, E, E)},
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
