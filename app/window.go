package app

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// WindowFileName is the file of the data home that remembers where this
// PC's window was. It is this PC's alone (two PCs of an office have other
// screens), so it never goes to the office database.
const WindowFileName = "window.json"

// WindowState is the window's last normal (not maximised) size and
// position, and whether it was maximised on top of them.
type WindowState struct {
	Width     int  `json:"width"`
	Height    int  `json:"height"`
	X         int  `json:"x"`
	Y         int  `json:"y"`
	Maximised bool `json:"maximised"`
}

// WindowSize is a width and height in the window's logical pixels.
type WindowSize struct{ Width, Height int }

// windowDriver is the part of the Wails runtime the memory uses; tests use
// a fake window.
type windowDriver interface {
	Size() (int, int)
	Position() (int, int)
	Maximised() bool
	Minimised() bool
	SetPosition(x, y int)
	SetSize(width, height int)
	// Screens are the sizes of the screens, in the order the desktop has them.
	Screens() []WindowSize
}

// WindowMemory saves the window's geometry while Selo runs (checked every
// few seconds, written only when it changed, and once more at close) and
// gives it back at the next start: the size and maximised state through
// the window options, the position once the page is up.
type WindowMemory struct {
	path     string
	min, def WindowSize
	log      *slog.Logger
	// Every is how often the geometry is checked while the window is open.
	Every time.Duration
	// moveEvery and moveFor pace and bound the wait for a move to show in
	// Position: on Linux GTK moves the window later, once the window
	// manager has agreed.
	moveEvery, moveFor time.Duration

	mu       sync.Mutex
	saved    WindowState
	has      bool // saved came from the file or from the window
	restored bool
	stop     context.CancelFunc
	driver   func(ctx context.Context) windowDriver
}

// NewWindowMemory reads path (a missing or unreadable file means a first
// start: the default size, centred). least is the window's minimum size. An
// empty path (no usable data folder) remembers nothing.
func NewWindowMemory(path string, def, least WindowSize, log *slog.Logger) *WindowMemory {
	m := &WindowMemory{path: path, def: def, min: least, log: log, Every: 2 * time.Second,
		moveEvery: 20 * time.Millisecond, moveFor: 3 * time.Second,
		driver: func(ctx context.Context) windowDriver { return runtimeWindow{ctx} }}
	if path == "" {
		return m
	}
	b, err := os.ReadFile(path)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			log.Warn("window geometry not read", "err", err)
		}
		return m
	}
	var s WindowState
	if err := json.Unmarshal(b, &s); err != nil || s.Width <= 0 || s.Height <= 0 {
		log.Warn("window geometry ignored: not a saved geometry", "file", path)
		return m
	}
	m.saved, m.has = s, true
	return m
}

// Options are the window options for wails.Run: the saved size (never
// under the minimum) and the maximised state.
func (m *WindowMemory) Options() (width, height int, start options.WindowStartState) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.has {
		return m.def.Width, m.def.Height, options.Normal
	}
	width, height = max(m.saved.Width, m.min.Width), max(m.saved.Height, m.min.Height)
	if m.saved.Maximised {
		start = options.Maximised
	}
	return width, height, start
}

// DomReady is Wails' OnDomReady hook: the first time, it puts the window
// back where it was (Wails centres it when it opens) and starts watching
// its geometry.
func (m *WindowMemory) DomReady(ctx context.Context) {
	m.mu.Lock()
	if m.restored {
		m.mu.Unlock()
		return
	}
	m.restored = true
	watch, cancel := context.WithCancel(ctx)
	m.stop = cancel
	m.mu.Unlock()
	// Off the thread that delivered the hook: reading the window waits
	// for the UI thread.
	go func() {
		w := m.driver(ctx)
		m.restore(w)
		m.watch(watch, w)
	}()
}

// BeforeClose is Wails' OnBeforeClose hook: the window is still there, so
// its last geometry is saved. It never keeps the window open.
func (m *WindowMemory) BeforeClose(ctx context.Context) bool {
	m.mu.Lock()
	if m.stop != nil {
		m.stop()
	}
	m.mu.Unlock()
	m.record(m.driver(ctx))
	return false
}

