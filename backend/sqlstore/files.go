package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"selo/backend/crm"
)

// Files is the crm.FileStore of the database: in office mode every PC reads
// the same templates, contracts and signed PDFs from the files table.
type Files struct{ db *DB }

var _ crm.FileStore = Files{}

// Files returns the database's file store.
func (db *DB) Files() Files { return Files{db: db} }

// Put stores or replaces the file in one statement, so readers see the old
// bytes or the new ones, never part of them.
func (f Files) Put(ctx context.Context, kind crm.FileKind, name string, data []byte) (bool, error) {
	if data == nil {
		data = []byte{}
	}
	// Reading first inside the write transaction (writers take turns on
	// both engines) tells a new file from a replaced one the same way on
	// SQLite and PostgreSQL.
	created, err := f.put(ctx, kind, name, data)
	if err != nil {
		return false, fmt.Errorf("storing %s file: %w", kind, err)
	}
	return created, nil
}

func (f Files) put(ctx context.Context, kind crm.FileKind, name string, data []byte) (created bool, err error) {
	tx, err := f.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var one int
	err = tx.QueryRowContext(ctx, `SELECT 1 FROM files WHERE kind = ? AND name = ?`, string(kind), name).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		created = true
	case err != nil:
		return false, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO files (kind, name, size, data, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(kind, name) DO UPDATE SET size = excluded.size, data = excluded.data`,
		string(kind), name, len(data), data, time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return false, err
	}
	return created, tx.Commit()
}

// Get reads the file; a missing one matches fs.ErrNotExist.
func (f Files) Get(ctx context.Context, kind crm.FileKind, name string) ([]byte, error) {
	var data []byte
	err := f.db.QueryRowContext(ctx, `SELECT data FROM files WHERE kind = ? AND name = ?`, string(kind), name).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s file %s: %w", kind, name, fs.ErrNotExist)
	}
	if err != nil {
		return nil, err
	}
	if data == nil {
		data = []byte{}
	}
	return data, nil
}

// Exists says whether the file is kept, without reading its bytes.
func (f Files) Exists(ctx context.Context, kind crm.FileKind, name string) (bool, error) {
	var one int
	err := f.db.QueryRowContext(ctx, `SELECT 1 FROM files WHERE kind = ? AND name = ?`, string(kind), name).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// Delete forgets the file; one already gone is fine.
func (f Files) Delete(ctx context.Context, kind crm.FileKind, name string) error {
	_, err := f.db.ExecContext(ctx, `DELETE FROM files WHERE kind = ? AND name = ?`, string(kind), name)
	return err
}
