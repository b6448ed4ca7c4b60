package simulator

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestHostKeepsItsDatabasePrivate: simulator.db and the -wal/-shm files
// SQLite makes beside it are 0600 like selo.db, also when an older version
// left the file 0644 and under the usual 022 umask.
func TestHostKeepsItsDatabasePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX permission bits do not apply on Windows")
	}
	for name, existing := range map[string]bool{"new file": false, "file left 0644": true} {
		t.Run(name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "simulator.db")
			if existing {
				if err := os.WriteFile(db, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			h := &Host{Options: Options{DBPath: db}}
			defer h.Close(context.Background())
			base, err := h.BaseURL()
			if err != nil {
				t.Fatal(err)
			}
			// One write, so the WAL and shared-memory files exist.
			req, _ := http.NewRequest(http.MethodPost, base+"/envelopes", strings.NewReader(`{"data":{"type":"envelopes","attributes":{"name":"Treino"}}}`))
			req.Header.Set("Authorization", "sim_token")
			req.Header.Set("Content-Type", "application/vnd.api+json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			for _, f := range []string{db, db + "-wal", db + "-shm"} {
				st, err := os.Stat(f)
				if err != nil {
					t.Fatalf("%s: %v", filepath.Base(f), err)
				}
				if st.Mode().Perm() != 0o600 {
					t.Errorf("%s has mode %v, want 0600", filepath.Base(f), st.Mode().Perm())
				}
			}
		})
	}
}
