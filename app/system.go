package app

import (
	"context"
	"net/url"
	"path/filepath"
	"runtime"

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
}

// Paths are the data home's folders, passed in by main.
type Paths struct {
	DataDir      string
	LogsDir      string
	DatabasePath string
}

// System serves the Sobre screen and start-up state.
type System struct {
	app     *App
	build   BuildInfo
	paths   Paths
	schema  func(context.Context) (int, error)
	startup error
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
	}
	if s.startup != nil {
		p := toPayload(s.startup)
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

// OpenLogsFolder opens the logs folder in the file manager, for sending logs
// to support.
func (s *System) OpenLogsFolder() error {
	s.app.openPath(s.paths.LogsDir)
	return nil
}

// OpenDataFolder opens the data folder in the file manager.
func (s *System) OpenDataFolder() error {
	s.app.openPath(s.paths.DataDir)
	return nil
}

func fileURL(p string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(p)}
	if runtime.GOOS == "windows" {
		// file:///C:/Users/... needs the extra slash before the drive letter.
		u.Path = "/" + u.Path
	}
	return u.String()
}
