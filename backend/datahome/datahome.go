// Package datahome locates and prepares the folder where Selo keeps everything
// that is not a secret: the database, logs and the files it generates.
package datahome

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"selo/backend/crm"
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

// Open creates the data home and its sub-folders if needed, tightens their
// permissions (including a folder that already existed with looser ones) and
// checks that each one takes a write. A folder that cannot be created or
// written fails with crm.CodeDataDirUnwritable naming it, so the window can
// say which folder and what to do; the home is still returned, since its
// paths are what that screen shows.
func Open(dir string) (*Home, error) {
	h := &Home{Dir: dir}
	for _, d := range []string{h.Dir, h.LogsDir(), h.FilesDir()} {
		if err := os.MkdirAll(d, dirMode); err != nil {
			return h, unwritable(d, fmt.Errorf("creating %s: %w", d, err))
		}
		if err := os.Chmod(d, dirMode); err != nil {
			return h, unwritable(d, fmt.Errorf("securing %s: %w", d, err))
		}
		if err := probe(d); err != nil {
			return h, unwritable(d, err)
		}
	}
	return h, nil
}

// probe writes and removes a one-byte file: a folder can exist, be ours and
// still refuse writes (a read-only mount, a full disk, an ACL).
func probe(dir string) error {
	f, err := os.CreateTemp(dir, ".selo-write-check-*")
	if err != nil {
		return fmt.Errorf("writing in %s: %w", dir, err)
	}
	_, werr := f.Write([]byte{0})
	if werr == nil {
		werr = f.Sync()
	}
	cerr := f.Close()
	rerr := os.Remove(f.Name())
	if err := errors.Join(werr, cerr, rerr); err != nil {
		return fmt.Errorf("writing in %s: %w", dir, err)
	}
	return nil
}

// Reasons a folder is unwritable, as the screen words them.
const (
	ReasonReadOnly   = crm.ReasonReadOnly
	ReasonPermission = crm.ReasonPermission
	ReasonFull       = crm.ReasonFull
	ReasonOther      = crm.ReasonOther
)

func unwritable(dir string, err error) error { return crm.Unwritable(dir, err) }

// DatabasePath is the SQLite file.
func (h *Home) DatabasePath() string { return filepath.Join(h.Dir, "selo.db") }

// LogsDir holds the rotated log files.
func (h *Home) LogsDir() string { return filepath.Join(h.Dir, "logs") }

// FilesDir holds documents Selo produces or keeps (templates, generated and
// signed contracts).
func (h *Home) FilesDir() string { return filepath.Join(h.Dir, "files") }
