// Package app is the bridge between the Wails window and Selo's backend. It is
// the only package that imports the Wails runtime. Each bound struct serves
// one area of the screen; its methods are a few lines that call backend/ and
// return errors that ErrorFormatter can translate.
package app

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"

	"selo/backend/crm"

	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// App holds the Wails context and the lifecycle hooks.
type App struct {
	log *slog.Logger

	mu  sync.RWMutex
	ctx context.Context

	// Emitter is handed to backend use cases that report progress.
	Emitter Emitter
	// onStartup runs once the window exists, in registration order.
	onStartup []func(context.Context)
	// onShutdown runs when the window closes, in registration order.
	onShutdown []func(context.Context)
	// saves remembers where the last "Salvar como" saved (savefile.go).
	saves saveFolders
}

// New returns an App that logs to log.
func New(log *slog.Logger) *App {
	a := &App{log: log}
	a.Emitter = runtimeEmitter{ctx: a.context}
	return a
}

func (a *App) context() context.Context {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.ctx
}

// Startup is Wails' OnStartup hook.
func (a *App) Startup(ctx context.Context) {
	a.mu.Lock()
	a.ctx = ctx
	a.mu.Unlock()
	a.log.Info("window started")
	for _, fn := range a.onStartup {
		fn(ctx)
	}
}

// OnStartup registers work that must run only in the process that owns the
// window. wire() runs before Wails checks the single-instance lock, so a
// second launch (a double click on the icon) reaches it too; work such as
// resuming unfinished sends belongs here, or both processes would resume
// the same send.
func (a *App) OnStartup(fn func(context.Context)) {
	a.onStartup = append(a.onStartup, fn)
}

// OnShutdown registers cleanup to run when the window closes.
func (a *App) OnShutdown(fn func(context.Context)) {
	a.onShutdown = append(a.onShutdown, fn)
}

// Shutdown is Wails' OnShutdown hook.
func (a *App) Shutdown(ctx context.Context) {
	for _, fn := range a.onShutdown {
		fn(ctx)
	}
	a.log.Info("window closed")
}

// SecondInstance brings the running window forward when Selo is launched
// again, instead of a second process opening the same database.
func (a *App) SecondInstance(data options.SecondInstanceData) {
	c := a.context()
	if c == nil {
		return
	}
	a.log.Info("second launch focused the running window")
	runtime.WindowUnminimise(c)
	runtime.WindowShow(c)
}

// CallRejection is the data of EventCallRejected: the runtime's id of the
// call and its error, the same JSON string ErrorFormatter makes, so the page
// rejects the call exactly as if the bound method had failed.
type CallRejection struct {
	CallbackID string `json:"callbackId"`
	Error      string `json:"error"`
}

// CallRejected answers a call Wails failed outside the bound method (see
// logging.WailsLogger.Rejected): arguments of the wrong type or count get
// crm.CodeBadArguments, anything else (a panic, an unknown method) internal.
// Wails' dev server drops its own answer to such a call and the production
// window answers with a raw Go message; this answer reaches both.
func (a *App) CallRejected(callbackID string, badArgs bool) {
	code := crm.CodeInternal
	if badArgs {
		code = crm.CodeBadArguments
	}
	b, _ := json.Marshal(ErrorPayload{Code: code})
	a.Emitter.Emit(string(EventCallRejected), CallRejection{CallbackID: callbackID, Error: string(b)})
}

// quit closes the window; main decides what happens next.
func (a *App) quit() {
	if c := a.context(); c != nil {
		runtime.Quit(c)
	}
}

// openURL opens a web address in the default browser.
func (a *App) openURL(u string) {
	if c := a.context(); c != nil {
		runtime.BrowserOpenURL(c, u)
	}
}

// openPath opens a folder or file with the desktop's default program.
func (a *App) openPath(p string) {
	if c := a.context(); c != nil {
		runtime.BrowserOpenURL(c, fileURL(p))
	}
}
