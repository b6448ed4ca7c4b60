package jivochat

import "testing"

func TestNormalizePhone(t *testing.T) {
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
		if got := NormalizePhone(in); got != want {
			t.Errorf("NormalizePhone(%q) = %q, want %q", in, got, want)
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
