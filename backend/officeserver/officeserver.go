// Package officeserver tells a desktop in office mode where the office's
// webhooks land: the `selo server` its row names, whether that server's
// public address answers its health check, and since when it has not.
package officeserver

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"selo/backend/crm"
)

// healthTimeout keeps Integrações responsive when the server's address
// swallows packets.
const healthTimeout = 3 * time.Second

// statusTimeout bounds Status's database reads and health check together.
const statusTimeout = 5 * time.Second

// Store is the office database as this service reads it
// (sqlstore.OfficeServers).
type Store interface {
	// Load returns the server's row; false when no server ever ran.
	Load(ctx context.Context) (crm.OfficeServer, bool, error)
	// ServerPresent reports whether the server's session runs right now.
	ServerPresent(ctx context.Context) (bool, error)
}

// Status is what Integrações shows about the office server.
type Status struct {
	// Known: an office server has run on this office database; the
	// webhooks are its to receive. False on one PC (SQLite).
	Known     bool   `json:"known"`
	PublicURL string `json:"publicUrl"`
	HostName  string `json:"hostName"`
	Version   string `json:"version"`
	// Running: the server's session holds its presence lock (it syncs).
	Running bool `json:"running"`
	// Answering: GET PublicURL/health answered "ok" just now.
	Answering bool `json:"answering"`
	// SilentSince is, when not answering, the last time the server was
	// known to be alive: its last answer this PC saw, else its clean stop
	// or last beat, else its start (nil when unknown).
	SilentSince *time.Time `json:"silentSince,omitempty" ts_type:"string"`
	// CheckedAt is when the health check ran.
	CheckedAt time.Time `json:"checkedAt" ts_type:"string"`
}

// Service answers Integrações' question about the office server.
type Service struct {
	// Store is nil on one PC: there is no office server.
	Store Store
	// HTTP does the health check; nil means a client with a 3 s timeout.
	HTTP *http.Client
	// Now defaults to time.Now.
	Now func() time.Time

	mu sync.Mutex
	// answered is when this PC last saw instance answer its health check.
	answered map[string]time.Time
}

// Status reads the server's row and checks its health. A server that never
// ran is Known false, with no error.
func (s *Service) Status(ctx context.Context) (Status, error) {
	if s.Store == nil {
		return Status{}, nil
	}
	// A dead link to the database must not hang Integrações: the screen
	// polls again, and a pending call would hold every later poll.
	ctx, cancel := context.WithTimeout(ctx, statusTimeout)
	defer cancel()
	row, found, err := s.Store.Load(ctx)
	if err != nil || !found {
		return Status{}, err
	}
	now := s.now()
	st := Status{Known: true, PublicURL: strings.TrimRight(row.PublicURL, "/"), HostName: row.HostName,
		Version: row.Version, CheckedAt: now}
	if st.Running, err = s.Store.ServerPresent(ctx); err != nil {
		return Status{}, err
	}
	st.Answering = st.PublicURL != "" && s.healthy(ctx, st.PublicURL)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.answered == nil {
		s.answered = map[string]time.Time{}
	}
	if st.Answering {
		s.answered[row.Instance] = now
		return st, nil
	}
	since := s.answered[row.Instance]
	switch {
	case !since.IsZero():
	case !row.StoppedAt.IsZero():
		since = row.StoppedAt
	case !st.Running && !row.BeatAt.IsZero():
		since = row.BeatAt
	default:
		// Running (or just killed) but never seen answering from here:
		// its public address has not worked since it started.
		since = row.StartedAt
	}
	if !since.IsZero() {
		st.SilentSince = &since
	}
	return st, nil
}

// healthy GETs base/health: a 200 whose body says "ok".
func (s *Service) healthy(ctx context.Context, base string) bool {
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/health", nil)
	if err != nil {
		return false
	}
	c := s.HTTP
	if c == nil {
		// A redirect is not followed: another host's "ok" says nothing
		// about this server.
		c = &http.Client{Timeout: healthTimeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	var rep struct {
		Status string `json:"status"`
	}
	return resp.StatusCode == http.StatusOK && json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&rep) == nil &&
		rep.Status == "ok"
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}
