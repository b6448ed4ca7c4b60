package oauth_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"selo/backend/crm"
	"selo/backend/docusign/oauth"
)

// Every code the login can end with has its pt-BR (and en-US) text in the
// frontend's catalogue, so no user ever reads the generic "Algo deu errado"
// for a closed browser or a refused consent.
func TestEveryLoginCodeHasAText(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "frontend", "src", "i18n", "dslogin.ts"))
	if err != nil {
		t.Fatal(err)
	}
	ts := string(raw)
	for _, code := range []string{
		oauth.CodeLoginInProgress, oauth.CodeLoginTimeout, oauth.CodeLoginCanceled, oauth.CodeLoginDenied,
		oauth.CodeLoginStateMismatch, oauth.CodeLoginFailed, oauth.CodePortsBusy, oauth.CodeBrowserFailed,
		oauth.CodeNoAccount, oauth.CodeUnreachable, oauth.CodeServiceError,
	} {
		key, ok := strings.CutPrefix(code, "docusign.")
		if !ok || strings.Count(ts, "      "+key+":") != 2 {
			t.Errorf("%s: want one pt-BR and one en-US text in dslogin.ts", code)
		}
	}
	if crm.CodeLoginRequired != "integration.login_required" || strings.Count(ts, "loginRequired:") != 2 {
		t.Errorf("%s has no text", crm.CodeLoginRequired)
	}
}
