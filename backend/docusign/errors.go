package docusign

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sentinel errors, matched with errors.Is on the typed errors below.
var (
	// ErrAuth means the access token was refused (expired or consent revoked):
	// the caller refreshes it or asks the user to sign in again.
	ErrAuth = errors.New("docusign: authorization refused")
	// ErrRateLimited means an hourly or burst allowance is spent.
	ErrRateLimited = errors.New("docusign: rate limited")
	// ErrNotFound means the envelope or document does not exist for the account.
	ErrNotFound = errors.New("docusign: not found")
	// ErrValidation means DocuSign refused the request's content; retrying the
	// same request cannot help.
	ErrValidation = errors.New("docusign: request refused")
	// ErrServer means a 5xx or a network failure: retrying later may help.
	ErrServer = errors.New("docusign: server unavailable")
	// ErrPollTooSoon means the client refused to read an envelope's status again
	// within PollInterval; no request was sent.
	ErrPollTooSoon = errors.New("docusign: envelope status read too soon")
	// ErrOutcomeUnknown means a create was sent but its answer was lost and the
	// lookup could not tell whether the envelope exists. Retry with Resume.
	ErrOutcomeUnknown = errors.New("docusign: envelope create outcome unknown")
)

// APIError is an error answer from DocuSign ({"errorCode","message"}).
type APIError struct {
	// Status is the HTTP status.
	Status int
	// Code is DocuSign's errorCode (e.g. INVALID_REQUEST_PARAMETER).
	Code string
	// Message is DocuSign's message, in English; never shown to users as is.
	Message string
	// RetryAfter is set on rate-limit errors: how long until the allowance
	// returns (zero when unknown).
	RetryAfter time.Duration
	kind       error
	token      string // the access token refused, for TokenInvalidator; never printed
}

// Error implements error.
func (e *APIError) Error() string {
	return fmt.Sprintf("docusign: HTTP %d %s: %s", e.Status, e.Code, e.Message)
}

// Unwrap makes errors.Is(err, ErrAuth) and the other sentinels work.
func (e *APIError) Unwrap() error { return e.kind }

// PollTooSoonError says when an envelope's status may be read again.
type PollTooSoonError struct {
	// EnvelopeID is the envelope that was read less than PollInterval ago.
	EnvelopeID string
	// NextAllowed is the earliest time its status may be read.
	NextAllowed time.Time
}

// Error implements error.
func (e *PollTooSoonError) Error() string {
	return fmt.Sprintf("docusign: status of envelope %s may be read again at %s", e.EnvelopeID, e.NextAllowed.UTC().Format(time.RFC3339))
}

// Unwrap returns ErrPollTooSoon.
func (e *PollTooSoonError) Unwrap() error { return ErrPollTooSoon }

// RetryAfter reports how long to wait before a rate-limited call may succeed,
// and whether err is a rate-limit error at all.
func RetryAfter(err error) (time.Duration, bool) {
	var ae *APIError
	if errors.As(err, &ae) && errors.Is(ae.kind, ErrRateLimited) {
		return ae.RetryAfter, true
	}
	return 0, false
}

func codeIn(code string, list []string) bool {
	for _, c := range list {
		if strings.EqualFold(code, c) {
			return true
		}
	}
	return false
}

// classify picks the sentinel for an error answer. Codes win over statuses,
// because DocuSign answers most errors with 400 (reference §5.6).
func classify(status int, code string) error {
	switch {
	case codeIn(code, hourlyLimitCodes), codeIn(code, burstLimitCodes), status == 429:
		return ErrRateLimited
	case codeIn(code, authCodes), status == 401:
		return ErrAuth
	case codeIn(code, notFoundCodes), status == 404:
		return ErrNotFound
	case status >= 500:
		return ErrServer
	default:
		return ErrValidation
	}
}

// burstCode reports whether code is a 30-second allowance (vs hourly).
func burstCode(code string, status int) bool {
	return codeIn(code, burstLimitCodes) || (status == 429 && !codeIn(code, hourlyLimitCodes))
}
