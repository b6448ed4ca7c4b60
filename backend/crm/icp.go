package crm

import "fmt"

// "Vai a registro": contracts a property registry will register (a purchase
// commitment, a deed of sale) need a qualified electronic signature, made
// with an ICP-Brasil certificate, from the parties to the act. This file says
// who those parties are among the signer types and refuses a signer list
// that would send such a contract with a simpler signature.

// registryTypes are the signer types that must sign a contract going to
// registry with an ICP-Brasil certificate. Lei 14.063/2020, art. 5 §2 IV,
// demands the qualified signature for "atos de transferência e de registro de
// bens imóveis", so it binds the parties to the transfer: the buyer
// (titular) and every co-buyer (associado), the holder's spouse (whose
// consent the registry requires: Código Civil art. 1.647 I), and the seller,
// which here is the developer signing through its representative or
// attorney. The guarantor, witnesses, broker, agency and manager take part
// in the contract but transfer nothing, so a simpler signature still serves
// them and the office is spared buying them certificates.
var registryTypes = map[SignerType]bool{
	SignerHolder: true, SignerSpouse: true, SignerAssociate: true, SignerDeveloper: true,
}

// RequiresICP reports whether signer type t must sign a contract that goes to
// registry with an ICP-Brasil certificate.
func RequiresICP(t SignerType) bool { return registryTypes[t] }

// RegistrySignerTypes lists the types RequiresICP holds for, in screen order.
func RegistrySignerTypes() []SignerType {
	var out []SignerType
	for _, t := range signerTypes {
		if registryTypes[t] {
			out = append(out, t)
		}
	}
	return out
}

// ICPReason is the sentence the Jurídico screen shows beside a signer who
// must use a certificate.
const ICPReason = "Este contrato vai a registro: a Lei 14.063/2020 (art. 5º, §2º, IV) exige assinatura qualificada, com certificado ICP-Brasil, das partes da transferência do imóvel."

// ICP-Brasil error codes.
const (
	// CodeSignerCPFRequiredForICP: an ICP-Brasil signature is checked
	// against the CPF in the certificate (DocuSign sends it as cpfNumber), so
	// the signer's CPF must be known.
	CodeSignerCPFRequiredForICP = "signer.cpf_required_for_icp"
	// CodeRegistryICPRequired: a signer rule of a contract that goes to
	// registry asks a party to the transfer for a simple signature. Data: n
	// (the 1-based row), type (its pt-BR type name).
	CodeRegistryICPRequired = "signer_rule.icp_required"
	// CodeEnvelopeRegistryICP is CodeRegistryICPRequired found at send time,
	// with the contract's name added (data: contract, n, type): rules saved
	// before the template was marked "Vai a registro".
	CodeEnvelopeRegistryICP = "envelope.icp_required"
	// CodeRegistrySignatureRequired: a party to the transfer of a contract
	// that goes to registry signs "Aprovação". Clicksign's "Assinar para
	// aprovar" and DocuSign's certified delivery are not the party's
	// signature the registry asks for (and DocuSign takes no certificate on a
	// certified delivery). Data: n, type.
	CodeRegistrySignatureRequired = "signer_rule.icp_signature_required"
	// CodeEnvelopeRegistrySignature is CodeRegistrySignatureRequired found at
	// send time (data: contract, n, type).
	CodeEnvelopeRegistrySignature = "envelope.icp_signature_required"
)

// registryProblems reports what rule r of a contract that goes to registry
// lacks: the certificate, or a signature instead of an approval.
func registryProblems(r SignerRule) (auth, approval bool) {
	if !RequiresICP(r.SignerType) {
		return false, false
	}
	return r.Auth != ChannelICPBrasil, r.SignatureKind == SignatureApproval
}

