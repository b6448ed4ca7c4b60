// Package docusign is a client for the DocuSign eSignature REST API v2.1: one
// envelope per send, its status (listStatusChanges and per-envelope reads),
// void, resend and the downloads. It knows nothing of reservations. The login
// lives in docusign/oauth; this package only asks a TokenSource for an access
// token, the account's base URI and its account id, so the same client works
// unchanged against demo, production and the simulator.
package docusign

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// TokenSource gives the credentials of one signed-in DocuSign account.
type TokenSource interface {
	// Token returns a valid access token, the account's base URI (from
	// userinfo, e.g. https://demo.docusign.net) and the API account id (GUID).
	Token(ctx context.Context) (accessToken, baseURI, accountID string, err error)
}

// TokenInvalidator is optionally implemented by a TokenSource that can drop a
// token DocuSign refused, so the next Token call refreshes it.
type TokenInvalidator interface {
	// InvalidateToken forgets accessToken.
	InvalidateToken(accessToken string)
}

// Options tunes a Client; the zero value is the production setting.
type Options struct {
	// HTTPClient carries the requests; nil means a default client. Each
	// request also gets a time limit sized to its body (requestTimeout).
	HTTPClient *http.Client
	// Clock is the time source; nil means the wall clock.
	Clock Clock
	// HourlyLimit and BurstLimit start the limiter; zero means the defaults.
	// The server's headers adjust them as answers arrive.
	HourlyLimit, BurstLimit int
	// MaxRateLimitWait caps a sleep on a rate limit; zero means the default.
	MaxRateLimitWait time.Duration
}

// Client talks to one DocuSign account. It is safe for concurrent use.
type Client struct {
	tokens  TokenSource
	http    *http.Client
	clock   Clock
	lim     *limiter
	maxWait time.Duration

	wfMu      sync.Mutex // guards the identity workflow cache
	workflows []IdentityWorkflow
	wfRead    time.Time // zero until a read succeeded
}

// New makes a client for the account tokens signs in to.
func New(tokens TokenSource, opt Options) *Client {
	c := &Client{tokens: tokens, http: opt.HTTPClient, clock: opt.Clock, maxWait: opt.MaxRateLimitWait}
	if c.http == nil {
		// No whole-request timeout here: each request gets one sized to
		// its body (requestTimeout), so a large upload on a slow line is
		// not cut off and then retried into a second envelope.
		c.http = &http.Client{}
	}
	if c.clock == nil {
		c.clock = realClock{}
	}
	if c.maxWait <= 0 {
		c.maxWait = DefaultMaxRateLimitWait
	}
	hourly, burst := opt.HourlyLimit, opt.BurstLimit
	if hourly <= 0 {
		hourly = DefaultHourlyLimit
	}
	if burst <= 0 {
		burst = DefaultBurstLimit
	}
	c.lim = newLimiter(c.clock, hourly, burst)
	return c
}

// call is one API request below /v2.1/accounts/{accountId}.
type call struct {
	method string
	path   string
	query  url.Values
	body   any
	accept string
	// retry allows retrying after a 5xx or a network error (safe requests).
	retry bool
}

// do sends c and returns the body of a 2xx answer. Errors are *APIError, a
// wrapped ErrServer for network failures, or the context's error.
func (c *Client) do(ctx context.Context, cl call) ([]byte, error) {
	var payload []byte
	if cl.body != nil {
		b, err := json.Marshal(cl.body)
		if err != nil {
			return nil, err
		}
		payload = b
	}
	var last error
	reauthed := false
	for attempt := 1; ; attempt++ {
		body, err := c.once(ctx, cl, payload)
		if err == nil {
			return body, nil
		}
		last = err
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var ae *APIError
		switch {
		case errors.As(err, &ae) && errors.Is(err, ErrRateLimited):
			// Not processed: safe to repeat for every method, after the wait.
			if ae.RetryAfter > c.maxWait || attempt >= maxAttempts {
				return nil, err
			}
			if err := c.clock.Sleep(ctx, ae.RetryAfter); err != nil {
				return nil, err
			}
			continue
		case errors.Is(err, ErrAuth) && !reauthed:
			// A token expired between Token and the call: drop it and try once more.
			if inv, ok := c.tokens.(TokenInvalidator); ok && ae != nil {
				reauthed = true
				inv.InvalidateToken(ae.token)
				attempt--
				continue
			}
			return nil, err
		case errors.Is(err, ErrServer) && cl.retry && attempt < maxAttempts:
			if err := c.clock.Sleep(ctx, retryBackoff*time.Duration(1<<(attempt-1))); err != nil {
				return nil, err
			}
			continue
		}
		return nil, last
	}
}

