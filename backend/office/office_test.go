package office

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/secrets"
)

type fakeProber struct {
	got    []Target
	answer error
}

func (f *fakeProber) Probe(_ context.Context, t Target) (ProbeResult, error) {
	f.got = append(f.got, t)
	if f.answer != nil {
		return ProbeResult{}, f.answer
	}
	return ProbeResult{ServerVersion: "15.4", Empty: true}, nil
}

func newTestService(t *testing.T) (*Service, string, *secrets.Memory, *fakeProber, *bytes.Buffer) {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	mem := secrets.NewMemory()
	p := &fakeProber{}
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return NewService(path, mem, p, log), path, mem, p, &logs
}

func officeSettings() Settings {
	return Settings{Mode: ModeOffice, Host: "servidor.escritorio", Port: 5432, Database: "selo", User: "selo", TLS: TLSDisable}
}

func fields(t *testing.T, err error) map[string]string {
	t.Helper()
	var inv *crm.Invalid
	if !errors.As(err, &inv) {
		t.Fatalf("got %v, want field problems", err)
	}
	out := map[string]string{}
	for _, p := range inv.Problems {
		out[p.Field] = p.Code
	}
	return out
}

func TestNoFileMeansThisComputerOnly(t *testing.T) {
	svc, path, mem, _, _ := newTestService(t)
	v, err := svc.Get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if v.Settings.Mode != ModeLocal || v.Settings.Port != DefaultPort || v.HasPassword {
		t.Fatalf("got %+v, want local mode on port 5432 and no password", v)
	}
	if _, ok, err := Next(context.Background(), path, mem); ok || err != nil {
		t.Fatalf("next start: office %v err %v, want this PC's selo.db", ok, err)
	}
}

func TestSaveKeepsPasswordInKeyringOnlyAndFilePrivate(t *testing.T) {
	svc, path, mem, _, logs := newTestService(t)
	const pw = "S3nha-do-Escritorio!"
	v, err := svc.Save(context.Background(), officeSettings(), pw)
	if err != nil {
		t.Fatal(err)
	}
	if !v.HasPassword || v.Settings.Mode != ModeOffice {
		t.Fatalf("got %+v", v)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte(pw)) {
		t.Fatal("the settings file holds the password")
	}
	if strings.Contains(logs.String(), pw) {
		t.Fatal("the log holds the password")
	}
	if got, _ := mem.Get(context.Background(), PasswordKey); got != pw {
		t.Fatalf("keyring holds %q", got)
	}
	if runtime.GOOS != "windows" {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Fatalf("file mode %v, want 0600", st.Mode().Perm())
		}
	}
	target, ok, err := Next(context.Background(), path, mem)
	if err != nil || !ok || target.Password != pw || target.Host != "servidor.escritorio" {
		t.Fatalf("next start: %+v office %v err %v", target.Host, ok, err)
	}
}

