package app

import (
	"encoding/json"
	"errors"
	"log/slog"

	"selo/backend/crm"
)

// ErrorPayload is what the frontend receives when a bound method fails: a
// stable code it translates, the form field at fault, and the values the
// message needs. Problems lists every issue of a validation that found many.
type ErrorPayload struct {
	Code     string         `json:"code"`
	Field    string         `json:"field,omitempty"`
	Data     map[string]any `json:"data,omitempty"`
	Problems []ErrorPayload `json:"problems,omitempty"`
}

// Error lets the payload travel as an error too.
func (p ErrorPayload) Error() string { return p.Code }

// ErrorFormatter turns any error a bound method returns into an ErrorPayload
// encoded as a JSON string. Unknown errors are logged with their cause and
// reach the screen only as "internal", so a raw Go message (which may hold a
// path, a SQL fragment or a token) never does.
//
// A string and not the struct: Wails v2.17's runtime rejects a failed call
// with new Error(message.error), which turns an object into
// "[object Object]"; a string survives as the Error's message, and
// frontend/src/api/errors.ts parses it back.
//
// In office mode conn (the office server's watch) turns a call that failed
// because the server went away into crm.CodeOfficeUnreachable, once here
// for every bound method; on this PC's own selo.db it is nil or absent.
func ErrorFormatter(log *slog.Logger, conn ...*Connection) func(error) any {
	var c *Connection
	if len(conn) > 0 {
		c = conn[0]
	}
	return func(err error) any {
		err = c.translate(err)
		p := toPayload(err)
		if p.Code == crm.CodeInternal {
			log.Error("unexpected error in a bound method", "err", err)
		} else {
			log.Info("user-facing error", "code", p.Code, "field", p.Field, "err", err)
		}
		b, mErr := json.Marshal(p)
		if mErr != nil {
			// Data holds only values the backend chose; a value JSON cannot
			// carry is a bug, reported as internal rather than lost.
			log.Error("error payload not encodable", "code", p.Code, "err", mErr)
			return `{"code":"internal"}`
		}
		return string(b)
	}
}

func toPayload(err error) ErrorPayload {
	var inv *crm.Invalid
	if errors.As(err, &inv) {
		p := ErrorPayload{Code: "validation.failed"}
		for _, prob := range inv.Problems {
			p.Problems = append(p.Problems, toPayload(prob))
		}
		return p
	}
	e := crm.AsError(err)
	return ErrorPayload{Code: e.Code, Field: e.Field, Data: e.Data}
}
