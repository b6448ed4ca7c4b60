package app

import (
	"context"
	"strings"
	"sync"

	"selo/backend/crm"
	"selo/backend/updates"
)

// Settings is where the feed address is kept (the database's settings).
type Settings interface {
	Setting(ctx context.Context, key string) (string, bool, error)
	SetSetting(ctx context.Context, key, value string) error
}

// FeedSetting is the settings key of the release feed address.
const FeedSetting = "updates.feed_url"

// UpdateInfo is what "Verificar atualizações" shows.
type UpdateInfo struct {
	FeedURL string          `json:"feedUrl"`
	Result  *updates.Result `json:"result,omitempty"`
}

// Updates serves "Verificar atualizações" on the Sobre screen. It reads a
// release feed and offers the download page; it never downloads or replaces
// the program itself.
type Updates struct {
	app      *App
	settings Settings
	version  string
	// defaultFeed is the address built into this version (may be empty).
	defaultFeed string

	mu   sync.Mutex
	last *updates.Result
}

// NewUpdates binds the update check.
func NewUpdates(a *App, s Settings, version, defaultFeed string) *Updates {
	return &Updates{app: a, settings: s, version: version, defaultFeed: defaultFeed}
}

// FeedURL returns the configured feed address.
func (u *Updates) FeedURL() (string, error) {
	v, ok, err := u.settings.Setting(context.Background(), FeedSetting)
	if err != nil || !ok {
		return u.defaultFeed, err
	}
	return v, nil
}

// SetFeedURL saves the office's feed address; empty restores the default.
func (u *Updates) SetFeedURL(raw string) error {
	raw = strings.TrimSpace(raw)
	if raw != "" {
		if err := updates.ValidateFeedURL(raw); err != nil {
			return err
		}
	}
	return u.settings.SetSetting(context.Background(), FeedSetting, raw)
}

// Check reads the feed and compares its version with this one.
func (u *Updates) Check() (UpdateInfo, error) {
	feed, err := u.FeedURL()
	if err != nil {
		return UpdateInfo{}, err
	}
	if feed == "" {
		return UpdateInfo{}, crm.E("update.no_feed").OnField("feedUrl")
	}
	res, err := updates.Check(context.Background(), feed, u.version)
	if err != nil {
		return UpdateInfo{FeedURL: feed}, err
	}
	u.mu.Lock()
	u.last = &res
	u.mu.Unlock()
	return UpdateInfo{FeedURL: feed, Result: &res}, nil
}

// OpenDownload opens the download page of the last check in the browser.
// Only that address can be opened, so the screen cannot be used to open an
// arbitrary one.
func (u *Updates) OpenDownload() error {
	u.mu.Lock()
	last := u.last
	u.mu.Unlock()
	if last == nil || !last.Available || last.URL == "" {
		return crm.E("update.nothing_to_open")
	}
	u.app.openURL(last.URL)
	return nil
}
