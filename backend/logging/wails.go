package logging

import (
	"context"
	"log/slog"
	"os"
)

// WailsLogger adapts a slog.Logger to the logger interface the Wails runtime
// expects, so the framework's own messages land in the same redacted file.
type WailsLogger struct {
	L *slog.Logger
}

func (w WailsLogger) log(l slog.Level, msg string) {
	w.L.Log(context.Background(), l, msg, "source", "wails")
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

// Error logs at error level.
func (w WailsLogger) Error(message string) { w.log(slog.LevelError, message) }

// Fatal logs at error level and exits, as the Wails contract requires.
func (w WailsLogger) Fatal(message string) {
	w.log(slog.LevelError+4, message)
	os.Exit(1)
}
