package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"selo/backend/crm"
)

func TestErrorFormatterTranslatesDomainErrors(t *testing.T) {
	var logBuf bytes.Buffer
	f := ErrorFormatter(slog.New(slog.NewTextHandler(&logBuf, nil)))

	tests := []struct {
		name  string
		err   error
		want  ErrorPayload
		logIt string
	}{
		{
			name: "domain error keeps code, field and data",
			err:  fmt.Errorf("saving key: %w", crm.E(crm.CodeDuplicate, "value", "Chave Clicksign").OnField("description")),
			want: ErrorPayload{Code: crm.CodeDuplicate, Field: "description", Data: map[string]any{"value": "Chave Clicksign"}},
		},
		{
			name:  "raw Go error becomes internal and is logged",
			err:   errors.New("sql: no such table: integrations at /home/x/Selo/selo.db"),
			want:  ErrorPayload{Code: crm.CodeInternal},
			logIt: "no such table",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := decodePayload(t, f(tc.err))
			if got.Code != tc.want.Code || got.Field != tc.want.Field || fmt.Sprint(got.Data) != fmt.Sprint(tc.want.Data) {
				t.Fatalf("payload = %+v, want %+v", got, tc.want)
			}
			if strings.Contains(fmt.Sprintf("%+v", got), "selo.db") {
				t.Fatal("payload leaks the raw error text")
			}
			if tc.logIt != "" && !strings.Contains(logBuf.String(), tc.logIt) {
				t.Fatalf("cause not logged: %s", logBuf.String())
			}
		})
	}
}

func TestErrorFormatterListsEveryProblem(t *testing.T) {
	var inv crm.Invalid
	inv.Add(crm.E(crm.CodeRequired).OnField("name"))
	inv.Add(crm.E(crm.CodeOutOfRange, "min", 1, "max", 90).OnField("deadlineDays"))
	got := decodePayload(t, ErrorFormatter(slog.New(slog.DiscardHandler))(inv.Err()))
	if got.Code != "validation.failed" || len(got.Problems) != 2 || got.Problems[1].Field != "deadlineDays" {
		t.Fatalf("payload = %+v", got)
	}
}

// decodePayload reads what the formatter hands Wails: a JSON string, since
// the v2.17 runtime turns an object into "[object Object]".
func decodePayload(t *testing.T, v any) ErrorPayload {
	t.Helper()
	s, ok := v.(string)
	if !ok {
		t.Fatalf("formatter returned %T, want a JSON string", v)
	}
	var p ErrorPayload
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		t.Fatalf("formatter output %q is not JSON: %v", s, err)
	}
	return p
}

func TestSystemInfoReportsFoldersAndStartupError(t *testing.T) {
	a := New(slog.New(slog.DiscardHandler))
	p := Paths{DataDir: "/d", LogsDir: "/d/logs", DatabasePath: "/d/selo.db"}
	s := NewSystem(a, BuildInfo{Version: "1.2.3"}, p, func(context.Context) (int, error) { return 4, nil }, nil)
	info, err := s.Info()
	if err != nil {
		t.Fatal(err)
	}
	if info.Version != "1.2.3" || info.DataDir != "/d" || info.LogsDir != "/d/logs" || info.SchemaVersion != 4 || info.StartupError != nil {
		t.Fatalf("info = %+v", info)
	}

	newer := crm.E(crm.CodeDatabaseNewer, "dbVersion", 9, "appVersion", 4)
	s = NewSystem(a, BuildInfo{Version: "1.2.3"}, p, nil, newer)
	info, err = s.Info()
	if err != nil || info.StartupError == nil || info.StartupError.Code != crm.CodeDatabaseNewer {
		t.Fatalf("info = %+v, err = %v", info, err)
	}
}

func TestFileURL(t *testing.T) {
	if got := fileURL("/home/ana/.config/Selo/logs"); got != "file:///home/ana/.config/Selo/logs" {
		t.Fatalf("fileURL = %q", got)
	}
}

