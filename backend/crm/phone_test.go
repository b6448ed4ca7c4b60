package crm

import "testing"

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

func TestNormalizePhone(t *testing.T) {
	for in, want := range map[string]string{
		"(11) 98765-4321": "11987654321", "+55 21 3456-7890": "2134567890", "5511987654321": "11987654321",
	} {
		if got, ok := NormalizePhone(in); !ok || got != want {
			t.Errorf("NormalizePhone(%q) = %q, %v", in, got, ok)
		}
	}
	for _, bad := range []string{"11 8765-432", "(11) 88765-4321", "011987654321", "abc"} {
		if _, ok := NormalizePhone(bad); ok {
			t.Errorf("NormalizePhone(%q) accepted", bad)
		}
	}
}

func TestParseChatPhone(t *testing.T) {
	cases := map[string]string{
		"+5511988887777":      "+5511988887777",
		"+55 (11) 98888-7777": "+5511988887777",
		"5511988887777":       "+5511988887777",
		"(11) 98888-7777":     "+5511988887777",
		"11988887777":         "+5511988887777",
		"011988887777":        "+5511988887777",
		"0 15 11 98888 7777":  "+5511988887777",
		"005511988887777":     "+5511988887777",
		"+55 11 8888-7777":    "+5511988887777", // eight-digit mobile gains the 9
		"(19) 3232-4545":      "+551932324545",  // landline unchanged
		"+351 912 345 678":    "+351912345678",  // foreign kept
		"":                    "",
		"12345":               "",
		"abc":                 "",
		"+55 11 1234":         "",
		"(11) 08888-7777":     "",
		"(00) 98888-7777":     "",
		"11 38888 7777":       "", // 11 digits but not a mobile
		"+1234567890123456":   "",
	}
	for in, want := range cases {
		p, _ := ParseChatPhone(in)
		if got := p.E164(); got != want {
			t.Errorf("ParseChatPhone(%q).E164() = %q, want %q", in, got, want)
		}
	}
}

// A DDD ANATEL never assigned is a typo on every screen: before one rule
// served them all, the reservation form kept "(23) 3232-4545" and the lead
// desk kept "(10) 98888-7777", numbers nobody can call.
func TestUnassignedDDDRefusedEverywhere(t *testing.T) {
	for _, ddd := range []string{"10", "20", "23", "25", "26", "29", "30", "36", "39", "40", "50", "52", "56", "57", "58", "59", "60", "70", "72", "76", "78", "80", "90"} {
		for _, in := range []string{"(" + ddd + ") 98765-4321", "(" + ddd + ") 3456-7890", "+55 " + ddd + " 98765-4321"} {
			if n, ok := NormalizePhone(in); ok {
				t.Errorf("NormalizePhone(%q) = %q, want refused", in, n)
			}
			if p, ok := ParseChatPhone(in); ok {
				t.Errorf("ParseChatPhone(%q) = %q, want refused", in, p.E164())
			}
		}
	}
}

// The lead desk turns a lead into a reservation, so any Brazilian number a
// chat gave is a valid Telefone on the reservation form, unchanged.
func TestChatPhoneIsAFormPhone(t *testing.T) {
	for _, in := range []string{
		"(11) 98888-7777", "+55 11 8888-7777", "(19) 3232-4545", "0 15 11 98888 7777",
		"005511988887777", "tel: 21 3456 7890", "(10) 98888-7777", "(23) 3232-4545", "+55 (20) 98888-7777",
	} {
		chat, ok := ParseChatPhone(in)
		if !ok {
			continue
		}
		form, ok := ParsePhone(chat.E164())
		if !ok || form != chat {
			t.Errorf("chat %q gave %q, which the form reads as %+v, %v", in, chat.E164(), form, ok)
		}
	}
}

// A "+" before 55 means a country code, so what follows must be a whole
// national number; the reservation form used to read "+55 (11) 7115-01" as
// a landline of DDD 55.
func TestPlusFiftyFiveNeedsANationalNumber(t *testing.T) {
	for _, in := range []string{"+55 (11) 7115-01", "+55 1234 5678", "+1 212 555 123"} {
		if n, ok := NormalizePhone(in); ok {
			t.Errorf("NormalizePhone(%q) = %q, want refused", in, n)
		}
	}
}

func TestPhoneParts(t *testing.T) {
	p, ok := ParsePhone("+55 (21) 3456-7890")
	if !ok || p.Mobile() || !p.Brazilian() || p.E164() != "+552134567890" {
		t.Fatalf("landline: %+v %v mobile=%v", p, ok, p.Mobile())
	}
	p, ok = ParseChatPhone("+351 912 345 678")
	if !ok || p.Brazilian() || p.Mobile() || p.E164() != "+351912345678" {
		t.Fatalf("foreign: %+v %v", p, ok)
	}
	if (Phone{}).E164() != "" {
		t.Fatal("an empty phone must render empty, not a bare +")
	}
}
