//go:build bindings

package app

// GeneratingBindings is true when `wails generate module` runs the program to
// read the bound methods; main then touches no data home, log or database.
const GeneratingBindings = true
