package jivochat

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzDecode checks that no body makes Decode, the idempotency key or the
// whole handler panic, and that whatever Decode accepts the handler can
// store. Seeds: the reference's examples, the sample event and edge cases.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "reference", "*.json"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(SampleChatFinished(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
	for _, s := range []string{``, `{}`, `null`, `[]`, `{"event_name":""}`, `{"event_name":"x"}`,
		`{"event_name":"chat_finished","chat":{"messages":[{"timestamp":"1e30","type":"agent","agent_id":{},"message":"oi"}]}}`,
		`{"event_name":"offline_message","offline_message_id":"","visitor":{"phone":"0055","email":"a@b.c"}}`,
		`{"event_name":"call_event","call":{"status":"end","phone":"+5511988887777"}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := Decode(body)
		if err != nil {
			if ev != nil {
				t.Fatal("event and error both returned")
			}
			return
		}
		env := ev.Base()
		if env == nil || env.EventName == "" || strings.TrimSpace(env.EventName) != env.EventName {
			t.Fatalf("bad envelope %+v", env)
		}
		k := IdempotencyKey(ev)
		if k == "" || k != IdempotencyKey(ev) {
			t.Fatalf("unstable key %q", k)
		}
		h, _ := NewHandler(Config{Store: NewMemoryStore(), LeadLinkBase: "selo://leads"})
		res, err := h.Process(context.Background(), body)
		if err != nil {
			t.Fatalf("accepted by Decode but not stored: %v", err)
		}
		if again, err := h.Process(context.Background(), body); err != nil || !again.Duplicate {
			t.Fatalf("redelivery not idempotent: %+v %v (first %+v)", again, err, res)
		}
	})
}
