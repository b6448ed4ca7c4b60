package crm

import "strings"

// Person data checks shared by every screen that takes a person: CPF,
// e-mail and the Brazilian mobile number.

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

// brazilianDDDs are the area codes ANATEL assigns; a typo such as "20" or
// "23" is caught here instead of by an SMS that never arrives.
var brazilianDDDs = func() map[string]bool {
	m := map[string]bool{}
	for _, d := range strings.Fields(`11 12 13 14 15 16 17 18 19 21 22 24 27 28
		31 32 33 34 35 37 38 41 42 43 44 45 46 47 48 49 51 53 54 55
		61 62 63 64 65 66 67 68 69 71 73 74 75 77 79
		81 82 83 84 85 86 87 88 89 91 92 93 94 95 96 97 98 99`) {
		m[d] = true
	}
	return m
}()

// ValidMobile checks a Brazilian mobile number: DDD + 9 digits starting with
// 9, with or without +55, spaces, dashes and parentheses. normalized is DDD +
// number, 11 digits without +55: the form Clicksign's phone_number takes.
func ValidMobile(s string) (normalized string, ok bool) {
	s = strings.TrimSpace(s)
	plus := strings.HasPrefix(s, "+")
	if plus {
		s = s[1:]
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '(' || r == ')':
		default:
			return "", false
		}
	}
	d := b.String()
	switch {
	case len(d) == 13 && strings.HasPrefix(d, "55"):
		d = d[2:]
	case plus:
		// "+" followed by anything but 55 is a foreign number.
		return "", false
	}
	if len(d) != 11 || !brazilianDDDs[d[:2]] || d[2] != '9' {
		return "", false
	}
	return d, true
}
