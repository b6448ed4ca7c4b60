package crm

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"syscall"
)

// Error is a failure the user can be told about. Code is stable (the frontend
// keys its pt-BR text on it), Field names the form field at fault when there is
// one, and Data carries the values the message needs (a development's name, a
// limit). Err keeps the underlying cause for the log; it is never shown.
type Error struct {
	Code  string
	Field string
	Data  map[string]any
	Err   error
}

// Error renders code, field, data and cause for the log. It is never shown to
// a user: the app layer turns an Error into {code, field, data} and the
// frontend picks the pt-BR text for the code.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Code)
	if e.Field != "" {
		b.WriteString(" [" + e.Field + "]")
	}
	if len(e.Data) > 0 {
		keys := make([]string, 0, len(e.Data))
		for k := range e.Data {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, " %s=%v", k, e.Data[k])
		}
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap exposes the cause to errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// Is matches another *Error by code, so sentinel-style checks work:
// errors.Is(err, &crm.Error{Code: crm.CodeNotFound}).
func (e *Error) Is(target error) bool {
	var t *Error
	if errors.As(target, &t) {
		return t.Code == e.Code
	}
	return false
}

// E builds an Error with a code and optional key/value pairs for its data.
// An odd trailing key is ignored rather than panicking, because a message with
// one value missing is better than a crash in an error path.
func E(code string, kv ...any) *Error {
	e := &Error{Code: code}
	for i := 0; i+1 < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			continue
		}
		if e.Data == nil {
			e.Data = map[string]any{}
		}
		e.Data[k] = kv[i+1]
	}
	return e
}

// OnField returns a copy of e that names the form field at fault.
func (e *Error) OnField(field string) *Error {
	c := *e
	c.Field = field
	return &c
}

// Wrap returns a copy of e that keeps cause for the log.
func (e *Error) Wrap(cause error) *Error {
	c := *e
	c.Err = cause
	return &c
}

// Invalid is the many-problems error: validation that lists every problem at
// once instead of stopping at the first.
type Invalid struct {
	Problems []*Error
}

// Error joins the problems' codes for the log.
func (v *Invalid) Error() string {
	parts := make([]string, len(v.Problems))
	for i, p := range v.Problems {
		parts[i] = p.Error()
	}
	return "invalid: " + strings.Join(parts, "; ")
}

// Add records one more problem.
func (v *Invalid) Add(p *Error) { v.Problems = append(v.Problems, p) }

// Err returns nil when nothing was added, so callers can `return v.Err()`.
func (v *Invalid) Err() error {
	if len(v.Problems) == 0 {
		return nil
	}
	return v
}

// Codes shared by many packages. Feature packages declare their own codes next
// to the rule that raises them, following the "area.what" pattern.
const (
	// CodeInternal is what any unexpected failure becomes on the way to the
	// screen; the cause goes to the log only.
	CodeInternal = "internal"
	// CodeNotFound: the record asked for does not exist (any more).
	CodeNotFound = "not_found"
	// CodeRequired: a required field is empty.
	CodeRequired = "field.required"
	// CodeDuplicate: a value that must be unique is already used.
	CodeDuplicate = "field.duplicate"
	// CodeOutOfRange: a number is outside its allowed range (data: min, max).
	CodeOutOfRange = "field.out_of_range"
	// CodeNotANumber: a numeric field holds something else.
	CodeNotANumber = "field.not_a_number"
	// CodeInUse: a record cannot be deleted because others use it (data: usedBy).
	CodeInUse = "record.in_use"
	// CodeDatabaseNewer: the database was written by a newer Selo.
	CodeDatabaseNewer = "database.newer_than_app"
	// CodeKeyringUnavailable: the OS keyring did not answer or refused.
	CodeKeyringUnavailable = "keyring.unavailable"
	// CodeCanceled: the user cancelled a long operation.
	CodeCanceled = "operation.canceled"
	// CodeSendRunningElsewhere: another computer of the office holds the
	// run of this send (data: opId); it finishes there, so nothing is wrong
	// here and a retry would only start a second run.
	CodeSendRunningElsewhere = "envelope.running_elsewhere"

	// Bad days: failures of the computer rather than of the user's input.

	// CodeDiskFull: the disk holding the data folder has no space left
	// (ENOSPC, SQLITE_FULL or PostgreSQL's disk_full anywhere in the chain);
	// nothing was saved.
	CodeDiskFull = "disk.full"
	// CodeDataDirUnwritable: the data folder cannot be created or written
	// (data: path, reason "read_only", "permission" or "other").
	CodeDataDirUnwritable = "datahome.unwritable"
	// CodeBadArguments: the screen called the backend with arguments of the
	// wrong type or count; a bug of the screen, answered instead of hanging.
	CodeBadArguments = "call.bad_arguments"
	// CodeServerTooOld: the office's PostgreSQL is older than Selo supports
	// (data: version, the server's; min, the oldest accepted).
	CodeServerTooOld = "office.server_too_old"
)

// Reasons a folder or file cannot be written, as the start-up screen words
// them (data "reason" of CodeDataDirUnwritable).
const (
	ReasonReadOnly   = "read_only"
	ReasonPermission = "permission"
	ReasonFull       = "full"
	ReasonOther      = "other"
)

// Unwritable wraps err, a failure to create or write path, as
// CodeDataDirUnwritable with the path and the reason the screen explains.
func Unwritable(path string, err error) *Error {
	reason := ReasonOther
	switch {
	case errors.Is(err, syscall.EROFS):
		reason = ReasonReadOnly
	case errors.Is(err, fs.ErrPermission):
		reason = ReasonPermission
	case IsDiskFull(err):
		reason = ReasonFull
	}
	return E(CodeDataDirUnwritable, "path", path, "reason", reason).Wrap(err)
}

// sqliteFull is SQLite's primary result code for "database or disk is full".
const sqliteFull = 13

// pgDiskFull is PostgreSQL's SQLSTATE disk_full.
const pgDiskFull = "53100"

// IsDiskFull reports whether err's chain holds a full disk: the OS's ENOSPC
// (a file write), SQLite's SQLITE_FULL or PostgreSQL's SQLSTATE 53100 (a
// database write). Driver errors are recognised by their Code / SQLState
// methods so this package imports no driver.
func IsDiskFull(err error) bool {
	for _, e := range chain(err) {
		if errors.Is(e, syscall.ENOSPC) || isOSDiskFull(e) {
			return true
		}
		if c, ok := e.(interface{ Code() int }); ok && c.Code()&0xff == sqliteFull {
			return true
		}
		if c, ok := e.(interface{ SQLState() string }); ok && c.SQLState() == pgDiskFull {
			return true
		}
	}
	return false
}

// chain lists err and every error it wraps, through Unwrap() error and
// Unwrap() []error alike.
func chain(err error) []error {
	var out []error
	stack := []error{err}
	for len(stack) > 0 {
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if e == nil {
			continue
		}
		out = append(out, e)
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			stack = append(stack, u.Unwrap())
		case interface{ Unwrap() []error }:
			stack = append(stack, u.Unwrap()...)
		}
	}
	return out
}

// AsError finds the user-facing error in err's chain, or wraps anything else
// as CodeInternal so that a raw Go error never reaches the screen.
func AsError(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) && e.Code != CodeInternal {
		return e
	}
	// A full disk is the one machine failure the user can fix alone, so it
	// gets its own code wherever in the chain it hides.
	if IsDiskFull(err) {
		return &Error{Code: CodeDiskFull, Err: err}
	}
	if e != nil {
		return e
	}
	return &Error{Code: CodeInternal, Err: err}
}
