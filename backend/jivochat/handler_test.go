package jivochat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"selo/backend/crm"
)

var testNow = time.Date(2026, 11, 27, 14, 30, 0, 0, time.UTC)

func newTestHandler(t testing.TB, store Store) *Handler {
	t.Helper()
	var n atomic.Int64
	h, err := NewHandler(Config{
		Store:        store,
		Now:          func() time.Time { return testNow },
		NewID:        func() string { return fmt.Sprintf("lead-%d", n.Add(1)) },
		LeadLinkBase: "selo://leads",
	})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func process(t *testing.T, h *Handler, body []byte) Result {
	t.Helper()
	res, err := h.Process(context.Background(), body)
	if err != nil {
		t.Fatalf("Process: %v", err)
	}
	return res
}

func authors(msgs []crm.LeadMessage) string {
	var b []string
	for _, m := range msgs {
		b = append(b, string(m.Author))
	}
	return strings.Join(b, ",")
}

func TestEachEventType(t *testing.T) {
	cases := []struct {
		file      string
		outcome   Outcome
		leads     int
		messages  string // authors in order
		checkLead func(t *testing.T, l crm.Lead)
		checkMsgs func(t *testing.T, m []crm.LeadMessage)
		longReply bool
	}{
		{file: "chat_accepted", outcome: OutcomeLeadCreated, leads: 1, messages: "system", longReply: true,
			checkLead: func(t *testing.T, l crm.Lead) {
				want := crm.Lead{ID: "lead-1", Stage: crm.LeadInProgress, Name: "Maria Souza", Email: "maria@exemplo.com.br",
					Phone: "+5511988887777", VisitorID: "5021", WidgetID: "aB3xQ9", Source: SourceJivoChat,
					AgentName: "Carlos Lima", Department: "Vendas", Tags: []string{},
					Attribution: crm.Attribution{UTMSource: "google", UTMMedium: "cpc", UTMCampaign: "lancamento",
						UTMRaw:  "source=google|medium=cpc|campaign=lancamento",
						PageURL: "https://imobiliaria.exemplo/empreendimento/jardins", PageTitle: "Residencial Jardins"},
					Geo: crm.Geo{City: "Campinas", Region: "Sao Paulo", RegionCode: "SP", Country: "Brazil", CountryCode: "BR",
						Latitude: "-22.90", Longitude: "-47.06"},
					CreatedAt: testNow, UpdatedAt: testNow, LastEventAt: testNow}
				if !reflect.DeepEqual(l, want) {
					t.Errorf("lead\n got %+v\nwant %+v", l, want)
				}
			},
			checkMsgs: func(t *testing.T, m []crm.LeadMessage) {
				if m[0].Text != "Atendimento iniciado no JivoChat por Carlos Lima." || !m[0].At.Equal(testNow) {
					t.Errorf("%+v", m[0])
				}
			}},
		{file: "chat_updated", outcome: OutcomeLeadCreated, leads: 1, messages: "", longReply: true,
			checkLead: func(t *testing.T, l crm.Lead) {
				if l.Stage != crm.LeadNew || l.Name != "Maria Souza Lima" || l.Email != "maria@exemplo.com.br" {
					t.Errorf("%+v", l)
				}
			}},
		{file: "chat_finished", outcome: OutcomeLeadCreated, leads: 1, messages: "system,visitor,agent",
			checkLead: func(t *testing.T, l crm.Lead) {
				if l.Stage != crm.LeadNew || l.UserToken != "crm-lead-7731" || l.AgentName != "Carlos Lima" ||
					l.Geo.City != "Campinas" || l.Attribution.UTMRaw != "" {
					t.Errorf("%+v", l)
				}
			},
			checkMsgs: func(t *testing.T, m []crm.LeadMessage) {
				if m[0].Text != "Convite automático: Posso ajudar?" || !m[0].At.Equal(time.Unix(1716999999, 0)) {
					t.Errorf("invitation %+v", m[0])
				}
				if m[1].Text != "Olá, ainda tem unidade de 2 quartos?" || !m[1].At.Equal(time.Unix(1717000000, 0)) || m[1].ChatID != "88123" {
					t.Errorf("visitor line %+v", m[1])
				}
				if m[2].AgentID != "401" || m[2].AgentName != "Carlos Lima" || !m[2].At.Equal(time.Unix(1717000042, 0)) {
					t.Errorf("agent line %+v", m[2])
				}
			}},
		{file: "offline_message", outcome: OutcomeLeadCreated, leads: 1, messages: "visitor",
			checkLead: func(t *testing.T, l crm.Lead) {
				if l.Name != "João Pereira" || l.Phone != "+5519999990000" || l.Attribution.PageTitle != "Contato" {
					t.Errorf("%+v", l)
				}
			},
			checkMsgs: func(t *testing.T, m []crm.LeadMessage) {
				if m[0].Text != "Quero visitar o decorado no sábado." || m[0].Key != "offline:1717000500123" || !m[0].At.Equal(testNow) {
					t.Errorf("%+v", m[0])
				}
			}},
		{file: "client_updated", outcome: OutcomeLeadCreated, leads: 1, messages: "",
			checkLead: func(t *testing.T, l crm.Lead) {
				if l.ClientID != "1217" || l.VisitorID != "5021" || l.Organization != "Construtora X" ||
					l.ClientStatus != "contact_later" || l.AgentName != "Ana" || !reflect.DeepEqual(l.Tags, []string{"Alto padrão"}) {
					t.Errorf("%+v", l)
				}
			}},
		{file: "call_event", outcome: OutcomeLeadCreated, leads: 1, messages: "system",
			checkLead: func(t *testing.T, l crm.Lead) {
				if l.Phone != "+5511988887777" || l.Email != "" {
					t.Errorf("%+v", l)
				}
			},
			checkMsgs: func(t *testing.T, m []crm.LeadMessage) {
				if !strings.Contains(m[0].Text, "https://records.jivo.exemplo/record.mp3") {
					t.Errorf("%+v", m[0])
				}
			}},
		{file: "client_attribute_updated", outcome: OutcomeIgnored},
		{file: "chat_assigned", outcome: OutcomeIgnored},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			store := NewMemoryStore()
			h := newTestHandler(t, store)
			body := readRef(t, c.file)
			reply, status := h.Handle(context.Background(), body)
			if status != http.StatusOK {
				t.Fatalf("status %d %s", status, reply)
			}
			leads := store.Leads()
			if len(leads) != c.leads {
				t.Fatalf("leads %d, want %d", len(leads), c.leads)
			}
			evs := store.RawEvents()
			if len(evs) != 1 || evs[0].Outcome != c.outcome || string(evs[0].Body) != string(body) || evs[0].EventName != c.file {
				t.Fatalf("raw events %+v", evs)
			}
			if c.leads == 0 {
				if string(reply) != `{"result":"ok"}` || evs[0].LeadID != "" {
					t.Errorf("reply %s", reply)
				}
				return
			}
			l := leads[0]
			if evs[0].LeadID != l.ID {
				t.Errorf("raw event lead %q", evs[0].LeadID)
			}
			msgs := store.Messages(l.ID)
			if got := authors(msgs); got != c.messages {
				t.Errorf("messages %q, want %q: %+v", got, c.messages, msgs)
			}
			if c.checkLead != nil {
				c.checkLead(t, l)
			}
			if c.checkMsgs != nil {
				c.checkMsgs(t, msgs)
			}
			if !c.longReply {
				if string(reply) != `{"result":"ok"}` {
					t.Errorf("reply %s", reply)
				}
				return
			}
			var r struct {
				Result      string                                       `json:"result"`
				CRMLink     string                                       `json:"crm_link"`
				ContactInfo struct{ Name, Phone, Email string }          `json:"contact_info"`
				CustomData  []struct{ Title, Key, Content, Link string } `json:"custom_data"`
			}
			if err := json.Unmarshal(reply, &r); err != nil {
				t.Fatal(err)
			}
			if r.Result != "ok" || r.CRMLink != "selo://leads/lead-1" || r.ContactInfo.Phone != "+5511988887777" ||
				len(r.CustomData) == 0 || r.CustomData[0].Link != r.CRMLink ||
				!strings.Contains(r.CustomData[0].Content, l.Stage.Label()) {
				t.Errorf("reply %s", reply)
			}
		})
	}
}

