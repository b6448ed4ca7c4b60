package crm

import (
	"fmt"
	"sort"
	"strings"
)

// Resolution and merging of signers: a rule bound to a real person
// (ResolvedSigner), the person's identity for merging (PersonKey), and the
// merge of the signers of several contracts into one envelope.

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

// CodeEnvelopeSignerPhoneRequired: a person is invited, reminded or
// authenticated by SMS or WhatsApp without a valid mobile. Data: name (the
// person), message (PhoneRequiredMessage, the exact sentence). It replaces
// CodeSignerPhoneRequired and CodeSignerPhoneInvalid at send time, where the
// screen must show that sentence.
const CodeEnvelopeSignerPhoneRequired = "envelope.signer_phone_required"

// PhoneRequiredMessage is the sentence shown, with the person's name, when
// SMS or WhatsApp is chosen and the person has no valid mobile.
const PhoneRequiredMessage = "Assinatura Eletrônica com autenticação via SMS/WhatsApp requer um número de telefone válido."

// AddEnvelopeSignerProblems adds to inv what each signer of an envelope
// (the result of MergeSigners) lacks for their channels, in the order
// ValidateResolvedSigners finds it, on fields like "signers[1].phone" and
// with the person's name in the data, because the send screen lists
// problems of several people at once. A missing or invalid mobile on an
// SMS/WhatsApp channel becomes CodeEnvelopeSignerPhoneRequired with
// PhoneRequiredMessage: the sentence Clicksign users know.
func AddEnvelopeSignerProblems(inv *Invalid, merged []ResolvedSigner) {
	for i, m := range merged {
		var own Invalid
		checkPerson(&own, fmt.Sprintf("signers[%d].", i), m.FixedPerson, m.Channels(), false)
		for _, p := range own.Problems {
			if p.Code == CodeSignerPhoneRequired || (p.Code == CodeSignerPhoneInvalid && m.Channels().NeedsPhone()) {
				inv.Add(E(CodeEnvelopeSignerPhoneRequired, "name", m.Name, "message", PhoneRequiredMessage).OnField(p.Field))
				continue
			}
			data := map[string]any{}
			for k, v := range p.Data {
				data[k] = v
			}
			data["name"] = m.Name
			e := *p
			e.Data = data
			inv.Add(&e)
		}
	}
}

// Strength ladders for MergeSigners, weakest first. Auth: an e-mail token
// proves access to a mailbox; an SMS token access to a phone line (open to
// SIM swap); a WhatsApp token needs the line and an installed, registered
// account; PIX ties the signature to a bank account whose owner's CPF the
// bank has verified; an ICP-Brasil certificate is a qualified signature in
// law (Lei 14.063/2020), the only one a property registry accepts.
var (
	authStrength      = map[Channel]int{ChannelEmail: 1, ChannelSMS: 2, ChannelWhatsApp: 3, ChannelPix: 4, ChannelICPBrasil: 5}
	evidenceStrength  = map[Evidence]int{EvidenceNone: 1, EvidenceSelfie: 2, EvidenceFacialBiometrics: 3}
	signatureStrength = map[SignatureKind]int{SignatureApproval: 1, SignatureSign: 2, SignatureHandwritten: 3}
)

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
//   - Auth: email < sms < whatsapp < pix < icp_brasil. Delivery and Reminder travel with
//     the Auth they were chosen with (the channel rules couple the three), so
//     the trio comes from the occurrence with the strongest Auth, the earlier
//     one on a tie;
//   - SignerType: the highest in the screen order (holder, spouse, associate,
//     guarantor, broker, agency, developer, manager, witness); Types keeps all;
//   - person data: the first non-empty value of each field;
//   - with ICP-Brasil, no extra evidence and no handwritten signature (see
//     checkICPEvidence: the certificate excludes them).
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
		out[i] = dropICPExtras(out[i])
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
