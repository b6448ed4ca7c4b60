package jivochat

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// The flexible types below never return an error for well-formed JSON: an
// error from a custom unmarshaler aborts the whole encoding/json decode, while
// a value of the wrong shape in one field must not cost us the rest of the
// event. Values they cannot read become the zero value; the raw payload keeps
// the original.

// FlexString is a string that JivoChat sometimes sends as a number (ids,
// visitor.number, offline_message_id, coordinates). A number keeps its JSON
// literal text, so "5021" and 5021 both read as "5021". null, objects and
// arrays read as "".
type FlexString string

// UnmarshalJSON implements json.Unmarshaler.
func (f *FlexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*f = ""
	if len(b) == 0 {
		return nil
	}
	switch c := b[0]; {
	case c == '"':
		var s string
		if json.Unmarshal(b, &s) == nil {
			*f = FlexString(s)
		}
	case c == '-' || (c >= '0' && c <= '9'):
		*f = FlexString(b)
	case c == 't' || c == 'f':
		*f = FlexString(b)
	}
	return nil
}

// String returns the value with surrounding blanks removed.
func (f FlexString) String() string { return strings.TrimSpace(string(f)) }

// FlexInt is an integer that may arrive as a JSON number (possibly written
// with a fraction or exponent) or as a numeric string. Anything else reads 0.
type FlexInt int64

// UnmarshalJSON implements json.Unmarshaler.
func (f *FlexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*f = 0
	if len(b) == 0 {
		return nil
	}
	text := string(b)
	if b[0] == '"' {
		var s string
		if json.Unmarshal(b, &s) != nil {
			return nil
		}
		text = strings.TrimSpace(s)
	}
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		*f = FlexInt(n)
		return nil
	}
	if x, err := strconv.ParseFloat(text, 64); err == nil && !math.IsNaN(x) && x > math.MinInt64 && x < math.MaxInt64 {
		*f = FlexInt(int64(x))
	}
	return nil
}

// FlexBool is a boolean that may arrive as true/false, 0/1 or their string
// forms. Anything else reads false.
type FlexBool bool

// UnmarshalJSON implements json.Unmarshaler.
func (f *FlexBool) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	switch strings.ToLower(s) {
	case "true", "1":
		*f = true
	default:
		*f = false
	}
	return nil
}
