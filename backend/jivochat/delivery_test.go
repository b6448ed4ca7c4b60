package jivochat

import (
	"encoding/json"
	"strings"
	"testing"

	"selo/backend/crm"
)

// finishedBody is a chat_finished as JivoChat sends it for chat 88123, with
// the given visitor (nil: no contact at all) and transcript lines.
func finishedBody(t *testing.T, visitor map[string]any, lines ...string) []byte {
	t.Helper()
	var msgs []map[string]any
	for i, l := range lines {
		typ := "visitor"
		m := map[string]any{"timestamp": 1717000000 + i*30}
		if a, ok := strings.CutPrefix(l, "A:"); ok {
			typ, l = "agent", a
			m["agent_id"] = 401
		}
		m["type"], m["message"] = typ, l
		msgs = append(msgs, m)
	}
	ev := map[string]any{"event_name": EventChatFinished, "widget_id": "aB3xQ9", "chat_id": 88123,
		"agents": []any{map[string]any{"id": "401", "name": "Carlos Lima"}},
		"chat":   map[string]any{"messages": msgs}, "plain_messages": "", "html_messages": ""}
	if visitor != nil {
		ev["visitor"] = visitor
	}
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func texts(msgs []crm.LeadMessage) string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.Text)
	}
	return strings.Join(out, "|")
}

// JivoChat may send chat_finished again for a chat that went on. The second
// delivery shares the idempotency key of the first; it must still add its new
// line, while a plain redelivery adds nothing.
func TestSecondChatFinishedAddsOnlyTheNewLine(t *testing.T) {
	store := NewMemoryStore()
	h := newTestHandler(t, store)
	maria := map[string]any{"name": "Maria Souza", "email": "maria@exemplo.com.br", "number": "5021"}
	first := finishedBody(t, maria, "Olá, ainda tem unidade de 2 quartos?", "A:Temos sim! Posso te ligar?")
	second := finishedBody(t, maria, "Olá, ainda tem unidade de 2 quartos?", "A:Temos sim! Posso te ligar?",
		"Pode sim, depois das 18h.")

	r1 := process(t, h, first)
	r2 := process(t, h, second)
	if r2.Duplicate || r2.MessagesAdded != 1 || r2.LeadID != r1.LeadID || r2.Key != r1.Key {
		t.Fatalf("second delivery: %+v (first %+v)", r2, r1)
	}
	want := "Olá, ainda tem unidade de 2 quartos?|Temos sim! Posso te ligar?|Pode sim, depois das 18h."
	if got := texts(store.Messages(r1.LeadID)); got != want {
		t.Fatalf("history %q", got)
	}
	// The same second body again, and the first one late: nothing new.
	for _, b := range [][]byte{second, first} {
		r := process(t, h, b)
		if r.MessagesAdded != 0 || r.LeadID != r1.LeadID {
			t.Errorf("redelivery added %d: %+v", r.MessagesAdded, r)
		}
	}
	if got := texts(store.Messages(r1.LeadID)); got != want {
		t.Errorf("history after redeliveries %q", got)
	}
	if st := store.Stats(); st.Leads != 1 || st.Messages != 3 {
		t.Errorf("stats %+v", st)
	}
	// Every body that arrived is kept, in order, byte for byte.
	raw := store.RawEvents()
	got := make([]string, len(raw))
	for i, ev := range raw {
		got[i] = string(ev.Body)
	}
	if wantRaw := []string{string(first), string(second), string(second), string(first)}; strings.Join(got, "\n") != strings.Join(wantRaw, "\n") {
		t.Errorf("raw bodies kept:\n%s", strings.Join(got, "\n"))
	}
	if raw[1].Outcome != OutcomeLeadUpdated || raw[2].Outcome != OutcomeDuplicate {
		t.Errorf("outcomes %s %s", raw[1].Outcome, raw[2].Outcome)
	}
}

// A visitor who left neither e-mail nor phone (nor a visitor number) is kept
// with the transcript, and a later delivery of the same chat reaches the same
// row.
func TestChatWithoutContactIsKeptWithItsTranscript(t *testing.T) {
	store := NewMemoryStore()
	h := newTestHandler(t, store)
	r1 := process(t, h, finishedBody(t, nil, "Oi, qual o valor do apartamento?", "A:A partir de R$ 450 mil."))
	if r1.LeadID == "" || r1.Outcome != OutcomeLeadCreated || r1.MessagesAdded != 2 {
		t.Fatalf("%+v", r1)
	}
	l, ok := store.Lead(r1.LeadID)
	if !ok || l.HasContact() || l.Source != SourceJivoChat {
		t.Fatalf("%+v", l)
	}
	r2 := process(t, h, finishedBody(t, nil, "Oi, qual o valor do apartamento?", "A:A partir de R$ 450 mil.", "Obrigado!"))
	if r2.LeadID != r1.LeadID || r2.MessagesAdded != 1 || r2.Created {
		t.Fatalf("%+v", r2)
	}
	if st := store.Stats(); st.Leads != 1 || st.Messages != 3 || st.RawEvents != 2 {
		t.Errorf("stats %+v", st)
	}
	// The visitor types a phone in a later event of the chat: same row, now
	// a lead.
	r3 := process(t, h, finishedBody(t, map[string]any{"phone": "(11) 98765-4321"}, "Oi, qual o valor do apartamento?"))
	if r3.LeadID != r1.LeadID {
		t.Fatalf("%+v", r3)
	}
	if l, _ := store.Lead(r1.LeadID); l.Phone != "+5511987654321" || !l.HasContact() {
		t.Errorf("%+v", l)
	}
}
