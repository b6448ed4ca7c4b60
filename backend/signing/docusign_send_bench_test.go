package signing_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"
)

// TestDocuSignSendBench measures one DocuSign send with 3 signers against
// the DocuSign simulator with 100 ms added to every request, as `make bench`
// reports it: the requests per send against the minimum the API allows (ONE:
// the envelope is created and sent with its document, recipients and tabs in
// a single POST) and the wall time. It runs when SELO_BENCH=1.
func TestDocuSignSendBench(t *testing.T) {
	if os.Getenv("SELO_BENCH") != "1" {
		t.Skip("benchmark: run with SELO_BENCH=1 (make bench)")
	}
	d := newDSFixture(t)
	d.rec.delay = 100 * time.Millisecond
	start := time.Now()
	id, err := d.sender().Run(context.Background(), d.dsRequest(81))
	wall := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	d.checkDSSent(id, 81)
	requests := len(d.rec.all())
	fmt.Printf("docusign_send_signers: %d\n", 3)
	fmt.Printf("docusign_send_requests: %d\n", requests)
	fmt.Printf("docusign_send_requests_target: %d\n", 1)
	fmt.Printf("docusign_send_wall_s: %.2f\n", wall.Seconds())
	if requests != 1 {
		t.Errorf("requests = %d, want 1", requests)
	}
}
