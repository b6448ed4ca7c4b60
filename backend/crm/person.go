package crm

import (
	"strings"
	"unicode"
)

// Person data checks shared by every screen that takes a person: CPF, CNPJ
// and e-mail. Phone numbers have their own file, phone.go.

// ValidEmail is a shape check (something@domain.tld, no spaces), the same one
// Clicksign applies; deliverability is the provider's business.
func ValidEmail(s string) bool {
	at := strings.LastIndex(s, "@")
	if at < 1 || at == len(s)-1 || strings.ContainsAny(s, " \t\r\n,;<>") || strings.Count(s, "@") != 1 {
		return false
	}
	domain := s[at+1:]
	dot := strings.LastIndex(domain, ".")
	return dot > 0 && dot < len(domain)-1 && !strings.Contains(domain, "..")
}

// NormalizeEmail reads an address a chat visitor typed: it trims and
// lower-cases it, drops a "mailto:", and returns "" when the result is not
// one the forms accept (ValidEmail) or has blanks, control characters, a
// domain starting with a dot or more than 254 characters. Leads are
// deduplicated on the result, and a lead's address must pass the
// reservation form when the lead becomes a reservation.
func NormalizeEmail(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:]
	}
	s = strings.ToLower(s)
	at := strings.IndexByte(s, '@')
	if at <= 0 || at != strings.LastIndexByte(s, '@') || len(s) > 254 {
		return ""
	}
	domain := s[at+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
		return ""
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return ""
	}
	if !ValidEmail(s) {
		return ""
	}
	return s
}

// cpfDigits returns the 11 digits of a CPF typed bare or as 000.000.000-00
// (spaces around are allowed), or "" when anything else is in it.
func cpfDigits(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '.' || r == '-':
		default:
			return ""
		}
	}
	if b.Len() != 11 {
		return ""
	}
	return b.String()
}

// ValidCPF checks a CPF, bare or formatted: 11 digits, not all equal, both
// check digits right.
func ValidCPF(s string) bool {
	d := cpfDigits(s)
	if d == "" || strings.Count(d, d[:1]) == 11 {
		return false
	}
	for _, n := range []int{9, 10} {
		sum := 0
		for i := 0; i < n; i++ {
			sum += int(d[i]-'0') * (n + 1 - i)
		}
		check := sum * 10 % 11
		if check == 10 {
			check = 0
		}
		if check != int(d[n]-'0') {
			return false
		}
	}
	return true
}

// FormatCPF renders a CPF as 000.000.000-00 (the form Clicksign documents).
// Input that is not 11 digits comes back unchanged so nothing is lost.
func FormatCPF(s string) string {
	d := cpfDigits(s)
	if d == "" {
		return s
	}
	return d[:3] + "." + d[3:6] + "." + d[6:9] + "-" + d[9:]
}

// cnpjChars returns the 14 characters of a CNPJ typed bare or as
// 00.000.000/0000-00 (spaces around are allowed), upper-cased, or "" when
// anything else is in it. Since July 2026 the Receita Federal issues
// alphanumeric CNPJs: the first 12 characters may be letters, the two check
// digits stay digits.
func cnpjChars(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		case r == '.' || r == '/' || r == '-':
		default:
			return ""
		}
	}
	c := b.String()
	if len(c) != 14 || c[12] > '9' || c[13] > '9' {
		return ""
	}
	return c
}

// cnpjCheckDigit is the modulo-11 check digit of the characters in c, with
// weights 2..9 repeating from the right. A character counts as its code
// minus 48, so digits keep their value and letters (A = 17) fit the
// alphanumeric CNPJ with the same formula.
func cnpjCheckDigit(c string) byte {
	sum, w := 0, 2
	for i := len(c) - 1; i >= 0; i-- {
		sum += int(c[i]-'0') * w
		if w++; w > 9 {
			w = 2
		}
	}
	if r := sum % 11; r >= 2 {
		return byte('0' + 11 - r)
	}
	return '0'
}

// ValidCNPJ checks a company's CNPJ, bare or formatted, numeric or
// alphanumeric: 14 characters, not all equal, both check digits right.
func ValidCNPJ(s string) bool {
	c := cnpjChars(s)
	if c == "" || strings.Count(c, c[:1]) == 14 {
		return false
	}
	return cnpjCheckDigit(c[:12]) == c[12] && cnpjCheckDigit(c[:13]) == c[13]
}

// FormatCNPJ renders a CNPJ as 00.000.000/0000-00 (letters upper-cased).
// Input that is not 14 CNPJ characters comes back unchanged so nothing is
// lost.
func FormatCNPJ(s string) string {
	c := cnpjChars(s)
	if c == "" {
		return s
	}
	return c[:2] + "." + c[2:5] + "." + c[5:8] + "/" + c[8:12] + "-" + c[12:]
}
