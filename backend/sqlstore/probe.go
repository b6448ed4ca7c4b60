package sqlstore

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"selo/backend/crm"
)

// ProbeResult is what "Testar conexão" learned from a server that accepted
// the connection.
type ProbeResult struct {
	// ServerVersion is the version as the server names it ("15.4").
	ServerVersion string
	// Empty says the database holds no tables yet: Selo would create its
	// schema there at the first start.
	Empty bool
	// SchemaVersion is the Selo schema the database holds (0 when empty).
	SchemaVersion int
	// HasData says some table holds rows: a database with Selo's tables
	// but no rows (a copy that was cancelled) can still receive this PC's
	// data (CopySQLiteTo).
	HasData bool
}

// ProbePostgres connects to the office database as OpenPostgres would and
// reports what it finds, changing nothing: no migration, no write. Every
// failure the office's IT person would fix differently comes back as its
// own crm code (wrong password, unreachable, TLS required or failed,
// database missing, server too old, database from a newer Selo), so the
// screen can say what to do. The password never appears in an error.
func ProbePostgres(ctx context.Context, c PostgresConfig) (ProbeResult, error) {
	cfg, err := c.connConfig()
	if err != nil {
		var inv *crm.Invalid
		if errors.As(err, &inv) {
			return ProbeResult{}, err
		}
		// pgx reads the CA file while parsing: a missing or broken file
		// surfaces here, without its cause (which may quote the DSN).
		if c.SSLMode == SSLVerifyFull {
			return ProbeResult{}, crm.E(crm.CodeOfficeCAFile, "path", c.RootCertFile).OnField("caFile")
		}
		return ProbeResult{}, err
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return ProbeResult{}, classifyConnectError(c, err)
	}
	defer conn.Close(context.WithoutCancel(ctx))

	var res ProbeResult
	var num int
	if err := conn.QueryRow(ctx, `SELECT current_setting('server_version_num')::int, current_setting('server_version')`).
		Scan(&num, &res.ServerVersion); err != nil {
		return ProbeResult{}, crm.E(crm.CodeOfficeUnreachable, "host", c.Host, "port", c.port()).Wrap(err)
	}
	if i := strings.IndexByte(res.ServerVersion, ' '); i > 0 {
		res.ServerVersion = res.ServerVersion[:i]
	}
	if err := serverVersionOK(num, res.ServerVersion); err != nil {
		return ProbeResult{}, err
	}
	var tables int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()`).
		Scan(&tables); err != nil {
		return ProbeResult{}, err
	}
	res.Empty = tables == 0
	if !res.Empty {
		if res.HasData, err = anyRows(ctx, conn); err != nil {
			return ProbeResult{}, err
		}
	}
	var hasMigrations bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&hasMigrations); err != nil {
		return ProbeResult{}, err
	}
	if !hasMigrations {
		return res, nil
	}
	if err := conn.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&res.SchemaVersion); err != nil {
		return ProbeResult{}, err
	}
	ms, err := MigrationsFor(Postgres)
	if err != nil {
		return ProbeResult{}, err
	}
	if latest := ms[len(ms)-1].Version; res.SchemaVersion > latest {
		return ProbeResult{}, crm.E(crm.CodeDatabaseNewer, "dbVersion", res.SchemaVersion, "appVersion", latest, "path", c.where())
	}
	return res, nil
}

func (c PostgresConfig) port() int {
	if c.Port == 0 {
		return 5432
	}
	return c.Port
}

// classifyConnectError turns pgx's connection failure into the crm code the
// screen explains. The cause is kept for the log; pgx's messages name the
// user and database but never the password.
func classifyConnectError(c PostgresConfig, err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case pgErr.Code == "28P01":
			return crm.E(crm.CodeOfficeWrongPassword, "user", c.User).OnField("password").Wrap(err)
		case pgErr.Code == "3D000":
			return crm.E(crm.CodeOfficeDatabaseMissing, "database", c.Database).OnField("database").Wrap(err)
		case pgErr.Code == "28000" && strings.Contains(pgErr.Message, "no encryption"):
			// pg_hba.conf has a hostssl line for us but none for plain
			// connections: "... SSL off" / "no encryption".
			return crm.E(crm.CodeOfficeTLSRequired, "host", c.Host).OnField("tls").Wrap(err)
		case pgErr.Code == "28000":
			// No pg_hba.conf line lets this user in from here: the server
			// answered, so the IT person fixes it there, as for a password.
			return crm.E(crm.CodeOfficeWrongPassword, "user", c.User).OnField("user").Wrap(err)
		}
	}
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var certErr *tls.CertificateVerificationError
	var alert tls.AlertError
	var recErr tls.RecordHeaderError
	if errors.As(err, &unknownCA) || errors.As(err, &hostErr) || errors.As(err, &certErr) ||
		errors.As(err, &alert) || errors.As(err, &recErr) || strings.Contains(err.Error(), "refused TLS") {
		return crm.E(crm.CodeOfficeTLSFailed, "host", c.Host).OnField("tls").Wrap(err)
	}
	var netErr net.Error
	var opErr *net.OpError
	var dnsErr *net.DNSError
	if errors.As(err, &opErr) || errors.As(err, &dnsErr) || errors.As(err, &netErr) ||
		errors.Is(err, context.DeadlineExceeded) {
		return crm.E(crm.CodeOfficeUnreachable, "host", c.Host, "port", c.port()).OnField("host").Wrap(err)
	}
	return crm.E(crm.CodeOfficeUnreachable, "host", c.Host, "port", c.port()).Wrap(err)
}

// anyRows says whether a table of the schema, schema_migrations aside,
// holds a row; it stops at the first one found.
func anyRows(ctx context.Context, conn *pgx.Conn) (bool, error) {
	rows, err := conn.Query(ctx, `SELECT quote_ident(table_name) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'`)
	if err != nil {
		return false, err
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return false, err
	}
	for _, n := range names {
		var has bool
		if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+n+`)`).Scan(&has); err != nil {
			return false, err
		}
		if has {
			return true, nil
		}
	}
	return false, nil
}
