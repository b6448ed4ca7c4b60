package privacy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every code, place kind and reason this package sends has its pt-BR and
// en-US text in the frontend's privacy.ts, so "Dados de uma pessoa" never
// shows "Algo deu errado" or a raw key for them.
func TestCodesKindsAndReasonsHaveTexts(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "frontend", "src", "i18n", "privacy.ts"))
	if err != nil {
		t.Fatal(err)
	}
	ts := string(raw)
	count := func(key string) int {
		n := 0
		for _, line := range strings.Split(ts, "\n") {
			for _, part := range strings.Split(line, ",") {
				if strings.HasPrefix(strings.TrimSpace(part), key+":") {
					n++
				}
			}
		}
		return n
	}
	codes := []string{CodeKeyInvalid, CodeKindInvalid, CodeEnvelopeRunning, CodeNothingFound, CodeRetentionInvalid, "privacy.save_failed"}
	for _, code := range codes {
		key, _ := strings.CutPrefix(code, "privacy.")
		if count(key) < 2 {
			t.Errorf("%s: want one pt-BR and one en-US text", code)
		}
	}
	for k := range KindTitles {
		// kindTitle in both locales, and the PDF's title too.
		if count(string(k)) < 2 {
			t.Errorf("place kind %s: no screen title", k)
		}
	}
	for r := range ReasonTexts {
		if count(r) < 2 {
			t.Errorf("reason %s: no screen text", r)
		}
	}
	for f := range FieldLabels {
		if count(f) < 2 {
			t.Errorf("field %s: no screen label", f)
		}
	}
}
