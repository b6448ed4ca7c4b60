package leads_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"selo/backend/crm"
	"selo/backend/leads"
)

// anonymousChat is a chat_finished whose visitor left no e-mail, no phone and
// no visitor number, as JivoChat sends for a visitor who just asked a price.
const anonymousChat = `{"event_name":"chat_finished","widget_id":"aB3xQ9","chat_id":99001,
	"visitor":{"name":"","email":"","phone":"","description":""},
	"agents":[{"id":"401","name":"Carlos Lima"}],
	"chat":{"messages":[{"timestamp":1717000000,"type":"visitor","message":"Qual o valor do 2 quartos?"},
	{"timestamp":1717000042,"type":"agent","agent_id":401,"message":"A partir de R$ 450 mil. Quer deixar um telefone?"}]}}`

func TestChatWithoutContactIsListedAndBecomesALead(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	if _, status := f.svc.Handler().Handle(ctx, []byte(anonymousChat)); status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	p, err := f.svc.List(ctx, leads.Filter{})
	if err != nil || p.Total != 1 {
		t.Fatalf("list %+v %v", p, err)
	}
	row := p.Items[0]
	if row.HasContact || row.MessageCount != 2 || row.LastMessage != "A partir de R$ 450 mil. Quer deixar um telefone?" {
		t.Fatalf("row %+v", row)
	}
	if n := f.seenNotices(); len(n) != 0 {
		t.Errorf("a visitor without contact was announced as a new lead: %+v", n)
	}
	if p, _ := f.svc.List(ctx, leads.Filter{WithoutContact: true}); p.Total != 1 {
		t.Errorf("without-contact filter %+v", p)
	}
	if p, _ := f.svc.List(ctx, leads.Filter{Stage: crm.LeadNew}); p.Total != 0 {
		t.Errorf("a visitor without contact counted as a new lead: %+v", p)
	}
	d, err := f.svc.Get(ctx, row.ID)
	if err != nil || len(d.Messages) != 2 || d.Messages[0].Text != "Qual o valor do 2 quartos?" {
		t.Fatalf("transcript %+v %v", d, err)
	}

	// Bad input: every problem on its field, nothing stored.
	for _, c := range []struct {
		in   leads.Contact
		want []string
	}{
		{leads.Contact{}, []string{"phone:" + leads.CodeContactRequired}},
		{leads.Contact{Email: "  ", Phone: " "}, []string{"phone:" + leads.CodeContactRequired}},
		{leads.Contact{Email: "maria.exemplo.com"}, []string{"email:" + leads.CodeContactEmailInvalid}},
		{leads.Contact{Phone: "1234"}, []string{"phone:" + leads.CodeContactPhoneInvalid}},
		{leads.Contact{Email: "a@b", Phone: "(11) 0000"}, []string{"email:" + leads.CodeContactEmailInvalid, "phone:" + leads.CodeContactPhoneInvalid}},
	} {
		_, err := f.svc.SetContact(ctx, row.ID, c.in)
		if got := problems(err); !slices.Equal(got, c.want) {
			t.Errorf("%+v: %v, want %v", c.in, got, c.want)
		}
	}
	if d, _ := f.svc.Get(ctx, row.ID); d.HasContact {
		t.Fatalf("refused contact stored: %+v", d.Summary)
	}

	d, err = f.svc.SetContact(ctx, row.ID, leads.Contact{Phone: "(11) 98765-4321"})
	if err != nil || !d.HasContact || d.Phone != "+5511987654321" || len(d.Messages) != 2 {
		t.Fatalf("SetContact %+v %v", d, err)
	}
	// Now it is a lead like any other: found by phone, in its stage, and its
	// stage can change.
	if p, _ := f.svc.List(ctx, leads.Filter{Search: "98765-4321", Stage: crm.LeadNew}); p.Total != 1 || !p.Items[0].HasContact {
		t.Errorf("after contact %+v", p)
	}
	if p, _ := f.svc.List(ctx, leads.Filter{WithoutContact: true}); p.Total != 0 {
		t.Errorf("still without contact %+v", p)
	}
	if d, err := f.svc.SetStage(ctx, row.ID, crm.LeadInProgress); err != nil || d.Stage != crm.LeadInProgress {
		t.Errorf("stage %+v %v", d.Summary, err)
	}
	// The same visitor's chat sent again reaches the same lead.
	if _, status := f.svc.Handler().Handle(ctx, []byte(anonymousChat)); status != http.StatusOK {
		t.Fatal(status)
	}
	if p, _ := f.svc.List(ctx, leads.Filter{}); p.Total != 1 || p.Items[0].MessageCount != 2 {
		t.Errorf("after redelivery %+v", p)
	}
	if _, err := f.svc.SetContact(ctx, "nope", leads.Contact{Email: "maria@exemplo.com.br"}); err == nil {
		t.Error("contact on a missing lead")
	}
}

// A later event of the chat that carries the visitor's e-mail makes the row a
// lead, and that is when the desk is told about a new lead.
func TestContactFromALaterEventAnnouncesTheLead(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	h := f.svc.Handler()
	if _, status := h.Handle(ctx, []byte(anonymousChat)); status != http.StatusOK {
		t.Fatal(status)
	}
	later := `{"event_name":"chat_updated","chat_id":99001,"visitor":{"name":"Rita Alves","email":"rita@exemplo.com.br"}}`
	if _, status := h.Handle(ctx, []byte(later)); status != http.StatusOK {
		t.Fatal(status)
	}
	p, _ := f.svc.List(ctx, leads.Filter{})
	if p.Total != 1 || !p.Items[0].HasContact || p.Items[0].Email != "rita@exemplo.com.br" {
		t.Fatalf("%+v", p)
	}
	if n := f.seenNotices(); len(n) != 1 || n[0].name != "Rita Alves" || n[0].id != p.Items[0].ID {
		t.Errorf("notices %+v", n)
	}
}

// Chats an older Selo kept only as skipped raw events (visitor without
// contact) are brought to the Leads screen at start, once.
func TestStartBringsBackChatsSkippedBeforeTheUpgrade(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	// As Selo before migration 0014 stored them: no hash, no chat id.
	for _, b := range []string{anonymousChat,
		`{"event_name":"client_updated","client_id":"5","visitor":{"name":"Ninguém"}}`} {
		if _, err := f.db.Exec(`INSERT INTO jivochat_events (key, event_name, received_at, outcome, body)
			VALUES (?, 'x', '2026-11-01T10:00:00.000000000Z', 'skipped_no_contact', ?)`, b[:40], []byte(b)); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.svc.Stop(ctx) })
	p, err := f.svc.List(ctx, leads.Filter{})
	if err != nil || p.Total != 1 || p.Items[0].HasContact || p.Items[0].MessageCount != 2 {
		t.Fatalf("%+v %v", p, err)
	}
	// A second start finds nothing left to do, and no row was added.
	if err := f.svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	var rows, legacy int
	_ = f.db.QueryRow(`SELECT COUNT(*), SUM(body_hash = '') FROM jivochat_events`).Scan(&rows, &legacy)
	if p, _ := f.svc.List(ctx, leads.Filter{}); p.Total != 1 || rows != 2 || legacy != 0 {
		t.Errorf("after a second start: %d leads, %d rows, %d legacy", p.Total, rows, legacy)
	}
	if n := f.seenNotices(); len(n) != 0 {
		t.Errorf("notices %+v", n)
	}
}
