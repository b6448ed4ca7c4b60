package updates

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"selo/backend/crm"
)

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"0.1.0", "0.1.0", 0},
		{"0.2.0", "0.1.0", 1},
		{"0.1.0", "0.2.0", -1},
		{"0.10.0", "0.9.1", 1},
		{"0.9.1", "0.10.0", -1},
		{"1.0.0", "0.99.99", 1},
		{"0.1.10", "0.1.9", 1},
		{"v0.2.0", "0.2.0", 0},
		{"0.2", "0.2.0", 0},
		{"0.2.0+build.5", "0.2.0", 0},
		{"0.2.0-rc.1", "0.2.0", -1},
		{"0.2.0", "0.2.0-rc.1", 1},
		{"0.2.0-rc.2", "0.2.0-rc.10", -1},
		{"0.2.0-alpha", "0.2.0-beta", -1},
		{"0.2.0-1", "0.2.0-alpha", -1},
		{"0.2.0-rc", "0.2.0-rc.1", -1},
		{"0.2.0-rc.1", "0.1.9", 1},
		{"0.0.1", "dev", 1},
		{"dev", "0.0.1", -1},
		{"dev", "dev", 0},
		{"", "0.1.0", -1},
		{"banana", "0.1.0", -1},
		{"1", "0.1.0", -1},
		{"1.2.3.4", "0.1.0", -1},
		{"1.x.0", "0.1.0", -1},
		{"0.1.0-", "0.1.0", -1},
	}
	for _, tt := range tests {
		if got := CompareVersions(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

const goodSHA = "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b"

func feedJSON(version, url string) string {
	return fmt.Sprintf(`{"version":%q,"date":"2026-12-01","url":%q,"sha256":%q,"notes":"Melhorias na tela de reservas."}`,
		version, url, goodSHA)
}

// serve starts a feed server answering body with status.
func serve(t *testing.T, status int, body string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			t.Errorf("method %s, want GET", r.Method)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/selo/latest.json"
}

func code(err error) string {
	var e *crm.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return fmt.Sprintf("not a crm.Error: %v", err)
}

func TestCheckAgainstFeed(t *testing.T) {
	setup := "https://downloads.selo.app.br/selo-0.2.0-setup.exe"
	tests := []struct {
		name      string
		status    int
		body      string
		current   string
		available bool
		wantCode  string
		wantField string
	}{
		{name: "newer", status: 200, body: feedJSON("0.2.0", setup), current: "0.1.0", available: true},
		{name: "newer by minor ten", status: 200, body: feedJSON("0.10.0", setup), current: "0.9.1", available: true},
		{name: "same", status: 200, body: feedJSON("0.2.0", setup), current: "0.2.0"},
		{name: "older", status: 200, body: feedJSON("0.1.0", setup), current: "0.2.0"},
		{name: "dev build", status: 200, body: feedJSON("0.1.0", setup), current: "dev", available: true},
		{name: "loopback http url", status: 200, body: feedJSON("0.2.0", "http://127.0.0.1:8080/selo.exe"), current: "0.1.0", available: true},
		{name: "malformed json", status: 200, body: `{"version":"0.2.0",`, current: "0.1.0", wantCode: CodeBadFeed},
		{name: "not an object", status: 200, body: `<html>oops</html>`, current: "0.1.0", wantCode: CodeBadFeed},
		{name: "bad version", status: 200, body: feedJSON("latest", setup), current: "0.1.0", wantCode: CodeBadFeed, wantField: "version"},
		{name: "plain http url", status: 200, body: feedJSON("0.2.0", "http://downloads.selo.app.br/s.exe"), current: "0.1.0", wantCode: CodeBadFeed, wantField: "url"},
		{name: "no url", status: 200, body: `{"version":"0.2.0","sha256":"` + goodSHA + `"}`, current: "0.1.0", wantCode: CodeBadFeed, wantField: "url"},
		{name: "short sha", status: 200, body: `{"version":"0.2.0","url":"` + setup + `","sha256":"abc"}`, current: "0.1.0", wantCode: CodeBadFeed, wantField: "sha256"},
		{name: "non-hex sha", status: 200, body: `{"version":"0.2.0","url":"` + setup + `","sha256":"` + strings.Repeat("z", 64) + `"}`, current: "0.1.0", wantCode: CodeBadFeed, wantField: "sha256"},
		{name: "bad date", status: 200, body: `{"version":"0.2.0","date":"01/12/2026","url":"` + setup + `","sha256":"` + goodSHA + `"}`, current: "0.1.0", wantCode: CodeBadFeed, wantField: "date"},
		{name: "too large", status: 200, body: `{"version":"0.2.0","notes":"` + strings.Repeat("x", maxFeedBytes) + `"}`, current: "0.1.0", wantCode: CodeBadFeed},
		{name: "404", status: 404, body: "not found", current: "0.1.0", wantCode: CodeUnreachable},
		{name: "500", status: 500, body: "", current: "0.1.0", wantCode: CodeUnreachable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feedURL := serve(t, tt.status, tt.body)
			got, err := Check(context.Background(), feedURL, tt.current)
			if tt.wantCode != "" {
				if code(err) != tt.wantCode {
					t.Fatalf("err = %v, want code %s", err, tt.wantCode)
				}
				var e *crm.Error
				errors.As(err, &e)
				if tt.wantField != "" && e.Data["field"] != tt.wantField {
					t.Fatalf("err data = %v, want field %s", e.Data, tt.wantField)
				}
				if tt.status != 200 && e.Data["status"] != tt.status {
					t.Fatalf("err data = %v, want status %d", e.Data, tt.status)
				}
				return
			}
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			if got.Available != tt.available {
				t.Fatalf("Available = %v, want %v (%+v)", got.Available, tt.available, got)
			}
			if got.Current != tt.current || got.Latest == "" || got.Date != "2026-12-01" || got.SHA256 != goodSHA || got.Notes == "" || got.URL == "" {
				t.Fatalf("result = %+v", got)
			}
		})
	}
}

func TestCheckNormalisesSHA(t *testing.T) {
	body := strings.Replace(feedJSON("0.2.0", "https://x.example/s.exe"), goodSHA, strings.ToUpper(goodSHA), 1)
	got, err := Check(context.Background(), serve(t, 200, body), "0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	if got.SHA256 != goodSHA {
		t.Fatalf("SHA256 = %q, want lower case", got.SHA256)
	}
}

func TestCheckTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)

	// The client's timeout.
	c := Checker{Client: &http.Client{Timeout: 100 * time.Millisecond}}
	start := time.Now()
	_, err := c.Check(context.Background(), srv.URL, "0.1.0")
	if code(err) != CodeUnreachable {
		t.Fatalf("err = %v, want %s", err, CodeUnreachable)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %v", d)
	}

	// The caller's deadline.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = Check(ctx, srv.URL, "0.1.0")
	if code(err) != CodeUnreachable {
		t.Fatalf("err = %v, want %s", err, CodeUnreachable)
	}
}

func TestCheckCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Check(ctx, serve(t, 200, feedJSON("0.2.0", "https://x.example/s.exe")), "0.1.0")
	if code(err) != crm.CodeCanceled {
		t.Fatalf("err = %v, want %s", err, crm.CodeCanceled)
	}
}

func TestCheckUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.URL
	srv.Close() // nothing listens there any more
	_, err := Check(context.Background(), addr+"/feed.json", "0.1.0")
	if code(err) != CodeUnreachable {
		t.Fatalf("err = %v, want %s", err, CodeUnreachable)
	}
}

func TestCheckRejectsFeedURL(t *testing.T) {
	for _, u := range []string{"", "ftp://x.example/feed.json", "http://downloads.selo.app.br/feed.json",
		"http://192.168.0.10/feed.json", "https://user:pw@x.example/feed.json", "https:///feed.json", "::not a url"} {
		_, err := Check(context.Background(), u, "0.1.0")
		if code(err) != CodeBadFeedURL {
			t.Errorf("Check(%q): err = %v, want %s", u, err, CodeBadFeedURL)
		}
	}
}

func TestRedirectMustStaySecure(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://downloads.selo.app.br/feed.json", http.StatusFound)
	}))
	defer srv.Close()
	_, err := Check(context.Background(), srv.URL, "0.1.0")
	if code(err) != CodeUnreachable {
		t.Fatalf("err = %v, want %s", err, CodeUnreachable)
	}
}
