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