// TestSystemStartupScreenData: a data folder that cannot be written reaches
// the window as datahome.unwritable with the folder; a port in use as a
// warning beside a working app; "Tentar de novo" reports the problem as it
// is now, and asks for a restart once it is gone.
func TestSystemStartupScreenData(t *testing.T) {
	a := New(slog.New(slog.DiscardHandler))
	p := Paths{DataDir: "/ro/Selo", LogsDir: "/tmp/selo-logs-1", DatabasePath: "/ro/Selo/selo.db"}
	unwritable := crm.E(crm.CodeDataDirUnwritable, "path", "/ro/Selo", "reason", "read_only")
	s := NewSystem(a, BuildInfo{Version: "1.2.3"}, p, nil, unwritable)
	info, err := s.Info()
	if err != nil || info.StartupError == nil || info.StartupError.Code != crm.CodeDataDirUnwritable ||
		info.StartupError.Data["path"] != "/ro/Selo" || info.LogsDir != "/tmp/selo-logs-1" {
		t.Fatalf("info = %+v, err = %v", info, err)
	}

	still := crm.E(crm.CodeDataDirUnwritable, "path", "/ro/Selo/logs", "reason", "permission")
	fixed := false
	SetStartupRecheck(s, func() error {
		if fixed {
			return nil
		}
		return still
	})
	info, err = s.Retry()
	if err != nil || info.StartupError == nil || info.StartupError.Data["path"] != "/ro/Selo/logs" || RelaunchRequested(s) {
		t.Fatalf("retry while still broken: info = %+v, err = %v, relaunch = %v", info, err, RelaunchRequested(s))
	}
	fixed = true
	info, err = s.Retry()
	if err != nil || info.StartupError != nil || !RelaunchRequested(s) {
		t.Fatalf("retry once fixed: info = %+v, err = %v, relaunch = %v", info, err, RelaunchRequested(s))
	}

	s = NewSystem(a, BuildInfo{}, p, func(context.Context) (int, error) { return 18, nil }, nil)
	AddStartupWarning(s, fmt.Errorf("starting: %w", crm.E("inbound.listen_failed", "addr", "127.0.0.1:38410")))
	info, err = s.Info()
	if err != nil || info.StartupError != nil || len(info.StartupWarnings) != 1 ||
		info.StartupWarnings[0].Code != "inbound.listen_failed" || info.StartupWarnings[0].Data["addr"] != "127.0.0.1:38410" {
		t.Fatalf("info = %+v, err = %v", info, err)
	}
}

func TestNearestExistingFolder(t *testing.T) {
	dir := t.TempDir()
	if got := nearestExisting(dir + "/Selo/logs"); got != dir {
		t.Fatalf("nearestExisting = %q, want %q", got, dir)
	}
}

// TestCallRejectedAnswersInPortuguese: a call Wails failed is answered with
// the payload the page translates, keyed by the runtime's callback id.
func TestCallRejectedAnswersInPortuguese(t *testing.T) {
	a := New(slog.New(slog.DiscardHandler))
	var got []any
	a.Emitter = emitterFunc(func(name string, data ...any) {
		if name == string(EventCallRejected) {
			got = append(got, data...)
		}
	})
	a.CallRejected("main.Reservations.Get-3", true)
	a.CallRejected("main.Reservations.Get-4", false)
	if len(got) != 2 {
		t.Fatalf("events = %+v", got)
	}
	first, second := got[0].(CallRejection), got[1].(CallRejection)
	if first.CallbackID != "main.Reservations.Get-3" || decodePayload(t, first.Error).Code != crm.CodeBadArguments {
		t.Fatalf("bad arguments answered %+v", first)
	}
	if decodePayload(t, second.Error).Code != crm.CodeInternal {
		t.Fatalf("other failure answered %+v", second)
	}
}

type emitterFunc func(name string, data ...any)

func (f emitterFunc) Emit(name string, data ...any) { f(name, data...) }

// TestRetryInAHealthySessionRestartsNothing: "Tentar de novo" exists only on
// the start-up error screen; called in a session that started well it must
// not close the window the user is working in.
func TestRetryInAHealthySessionRestartsNothing(t *testing.T) {
	a := New(slog.New(slog.DiscardHandler))
	p := Paths{DataDir: "/d", LogsDir: "/d/logs", DatabasePath: "/d/selo.db"}
	s := NewSystem(a, BuildInfo{Version: "1.2.3"}, p, func(context.Context) (int, error) { return 4, nil }, nil)
	rechecked := false
	SetStartupRecheck(s, func() error { rechecked = true; return nil })
	info, err := s.Retry()
	if err != nil || info.StartupError != nil {
		t.Fatalf("info = %+v, err = %v", info, err)
	}
	if RelaunchRequested(s) || rechecked {
		t.Fatalf("a healthy session was restarted (relaunch %v, rechecked %v)", RelaunchRequested(s), rechecked)
	}
}
