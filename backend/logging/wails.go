package logging

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"strconv"
	"strings"
)

// WailsLogger adapts a slog.Logger to the logger interface the Wails runtime
// expects, so the framework's own messages land in the same redacted file.
type WailsLogger struct {
	L *slog.Logger
	// Rejected, when set, hears of every call from the page that Wails
	// failed before or around the bound method (arguments of the wrong type
	// or count, an unknown method, a panic). Wails' dev server never answers
	// such a call and its production window answers with a raw Go message;
	// the app answers it in pt-BR instead. badArgs tells a ParseArgs failure
	// from the rest.
	Rejected func(callbackID string, badArgs bool)
}

func (w WailsLogger) log(l slog.Level, msg string) {
	w.L.Log(context.Background(), l, msg, "source", "wails")
}

// rejectedPrefix starts the dispatcher's line for a message it failed:
// "process message error: <message> -> <error>".
const rejectedPrefix = "process message error: "

// rejectedCall reads the dispatcher's failure line for a call ("C{...}" or
// the obfuscated "c{...}"). It returns the callback id, the method and the
// error text; ok is false for any other line.
func rejectedCall(message string) (callbackID, method, errText string, ok bool) {
	rest, found := strings.CutPrefix(message, rejectedPrefix)
	if !found || len(rest) < 2 || (rest[0] != 'C' && rest[0] != 'c') {
		return "", "", "", false
	}
	var call struct {
		Name       string `json:"name"`
		ID         int    `json:"id"`
		CallbackID string `json:"callbackID"`
	}
	dec := json.NewDecoder(strings.NewReader(rest[1:]))
	if err := dec.Decode(&call); err != nil || call.CallbackID == "" {
		return "", "", "", false
	}
	tail := rest[1+int(dec.InputOffset()):]
	errText, _ = strings.CutPrefix(tail, " -> ")
	method = call.Name
	if method == "" {
		method = "#" + strconv.Itoa(call.ID)
	}
	return call.CallbackID, method, errText, true
}

// Print logs at info level.
func (w WailsLogger) Print(message string) { w.log(slog.LevelInfo, message) }

// Trace logs at debug level; slog has no trace level.
func (w WailsLogger) Trace(message string) { w.log(slog.LevelDebug-4, message) }

// Debug logs at debug level.
func (w WailsLogger) Debug(message string) { w.log(slog.LevelDebug, message) }

// Info logs at info level.
func (w WailsLogger) Info(message string) { w.log(slog.LevelInfo, message) }

// Warning logs at warn level.
func (w WailsLogger) Warning(message string) { w.log(slog.LevelWarn, message) }

// Error logs at error level. A failed call is logged by method and error
// only: the raw line carries the call's arguments (names, CPFs, tokens).
func (w WailsLogger) Error(message string) {
	if id, method, errText, ok := rejectedCall(message); ok {
		badArgs := strings.HasPrefix(errText, "error parsing arguments")
		w.L.Error("call from the page failed", "source", "wails", "method", method, "err", errText, "badArguments", badArgs)
		if w.Rejected != nil {
			w.Rejected(id, badArgs)
		}
		return
	}
	w.log(slog.LevelError, message)
}

// Fatal logs at error level and exits, as the Wails contract requires.
func (w WailsLogger) Fatal(message string) {
	w.log(slog.LevelError+4, message)
	os.Exit(1)
}
