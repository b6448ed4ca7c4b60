// Package logging writes Selo's structured logs to the data home, rotated by
// size, with secrets and CPFs redacted before anything reaches the disk.
package logging

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/natefinch/lumberjack.v2"
)

// FileName is the active log file inside the logs folder.
const FileName = "selo.log"

// Default is the process-wide redactor: tokens are registered here when they
// are saved or read so every logger in the process masks them.
var Default = NewRedactor()

// Options tune New.
type Options struct {
	// Level is the minimum level written.
	Level slog.Level
	// Console also writes to stderr, for `make run` and development.
	Console bool
	// MaxSizeMB rotates the file when it reaches this size (default 5).
	MaxSizeMB int
	// MaxBackups keeps this many rotated files (default 5).
	MaxBackups int
}

// New returns a logger writing JSON lines to dir/selo.log and a closer that
// flushes and closes the file.
func New(dir string, o Options) (*slog.Logger, io.Closer) {
	if o.MaxSizeMB == 0 {
		o.MaxSizeMB = 5
	}
	if o.MaxBackups == 0 {
		o.MaxBackups = 5
	}
	tighten(dir)
	file := &lumberjack.Logger{
		Filename:   filepath.Join(dir, FileName),
		MaxSize:    o.MaxSizeMB,
		MaxBackups: o.MaxBackups,
		Compress:   false,
	}
	var w io.Writer = file
	if o.Console {
		w = io.MultiWriter(file, os.Stderr)
	}
	h := slog.NewJSONHandler(w, &slog.HandlerOptions{Level: o.Level})
	return slog.New(NewHandler(h, Default)), file
}

// fileMode keeps logs private: they name clients and contracts.
const fileMode = 0o600

// tighten makes log files an older Selo (or a copy from another computer)
// left readable by others private again. lumberjack creates new files 0600
// but keeps the mode of the file it rotates, so one loose file stays loose
// forever unless fixed here.
func tighten(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, "selo*.log"))
	for _, m := range matches {
		_ = os.Chmod(m, fileMode)
	}
}

// Fallback is the logger for a start-up whose data folder cannot be written:
// JSON lines to stderr and to a file in a new private temporary folder, whose
// path it returns ("" when even that could not be made) so the error screen
// can offer it. The caller closes the closer.
func Fallback(o Options) (*slog.Logger, io.Closer, string) {
	dir, err := os.MkdirTemp("", "selo-logs-")
	if err != nil {
		h := slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: o.Level})
		return slog.New(NewHandler(h, Default)), io.NopCloser(nil), ""
	}
	o.Console = true
	l, c := New(dir, o)
	return l, c, dir
}

// sensitiveKeys are attribute keys whose value is always a secret.
var sensitiveKeys = []string{"token", "secret", "password", "authorization", "hmac", "apikey", "api_key"}

// cpfKeys are attribute keys whose value is a CPF.
var cpfKeys = []string{"cpf", "documentation", "document_number"}

func keyMatches(key string, list []string) bool {
	k := strings.ToLower(key)
	for _, s := range list {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

// Handler is a slog.Handler that redacts the message and every attribute
// (including nested groups and error values) before passing them on.
type Handler struct {
	next slog.Handler
	r    *Redactor
}

// NewHandler wraps next with redaction by r.
func NewHandler(next slog.Handler, r *Redactor) *Handler {
	return &Handler{next: next, r: r}
}

// Enabled defers to the wrapped handler.
func (h *Handler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

// Handle redacts the record and passes it on.
func (h *Handler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, h.r.Redact(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

// WithAttrs redacts attributes fixed on a derived logger too.
func (h *Handler) WithAttrs(as []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(as))
	for i, a := range as {
		red[i] = h.attr(a)
	}
	return &Handler{next: h.next.WithAttrs(red), r: h.r}
}

// WithGroup defers to the wrapped handler.
func (h *Handler) WithGroup(name string) slog.Handler {
	return &Handler{next: h.next.WithGroup(name), r: h.r}
}

func (h *Handler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch {
	case v.Kind() == slog.KindGroup:
		g := v.Group()
		red := make([]any, len(g))
		for i, ga := range g {
			red[i] = h.attr(ga)
		}
		return slog.Group(a.Key, red...)
	case keyMatches(a.Key, sensitiveKeys):
		if v.Kind() == slog.KindString && v.String() == "" {
			return a
		}
		return slog.String(a.Key, "[redacted]")
	case keyMatches(a.Key, cpfKeys):
		return slog.String(a.Key, MaskCPF(v.String()))
	case v.Kind() == slog.KindString:
		return slog.String(a.Key, h.r.Redact(v.String()))
	case v.Kind() == slog.KindAny:
		// Errors and structs are rendered to text here so the redactor sees
		// the same characters the JSON encoder would have written.
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, h.r.Redact(err.Error()))
		}
		return slog.String(a.Key, h.r.Redact(v.String()))
	}
	return slog.Attr{Key: a.Key, Value: v}
}
