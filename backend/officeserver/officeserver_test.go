package officeserver

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"selo/backend/crm"
)

type fakeStore struct {
	row     crm.OfficeServer
	found   bool
	present bool
}

func (f *fakeStore) Load(context.Context) (crm.OfficeServer, bool, error) { return f.row, f.found, nil }
func (f *fakeStore) ServerPresent(context.Context) (bool, error)          { return f.present, nil }

// TestStatusFollowsTheServersHealth: no row, no server; a server whose
// /health answers is "respondendo"; once it stops answering, it is silent
// since the last answer this PC saw; a cleanly stopped one since its stop.
func TestStatusFollowsTheServersHealth(t *testing.T) {
	ctx := context.Background()
	if st, err := (&Service{}).Status(ctx); err != nil || st.Known {
		t.Fatalf("one PC: %+v %v", st, err)
	}
	store := &fakeStore{}
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	svc := &Service{Store: store, Now: func() time.Time { return now }}
	if st, err := svc.Status(ctx); err != nil || st.Known {
		t.Fatalf("no server ever ran: %+v %v", st, err)
	}

	healthy := true
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/health" || !healthy {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"status":"database_unreachable"}`))
			return
		}
		_, _ = w.Write([]byte(`{"status":"ok","version":"1.0.0","database":true}`))
	}))
	defer api.Close()
	started := now.Add(-time.Hour)
	store.row = crm.OfficeServer{Instance: "i1", PublicURL: api.URL + "/", Version: "1.0.0", StartedAt: started, BeatAt: now}
	store.found, store.present = true, true
	st, err := svc.Status(ctx)
	if err != nil || !st.Known || !st.Running || !st.Answering || st.SilentSince != nil || st.PublicURL != api.URL {
		t.Fatalf("answering server: %+v %v", st, err)
	}

	// Its database fails (/health 503) 5 minutes later.
	answered := now
	now = now.Add(5 * time.Minute)
	healthy = false
	st, _ = svc.Status(ctx)
	if st.Answering || st.SilentSince == nil || !st.SilentSince.Equal(answered) {
		t.Fatalf("silent server: %+v", st)
	}

	// Another PC never saw it answer: silent since it started.
	other := &Service{Store: store, Now: svc.Now}
	if st, _ := other.Status(ctx); st.SilentSince == nil || !st.SilentSince.Equal(started) {
		t.Fatalf("never answered here: %+v", st)
	}

	// Stopped cleanly, and nothing listens any more.
	api.Close()
	stopped := now.Add(-time.Minute)
	store.present = false
	store.row.Instance, store.row.StoppedAt = "i2", stopped
	if st, _ := svc.Status(ctx); st.Answering || st.Running || st.SilentSince == nil || !st.SilentSince.Equal(stopped) {
		t.Fatalf("stopped server: %+v", st)
	}
}

// TestHealthRedirectIsNotAnAnswer: a public address that redirects to some
// other host (a parked domain, a captive portal) says nothing about the
// office's server, even when that host answers "ok".
func TestHealthRedirectIsNotAnAnswer(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	}))
	defer other.Close()
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/health", http.StatusFound)
	}))
	defer redirect.Close()
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	store := &fakeStore{row: crm.OfficeServer{Instance: "i1", PublicURL: redirect.URL, StartedAt: now.Add(-time.Hour), BeatAt: now},
		found: true, present: true}
	svc := &Service{Store: store, Now: func() time.Time { return now }}
	if st, err := svc.Status(context.Background()); err != nil || st.Answering {
		t.Fatalf("a redirect to another host counted as answering: %+v %v", st, err)
	}
}
