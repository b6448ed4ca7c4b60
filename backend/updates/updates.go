// Package updates tells whether a newer Selo has been released. It reads a
// small JSON release feed and compares versions; it never downloads or
// replaces the executable: the screen shows the notes and a link, and the user
// installs the new version with its setup program.
//
// The feed is one JSON object:
//
//	{"version":"0.2.0","date":"2026-12-01",
//	 "url":"https://downloads.example/selo-0.2.0-setup.exe",
//	 "sha256":"<64 hex digits of the setup file>","notes":"..."}
package updates

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"selo/backend/crm"
)

// Error codes, for the frontend's pt-BR texts.
const (
	// CodeUnreachable: the feed did not answer (network, timeout) or answered
	// with an HTTP error (data: status).
	CodeUnreachable = "update.unreachable"
	// CodeBadFeed: the feed answered with something that is not a valid
	// release (data: field, the first field at fault, when there is one).
	CodeBadFeed = "update.bad_feed"
	// CodeBadFeedURL: the configured feed address is not https (or a loopback
	// http address, for tests).
	CodeBadFeedURL = "update.bad_feed_url"
)

// DefaultTimeout bounds one check when the caller's context has no deadline.
const DefaultTimeout = 10 * time.Second

// maxFeedBytes is far more than a feed needs; a bigger answer is not a feed.
const maxFeedBytes = 64 << 10

// maxNotes bounds the release notes shown on screen.
const maxNotes = 8000

// Result is what the Sobre screen needs to show. Latest, Date, URL, SHA256
// and Notes describe the release in the feed even when it is not newer.
type Result struct {
	Available bool   `json:"available"`
	Current   string `json:"current"`
	Latest    string `json:"latest"`
	Date      string `json:"date"`
	URL       string `json:"url"`
	SHA256    string `json:"sha256"`
	Notes     string `json:"notes"`
}

// Checker reads release feeds. The zero value uses a client with
// DefaultTimeout.
type Checker struct {
	// Client is the HTTP client; nil means a client with DefaultTimeout.
	Client *http.Client
	// UserAgent is sent with the request; empty means "Selo".
	UserAgent string
}

// Check reads the feed at feedURL and tells whether its version is newer than
// currentVersion ("dev" is older than any release). Errors are *crm.Error
// with CodeBadFeedURL, CodeUnreachable, CodeBadFeed or crm.CodeCanceled.
func Check(ctx context.Context, feedURL, currentVersion string) (Result, error) {
	return Checker{UserAgent: "Selo/" + currentVersion}.Check(ctx, feedURL, currentVersion)
}

// Check is the package-level Check with this checker's client.
func (c Checker) Check(ctx context.Context, feedURL, currentVersion string) (Result, error) {
	if err := validURL(feedURL); err != nil {
		return Result{}, crm.E(CodeBadFeedURL).Wrap(err)
	}
	client := c.Client
	if client == nil {
		client = &http.Client{Timeout: DefaultTimeout}
	}
	// Redirects must stay on https (or loopback).
	cc := *client
	cc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 3 {
			return errors.New("too many redirects")
		}
		return validURL(req.URL.String())
	}
	if _, ok := ctx.Deadline(); !ok && cc.Timeout == 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, feedURL, nil)
	if err != nil {
		return Result{}, crm.E(CodeBadFeedURL).Wrap(err)
	}
	req.Header.Set("Accept", "application/json")
	ua := c.UserAgent
	if ua == "" {
		ua = "Selo"
	}
	req.Header.Set("User-Agent", ua)
	resp, err := cc.Do(req)
	if err != nil {
		if errors.Is(err, context.Canceled) && ctx.Err() == context.Canceled {
			return Result{}, crm.E(crm.CodeCanceled).Wrap(err)
		}
		return Result{}, crm.E(CodeUnreachable).Wrap(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxFeedBytes))
		return Result{}, crm.E(CodeUnreachable, "status", resp.StatusCode).Wrap(fmt.Errorf("GET %s: %s", feedURL, resp.Status))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxFeedBytes+1))
	if err != nil {
		if ctx.Err() == context.Canceled {
			return Result{}, crm.E(crm.CodeCanceled).Wrap(err)
		}
		return Result{}, crm.E(CodeUnreachable).Wrap(err)
	}
	if len(body) > maxFeedBytes {
		return Result{}, crm.E(CodeBadFeed).Wrap(fmt.Errorf("feed larger than %d bytes", maxFeedBytes))
	}
	rel, err := parseFeed(body)
	if err != nil {
		return Result{}, err
	}
	return Result{
		Available: CompareVersions(rel.Version, currentVersion) > 0,
		Current:   currentVersion,
		Latest:    rel.Version,
		Date:      rel.Date,
		URL:       rel.URL,
		SHA256:    rel.SHA256,
		Notes:     rel.Notes,
	}, nil
}

