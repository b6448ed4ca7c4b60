// Command bare is the yardstick of the window bench: an empty Wails v2 window
// as `wails init -t vanilla` makes it (one static page, no framework), built
// with the same tags as Selo, so bench-window.sh can say what Selo's own UI
// costs in memory and first paint above what any Wails window costs.
package main

import (
	"embed"
	"fmt"
	"os"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
)

//go:embed index.html
var assets embed.FS

// Paint is bound to the page, which calls Painted once its body is drawn.
// A bound method rather than a runtime event: only app/ imports the Wails
// runtime, and this window needs nothing else from it.
type Paint struct{}

// Painted writes the time of the first paint to stderr when the bench asks
// for it (SELO_REPORT_PAINT=1), in the line bench-window.sh reads.
func (Paint) Painted() {
	if os.Getenv("SELO_REPORT_PAINT") == "1" {
		fmt.Fprintf(os.Stderr, "paint_unix_ms: %d\n", time.Now().UnixMilli())
	}
}

func main() {
	err := wails.Run(&options.App{
		Title:            "Bare",
		Width:            1280,
		Height:           800,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 250, G: 250, B: 252, A: 255},
		Bind:             []any{&Paint{}},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "bare:", err)
		os.Exit(1)
	}
}
