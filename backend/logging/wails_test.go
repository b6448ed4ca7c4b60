package logging

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

// TestWailsLoggerReportsRejectedCalls: the dispatcher's line for a call it
// failed reaches Rejected with the callback id, and the log keeps the method
// and the error but not the arguments (which may hold a CPF).
func TestWailsLoggerReportsRejectedCalls(t *testing.T) {
	var buf bytes.Buffer
	type got struct {
		id      string
		badArgs bool
	}
	var calls []got
	w := WailsLogger{L: slog.New(slog.NewTextHandler(&buf, nil)), Rejected: func(id string, bad bool) {
		calls = append(calls, got{id, bad})
	}}
	w.Error(`process message error: C{"name":"main.Reservations.Get","args":["123.456.789-09 -> x"],"callbackID":"main.Reservations.Get-42"} -> error parsing arguments: json: cannot unmarshal string into Go value of type int64`)
	w.Error(`process message error: C{"name":"main.Nope.Gone","args":[],"callbackID":"main.Nope.Gone-7"} -> method 'main.Nope.Gone' not registered`)
	w.Error("Websocket write message failed")

	want := []got{{"main.Reservations.Get-42", true}, {"main.Nope.Gone-7", false}}
	if len(calls) != len(want) || calls[0] != want[0] || calls[1] != want[1] {
		t.Fatalf("Rejected calls = %+v, want %+v", calls, want)
	}
	log := buf.String()
	if strings.Contains(log, "123.456.789") {
		t.Fatalf("the call's arguments reached the log: %s", log)
	}
	if !strings.Contains(log, "main.Reservations.Get") || !strings.Contains(log, "cannot unmarshal string") || !strings.Contains(log, "Websocket write message failed") {
		t.Fatalf("log lost the method, the error or an ordinary line: %s", log)
	}
}
