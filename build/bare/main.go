// Command bare is the yardstick of the window bench: an empty Wails v2 window
// as `wails init -t vanilla` makes it (one static page, no framework), built
// with the same tags as Selo, so bench-window.sh can say what Selo's own UI
// costs in memory and first paint above what any Wails window costs.
package main

import (
	"context"
	"embed"
	"fmt"
	"os"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

//go:embed index.html
var assets embed.FS

func main() {
	err := wails.Run(&options.App{
		Title:            "Bare",
		Width:            1280,
		Height:           800,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 250, G: 250, B: 252, A: 255},
		OnStartup: func(ctx context.Context) {
			// The same report as Selo's (app.ReportPaint), for the same script.
			if os.Getenv("SELO_REPORT_PAINT") != "1" {
				return
			}
			runtime.EventsOnce(ctx, "window:painted", func(...any) {
				fmt.Fprintf(os.Stderr, "paint_unix_ms: %d\n", time.Now().UnixMilli())
			})
		},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "bare:", err)
		os.Exit(1)
	}
}
