package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// ReportPaint makes the window bench (build/scripts/bench-window.sh) able to
// time the first meaningful paint: when SELO_REPORT_PAINT=1, the first
// EventWindowPainted from the page writes "paint_unix_ms: <wall clock>" to w
// (stderr), which the script subtracts from the moment it started the
// process. Without the variable nothing listens and nothing is written.
func ReportPaint(a *App, w io.Writer) {
	if os.Getenv("SELO_REPORT_PAINT") != "1" {
		return
	}
	a.OnStartup(func(ctx context.Context) {
		runtime.EventsOnce(ctx, string(EventWindowPainted), func(...any) {
			fmt.Fprintf(w, "paint_unix_ms: %d\n", time.Now().UnixMilli())
		})
	})
}
