package crm

import (
	"testing"
	"time"
)

// The board's "vence em N dias" and the reservation screen's countdown both
// read DaysLeft: a deadline later today still leaves a day, a passed one
// goes negative.
func TestDaysLeftRoundsUp(t *testing.T) {
	now := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
	cases := []struct {
		name     string
		deadline time.Time
		want     int
	}{
		{"later today", now.Add(2 * time.Hour), 1},
		{"exactly one day", now.Add(24 * time.Hour), 1},
		{"a day and a minute", now.Add(24*time.Hour + time.Minute), 2},
		{"fifteen days", now.AddDate(0, 0, 15), 15},
		{"right now", now, 0},
		{"passed an hour ago", now.Add(-time.Hour), 0},
		{"passed two days ago", now.Add(-48 * time.Hour), -2},
	}
	for _, c := range cases {
		if got := DaysLeft(c.deadline, now); got != c.want {
			t.Errorf("%s: DaysLeft = %d, want %d", c.name, got, c.want)
		}
	}
}

// Status sync keeps a terminal state against a read that knows less; only
// a running envelope (or none recorded yet) may still change.
func TestEnvelopeStateTerminal(t *testing.T) {
	for s, want := range map[EnvelopeState]bool{
		"": false, EnvelopeRunning: false,
		EnvelopeFinished: true, EnvelopeCanceled: true, EnvelopeExpired: true, EnvelopeRefused: true,
	} {
		if got := s.Terminal(); got != want {
			t.Errorf("%q.Terminal() = %v, want %v", s, got, want)
		}
	}
}
