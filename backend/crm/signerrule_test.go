package crm

import (
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func ruleProblems(err error) map[string]string {
	out := map[string]string{}
	var inv *Invalid
	if errors.As(err, &inv) {
		for _, p := range inv.Problems {
			out[p.Field] = p.Code
		}
	}
	return out
}

func TestValidateSignerRules(t *testing.T) {
	witness := func(mod func(*SignerRule)) SignerRule {
		r := NewSignerRule(SignerWitness)
		r.SendOrder = 2
		r.FixedPerson = FixedPerson{Name: "Ana Lima", Email: "ana@exemplo.com.br", Phone: "(11) 98765-4321", CPF: "529.982.247-25"}
		if mod != nil {
			mod(&r)
		}
		return r
	}
	holder := NewSignerRule(SignerHolder)
	tests := []struct {
		name  string
		rules []SignerRule
		want  map[string]string
	}{
		{"holder and witness, all fine", []SignerRule{holder, witness(nil)}, map[string]string{}},
		{"a rule list with no signer", nil, map[string]string{"rules": CodeSignerRulesEmpty}},
		{"order below 1", []SignerRule{holder, witness(func(r *SignerRule) { r.SendOrder = 0 })},
			map[string]string{"rules[1].sendOrder": CodeSignerRuleOrderInvalid}},
		{"witness without name", []SignerRule{witness(func(r *SignerRule) { r.Name = "  " })},
			map[string]string{"rules[0].name": CodeRequired}},
		{"developer with one-word name", []SignerRule{witness(func(r *SignerRule) { r.SignerType = SignerDeveloper; r.Name = "Construtora" })},
			map[string]string{"rules[0].name": CodeSignerNameTwoWords}},
		{"manager name with digits", []SignerRule{witness(func(r *SignerRule) { r.SignerType = SignerManager; r.Name = "Gestor 2 Silva" })},
			map[string]string{"rules[0].name": CodeSignerNameDigits}},
		{"agency without e-mail", []SignerRule{witness(func(r *SignerRule) { r.SignerType = SignerAgency; r.Email = "" })},
			map[string]string{"rules[0].email": CodeRequired}},
		{"witness with bad e-mail", []SignerRule{holder, holder, witness(func(r *SignerRule) { r.Email = "ana@exemplo" })},
			map[string]string{"rules[2].email": CodeSignerEmailInvalid}},
		{"invalid CPF where given", []SignerRule{witness(func(r *SignerRule) { r.CPF = "529.982.247-26" })},
			map[string]string{"rules[0].cpf": CodeSignerCPFInvalid}},
		{"empty CPF is fine without PIX", []SignerRule{witness(func(r *SignerRule) { r.CPF = "" })}, map[string]string{}},
		{"PIX auth requires a CPF for fixed persons", []SignerRule{witness(func(r *SignerRule) { r.CPF = ""; r.Auth = ChannelPix })},
			map[string]string{"rules[0].cpf": CodeSignerCPFRequiredForPix}},
		{"SMS delivery needs a mobile", []SignerRule{witness(func(r *SignerRule) { r.Phone = ""; r.Delivery = ChannelSMS })},
			map[string]string{"rules[0].phone": CodeSignerPhoneRequired}},
		{"WhatsApp reminder needs a mobile", []SignerRule{witness(func(r *SignerRule) { r.Phone = ""; r.Reminder = ChannelWhatsApp })},
			map[string]string{"rules[0].phone": CodeSignerPhoneRequired}},
		{"WhatsApp auth needs a mobile", []SignerRule{witness(func(r *SignerRule) { r.Phone = ""; r.Auth = ChannelWhatsApp })},
			map[string]string{"rules[0].phone": CodeSignerPhoneRequired}},
		{"landline is not a mobile", []SignerRule{witness(func(r *SignerRule) { r.Phone = "(11) 3456-7890"; r.Delivery = ChannelWhatsApp })},
			map[string]string{"rules[0].phone": CodeSignerPhoneInvalid}},
		{"no phone and e-mail only is fine", []SignerRule{witness(func(r *SignerRule) { r.Phone = "" })}, map[string]string{}},
		{"party rules carry no person data to check", []SignerRule{{SendOrder: 1, SignerType: SignerSpouse, Evidence: EvidenceFacialBiometrics,
			SignatureKind: SignatureHandwritten, Delivery: ChannelWhatsApp, Reminder: ChannelEmail, Auth: ChannelPix}}, map[string]string{}},
		{"unknown enum values", []SignerRule{{SendOrder: 1, SignerType: "client", Evidence: "", SignatureKind: "stamp",
			Delivery: ChannelPix, Reminder: "telegram", Auth: "selfie"}}, map[string]string{
			"rules[0].signerType": CodeSignerRuleChoiceInvalid, "rules[0].evidence": CodeSignerRuleChoiceInvalid,
			"rules[0].signatureKind": CodeSignerRuleChoiceInvalid, "rules[0].delivery": CodeSignerRuleChoiceInvalid,
			"rules[0].reminder": CodeSignerRuleChoiceInvalid, "rules[0].auth": CodeSignerRuleChoiceInvalid,
		}},
		{"every problem at once", []SignerRule{
			holder,
			witness(func(r *SignerRule) {
				r.SendOrder = -1
				r.Name = "Ana"
				r.Email = ""
				r.CPF = "123"
				r.Phone = ""
				r.Delivery = ChannelSMS
			}),
			witness(func(r *SignerRule) { r.SignerType = SignerManager; r.Email = "x"; r.CPF = ""; r.Auth = ChannelPix }),
		}, map[string]string{
			"rules[1].sendOrder": CodeSignerRuleOrderInvalid, "rules[1].name": CodeSignerNameTwoWords,
			"rules[1].email": CodeRequired, "rules[1].cpf": CodeSignerCPFInvalid, "rules[1].phone": CodeSignerPhoneRequired,
			"rules[2].email": CodeSignerEmailInvalid, "rules[2].cpf": CodeSignerCPFRequiredForPix,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ruleProblems(ValidateSignerRules(tc.rules))
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("problems = %v\nwant       %v", got, tc.want)
			}
		})
	}
}

