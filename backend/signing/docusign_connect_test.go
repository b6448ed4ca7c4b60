package signing_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"selo/backend/crm"
	"selo/backend/secrets"
	"selo/backend/signing"
)

type connectKeys []crm.Integration

func (k connectKeys) List(context.Context) ([]crm.Integration, error) { return k, nil }

type memSettings map[string]string

func (m memSettings) Setting(_ context.Context, key string) (string, bool, error) {
	v, ok := m[key]
	return v, ok, nil
}

func (m memSettings) SetSetting(_ context.Context, key, value string) error {
	m[key] = value
	return nil
}

type fakeListener struct{ started, reconfigured int }

func (l *fakeListener) StartListener(context.Context) (string, error) {
	l.started++
	return "http://127.0.0.1:38410", nil
}
func (l *fakeListener) Reconfigure(context.Context) error { l.reconfigured++; return nil }
func (l *fakeListener) ListenerURL(context.Context) (string, bool) {
	return "http://127.0.0.1:38410", l.started > 0
}

// Connect for a real DocuSign key: every bad input is refused on its field
// with nothing kept; the secret goes to the keyring only (never the
// settings), the listener starts, and Desativar forgets it.
func TestDocuSignConnectSettings(t *testing.T) {
	ctx := context.Background()
	keys := connectKeys{
		{ID: 4, Description: "DocuSign Demo", Provider: crm.ProviderDocuSign, Environment: crm.EnvSandbox},
		{ID: 5, Description: "Treino", Provider: crm.ProviderDocuSign, Environment: crm.EnvSimulator},
		{ID: 6, Description: "Clicksign", Provider: crm.ProviderClicksign, Environment: crm.EnvSandbox},
	}
	sec, settings, l := secrets.NewMemory(), memSettings{}, &fakeListener{}
	c := &signing.DocuSignConnectSettings{Keys: keys, Secrets: sec, Settings: settings, Listener: l}

	for _, tc := range []struct {
		id          int64
		url, secret string
		code, field string
	}{
		{4, "", "s", crm.CodeRequired, "publicUrl"},
		{4, "http://selo.imobiliaria.com.br", "s", signing.CodeConnectURLNotHTTPS, "publicUrl"},
		{4, "https://192.168.0.10", "s", signing.CodeConnectURLLocal, "publicUrl"},
		{4, "https://selo.imobiliaria.com.br/?x=1", "s", signing.CodeConnectURLInvalid, "publicUrl"},
		{4, "https://selo.imobiliaria.com.br/webhooks/docusign/9", "s", signing.CodeConnectURLInvalid, "publicUrl"},
		{4, "https://selo.imobiliaria.com.br", " \n ", crm.CodeRequired, "secret"},
		{5, "https://selo.imobiliaria.com.br", "s", signing.CodeConnectSimulator, ""},
		{6, "https://selo.imobiliaria.com.br", "s", signing.CodeConnectNotDocuSign, ""},
	} {
		_, err := c.Enable(ctx, tc.id, tc.url, tc.secret)
		if ce := crm.AsError(err); ce.Code != tc.code || ce.Field != tc.field {
			t.Errorf("Enable(%d, %q, %q) = %v, want %s on %q", tc.id, tc.url, tc.secret, err, tc.code, tc.field)
		}
	}
	if len(sec.Keys()) != 0 || len(settings) != 0 || l.started != 0 {
		t.Fatalf("a refused Enable kept something: %v %v %d", sec.Keys(), settings, l.started)
	}
	if on, _ := c.Wanted(ctx); on {
		t.Fatal("Connect wanted with no secret")
	}

	st, err := c.Enable(ctx, 4, " https://Selo.Imobiliaria.com.br/webhooks/docusign/4/ ", "chave-um\n  chave-dois \n")
	if err != nil {
		t.Fatal(err)
	}
	if !st.Enabled || st.ConnectURL != "https://selo.imobiliaria.com.br/webhooks/docusign/4" || l.started != 1 ||
		st.LocalURL != "http://127.0.0.1:38410/webhooks/docusign/4" {
		t.Fatalf("status = %+v (listener started %d)", st, l.started)
	}
	if v, _ := sec.Get(ctx, secrets.DocuSignConnectKey(4)); v != "chave-um\nchave-dois" {
		t.Fatalf("keyring = %q", v)
	}
	for k, v := range settings {
		if strings.Contains(v, "chave") {
			t.Fatalf("the secret reached the settings: %s", k)
		}
	}
	if on, _ := c.Wanted(ctx); !on {
		t.Fatal("Connect on but the listener is not wanted")
	}
	st, err = c.Disable(ctx, 4)
	if err != nil || st.Enabled || l.reconfigured != 1 {
		t.Fatalf("disable = %+v, %v (reconfigured %d)", st, err, l.reconfigured)
	}
	if _, err := sec.Get(ctx, secrets.DocuSignConnectKey(4)); err == nil {
		t.Fatal("the secret outlived Desativar")
	}
}

// Every docusign_connect code has its pt-BR and en-US text.
func TestDocuSignConnectCodesHaveTexts(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "frontend", "src", "i18n", "dsconnect.ts"))
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{signing.CodeConnectURLInvalid, signing.CodeConnectURLNotHTTPS, signing.CodeConnectURLLocal,
		signing.CodeConnectSimulator, signing.CodeConnectNotDocuSign} {
		key := strings.TrimPrefix(code, "docusign_connect.")
		if n := strings.Count(string(raw), "      "+key+":"); n != 2 {
			t.Errorf("%s: %d texts, want pt-BR and en-US", code, n)
		}
	}
}
