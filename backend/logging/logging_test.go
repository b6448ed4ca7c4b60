package logging

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRedactorMasksRegisteredSecretsAndCPFs(t *testing.T) {
	r := NewRedactor()
	r.AddSecret("tok_live_9f8e7d6c5b4a")
	r.AddSecret("short") // too short to register: must not blank the word elsewhere
	tests := []struct {
		name, in, want string
	}{
		{"secret inside an error", "request failed: Authorization tok_live_9f8e7d6c5b4a rejected", "request failed: Authorization ••••5b4a rejected"},
		{"formatted CPF", "titular 123.456.789-09 cadastrado", "titular ***.***.***-09 cadastrado"},
		{"short values stay", "a short note", "a short note"},
		{"phone-like digits stay", "ligar 11987654321", "ligar 11987654321"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.Redact(tc.in); got != tc.want {
				t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestMasks(t *testing.T) {
	if got := MaskToken("abcdefgh1234"); got != "••••1234" {
		t.Errorf("MaskToken = %q", got)
	}
	if got := MaskToken("abc"); got != "••••" {
		t.Errorf("MaskToken of a tiny value = %q, must reveal nothing", got)
	}
	if got := MaskCPF("52998224725"); got != "***.***.***-25" {
		t.Errorf("MaskCPF = %q", got)
	}
}

func TestHandlerRedactsEveryPath(t *testing.T) {
	var buf bytes.Buffer
	r := NewRedactor()
	secret := "cs_access_token_0123456789"
	r.AddSecret(secret)
	log := slog.New(NewHandler(slog.NewJSONHandler(&buf, nil), r))

	log.With("access_token", secret).Info("sending with "+secret,
		"err", errors.New("401 for token "+secret),
		"cpf", "529.982.247-25",
		slog.Group("signer", "documentation", "52998224725", "note", "cpf 529.982.247-25"),
		"authorization", secret,
	)
	out := buf.String()
	for _, leak := range []string{secret, "529.982.247", "529982247"} {
		if strings.Contains(out, leak) {
			t.Fatalf("log line leaks %q:\n%s", leak, out)
		}
	}
	if !strings.Contains(out, "••••6789") || !strings.Contains(out, "***.***.***-25") {
		t.Fatalf("log line lost the masked forms that make it useful:\n%s", out)
	}
}

func TestNewWritesToLogsFolder(t *testing.T) {
	dir := t.TempDir()
	log, closer := New(dir, Options{})
	log.Info("hello", "token", "should-not-appear-1234")
	if err := closer.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"msg":"hello"`) || strings.Contains(string(b), "should-not-appear") {
		t.Fatalf("unexpected log file content: %s", b)
	}
}

func TestWailsLoggerGoesThroughRedaction(t *testing.T) {
	var buf bytes.Buffer
	r := NewRedactor()
	r.AddSecret("wails-secret-value")
	w := WailsLogger{L: slog.New(NewHandler(slog.NewJSONHandler(&buf, nil), r))}
	w.Warning("binding saw wails-secret-value")
	if strings.Contains(buf.String(), "wails-secret-value") || !strings.Contains(buf.String(), `"source":"wails"`) {
		t.Fatalf("wails log line = %s", buf.String())
	}
}
