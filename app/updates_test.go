package app

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"selo/backend/crm"
)

type memSettings map[string]string

func (m memSettings) Setting(_ context.Context, k string) (string, bool, error) {
	v, ok := m[k]
	return v, ok, nil
}
func (m memSettings) SetSetting(_ context.Context, k, v string) error { m[k] = v; return nil }

func TestUpdatesAgainstALocalFeed(t *testing.T) {
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"version":"0.2.0","date":"2026-12-01","url":"https://selo.example/selo-0.2.0-setup.exe",
			"sha256":"` + "aa0c1b7e5f0d0f3e1f7c3e2d1b0a99887766554433221100ffeeddccbbaa9988" + `","notes":"Envio mais rápido"}`))
	}))
	defer feed.Close()

	u := NewUpdates(New(slog.New(slog.DiscardHandler)), memSettings{}, "0.1.0", "")
	if _, err := u.Check(); crm.AsError(err).Code != "update.no_feed" {
		t.Fatalf("check without a feed = %v", err)
	}
	if err := u.SetFeedURL("http://example.com/feed.json"); crm.AsError(err).Code != "update.bad_feed_url" || crm.AsError(err).Field != "feedUrl" {
		t.Fatalf("plain-http feed accepted: %v", err)
	}
	if err := u.OpenDownload(); err == nil {
		t.Fatal("nothing to open before a check found a newer version")
	}
	if err := u.SetFeedURL(feed.URL); err != nil {
		t.Fatal(err)
	}
	info, err := u.Check()
	if err != nil {
		t.Fatal(err)
	}
	if info.Result == nil || !info.Result.Available || info.Result.Latest != "0.2.0" || info.FeedURL != feed.URL {
		t.Fatalf("check = %+v", info)
	}
	if err := u.OpenDownload(); err != nil {
		t.Fatalf("open download after a newer version was found: %v", err)
	}
	same := NewUpdates(New(slog.New(slog.DiscardHandler)), memSettings{FeedSetting: feed.URL}, "0.2.0", "")
	if info, err := same.Check(); err != nil || info.Result.Available {
		t.Fatalf("same version offered as an update: %+v, %v", info, err)
	}
}
