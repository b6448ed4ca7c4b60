package pdfs

import (
	"strings"
	"unicode"
)

// MarkKind tells what a signature-ish field or annotation stands for.
type MarkKind string

// Mark kinds. A mark is a place where someone is expected to sign or initial
// by hand; the e-signature provider adds its own, so ours are switched off.
const (
	// MarkNone: an ordinary field.
	MarkNone MarkKind = ""
	// MarkSignature: a signature field (/FT /Sig) or a field named for a
	// signature (assinatura, signature).
	MarkSignature MarkKind = "signature"
	// MarkInitials: a field named for initials (rubrica, initials, iniciais).
	MarkInitials MarkKind = "initials"
)

// Words are matched as substrings of the normalized name, so plurals and
// glued names ("AssinaturaComprador", "rubricas") match too.
var (
	initialsWords  = []string{"rubrica", "initials", "iniciais"}
	signatureWords = []string{"assinatura", "signature"}
	// A field about the signing (its date or place) is something to fill,
	// not a mark: "data_assinatura", "signature_date", "local_assinatura".
	aboutSigningWords = map[string]bool{"data": true, "date": true, "dia": true, "local": true, "cidade": true, "place": true}
)

// MarkKindForName classifies a field name: case-insensitive, accents
// ignored ("ASSINATÚRA", "Rubrica 1", "Initials_Buyer").
func MarkKindForName(name string) MarkKind {
	n := normalize(name)
	if n == "" {
		return MarkNone
	}
	kind := MarkNone
	for _, w := range signatureWords {
		if strings.Contains(n, w) {
			kind = MarkSignature
		}
	}
	for _, w := range initialsWords {
		if strings.Contains(n, w) {
			kind = MarkInitials
		}
	}
	if kind == MarkNone {
		return MarkNone
	}
	for _, tok := range tokens(name) {
		if aboutSigningWords[tok] {
			return MarkNone
		}
	}
	return kind
}

// normalize lowercases s and strips the accents used in Portuguese,
// Spanish and French, keeping only letters and digits so separators do not
// matter ("ASSINATÚRA-Comprador" -> "assinaturacomprador").
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(fold(r))
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// tokens splits a field name into normalized words at separators and at
// lower-to-upper case changes ("dataAssinatura" -> data, assinatura).
func tokens(s string) []string {
	var out []string
	var cur strings.Builder
	prevLower := false
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		r = fold(r)
		switch {
		case unicode.IsUpper(r):
			if prevLower {
				flush()
			}
			cur.WriteRune(unicode.ToLower(r))
			prevLower = false
		case unicode.IsLetter(r):
			cur.WriteRune(r)
			prevLower = true
		case unicode.IsDigit(r):
			cur.WriteRune(r)
			prevLower = false
		default:
			flush()
			prevLower = false
		}
	}
	flush()
	return out
}

// fold maps an accented Latin letter to its base letter, keeping case.
// A table is enough for the names that occur in Brazilian contracts and
// avoids a dependency on golang.org/x/text.
func fold(r rune) rune {
	if r < 0xC0 {
		return r
	}
	if m, ok := foldTable[r]; ok {
		return m
	}
	return r
}

var foldTable = func() map[rune]rune {
	m := map[rune]rune{}
	add := func(base rune, accented string) {
		for _, r := range accented {
			m[r] = base
		}
	}
	add('a', "áàâãäå")
	add('A', "ÁÀÂÃÄÅ")
	add('e', "éèêë")
	add('E', "ÉÈÊË")
	add('i', "íìîï")
	add('I', "ÍÌÎÏ")
	add('o', "óòôõö")
	add('O', "ÓÒÔÕÖ")
	add('u', "úùûü")
	add('U', "ÚÙÛÜ")
	add('c', "ç")
	add('C', "Ç")
	add('n', "ñ")
	add('N', "Ñ")
	return m
}()