// ValidateRegistryRules checks the signer list of a contract that goes to
// registry: every rule whose type RequiresICP must authenticate with
// ChannelICPBrasil (a problem on "rules[i].auth") and sign rather than
// approve (a problem on "rules[i].signatureKind"). Other checks are
// ValidateSignerRules'.
func ValidateRegistryRules(rules []SignerRule) error {
	var inv Invalid
	for i, r := range rules {
		auth, approval := registryProblems(r)
		if auth {
			inv.Add(E(CodeRegistryICPRequired, "n", i+1, "type", SignerTypeLabels[r.SignerType]).
				OnField(fmt.Sprintf("rules[%d].auth", i)))
		}
		if approval {
			inv.Add(E(CodeRegistrySignatureRequired, "n", i+1, "type", SignerTypeLabels[r.SignerType]).
				OnField(fmt.Sprintf("rules[%d].signatureKind", i)))
		}
	}
	return inv.Err()
}

// AddRegistryProblems adds to inv, for the contract named contract that goes
// to registry, one CodeEnvelopeRegistryICP per rule that ValidateRegistryRules
// refuses (CodeEnvelopeRegistrySignature for an approval), on field
// "contracts": the send lists them with the rest.
func AddRegistryProblems(inv *Invalid, contract string, rules []SignerRule) {
	for i, r := range rules {
		auth, approval := registryProblems(r)
		if auth {
			inv.Add(E(CodeEnvelopeRegistryICP, "contract", contract, "n", i+1, "type", SignerTypeLabels[r.SignerType]).
				OnField("contracts"))
		}
		if approval {
			inv.Add(E(CodeEnvelopeRegistrySignature, "contract", contract, "n", i+1, "type", SignerTypeLabels[r.SignerType]).
				OnField("contracts"))
		}
	}
}

// ICP-Brasil with extra evidence. Clicksign's reference says an icp_brasil
// signer must have every *_enabled evidence (selfie, handwritten, facial
// biometrics…) switched off (v1 "criar signatário"; for v3 requirements
// it is UNCONFIRMED), and DocuSign's standards-based providers run their own
// signing flow, so ID Verification or a drawn signature beside one is
// UNCONFIRMED too. Selo takes the documented answer: the certificate is the
// evidence. A rule asking for both is refused on its row; signers merged
// across contracts (one with a certificate, one with a selfie) keep only the
// certificate (MergeSigners), because it proves more than the selfie.
const (
	// CodeICPEvidence: a rule with ICP-Brasil also asks for a selfie or
	// facial biometrics. Data: n (1-based row), evidence (its pt-BR name).
	CodeICPEvidence = "signer_rule.icp_evidence"
	// CodeICPHandwritten: a rule with ICP-Brasil also asks for a
	// handwritten signature. Data: n.
	CodeICPHandwritten = "signer_rule.icp_handwritten"
)

// checkICPEvidence adds to inv what rule number i asks for beside ICP-Brasil
// that the certificate excludes: evidence, or a handwritten signature.
func checkICPEvidence(inv *Invalid, i int, r SignerRule) {
	if r.Auth != ChannelICPBrasil {
		return
	}
	if r.Evidence != EvidenceNone && r.Evidence.Valid() {
		inv.Add(E(CodeICPEvidence, "n", i+1, "evidence", EvidenceLabels[r.Evidence]).
			OnField(fmt.Sprintf("rules[%d].evidence", i)))
	}
	if r.SignatureKind == SignatureHandwritten {
		inv.Add(E(CodeICPHandwritten, "n", i+1).OnField(fmt.Sprintf("rules[%d].signatureKind", i)))
	}
}

// dropICPExtras clears what an ICP-Brasil signer cannot also be asked for.
func dropICPExtras(s ResolvedSigner) ResolvedSigner {
	if s.Auth != ChannelICPBrasil {
		return s
	}
	s.Evidence = EvidenceNone
	if s.SignatureKind == SignatureHandwritten {
		s.SignatureKind = SignatureSign
	}
	return s
}
