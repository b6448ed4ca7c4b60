package sqlstore

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"selo/backend/crm"
)

// TLS modes an office connection may use.
const (
	// SSLDisable talks in the clear (a server on the office LAN).
	SSLDisable = "disable"
	// SSLRequire encrypts but trusts any certificate.
	SSLRequire = "require"
	// SSLVerifyFull encrypts and checks the certificate and host name
	// against RootCertFile (a managed cloud server).
	SSLVerifyFull = "verify-full"
)

// MinServerVersion is the oldest PostgreSQL major version Selo runs on; the
// schema uses nondeterministic ICU collations and SQL/JSON that older
// servers lack or get wrong.
const MinServerVersion = 14

// PostgresConfig says how to reach the office database. The password comes
// from the OS keyring and must never be logged or put in an error.
type PostgresConfig struct {
	Host     string
	Port     int
	Database string
	User     string
	Password string
	// SSLMode is SSLDisable, SSLRequire or SSLVerifyFull ("" means disable).
	SSLMode string
	// RootCertFile is the CA certificate file verify-full checks against.
	RootCertFile string
	// MaxConns is the pool's size; 0 means a desktop's 8. The headless
	// server sets more, so its webhook routes, sync and /health each find
	// a connection.
	MaxConns int
}

// connConfig builds pgx's configuration. The URL is assembled here, never
// shown: it carries the password.
func (c PostgresConfig) connConfig() (*pgx.ConnConfig, error) {
	mode := c.SSLMode
	if mode == "" {
		mode = SSLDisable
	}
	switch mode {
	case SSLDisable, SSLRequire, SSLVerifyFull:
	default:
		return nil, invalid(crm.E(crm.CodeOutOfRange, "value", mode).OnField("sslMode"))
	}
	if c.Host == "" {
		return nil, invalid(crm.E(crm.CodeRequired).OnField("host"))
	}
	if c.Database == "" {
		return nil, invalid(crm.E(crm.CodeRequired).OnField("database"))
	}
	if c.User == "" {
		return nil, invalid(crm.E(crm.CodeRequired).OnField("user"))
	}
	port := c.Port
	if port == 0 {
		port = 5432
	}
	if port < 1 || port > 65535 {
		return nil, invalid(crm.E(crm.CodeOutOfRange, "min", 1, "max", 65535).OnField("port"))
	}
	if mode == SSLVerifyFull && c.RootCertFile == "" {
		return nil, invalid(crm.E(crm.CodeRequired).OnField("rootCertFile"))
	}
	q := url.Values{}
	q.Set("sslmode", mode)
	if c.RootCertFile != "" {
		q.Set("sslrootcert", c.RootCertFile)
	}
	q.Set("connect_timeout", "10")
	q.Set("application_name", "Selo")
	u := url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(c.User, c.Password),
		Host:     net.JoinHostPort(c.Host, strconv.Itoa(port)),
		Path:     "/" + c.Database,
		RawQuery: q.Encode(),
	}
	cfg, err := pgx.ParseConfig(u.String())
	if err != nil {
		// pgx's parse errors may quote the connection string: keep only
		// that it failed and where.
		return nil, fmt.Errorf("postgres configuration for %s is invalid", c.where())
	}
	return cfg, nil
}

// where names the database for errors and logs, without credentials.
func (c PostgresConfig) where() string {
	port := c.Port
	if port == 0 {
		port = 5432
	}
	return net.JoinHostPort(c.Host, strconv.Itoa(port)) + "/" + c.Database
}

// OpenPostgres connects to the office database and migrates it. A server
// older than MinServerVersion is refused with crm.CodeServerTooOld and a
// database written by a newer Selo with crm.CodeDatabaseNewer, both before
// anything is written.
func OpenPostgres(ctx context.Context, c PostgresConfig) (*DB, error) {
	cfg, err := c.connConfig()
	if err != nil {
		return nil, err
	}
	sqldb := stdlib.OpenDB(*cfg)
	// A desktop keeps a few connections: the screens, sync and the webhook
	// listener; an office of twenty PCs stays far below max_connections.
	maxConns := c.MaxConns
	if maxConns <= 0 {
		maxConns = 8
	}
	sqldb.SetMaxOpenConns(maxConns)
	sqldb.SetMaxIdleConns(4)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	db := &DB{DB: sqldb, engine: Postgres, where: c.where(), listen: cfg.Copy()}
	if err := db.PingContext(ctx); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("connecting to %s: %w", c.where(), err)
	}
	if err := db.checkServerVersion(ctx); err != nil {
		sqldb.Close()
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}

// checkServerVersion refuses a server older than MinServerVersion.
func (db *DB) checkServerVersion(ctx context.Context) error {
	var num int
	var shown string
	if err := db.QueryRowContext(ctx, `SELECT current_setting('server_version_num')::int, current_setting('server_version')`).
		Scan(&num, &shown); err != nil {
		return fmt.Errorf("reading the server version: %w", err)
	}
	return serverVersionOK(num, shown)
}

// serverVersionOK checks a server_version_num (e.g. 150004 for 15.4);
// shown is the version as the server names it ("13.9 (Debian …)"), of which
// the error keeps the number the office's IT person would recognise.
func serverVersionOK(num int, shown string) error {
	if num/10000 >= MinServerVersion {
		return nil
	}
	if i := strings.IndexByte(shown, ' '); i > 0 {
		shown = shown[:i]
	}
	return crm.E(crm.CodeServerTooOld, "version", shown, "min", MinServerVersion)
}
