//go:build tools

// Package tools pins the Wails CLI. It lives in its own module because the CLI
// v2.9.2 needs a newer golang.org/x/tools than it declares to compile on the
// Go toolchain this project uses, and that bump must not leak into the app.
package tools

import _ "github.com/wailsapp/wails/v2/cmd/wails"
