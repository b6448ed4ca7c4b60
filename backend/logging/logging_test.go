package logging

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
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

// TestLogFilesArePrivate: the active file and its rotated copies are 0600,
// including a file an older version left world-readable.
func TestLogFilesArePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX permission bits do not apply on Windows")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	log, c := New(dir, Options{MaxSizeMB: 1, MaxBackups: 3})
	line := strings.Repeat("x", 1024)
	for range 1500 { // about 1.5 MB: forces one rotation
		log.Info(line)
	}
	c.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "selo*.log"))
	if len(files) < 2 {
		t.Fatalf("no rotation happened: %v", files)
	}
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(f), st.Mode().Perm())
		}
	}
}

// TestFallbackWritesToATemporaryFolder: with the data folder unwritable the
// log still lands in a private file somewhere the user can open.
func TestFallbackWritesToATemporaryFolder(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	log, c, dir := Fallback(Options{})
	log.Info("data folder not writable")
	c.Close()
	if dir == "" || !strings.HasPrefix(dir, os.Getenv("TMPDIR")) {
		t.Fatalf("fallback folder %q not under TMPDIR", dir)
	}
	b, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil || !strings.Contains(string(b), "data folder not writable") {
		t.Fatalf("fallback log = %q, %v", b, err)
	}
	if st, _ := os.Stat(dir); runtime.GOOS != "windows" && st.Mode().Perm() != 0o700 {
		t.Errorf("fallback folder mode %v, want 0700", st.Mode().Perm())
	}
}
