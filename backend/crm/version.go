package crm

import "time"

// Optimistic versions: a record that a form edits as a whole carries the
// version it was read at (Version in the read model and in the save input).
// A save only applies to the same version and bumps it, so when two PCs edit
// the same record the second save is refused with CodeConflict instead of
// silently overwriting the first.
//
// A save input with Version 0 is not checked: it comes from code that edits
// on purpose without a form (tests, imports). Every form sends the version
// it read.

// CodeConflict: someone else saved the record after it was read. Data:
// "by" (their name, "" when unknown, e.g. on a single PC) and "at" (when,
// RFC 3339 UTC).
const CodeConflict = "record.conflict"

// Conflict builds the CodeConflict error for a record last changed by by at at.
func Conflict(by string, at time.Time) *Error {
	return E(CodeConflict, "by", by, "at", at.UTC().Format(time.RFC3339))
}
