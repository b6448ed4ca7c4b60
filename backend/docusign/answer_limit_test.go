package docusign_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"selo/backend/docusign"
)

// zeros is an endless body of zero bytes after a PDF header.
type zeros struct{ head string }

func (z *zeros) Read(p []byte) (int, error) {
	n := copy(p, z.head)
	z.head = z.head[n:]
	for i := n; i < len(p); i++ {
		p[i] = 0
	}
	return len(p), nil
}

// A download whose answer never ends stops at MaxAnswerBytes with an error,
// once (no retry that would read as much again), instead of filling memory.
func TestDownloadStopsAtTheAnswerLimit(t *testing.T) {
	var asked atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		w.Header().Set("Content-Type", "application/pdf")
		_, _ = io.Copy(w, io.LimitReader(&zeros{head: "%PDF-1.7\n"}, docusign.MaxAnswerBytes+1<<20))
	}))
	t.Cleanup(srv.Close)
	c := docusign.New(&tokens{token: testToken, base: srv.URL, account: "acc"},
		docusign.Options{Clock: newFakeClock(), HTTPClient: &http.Client{Timeout: 30 * time.Second}})
	pdf, err := c.DownloadCombined(context.Background(), "4f6a3b3e-0000-4000-8000-000000000001")
	if err == nil || !strings.Contains(err.Error(), "MB") {
		t.Fatalf("download of an endless answer: %d bytes, err %v", len(pdf), err)
	}
	if n := asked.Load(); n != 1 {
		t.Fatalf("the oversized answer was asked %d times", n)
	}
}
