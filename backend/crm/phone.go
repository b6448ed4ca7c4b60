package crm

import "strings"

// Phone numbers come into Selo three ways: typed into a form (a reservation's
// Telefone 1/2, a signer's mobile), and typed by a visitor into a JivoChat
// chat. All three go through one reading of what a Brazilian number is
// (brazilianNumber). What truly differs is spelled out by the entry points:
// a form is strict about what it accepts (ParsePhone), a chat is read
// best-effort (ParseChatPhone), and SMS/WhatsApp need a mobile (ValidMobile).

// brazilCode is Brazil's international calling code.
const brazilCode = "55"

// Phone is a telephone number as Selo keeps it.
type Phone struct {
	// Country is the calling code without "+": "55" for Brazil. It is empty
	// for a foreign number, whose code Selo does not split off.
	Country string
	// Number is the rest. For Brazil it is DDD + subscriber number: 10
	// digits for a landline, 11 for a mobile. For a foreign number it is
	// every digit after the "+".
	Number string
}

// Brazilian reports whether p is a Brazilian number.
func (p Phone) Brazilian() bool { return p.Country == brazilCode }

// Mobile reports whether p is a Brazilian mobile (DDD + 9 digits starting
// with 9), the only kind SMS and WhatsApp reach.
func (p Phone) Mobile() bool { return p.Brazilian() && len(p.Number) == 11 }

// E164 renders p as "+" and digits, the key leads are deduplicated on.
func (p Phone) E164() string {
	if p.Number == "" {
		return ""
	}
	return "+" + p.Country + p.Number
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

// brazilianNumber is the one rule of what a Brazilian national number is:
// an ANATEL DDD, then a local number that does not start with 0, eight
// digits for a landline or nine starting with 9 for a mobile.
func brazilianNumber(d string) bool {
	switch {
	case len(d) != 10 && len(d) != 11:
		return false
	case !brazilianDDDs[d[:2]] || d[2] == '0':
		return false
	case len(d) == 11 && d[2] != '9':
		return false
	}
	return true
}

// stripBrazilCode drops a leading 55 when what follows has the length of a
// national number; a number that merely starts with DDD 55 keeps it.
func stripBrazilCode(d string) (string, bool) {
	if strings.HasPrefix(d, brazilCode) && (len(d) == 12 || len(d) == 13) {
		return d[2:], true
	}
	return d, false
}

// ParsePhone reads a Brazilian phone typed into a form: digits with spaces,
// dashes and parentheses, optionally +55 (or 55) in front. Anything else in
// the text, a "+" with another country code, or a number that is not
// Brazilian (see brazilianNumber) gives ok false: a form must say so on its
// field rather than keep a number nobody can call.
func ParsePhone(s string) (p Phone, ok bool) {
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
			return Phone{}, false
		}
	}
	d, stripped := stripBrazilCode(b.String())
	if plus && !stripped {
		// "+" followed by anything but 55 and a national number is a
		// foreign number.
		return Phone{}, false
	}
	if !brazilianNumber(d) {
		return Phone{}, false
	}
	return Phone{Country: brazilCode, Number: d}, true
}

// ParseChatPhone reads a phone a visitor typed into a chat, best-effort,
// so that every spelling of one line gives the same Phone: any text around
// the digits is ignored; the dialling prefixes people copy from how they call
// are understood (00 55 international, 0 long-distance, 0 + carrier code);
// an old eight-digit mobile gets its ninth digit; and a number given with
// another country code is kept as typed (8 to 15 digits), since the visitor
// may well live abroad. The Brazilian rule is ParsePhone's.
func ParseChatPhone(s string) (p Phone, ok bool) {
	s = strings.TrimSpace(s)
	international := strings.HasPrefix(s, "+")
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	if strings.HasPrefix(d, "00"+brazilCode) && !international {
		// 00 is the international dialling prefix; only 00 55 is read that
		// way, other 0-prefixed digits are Brazilian trunk/carrier prefixes.
		d = d[2:]
		international = true
	}
	if international && !strings.HasPrefix(d, brazilCode) {
		if len(d) < 8 || len(d) > 15 {
			return Phone{}, false
		}
		return Phone{Number: d}, true
	}
	d, stripped := stripBrazilCode(d)
	switch {
	case stripped:
	case strings.HasPrefix(d, "0") && (len(d) == 11 || len(d) == 12):
		d = d[1:] // 0 + DDD + number
	case strings.HasPrefix(d, "0") && (len(d) == 13 || len(d) == 14):
		d = d[3:] // 0 + carrier + DDD + number
	case international:
		return Phone{}, false
	}
	if len(d) == 10 && d[2] >= '6' {
		// Eight-digit mobile from before the ninth digit; landlines start 2-5.
		d = d[:2] + "9" + d[2:]
	}
	if !brazilianNumber(d) {
		return Phone{}, false
	}
	return Phone{Country: brazilCode, Number: d}, true
}

// ValidMobile checks a Brazilian mobile number typed into a form (see
// ParsePhone). normalized is DDD + number, 11 digits without +55: the form
// Clicksign's phone_number takes.
func ValidMobile(s string) (normalized string, ok bool) {
	p, ok := ParsePhone(s)
	if !ok || !p.Mobile() {
		return "", false
	}
	return p.Number, true
}

// NormalizePhone reads a Brazilian landline or mobile typed into a form (see
// ParsePhone) and returns DDD + number, 10 or 11 digits. Mobile numbers are
// what SMS and WhatsApp need; see ValidMobile.
func NormalizePhone(s string) (string, bool) {
	p, ok := ParsePhone(s)
	return p.Number, ok
}
