//go:build webkit2_41

// Wails' asset server package links WebKitGTK through cgo, so this test needs
// the tag the app is built with: go test -tags webkit2_41 ./app/webassets/

package webassets

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/wailsapp/wails/v2/pkg/assetserver"
	options "github.com/wailsapp/wails/v2/pkg/options/assetserver"
)

// What the window sees: Wails' own asset handler (the one main.go's
// AssetServer uses) serving the compressed tree.
func TestServedByWailsAssetHandler(t *testing.T) {
	h, err := assetserver.NewAssetHandler(options.Options{Assets: New(tree(t), "frontend/dist-gz")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	get := func(path string) *http.Response {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec.Result()
	}
	for _, c := range []struct{ path, body, mime string }{
		{"/", indexHTML, "text/html"},
		{"/index.html", indexHTML, "text/html"},
		{"/assets/index-abc.js", appJS, "text/javascript"},
		{"/assets/pdf.worker.min-x.mjs", workerMJS, "text/javascript"},
		{"/assets/logo.png", string(logoPNG), "image/png"},
	} {
		res := get(c.path)
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK || string(body) != c.body {
			t.Errorf("GET %s: %d with %d bytes, want 200 with the original %d", c.path, res.StatusCode, len(body), len(c.body))
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, c.mime) {
			t.Errorf("GET %s: Content-Type %q, want %s", c.path, ct, c.mime)
		}
		if cl := res.Header.Get("Content-Length"); cl != strconv.Itoa(len(c.body)) {
			t.Errorf("GET %s: Content-Length %s, want %d", c.path, cl, len(c.body))
		}
	}
	if res := get("/assets/missing.js"); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET a missing file: %d, want 404", res.StatusCode)
	}
}
