package signing_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"
)

// TestSendBench measures one send with 3 signers against the simulator with
// 100 ms added to every request, as `make bench` reports it: the request
// count against its target (signers + 5), the round trips on the critical
// path (measured, not assumed: the deepest chain of requests each started
// after the previous one ended) and the wall time. It runs when
// SELO_BENCH=1.
func TestSendBench(t *testing.T) {
	if os.Getenv("SELO_BENCH") != "1" {
		t.Skip("benchmark: run with SELO_BENCH=1 (make bench)")
	}
	f := newFixture(t)
	f.sim.SetLatency(100 * time.Millisecond)
	req := f.request()
	signers := 3
	start := time.Now()
	id, err := f.sender("").Run(context.Background(), req)
	wall := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	requests := f.sim.TotalRequests()
	depth := f.trace.depth()
	f.checkSent(id)
	fmt.Printf("send_signers: %d\n", signers)
	fmt.Printf("send_requests: %d\n", requests)
	fmt.Printf("send_requests_target: %d\n", signers+5)
	fmt.Printf("send_critical_path_round_trips: %d\n", depth)
	fmt.Printf("send_wall_s: %.2f\n", wall.Seconds())
	if requests != signers+5 {
		t.Errorf("requests = %d, want %d", requests, signers+5)
	}
}
