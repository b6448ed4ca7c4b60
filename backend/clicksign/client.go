// Package clicksign is a client for the Clicksign e-signature API v3 (JSON:API,
// "Envelope" API). It knows nothing of Selo's reservations: it speaks envelopes,
// documents, signers, requirements, notifications, events and webhooks.
//
// The client keeps under the account rate limit on its own, retries only what is
// safe to retry, and never reveals the access token in errors, logs or %v output.
package clicksign

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Base URLs of the two real Clicksign environments.
const (
	SandboxBaseURL    = "https://sandbox.clicksign.com/api/v3"
	ProductionBaseURL = "https://app.clicksign.com/api/v3"
)

// Environment names where an integration points.
type Environment string

// Known environments. The simulator runs on loopback and behaves like the sandbox.
const (
	Sandbox    Environment = "sandbox"
	Production Environment = "production"
	Simulator  Environment = "simulator"
)

// BaseURL returns the fixed base URL of a real environment, or "" for the
// simulator (its address is only known at run time).
func (e Environment) BaseURL() string {
	switch e {
	case Sandbox:
		return SandboxBaseURL
	case Production:
		return ProductionBaseURL
	}
	return ""
}

// RateLimit returns the documented per-account request budget of the environment.
// The simulator copies the sandbox figure.
func (e Environment) RateLimit() (requests int, window time.Duration) {
	if e == Production {
		return 50, 10 * time.Second
	}
	return 20, 10 * time.Second
}

const (
	mediaType = "application/vnd.api+json"
	// DefaultTimeout bounds each HTTP attempt (not the whole call with its retries).
	DefaultTimeout = 30 * time.Second
	// DefaultMaxAttempts is how many times an idempotent request is tried on
	// network errors and 5xx answers.
	DefaultMaxAttempts = 3
	// DefaultBackoff is the first retry delay; it doubles on each retry.
	DefaultBackoff = 500 * time.Millisecond
	// maxRateLimitRetries bounds the 429 loop independently of DefaultMaxAttempts.
	maxRateLimitRetries = 5
	maxErrorBody        = 1 << 20
	largeBody           = 1 << 20
	largeBodyTimeout    = 3 * time.Minute
	maxResponseBody     = 32 << 20
)

var errDeadline = context.DeadlineExceeded

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient replaces the http.Client (tests wrap its transport to validate
// every request against the OpenAPI document).
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.http = hc } }

// WithClock injects the time source used by the limiter, backoff and 429 waits.
func WithClock(clock Clock) Option { return func(c *Client) { c.clock = clock } }

// WithTimeout sets the per-attempt timeout (default DefaultTimeout).
func WithTimeout(d time.Duration) Option { return func(c *Client) { c.timeout = d } }

// WithRetry sets how many attempts idempotent requests get and the first backoff.
func WithRetry(maxAttempts int, backoff time.Duration) Option {
	return func(c *Client) { c.maxAttempts, c.backoff = maxAttempts, backoff }
}

// WithRateLimit sets the client-side budget: at most requests starts per window.
// A requests value <= 0 disables the client-side limiter.
func WithRateLimit(requests int, window time.Duration) Option {
	return func(c *Client) { c.rlRequests, c.rlWindow, c.rlSet = requests, window, true }
}

// WithEnvironment picks the default rate limit of env (when WithRateLimit is not
// given). Without it the environment is inferred from the base URL.
func WithEnvironment(env Environment) Option { return func(c *Client) { c.env = env } }

// WithMaxRateLimitWait caps how long one 429 may make the client sleep before it
// returns the error instead (default DefaultMaxRateLimitWait).
func WithMaxRateLimitWait(d time.Duration) Option { return func(c *Client) { c.maxRLWait = d } }

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(c *Client) { c.userAgent = ua } }

// Client talks to one Clicksign account. It is safe for concurrent use.
type Client struct {
	baseURL *url.URL
	// token sits behind a pointer so that even printing a copied Client value
	// (which bypasses the Format method) shows an address, not the secret.
	token       *secret
	env         Environment
	http        *http.Client
	clock       Clock
	timeout     time.Duration
	maxAttempts int
	backoff     time.Duration
	maxRLWait   time.Duration
	rlRequests  int
	rlWindow    time.Duration
	rlSet       bool
	userAgent   string
	limiter     *limiter
}

