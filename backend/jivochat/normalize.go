package jivochat

import (
	"strings"
	"unicode"
)

// NormalizeEmail lower-cases and trims an address and returns "" when it is
// not plausibly one. The check is deliberately loose (one @, a dot in the
// domain, no blanks): we dedupe on the result, we do not validate mailboxes.
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
	return s
}

// NormalizePhone returns a phone as "+" and digits (E.164 style), or "" when
// it cannot be a phone. Brazilian numbers are recognised with or without +55,
// with the long-distance 0 and carrier code (0 XX DDD number), and old
// eight-digit mobiles get the ninth digit, so every spelling of one line
// dedupes to the same key. A number given with another country code is kept
// as is.
func NormalizePhone(s string) string {
	s = strings.TrimSpace(s)
	international := strings.HasPrefix(s, "+")
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	if strings.HasPrefix(d, "0055") && !international {
		// 00 is the international dialling prefix; only 00 55 is read that
		// way, other 0-prefixed digits are Brazilian trunk/carrier prefixes.
		d = d[2:]
		international = true
	}
	if international && !strings.HasPrefix(d, "55") {
		if len(d) < 8 || len(d) > 15 {
			return ""
		}
		return "+" + d
	}
	switch {
	case strings.HasPrefix(d, "55") && (len(d) == 12 || len(d) == 13):
		d = d[2:]
	case strings.HasPrefix(d, "0") && (len(d) == 11 || len(d) == 12):
		d = d[1:] // 0 + DDD + number
	case strings.HasPrefix(d, "0") && (len(d) == 13 || len(d) == 14):
		d = d[3:] // 0 + carrier + DDD + number
	case international:
		return ""
	}
	if len(d) != 10 && len(d) != 11 {
		return ""
	}
	if d[0] == '0' || d[2] == '0' {
		return "" // no DDD or local number starts with 0
	}
	if len(d) == 10 && d[2] >= '6' {
		// Eight-digit mobile from before the ninth digit; landlines start 2-5.
		d = d[:2] + "9" + d[2:]
	}
	if len(d) == 11 && d[2] != '9' {
		return ""
	}
	return "+55" + d
}
