package legal

import (
	"strings"

	"selo/backend/crm"
	"selo/backend/signing"
)

// DocuSignPreview is what DocuSign will make of a signer list while it is
// edited for a development whose key is a DocuSign one: each rule's
// compromises ("Como a DocuSign fará") and, before any send, every problem
// that would refuse one.
type DocuSignPreview struct {
	// Rules has one entry per rule, in the same order.
	Rules []RulePreview `json:"rules"`
	// Problems are signing.ValidateForDocuSign's and the rules Selo cannot
	// carry to DocuSign yet, on fields named like the editor's
	// ("rules[1].phone").
	Problems []signing.Problem `json:"problems"`
}

// PreviewDocuSign maps each rule with signing.MapDocuSignSigner and checks
// the list with signing.ValidateForDocuSign. A party of the reservation
// stands in as someone with every contact (previewPerson), so its problems
// are the rule's own choices, not data a reservation will supply; a fixed
// person is checked with what was typed. Rules are not merged: the editor
// shows one line per rule, and a send merges the same person later.
func PreviewDocuSign(rules []crm.SignerRule) DocuSignPreview {
	out := DocuSignPreview{Rules: make([]RulePreview, len(rules)), Problems: []signing.Problem{}}
	resolved := make([]crm.ResolvedSigner, len(rules))
	ms := make([]signing.DocuSignMapping, len(rules))
	for i, r := range rules {
		resolved[i] = crm.ResolveSigner(r, previewPerson)
		m := signing.MapDocuSignSigner(resolved[i])
		ms[i] = m
		out.Rules[i] = RulePreview{Compromises: m.Compromises}
		if out.Rules[i].Compromises == nil {
			out.Rules[i].Compromises = []signing.Compromise{}
		}
	}
	// An empty list is already said by the editor ("Nenhum assinante").
	if len(rules) == 0 {
		return out
	}
	// What the send would refuse either way: the rule cannot be met, or
	// Selo cannot carry it to DocuSign yet.
	problems := append(signing.ValidateForDocuSign(resolved), signing.DocuSignNotCarriedProblems(ms)...)
	for _, p := range problems {
		if rest, ok := strings.CutPrefix(p.Field, "signers["); ok {
			p.Field = "rules[" + rest
		}
		out.Problems = append(out.Problems, p)
	}
	return out
}
