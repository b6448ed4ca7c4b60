package jivochat

import "selo/backend/crm"

// Error codes raised by this package, in the "area.what" pattern of crm.
const (
	// CodeMalformed: the body is not a JSON object (data: reason).
	CodeMalformed = "jivochat.malformed"
	// CodeEventNameMissing: the body is a JSON object without a string
	// event_name, so nothing can be done with it.
	CodeEventNameMissing = "jivochat.event_name_missing"
)

func malformed(reason string, cause error) *crm.Error {
	return crm.E(CodeMalformed, "reason", reason).Wrap(cause)
}