// insertLeads seeds the store directly, bypassing events.
func insertLeads(t *testing.T, store Store, leads ...crm.Lead) {
	t.Helper()
	err := store.Apply(context.Background(), func(tx Tx) error {
		for i, l := range leads {
			l.Stage = crm.LeadNew
			l.CreatedAt = testNow.Add(time.Duration(i) * time.Minute)
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

func TestDedupeOrder(t *testing.T) {
	seed := []crm.Lead{
		{ID: "by-visitor", VisitorID: "5021", Email: "outra@exemplo.com.br"},
		{ID: "by-client", ClientID: "1217"},
		{ID: "by-email", Email: "maria@exemplo.com.br", Phone: "+5511977776666"},
		{ID: "by-phone", Phone: "+5511988887777"},
		{ID: "by-email-later", Email: "maria@exemplo.com.br"},
	}
	ev := func(number, email, phone, clientID string) []byte {
		b, _ := json.Marshal(map[string]any{"event_name": "client_updated", "client_id": clientID,
			"visitor": map[string]any{"number": number, "email": email, "phone": phone}})
		return b
	}
	cases := []struct {
		name string
		body []byte
		want string
	}{
		{"visitor id beats everything", ev("5021", "maria@exemplo.com.br", "+5511988887777", "1217"), "by-visitor"},
		{"client id before e-mail", ev("9999", "maria@exemplo.com.br", "+5511988887777", "1217"), "by-client"},
		{"e-mail before phone, earliest wins, case-insensitive", ev("9999", "MARIA@Exemplo.com.br", "+5511988887777", ""), "by-email"},
		{"phone in another spelling", ev("9999", "", "(11) 98888-7777", ""), "by-phone"},
		{"nothing matches: new lead", ev("9999", "nova@exemplo.com.br", "", ""), "lead-1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store := NewMemoryStore()
			insertLeads(t, store, seed...)
			h := newTestHandler(t, store)
			res := process(t, h, c.body)
			if res.LeadID != c.want {
				t.Fatalf("matched %q, want %q", res.LeadID, c.want)
			}
			wantLeads := len(seed)
			if c.want == "lead-1" {
				wantLeads++
			}
			if n := len(store.Leads()); n != wantLeads {
				t.Errorf("leads %d, want %d", n, wantLeads)
			}
		})
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

func TestMessagesNotDuplicated(t *testing.T) {
	store := NewMemoryStore()
	h := newTestHandler(t, store)
	r1 := process(t, h, chatBody(EventChatUpdated, 1, "Oi", "A:Olá!"))
	r2 := process(t, h, chatBody(EventChatFinished, 1, "Oi", "A:Olá!", "Tem vaga de garagem?", "ok", "ok"))
	if r1.MessagesAdded != 2 || r2.MessagesAdded != 3 || r1.LeadID != r2.LeadID {
		t.Fatalf("added %d then %d; leads %s %s", r1.MessagesAdded, r2.MessagesAdded, r1.LeadID, r2.LeadID)
	}
	// The same lines in another chat are new history.
	r3 := process(t, h, chatBody(EventChatFinished, 2, "Oi"))
	if r3.MessagesAdded != 1 {
		t.Errorf("second chat added %d", r3.MessagesAdded)
	}
	msgs := store.Messages(r1.LeadID)
	var texts []string
	for _, m := range msgs {
		texts = append(texts, m.Text)
	}
	if got := strings.Join(texts, "|"); got != "Oi|Oi|Olá!|Tem vaga de garagem?|ok|ok" {
		t.Errorf("history %q", got)
	}
	if msgs[2].Author != crm.AuthorAgent || msgs[2].AgentName != "Carlos Lima" {
		t.Errorf("agent line %+v", msgs[2])
	}
}

func TestIdempotency(t *testing.T) {
	for _, file := range []string{"chat_accepted", "chat_updated", "chat_finished", "offline_message",
		"client_updated", "call_event", "client_attribute_updated", "chat_assigned"} {
		t.Run(file, func(t *testing.T) {
			store := NewMemoryStore()
			h := newTestHandler(t, store)
			body := readRef(t, file)
			first := process(t, h, body)
			stats, leads := store.Stats(), store.Leads()
			var msgs []crm.LeadMessage
			if first.LeadID != "" {
				msgs = store.Messages(first.LeadID)
			}
			// Redelivered with other whitespace: still the same event.
			var v any
			_ = json.Unmarshal(body, &v)
			again, _ := json.MarshalIndent(v, "", "    ")
			for _, b := range [][]byte{body, again} {
				res := process(t, h, b)
				if !res.Duplicate || res.Key != first.Key || res.LeadID != first.LeadID || string(res.Reply) != string(first.Reply) ||
					res.MessagesAdded != 0 || res.Outcome != OutcomeDuplicate {
					t.Errorf("second delivery: %+v (first %+v)", res, first)
				}
			}
			after := store.Stats()
			if after.Leads != stats.Leads || after.Messages != stats.Messages || !reflect.DeepEqual(store.Leads(), leads) {
				t.Error("store changed by a redelivery")
			}
			if first.LeadID != "" && !reflect.DeepEqual(store.Messages(first.LeadID), msgs) {
				t.Error("messages changed by a redelivery")
			}
			// Each delivery's body is on record, as it arrived.
			raw := store.RawEvents()
			if after.RawEvents != stats.RawEvents+2 || string(raw[len(raw)-1].Body) != string(again) ||
				string(raw[len(raw)-2].Body) != string(body) || raw[len(raw)-1].Outcome != OutcomeDuplicate {
				t.Errorf("redeliveries not kept: %+v", after)
			}
		})
	}
}

func TestRepeatedUpdatesAreApplied(t *testing.T) {
	store := NewMemoryStore()
	h := newTestHandler(t, store)
	a := process(t, h, []byte(`{"event_name":"chat_updated","chat_id":5,"visitor":{"number":"1","phone":"11988887777"}}`))
	b := process(t, h, []byte(`{"event_name":"chat_updated","chat_id":5,"visitor":{"number":"1","phone":"11988887777","name":"Beatriz"}}`))
	if a.Duplicate || b.Duplicate || a.Key == b.Key {
		t.Fatalf("%+v %+v", a, b)
	}
	if l, _ := store.Lead(a.LeadID); l.Name != "Beatriz" {
		t.Errorf("second update lost: %+v", l)
	}
}

func TestStageTransitions(t *testing.T) {
	store := NewMemoryStore()
	h := newTestHandler(t, store)
	insertLeads(t, store, crm.Lead{ID: "won", Email: "maria@exemplo.com.br"})
	err := store.Apply(context.Background(), func(tx Tx) error {
		l, _, _ := tx.Lead("won")
		l.Stage = crm.LeadConverted
		return tx.UpdateLead(l)
	})
	if err != nil {
		t.Fatal(err)
	}
	process(t, h, readRef(t, "chat_accepted"))
	if l, _ := store.Lead("won"); l.Stage != crm.LeadConverted {
		t.Errorf("accepted chat moved a converted lead to %s", l.Stage)
	}
}

func TestNoContactWithoutConversationCreatesNothing(t *testing.T) {
	store := NewMemoryStore()
	h := newTestHandler(t, store)
	res := process(t, h, []byte(`{"event_name":"client_updated","client_id":"9","visitor":{"name":"Visitante","email":"nao-sei"}}`))
	if res.Outcome != OutcomeSkippedNoContact || res.LeadID != "" {
		t.Fatalf("%+v", res)
	}
	if st := store.Stats(); st.Leads != 0 || st.Messages != 0 || st.RawEvents != 1 {
		t.Fatalf("stats %+v", st)
	}
}

func TestNoContactChatIsKeptUntilAContactArrives(t *testing.T) {
	store := NewMemoryStore()
	h := newTestHandler(t, store)
	anon := []byte(`{"event_name":"chat_accepted","chat_id":10,"visitor":{"name":"Visitante","number":"42","email":"nao-sei","phone":"123"},
		"agent":{"id":"1","name":"Carlos"}}`)
	res := process(t, h, anon)
	// Not a lead yet (no contact), so the agent gets no lead card; but the
	// chat is on a row the Leads screen lists.
	if res.Outcome != OutcomeLeadCreated || res.LeadID == "" || string(res.Reply) != `{"result":"ok"}` {
		t.Fatalf("%+v", res)
	}
	l, _ := store.Lead(res.LeadID)
	if l.HasContact() || l.Stage != crm.LeadInProgress || l.Email != "" || l.Phone != "" {
		t.Fatalf("%+v", l)
	}
	first := res.LeadID
	// The visitor gives a phone later: the same row becomes a lead, with the
	// whole transcript.
	res = process(t, h, []byte(`{"event_name":"chat_finished","chat_id":10,"visitor":{"name":"Visitante","number":"42","phone":"(21) 99876-5432"},
		"chat":{"messages":[{"timestamp":1717000000,"type":"visitor","message":"Meu telefone é (21) 99876-5432"}]}}`))
	if res.Created || res.LeadID != first || res.MessagesAdded != 1 {
		t.Fatalf("%+v", res)
	}
	if l, _ := store.Lead(first); l.Stage != crm.LeadInProgress || !l.HasContact() {
		t.Errorf("%+v", l)
	}
	if n := len(store.Messages(first)); n != 2 {
		t.Errorf("%d lines", n)
	}
	// Later anonymous events of the same visitor find the lead by visitor id.
	res = process(t, h, []byte(`{"event_name":"chat_accepted","chat_id":11,"visitor":{"number":"42"}}`))
	if res.Outcome != OutcomeLeadUpdated || res.LeadID != first {
		t.Fatalf("%+v", res)
	}
	if l, _ := store.Lead(res.LeadID); l.Stage != crm.LeadInProgress || l.Phone != "+5521998765432" {
		t.Errorf("%+v", l)
	}
}

func TestMalformedStoresNothing(t *testing.T) {
	for _, body := range []string{``, `{`, `[]`, `null`, `{"chat_id":1}`, `{"event_name":1}`, "\xff\xfe", `{"event_name":"chat_finished"}x`} {
		store := NewMemoryStore()
		h := newTestHandler(t, store)
		reply, status := h.Handle(context.Background(), []byte(body))
		if status != http.StatusBadRequest || !strings.Contains(string(reply), `"result":"error"`) {
			t.Errorf("%q: %d %s", body, status, reply)
		}
		if st := store.Stats(); st != (Stats{}) {
			t.Errorf("%q stored %+v", body, st)
		}
	}
}

// failingStore lets fn run against a real MemoryStore transaction and then
// fails, like a database whose COMMIT fails.
type failingStore struct{ *MemoryStore }

func (f failingStore) Apply(ctx context.Context, fn func(Tx) error) error {
	return f.MemoryStore.Apply(ctx, func(tx Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errors.New("disk full")
	})
}

func TestStoreFailureRollsBack(t *testing.T) {
	mem := NewMemoryStore()
	h := newTestHandler(t, failingStore{mem})
	_, status := h.Handle(context.Background(), readRef(t, "chat_finished"))
	if status != http.StatusInternalServerError {
		t.Fatalf("status %d", status)
	}
	if st := mem.Stats(); st != (Stats{}) {
		t.Errorf("partial write %+v", st)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, status := newTestHandler(t, mem).Handle(ctx, readRef(t, "chat_finished")); status != http.StatusServiceUnavailable {
		t.Errorf("cancelled ctx: status %d", status)
	}
	if st := mem.Stats(); st != (Stats{}) {
		t.Errorf("cancelled write %+v", st)
	}
}

func TestConcurrentEventsForOneNewVisitor(t *testing.T) {
	store := NewMemoryStore()
	h := newTestHandler(t, store)
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := chatBody(EventChatUpdated, 100+i, fmt.Sprintf("linha %d", i))
			if _, status := h.Handle(context.Background(), body); status != http.StatusOK {
				t.Errorf("status %d", status)
			}
		}()
	}
	wg.Wait()
	if st := store.Stats(); st.Leads != 1 || st.Messages != 40 || st.RawEvents != 40 {
		t.Errorf("stats %+v", st)
	}
}

func TestSampleChatFinished(t *testing.T) {
	store := NewMemoryStore()
	h := newTestHandler(t, store)
	a := process(t, h, SampleChatFinished(testNow))
	b := process(t, h, SampleChatFinished(testNow.Add(time.Hour)))
	if !a.Created || b.Created || a.LeadID != b.LeadID || a.MessagesAdded != 8 || b.MessagesAdded != 8 {
		t.Fatalf("%+v %+v", a, b)
	}
	l, _ := store.Lead(a.LeadID)
	if l.Email != "mariana.albuquerque@exemplo.com.br" || l.Phone != "+5511987654321" || l.Attribution.UTMSource != "instagram" {
		t.Errorf("%+v", l)
	}
	for _, m := range store.Messages(a.LeadID) {
		if m.At.After(testNow.Add(time.Hour)) || m.At.Before(testNow.Add(-10*time.Minute)) {
			t.Errorf("implausible time %v", m.At)
		}
	}
}

func TestNewHandlerConfig(t *testing.T) {
	if _, err := NewHandler(Config{}); err == nil {
		t.Error("nil store accepted")
	}
	if _, err := NewHandler(Config{Store: NewMemoryStore(), LeadLinkBase: "javascript:alert(1)"}); err == nil {
		t.Error("javascript link accepted")
	}
	h, err := NewHandler(Config{Store: NewMemoryStore(), LeadLinkBase: "https://crm.local/leads?id={id}"})
	if err != nil {
		t.Fatal(err)
	}
	if got := h.LeadLink("a b"); got != "https://crm.local/leads?id=a%20b" {
		t.Errorf("link %q", got)
	}
	h, _ = NewHandler(Config{Store: NewMemoryStore()})
	if h.LeadLink("x") != "" {
		t.Error("link without base")
	}
}
