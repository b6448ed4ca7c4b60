// Package datahome locates and prepares the folder where Selo keeps everything
// that is not a secret: the database, logs and the files it generates.
package datahome

import (
	"fmt"
	"os"
	"path/filepath"
)

// EnvOverride names the environment variable that moves the data home, used
// by tests and end-to-end runs so they never touch a real office's data.
const EnvOverride = "SELO_DATA_DIR"

// dirMode keeps other local users out: the folder holds client names, CPFs and
// contracts, which Brazilian privacy law (LGPD) expects us to protect.
const dirMode = 0o700

// Home is a prepared data home.
type Home struct {
	// Dir is the absolute path of the data home.
	Dir string
}

// Resolve returns the data home path without touching the disk: SELO_DATA_DIR
// when set, otherwise the OS configuration folder plus "Selo".
func Resolve() (string, error) {
	if d := os.Getenv(EnvOverride); d != "" {
		return filepath.Abs(d)
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("locating the user config folder: %w", err)
	}
	return filepath.Join(base, "Selo"), nil
}

// Open creates the data home and its sub-folders if needed and tightens their
// permissions, including a folder that already existed with looser ones.
func Open(dir string) (*Home, error) {
	h := &Home{Dir: dir}
	for _, d := range []string{h.Dir, h.LogsDir(), h.FilesDir()} {
		if err := os.MkdirAll(d, dirMode); err != nil {
			return nil, fmt.Errorf("creating %s: %w", d, err)
		}
		if err := os.Chmod(d, dirMode); err != nil {
			return nil, fmt.Errorf("securing %s: %w", d, err)
		}
	}
	return h, nil
}

// DatabasePath is the SQLite file.
func (h *Home) DatabasePath() string { return filepath.Join(h.Dir, "selo.db") }

// LogsDir holds the rotated log files.
func (h *Home) LogsDir() string { return filepath.Join(h.Dir, "logs") }

// FilesDir holds documents Selo produces or keeps (templates, generated and
// signed contracts).
func (h *Home) FilesDir() string { return filepath.Join(h.Dir, "files") }
