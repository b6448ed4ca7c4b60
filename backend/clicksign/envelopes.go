package clicksign

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// EnvelopeStatus is the lifecycle state of an envelope.
type EnvelopeStatus string

// Envelope statuses (draft → running → closed | canceled).
const (
	EnvelopeDraft    EnvelopeStatus = "draft"
	EnvelopeRunning  EnvelopeStatus = "running"
	EnvelopeClosed   EnvelopeStatus = "closed"
	EnvelopeCanceled EnvelopeStatus = "canceled"
)

// EnvelopeAttributes are the attributes Clicksign returns for an envelope.
type EnvelopeAttributes struct {
	Name                           string         `json:"name"`
	Status                         EnvelopeStatus `json:"status"`
	DeadlineAt                     Time           `json:"deadline_at"`
	Locale                         string         `json:"locale"`
	AutoClose                      bool           `json:"auto_close"`
	RubricEnabled                  bool           `json:"rubric_enabled"`
	RemindInterval                 FlexInt        `json:"remind_interval"`
	BlockAfterRefusal              bool           `json:"block_after_refusal"`
	DefaultSubject                 *string        `json:"default_subject"`
	DefaultMessage                 *string        `json:"default_message"`
	DeadlinePartialSignatureAction *string        `json:"deadline_partial_signature_action"`
	Created                        Time           `json:"created"`
	Modified                       Time           `json:"modified"`
}

// Envelope is a Clicksign envelope: the unit that is activated and signed.
type Envelope struct {
	ID       string
	SelfLink string
	EnvelopeAttributes
}

func toEnvelope(r resource[EnvelopeAttributes]) Envelope {
	e := Envelope{ID: r.ID, EnvelopeAttributes: r.Attributes}
	if r.Links != nil {
		e.SelfLink = r.Links.Self
	}
	return e
}

// EnvelopeParams are the settable attributes of an envelope. Zero values are not
// sent, so the server default applies on create and the value is kept on update.
type EnvelopeParams struct {
	Name string
	// Locale defaults to "pt-BR" on create.
	Locale string
	// AutoClose closes the envelope right after the last signature (server default true).
	AutoClose *bool
	// RemindInterval in days: 1, 2, 3, 7 or 14. Use NoReminders to disable.
	RemindInterval *int
	// NoReminders sends remind_interval null.
	NoReminders       bool
	BlockAfterRefusal *bool
	// DeadlineAt must be in the future; Clicksign allows at most 90 days.
	DeadlineAt     time.Time
	DefaultSubject string
	DefaultMessage string
	// DeadlinePartialSignatureAction is "closed" or "canceled".
	DeadlinePartialSignatureAction string
	// FolderID places the envelope in a folder.
	FolderID string
}

func (p EnvelopeParams) attributes(create bool) map[string]any {
	a := map[string]any{}
	if p.Name != "" {
		a["name"] = p.Name
	}
	switch {
	case p.Locale != "":
		a["locale"] = p.Locale
	case create:
		a["locale"] = "pt-BR"
	}
	if p.AutoClose != nil {
		a["auto_close"] = *p.AutoClose
	}
	switch {
	case p.NoReminders:
		a["remind_interval"] = nil
	case p.RemindInterval != nil:
		// Sent as a JSON integer like the official examples, although the OpenAPI
		// schema declares a string enum; responses carry an integer too.
		a["remind_interval"] = *p.RemindInterval
	}
	if p.BlockAfterRefusal != nil {
		a["block_after_refusal"] = *p.BlockAfterRefusal
	}
	if !p.DeadlineAt.IsZero() {
		a["deadline_at"] = FormatTime(p.DeadlineAt)
	}
	if p.DefaultSubject != "" {
		a["default_subject"] = p.DefaultSubject
	}
	if p.DefaultMessage != "" {
		a["default_message"] = p.DefaultMessage
	}
	if p.DeadlinePartialSignatureAction != "" {
		a["deadline_partial_signature_action"] = p.DeadlinePartialSignatureAction
	}
	return a
}

func (p EnvelopeParams) relationships() map[string]any {
	if p.FolderID == "" {
		return nil
	}
	return map[string]any{"folder": map[string]any{"data": map[string]any{"type": "folders", "id": p.FolderID}}}
}

func envelopePath(id string) string { return "/envelopes/" + url.PathEscape(id) }

// CreateEnvelope creates a draft envelope.
func (c *Client) CreateEnvelope(ctx context.Context, p EnvelopeParams) (*Envelope, error) {
	data := map[string]any{"type": "envelopes", "attributes": p.attributes(true)}
	if rel := p.relationships(); rel != nil {
		data["relationships"] = rel
	}
	var out single[EnvelopeAttributes]
	if err := c.do(ctx, request{method: http.MethodPost, path: "/envelopes", body: map[string]any{"data": data}}, &out); err != nil {
		return nil, err
	}
	e := toEnvelope(out.Data)
	return &e, nil
}

// GetEnvelope fetches one envelope.
func (c *Client) GetEnvelope(ctx context.Context, id string) (*Envelope, error) {
	var out single[EnvelopeAttributes]
	if err := c.do(ctx, request{method: http.MethodGet, path: envelopePath(id), idempotent: true}, &out); err != nil {
		return nil, err
	}
	e := toEnvelope(out.Data)
	return &e, nil
}

// UpdateEnvelope changes settings of an envelope (PATCH). All attributes are
// absolute assignments, so the call is retried like any idempotent request.
func (c *Client) UpdateEnvelope(ctx context.Context, id string, p EnvelopeParams) (*Envelope, error) {
	return c.patchEnvelope(ctx, id, p.attributes(false), p.relationships())
}