// Request time limits: a base for the answer plus the upload at a slow
// office line's pace, so only a request that truly hangs times out.
// MaxAnswerBytes bounds what one answer may hold in memory: a combined PDF
// of the largest upload (MaxDocumentBytes) with its signatures stays far
// below it.
const MaxAnswerBytes = 4 * MaxDocumentBytes

const (
	requestBaseTimeout       = 60 * time.Second
	slowUploadBytesPerSecond = 64 << 10
)

// requestTimeout is the time limit of a request whose body has n bytes.
func requestTimeout(n int) time.Duration {
	return requestBaseTimeout + time.Duration(n/slowUploadBytesPerSecond)*time.Second
}

// once sends one request, through the limiter.
func (c *Client) once(ctx context.Context, cl call, payload []byte) ([]byte, error) {
	token, base, account, err := c.tokens.Token(ctx)
	if err != nil {
		return nil, err
	}
	if err := c.lim.acquire(ctx, c.maxWait); err != nil {
		return nil, err
	}
	u := strings.TrimRight(base, "/") + "/restapi/v2.1/accounts/" + url.PathEscape(account) + cl.path
	if len(cl.query) > 0 {
		u += "?" + cl.query.Encode()
	}
	var rd io.Reader
	if payload != nil {
		rd = bytes.NewReader(payload)
	}
	rctx, cancel := context.WithTimeout(ctx, requestTimeout(len(payload)))
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, cl.method, u, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	accept := cl.accept
	if accept == "" {
		accept = "application/json"
	}
	req.Header.Set("Accept", accept)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// The URL carries no secret, but keep the message short and generic.
		return nil, fmt.Errorf("%w: %s %s: %v", ErrServer, cl.method, cl.path, unwrapURLError(err))
	}
	defer resp.Body.Close()
	c.lim.observe(resp.Header)
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxAnswerBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: reading answer to %s %s: %v", ErrServer, cl.method, cl.path, err)
	}
	if len(body) > MaxAnswerBytes {
		// Not ErrServer: fetching it again would only read as much again.
		return nil, fmt.Errorf("docusign: answer to %s %s is over %d MB", cl.method, cl.path, MaxAnswerBytes>>20)
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return body, nil
	}
	ae := &APIError{Status: resp.StatusCode, token: token}
	var eb struct {
		ErrorCode string `json:"errorCode"`
		Message   string `json:"message"`
	}
	if json.Unmarshal(body, &eb) == nil {
		ae.Code, ae.Message = eb.ErrorCode, eb.Message
	}
	if ae.Message == "" {
		ae.Message = http.StatusText(resp.StatusCode)
	}
	ae.kind = classify(resp.StatusCode, ae.Code)
	if ae.kind == ErrRateLimited {
		now := c.clock.Now()
		if burstCode(ae.Code, resp.StatusCode) {
			ae.RetryAfter = defaultBurstRetryAfter
		} else if reset, ok := resetTime(resp.Header, now); ok && reset.After(now) {
			ae.RetryAfter = reset.Sub(now)
		} else {
			ae.RetryAfter = now.Truncate(time.Hour).Add(time.Hour).Sub(now)
		}
		c.lim.block(now.Add(ae.RetryAfter))
	}
	return nil, ae
}

// unwrapURLError drops *url.Error's "Get \"https://…\":" prefix.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