func TestValidateResolvedSigners(t *testing.T) {
	person := FixedPerson{Name: "Maria Souza", Email: "maria@exemplo.com.br", Phone: "+55 11 98888-7777", CPF: "111.444.777-35"}
	signer := func(mod func(*ResolvedSigner)) ResolvedSigner {
		s := ResolveSigner(NewSignerRule(SignerHolder), person)
		if mod != nil {
			mod(&s)
		}
		return s
	}
	tests := []struct {
		name    string
		signers []ResolvedSigner
		want    map[string]string
	}{
		{"complete holder", []ResolvedSigner{signer(nil)}, map[string]string{}},
		{"holder without e-mail, all by e-mail", []ResolvedSigner{signer(func(s *ResolvedSigner) { s.Email = "" })},
			map[string]string{"signers[0].email": CodeRequired}},
		{"holder without e-mail, SMS everywhere: the signed copy still goes by e-mail",
			[]ResolvedSigner{signer(func(s *ResolvedSigner) {
				s.Email = ""
				s.SignerRule = s.WithChannels(ChannelSet{ChannelSMS, ChannelSMS, ChannelSMS})
			})}, map[string]string{"signers[0].email": CodeRequired}},
		{"holder without e-mail, WhatsApp everywhere needs none",
			[]ResolvedSigner{signer(func(s *ResolvedSigner) {
				s.Email = ""
				s.SignerRule = s.WithChannels(ChannelSet{ChannelWhatsApp, ChannelWhatsApp, ChannelWhatsApp})
			})}, map[string]string{}},
		{"spouse without phone chose WhatsApp",
			[]ResolvedSigner{signer(nil), signer(func(s *ResolvedSigner) { s.Phone = ""; s.Delivery = ChannelWhatsApp })},
			map[string]string{"signers[1].phone": CodeSignerPhoneRequired}},
		{"associate with PIX and no CPF", []ResolvedSigner{signer(func(s *ResolvedSigner) { s.CPF = ""; s.Auth = ChannelPix })},
			map[string]string{"signers[0].cpf": CodeSignerCPFRequiredForPix}},
		{"broker with one-word name and bad CPF", []ResolvedSigner{signer(func(s *ResolvedSigner) { s.Name = "Carlos"; s.CPF = "000.000.000-00" })},
			map[string]string{"signers[0].name": CodeSignerNameTwoWords, "signers[0].cpf": CodeSignerCPFInvalid}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ruleProblems(ValidateResolvedSigners(tc.signers))
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("problems = %v\nwant       %v", got, tc.want)
			}
		})
	}
}

