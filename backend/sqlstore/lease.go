package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/stdlib"

	"selo/backend/signing"
)

// syncLeaseLock is the PostgreSQL advisory lock held by the PC that runs
// status sync (writerLock's neighbour).
const syncLeaseLock = 0x5e10_0003

// docuSignLeaseLock is the advisory lock held by the desktop that follows
// the office's DocuSign keys: apart from syncLeaseLock, because only a
// desktop signed in to DocuSign can (the server has no DocuSign tokens).
const docuSignLeaseLock = 0x5e10_0006

// leasePing is how often the holder checks its lease connection, and how
// long one check may take, so a holder notices a lost lease within 10 s.
const leasePing = 5 * time.Second

// leaseSessionSettings make the server itself drop a holder that vanished
// without closing its socket (network cable, sleep, power), which frees its
// session lock; a closed or killed process frees it at once. The holder
// talks every leasePing, so its session is never idle for long; once it
// goes silent the server starts keepalive probes after 10 s and gives up
// after 3 unanswered ones 5 s apart (about 25 s), and tcp_user_timeout ends
// it after 20 s of unacknowledged data (a ping reply in flight), where the
// kernel's default retransmission would wait about 15 minutes. The lease is
// thus free within about 30 s, and another PC, asking every 15 s, takes
// over within 45 s. Settings a server cannot apply (tcp_user_timeout
// exists on Linux only) are skipped: the lease still works, with the
// operating system's slower keepalive defaults.
var leaseSessionSettings = [][2]string{
	{"tcp_keepalives_idle", "10"},
	{"tcp_keepalives_interval", "5"},
	{"tcp_keepalives_count", "3"},
	{"tcp_user_timeout", "20000"},
}

// SyncLease returns the lease that lets one PC at a time run status sync:
// on SQLite always held (one PC; the single-instance lock keeps it to one
// process), on PostgreSQL a session advisory lock on a connection of its
// own.
func (db *DB) SyncLease() signing.SyncLease {
	if db.engine != Postgres {
		return signing.AlwaysHeld{}
	}
	return &pgLease{db: db.DB, lock: syncLeaseLock, ping: leasePing}
}

// DocuSignSyncLease returns the lease that lets one desktop at a time
// follow the office's DocuSign keys, taken as SyncLease is, on its own
// lock: a desktop's DocuSign loop keeps it while `selo server` holds the
// sync lease.
func (db *DB) DocuSignSyncLease() signing.SyncLease {
	if db.engine != Postgres {
		return signing.AlwaysHeld{}
	}
	return &pgLease{db: db.DB, lock: docuSignLeaseLock, ping: leasePing}
}

// pgLease is the office's sync lease.
type pgLease struct {
	db *sql.DB
	// lock is the advisory lock's id: the sync lease's, or the server
	// presence's (presence.go), which is held the same way.
	lock int64
	ping time.Duration
}

// TryAcquire takes the lease if no other session holds it. The lock lives
// as long as the session, so the connection is kept out of the pool until
// Release or until it dies.
func (l *pgLease) TryAcquire(ctx context.Context) (signing.LeaseHold, error) {
	conn, err := l.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	var got bool
	var pid int
	err = conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1), pg_backend_pid()`, l.lock).Scan(&got, &pid)
	if err != nil {
		discard(conn)
		return nil, err
	}
	if !got {
		// Back to the pool: a PC waiting for the lease asks every 15 s
		// and should not open a new connection each time.
		conn.Close()
		return nil, nil
	}
	for _, s := range leaseSessionSettings {
		// Best effort, see leaseSessionSettings.
		_, _ = conn.ExecContext(ctx, `SELECT set_config($1, $2, false)`, s[0], s[1])
	}
	h := &pgHold{conn: conn, lock: l.lock, pid: pid, ping: l.ping, lost: make(chan struct{}), stop: make(chan struct{})}
	go h.keepalive()
	return h, nil
}

// pgHold is a held lease: its connection's session holds the lock. Its
// keepalive goroutine owns the connection and is the one to close it and
// Lost, whether the connection died or the lease was given up.
type pgHold struct {
	conn *sql.Conn
	lock int64
	pid  int // the session's backend, for tests that kill it
	ping time.Duration

	stopOnce sync.Once
	stop     chan struct{}
	lost     chan struct{}
}

// Lost is closed once the lease connection died or was released.
func (h *pgHold) Lost() <-chan struct{} { return h.lost }

// Confirm asks the server over the lease connection whether its session
// still holds the lock, so a PC whose session the server ended (after a
// network loss) learns it here before writing.
func (h *pgHold) Confirm(ctx context.Context) error {
	select {
	case <-h.lost:
		return errors.New("sync lease lost")
	default:
	}
	ctx, cancel := context.WithTimeout(ctx, h.ping)
	defer cancel()
	var held bool
	err := h.conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'
		AND objsubid = 1 AND pid = pg_backend_pid() AND granted AND ((classid::bigint << 32) | objid::bigint) = $1)`, h.lock).Scan(&held)
	if err == nil && !held {
		err = errors.New("sync lease no longer held")
	}
	if err != nil {
		h.end()
		return err
	}
	return nil
}

// Release gives the lease up and waits until its connection is closed.
func (h *pgHold) Release() {
	h.end()
	<-h.lost
}

func (h *pgHold) end() { h.stopOnce.Do(func() { close(h.stop) }) }

// keepalive pings the lease connection until it fails or the lease ends.
func (h *pgHold) keepalive() {
	defer close(h.lost)
	t := time.NewTicker(h.ping)
	defer t.Stop()
	for {
		select {
		case <-h.stop:
			// Short: Run releases on the way out of the app, and a
			// server that stopped answering must not hold the window.
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			// Unlocked first so another PC can take over at once;
			// closing the session frees the lock too.
			_, _ = h.conn.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, h.lock)
			cancel()
			discard(h.conn)
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), h.ping)
		err := h.conn.PingContext(ctx)
		cancel()
		if err != nil {
			discard(h.conn)
			return
		}
	}
}

// discard closes a lease connection for good instead of returning it to the
// pool, where its session might still hold the lock or keep the keepalive
// settings.
func discard(conn *sql.Conn) {
	_ = conn.Raw(func(dc any) error {
		if c, ok := dc.(*stdlib.Conn); ok {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			return c.Conn().Close(ctx)
		}
		return nil
	})
	_ = conn.Close()
}
