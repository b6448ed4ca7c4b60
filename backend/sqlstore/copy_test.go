package sqlstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/demo"
	"selo/backend/filestore"
	"selo/backend/secrets"
)

// demoPC is a PC in "Só este computador" with the dados de exemplo loaded:
// its selo.db (closed) and its files folder.
func demoPC(t *testing.T) (dbPath, filesDir string) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	dbPath = filepath.Join(dir, "selo.db")
	filesDir = filepath.Join(dir, "files")
	db, err := Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.New(db.Demo(), secrets.NewMemory(), filestore.New(filesDir), slog.New(slog.DiscardHandler)).Load(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return dbPath, filesDir
}

func openSQLite(t *testing.T, p string) *DB {
	t.Helper()
	db, err := Open(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func fileHash(t *testing.T, p string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// dstRows counts every table of the copy on the server.
func dstRows(t *testing.T, src, dst *DB) map[string]int {
	t.Helper()
	ctx := context.Background()
	tables, err := copyOrder(ctx, src.DB)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, tb := range tables {
		n, err := countRows(ctx, dst.DB, tb)
		if err != nil {
			t.Fatal(err)
		}
		out[tb] = n
	}
	return out
}

func TestCopySQLiteToServerCopiesEverything(t *testing.T) {
	needPostgres(t)
	ctx := context.Background()
	dbPath, filesDir := demoPC(t)
	templates, err := os.ReadDir(filepath.Join(filesDir, string(crm.FileTemplate)))
	if err != nil || len(templates) == 0 {
		t.Fatalf("the demo office should keep template PDFs on disk: %v", err)
	}
	tplPath := filepath.Join(filesDir, string(crm.FileTemplate), templates[0].Name())
	tplName := templates[0].Name()[:len(templates[0].Name())-len(".pdf")]
	tplBefore := fileHash(t, tplPath)
	dbBefore := fileHash(t, dbPath)

	src := openSQLite(t, dbPath)
	dst, _ := openTestDB(t)
	var reports int
	lastDone, lastTotal := -1, 0
	counts, err := CopySQLiteTo(ctx, src, dst, filesDir, func(table string, done, total int) {
		reports++
		if done < lastDone {
			t.Errorf("progress went back: %d after %d", done, lastDone)
		}
		lastDone, lastTotal = done, total
	})
	if err != nil {
		t.Fatal(err)
	}
	if reports == 0 || lastDone != lastTotal {
		t.Errorf("progress: %d reports, ended at %d of %d", reports, lastDone, lastTotal)
	}

	got := dstRows(t, src, dst)
	nonEmpty := 0
	for _, tc := range counts.Tables {
		want, err := countRows(ctx, src.DB, tc.Table)
		if err != nil {
			t.Fatal(err)
		}
		if tc.Table == "files" {
			want += counts.DiskFiles
		}
		if got[tc.Table] != want || tc.Rows != want {
			t.Errorf("table %s: server has %d rows, reported %d, want %d", tc.Table, got[tc.Table], tc.Rows, want)
		}
		if want > 0 {
			nonEmpty++
		}
	}
	if len(counts.Tables) != len(got) || nonEmpty < 5 {
		t.Errorf("copied %d tables (%d with rows), want all %d of them", len(counts.Tables), nonEmpty, len(got))
	}
	if counts.DiskFiles == 0 {
		t.Error("no document of the files folder was taken to the server")
	}

	data, err := dst.Files().Get(ctx, crm.FileTemplate, tplName)
	if err != nil {
		t.Fatalf("template %s on the server: %v", tplName, err)
	}
	disk, _ := os.ReadFile(tplPath)
	if !bytes.Equal(data, disk) {
		t.Errorf("template bytes on the server differ from this PC's (%d vs %d bytes)", len(data), len(disk))
	}

	// Ids were kept, and the server's next id follows the copied ones.
	var maxID, next int64
	if err := dst.QueryRowContext(ctx, `SELECT MAX(id) FROM developments`).Scan(&maxID); err != nil {
		t.Fatal(err)
	}
	var srcMax int64
	if err := src.QueryRowContext(ctx, `SELECT MAX(id) FROM developments`).Scan(&srcMax); err != nil {
		t.Fatal(err)
	}
	if err := dst.QueryRowContext(ctx, `INSERT INTO developments (name, city, state, created_at, updated_at) VALUES ('Novo', 'X', 'SP', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id`).Scan(&next); err != nil {
		t.Fatalf("a new development on the server after the copy: %v", err)
	}
	if maxID != srcMax || next <= maxID {
		t.Errorf("developments: server max id %d (this PC %d), next id %d", maxID, srcMax, next)
	}

	src.Close()
	if fileHash(t, dbPath) != dbBefore {
		t.Error("the copy changed this PC's selo.db")
	}
	if fileHash(t, tplPath) != tplBefore {
		t.Error("the copy changed this PC's template file")
	}
}

func TestCopySQLiteToRefusesServerWithData(t *testing.T) {
	needPostgres(t)
	ctx := context.Background()
	dbPath, filesDir := demoPC(t)
	src := openSQLite(t, dbPath)
	dst, _ := openTestDB(t)
	if _, err := dst.Files().Put(ctx, crm.FileSigned, "42", []byte("%PDF-1.4 office")); err != nil {
		t.Fatal(err)
	}
	_, err := CopySQLiteTo(ctx, src, dst, filesDir, nil)
	var ce *crm.Error
	if !errors.As(err, &ce) || ce.Code != crm.CodeOfficeNotEmpty {
		t.Fatalf("copy into a server with data: got %v, want %s", err, crm.CodeOfficeNotEmpty)
	}
	if ce.Data["table"] != "files" || ce.Data["count"] != 1 {
		t.Errorf("error data %v, want table files, count 1", ce.Data)
	}
	for tb, n := range dstRows(t, src, dst) {
		if want := map[bool]int{true: 1}[tb == "files"]; n != want {
			t.Errorf("refused copy wrote to %s: %d rows, want %d", tb, n, want)
		}
	}
	if b, err := dst.Files().Get(ctx, crm.FileSigned, "42"); err != nil || string(b) != "%PDF-1.4 office" {
		t.Errorf("the server's own file changed: %q, %v", b, err)
	}
}

func TestCopySQLiteToCancelledLeavesServerEmpty(t *testing.T) {
	needPostgres(t)
	dbPath, filesDir := demoPC(t)
	src := openSQLite(t, dbPath)
	dst, _ := openTestDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := CopySQLiteTo(ctx, src, dst, filesDir, func(table string, done, total int) {
		// Half-way through: some tables are already written.
		if done > total/2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled copy: got %v, want context.Canceled", err)
	}
	for tb, n := range dstRows(t, src, dst) {
		if n != 0 {
			t.Errorf("cancelled copy left %d rows in %s", n, tb)
		}
	}
}

// "Testar conexão" tells a server with Selo's tables but no rows (a copy
// that was cancelled) from one holding data, so the screen offers the copy
// again only in the first case.
func TestProbeTellsSchemaWithoutDataFromData(t *testing.T) {
	needPostgres(t)
	ctx := context.Background()
	dst, _ := openTestDB(t)
	cfg, _ := pgConfigs.Load(dst)
	r, err := ProbePostgres(ctx, cfg.(PostgresConfig))
	if err != nil {
		t.Fatal(err)
	}
	if r.Empty || r.HasData {
		t.Fatalf("migrated database without rows: %+v, want tables but no data", r)
	}
	if _, err := dst.Files().Put(ctx, crm.FileSigned, "1", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if r, err = ProbePostgres(ctx, cfg.(PostgresConfig)); err != nil || !r.HasData {
		t.Fatalf("database with a file: %+v, %v, want HasData", r, err)
	}
}

// A files row of this PC holding its bytes as TEXT (the column is not
// STRICT) reaches the server byte for byte, backslashes included, beside
// the documents of the files folder.
func TestCopySQLiteToKeepsBytesOfTextInBlobColumns(t *testing.T) {
	needPostgres(t)
	ctx := context.Background()
	dir := t.TempDir()
	src := openSQLite(t, filepath.Join(dir, "selo.db"))
	const text = `%PDF \x41\\ "q" ç`
	if _, err := src.ExecContext(ctx, `INSERT INTO files (kind, name, size, data, created_at) VALUES ('signed', '7', ?, ?, '2026-01-01T00:00:00Z')`,
		len(text), text); err != nil {
		t.Fatal(err)
	}
	var typ string
	if err := src.QueryRowContext(ctx, `SELECT typeof(data) FROM files`).Scan(&typ); err != nil || typ != "text" {
		t.Fatalf("setup: stored as %q, %v; want text", typ, err)
	}
	disk := filepath.Join(dir, "files", "templates")
	if err := os.MkdirAll(disk, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(disk, "abc.pdf"), []byte("%PDF tpl"), 0o600); err != nil {
		t.Fatal(err)
	}
	dst, _ := openTestDB(t)
	counts, err := CopySQLiteTo(ctx, src, dst, filepath.Join(dir, "files"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := dst.Files().Get(ctx, crm.FileSigned, "7"); err != nil || string(b) != text {
		t.Errorf("signed 7 on the server: %q, %v; want %q", b, err, text)
	}
	if b, err := dst.Files().Get(ctx, crm.FileTemplate, "abc"); err != nil || string(b) != "%PDF tpl" {
		t.Errorf("template abc on the server: %q, %v", b, err)
	}
	for _, tc := range counts.Tables {
		if tc.Table == "files" && tc.Rows != 2 {
			t.Errorf("files: %d rows, want 2", tc.Rows)
		}
	}
}

// This PC keeps working while its data is copied: a write on its selo.db
// goes through at once (the copy holds no write lock there) and, made after
// the copy's snapshot, is not part of it.
func TestCopySQLiteToLetsThisPCKeepWriting(t *testing.T) {
	needPostgres(t)
	ctx := context.Background()
	dbPath, filesDir := demoPC(t)
	src := openSQLite(t, dbPath)
	dst, _ := openTestDB(t)
	var before int
	if err := src.QueryRowContext(ctx, `SELECT count(*) FROM settings`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	var wrote error
	var reports int
	_, err := CopySQLiteTo(ctx, src, dst, filesDir, func(string, int, int) {
		if reports++; reports == 2 {
			wctx, cancel := context.WithTimeout(ctx, 3*time.Second)
			defer cancel()
			_, wrote = src.ExecContext(wctx, `INSERT INTO settings (key, value, updated_at) VALUES ('during-copy', 'x', '2026-01-01T00:00:00Z')`)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if wrote != nil {
		t.Fatalf("a write on this PC during the copy: %v", wrote)
	}
	var onServer int
	if err := dst.QueryRowContext(ctx, `SELECT count(*) FROM settings`).Scan(&onServer); err != nil {
		t.Fatal(err)
	}
	if onServer != before {
		t.Errorf("settings on the server: %d rows, want the %d of the snapshot", onServer, before)
	}
}