// TestAddEnvelopeSignerProblems pins the send-time rule both the contracts
// screen and the signing service show: every problem of every merged person,
// in order, on that person's own field, with the name, and a missing or
// unusable mobile on SMS/WhatsApp as the one sentence Clicksign users know.
func TestAddEnvelopeSignerProblems(t *testing.T) {
	person := FixedPerson{Name: "Maria Souza", Email: "maria@exemplo.com.br", Phone: "+55 11 98888-7777", CPF: "111.444.777-35"}
	signer := func(mod func(*ResolvedSigner)) ResolvedSigner {
		s := ResolveSigner(NewSignerRule(SignerHolder), person)
		if mod != nil {
			mod(&s)
		}
		return s
	}
	type problem struct {
		Field, Code string
		Data        map[string]any
	}
	phoneRequired := func(field, name string) problem {
		return problem{field, CodeEnvelopeSignerPhoneRequired, map[string]any{"name": name, "message": PhoneRequiredMessage}}
	}
	tests := []struct {
		name    string
		signers []ResolvedSigner
		want    []problem
	}{
		{"complete holder", []ResolvedSigner{signer(nil)}, nil},
		{"second person without phone chose WhatsApp",
			[]ResolvedSigner{signer(nil), signer(func(s *ResolvedSigner) { s.Name = "Ana Lima"; s.Phone = ""; s.Delivery = ChannelWhatsApp })},
			[]problem{phoneRequired("signers[1].phone", "Ana Lima")}},
		{"landline with SMS authentication is a missing mobile",
			[]ResolvedSigner{signer(func(s *ResolvedSigner) { s.Phone = "(11) 3333-4444"; s.Auth = ChannelSMS })},
			[]problem{phoneRequired("signers[0].phone", "Maria Souza")}},
		{"landline with e-mail only stays an invalid phone, with the name",
			[]ResolvedSigner{signer(func(s *ResolvedSigner) { s.Phone = "(11) 3333-4444" })},
			[]problem{{"signers[0].phone", CodeSignerPhoneInvalid, map[string]any{"name": "Maria Souza"}}}},
		{"third person: every problem, in order, on their own fields",
			[]ResolvedSigner{signer(nil), signer(nil), signer(func(s *ResolvedSigner) {
				s.Name = "Carlos"
				s.Email = ""
				s.Phone = ""
				s.CPF = ""
				s.SignerRule = s.WithChannels(ChannelSet{ChannelEmail, ChannelWhatsApp, ChannelPix})
			})},
			[]problem{
				{"signers[2].name", CodeSignerNameTwoWords, map[string]any{"name": "Carlos"}},
				{"signers[2].email", CodeRequired, map[string]any{"name": "Carlos"}},
				phoneRequired("signers[2].phone", "Carlos"),
				{"signers[2].cpf", CodeSignerCPFRequiredForPix, map[string]any{"name": "Carlos"}},
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var inv Invalid
			AddEnvelopeSignerProblems(&inv, tc.signers)
			var got []problem
			for _, p := range inv.Problems {
				got = append(got, problem{p.Field, p.Code, p.Data})
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("problems = %+v\nwant       %+v", got, tc.want)
			}
		})
	}
}

func TestSignerRuleLabelsComplete(t *testing.T) {
	for _, st := range SignerTypes() {
		if SignerTypeLabels[st] == "" {
			t.Errorf("no label for %q", st)
		}
	}
	if len(SignerTypes()) != len(SignerTypeLabels) {
		t.Errorf("SignerTypes() and SignerTypeLabels disagree")
	}
	for _, f := range []ChannelField{FieldDelivery, FieldReminder, FieldAuth} {
		if ChannelFieldLabels[f] == "" {
			t.Errorf("no label for field %q", f)
		}
		for _, c := range ChannelsFor(f) {
			if ChannelLabels[c] == "" {
				t.Errorf("no label for channel %q", c)
			}
		}
	}
	parties := 0
	for _, st := range SignerTypes() {
		if st.IsParty() {
			parties++
		}
	}
	if parties != 5 || SignerWitness.IsParty() || SignerAgency.IsParty() || SignerDeveloper.IsParty() || SignerManager.IsParty() {
		t.Errorf("IsParty wrong: %d parties", parties)
	}
}

// The frontend binds these names; the person's fields sit at the rule's top
// level so problem paths like "rules[2].email" match the JSON.
func TestSignerRuleJSONShape(t *testing.T) {
	r := NewSignerRule(SignerWitness)
	r.FixedPerson = FixedPerson{Name: "Ana Lima", Email: "ana@exemplo.com.br"}
	raw, err := json.Marshal(ResolveSigner(r, FixedPerson{}))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := "auth cpf delivery email evidence key name phone reminder sendOrder signatureKind signerType types"
	if strings.Join(keys, " ") != want {
		t.Fatalf("keys = %v\nwant   %s", keys, want)
	}
}
