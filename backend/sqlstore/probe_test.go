package sqlstore

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"selo/backend/crm"
)

// needPostgres skips a test that needs a real server when none is given;
// with SELO_TEST_POSTGRES set (test.sh's PostgreSQL step) it always runs.
func needPostgres(t *testing.T) {
	t.Helper()
	if !onPostgres() {
		t.Skip("needs SELO_TEST_POSTGRES (build/scripts/test.sh's PostgreSQL step sets it)")
	}
}

func wantCode(t *testing.T, err error, code string) *crm.Error {
	t.Helper()
	var ce *crm.Error
	if !errors.As(err, &ce) || ce.Code != code {
		t.Fatalf("got %v, want code %s", err, code)
	}
	return ce
}

func TestProbeEmptyDatabaseIsOKAndStaysEmpty(t *testing.T) {
	needPostgres(t)
	cfg := freshPostgresDatabase(t)
	res, err := ProbePostgres(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Empty || res.SchemaVersion != 0 || res.ServerVersion == "" {
		t.Fatalf("got %+v, want an empty database and the server's version", res)
	}
	// The probe must not migrate: the database is still empty afterwards.
	admin := openAdmin(t, cfg)
	defer admin.Close()
	var n int
	if err := admin.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("the probe created %d tables", n)
	}
}

func TestProbeSeloDatabaseReportsItsSchema(t *testing.T) {
	needPostgres(t)
	db, _ := openTestDB(t)
	cfg, _ := pgConfigs.Load(db)
	res, err := ProbePostgres(context.Background(), cfg.(PostgresConfig))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := db.SchemaVersion(context.Background())
	if res.Empty || res.SchemaVersion != want {
		t.Fatalf("got %+v, want a non-empty database at schema %d", res, want)
	}
}

func TestProbeWrongPassword(t *testing.T) {
	needPostgres(t)
	cfg := testServerConfig(t)
	secret := "not-the-password-" + cfg.Password
	cfg.Password = secret
	_, err := ProbePostgres(context.Background(), cfg)
	ce := wantCode(t, err, crm.CodeOfficeWrongPassword)
	if ce.Field != "password" {
		t.Fatalf("field %q, want password", ce.Field)
	}
	if strings.Contains(err.Error(), secret) {
		t.Fatal("the error shows the password")
	}
}

func TestProbeDatabaseMissing(t *testing.T) {
	needPostgres(t)
	cfg := testServerConfig(t)
	cfg.Database = "selo_no_such_database"
	_, err := ProbePostgres(context.Background(), cfg)
	ce := wantCode(t, err, crm.CodeOfficeDatabaseMissing)
	if ce.Data["database"] != "selo_no_such_database" {
		t.Fatalf("data %v, want the database named", ce.Data)
	}
}

func TestProbeUnreachableNamesHostAndPort(t *testing.T) {
	// A port that was free a moment ago: nothing listens there. Needs no
	// server, so it runs on every machine.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	_, err = ProbePostgres(context.Background(), PostgresConfig{Host: "127.0.0.1", Port: port, Database: "selo", User: "selo", Password: "x"})
	ce := wantCode(t, err, crm.CodeOfficeUnreachable)
	if ce.Data["host"] != "127.0.0.1" || ce.Data["port"] != port {
		t.Fatalf("data %v, want host and port", ce.Data)
	}
}

func TestProbeTLSOnAServerWithoutTLSFails(t *testing.T) {
	needPostgres(t)
	cfg := testServerConfig(t)
	// The test cluster runs with ssl = off: requiring TLS cannot work.
	cfg.SSLMode = SSLRequire
	_, err := ProbePostgres(context.Background(), cfg)
	wantCode(t, err, crm.CodeOfficeTLSFailed)
}

func TestProbeNewerSeloDatabaseRefused(t *testing.T) {
	needPostgres(t)
	db, _ := openTestDB(t)
	cfg, _ := pgConfigs.Load(db)
	if _, err := db.ExecContext(context.Background(), `INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', '2030-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	_, err := ProbePostgres(context.Background(), cfg.(PostgresConfig))
	wantCode(t, err, crm.CodeDatabaseNewer)
}

func TestProbeCAFileMissing(t *testing.T) {
	_, err := ProbePostgres(context.Background(), PostgresConfig{Host: "127.0.0.1", Database: "selo", User: "selo",
		SSLMode: SSLVerifyFull, RootCertFile: "/no/such/ca.pem"})
	wantCode(t, err, crm.CodeOfficeCAFile)
}

// A server whose pg_hba.conf rejects plain connections answers 28000 with
// "no encryption"; that is TLS required, not a wrong password.
func TestClassifyTLSRequired(t *testing.T) {
	pgErr := &pgconn.PgError{Severity: "FATAL", Code: "28000",
		Message: `pg_hba.conf rejects connection for host "127.0.0.1", user "selo", database "selo", no encryption`}
	err := classifyConnectError(PostgresConfig{Host: "db.escritorio"}, pgErr)
	ce := wantCode(t, err, crm.CodeOfficeTLSRequired)
	if ce.Data["host"] != "db.escritorio" {
		t.Fatalf("data %v, want the host", ce.Data)
	}
}
