package app

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"selo/backend/crm"
)

// BuildInfo says which Selo this is; Version is set at build time.
type BuildInfo struct {
	Version string
}

// SystemInfo is what the Sobre screen shows.
type SystemInfo struct {
	Version       string        `json:"version"`
	DataDir       string        `json:"dataDir"`
	LogsDir       string        `json:"logsDir"`
	DatabasePath  string        `json:"databasePath"`
	SchemaVersion int           `json:"schemaVersion"`
	Platform      string        `json:"platform"`
	StartupError  *ErrorPayload `json:"startupError,omitempty"`
	// StartupWarnings are start-up problems that leave the app usable but
	// that the user must see at once (the webhook port in use).
	StartupWarnings []ErrorPayload `json:"startupWarnings,omitempty"`
	// OfficeHost is the office server this PC runs on ("" on its own
	// selo.db), so the start-up window can offer "Usar só este computador".
	OfficeHost string `json:"officeHost,omitempty"`
	// OfficePort and OfficeDatabase complete, in office mode, where the
	// data lives, for the Sobre screen (selo.db's path is not in use then).
	OfficePort     int    `json:"officePort,omitempty"`
	OfficeDatabase string `json:"officeDatabase,omitempty"`
}

// Paths are the data home's folders, passed in by main.
type Paths struct {
	DataDir      string
	LogsDir      string
	DatabasePath string
	// OfficeHost is the office server's host in office mode, else "".
	OfficeHost string
	// OfficePort and OfficeDatabase are the rest of that server's address.
	OfficePort     int
	OfficeDatabase string
}

// System serves the Sobre screen and start-up state.
type System struct {
	app      *App
	build    BuildInfo
	paths    Paths
	schema   func(context.Context) (int, error)
	mu       sync.Mutex
	startup  error
	warnings []error
	recheck  func() error
	relaunch atomic.Bool
}

// NewSystem binds the Sobre screen. schema reports the database's version;
// startupErr, when not nil, is a failure that kept the database from opening
// (a database from a newer Selo, say) and that the window must explain.
func NewSystem(a *App, b BuildInfo, p Paths, schema func(context.Context) (int, error), startupErr error) *System {
	return &System{app: a, build: b, paths: p, schema: schema, startup: startupErr}
}

// Info returns version, folders and the start-up state.
func (s *System) Info() (SystemInfo, error) {
	info := SystemInfo{
		Version:      s.build.Version,
		DataDir:      s.paths.DataDir,
		LogsDir:      s.paths.LogsDir,
		DatabasePath: s.paths.DatabasePath,
		Platform:     runtime.GOOS + "/" + runtime.GOARCH,
		OfficeHost:   s.paths.OfficeHost,

		OfficePort:     s.paths.OfficePort,
		OfficeDatabase: s.paths.OfficeDatabase,
	}
	s.mu.Lock()
	startup, warnings := s.startup, s.warnings
	s.mu.Unlock()
	for _, w := range warnings {
		info.StartupWarnings = append(info.StartupWarnings, toPayload(w))
	}
	if startup != nil {
		p := toPayload(startup)
		info.StartupError = &p
		return info, nil
	}
	if s.schema != nil {
		v, err := s.schema(context.Background())
		if err != nil {
			return info, crm.AsError(err)
		}
		info.SchemaVersion = v
	}
	return info, nil
}

// AddStartupWarning records a start-up problem the window shows without
// blocking the app. main calls it before the window opens. (A function, not
// a method: every exported method of a bound struct becomes a binding.)
func AddStartupWarning(s *System, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.warnings = append(s.warnings, err)
}

// SetStartupRecheck sets how "Tentar de novo" checks the start-up problem
// again (main re-opens the data folder). Without it a retry always restarts.
func SetStartupRecheck(s *System, fn func() error) { s.recheck = fn }

// Retry checks the start-up problem again. While it remains, the returned
// info holds the problem as it is now (the user may have fixed one thing and
// hit another). Once it is gone, the window closes and Selo starts again
// (see RelaunchRequested), so every service is wired as on a normal start.
func (s *System) Retry() (SystemInfo, error) {
	s.mu.Lock()
	healthy := s.startup == nil
	s.mu.Unlock()
	if healthy {
		// A session that started well has nothing to retry; restarting it
		// would drop whatever the user was doing.
		return s.Info()
	}
	if s.recheck != nil {
		if err := s.recheck(); err != nil {
			s.mu.Lock()
			s.startup = err
			s.mu.Unlock()
			return s.Info()
		}
	}
	s.mu.Lock()
	s.startup = nil
	s.mu.Unlock()
	s.restart()
	info := SystemInfo{Version: s.build.Version, DataDir: s.paths.DataDir, LogsDir: s.paths.LogsDir,
		DatabasePath: s.paths.DatabasePath, Platform: runtime.GOOS + "/" + runtime.GOARCH}
	return info, nil
}

// restart closes the window and has main start Selo again.
func (s *System) restart() {
	s.relaunch.Store(true)
	// The answer must reach the page before the window (and, in a browser,
	// the dev server's socket) closes, or the screen never says it is
	// restarting.
	time.AfterFunc(retryQuitDelay, s.app.quit)
}

// retryQuitDelay is how long Retry lets its answer travel before closing.
const retryQuitDelay = 400 * time.Millisecond

// RelaunchRequested tells main, once the window has closed, that a retry
// found the problem gone and Selo should start again.
func RelaunchRequested(s *System) bool { return s.relaunch.Load() }

// Quit closes Selo, for the "Sair" button of the start-up error screen.
func (s *System) Quit() error {
	s.app.quit()
	return nil
}

// OpenLogsFolder opens the logs folder in the file manager, for sending logs
// to support.
func (s *System) OpenLogsFolder() error {
	s.app.openPath(s.paths.LogsDir)
	return nil
}

// OpenDataFolder opens the data folder in the file manager; when it does not
// exist (it could not be created), the nearest folder above it that does, so
// the user lands where the problem is.
func (s *System) OpenDataFolder() error {
	s.app.openPath(nearestExisting(s.paths.DataDir))
	return nil
}

func nearestExisting(p string) string {
	for p != "" {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		parent := filepath.Dir(p)
		if parent == p {
			break
		}
		p = parent
	}
	return p
}

func fileURL(p string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(p)}
	if runtime.GOOS == "windows" {
		// file:///C:/Users/... needs the extra slash before the drive letter.
		u.Path = "/" + u.Path
	}
	return u.String()
}