func TestSaveWithEmptyPasswordKeepsTheStoredOne(t *testing.T) {
	svc, _, mem, _, _ := newTestService(t)
	ctx := context.Background()
	if _, err := svc.Save(ctx, officeSettings(), "primeira"); err != nil {
		t.Fatal(err)
	}
	s := officeSettings()
	s.Port = 6432
	if _, err := svc.Save(ctx, s, ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := mem.Get(ctx, PasswordKey); got != "primeira" {
		t.Fatalf("keyring holds %q", got)
	}
}

func TestOfficeWithoutAnyPasswordIsRefusedOnThePasswordField(t *testing.T) {
	svc, path, _, _, _ := newTestService(t)
	_, err := svc.Save(context.Background(), officeSettings(), "")
	if f := fields(t, err); f["password"] != crm.CodeRequired {
		t.Fatalf("problems %v, want password required", f)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("a refused save wrote the file")
	}
}

func TestValidationNamesEveryBadField(t *testing.T) {
	s := Settings{Mode: ModeOffice, Host: "http://servidor/", Port: 70000, Database: "", User: "", TLS: "sometimes"}
	f := fields(t, s.Validate())
	want := map[string]string{"host": CodeBadHost, "port": crm.CodeOutOfRange, "database": crm.CodeRequired,
		"user": crm.CodeRequired, "tls": crm.CodeOutOfRange}
	for k, v := range want {
		if f[k] != v {
			t.Errorf("field %s: got %q, want %q (all: %v)", k, f[k], v, f)
		}
	}
	// A local PC's remembered fields are not checked.
	s.Mode = ModeLocal
	if err := s.Validate(); err != nil {
		t.Fatalf("local mode refused: %v", err)
	}
}

func TestVerifyFullNeedsAReadableCertificate(t *testing.T) {
	dir := t.TempDir()
	s := officeSettings()
	s.TLS = TLSVerifyFull
	if f := fields(t, s.Validate()); f["caFile"] != crm.CodeRequired {
		t.Fatalf("no CA file: %v", f)
	}
	s.CAFile = filepath.Join(dir, "missing.pem")
	if f := fields(t, s.Validate()); f["caFile"] != crm.CodeOfficeCAFile {
		t.Fatalf("missing CA file: %v", f)
	}
	notCert := filepath.Join(dir, "notes.txt")
	os.WriteFile(notCert, []byte("não é um certificado"), 0o600)
	s.CAFile = notCert
	if f := fields(t, s.Validate()); f["caFile"] != crm.CodeOfficeCAFile {
		t.Fatalf("not a certificate: %v", f)
	}
	s.CAFile = writeTestCA(t, dir)
	if err := s.Validate(); err != nil {
		t.Fatalf("a real CA file refused: %v", err)
	}
}

func writeTestCA(t *testing.T, dir string) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "CA do escritório"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTestUsesTheStoredPasswordAndSavesNothing(t *testing.T) {
	svc, path, mem, p, logs := newTestService(t)
	ctx := context.Background()
	mem.Set(ctx, PasswordKey, "guardada")
	res, err := svc.Test(ctx, officeSettings(), "")
	if err != nil {
		t.Fatal(err)
	}
	if res.ServerVersion != "15.4" || !res.Empty {
		t.Fatalf("got %+v", res)
	}
	if len(p.got) != 1 || p.got[0].Password != "guardada" || p.got[0].Port != 5432 {
		t.Fatalf("probed %+v", p.got)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("testing the connection saved the settings")
	}
	// A typed password wins, and a failure passes its code through.
	p.answer = crm.E(crm.CodeOfficeWrongPassword, "user", "selo").OnField("password")
	_, err = svc.Test(ctx, officeSettings(), "digitada")
	var ce *crm.Error
	if !errors.As(err, &ce) || ce.Code != crm.CodeOfficeWrongPassword {
		t.Fatalf("got %v", err)
	}
	if p.got[1].Password != "digitada" || strings.Contains(logs.String(), "digitada") || strings.Contains(logs.String(), "guardada") {
		t.Fatal("typed password not used, or a password reached the log")
	}
}

func TestUseLocalKeepsTheServerForLater(t *testing.T) {
	svc, path, mem, _, _ := newTestService(t)
	ctx := context.Background()
	if _, err := svc.Save(ctx, officeSettings(), "pw"); err != nil {
		t.Fatal(err)
	}
	if err := svc.UseLocal(ctx); err != nil {
		t.Fatal(err)
	}
	st, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode != ModeLocal || st.Host != "servidor.escritorio" {
		t.Fatalf("got %+v", st)
	}
	if _, ok, _ := Next(ctx, path, mem); ok {
		t.Fatal("next start still goes to the server")
	}
}

func TestNextStart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	mem := secrets.NewMemory()
	// An office PC whose keyring lost the password says so, naming the host.
	if err := Save(path, officeSettings()); err != nil {
		t.Fatal(err)
	}
	tg, ok, err := Next(ctx, path, mem)
	var ce *crm.Error
	if !ok || !errors.As(err, &ce) || ce.Code != crm.CodeOfficeNoPassword || tg.Host != "servidor.escritorio" {
		t.Fatalf("got office %v err %v", ok, err)
	}
	// A settings file Selo cannot read never keeps the PC from starting.
	os.WriteFile(path, []byte("{quebrado"), 0o600)
	if _, ok, err := Next(ctx, path, mem); ok || err != nil {
		t.Fatalf("broken file: office %v err %v, want this PC's selo.db", ok, err)
	}
}
