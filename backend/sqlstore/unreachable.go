package sqlstore

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"net/url"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
)

// IsConnectionLost reports whether err means the office server could not be
// reached or dropped the connection mid-call (refused, reset, timed out, shut
// down by its administrator, restarting), as opposed to the server answering
// that something is wrong with the request. Such a call did not happen, or
// rolled back with its connection, so the user's input is worth keeping for
// a retry once the server is back; the app layer turns these into
// crm.CodeOfficeUnreachable rather than "internal".
func IsConnectionLost(err error) bool {
	if err == nil {
		return false
	}
	// An HTTP client's failure (Clicksign, the update feed) is a net.Error
	// too, but never the office server's: it keeps its own message.
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case strings.HasPrefix(pgErr.Code, "08"): // connection_exception class
			return true
		case pgErr.Code == "57P01", pgErr.Code == "57P02", pgErr.Code == "57P03":
			// admin_shutdown (pg_ctl stop, pg_terminate_backend),
			// crash_shutdown, cannot_connect_now (starting up).
			return true
		}
		// Any other answer came from a live server.
		return false
	}
	var connectErr *pgconn.ConnectError
	if errors.As(err, &connectErr) {
		return true
	}
	var netErr net.Error
	var opErr *net.OpError
	if errors.As(err, &opErr) || errors.As(err, &netErr) {
		return true
	}
	if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, driver.ErrBadConn) {
		return true
	}
	// pgx's own timeout (a deadline hit while talking to the server) and
	// "conn closed" after the server hung up on a busy connection.
	if pgconn.Timeout(err) && !errors.Is(err, context.Canceled) {
		return true
	}
	return strings.Contains(err.Error(), "conn closed")
}
