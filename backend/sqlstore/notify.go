package sqlstore

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"selo/backend/crm"
)

// changeChannel is the channel migration 0019's triggers announce on; the
// payload is a crm.ChangeArea.
const changeChannel = "selo_changes"

// listenerAppName names the listener's session in pg_stat_activity, so the
// office's IT person (and the tests) can tell it from the pool's.
const listenerAppName = "Selo changes"

// Timings of the change feed.
const (
	// changeWindow gathers a burst of notices (a send writes several tables
	// in a few steps) into one batch per area, so screens reload once. It
	// is short against the 2 s a change may take to show on another PC.
	changeWindow = 200 * time.Millisecond
	// listenQuiet is how long the listener waits in silence before it asks
	// the server whether the connection still works: a server that vanished
	// without closing the socket (network cable, sleep) sends no error.
	listenQuiet = 20 * time.Second
	// listenPing bounds that question.
	listenPing = 5 * time.Second
	// Reconnection waits double from retryMin up to retryMax while the
	// server stays away, so a restarting server is not hammered.
	retryMin = 250 * time.Millisecond
	retryMax = 10 * time.Second
)

// ChangeFeed returns what other PCs change in the office database, or nil on
// SQLite, where this process is the only writer and there is nothing to hear.
func (db *DB) ChangeFeed() crm.ChangeFeed {
	if db.engine != Postgres || db.listen == nil {
		return nil
	}
	return &pgFeed{cfg: db.listen, window: changeWindow, quiet: listenQuiet, ping: listenPing,
		retryMin: retryMin, retryMax: retryMax, log: slog.Default()}
}

// pgFeed listens on a pgx connection of its own, outside the pool: a
// LISTEN lives as long as its session, and a pooled connection would be
// lent to queries and closed at will.
type pgFeed struct {
	cfg                *pgx.ConnConfig
	window, quiet      time.Duration
	ping               time.Duration
	retryMin, retryMax time.Duration
	log                *slog.Logger
}

// Changes starts listening; see crm.ChangeFeed. Two goroutines: one owns
// the connection (and its reconnection), one gathers what it hears into
// batches; both end with ctx.
func (f *pgFeed) Changes(ctx context.Context) <-chan []crm.ChangeArea {
	heard := make(chan crm.ChangeArea, 64)
	out := make(chan []crm.ChangeArea, 1)
	go f.listen(ctx, heard)
	go coalesce(ctx, heard, out, f.window)
	return out
}

// listen keeps a LISTEN session open until ctx ends, reconnecting with
// backoff when the server goes away. After a reconnection every area is
// announced, since what changed while it was away went unheard.
func (f *pgFeed) listen(ctx context.Context, heard chan<- crm.ChangeArea) {
	defer close(heard)
	delay := f.retryMin
	connected := false
	for ctx.Err() == nil {
		conn, err := f.connect(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			f.log.Warn("change feed: office server not reachable, retrying", "err", err, "in", delay)
			if !sleep(ctx, delay) {
				return
			}
			delay = min(delay*2, f.retryMax)
			continue
		}
		delay = f.retryMin
		if connected {
			f.log.Info("change feed: listening again")
			for _, a := range crm.ChangeAreas() {
				if !send(ctx, heard, a) {
					conn.Close(context.Background())
					return
				}
			}
		}
		connected = true
		err = f.wait(ctx, conn, heard)
		closeCtx, cancel := context.WithTimeout(context.Background(), time.Second)
		conn.Close(closeCtx)
		cancel()
		if ctx.Err() != nil {
			return
		}
		f.log.Warn("change feed: connection lost, reconnecting", "err", err)
	}
}

// connect opens the listener's session and subscribes it.
func (f *pgFeed) connect(ctx context.Context) (*pgx.Conn, error) {
	return listenSession(ctx, f.cfg, listenerAppName, changeChannel)
}

// wait hands on each notice until the connection fails or ctx ends.
func (f *pgFeed) wait(ctx context.Context, conn *pgx.Conn, heard chan<- crm.ChangeArea) error {
	for {
		n, err := nextNotice(ctx, conn, f.quiet, f.ping)
		if err != nil {
			return err
		}
		a := crm.ChangeArea(n.Payload)
		if !a.Valid() {
			// A newer Selo's area this one has no screen for.
			continue
		}
		if !send(ctx, heard, a) {
			return ctx.Err()
		}
	}
}

// listenSession opens a session of its own, named appName in
// pg_stat_activity, that LISTENs on channel.
func listenSession(ctx context.Context, base *pgx.ConnConfig, appName, channel string) (*pgx.Conn, error) {
	cfg := base.Copy()
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	cfg.RuntimeParams["application_name"] = appName
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+channel); err != nil {
		conn.Close(context.Background())
		return nil, err
	}
	return conn, nil
}

// nextNotice waits for the next notice on conn; it returns an error once
// the connection fails or ctx ends. A quiet spell ends a wait with a
// timeout and leaves the connection usable, so it pings the server then,
// which also finds a connection that died silently.
func nextNotice(ctx context.Context, conn *pgx.Conn, quiet, ping time.Duration) (*pgconn.Notification, error) {
	for {
		wctx, cancel := context.WithTimeout(ctx, quiet)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		if err == nil {
			return n, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if errors.Is(err, context.DeadlineExceeded) && !conn.IsClosed() {
			pctx, cancel := context.WithTimeout(ctx, ping)
			err = conn.Ping(pctx)
			cancel()
			if err == nil {
				continue
			}
		}
		return nil, err
	}
}

// coalesce gathers the areas heard within window of the first one into
// one batch, in crm.ChangeAreas order, and closes out when heard closes.
func coalesce(ctx context.Context, heard <-chan crm.ChangeArea, out chan<- []crm.ChangeArea, window time.Duration) {
	defer close(out)
	pending := map[crm.ChangeArea]bool{}
	var due <-chan time.Time
	for {
		select {
		case a, ok := <-heard:
			if !ok {
				return
			}
			if len(pending) == 0 {
				due = time.After(window)
			}
			pending[a] = true
		case <-due:
			var batch []crm.ChangeArea
			for _, a := range crm.ChangeAreas() {
				if pending[a] {
					batch = append(batch, a)
				}
			}
			pending, due = map[crm.ChangeArea]bool{}, nil
			select {
			case out <- batch:
			case <-ctx.Done():
				return
			}
		}
	}
}

// send hands v on unless ctx ends first.
func send[T any](ctx context.Context, ch chan<- T, v T) bool {
	select {
	case ch <- v:
		return true
	case <-ctx.Done():
		return false
	}
}

// sleep waits d unless ctx ends first.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
