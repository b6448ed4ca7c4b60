//go:build !bindings

package app

// GeneratingBindings is false in every real build.
const GeneratingBindings = false