func (m *WindowMemory) restore(w windowDriver) {
	m.mu.Lock()
	s, has := m.saved, m.has
	m.mu.Unlock()
	// A maximised window is where the desktop puts it; moving it would
	// take it out of maximised on some desktops.
	if !has || s.Maximised {
		m.log.Info("window placed by the desktop", "saved", has, "maximised", s.Maximised)
		return
	}
	screens := w.Screens()
	if fit, ok := fitScreen(s, screens, m.min); ok {
		// Saved on a larger monitor than any this PC has now: the window
		// would hang over the edges, so it fits the screen, centred. The
		// place is worked out here: the desktop centres a window by the
		// size it had before the resize took effect.
		w.SetSize(fit.Width, fit.Height)
		sc := screens[0]
		x, y := m.placeAt(w, max(0, (sc.Width-fit.Width)/2), max(0, (sc.Height-fit.Height)/2))
		m.log.Info("window placed centred: the saved size is larger than the screen", "width", fit.Width, "height", fit.Height, "x", x, "y", y)
		return
	}
	if !onScreen(s, screens) {
		m.log.Info("window placed centred: the saved position is off every screen", "x", s.X, "y", s.Y)
		return
	}
	x, y := m.placeAt(w, s.X, s.Y)
	m.log.Info("window placed where it was left", "x", s.X, "y", s.Y, "now_x", x, "now_y", y)
}

// placeAt moves the window so that Position reports x, y (the place
// record saved) and returns where it ended up. Wails does not set and read
// positions from the same origin: on Windows WindowSetPosition counts from
// the monitor's work area while WindowGetPosition gives screen coordinates,
// so with the taskbar at the top or left every start would move the window
// by the taskbar's size; on Linux it counts from the monitor the window is
// on. Whatever the origin, the difference is read back once and made good
// once.
func (m *WindowMemory) placeAt(w windowDriver, x, y int) (int, int) {
	bx, by := w.Position()
	if bx == x && by == y {
		return x, y
	}
	w.SetPosition(x, y)
	gx, gy, ok := m.moved(w, bx, by)
	if !ok {
		// The move never showed (a slow desktop, or no monitor known to
		// Wails): correcting by a difference not measured would send the
		// window elsewhere.
		m.log.Info("window move not seen (Wayland places windows itself): position left uncorrected", "x", gx, "y", gy)
		return gx, gy
	}
	if gx == x && gy == y {
		return x, y
	}
	w.SetPosition(2*x-gx, 2*y-gy)
	m.log.Info("window position corrected: Wails set it from another origin", "dx", gx-x, "dy", gy-y)
	// Only the log reads where the correction landed: a desktop that keeps
	// the window where the first move left it (a top bar it may not cover)
	// must not hold the watcher back for the whole moveFor.
	cx, cy, _ := m.movedWithin(w, gx, gy, min(m.moveFor, correctionLook))
	return cx, cy
}

// correctionLook is how long placeAt looks for the corrected position.
const correctionLook = 300 * time.Millisecond

// moved waits until the window's position is no longer bx, by and holds
// still for one look, and returns it; ok is false when it did not settle
// somewhere new within moveFor.
func (m *WindowMemory) moved(w windowDriver, bx, by int) (x, y int, ok bool) {
	return m.movedWithin(w, bx, by, m.moveFor)
}

// movedWithin is moved with its own time limit.
func (m *WindowMemory) movedWithin(w windowDriver, bx, by int, limit time.Duration) (x, y int, ok bool) {
	deadline := time.Now().Add(limit)
	x, y = w.Position()
	for {
		if time.Now().After(deadline) {
			return x, y, false
		}
		time.Sleep(m.moveEvery)
		nx, ny := w.Position()
		if (x != bx || y != by) && nx == x && ny == y {
			return x, y, true
		}
		x, y = nx, ny
	}
}

func (m *WindowMemory) watch(ctx context.Context, w windowDriver) {
	t := time.NewTicker(m.Every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			m.record(w)
		}
	}
}

