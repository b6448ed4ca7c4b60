package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"selo/backend/crm"
)

// TableCount is how many rows one table holds after the copy.
type TableCount struct {
	Table string `json:"table"`
	Rows  int    `json:"rows"`
}

// CopyCounts is what "Levar os dados deste computador para o servidor"
// copied: every table's rows (files included) and, of the files table's
// rows, how many came from this PC's files folder.
type CopyCounts struct {
	Tables    []TableCount `json:"tables"`
	DiskFiles int          `json:"diskFiles"`
}

// CopyProgress is told after each batch of rows: the table being copied
// and the rows done out of the whole copy's total.
type CopyProgress func(table string, done, total int)

// copyBatch is how many rows go between progress reports and cancel
// checks: often enough for a moving bar, rarely enough to cost nothing.
const copyBatch = 200

// CopySQLiteTo copies this PC's data into the office database: every table
// of src (this PC's selo.db) and the documents of filesDir (the data home's
// files folder, kept on disk by filestore) into dst, a migrated PostgreSQL
// database that must hold no data at all. Ids are kept, so every reference
// between rows stays right, and each identity sequence then starts past the
// highest id copied.
//
// It all happens in ONE transaction on dst, and every table's row count is
// compared with the source's before commit: a failure, a mismatch or a
// cancelled ctx leaves dst as empty as it was. src and filesDir are only
// read, inside one read transaction, so the copy is a consistent snapshot
// even while this PC's Selo keeps working.
func CopySQLiteTo(ctx context.Context, src, dst *DB, filesDir string, progress CopyProgress) (CopyCounts, error) {
	if src.engine != SQLite || dst.engine != Postgres {
		return CopyCounts{}, fmt.Errorf("copy: from %s to %s: want SQLite to PostgreSQL", src.engine, dst.engine)
	}
	if progress == nil {
		progress = func(string, int, int) {}
	}
	sv, err := src.SchemaVersion(ctx)
	if err != nil {
		return CopyCounts{}, err
	}
	dv, err := dst.SchemaVersion(ctx)
	if err != nil {
		return CopyCounts{}, err
	}
	if sv != dv {
		return CopyCounts{}, fmt.Errorf("copy: this PC's schema is %d, the server's %d", sv, dv)
	}

	// Read-only, so a plain BEGIN rather than the BEGIN IMMEDIATE of the
	// stores' transactions: this PC's Selo keeps writing while the copy
	// reads its snapshot. Rolling back just ends the snapshot.
	stx, err := src.DB.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return CopyCounts{}, err
	}
	defer stx.Rollback()
	tables, err := copyOrder(ctx, stx)
	if err != nil {
		return CopyCounts{}, err
	}
	want := make(map[string]int, len(tables))
	total := 0
	for _, t := range tables {
		n, err := countRows(ctx, stx, t)
		if err != nil {
			return CopyCounts{}, err
		}
		want[t] = n
		total += n
	}
	disk, err := diskFiles(filesDir)
	if err != nil {
		return CopyCounts{}, err
	}
	total += len(disk)

	dtx, err := dst.DB.BeginTx(ctx, nil)
	if err != nil {
		return CopyCounts{}, err
	}
	defer dtx.Rollback()
	// Other PCs' writers wait, as for any write transaction (see BeginTx).
	if _, err := dtx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(writerLock)); err != nil {
		return CopyCounts{}, err
	}
	// Checked inside the transaction, so no PC can write between the check
	// and the copy.
	for _, t := range tables {
		n, err := countRows(ctx, dtx, t)
		if err != nil {
			return CopyCounts{}, fmt.Errorf("copy: table %s on the server: %w", t, err)
		}
		if n > 0 {
			return CopyCounts{}, crm.E(crm.CodeOfficeNotEmpty, "table", t, "count", n)
		}
	}

	done := 0
	progress("", 0, total)
	for _, t := range tables {
		n, err := copyTable(ctx, stx, dtx, t, func(rows int) { progress(t, done+rows, total) })
		if err != nil {
			return CopyCounts{}, fmt.Errorf("copy: table %s: %w", t, err)
		}
		done += n
		progress(t, done, total)
	}

	// Disk documents join the files table; a name the table already holds
	// (a PC that was on a server before) takes the disk's bytes, which are
	// what this PC showed.
	newFiles := 0
	for i, f := range disk {
		if err := ctx.Err(); err != nil {
			return CopyCounts{}, err
		}
		data, err := os.ReadFile(f.path)
		if err != nil {
			return CopyCounts{}, err
		}
		var existed bool
		if err := dtx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM files WHERE kind = $1 AND name = $2)`,
			string(f.kind), f.name).Scan(&existed); err != nil {
			return CopyCounts{}, err
		}
		if !existed {
			newFiles++
		}
		if _, err := dtx.ExecContext(ctx, `INSERT INTO files (kind, name, size, data, created_at) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (kind, name) DO UPDATE SET size = excluded.size, data = excluded.data`,
			string(f.kind), f.name, len(data), data, f.modTime.UTC().Format(time.RFC3339)); err != nil {
			return CopyCounts{}, fmt.Errorf("copy: file %s/%s: %w", f.kind, f.name, err)
		}
		progress("files", done+i+1, total)
	}
	if _, ok := want["files"]; ok {
		want["files"] += newFiles
	}

	for _, t := range tables {
		if err := resetIdentity(ctx, dtx, t); err != nil {
			return CopyCounts{}, fmt.Errorf("copy: sequence of %s: %w", t, err)
		}
	}

	counts := CopyCounts{DiskFiles: len(disk)}
	for _, t := range tables {
		got, err := countRows(ctx, dtx, t)
		if err != nil {
			return CopyCounts{}, err
		}
		if got != want[t] {
			return CopyCounts{}, crm.E(crm.CodeOfficeCopyMismatch, "table", t, "want", want[t], "got", got)
		}
		counts.Tables = append(counts.Tables, TableCount{Table: t, Rows: got})
	}
	if err := ctx.Err(); err != nil {
		return CopyCounts{}, err
	}
	if err := dtx.Commit(); err != nil {
		return CopyCounts{}, err
	}
	return counts, nil
}

type rowQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

func countRows(ctx context.Context, q rowQuerier, table string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(table)).Scan(&n)
	return n, err
}

// copyOrder lists src's tables so that every table comes after those its
// foreign keys point to; the inserts then never reference a row not yet
// copied. schema_migrations is left out: dst has its own, same version.
func copyOrder(ctx context.Context, q rowQuerier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	deps := map[string][]string{}
	for _, n := range names {
		r, err := q.QueryContext(ctx, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, n)
		if err != nil {
			return nil, err
		}
		for r.Next() {
			var to string
			if err := r.Scan(&to); err != nil {
				r.Close()
				return nil, err
			}
			if to != n {
				deps[n] = append(deps[n], to)
			}
		}
		r.Close()
		if err := r.Err(); err != nil {
			return nil, err
		}
	}
	var order []string
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(string) error
	visit = func(n string) error {
		switch state[n] {
		case 2:
			return nil
		case 1:
			return fmt.Errorf("copy: foreign keys form a cycle through %s", n)
		}
		state[n] = 1
		for _, d := range deps[n] {
			if err := visit(d); err != nil {
				return err
			}
		}
		state[n] = 2
		order = append(order, n)
		return nil
	}
	for _, n := range names {
		if err := visit(n); err != nil {
			return nil, err
		}
	}
	return order, nil
}

// copyTable copies one table's rows by column name, in primary key order so
// a row referencing an earlier row of its own table finds it.
func copyTable(ctx context.Context, stx, dtx *sql.Tx, table string, report func(rows int)) (int, error) {
	cr, err := stx.QueryContext(ctx, `SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return 0, err
	}
	var cols []string
	pk := map[int]string{}
	for cr.Next() {
		var c string
		var k int
		if err := cr.Scan(&c, &k); err != nil {
			cr.Close()
			return 0, err
		}
		cols = append(cols, quoteIdent(c))
		if k > 0 {
			pk[k] = quoteIdent(c)
		}
	}
	cr.Close()
	if err := cr.Err(); err != nil {
		return 0, err
	}
	// A BLOB column on SQLite may hold TEXT (rows written by older
	// versions); sent as a string, PostgreSQL would read it as bytea's
	// escape format and change bytes such as backslashes.
	bytea := map[string]bool{}
	br, err := dtx.QueryContext(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 AND data_type = 'bytea'`, table)
	if err != nil {
		return 0, err
	}
	for br.Next() {
		var c string
		if err := br.Scan(&c); err != nil {
			br.Close()
			return 0, err
		}
		bytea[quoteIdent(c)] = true
	}
	br.Close()
	if err := br.Err(); err != nil {
		return 0, err
	}
	marks := make([]string, len(cols))
	for i := range marks {
		marks[i] = fmt.Sprintf("$%d", i+1)
	}
	list := strings.Join(cols, ", ")
	ins, err := dtx.PrepareContext(ctx, `INSERT INTO `+quoteIdent(table)+` (`+list+`) VALUES (`+strings.Join(marks, ", ")+`)`)
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	// WITHOUT ROWID tables have no rowid; their primary key orders them.
	order := "rowid"
	if len(pk) > 0 {
		keys := make([]string, len(pk))
		for k, c := range pk {
			keys[k-1] = c
		}
		order = strings.Join(keys, ", ")
	}
	rows, err := stx.QueryContext(ctx, `SELECT `+list+` FROM `+quoteIdent(table)+` ORDER BY `+order)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, c := range cols {
			if str, ok := vals[i].(string); ok && bytea[c] {
				vals[i] = []byte(str)
			}
		}
		if _, err := ins.ExecContext(ctx, vals...); err != nil {
			return n, err
		}
		n++
		if n%copyBatch == 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			report(n)
		}
	}
	return n, rows.Err()
}

// resetIdentity moves the table's id sequence, if it has one, past the
// highest id copied: the copy wrote ids itself, so the next insert on the
// server would otherwise reuse id 1.
func resetIdentity(ctx context.Context, tx *sql.Tx, table string) error {
	// Asked before pg_get_serial_sequence, whose error on a table without
	// an id column would abort the whole transaction.
	var hasID bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'id')`, table).Scan(&hasID); err != nil {
		return err
	}
	if !hasID {
		return nil
	}
	var seq sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT pg_get_serial_sequence($1, 'id')`, quoteIdent(table)).Scan(&seq); err != nil {
		return err
	}
	if !seq.Valid {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SELECT setval($1, COALESCE((SELECT MAX(id) FROM `+quoteIdent(table)+`), 0) + 1, false)`, seq.String)
	return err
}

type diskFile struct {
	kind    crm.FileKind
	name    string
	path    string
	modTime time.Time
}

// diskFiles lists the documents filestore keeps under filesDir
// (<kind>/<name>.pdf); a kind's folder not yet created holds none.
func diskFiles(filesDir string) ([]diskFile, error) {
	if filesDir == "" {
		return nil, nil
	}
	var out []diskFile
	for _, kind := range []crm.FileKind{crm.FileTemplate, crm.FileContract, crm.FileSigned} {
		dir := filepath.Join(filesDir, string(kind))
		entries, err := os.ReadDir(dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			name, ok := strings.CutSuffix(e.Name(), ".pdf")
			if !ok || name == "" || !e.Type().IsRegular() {
				// Temporary files of an interrupted write and anything
				// else filestore did not name are not documents.
				continue
			}
			info, err := e.Info()
			if err != nil {
				return nil, err
			}
			out = append(out, diskFile{kind: kind, name: name, path: filepath.Join(dir, e.Name()), modTime: info.ModTime()})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].kind != out[j].kind {
			return out[i].kind < out[j].kind
		}
		return out[i].name < out[j].name
	})
	return out, nil
}
