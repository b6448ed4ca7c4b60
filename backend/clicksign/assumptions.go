package clicksign

import (
	"net/http"
	"time"
)

// This file gathers every client-side choice made where the reference marks the
// real API behaviour as UNCONFIRMED, so each can be changed in one place.

const (
	// HeaderRateLimit is the documented "allowed requests" header. A third-party
	// SDK reads X-RateLimit-* instead; the client falls back to those spellings
	// (UNCONFIRMED which one the server really sends).
	HeaderRateLimit = "X-Rate-Limit"
	// HeaderRateLimitRemaining is the documented "requests left" header.
	HeaderRateLimitRemaining = "X-Rate-Limit-Remaining"
	// HeaderRateLimitReset is documented as the window's reset in Unix time (UTC).
	HeaderRateLimitReset = "X-Rate-Limit-Reset"

	// altHeaderRateLimitReset is the SDK spelling, used only as a fallback.
	altHeaderRateLimitReset = "X-RateLimit-Reset"

	// resetDeltaThreshold separates the two readings of X-Rate-Limit-Reset. The docs
	// say "Unix time"; a value this small cannot be a plausible Unix time, so it is
	// read as seconds-from-now instead (UNCONFIRMED, defensive).
	resetDeltaThreshold = 1_000_000_000

	// defaultRateLimitWait is how long to wait after a 429 that carries no usable
	// reset header: one full window of the documented limit.
	defaultRateLimitWait = 10 * time.Second

	// DefaultMaxRateLimitWait caps how long the client sleeps on a 429 before it
	// gives up and returns the error, so a UI call never hangs for minutes.
	DefaultMaxRateLimitWait = 30 * time.Second

	// DefaultPageSize is the page size the client asks for when walking every page.
	// The docs' links show page[size]=20 as the default; the maximum is UNCONFIRMED
	// (a third-party SDK caps at 50), so the client never asks for more than 20.
	DefaultPageSize = 20

	// notificationThrottleCode is the error code the simulator uses for the
	// 1-notification-per-minute rule. The real error is UNCONFIRMED; the client only
	// uses it to make IsNotificationThrottled work against the simulator.
	notificationThrottleCode = "notification_throttled"

	// WebhookAckStatus is what Selo answers to a delivery it verified and has
	// taken (or has nothing to do with: a replay, another system's envelope).
	// Clicksign's retry policy and expected answer are UNCONFIRMED; any 2xx is
	// taken to end its retries, and 200 is the one every sender treats as
	// success. Acknowledging what Selo ignores avoids a retry storm for
	// deliveries that would never be handled differently.
	WebhookAckStatus = http.StatusOK
)

// Webhook delivery choices (reference §8.3, UNCONFIRMED for API v3):
//
//   - document.key of a delivery is taken to be the v3 document id; Selo
//     finds the local envelope by it and then re-reads that envelope through
//     the API, never trusting the body's statuses. When no local envelope has
//     the key, the regular poll is woken instead, so webhooks still speed
//     sync up if the key turns out to be something else.
//   - There is no delivery id and no timestamp header: a replay is
//     recognised by the SHA-256 of the raw body (see signing.WebhookDelivery).
//   - Registration accepts plain http for Sandbox (the reference does not say
//     whether Clicksign does); Produção needs https.

// Retry choices (not UNCONFIRMED API facts, but policy worth finding in one place):
//
//   - Every PATCH this client sends assigns absolute values (status running,
//     canceled, closed, settings), so PATCH is retried like GET and DELETE.
//   - A DELETE retried after a lost answer may find the resource already gone;
//     a 404 on such a retry counts as success.
//   - A 503 with code service_unavailable (envelope API not enabled) is an
//     account setting and is never retried; other 5xx are, for safe requests.
//   - Notifications and every other POST are never retried after a network
//     error or 5xx (a duplicate WhatsApp is worse than an error); on 429 they are,
//     because a 429 means the request was not processed.
