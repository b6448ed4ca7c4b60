package inbound

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// longChat is a chat_finished whose transcript makes the body at least size
// bytes: lines of ~400 bytes, the transcript also repeated in plain_messages
// as JivoChat does.
func longChat(t testing.TB, size int) ([]byte, int) {
	t.Helper()
	var msgs []map[string]any
	var plain strings.Builder
	n := 0
	for total := 0; total < size; n++ {
		text := fmt.Sprintf("Linha %d: %s", n, strings.Repeat("Gostaria de saber mais sobre a unidade. ", 9))
		m := map[string]any{"timestamp": 1717000000 + n, "type": "visitor", "message": text}
		if n%2 == 1 {
			m["type"], m["agent_id"] = "agent", 401
		}
		msgs = append(msgs, m)
		plain.WriteString(text + "\n")
		total += 2*len(text) + 40
	}
	b, err := json.Marshal(map[string]any{"event_name": "chat_finished", "widget_id": "aB3xQ9", "chat_id": 4242,
		"visitor": map[string]any{"name": "Cliente Prolixo", "email": "prolixo@exemplo.com.br", "number": "9001"},
		"agents":  []any{map[string]any{"id": "401", "name": "Carlos Lima"}},
		"chat":    map[string]any{"messages": msgs}, "plain_messages": plain.String()})
	if err != nil {
		t.Fatal(err)
	}
	return b, n
}

// With the default configuration a real-sized long chat of 8 MiB goes
// through the listener and every line is stored; JivoChat documents no
// retry, so refusing it would lose the chat.
func TestEightMegabyteChatAccepted(t *testing.T) {
	f := newFixture(t, nil)
	f.start(t)
	body, lines := longChat(t, 8<<20)
	if len(body) < 8<<20 || len(body) > DefaultBodyLimit {
		t.Fatalf("body of %d bytes", len(body))
	}
	status, reply := f.post(t, "/webhooks/jivochat/"+testToken, "application/json", body)
	if status != http.StatusOK || reply != `{"result":"ok"}` {
		t.Fatalf("%d %s", status, reply)
	}
	st := f.store.Stats()
	raw := f.store.RawEvents()
	if st.Leads != 1 || st.Messages != lines || len(raw) != 1 || string(raw[0].Body) != string(body) {
		t.Fatalf("stored %+v (want %d lines)", st, lines)
	}
	t.Logf("%d bytes, %d lines", len(body), lines)
}

// Past the limit the answer says what happened and what the limit is, and
// nothing is stored.
func TestBodyOverTheLimitGetsAClear413(t *testing.T) {
	f := newFixture(t, nil)
	f.start(t)
	body := []byte(`{"event_name":"chat_finished","chat_id":1,"pad":"` + strings.Repeat("x", DefaultBodyLimit) + `"}`)
	for _, chunked := range []bool{false, true} {
		var status int
		var reply string
		if chunked {
			status, reply = f.postChunked(t, body)
		} else {
			status, reply = f.post(t, "/webhooks/jivochat/"+testToken, "application/json", body)
		}
		var r struct {
			Result     string `json:"result"`
			Error      string `json:"error"`
			LimitBytes int64  `json:"limit_bytes"`
			Message    string `json:"message"`
		}
		if err := json.Unmarshal([]byte(reply), &r); err != nil || status != http.StatusRequestEntityTooLarge ||
			r.Result != "error" || r.Error != "body_too_large" || r.LimitBytes != DefaultBodyLimit || !strings.Contains(r.Message, "limit") {
			t.Errorf("chunked=%v: %d %s", chunked, status, reply)
		}
	}
	if st := f.store.Stats(); st.Leads != 0 || st.RawEvents != 0 {
		t.Errorf("stored %+v", st)
	}
	if st := f.srv.Status(); st.Rejected != 2 {
		t.Errorf("rejected %d", st.Rejected)
	}
}

// postChunked sends body without a Content-Length, so the limit is met while
// reading rather than from the header.
func (f *fixture) postChunked(t *testing.T, body []byte) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.url+"/webhooks/jivochat/"+testToken, io.MultiReader(bytes.NewReader(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
