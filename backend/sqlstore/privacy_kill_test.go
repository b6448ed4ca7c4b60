//go:build !windows

package sqlstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"selo/backend/privacy"
)

// TestPrivacyAnonymiseKilledMidway: the process is killed (SIGKILL, no
// clean-up) in the middle of the anonymisation's writes; the database, read
// again, is exactly as before. The child is this test binary run again.
func TestPrivacyAnonymiseKilledMidway(t *testing.T) {
	if spec := os.Getenv("SELO_PRIVACY_CRASH_CHILD"); spec != "" {
		crashChild(t, spec)
		return
	}
	db, path := openTestDB(t)
	seedWorld(t, db)
	before := dbSnapshot(t, db)
	spec := path
	if onPostgres() {
		cfg, _ := pgConfigs.Load(db)
		b, _ := json.Marshal(cfg)
		spec = "pg:" + string(b)
	}
	for _, n := range []int{1, 4, 9} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestPrivacyAnonymiseKilledMidway$", "-test.count=1")
		cmd.Env = append(os.Environ(), "SELO_PRIVACY_CRASH_CHILD="+spec, fmt.Sprintf("SELO_PRIVACY_CRASH_AT=%d", n))
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != -1 {
			t.Fatalf("the child was not killed at write %d: %v\n%s", n, err, out)
		}
		if d := changed(before, dbSnapshot(t, db)); len(d) > 0 {
			t.Fatalf("killed after write %d, the database kept changes: %v", n, d)
		}
	}
}

// crashChild opens the parent's database and anonymises Paula, killing
// itself after the chosen write.
func crashChild(t *testing.T, spec string) {
	ctx := context.Background()
	var db *DB
	var err error
	if cfgJSON, ok := strings.CutPrefix(spec, "pg:"); ok {
		var cfg PostgresConfig
		if err := json.Unmarshal([]byte(cfgJSON), &cfg); err != nil {
			t.Fatal(err)
		}
		db, err = OpenPostgres(ctx, cfg)
	} else {
		db, err = Open(ctx, spec)
	}
	if err != nil {
		t.Fatal(err)
	}
	at, _ := strconv.Atoi(os.Getenv("SELO_PRIVACY_CRASH_AT"))
	st := db.Privacy()
	st.afterWrite = func(n int) error {
		if n == at {
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
			time.Sleep(time.Minute)
		}
		return nil
	}
	k, _ := privacy.ParseKey(privacy.KeyEmail, paulaEmail)
	_, err = st.Anonymise(ctx, k, privacy.LogEntry{At: time.Now(), Action: privacy.LogAnonymise})
	t.Fatalf("the anonymisation finished (%v) before write %d", err, at)
}
