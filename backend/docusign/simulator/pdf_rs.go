package simulator

import (
	"bytes"
	"io"
)

func toReadSeekers(rs []*bytes.Reader) []io.ReadSeeker {
	out := make([]io.ReadSeeker, len(rs))
	for i, r := range rs {
		out[i] = r
	}
	return out
}
