package crm

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// The vectors file is rewritten with: go test ./backend/crm -run TestChannelRuleVectorsFile -update
// The flag is registered only if no other test file of the package did it
// first, so two files wanting "-update" do not panic the test binary.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files under testdata")
	}
}

func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const channelVectorsFile = "testdata/channel_rules.json"

// channelVectorsDoc is the file's shape: the vectors plus how to regenerate
// them, for whoever opens it from the frontend side.
type channelVectorsDoc struct {
	Source  string          `json:"source"`
	Vectors []ChannelVector `json:"vectors"`
}

func channelVectorsJSON(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	doc := channelVectorsDoc{
		Source:  "crm.ChannelRuleVectors(); regenerate with: go test ./backend/crm -run TestChannelRuleVectorsFile -update",
		Vectors: ChannelRuleVectors(),
	}
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestChannelRuleVectorsFile(t *testing.T) {
	want := channelVectorsJSON(t)
	if updateGolden() {
		if err := os.MkdirAll(filepath.Dir(channelVectorsFile), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(channelVectorsFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(channelVectorsFile)
	if err != nil {
		t.Fatalf("%v (run: go test ./backend/crm -run TestChannelRuleVectorsFile -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from ChannelRuleVectors(); run: go test ./backend/crm -run TestChannelRuleVectorsFile -update", channelVectorsFile)
	}
}

func TestApplyChannelChange(t *testing.T) {
	for _, v := range ChannelRuleVectors() {
		t.Run(v.Name, func(t *testing.T) {
			rule := NewSignerRule(SignerWitness)
			rule.FixedPerson = FixedPerson{Name: "Ana Lima", Email: "ana@exemplo.com.br"}
			rule.SendOrder, rule.Evidence = 3, EvidenceSelfie
			rule = rule.WithChannels(v.Start)
			got := ApplyChannelChange(rule, v.Field, v.Value)
			if got.Channels() != v.Want {
				t.Fatalf("%s=%s on %+v: got %+v, want %+v", v.Field, v.Value, v.Start, got.Channels(), v.Want)
			}
			// Only the channels may change.
			if got.WithChannels(rule.Channels()) != rule {
				t.Fatalf("non-channel fields changed: %+v -> %+v", rule, got)
			}
		})
	}
}

func TestChannelRuleVectorsShape(t *testing.T) {
	vs := ChannelRuleVectors()
	seen := map[string]bool{}
	for _, rule := range []string{ruleA, ruleB, ruleC, ruleE, ruleX} {
		found := false
		for _, v := range vs {
			found = found || strings.Contains(v.Name, rule)
		}
		if !found {
			t.Errorf("no vector quotes rule %q", rule)
		}
	}
	var prev *ChannelVector
	for i := range vs {
		v := vs[i]
		if seen[v.Name] {
			t.Errorf("duplicate vector name %q", v.Name)
		}
		seen[v.Name] = true
		// Consecutive chain steps must start where the previous one ended.
		if prev != nil && strings.HasPrefix(v.Name, "chain") && !strings.Contains(v.Name, "step 1 ") && prev.Want != v.Start {
			t.Errorf("%q does not start where %q ended", v.Name, prev.Name)
		}
		prev = &vs[i]
	}
}

// TestChannelRulesApplyOnce walks a whole line of the screen: each change
// applies its rule once, and the rule's own changes do not trigger others
// (rule a sets Autenticação without rule c resetting Notificação).
func TestChannelRulesApplyOnce(t *testing.T) {
	r := NewSignerRule(SignerHolder)
	r.Reminder = ChannelWhatsApp
	r = ApplyChannelChange(r, FieldDelivery, ChannelWhatsApp)
	if want := (ChannelSet{ChannelWhatsApp, ChannelWhatsApp, ChannelWhatsApp}); r.Channels() != want {
		t.Fatalf("got %+v, want %+v: rule a must not cascade into rule c", r.Channels(), want)
	}
}

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
			Delivery: ChannelPix, Reminder: "telegram", Auth: "icp_brasil"}}, map[string]string{
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

func TestValidCPFAndFormat(t *testing.T) {
	tests := []struct {
		in     string
		valid  bool
		format string
	}{
		{"529.982.247-25", true, "529.982.247-25"},
		{"52998224725", true, "529.982.247-25"},
		{" 111.444.777-35 ", true, "111.444.777-35"},
		{"123.456.789-09", true, "123.456.789-09"},
		{"987.654.321-00", true, "987.654.321-00"},
		{"529.982.247-26", false, "529.982.247-26"}, // second check digit wrong
		{"529.982.247-15", false, "529.982.247-15"}, // first check digit wrong
		{"111.111.111-11", false, "111.111.111-11"}, // all equal passes the digits but is refused
		{"000.000.000-00", false, "000.000.000-00"},
		{"5299822472", false, "5299822472"},
		{"529982247250", false, "529982247250"},
		{"529 982 247 25", false, "529 982 247 25"},
		{"529.982.247/25", false, "529.982.247/25"},
		{"", false, ""},
	}
	for _, tc := range tests {
		if got := ValidCPF(tc.in); got != tc.valid {
			t.Errorf("ValidCPF(%q) = %v, want %v", tc.in, got, tc.valid)
		}
		if got := FormatCPF(tc.in); got != tc.format {
			t.Errorf("FormatCPF(%q) = %q, want %q", tc.in, got, tc.format)
		}
	}
}

func TestValidMobile(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" = invalid
	}{
		{"11987654321", "11987654321"},
		{"(11) 98765-4321", "11987654321"},
		{"+55 (11) 98765-4321", "11987654321"},
		{"+5511987654321", "11987654321"},
		{"5511987654321", "11987654321"},
		{"55 21 99999-0000", "21999990000"},
		{" 85 9 8888 7777 ", "85988887777"},
		{"1198765432", ""},            // 10 digits: old 8-digit mobile
		{"(11) 3456-7890", ""},        // landline
		{"11 88765-4321", ""},         // 11 digits not starting with 9
		{"20 98765-4321", ""},         // no DDD 20
		{"00 98765-4321", ""},         // no DDD 00
		{"+1 415 555 0100", ""},       // foreign
		{"+44 11 98765-4321", ""},     // foreign prefix with a Brazilian-looking number
		{"11.98765.4321", ""},         // dots are not allowed separators
		{"11 98765-4321 ramal 2", ""}, // text
		{"", ""},
	}
	for _, tc := range tests {
		got, ok := ValidMobile(tc.in)
		if ok != (tc.want != "") || got != tc.want {
			t.Errorf("ValidMobile(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

func TestValidEmail(t *testing.T) {
	for in, want := range map[string]bool{
		"ana@exemplo.com.br": true, "a.b+c@x.io": true,
		"": false, "ana": false, "@x.com": false, "ana@": false, "ana@exemplo": false, "ana@exemplo.": false,
		"ana @x.com": false, "a@b@x.com": false, "ana@x..com": false, "Ana <ana@x.com>": false,
	} {
		if got := ValidEmail(in); got != want {
			t.Errorf("ValidEmail(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestResolveSignerAndPersonKey(t *testing.T) {
	p := FixedPerson{Name: "  Maria   Souza ", Email: " Maria@Exemplo.com.br ", Phone: "11 98888-7777", CPF: "11144477735"}
	s := ResolveSigner(NewSignerRule(SignerHolder), p)
	if s.Name != "Maria Souza" || s.CPF != "111.444.777-35" || s.Key != "cpf:11144477735" || !reflect.DeepEqual(s.Types, []SignerType{SignerHolder}) {
		t.Fatalf("party resolved to %+v", s)
	}
	w := NewSignerRule(SignerWitness)
	w.FixedPerson = FixedPerson{Name: "Ana Lima", Email: "Ana@X.com"}
	s = ResolveSigner(w, p)
	if s.Name != "Ana Lima" || s.Key != "email:ana@x.com" {
		t.Fatalf("a fixed rule keeps its own person: %+v", s)
	}
	for in, want := range map[FixedPerson]string{
		{CPF: "111.444.777-35", Email: "a@x.com"}:        "cpf:11144477735",
		{CPF: "111.444.777-36", Email: "A@X.com"}:        "email:a@x.com", // invalid CPF is not an identity
		{Phone: "+55 11 98888-7777", Name: "Jo Ninguém"}: "phone:11988887777",
		{Name: " Jo  Ninguém "}:                          "name:jo ninguém",
	} {
		if got := PersonKey(in); got != want {
			t.Errorf("PersonKey(%+v) = %q, want %q", in, got, want)
		}
	}
}

func TestMergeSigners(t *testing.T) {
	maria := FixedPerson{Name: "Maria Souza", Email: "maria@exemplo.com.br", CPF: "111.444.777-35"}
	jose := FixedPerson{Name: "José Souza", Email: "maria@exemplo.com.br", CPF: "529.982.247-25"} // shares the e-mail
	ana := FixedPerson{Name: "Ana Lima", Email: "ana@exemplo.com.br"}
	rs := func(t SignerType, p FixedPerson, order int, ev Evidence, k SignatureKind, c ChannelSet) ResolvedSigner {
		r := NewSignerRule(t)
		r.SendOrder, r.Evidence, r.SignatureKind = order, ev, k
		r.FixedPerson = p // fixed types need it in the rule; parties get it from p anyway
		return ResolveSigner(r.WithChannels(c), p)
	}
	mail := ChannelSet{ChannelEmail, ChannelEmail, ChannelEmail}
	wa := ChannelSet{ChannelWhatsApp, ChannelWhatsApp, ChannelWhatsApp}
	sms := ChannelSet{ChannelSMS, ChannelEmail, ChannelSMS}
	pix := ChannelSet{ChannelEmail, ChannelEmail, ChannelPix}

	type exp struct {
		key   string
		typ   SignerType
		types []SignerType
		order int
		ev    Evidence
		kind  SignatureKind
		ch    ChannelSet
	}
	tests := []struct {
		name      string
		contracts [][]ResolvedSigner
		want      []exp
	}{
		{"one contract passes through, sorted by send order",
			[][]ResolvedSigner{{rs(SignerWitness, ana, 2, EvidenceNone, SignatureSign, mail), rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, mail)}},
			[]exp{
				{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder}, 1, EvidenceNone, SignatureSign, mail},
				{"email:ana@exemplo.com.br", SignerWitness, []SignerType{SignerWitness}, 2, EvidenceNone, SignatureSign, mail},
			}},
		{"same person in two contracts: lowest order, strongest evidence and signature kind",
			[][]ResolvedSigner{
				{rs(SignerHolder, maria, 2, EvidenceSelfie, SignatureApproval, mail)},
				{rs(SignerHolder, maria, 1, EvidenceFacialBiometrics, SignatureHandwritten, mail)},
			},
			[]exp{{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder}, 1, EvidenceFacialBiometrics, SignatureHandwritten, mail}}},
		{"evidence none < selfie, signature approval < signature (weaker second contract changes nothing)",
			[][]ResolvedSigner{
				{rs(SignerHolder, maria, 1, EvidenceSelfie, SignatureSign, mail)},
				{rs(SignerHolder, maria, 3, EvidenceNone, SignatureApproval, mail)},
			},
			[]exp{{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder}, 1, EvidenceSelfie, SignatureSign, mail}}},
		{"auth email < sms: the SMS trio wins whole",
			[][]ResolvedSigner{{rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, mail)}, {rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, sms)}},
			[]exp{{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder}, 1, EvidenceNone, SignatureSign, sms}}},
		{"auth sms < whatsapp",
			[][]ResolvedSigner{{rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, wa)}, {rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, sms)}},
			[]exp{{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder}, 1, EvidenceNone, SignatureSign, wa}}},
		{"auth whatsapp < pix",
			[][]ResolvedSigner{{rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, wa)}, {rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, pix)}},
			[]exp{{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder}, 1, EvidenceNone, SignatureSign, pix}}},
		{"one person as holder and guarantor keeps the holder as main type",
			[][]ResolvedSigner{{rs(SignerGuarantor, maria, 2, EvidenceNone, SignatureSign, mail)}, {rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, mail)}},
			[]exp{{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder, SignerGuarantor}, 1, EvidenceNone, SignatureSign, mail}}},
		{"couple sharing an e-mail with different CPFs stay two people",
			[][]ResolvedSigner{{rs(SignerHolder, maria, 1, EvidenceNone, SignatureSign, mail), rs(SignerSpouse, jose, 1, EvidenceNone, SignatureSign, mail)}},
			[]exp{
				{"cpf:11144477735", SignerHolder, []SignerType{SignerHolder}, 1, EvidenceNone, SignatureSign, mail},
				{"cpf:52998224725", SignerSpouse, []SignerType{SignerSpouse}, 1, EvidenceNone, SignatureSign, mail},
			}},
		{"witness without CPF in one contract and with CPF in another is one person (same e-mail); key becomes the CPF",
			[][]ResolvedSigner{
				{rs(SignerWitness, ana, 3, EvidenceNone, SignatureSign, mail)},
				{rs(SignerWitness, FixedPerson{Name: "Ana Lima", Email: "ANA@exemplo.com.br", CPF: "987.654.321-00"}, 2, EvidenceNone, SignatureSign, mail)},
			},
			[]exp{{"cpf:98765432100", SignerWitness, []SignerType{SignerWitness}, 2, EvidenceNone, SignatureSign, mail}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := MergeSigners(tc.contracts...)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d signers, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				g := got[i]
				e := exp{g.Key, g.SignerType, g.Types, g.SendOrder, g.Evidence, g.SignatureKind, g.Channels()}
				if !reflect.DeepEqual(e, w) {
					t.Errorf("signer %d = %+v\nwant        %+v", i, e, w)
				}
			}
		})
	}
}

func TestMergeSignersFillsPersonData(t *testing.T) {
	a := ResolveSigner(NewSignerRule(SignerHolder), FixedPerson{Name: "Maria Souza", CPF: "111.444.777-35"})
	b := ResolveSigner(NewSignerRule(SignerHolder), FixedPerson{Name: "Maria S. Souza", Email: "maria@exemplo.com.br", Phone: "11988887777", CPF: "11144477735"})
	got := MergeSigners([]ResolvedSigner{a}, []ResolvedSigner{b})
	if len(got) != 1 || got[0].Name != "Maria Souza" || got[0].Email != "maria@exemplo.com.br" || got[0].Phone != "11988887777" {
		t.Fatalf("got %+v", got)
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
