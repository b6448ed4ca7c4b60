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

func TestNormalizeEmail(t *testing.T) {
	cases := map[string]string{
		" Maria@Exemplo.COM.br ":     "maria@exemplo.com.br",
		"mailto:joao@exemplo.com.br": "joao@exemplo.com.br",
		"":                           "",
		"maria":                      "",
		"@exemplo.com":               "",
		"a@b@c.com":                  "",
		"maria@localhost":            "",
		"maria silva@exemplo.com":    "",
		"maria@exemplo.":             "",
	}
	for in, want := range cases {
		if got := NormalizeEmail(in); got != want {
			t.Errorf("NormalizeEmail(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidCNPJAndFormat(t *testing.T) {
	tests := []struct {
		in     string
		valid  bool
		format string
	}{
		{"11.222.333/0001-81", true, "11.222.333/0001-81"},
		{"33.000.167/0001-01", true, "33.000.167/0001-01"}, // Petrobras
		{"00.000.000/0001-91", true, "00.000.000/0001-91"}, // Banco do Brasil
		{"60701190000104", true, "60.701.190/0001-04"},     // Itaú Unibanco, bare
		{" 60.746.948/0001-12 ", true, "60.746.948/0001-12"},
		{"12.ABC.345/01DE-35", true, "12.ABC.345/01DE-35"}, // alphanumeric, Receita's example
		{"12abc34501de35", true, "12.ABC.345/01DE-35"},
		{"11.222.333/0001-82", false, "11.222.333/0001-82"}, // second check digit wrong
		{"11.222.333/0001-71", false, "11.222.333/0001-71"}, // first check digit wrong
		{"12.ABC.345/01DE-36", false, "12.ABC.345/01DE-36"},
		{"12.ABC.345/01DE-3A", false, "12.ABC.345/01DE-3A"}, // check digits are digits
		{"00.000.000/0000-00", false, "00.000.000/0000-00"}, // all equal
		{"11.222.333/0001-8", false, "11.222.333/0001-8"},
		{"11 222 333 0001 81", false, "11 222 333 0001 81"},
		{"529.982.247-25", false, "529.982.247-25"}, // a CPF
		{"", false, ""},
	}
	for _, tc := range tests {
		if got := ValidCNPJ(tc.in); got != tc.valid {
			t.Errorf("ValidCNPJ(%q) = %v, want %v", tc.in, got, tc.valid)
		}
		if got := FormatCNPJ(tc.in); got != tc.format {
			t.Errorf("FormatCNPJ(%q) = %q, want %q", tc.in, got, tc.format)
		}
	}
}

// The lead desk turns a lead into a reservation, so an address kept from a
// chat must pass the reservation form; a chat used to keep "a,b@x.com" and
// "maria@gmail..com".
func TestChatEmailIsAFormEmail(t *testing.T) {
	for _, in := range []string{
		"maria@exemplo.com.br", " Maria@Exemplo.COM.br ", "mailto:joao@exemplo.com.br",
		"a,b@exemplo.com", "ana;bia@exemplo.com", "maria@gmail..com", "<maria@exemplo.com>",
	} {
		if got := NormalizeEmail(in); got != "" && !ValidEmail(got) {
			t.Errorf("NormalizeEmail(%q) = %q, which the reservation form refuses", in, got)
		}
	}
}
