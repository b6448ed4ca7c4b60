//go:build unix

package sqlstore

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"selo/backend/crm"
)

// TestProbeTLSOnARealTLSServer starts a cluster of its own (build/scripts/
// pg.sh) that refuses plain connections (pg_hba "hostnossl … reject") and
// serves TLS with a certificate of a test CA, then checks what "Testar
// conexão" says for each TLS mode. It runs wherever the PostgreSQL step
// runs (SELO_TEST_POSTGRES set), and fails rather than skips there.
func TestProbeTLSOnARealTLSServer(t *testing.T) {
	needPostgres(t)
	if testing.Short() {
		t.Skip("starts a PostgreSQL cluster")
	}
	script, err := filepath.Abs("../../build/scripts/pg.sh")
	if err != nil {
		t.Fatal(err)
	}
	// /tmp: the server may run as 'postgres', which must reach it, and the
	// socket path must stay short.
	dir, err := os.MkdirTemp("/tmp", "selo-pgtls.")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("bash", script, "start", dir).Output()
	if err != nil {
		os.RemoveAll(dir)
		t.Fatalf("starting the TLS test cluster: %v", err)
	}
	t.Cleanup(func() { exec.Command("bash", script, "stop", dir).Run() })
	t.Setenv("SELO_TEST_POSTGRES", strings.TrimSpace(string(out)))
	cfg := testServerConfig(t)

	data := filepath.Join(dir, "data")
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	otherCA := filepath.Join(t.TempDir(), "other-ca.pem")
	certPEM, keyPEM := issueServerCert(t, caFile)
	issueServerCert(t, otherCA)
	st, err := os.Stat(data)
	if err != nil {
		t.Fatal(err)
	}
	sys := st.Sys().(*syscall.Stat_t)
	write := func(name, body string, appendTo bool) {
		p := filepath.Join(data, name)
		flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		if appendTo {
			flag = os.O_WRONLY | os.O_APPEND
		}
		f, err := os.OpenFile(p, flag, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString(body); err != nil {
			t.Fatal(err)
		}
		f.Close()
		if err := os.Chown(p, int(sys.Uid), int(sys.Gid)); err != nil {
			t.Fatal(err)
		}
	}
	write("server.crt", certPEM, false)
	write("server.key", keyPEM, false)
	write("pg_hba.conf", "local all all trust\nhostnossl all all 127.0.0.1/32 reject\nhostssl all all 127.0.0.1/32 scram-sha-256\n", false)
	write("postgresql.conf", "\nssl = on\n", true)
	pidLine, err := os.ReadFile(filepath.Join(data, "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.SplitN(string(pidLine), "\n", 2)[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(pid, syscall.SIGHUP); err != nil {
		t.Fatalf("reloading the TLS test cluster: %v", err)
	}

	ctx := context.Background()
	probe := func(mode, ca string) error {
		c := cfg
		c.SSLMode, c.RootCertFile = mode, ca
		_, err := ProbePostgres(ctx, c)
		return err
	}
	// The reload is asynchronous: wait until plain connections are refused.
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := probe(SSLDisable, "")
		var ce *crm.Error
		if errors.As(err, &ce) && ce.Code == crm.CodeOfficeTLSRequired {
			if ce.Data["host"] != "127.0.0.1" || ce.Field != "tls" {
				t.Fatalf("TLS required: %v", err)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a plain connection to a TLS-only server: got %v, want %s", err, crm.CodeOfficeTLSRequired)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err := probe(SSLRequire, ""); err != nil {
		t.Fatalf("require: %v", err)
	}
	if err := probe(SSLVerifyFull, caFile); err != nil {
		t.Fatalf("verify-full with the server's CA: %v", err)
	}
	wantCode(t, probe(SSLVerifyFull, otherCA), crm.CodeOfficeTLSFailed)
}

// issueServerCert writes a new CA to caFile and returns a certificate for
// 127.0.0.1 it signed, with its key, as PEM.
func issueServerCert(t *testing.T, caFile string) (certPEM, keyPEM string) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Selo test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour), IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}))
}