// New builds a client for baseURL (SandboxBaseURL, ProductionBaseURL or the
// simulator's ".../api/v3") authenticating with token.
func New(baseURL, token string, opts ...Option) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("clicksign: invalid base URL %q", redactURL(baseURL))
	}
	if strings.TrimSpace(token) == "" {
		return nil, errors.New("clicksign: empty access token")
	}
	// The token travels only in the Authorization header; dropping any query or
	// userinfo keeps a pasted "?access_token=" out of every URL an error prints.
	u.RawQuery, u.User, u.Fragment = "", nil, ""
	c := &Client{
		baseURL:     u,
		token:       &secret{v: token},
		http:        &http.Client{},
		clock:       realClock{},
		timeout:     DefaultTimeout,
		maxAttempts: DefaultMaxAttempts,
		backoff:     DefaultBackoff,
		maxRLWait:   DefaultMaxRateLimitWait,
		userAgent:   "selo-clicksign/1",
	}
	for _, o := range opts {
		o(c)
	}
	if c.env == "" {
		switch strings.TrimRight(baseURL, "/") {
		case ProductionBaseURL:
			c.env = Production
		case SandboxBaseURL:
			c.env = Sandbox
		default:
			c.env = Simulator
		}
	}
	if !c.rlSet {
		c.rlRequests, c.rlWindow = c.env.RateLimit()
	}
	if c.maxAttempts < 1 {
		c.maxAttempts = 1
	}
	c.limiter = newLimiter(c.clock, c.rlRequests, c.rlWindow)
	return c, nil
}

// secret holds the access token; its methods keep it out of fmt output.
type secret struct{ v string }

// String hides the value.
func (*secret) String() string { return "[REDACTED]" }

// GoString hides the value from %#v.
func (*secret) GoString() string { return "[REDACTED]" }

// redactURL drops query and userinfo, the only places a token could hide in a URL.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "<invalid>"
	}
	u.RawQuery, u.User = "", nil
	return u.String()
}

// String describes the client without its token.
func (c *Client) String() string {
	return fmt.Sprintf("clicksign.Client{env: %s, baseURL: %s, token: [REDACTED]}", c.env, c.baseURL.Redacted())
}

// GoString keeps %#v from dumping the token.
func (c *Client) GoString() string { return c.String() }

// Format makes every fmt verb (including %+v, which would otherwise print the
// unexported token field) use String.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// Environment reports the environment the client was configured or inferred for.
func (c *Client) Environment() Environment { return c.env }

// BaseURL returns the base URL the client talks to.
func (c *Client) BaseURL() string { return c.baseURL.String() }

// request describes one logical call; retries re-send the same body.
type request struct {
	method string
	path   string // relative to the base URL, starting with "/"
	query  url.Values
	body   any
	// idempotent marks requests that may be repeated without a second effect:
	// GET, DELETE and PATCHes that assign absolute values. Only these are retried
	// on network errors and 5xx.
	idempotent bool
}

// RateLimit is the server's view of the budget, from the X-Rate-Limit-* headers.
type RateLimit struct {
	// Limit is X-Rate-Limit (requests per window); 0 when absent.
	Limit int
	// Remaining is X-Rate-Limit-Remaining; -1 when absent.
	Remaining int
	// Reset is when the window resets; zero when absent.
	Reset time.Time
}

func parseRateLimit(h http.Header) RateLimit {
	rl := RateLimit{Remaining: -1}
	if h == nil {
		return rl
	}
	rl.Limit, _ = strconv.Atoi(firstHeader(h, HeaderRateLimit, "X-RateLimit-Limit"))
	if v := firstHeader(h, HeaderRateLimitRemaining, "X-RateLimit-Remaining"); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			rl.Remaining = n
		}
	}
	if v := firstHeader(h, HeaderRateLimitReset, altHeaderRateLimitReset); v != "" {
		if f, err := strconv.ParseFloat(v, 64); err == nil && f >= resetDeltaThreshold {
			sec, frac := math.Modf(f)
			rl.Reset = time.Unix(int64(sec), int64(frac*1e9))
		}
	}
	return rl
}

func firstHeader(h http.Header, names ...string) string {
	for _, n := range names {
		if v := h.Get(n); v != "" {
			return v
		}
	}
	return ""
}

