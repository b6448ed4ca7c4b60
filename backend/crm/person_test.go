package crm

import (
	"testing"
)

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
