package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"selo/backend/crm"
	"selo/backend/signing"
)

// serverPresenceLock is the advisory lock `selo server` holds for as long
// as it runs (syncLeaseLock's neighbour). Desktops read it, never take it.
const serverPresenceLock = 0x5e10_0004

// serverListeningLock is held by the server's request listener, on the
// connection that LISTENs, once it listens: a request is only sent when
// someone hears it, and the lock goes with that session.
const serverListeningLock = 0x5e10_0005

// ErrServerNotListening is RequestSync's answer when no server listens
// (starting, reconnecting, gone): the caller syncs by itself.
var ErrServerNotListening = errors.New("no selo server is listening for sync requests")

// serverChannel is what the server LISTENs on for the desktops' requests
// ("sync:<reservationID>").
const serverChannel = "selo_server"

// serverListenerAppName names the server's request listener in
// pg_stat_activity.
const serverListenerAppName = "Selo server requests"

// ErrNoOfficeServer is TryHoldPresence's answer on SQLite: one PC, no server.
var ErrNoOfficeServer = errors.New("selo server needs the office's PostgreSQL database")

// OfficeServers is the office server's presence and row (migration 0022).
type OfficeServers struct{ db *DB }

// OfficeServer returns the office server's store.
func (db *DB) OfficeServer() *OfficeServers { return &OfficeServers{db: db} }

// TryHoldPresence takes the server-presence lock on a connection of its
// own, like the sync lease; a nil hold means another server holds it.
func (s *OfficeServers) TryHoldPresence(ctx context.Context) (signing.LeaseHold, error) {
	if s.db.engine != Postgres {
		return nil, ErrNoOfficeServer
	}
	return (&pgLease{db: s.db.DB, lock: serverPresenceLock, ping: leasePing}).TryAcquire(ctx)
}

// ServerPresent reports whether a server's session holds the presence lock
// right now. It needs no clock: the lock goes the moment the server's
// session ends (a stop, a kill, or the server dropping a silent client
// after its keepalive). On SQLite there is never a server.
func (s *OfficeServers) ServerPresent(ctx context.Context) (bool, error) {
	if s.db.engine != Postgres {
		return false, nil
	}
	// pg_locks spans the cluster; an advisory lock belongs to one database.
	var held bool
	err := s.db.DB.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'
		AND objsubid = 1 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
		AND ((classid::bigint << 32) | objid::bigint) = $1)`, int64(serverPresenceLock)).Scan(&held)
	return held, err
}

// Announce writes the server's row as it starts (the one row, replaced).
func (s *OfficeServers) Announce(ctx context.Context, o crm.OfficeServer) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO office_server
		(id, instance, host_name, version, web_mode, public_url, started_at, beat_at, stopped_at)
		VALUES (1, ?, ?, ?, ?, ?, ?, ?, '')
		ON CONFLICT (id) DO UPDATE SET instance = excluded.instance, host_name = excluded.host_name,
		version = excluded.version, web_mode = excluded.web_mode, public_url = excluded.public_url,
		started_at = excluded.started_at, beat_at = excluded.beat_at, stopped_at = ''`,
		o.Instance, o.HostName, o.Version, o.WebMode, o.PublicURL, envTS(o.StartedAt), envTS(o.BeatAt))
	return err
}

// Beat refreshes beat_at of instance's row; a row another server took
// over is left alone.
func (s *OfficeServers) Beat(ctx context.Context, instance string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE office_server SET beat_at = ? WHERE id = 1 AND instance = ?`, envTS(at), instance)
	return err
}

// MarkStopped records instance's clean stop.
func (s *OfficeServers) MarkStopped(ctx context.Context, instance string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE office_server SET stopped_at = ?, beat_at = ? WHERE id = 1 AND instance = ?`,
		envTS(at), envTS(at), instance)
	return err
}

