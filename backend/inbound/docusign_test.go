package inbound

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type docuSignFunc func(ctx context.Context, keyID string, h http.Header, body []byte) (int, []byte)

func (f docuSignFunc) HandleDocuSign(ctx context.Context, keyID string, h http.Header, body []byte) (int, []byte) {
	return f(ctx, keyID, h, body)
}

// The DocuSign route hands the key, the signature headers and the raw body to
// its handler, and refuses a body over its limit with 413 before the handler
// sees it.
func TestDocuSignPlumbing(t *testing.T) {
	var gotKey, gotSig string
	var gotBody []byte
	calls := 0
	f := newFixture(t, func(c *Config) {
		c.DocuSignBodyLimit = 64
		c.DocuSign = docuSignFunc(func(_ context.Context, keyID string, h http.Header, body []byte) (int, []byte) {
			calls++
			gotKey, gotSig, gotBody = keyID, h.Get("X-DocuSign-Signature-1"), body
			return http.StatusUnauthorized, []byte(`{"result":"error"}`)
		})
	})
	srv := httptest.NewServer(f.srv.Handler())
	defer srv.Close()
	post := func(body string) int {
		req, _ := http.NewRequest("POST", srv.URL+"/webhooks/docusign/7", strings.NewReader(body))
		req.Header.Set("X-DocuSign-Signature-1", "c2ln")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := post(`{"event":"envelope-completed"}`); s != 401 || gotKey != "7" || gotSig != "c2ln" || string(gotBody) != `{"event":"envelope-completed"}` {
		t.Errorf("%d %q %q %q", s, gotKey, gotSig, gotBody)
	}
	if s := post(strings.Repeat("x", 65)); s != http.StatusRequestEntityTooLarge || calls != 1 {
		t.Errorf("oversize body: %d, handler calls %d", s, calls)
	}
}

// Without a DocuSign handler the route does not exist.
func TestDocuSignRouteOnlyWhenEnabled(t *testing.T) {
	f := newFixture(t, nil)
	srv := httptest.NewServer(f.srv.Handler())
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/webhooks/docusign/7", "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("status %d", resp.StatusCode)
	}
}
