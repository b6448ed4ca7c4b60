package leads_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"selo/backend/inbound"
	"selo/backend/jivochat"
	"selo/backend/leads"
)

// clicksignSpy records what the Clicksign route hands over.
type clicksignSpy struct {
	mu   sync.Mutex
	keys []string
}

func (c *clicksignSpy) HandleClicksign(_ context.Context, keyID string, _ http.Header, _ []byte) (int, []byte) {
	c.mu.Lock()
	c.keys = append(c.keys, keyID)
	c.mu.Unlock()
	return http.StatusOK, []byte(`{"result":"ok"}`)
}

func (c *clicksignSpy) seen() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.keys...)
}

func (f *fixture) clicksignService(t *testing.T, spy inbound.ClicksignHandler, wanted *atomic.Bool) *leads.Service {
	t.Helper()
	svc, err := leads.New(leads.Options{Store: f.db.Leads(), Settings: f.db, Users: f.users, Now: testClock(),
		Clicksign: spy, ClicksignWanted: func(context.Context) (bool, error) { return wanted.Load(), nil }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = svc.Stop(ctx)
	})
	return svc
}

// listenOn saves only the listener port, as an office that never set up
// JivoChat but changed the port would have it.
func (f *fixture) listenOn(t *testing.T, port int) {
	t.Helper()
	b, _ := json.Marshal(leads.IntegrationConfig{ListenPort: port})
	if err := f.db.SetSetting(context.Background(), leads.SettingKey, string(b)); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) postJSON(t *testing.T, url string, body []byte) int {
	t.Helper()
	resp, err := f.client.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestListenerRunsForClicksignWebhooksAlone(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	port := freePort(t)
	f.listenOn(t, port)
	spy := &clicksignSpy{}
	var wanted atomic.Bool
	wanted.Store(true)
	svc := f.clicksignService(t, spy, &wanted)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	if url, running := svc.ListenerURL(ctx); !running || url != base {
		t.Fatalf("listener %q running=%v, want %s", url, running, base)
	}
	if code := f.postJSON(t, base+"/webhooks/clicksign/7", []byte(`{}`)); code != http.StatusOK {
		t.Fatalf("clicksign route answered %d", code)
	}
	if keys := spy.seen(); len(keys) != 1 || keys[0] != "7" {
		t.Fatalf("handler saw keys %v", keys)
	}
	// JivoChat is not configured: its route stays shut even for a real token.
	if code := f.postJSON(t, base+leads.WebhookPath+f.token.Plain, jivochat.SampleChatFinished(time.Now())); code != http.StatusUnauthorized {
		t.Fatalf("jivochat route answered %d while not configured", code)
	}
	if p, _ := svc.List(ctx, leads.Filter{}); p.Total != 0 {
		t.Fatalf("a lead was stored through an unconfigured integration: %+v", p)
	}

	// The last key turns webhooks off: the port closes.
	wanted.Store(false)
	if err := svc.Reconfigure(ctx); err != nil {
		t.Fatal(err)
	}
	if _, running := svc.ListenerURL(ctx); running {
		t.Fatal("listener still running with nothing needing it")
	}
}

func TestStartListenerOnDemand(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	port := freePort(t)
	f.listenOn(t, port)
	var wanted atomic.Bool
	svc := f.clicksignService(t, &clicksignSpy{}, &wanted)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if _, running := svc.ListenerURL(ctx); running {
		t.Fatal("listener started with neither JivoChat nor webhooks")
	}
	url, err := svc.StartListener(ctx)
	if err != nil || url != "http://127.0.0.1:"+strconv.Itoa(port) {
		t.Fatalf("StartListener = %q, %v", url, err)
	}
	if _, running := svc.ListenerURL(ctx); !running {
		t.Fatal("not running after StartListener")
	}
	// Once JivoChat is configured both routes work, and turning webhooks
	// off keeps the listener for JivoChat.
	wanted.Store(true)
	if _, err := svc.Configure(ctx, f.config(port)); err != nil {
		t.Fatal(err)
	}
	wanted.Store(false)
	if err := svc.Reconfigure(ctx); err != nil {
		t.Fatal(err)
	}
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	if code := f.postJSON(t, base+leads.WebhookPath+f.token.Plain, jivochat.SampleChatFinished(time.Now())); code != http.StatusOK {
		t.Fatalf("jivochat route answered %d once configured", code)
	}
	if code := f.postJSON(t, base+"/webhooks/clicksign/1", []byte(`{}`)); code != http.StatusOK {
		t.Fatalf("clicksign route answered %d", code)
	}
}