// rateLimitWait decides how long to wait after a 429: until X-Rate-Limit-Reset
// (absolute Unix time; small values read as seconds), else Retry-After, else a
// whole window.
func (c *Client) rateLimitWait(h http.Header) time.Duration {
	now := c.clock.Now()
	if v := firstHeader(h, HeaderRateLimitReset, altHeaderRateLimitReset); v != "" {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			if f < resetDeltaThreshold {
				return time.Duration(f * float64(time.Second))
			}
			sec, frac := math.Modf(f)
			d := time.Unix(int64(sec), int64(frac*1e9)).Sub(now)
			if d < 0 {
				d = 0
			}
			// Reset has one-second resolution; without the extra margin the retry
			// can land a few ms before the server's window actually turns over.
			return d + 100*time.Millisecond
		}
	}
	if v := h.Get("Retry-After"); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			return time.Duration(n) * time.Second
		}
	}
	return defaultRateLimitWait
}

// do runs r with the limiter, retry policy and error mapping; out receives the
// decoded 2xx body when non-nil.
func (c *Client) do(ctx context.Context, r request, out any) error {
	var payload []byte
	if r.body != nil {
		var err error
		if payload, err = json.Marshal(r.body); err != nil {
			return fmt.Errorf("clicksign: encode %s %s: %w", r.method, r.path, err)
		}
	}
	attempt, rlRetries := 0, 0
	for {
		attempt++
		if err := c.limiter.wait(ctx); err != nil {
			return c.netErr(r, err)
		}
		status, header, body, err := c.send(ctx, r, payload)
		if err != nil {
			if ctx.Err() == nil && r.idempotent && attempt < c.maxAttempts {
				if serr := c.clock.Sleep(ctx, c.backoffFor(attempt)); serr != nil {
					return c.netErr(r, serr)
				}
				continue
			}
			return c.netErr(r, err)
		}
		if status >= 200 && status < 300 {
			if out == nil || len(bytes.TrimSpace(body)) == 0 {
				return nil
			}
			if err := json.Unmarshal(body, out); err != nil {
				return fmt.Errorf("clicksign: decode %s %s: %w", r.method, r.path, err)
			}
			return nil
		}
		if status == http.StatusNotFound && r.method == http.MethodDelete && attempt > 1 {
			return nil // the earlier attempt deleted it; see assumptions.go
		}
		apiErr := parseAPIError(status, r.method, r.path, body, header)
		switch {
		case status == http.StatusTooManyRequests:
			// A 429 means the server did not process the request, so even a POST
			// is safe to send again once the window resets.
			wait := c.rateLimitWait(header)
			if rlRetries >= maxRateLimitRetries || wait > c.maxRLWait || apiErr.HasCode(notificationThrottleCode) {
				return apiErr
			}
			rlRetries++
			attempt--
			if err := c.clock.Sleep(ctx, wait); err != nil {
				return c.netErr(r, err)
			}
			continue
		case status >= 500 && r.idempotent && attempt < c.maxAttempts &&
			!(status == http.StatusServiceUnavailable && apiErr.HasCode("service_unavailable")):
			// 503 service_unavailable is an account setting, not a transient fault.
			if err := c.clock.Sleep(ctx, c.backoffFor(attempt)); err != nil {
				return c.netErr(r, err)
			}
			continue
		}
		return apiErr
	}
}

func (c *Client) backoffFor(attempt int) time.Duration {
	return c.backoff << (attempt - 1)
}

func (c *Client) netErr(r request, err error) error {
	msg := fmt.Sprintf("clicksign: %s %s: %v", r.method, r.path, err)
	msg = strings.ReplaceAll(msg, c.token.v, "[REDACTED]")
	return &NetworkError{Method: r.method, Path: r.path, Err: err, msg: msg}
}

// send performs one HTTP attempt and reads the whole body under the per-attempt
// timeout.
func (c *Client) send(ctx context.Context, r request, payload []byte) (int, http.Header, []byte, error) {
	timeout := c.timeout
	if len(payload) > largeBody && timeout < largeBodyTimeout {
		// A 10 MB PDF is ~14 MB of base64; on a slow office uplink that needs
		// more than the default budget.
		timeout = largeBodyTimeout
	}
	actx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	u := *c.baseURL
	u.Path = strings.TrimRight(u.Path, "/") + r.path
	if len(r.query) > 0 {
		u.RawQuery = r.query.Encode()
	}
	var rdr io.Reader
	if payload != nil {
		rdr = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(actx, r.method, u.String(), rdr)
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("Authorization", c.token.v)
	req.Header.Set("Accept", mediaType)
	if payload != nil {
		req.Header.Set("Content-Type", mediaType)
	}
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	limit := int64(maxResponseBody)
	if resp.StatusCode >= 300 {
		limit = maxErrorBody
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	if err != nil {
		return 0, nil, nil, err
	}
	return resp.StatusCode, resp.Header, body, nil
}
