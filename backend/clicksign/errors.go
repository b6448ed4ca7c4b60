package clicksign

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// ErrorObject is one entry of a JSON:API "errors" array.
type ErrorObject struct {
	// Status is the HTTP status the server wrote in the body; Clicksign sends it
	// as a number on some routes and as a string on others.
	Status int
	// Code is Clicksign's error code ("forbidden", "100", "404", ...).
	Code string
	// Title is a short pt-BR summary.
	Title string
	// Detail is the pt-BR explanation, often "<attribute> - <message>".
	Detail string
	// Pointer is source.pointer, e.g. "/data/attributes/deadline_at".
	Pointer string
}

// UnmarshalJSON accepts status and code both as JSON strings and numbers, because
// Clicksign mixes both styles across routes (400 style vs 422 style).
func (e *ErrorObject) UnmarshalJSON(b []byte) error {
	var raw struct {
		Status json.RawMessage `json:"status"`
		Code   json.RawMessage `json:"code"`
		Title  string          `json:"title"`
		Detail string          `json:"detail"`
		Source struct {
			Pointer string `json:"pointer"`
		} `json:"source"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	e.Title, e.Detail, e.Pointer = raw.Title, raw.Detail, raw.Source.Pointer
	e.Code = scalarString(raw.Code)
	if s := scalarString(raw.Status); s != "" {
		e.Status, _ = strconv.Atoi(s)
	}
	return nil
}

// scalarString turns a JSON string or number into its text; anything else is "".
func scalarString(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// APIError is a non-2xx answer from Clicksign. It never carries the access token.
type APIError struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Method and Path identify the request (path relative to the base URL, no query).
	Method string
	Path   string
	// Errors are the decoded JSON:API errors; empty when the body was not JSON:API.
	Errors []ErrorObject
	// RateLimit holds the X-Rate-Limit-* headers of the response, if any.
	RateLimit RateLimit
}

// Error summarises the first error detail; details are pt-BR text from Clicksign.
func (e *APIError) Error() string {
	msg := http.StatusText(e.StatusCode)
	if len(e.Errors) > 0 {
		var parts []string
		for _, o := range e.Errors {
			switch {
			case o.Detail != "":
				parts = append(parts, o.Detail)
			case o.Title != "":
				parts = append(parts, o.Title)
			case o.Code != "":
				parts = append(parts, o.Code)
			}
		}
		if len(parts) > 0 {
			msg = strings.Join(parts, "; ")
		}
	}
	return fmt.Sprintf("clicksign: %s %s: HTTP %d: %s", e.Method, e.Path, e.StatusCode, msg)
}

// HasCode reports whether any error object carries code.
func (e *APIError) HasCode(code string) bool {
	for _, o := range e.Errors {
		if o.Code == code {
			return true
		}
	}
	return false
}

// FieldErrors maps the attribute named by each error's source.pointer to its
// detail, which is what a form needs to highlight fields.
func (e *APIError) FieldErrors() map[string]string {
	out := map[string]string{}
	for _, o := range e.Errors {
		if o.Pointer == "" {
			continue
		}
		field := o.Pointer[strings.LastIndex(o.Pointer, "/")+1:]
		out[field] = o.Detail
	}
	return out
}

func parseAPIError(status int, method, path string, body []byte, h http.Header) *APIError {
	e := &APIError{StatusCode: status, Method: method, Path: path, RateLimit: parseRateLimit(h)}
	var doc struct {
		Errors []ErrorObject `json:"errors"`
	}
	if json.Unmarshal(body, &doc) == nil {
		e.Errors = doc.Errors
	}
	return e
}

// NetworkError is a failure to get any HTTP response: DNS, refused or reset
// connection, TLS, per-request timeout, or the caller's context ending. It is kept
// apart from APIError because a POST that failed this way may still have been
// processed by the server.
type NetworkError struct {
	// Method and Path identify the request (path relative to the base URL).
	Method string
	Path   string
	// Err is the underlying error; errors.Is(err, context.Canceled) works through it.
	Err error
	msg string
}

// Error never includes the token: the message is built at construction time from a
// redacted copy of the underlying error text.
func (e *NetworkError) Error() string { return e.msg }

// Unwrap exposes the cause for errors.Is / errors.As.
func (e *NetworkError) Unwrap() error { return e.Err }

// Timeout reports whether the failure was a timeout (the client's per-request
// timeout or a network timeout).
func (e *NetworkError) Timeout() bool {
	var t interface{ Timeout() bool }
	if errors.As(e.Err, &t) && t.Timeout() {
		return true
	}
	return errors.Is(e.Err, errDeadline)
}

func asAPIError(err error) (*APIError, bool) {
	var e *APIError
	ok := errors.As(err, &e)
	return e, ok
}

func hasStatus(err error, status int) bool {
	e, ok := asAPIError(err)
	return ok && e.StatusCode == status
}

// IsUnauthorized reports a 401: the access token is invalid or revoked.
func IsUnauthorized(err error) bool { return hasStatus(err, http.StatusUnauthorized) }

// IsForbidden reports a 403: wrong state (e.g. deleting a running envelope),
// blocked account or missing feature.
func IsForbidden(err error) bool { return hasStatus(err, http.StatusForbidden) }

// IsNotFound reports a 404.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsValidation reports a 400 or 422: the request was understood and refused.
func IsValidation(err error) bool {
	return hasStatus(err, http.StatusUnprocessableEntity) || hasStatus(err, http.StatusBadRequest)
}

// IsRateLimited reports a 429 that survived the client's own waiting.
func IsRateLimited(err error) bool { return hasStatus(err, http.StatusTooManyRequests) }

// IsServiceUnavailable reports a 503 service_unavailable, which Clicksign uses when
// the envelope API (v3) is not enabled for the account.
func IsServiceUnavailable(err error) bool { return hasStatus(err, http.StatusServiceUnavailable) }

// IsServerError reports any 5xx.
func IsServerError(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.StatusCode >= 500
}

// IsNotificationThrottled reports the "one notification per minute per endpoint"
// refusal (see assumptions.go for how it is recognised).
func IsNotificationThrottled(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.HasCode(notificationThrottleCode)
}

// IsNetwork reports that no HTTP response was received (see NetworkError).
func IsNetwork(err error) bool {
	var n *NetworkError
	return errors.As(err, &n)
}

// IsTimeout reports a NetworkError caused by a timeout.
func IsTimeout(err error) bool {
	var n *NetworkError
	return errors.As(err, &n) && n.Timeout()
}
