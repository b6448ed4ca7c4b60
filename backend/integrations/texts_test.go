package integrations

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"selo/backend/crm"
)

// Every code a DocuSign key adds has its pt-BR and en-US text in the
// frontend's dskeys.ts, so the keys screen never shows "Algo deu errado"
// for them.
func TestDocuSignKeyCodesHaveTexts(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "frontend", "src", "i18n", "dskeys.ts"))
	if err != nil {
		t.Fatal(err)
	}
	ts := string(raw)
	for _, code := range []string{crm.CodeProviderInvalid, crm.CodeNoLoginNeeded, crm.CodeAccountUnknown, crm.CodeAccountMismatch} {
		key, ok := strings.CutPrefix(code, "integration.")
		if !ok || strings.Count(ts, "    "+key+":") != 2 {
			t.Errorf("%s: want one pt-BR and one en-US text in dskeys.ts", code)
		}
	}
}