// ActivateEnvelope moves a draft envelope to running (PATCH status running).
// Clicksign refuses with 422 unless the envelope has a document, a signer, a
// qualification and an authentication requirement for every signer.
func (c *Client) ActivateEnvelope(ctx context.Context, id string) (*Envelope, error) {
	return c.patchEnvelope(ctx, id, map[string]any{"status": string(EnvelopeRunning)}, nil)
}

func (c *Client) patchEnvelope(ctx context.Context, id string, attrs map[string]any, rel map[string]any) (*Envelope, error) {
	data := map[string]any{"id": id, "type": "envelopes", "attributes": attrs}
	if rel != nil {
		data["relationships"] = rel
	}
	var out single[EnvelopeAttributes]
	err := c.do(ctx, request{method: http.MethodPatch, path: envelopePath(id), body: map[string]any{"data": data}, idempotent: true}, &out)
	if err != nil {
		return nil, err
	}
	e := toEnvelope(out.Data)
	return &e, nil
}

// DeleteEnvelope deletes a draft envelope (403 once it is running).
func (c *Client) DeleteEnvelope(ctx context.Context, id string) error {
	return c.do(ctx, request{method: http.MethodDelete, path: envelopePath(id), idempotent: true}, nil)
}

// TimeRange is an inclusive [From, To] filter; either end may be zero.
type TimeRange struct {
	From, To time.Time
}

func (r TimeRange) value() string {
	if r.From.IsZero() && r.To.IsZero() {
		return ""
	}
	s := ""
	if !r.From.IsZero() {
		s = FormatTime(r.From)
	}
	s += ","
	if !r.To.IsZero() {
		s += FormatTime(r.To)
	}
	return s
}

// EnvelopeFilter selects envelopes for ListEnvelopes. Zero fields do not filter.
type EnvelopeFilter struct {
	Status     EnvelopeStatus
	Name       string
	Created    TimeRange
	Modified   TimeRange
	DeadlineAt TimeRange
	// Sort is "name" or "-name".
	Sort string
	// PageNumber starts at 1; PageSize defaults to DefaultPageSize.
	PageNumber int
	PageSize   int
}

func (f EnvelopeFilter) query() url.Values {
	q := url.Values{}
	if f.Status != "" {
		q.Set("filter[status]", string(f.Status))
	}
	if f.Name != "" {
		q.Set("filter[name]", f.Name)
	}
	if v := f.Created.value(); v != "" {
		q.Set("filter[created]", v)
	}
	if v := f.Modified.value(); v != "" {
		q.Set("filter[modified]", v)
	}
	if v := f.DeadlineAt.value(); v != "" {
		q.Set("filter[deadline_at]", v)
	}
	if f.Sort != "" {
		q.Set("sort", f.Sort)
	}
	return q
}

func pageQuery(q url.Values, number, size int) (url.Values, int, int) {
	if number < 1 {
		number = 1
	}
	if size < 1 {
		size = DefaultPageSize
	}
	q.Set("page[number]", strconv.Itoa(number))
	q.Set("page[size]", strconv.Itoa(size))
	return q, number, size
}

// ListEnvelopes returns one page of envelopes matching f.
func (c *Client) ListEnvelopes(ctx context.Context, f EnvelopeFilter) (*Page[Envelope], error) {
	q, n, s := pageQuery(f.query(), f.PageNumber, f.PageSize)
	var out collection[EnvelopeAttributes]
	if err := c.do(ctx, request{method: http.MethodGet, path: "/envelopes", query: q, idempotent: true}, &out); err != nil {
		return nil, err
	}
	p := &Page[Envelope]{RecordCount: out.Meta.RecordCount, Number: n, Size: s}
	for _, r := range out.Data {
		p.Items = append(p.Items, toEnvelope(r))
	}
	// A short first page with more records left means the server capped the page
	// size (its maximum is undocumented); walk on with the size it used.
	if k := len(p.Items); n == 1 && k > 0 && k < s && k < p.RecordCount {
		p.Size = k
	}
	return p, nil
}

// AllEnvelopes walks every page matching f (starting at f.PageNumber). Iteration
// stops at the first error, which is yielded once.
func (c *Client) AllEnvelopes(ctx context.Context, f EnvelopeFilter) iter.Seq2[Envelope, error] {
	return func(yield func(Envelope, error) bool) {
		for {
			p, err := c.ListEnvelopes(ctx, f)
			if err != nil {
				yield(Envelope{}, err)
				return
			}
			for _, e := range p.Items {
				if !yield(e, nil) {
					return
				}
			}
			if !p.HasNext() {
				return
			}
			f.PageNumber, f.PageSize = p.Number+1, p.Size
		}
	}
}

// listAll fetches every page of a sub-collection; envelopes have few documents and
// signers, but requirements grow as signers × documents × 2 and pass one page.
func listAll[A any, T any](ctx context.Context, c *Client, path string, q url.Values, conv func(resource[A]) T) ([]T, error) {
	if q == nil {
		q = url.Values{}
	}
	var items []T
	for n := 1; ; n++ {
		q, _, size := pageQuery(q, n, DefaultPageSize)
		var out collection[A]
		if err := c.do(ctx, request{method: http.MethodGet, path: path, query: q, idempotent: true}, &out); err != nil {
			return nil, err
		}
		for _, r := range out.Data {
			items = append(items, conv(r))
		}
		if len(out.Data) == 0 || n*size >= out.Meta.RecordCount {
			return items, nil
		}
	}
}
