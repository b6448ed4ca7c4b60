package privacy

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every code, place kind, reason and field this package sends has its
// pt-BR and en-US text in the frontend's privacy.ts, in the section the
// screen reads it from (errors.privacy, pages.people.kindTitle, .reason,
// .field), so "Dados de uma pessoa" never shows "Algo deu errado" or a raw
// key. Keys are read per locale and per section: a "name:" elsewhere in the
// file does not count for the field label "name".
func TestCodesKindsAndReasonsHaveTexts(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "frontend", "src", "i18n", "privacy.ts"))
	if err != nil {
		t.Fatal(err)
	}
	ts := string(raw)
	locales := map[string]string{}
	for _, name := range []string{"privacyPtBR", "privacyEnUS"} {
		locales[name] = objectAfter(t, ts, ts, regexp.MustCompile(`export const `+name+` = \{`))
	}
	want := map[string][]string{}
	for _, code := range []string{CodeKeyInvalid, CodeKindInvalid, CodeEnvelopeRunning, CodeNothingFound, CodeRetentionInvalid,
		"privacy.save_failed"} {
		want["errors.privacy"] = append(want["errors.privacy"], strings.TrimPrefix(code, "privacy."))
	}
	for k := range KindTitles {
		want["pages.people.kindTitle"] = append(want["pages.people.kindTitle"], string(k))
	}
	for r := range ReasonTexts {
		want["pages.people.reason"] = append(want["pages.people.reason"], r)
	}
	for f := range FieldLabels {
		want["pages.people.field"] = append(want["pages.people.field"], f)
	}
	for locale, obj := range locales {
		for path, keys := range want {
			sec := obj
			for _, part := range strings.Split(path, ".") {
				sec = objectAfter(t, ts, sec, regexp.MustCompile(`(?m)^\s*`+part+`:\s*(\{|[A-Za-z]+\b)`))
			}
			have := topKeys(sec)
			for _, k := range keys {
				if !have[k] {
					t.Errorf("%s: %s.%s has no text", locale, path, k)
				}
			}
		}
	}
}

// TestTextsCheckReadsSections: the check above fails for a key present in
// the file only outside its section.
func TestTextsCheckReadsSections(t *testing.T) {
	ts := "const r = { user: 'x' }\nexport const a = {\n  field: {\n    name: 'N',\n  },\n  reason: r,\n  other: { city: 'C' },\n}\n"
	obj := objectAfter(t, ts, ts, regexp.MustCompile(`export const a = \{`))
	field := topKeys(objectAfter(t, ts, obj, regexp.MustCompile(`(?m)^\s*field:\s*(\{|[A-Za-z]+\b)`)))
	reason := topKeys(objectAfter(t, ts, obj, regexp.MustCompile(`(?m)^\s*reason:\s*(\{|[A-Za-z]+\b)`)))
	if !field["name"] || field["city"] || !reason["user"] {
		t.Errorf("field keys %v, reason keys %v", field, reason)
	}
}

// objectAfter returns the body of the object literal that re finds in src:
// inline ("key: {"), or a const it names ("reason: reasonsPtBR"), looked
// up in the whole file.
func objectAfter(t *testing.T, file, src string, re *regexp.Regexp) string {
	t.Helper()
	loc := re.FindStringSubmatchIndex(src)
	if loc == nil {
		t.Fatalf("privacy.ts: %s not found", re)
	}
	open := loc[1] - 1
	if len(loc) >= 4 && loc[2] >= 0 && src[loc[2]:loc[3]] != "{" {
		name := src[loc[2]:loc[3]]
		return objectAfter(t, file, file, regexp.MustCompile(`const `+name+` = \{`))
	}
	depth := 0
	var quote byte
	for i := open; i < len(src); i++ {
		c := src[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				return src[open+1 : i]
			}
		}
	}
	t.Fatalf("privacy.ts: unbalanced object after %s", re)
	return ""
}

// topKeys lists the keys at the top level of an object body.
func topKeys(body string) map[string]bool {
	keys := map[string]bool{}
	depth := 0
	var quote byte
	start := true
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
			continue
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '{' || c == '[' || c == '(':
			depth++
		case c == '}' || c == ']' || c == ')':
			depth--
		case c == ',' || c == '\n':
			start = true
			continue
		}
		if depth == 0 && start && (c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			j := i
			for j < len(body) && (body[j] == '_' || body[j] >= 'a' && body[j] <= 'z' || body[j] >= 'A' && body[j] <= 'Z' || body[j] >= '0' && body[j] <= '9') {
				j++
			}
			if j < len(body) && body[j] == ':' {
				keys[body[i:j]] = true
			}
			i = j - 1
		}
		if c != ' ' && c != '\t' {
			start = false
		}
	}
	return keys
}
