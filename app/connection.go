package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"selo/backend/crm"
)

// ConnectionStatus is the data of EventOfficeConnection: whether the office
// server answers, and since when it has (or has not).
type ConnectionStatus struct {
	Online bool      `json:"online"`
	Since  time.Time `json:"since"`
}

// Connection watches the office server while Selo runs in office mode, so
// the shell can say at once that saves will fail and when they work again,
// and turns a bound call's lost connection into crm.CodeOfficeUnreachable.
// Selo on this PC's own selo.db has no Connection.
type Connection struct {
	// Host and Port name the server in the message.
	Host string
	Port int
	// Ping asks the server for a round trip.
	Ping func(ctx context.Context) error
	// Lost says whether an error means the server is out of reach (the
	// storage adapter's predicate), as opposed to it answering "no".
	Lost func(error) bool
	// Emit sends EventOfficeConnection.
	Emit func(name string, data any)
	// Every is the pause between pings while the server answers; WhileDown,
	// while it does not (shorter, so "Conexão restabelecida" comes quickly).
	Every, WhileDown time.Duration
	Log              *slog.Logger

	mu     sync.Mutex
	status ConnectionStatus
	kick   chan struct{}
	once   sync.Once
}

// pingTimeout bounds one ping: a server behind a firewall that drops packets
// never answers, and that must read as down within seconds.
const pingTimeout = 3 * time.Second

func (c *Connection) init() {
	c.once.Do(func() {
		c.kick = make(chan struct{}, 1)
		if c.status.Since.IsZero() {
			// Selo only opens in office mode once the server answered.
			c.status = ConnectionStatus{Online: true, Since: time.Now().UTC()}
		}
	})
}

// Status is the last thing the watch learned.
func (c *Connection) Status() ConnectionStatus {
	c.init()
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.status
}

// Run pings until ctx ends, emitting EventOfficeConnection when the answer
// changes and again at each failed ping while down, so a page loaded during
// an outage learns of it within WhileDown.
func (c *Connection) Run(ctx context.Context) {
	c.init()
	for {
		wait := c.Every
		if !c.Status().Online {
			wait = c.WhileDown
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		case <-c.kick:
			t.Stop()
		}
		c.check(ctx)
	}
}

func (c *Connection) check(ctx context.Context) {
	pctx, cancel := context.WithTimeout(ctx, pingTimeout)
	err := c.Ping(pctx)
	cancel()
	if ctx.Err() != nil {
		return
	}
	c.set(err == nil, err)
}

func (c *Connection) set(online bool, err error) {
	c.mu.Lock()
	changed := c.status.Online != online
	if changed {
		c.status = ConnectionStatus{Online: online, Since: time.Now().UTC()}
	}
	st := c.status
	c.mu.Unlock()
	if changed && c.Log != nil {
		if online {
			c.Log.Info("office server answers again", "host", c.Host)
		} else {
			c.Log.Warn("office server out of reach", "host", c.Host, "err", err)
		}
	}
	if (changed || !online) && c.Emit != nil {
		c.Emit(string(EventOfficeConnection), st)
	}
}

// translate turns an error no use case explained into
// crm.CodeOfficeUnreachable when it means the server is out of reach, and
// has the watch check at once, so the banner shows with the message.
func (c *Connection) translate(err error) error {
	if c == nil || c.Lost == nil || err == nil {
		return err
	}
	if crm.AsError(err).Code != crm.CodeInternal || !c.Lost(err) {
		return err
	}
	c.init()
	select {
	case c.kick <- struct{}{}:
	default:
	}
	return crm.E(crm.CodeOfficeUnreachable, "host", c.Host, "port", c.Port, "when", "session").Wrap(err)
}
