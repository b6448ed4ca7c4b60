package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"selo/backend/crm"
)

var errGone = errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")

func lostIfGone(err error) bool { return errors.Is(err, errGone) }

func TestErrorFormatterSaysTheOfficeServerIsOutOfReach(t *testing.T) {
	conn := &Connection{Host: "servidor.escritorio", Port: 5432, Lost: lostIfGone}
	f := ErrorFormatter(slog.New(slog.DiscardHandler), conn)

	got := decodePayload(t, f(fmt.Errorf("saving development: %w", errGone)))
	if got.Code != crm.CodeOfficeUnreachable || got.Data["host"] != "servidor.escritorio" || got.Data["port"] != float64(5432) || got.Data["when"] != "session" {
		t.Fatalf("lost connection = %+v, want office.unreachable naming servidor.escritorio:5432", got)
	}
	// A coded error keeps its code even with a network cause under it, and
	// any other failure stays internal.
	coded := crm.E(crm.CodeRequired).OnField("name").Wrap(errGone)
	if got := decodePayload(t, f(coded)); got.Code != crm.CodeRequired {
		t.Fatalf("coded error = %+v, want %s", got, crm.CodeRequired)
	}
	if got := decodePayload(t, f(errors.New("boom"))); got.Code != crm.CodeInternal {
		t.Fatalf("other error = %+v, want internal", got)
	}
	// On this PC's own selo.db there is no watch: nothing is remapped.
	if got := decodePayload(t, ErrorFormatter(slog.New(slog.DiscardHandler))(errGone)); got.Code != crm.CodeInternal {
		t.Fatalf("without a connection = %+v, want internal", got)
	}
}

// The watch emits down when pings fail (repeating while down), up when they
// work again, and a lost-connection error makes it check at once.
func TestConnectionWatchEmitsDownAndBack(t *testing.T) {
	var down atomic.Bool
	var mu sync.Mutex
	var got []ConnectionStatus
	conn := &Connection{
		Host: "h", Port: 1, Lost: lostIfGone,
		Ping: func(context.Context) error {
			if down.Load() {
				return errGone
			}
			return nil
		},
		Emit: func(name string, data any) {
			if name != string(EventOfficeConnection) {
				t.Errorf("event %q", name)
			}
			mu.Lock()
			got = append(got, data.(ConnectionStatus))
			mu.Unlock()
		},
		Every: time.Hour, WhileDown: 20 * time.Millisecond,
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go conn.Run(ctx)

	waitUntil := func(what string, ok func([]ConnectionStatus) bool) {
		t.Helper()
		deadline := time.Now().Add(3 * time.Second)
		for time.Now().Before(deadline) {
			mu.Lock()
			done := ok(append([]ConnectionStatus(nil), got...))
			mu.Unlock()
			if done {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
		t.Fatalf("%s: events %+v", what, got)
	}

	down.Store(true)
	// Every is an hour: only the kick from a failed call can check now.
	_ = ErrorFormatter(slog.New(slog.DiscardHandler), conn)(errGone)
	waitUntil("down after a failed call", func(s []ConnectionStatus) bool { return len(s) >= 2 && !s[0].Online && !s[1].Online })
	if conn.Status().Online {
		t.Fatal("Status says online while pings fail")
	}
	down.Store(false)
	waitUntil("back", func(s []ConnectionStatus) bool { return len(s) > 0 && s[len(s)-1].Online })
	if !conn.Status().Online {
		t.Fatal("Status says down after a ping worked")
	}
}
