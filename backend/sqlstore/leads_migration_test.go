package sqlstore

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"selo/backend/jivochat"
)

// A database from before 0014 (raw events unique by key) keeps its rows, gets
// their chat ids, and then accepts a second delivery under an old key.
func TestMigration0014KeepsEventsAndAllowsRedelivery(t *testing.T) {
	skipOnPostgres(t, "upgrades a selo.db written before 0014; no office database predates PostgreSQL support")
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "selo.db")
	raw, err := sql.Open("sqlite", "file:"+p+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Version >= 14 {
			break
		}
		if _, err := raw.Exec(m.SQL); err != nil {
			t.Fatalf("%d: %v", m.Version, err)
		}
		if _, err := raw.Exec(`INSERT INTO schema_migrations VALUES (?, ?, 'x')`, m.Version, m.Name); err != nil {
			t.Fatal(err)
		}
	}
	old := chatBody(jivochat.EventChatFinished, 88123, "Oi", "A:Olá!")
	if _, err := raw.Exec(`INSERT INTO jivochat_events (key, event_name, received_at, lead_id, outcome, body) VALUES
		('chat_finished:88123', 'chat_finished', '2026-01-01T00:00:00.000000000Z', NULL, 'skipped_no_contact', ?),
		('weird', 'x', '2026-01-01T00:00:00.000000000Z', NULL, 'ignored', X'FFFE')`, old); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db, err := Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	evs := sqlEvents(t, db)
	if len(evs) != 2 || evs[0].ChatID != "88123" || string(evs[0].Body) != string(old) || evs[1].ChatID != "" {
		t.Fatalf("%+v", evs)
	}
	h, err := jivochat.NewHandler(jivochat.Config{Store: db.Leads(), Now: func() time.Time { return leadTestNow }})
	if err != nil {
		t.Fatal(err)
	}
	res, err := h.Process(ctx, chatBody(jivochat.EventChatFinished, 88123, "Oi", "A:Olá!", "Tem garagem?"))
	if err != nil || res.Duplicate || res.MessagesAdded != 3 {
		t.Fatalf("%+v %v", res, err)
	}
	if n := len(sqlEvents(t, db)); n != 3 {
		t.Errorf("%d raw events", n)
	}
}