type feed struct {
	Version string `json:"version"`
	Date    string `json:"date"`
	URL     string `json:"url"`
	SHA256  string `json:"sha256"`
	Notes   string `json:"notes"`
}

// parseFeed decodes and validates a feed, reporting the first field at fault.
func parseFeed(body []byte) (feed, error) {
	var f feed
	if err := json.Unmarshal(body, &f); err != nil {
		return f, crm.E(CodeBadFeed).Wrap(err)
	}
	bad := func(field string, cause error) (feed, error) {
		return f, crm.E(CodeBadFeed, "field", field).Wrap(cause)
	}
	f.Version = strings.TrimSpace(f.Version)
	if _, ok := parseVersion(f.Version); !ok {
		return bad("version", fmt.Errorf("version %q is not MAJOR.MINOR.PATCH", f.Version))
	}
	if f.Date != "" {
		if _, err := time.Parse("2006-01-02", f.Date); err != nil {
			return bad("date", err)
		}
	}
	if err := validURL(f.URL); err != nil {
		return bad("url", err)
	}
	f.SHA256 = strings.ToLower(strings.TrimSpace(f.SHA256))
	if !isHex64(f.SHA256) {
		return bad("sha256", errors.New("sha256 must be 64 hexadecimal digits"))
	}
	if len(f.Notes) > maxNotes {
		return bad("notes", fmt.Errorf("notes longer than %d bytes", maxNotes))
	}
	return f, nil
}

// validURL accepts https addresses, and http only on the loopback address,
// which tests use.
func validURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	if u.User != nil {
		return errors.New("address must not carry credentials")
	}
	switch u.Scheme {
	case "https":
		if u.Hostname() == "" {
			return errors.New("address has no host")
		}
		return nil
	case "http":
		if ip := net.ParseIP(u.Hostname()); ip != nil && ip.IsLoopback() {
			return nil
		}
		return fmt.Errorf("address %q must use https", raw)
	default:
		return fmt.Errorf("address %q must use https", raw)
	}
}

func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

type version struct {
	nums [3]int
	pre  []string
}

// parseVersion reads "1.2.3", "v1.2.3", "1.2" and "1.2.3-rc.1" (build
// metadata after "+" is ignored).
func parseVersion(s string) (version, bool) {
	var v version
	s = strings.TrimPrefix(strings.TrimSpace(s), "v")
	if i := strings.IndexByte(s, '+'); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, '-'); i >= 0 {
		if i == len(s)-1 {
			return v, false
		}
		v.pre = strings.Split(s[i+1:], ".")
		s = s[:i]
	}
	parts := strings.Split(s, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return v, false
	}
	for i, p := range parts {
		if p == "" || len(p) > 9 {
			return v, false
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || p[0] == '+' {
			return v, false
		}
		v.nums[i] = n
	}
	return v, true
}

// CompareVersions returns -1, 0 or +1 as a is older than, the same as, or
// newer than b. Numbers compare numerically (0.10.0 > 0.9.1); a pre-release
// (0.2.0-rc.1) is older than its release; "dev" and anything that is not a
// version are older than every version and equal to each other.
func CompareVersions(a, b string) int {
	va, okA := parseVersion(a)
	vb, okB := parseVersion(b)
	switch {
	case !okA && !okB:
		return 0
	case !okA:
		return -1
	case !okB:
		return 1
	}
	for i := 0; i < 3; i++ {
		if c := cmpInt(va.nums[i], vb.nums[i]); c != 0 {
			return c
		}
	}
	return comparePre(va.pre, vb.pre)
}

// comparePre orders pre-release identifiers as semver does.
func comparePre(a, b []string) int {
	switch {
	case len(a) == 0 && len(b) == 0:
		return 0
	case len(a) == 0:
		return 1
	case len(b) == 0:
		return -1
	}
	for i := 0; i < len(a) && i < len(b); i++ {
		na, errA := strconv.Atoi(a[i])
		nb, errB := strconv.Atoi(b[i])
		var c int
		switch {
		case errA == nil && errB == nil:
			c = cmpInt(na, nb)
		case errA == nil:
			c = -1
		case errB == nil:
			c = 1
		default:
			c = strings.Compare(a[i], b[i])
		}
		if c != 0 {
			return c
		}
	}
	return cmpInt(len(a), len(b))
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// ValidateFeedURL checks an address before it is saved as the office's
// release feed, with the same rule Check applies.
func ValidateFeedURL(raw string) error {
	if err := validURL(strings.TrimSpace(raw)); err != nil {
		return crm.E(CodeBadFeedURL).OnField("feedUrl").Wrap(err)
	}
	return nil
}
