package signing_test

import (
	"context"
	"strings"
	"testing"

	"selo/backend/clicksign/simulator"
	"selo/backend/signing"
)

// progressEvents returns the Progress events emitted from index from on.
func (f *fixture) progressEvents(from int) []signing.Progress {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []signing.Progress
	for _, e := range f.events[from:] {
		if p, ok := e.data.(signing.Progress); ok && e.name == signing.EventProgress {
			out = append(out, p)
		}
	}
	return out
}

func (f *fixture) eventCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.events)
}

// A screen opened on a stopped send (after a reload, or after its events
// were lost) draws the bar from the stored operation: it must stand where
// the events left it, and where a resume takes it up again, or "Cancelar"
// and the ticked steps would differ between the two screens.
func TestStoredOperationStandsWhereTheEventsStopped(t *testing.T) {
	routes := []string{
		"POST /api/v3/envelopes",
		"POST /api/v3/envelopes/{envelope_id}/documents",
		"POST /api/v3/envelopes/{envelope_id}/bulk_requirements",
		"PATCH /api/v3/envelopes/{envelope_id}",
		"POST /api/v3/envelopes/{envelope_id}/notifications",
	}
	for _, route := range routes {
		t.Run(route, func(t *testing.T) {
			f := newFixture(t)
			method, _, _ := strings.Cut(route, " ")
			fault := simulator.Fault{Status: 500, Method: method, Route: route}
			if method == "PATCH" {
				// PATCH is retried by the client: fail every attempt.
				fault.Times = 3
			}
			f.sim.InjectFault(fault)
			s := f.sender("")
			id, err := s.Run(context.Background(), f.request())
			if err == nil {
				t.Fatal("the failed step did not stop the run")
			}
			events := f.progressEvents(0)
			if len(events) == 0 {
				t.Fatal("no progress before the failure")
			}
			last := events[len(events)-1]
			op, err := s.Get(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			if op.Total != signing.ProgressTotal || op.Done != last.Done {
				t.Fatalf("stored %d/%d at step %s, the events stopped at %d/%d (%s)", op.Done, op.Total, op.Step, last.Done, last.Total, last.Step)
			}

			from := f.eventCount()
			if err := f.sender("").Resume(context.Background(), id); err != nil {
				t.Fatalf("Resume: %v", err)
			}
			resumed := f.progressEvents(from)
			if len(resumed) == 0 || resumed[0].Done != op.Done {
				t.Fatalf("the resume began at %+v, the stored operation said %d done", resumed, op.Done)
			}
			f.checkSent(id)
			if op, _ := s.Get(context.Background(), id); op.Done != signing.ProgressTotal || op.Total != signing.ProgressTotal {
				t.Fatalf("sent operation = %d/%d, want the full bar", op.Done, op.Total)
			}
		})
	}
}

// A validation failure stops before anything is merged: the bar stands at
// the first step, as the one event emitted said.
func TestStoredOperationOfAValidationFailure(t *testing.T) {
	f := newFixture(t)
	req := f.request()
	req.Documents = nil
	s := f.sender("")
	id, err := s.Run(context.Background(), req)
	if err == nil {
		t.Fatal("a request without documents was accepted")
	}
	op, err := s.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if op.Done != 0 || op.Total != signing.ProgressTotal || op.Status != signing.SendFailed {
		t.Fatalf("stored %s %d/%d, want failed 0/%d", op.Status, op.Done, op.Total, signing.ProgressTotal)
	}
}
