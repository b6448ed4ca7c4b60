package app

import (
	"context"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Emitter sends an event to the frontend. Backend use cases depend on this
// interface, never on the Wails runtime, so they run unchanged in tests.
type Emitter interface {
	Emit(name string, data ...any)
}

// runtimeEmitter emits through the Wails runtime once the app has started.
type runtimeEmitter struct {
	ctx func() context.Context
}

// Emit forwards to runtime.EventsEmit, dropping events sent before start-up
// (there is no window yet to receive them).
func (e runtimeEmitter) Emit(name string, data ...any) {
	if c := e.ctx(); c != nil {
		runtime.EventsEmit(c, name, data...)
	}
}
