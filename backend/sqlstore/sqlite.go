package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"time"

	"selo/backend/crm"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// fileMode keeps the database readable by its owner only.
const fileMode = 0o600

// busyTimeout lets a writer wait for another instead of failing at once; the
// sync loop and a user's save can overlap.
const busyTimeout = 5 * time.Second

// Open opens (creating if needed) the SQLite database at path and migrates
// it. A database written by a newer Selo is refused untouched with
// crm.CodeDatabaseNewer.
func Open(ctx context.Context, filePath string) (*DB, error) {
	// Create the file with private permissions before SQLite does, so it is
	// never world-readable even for a moment.
	// A file that cannot be opened for writing (another user's, a read-only
	// disk) is the data folder's problem as the user sees it: same code, the
	// file named, so the start-up screen says what to fix.
	f, err := os.OpenFile(filePath, os.O_RDWR|os.O_CREATE, fileMode)
	if err != nil {
		return nil, crm.Unwritable(filePath, fmt.Errorf("creating database file: %w", err))
	}
	f.Close()
	if err := os.Chmod(filePath, fileMode); err != nil {
		return nil, crm.Unwritable(filePath, fmt.Errorf("securing database file: %w", err))
	}
	// SQLite creates -wal and -shm with the main file's mode, but keeps the
	// mode of ones that already exist: tighten any an older Selo left loose.
	for _, side := range []string{filePath + "-wal", filePath + "-shm"} {
		if err := os.Chmod(side, fileMode); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, crm.Unwritable(side, fmt.Errorf("securing database file: %w", err))
		}
	}

	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_txlock", "immediate")
	sqldb, err := sql.Open("sqlite", "file:"+filePath+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db := &DB{DB: sqldb, path: filePath, engine: SQLite, where: filePath}
	if err := db.PingContext(ctx); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("opening database: %w", err)
	}
	if err := db.migrate(ctx); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}
