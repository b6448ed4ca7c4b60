package clicksign

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// TimeLayout is Clicksign's timestamp format: local offset with milliseconds,
// e.g. 2024-02-29T09:17:36.418-03:00.
const TimeLayout = "2006-01-02T15:04:05.000-07:00"

// FormatTime renders t in Clicksign's layout, keeping t's own offset.
func FormatTime(t time.Time) string { return t.Format(TimeLayout) }

// resourceLinks is the "links" member of a resource.
type resourceLinks struct {
	Self  string `json:"self"`
	Files *Files `json:"files,omitempty"`
}

// relationshipRef is {"data":{"type":...,"id":...}}.
type relationshipRef struct {
	Data *resourceID `json:"data,omitempty"`
}

type resourceID struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// resource is one JSON:API resource object with attributes of type A.
type resource[A any] struct {
	ID            string                     `json:"id,omitempty"`
	Type          string                     `json:"type"`
	Links         *resourceLinks             `json:"links,omitempty"`
	Attributes    A                          `json:"attributes"`
	Relationships map[string]relationshipRef `json:"relationships,omitempty"`
}

type single[A any] struct {
	Data resource[A] `json:"data"`
}

type collection[A any] struct {
	Data []resource[A] `json:"data"`
	Meta struct {
		RecordCount int `json:"record_count"`
	} `json:"meta"`
	Links map[string]string `json:"links"`
}

// FlexInt decodes an integer sent as a JSON number, a numeric string or null
// (remind_interval is documented as a string enum but returned as an integer).
type FlexInt struct {
	Value int
	Valid bool
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *FlexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(strings.TrimSpace(string(b)), `"`)
	if s == "" || s == "null" {
		*f = FlexInt{}
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return err
	}
	*f = FlexInt{Value: n, Valid: true}
	return nil
}

// MarshalJSON implements json.Marshaler.
func (f FlexInt) MarshalJSON() ([]byte, error) {
	if !f.Valid {
		return []byte("null"), nil
	}
	return []byte(strconv.Itoa(f.Value)), nil
}

// Time decodes Clicksign timestamps, tolerating null and "" as the zero time.
type Time struct{ time.Time }

// UnmarshalJSON implements json.Unmarshaler.
func (t *Time) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == nil || *s == "" {
		t.Time = time.Time{}
		return nil
	}
	v, err := time.Parse(time.RFC3339Nano, *s)
	if err != nil {
		return err
	}
	t.Time = v
	return nil
}

// MarshalJSON implements json.Marshaler.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(FormatTime(t.Time))
}

// Page is one page of a collection plus what is needed to walk the rest.
type Page[T any] struct {
	// Items are the resources of this page.
	Items []T
	// RecordCount is meta.record_count: the total across all pages.
	RecordCount int
	// Number and Size are the page parameters that produced this page.
	Number, Size int
}

// HasNext reports whether pages after this one hold more records.
func (p *Page[T]) HasNext() bool { return p.Number*p.Size < p.RecordCount && len(p.Items) > 0 }