// Load returns the server's row; false when no server ever ran.
func (s *OfficeServers) Load(ctx context.Context) (crm.OfficeServer, bool, error) {
	var o crm.OfficeServer
	var started, beat, stopped string
	err := s.db.QueryRowContext(ctx, `SELECT instance, host_name, version, web_mode, public_url, started_at, beat_at, stopped_at
		FROM office_server WHERE id = 1`).Scan(&o.Instance, &o.HostName, &o.Version, &o.WebMode, &o.PublicURL, &started, &beat, &stopped)
	if errors.Is(err, sql.ErrNoRows) {
		return crm.OfficeServer{}, false, nil
	}
	if err != nil {
		return crm.OfficeServer{}, false, err
	}
	o.StartedAt, o.BeatAt, o.StoppedAt = envTime(started), envTime(beat), envTime(stopped)
	return o, true, nil
}

// RequestSync asks the running server to sync a reservation's envelopes
// (0: all), as "Atualizar" does on a PC without a server. Nobody hears it
// when no server listens; the result reaches the PCs through the change
// feed.
func (s *OfficeServers) RequestSync(ctx context.Context, reservationID int64) error {
	if s.db.engine != Postgres {
		return ErrNoOfficeServer
	}
	// One statement: the notice is only queued when the listener's lock
	// is held, so a request no one would hear is not reported as sent.
	var sent bool
	err := s.db.DB.QueryRowContext(ctx, `SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'
		AND objsubid = 1 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
		AND ((classid::bigint << 32) | objid::bigint) = $3)
		THEN (SELECT true FROM pg_notify($1, $2)) ELSE false END`,
		serverChannel, "sync:"+strconv.FormatInt(reservationID, 10), int64(serverListeningLock)).Scan(&sent)
	if err == nil && !sent {
		err = ErrServerNotListening
	}
	return err
}

// SyncRequests listens, until ctx ends, for RequestSync on a connection of
// its own (reconnecting with backoff), and hands on each reservation id.
// The channel closes when ctx ends; nil on SQLite.
func (s *OfficeServers) SyncRequests(ctx context.Context) <-chan int64 {
	if s.db.engine != Postgres || s.db.listen == nil {
		return nil
	}
	out := make(chan int64, 16)
	go s.listenRequests(ctx, out, slog.Default())
	return out
}

func (s *OfficeServers) listenRequests(ctx context.Context, out chan<- int64, log *slog.Logger) {
	defer close(out)
	delay := retryMin
	for ctx.Err() == nil {
		conn, err := s.connect(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			log.Warn("server requests: database not reachable, retrying", "err", err, "in", delay)
			if !sleep(ctx, delay) {
				return
			}
			delay = min(delay*2, retryMax)
			continue
		}
		delay = retryMin
		err = s.waitRequests(ctx, conn, out)
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		conn.Close(cctx)
		cancel()
		if ctx.Err() != nil {
			return
		}
		log.Warn("server requests: connection lost, reconnecting", "err", err)
	}
}

func (s *OfficeServers) connect(ctx context.Context) (*pgx.Conn, error) {
	conn, err := listenSession(ctx, s.db.listen, serverListenerAppName, serverChannel)
	if err != nil {
		return nil, err
	}
	// Announce the listener only now that it hears. A false answer means
	// another server's listener holds it: requests are heard there.
	if _, err := conn.Exec(ctx, "SELECT pg_try_advisory_lock($1)", int64(serverListeningLock)); err != nil {
		conn.Close(context.Background())
		return nil, err
	}
	return conn, nil
}

// waitRequests hands on each well-formed request until the connection
// fails or ctx ends; a quiet spell checks the server is still there.
func (s *OfficeServers) waitRequests(ctx context.Context, conn *pgx.Conn, out chan<- int64) error {
	for {
		n, err := nextNotice(ctx, conn, listenQuiet, listenPing)
		if err != nil {
			return err
		}
		idText, ok := strings.CutPrefix(n.Payload, "sync:")
		id, perr := strconv.ParseInt(idText, 10, 64)
		if !ok || perr != nil || id < 0 {
			// Any session may notify: what is not ours is ignored.
			continue
		}
		if !send(ctx, out, id) {
			return ctx.Err()
		}
	}
}