// record reads the window and writes the file when something changed. A
// maximised window keeps the normal size and position it had before, so
// "Restaurar" after the next start gives the window the user had set up.
func (m *WindowMemory) record(w windowDriver) {
	// The window is read before taking the lock: each read waits for the
	// UI thread, which must never wait for this lock in turn.
	if w.Minimised() {
		return // an iconified window's position means nothing
	}
	maximised := w.Maximised()
	var width, height, x, y int
	if !maximised {
		width, height = w.Size()
		x, y = w.Position()
		if width <= 0 || height <= 0 {
			return
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	next := m.saved
	if !m.has {
		next.Width, next.Height = m.def.Width, m.def.Height
	}
	next.Maximised = maximised
	if !maximised {
		next.Width, next.Height, next.X, next.Y = width, height, x, y
	}
	if (m.has && next == m.saved) || m.path == "" {
		return
	}
	// Kept even when the write fails, so a folder that refuses it is
	// logged once per change, not at every check.
	m.saved, m.has = next, true
	if err := writeWindowState(m.path, next); err != nil {
		m.log.Warn("window geometry not saved", "err", err)
	}
}

// writeWindowState replaces the file whole, so a crash mid-write leaves
// the previous geometry rather than half a file.
func writeWindowState(path string, s WindowState) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".window-*.json")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// onScreen tells whether enough of the window's top (its title bar) lies on
// the screens for the user to grab it. Wails gives screen sizes without
// their places, so the screens are taken side by side, as most desks have
// them; a position saved on a monitor since unplugged falls outside.
func onScreen(s WindowState, screens []WindowSize) bool {
	if len(screens) == 0 {
		return false
	}
	const grab = 64 // pixels of title bar that must stay reachable
	total, tallest := 0, 0
	for _, sc := range screens {
		total += sc.Width
		tallest = max(tallest, sc.Height)
	}
	return s.X+s.Width >= grab && s.X <= total-grab && s.Y >= -grab/2 && s.Y <= tallest-grab
}

// fitScreen returns the size that fits the largest screen when the saved
// size does not (never under the window's minimum), and whether it had to.
// It leaves a tenth of the screen for the title bar and the desktop's panels,
// which the screen's size includes.
func fitScreen(s WindowState, screens []WindowSize, least WindowSize) (WindowSize, bool) {
	if len(screens) == 0 {
		return WindowSize{}, false
	}
	big := WindowSize{}
	for _, sc := range screens {
		big.Width, big.Height = max(big.Width, sc.Width), max(big.Height, sc.Height)
	}
	room := WindowSize{Width: big.Width * 9 / 10, Height: big.Height * 9 / 10}
	if s.Width <= big.Width && s.Height <= big.Height {
		return WindowSize{}, false
	}
	return WindowSize{Width: max(least.Width, min(s.Width, room.Width)), Height: max(least.Height, min(s.Height, room.Height))}, true
}

// runtimeWindow is windowDriver over the Wails runtime of ctx.
type runtimeWindow struct{ ctx context.Context }

func (r runtimeWindow) Size() (int, int)     { return runtime.WindowGetSize(r.ctx) }
func (r runtimeWindow) Position() (int, int) { return runtime.WindowGetPosition(r.ctx) }
func (r runtimeWindow) Maximised() bool      { return runtime.WindowIsMaximised(r.ctx) }
func (r runtimeWindow) Minimised() bool      { return runtime.WindowIsMinimised(r.ctx) }
func (r runtimeWindow) SetPosition(x, y int) { runtime.WindowSetPosition(r.ctx, x, y) }
func (r runtimeWindow) SetSize(w, h int)     { runtime.WindowSetSize(r.ctx, w, h) }

func (r runtimeWindow) Screens() []WindowSize {
	all, err := runtime.ScreenGetAll(r.ctx)
	if err != nil {
		return nil
	}
	out := make([]WindowSize, 0, len(all))
	for _, s := range all {
		w, h := s.Size.Width, s.Size.Height
		if w == 0 || h == 0 {
			w, h = s.Width, s.Height
		}
		out = append(out, WindowSize{Width: w, Height: h})
	}
	return out
}
