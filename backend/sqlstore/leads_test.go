package sqlstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/jivochat"
	"selo/backend/leads"
)

var leadTestNow = time.Date(2026, 11, 27, 14, 30, 0, 0, time.UTC)

func readRef(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../jivochat/testdata/reference/" + name + ".json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var refFiles = []string{"chat_accepted", "chat_updated", "chat_finished", "offline_message",
	"client_updated", "call_event", "client_attribute_updated", "chat_assigned"}

func newLeadHandler(t testing.TB, store jivochat.Store, now func() time.Time) *jivochat.Handler {
	t.Helper()
	var n atomic.Int64
	if now == nil {
		now = func() time.Time { return leadTestNow }
	}
	h, err := jivochat.NewHandler(jivochat.Config{Store: store, Now: now,
		NewID:        func() string { return fmt.Sprintf("lead-%d", n.Add(1)) },
		LeadLinkBase: "selo://leads"})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// snapshot is everything a store holds, in the order MemoryStore reports
// it, as JSON so that times and nil-versus-empty tags compare exactly.
type snapshot struct {
	Leads    []crm.Lead
	Messages map[string][]crm.LeadMessage
	Events   []jivochat.RawEvent
}

// leadSnapshotOrder is the stored leads' order a snapshot lists: insertion
// order (rowid) on SQLite, as MemoryStore keeps them. PostgreSQL has no
// insertion order, so there both sides list leads by id, byte by byte.
func leadSnapshotOrder() string {
	if onPostgres() {
		return `id COLLATE "C"`
	}
	return `rowid`
}

func memSnapshot(m *jivochat.MemoryStore) string {
	s := snapshot{Leads: m.Leads(), Messages: map[string][]crm.LeadMessage{}, Events: m.RawEvents()}
	if onPostgres() {
		sort.Slice(s.Leads, func(i, j int) bool { return s.Leads[i].ID < s.Leads[j].ID })
	}
	for _, l := range s.Leads {
		s.Messages[l.ID] = m.Messages(l.ID)
	}
	b, _ := json.MarshalIndent(s, "", " ")
	return string(b)
}

func sqlSnapshot(t testing.TB, db *DB) string {
	t.Helper()
	ctx := context.Background()
	s := snapshot{Leads: []crm.Lead{}, Messages: map[string][]crm.LeadMessage{}}
	rows, err := db.QueryContext(ctx, `SELECT `+leadCols+` FROM leads ORDER BY `+leadSnapshotOrder())
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		l, err := scanLead(rows)
		if err != nil {
			t.Fatal(err)
		}
		s.Leads = append(s.Leads, l)
	}
	rows.Close()
	for _, l := range s.Leads {
		ms, err := leadMessages(ctx, db, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		var plain []crm.LeadMessage
		for _, m := range ms {
			plain = append(plain, m.LeadMessage)
		}
		s.Messages[l.ID] = plain
	}
	s.Events = sqlEvents(t, db)
	if onPostgres() {
		// A PostgreSQL identity is not rolled back with its transaction, so
		// a failed event leaves a gap where SQLite reuses the number; the
		// events' order is what the store promises, so compare that.
		for i := range s.Events {
			s.Events[i].ID = int64(i + 1)
		}
	}
	b, _ := json.MarshalIndent(s, "", " ")
	return string(b)
}

func sqlEvents(t testing.TB, db *DB) []jivochat.RawEvent {
	t.Helper()
	rows, err := db.Query(`SELECT id, key, body_hash, chat_id, event_name, received_at, COALESCE(lead_id, ''), outcome, body
		FROM jivochat_events ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := []jivochat.RawEvent{}
	for rows.Next() {
		var ev jivochat.RawEvent
		var at string
		var body []byte
		if err := rows.Scan(&ev.ID, &ev.Key, &ev.BodyHash, &ev.ChatID, &ev.EventName, &at, &ev.LeadID, &ev.Outcome, &body); err != nil {
			t.Fatal(err)
		}
		ev.ReceivedAt, ev.Body = parseDBTime(at), body
		out = append(out, ev)
	}
	return out
}

// scenario drives a handler and its store and returns what it observed
// (results, replies), which must be the same for both stores.
type scenario struct {
	name string
	run  func(t *testing.T, h *jivochat.Handler, store jivochat.Store) []string
}

func proc(t *testing.T, h *jivochat.Handler, body []byte) string {
	t.Helper()
	res, err := h.Process(context.Background(), body)
	if err != nil {
		t.Fatalf("Process: %v", err)
	}
	b, _ := json.Marshal(res)
	return string(b)
}

func seedLeads(t *testing.T, store jivochat.Store, ls ...crm.Lead) {
	t.Helper()
	err := store.Apply(context.Background(), func(tx jivochat.Tx) error {
		for i, l := range ls {
			l.Stage = crm.LeadNew
			l.CreatedAt = leadTestNow.Add(time.Duration(i) * time.Minute)
			if err := tx.InsertLead(l); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func chatBody(event string, chatID int, lines ...string) []byte {
	var msgs []map[string]any
	for i, l := range lines {
		typ := "visitor"
		if strings.HasPrefix(l, "A:") {
			typ = "agent"
		}
		msgs = append(msgs, map[string]any{"timestamp": 1717000000 + i*10, "type": typ, "agent_id": 401,
			"message": strings.TrimPrefix(l, "A:")})
	}
	b, _ := json.Marshal(map[string]any{"event_name": event, "chat_id": chatID,
		"visitor": map[string]any{"name": "Ana Paula", "number": "777", "email": "ana.paula@exemplo.com.br"},
		"agent":   map[string]any{"id": "401", "name": "Carlos Lima"},
		"agents":  []any{map[string]any{"id": "401", "name": "Carlos Lima"}},
		"chat":    map[string]any{"messages": msgs}})
	return b
}

var errBoom = errors.New("boom")

var scenarios = []scenario{
	{"every reference event, twice, and re-indented", func(t *testing.T, h *jivochat.Handler, _ jivochat.Store) []string {
		var out []string
		for _, f := range refFiles {
			body := readRef(t, f)
			var v any
			_ = json.Unmarshal(body, &v)
			again, _ := json.MarshalIndent(v, "", "    ")
			out = append(out, proc(t, h, body), proc(t, h, body), proc(t, h, again))
		}
		return out
	}},
	{"dedupe order", func(t *testing.T, h *jivochat.Handler, store jivochat.Store) []string {
		seedLeads(t, store,
			crm.Lead{ID: "by-visitor", VisitorID: "5021", Email: "outra@exemplo.com.br"},
			crm.Lead{ID: "by-client", ClientID: "1217"},
			crm.Lead{ID: "by-email", Email: "maria@exemplo.com.br", Phone: "+5511977776666"},
			crm.Lead{ID: "by-phone", Phone: "+5511988887777"},
			crm.Lead{ID: "by-email-later", Email: "maria@exemplo.com.br"})
		ev := func(number, email, phone, clientID string) []byte {
			b, _ := json.Marshal(map[string]any{"event_name": "client_updated", "client_id": clientID,
				"visitor": map[string]any{"number": number, "email": email, "phone": phone}})
			return b
		}
		return []string{
			proc(t, h, ev("5021", "maria@exemplo.com.br", "+5511988887777", "1217")),
			proc(t, h, ev("9999", "maria@exemplo.com.br", "+5511988887777", "1217")),
			proc(t, h, ev("9998", "MARIA@Exemplo.com.br", "+5511988887777", "")),
			proc(t, h, ev("9997", "", "(11) 98888-7777", "")),
			proc(t, h, ev("9996", "nova@exemplo.com.br", "", "")),
		}
	}},
	{"messages not duplicated", func(t *testing.T, h *jivochat.Handler, _ jivochat.Store) []string {
		return []string{
			proc(t, h, chatBody(jivochat.EventChatUpdated, 1, "Oi", "A:Olá!")),
			proc(t, h, chatBody(jivochat.EventChatFinished, 1, "Oi", "A:Olá!", "Tem vaga de garagem?", "ok", "ok")),
			proc(t, h, chatBody(jivochat.EventChatFinished, 2, "Oi")),
		}
	}},
	{"no contact, then contact, then anonymous again", func(t *testing.T, h *jivochat.Handler, _ jivochat.Store) []string {
		return []string{
			proc(t, h, []byte(`{"event_name":"chat_accepted","chat_id":10,"visitor":{"name":"Visitante","number":"42","email":"nao-sei","phone":"123"},"agent":{"id":"1","name":"Carlos"}}`)),
			proc(t, h, []byte(`{"event_name":"chat_finished","chat_id":10,"visitor":{"name":"Visitante","number":"42","phone":"(21) 99876-5432"},"chat":{"messages":[{"timestamp":1717000000,"type":"visitor","message":"Meu telefone é (21) 99876-5432"}]}}`)),
			proc(t, h, []byte(`{"event_name":"chat_accepted","chat_id":11,"visitor":{"number":"42"}}`)),
		}
	}},
	{"chat goes on: chat_finished again with one more line, then redelivered", func(t *testing.T, h *jivochat.Handler, _ jivochat.Store) []string {
		first := chatBody(jivochat.EventChatFinished, 7, "Oi", "A:Olá!")
		second := chatBody(jivochat.EventChatFinished, 7, "Oi", "A:Olá!", "Tem garagem?")
		return []string{proc(t, h, first), proc(t, h, second), proc(t, h, second), proc(t, h, first)}
	}},
	{"chat without any contact, then its later deliveries", func(t *testing.T, h *jivochat.Handler, _ jivochat.Store) []string {
		anon := func(lines ...string) []byte {
			var msgs []map[string]any
			for i, l := range lines {
				msgs = append(msgs, map[string]any{"timestamp": 1717000000 + i, "type": "visitor", "message": l})
			}
			b, _ := json.Marshal(map[string]any{"event_name": "chat_finished", "chat_id": 8, "chat": map[string]any{"messages": msgs}})
			return b
		}
		return []string{proc(t, h, anon("Oi")), proc(t, h, anon("Oi", "Qual o valor?")), proc(t, h, anon("Oi", "Qual o valor?")),
			proc(t, h, []byte(`{"event_name":"chat_updated","chat_id":8,"visitor":{"phone":"11987654321"}}`))}
	}},
	{"converted lead keeps its stage", func(t *testing.T, h *jivochat.Handler, store jivochat.Store) []string {
		seedLeads(t, store, crm.Lead{ID: "won", Email: "maria@exemplo.com.br"})
		if err := store.Apply(context.Background(), func(tx jivochat.Tx) error {
			l, _, _ := tx.Lead("won")
			l.Stage = crm.LeadConverted
			return tx.UpdateLead(l)
		}); err != nil {
			t.Fatal(err)
		}
		return []string{proc(t, h, readRef(t, "chat_accepted"))}
	}},
	{"sample chat finished twice", func(t *testing.T, h *jivochat.Handler, _ jivochat.Store) []string {
		return []string{
			proc(t, h, jivochat.SampleChatFinished(leadTestNow)),
			proc(t, h, jivochat.SampleChatFinished(leadTestNow.Add(time.Hour))),
		}
	}},
	{"failed and panicking transactions leave nothing", func(t *testing.T, h *jivochat.Handler, store jivochat.Store) []string {
		ctx := context.Background()
		write := func(tx jivochat.Tx) {
			if err := tx.InsertLead(crm.Lead{ID: "ghost", Stage: crm.LeadNew, Email: "g@exemplo.com.br"}); err != nil {
				t.Fatal(err)
			}
			if _, err := tx.AppendMessages([]crm.LeadMessage{{LeadID: "ghost", Key: "k", Text: "x", Author: crm.AuthorVisitor}}); err != nil {
				t.Fatal(err)
			}
			if err := tx.SaveRawEvent(jivochat.RawEvent{Key: "ghost:1", EventName: "x", Body: []byte(`{}`)}); err != nil {
				t.Fatal(err)
			}
		}
		var out []string
		err := store.Apply(ctx, func(tx jivochat.Tx) error { write(tx); return errBoom })
		out = append(out, fmt.Sprint(errors.Is(err, errBoom)))
		func() {
			defer func() { out = append(out, fmt.Sprint(recover())) }()
			_ = store.Apply(ctx, func(tx jivochat.Tx) error { write(tx); panic("mid-event") })
		}()
		cctx, cancel := context.WithCancel(ctx)
		err = store.Apply(cctx, func(tx jivochat.Tx) error { write(tx); cancel(); return nil })
		out = append(out, fmt.Sprint(errors.Is(err, context.Canceled)))
		// The store still works afterwards.
		out = append(out, proc(t, h, readRef(t, "chat_finished")))
		return out
	}},
	{"transaction rules", func(t *testing.T, _ *jivochat.Handler, store jivochat.Store) []string {
		var out []string
		var leaked jivochat.Tx
		err := store.Apply(context.Background(), func(tx jivochat.Tx) error {
			leaked = tx
			rec := func(err error) { out = append(out, fmt.Sprint(err != nil)) }
			rec(tx.InsertLead(crm.Lead{ID: "a", Stage: crm.LeadNew, Email: "a@exemplo.com.br", CreatedAt: leadTestNow}))
			rec(tx.InsertLead(crm.Lead{ID: "a", Stage: crm.LeadNew}))
			rec(tx.InsertLead(crm.Lead{Stage: crm.LeadNew}))
			rec(tx.UpdateLead(crm.Lead{ID: "missing", Stage: crm.LeadNew}))
			_, err := tx.AppendMessages([]crm.LeadMessage{{LeadID: "missing", Key: "k", Text: "x"}})
			rec(err)
			n, err := tx.AppendMessages([]crm.LeadMessage{{LeadID: "a", Key: "k", Text: "x"}, {LeadID: "a", Key: "k", Text: "y"}})
			out = append(out, fmt.Sprint(n, err))
			rec(tx.SaveRawEvent(jivochat.RawEvent{Key: "e", EventName: "x", LeadID: "a", Body: []byte(`{}`)}))
			rec(tx.SaveRawEvent(jivochat.RawEvent{Key: "e", EventName: "x", Body: []byte(`{}`)}))
			id, seen, err := tx.SeenEvent("e")
			out = append(out, fmt.Sprint(id, seen, err))
			l, ok, err := tx.FindLead(jivochat.ByEmail, "")
			out = append(out, fmt.Sprint(l.ID, ok, err))
			l, ok, err = tx.FindLead(jivochat.ByEmail, "a@exemplo.com.br")
			out = append(out, fmt.Sprint(l.ID, ok, err))
			_, _, err = tx.FindLead("nonsense", "x")
			rec(err)
			return nil
		})
		out = append(out, fmt.Sprint(err))
		_, _, err = leaked.Lead("a")
		out = append(out, fmt.Sprint(err != nil))
		return out
	}},
}

// TestStoreMatchesMemoryStore runs every scenario against MemoryStore (the
// reference semantics) and the SQLite store, and demands the same results
// and the same stored data.
func TestStoreMatchesMemoryStore(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			mem := jivochat.NewMemoryStore()
			wantRes := sc.run(t, newLeadHandler(t, mem, nil), mem)
			db, _ := openTemp(t)
			store := db.Leads()
			gotRes := sc.run(t, newLeadHandler(t, store, nil), store)
			if w, g := strings.Join(wantRes, "\n"), strings.Join(gotRes, "\n"); w != g {
				t.Errorf("results differ\nmemory: %s\nsqlite: %s", w, g)
			}
			if w, g := memSnapshot(mem), sqlSnapshot(t, db); w != g {
				t.Errorf("stored data differs\nmemory: %s\nsqlite: %s", w, g)
			}
		})
	}
}

func TestReferenceEventsMatchMemoryStore(t *testing.T) {
	for _, f := range refFiles {
		t.Run(f, func(t *testing.T) {
			mem := jivochat.NewMemoryStore()
			body := readRef(t, f)
			want := proc(t, newLeadHandler(t, mem, nil), body)
			db, _ := openTemp(t)
			got := proc(t, newLeadHandler(t, db.Leads(), nil), body)
			if want != got {
				t.Errorf("result\nmemory %s\nsqlite %s", want, got)
			}
			if w, g := memSnapshot(mem), sqlSnapshot(t, db); w != g {
				t.Errorf("stored\nmemory %s\nsqlite %s", w, g)
			}
			evs := sqlEvents(t, db)
			if len(evs) != 1 || string(evs[0].Body) != string(body) {
				t.Errorf("raw body not kept byte for byte")
			}
		})
	}
}

func TestConcurrentEventsForOneNewVisitor(t *testing.T) {
	db, _ := openTemp(t)
	h := newLeadHandler(t, db.Leads(), nil)
	var wg sync.WaitGroup
	for i := range 30 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, status := h.Handle(context.Background(), chatBody(jivochat.EventChatUpdated, 100+i, fmt.Sprintf("linha %d", i))); status != 200 {
				t.Errorf("status %d", status)
			}
		}()
	}
	wg.Wait()
	c, err := db.Leads().Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var msgs int
	_ = db.QueryRow(`SELECT COUNT(*) FROM lead_messages`).Scan(&msgs)
	if c.Leads != 1 || c.RawEvents != 30 || msgs != 30 {
		t.Fatalf("counts %+v, messages %d", c, msgs)
	}
}

func TestApplyWaitsForLockWithinContext(t *testing.T) {
	db, _ := openTemp(t)
	store := db.Leads()
	hold := make(chan struct{})
	held := make(chan struct{})
	go func() {
		_ = store.Apply(context.Background(), func(jivochat.Tx) error { close(held); <-hold; return nil })
	}()
	<-held
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := store.Apply(ctx, func(jivochat.Tx) error { t.Error("ran while another writer held the lock"); return nil })
	close(hold)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
}

// screenFixture stores a few leads through the handler with distinct times.
func screenFixture(t *testing.T) (*DB, *Leads) {
	t.Helper()
	db, _ := openTemp(t)
	store := db.Leads()
	clock := leadTestNow
	h := newLeadHandler(t, store, func() time.Time { return clock })
	post := func(body string) {
		t.Helper()
		if _, err := h.Process(context.Background(), []byte(body)); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(time.Minute)
	}
	post(`{"event_name":"offline_message","offline_message_id":1,"visitor":{"name":"João Pereira","email":"joao@exemplo.com.br","phone":"+55 19 99999-0000"},"message":"Quero visitar o decorado."}`)
	post(`{"event_name":"offline_message","offline_message_id":2,"visitor":{"name":"Maria Souza","email":"maria@exemplo.com.br"},"message":"Qual o valor do condomínio? 100% à vista tem desconto?"}`)
	post(`{"event_name":"offline_message","offline_message_id":3,"visitor":{"name":"Ana_Lúcia","phone":"(11) 98765-4321"},"message":"Oi"}`)
	// João writes again: he becomes the most recent activity.
	post(`{"event_name":"offline_message","offline_message_id":4,"visitor":{"email":"JOAO@exemplo.com.br"},"message":"Pode ser sábado?"}`)
	return db, store
}

func names(p leads.Page) string {
	var s []string
	for _, it := range p.Items {
		s = append(s, it.Name)
	}
	return strings.Join(s, ",")
}

func TestListLeads(t *testing.T) {
	_, store := screenFixture(t)
	ctx := context.Background()
	list := func(f leads.Filter) leads.Page {
		t.Helper()
		p, err := store.ListLeads(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := list(leads.Filter{})
	if names(p) != "João Pereira,Ana_Lúcia,Maria Souza" || p.Total != 3 || p.Limit != leads.DefaultLimit {
		t.Fatalf("order by activity: %q total %d limit %d", names(p), p.Total, p.Limit)
	}
	j := p.Items[0]
	if j.LastMessage != "Pode ser sábado?" || j.LastMessageAuthor != crm.AuthorVisitor || j.MessageCount != 2 ||
		j.LastMessageAt == nil || !j.LastActivityAt.Equal(leadTestNow.Add(3*time.Minute)) ||
		!j.CreatedAt.Equal(leadTestNow) || j.Origin != jivochat.SourceJivoChat || j.Stage != crm.LeadNew {
		t.Errorf("summary %+v", j)
	}
	for _, c := range []struct {
		f    leads.Filter
		want string
	}{
		{leads.Filter{Search: "joao"}, "João Pereira"},
		{leads.Filter{Search: "SOUZA"}, "Maria Souza"},
		{leads.Filter{Search: "maria@exemplo"}, "Maria Souza"},
		{leads.Filter{Search: "98765-4321"}, "Ana_Lúcia"},
		{leads.Filter{Search: "(19) 99999"}, "João Pereira"},
		{leads.Filter{Search: "lucia"}, "Ana_Lúcia"},
		{leads.Filter{Search: "_"}, "Ana_Lúcia"},
		{leads.Filter{Search: "%"}, ""},
		{leads.Filter{Search: "exemplo.com"}, "João Pereira,Maria Souza"},
		{leads.Filter{Origin: "jivochat", Stage: crm.LeadNew, Limit: 1, Offset: 1}, "Ana_Lúcia"},
		{leads.Filter{Origin: "site"}, ""},
		{leads.Filter{Stage: crm.LeadConverted}, ""},
	} {
		if got := names(list(c.f)); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.f, got, c.want)
		}
	}
	if p := list(leads.Filter{Limit: 1, Offset: 2}); p.Total != 3 || len(p.Items) != 1 || p.Items[0].Name != "Maria Souza" {
		t.Errorf("paging %+v", p)
	}
	if p := list(leads.Filter{Limit: 10000, Offset: -5}); p.Limit != leads.MaxLimit || p.Offset != 0 {
		t.Errorf("clamping %+v", p)
	}
}

func TestGetLeadAndSetStage(t *testing.T) {
	_, store := screenFixture(t)
	ctx := context.Background()
	p, _ := store.ListLeads(ctx, leads.Filter{Search: "joao"})
	id := p.Items[0].ID
	d, err := store.GetLead(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Messages) != 2 || d.Messages[0].Text != "Quero visitar o decorado." || d.Messages[1].Text != "Pode ser sábado?" ||
		d.Phone != "+5519999990000" || d.Tags == nil || d.LastMessage != "Pode ser sábado?" || d.MessageCount != 2 {
		t.Errorf("detail %+v", d)
	}
	if _, err := store.GetLead(ctx, "nope"); !errors.Is(err, crm.E(crm.CodeNotFound)) {
		t.Errorf("missing lead: %v", err)
	}
	if err := store.SetStage(ctx, id, crm.LeadConverted, leadTestNow.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	d, _ = store.GetLead(ctx, id)
	if d.Stage != crm.LeadConverted || !d.UpdatedAt.Equal(leadTestNow.Add(time.Hour)) {
		t.Errorf("after SetStage %+v", d.Summary)
	}
	if p, _ := store.ListLeads(ctx, leads.Filter{Stage: crm.LeadConverted}); names(p) != "João Pereira" {
		t.Errorf("stage filter %q", names(p))
	}
	if err := store.SetStage(ctx, id, "won", leadTestNow); !errors.Is(err, crm.E(crm.CodeLeadStageInvalid)) {
		t.Errorf("bad stage: %v", err)
	}
	if err := store.SetStage(ctx, "nope", crm.LeadDiscarded, leadTestNow); !errors.Is(err, crm.E(crm.CodeNotFound)) {
		t.Errorf("missing lead: %v", err)
	}
	c, err := store.Counts(ctx)
	if err != nil || c.Leads != 3 || c.RawEvents != 4 || !c.LastEventAt.Equal(leadTestNow.Add(3*time.Minute)) {
		t.Errorf("counts %+v %v", c, err)
	}
	lead, found, err := store.RawEventLead(ctx, "offline_message:4")
	if err != nil || !found || lead != id {
		t.Errorf("RawEventLead = %q %v %v", lead, found, err)
	}
	if _, found, _ := store.RawEventLead(ctx, "offline_message:99"); found {
		t.Error("unknown event found")
	}
}

func TestTimeLayoutSortsAsTime(t *testing.T) {
	a := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b := a.Add(500 * time.Millisecond)
	if !(dbTime(a) < dbTime(b)) || !parseDBTime(dbTime(b)).Equal(b) || dbTime(time.Time{}) != "" ||
		!parseDBTime("").IsZero() || !parseDBTime("2026-01-01T00:00:00Z").Equal(a) {
		t.Fatalf("%s %s", dbTime(a), dbTime(b))
	}
}

func TestEveryDeliveryKeptAndLinesAddedOnce(t *testing.T) {
	db, _ := openTemp(t)
	store := db.Leads()
	h := newLeadHandler(t, store, nil)
	first := chatBody(jivochat.EventChatFinished, 7, "Oi", "A:Olá!")
	second := chatBody(jivochat.EventChatFinished, 7, "Oi", "A:Olá!", "Tem garagem?")
	var lead string
	for i, c := range []struct {
		body  []byte
		added int
	}{{first, 2}, {second, 1}, {second, 0}, {first, 0}} {
		res, err := h.Process(context.Background(), c.body)
		if err != nil || res.MessagesAdded != c.added {
			t.Fatalf("delivery %d: %+v %v", i, res, err)
		}
		lead = res.LeadID
	}
	d, err := store.GetLead(context.Background(), lead)
	if err != nil || len(d.Messages) != 3 || d.Messages[2].Text != "Tem garagem?" {
		t.Fatalf("%+v %v", d.Messages, err)
	}
	evs := sqlEvents(t, db)
	if len(evs) != 4 || string(evs[1].Body) != string(second) || evs[2].Outcome != jivochat.OutcomeDuplicate ||
		evs[0].ChatID != "7" || evs[0].BodyHash == "" || evs[0].BodyHash == evs[1].BodyHash {
		t.Fatalf("raw events %+v", evs)
	}
}

func TestListShowsVisitorsWithoutContact(t *testing.T) {
	db, _ := openTemp(t)
	store := db.Leads()
	h := newLeadHandler(t, store, nil)
	ctx := context.Background()
	for _, b := range []string{
		`{"event_name":"chat_finished","chat_id":1,"visitor":{"name":"Sem Contato"},"chat":{"messages":[{"timestamp":1717000000,"type":"visitor","message":"Só olhando"}]}}`,
		`{"event_name":"chat_finished","chat_id":2,"visitor":{"name":"Com Contato","email":"com@exemplo.com.br"},"chat":{"messages":[{"timestamp":1717000000,"type":"visitor","message":"Oi"}]}}`,
	} {
		if _, err := h.Process(ctx, []byte(b)); err != nil {
			t.Fatal(err)
		}
	}
	all, err := store.ListLeads(ctx, leads.Filter{})
	if err != nil || all.Total != 2 {
		t.Fatalf("%+v %v", all, err)
	}
	var without leads.Summary
	for _, it := range all.Items {
		if it.Name == "Sem Contato" {
			without = it
		}
	}
	if without.ID == "" || without.HasContact || without.LastMessage != "Só olhando" || without.MessageCount != 1 {
		t.Fatalf("%+v", all.Items)
	}
	if p, _ := store.ListLeads(ctx, leads.Filter{WithoutContact: true}); p.Total != 1 || p.Items[0].ID != without.ID {
		t.Errorf("without contact: %+v", p)
	}
	if p, _ := store.ListLeads(ctx, leads.Filter{Stage: crm.LeadNew}); p.Total != 1 || p.Items[0].Name != "Com Contato" {
		t.Errorf("stage filter: %+v", p)
	}
	if err := store.SetContact(ctx, without.ID, "", "+5511987654321", leadTestNow); err != nil {
		t.Fatal(err)
	}
	d, err := store.GetLead(ctx, without.ID)
	if err != nil || !d.HasContact || d.Phone != "+5511987654321" || d.Email != "" {
		t.Fatalf("%+v %v", d.Summary, err)
	}
	if p, _ := store.ListLeads(ctx, leads.Filter{Search: "98765"}); p.Total != 1 {
		t.Errorf("search by the added phone: %+v", p)
	}
}
