package app

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/wailsapp/wails/v2/pkg/options"
)

// fakeWindow is a window the test moves, resizes and maximises.
type fakeWindow struct {
	mu                   sync.Mutex
	w, h, x, y           int
	maximised, minimised bool
	screens              []WindowSize
	moved                []int
	resized              []int
	// offX, offY are added by SetPosition, as Wails on Windows adds the
	// work area's origin (the taskbar's size when it is at the top or left)
	// while Position gives screen coordinates.
	offX, offY int
	// lag is how long a move takes to show in Position, as with GTK and a
	// window manager.
	lag time.Duration
	// stuck windows ignore SetPosition, as on Wayland.
	stuck bool
}

func (f *fakeWindow) Size() (int, int)     { f.mu.Lock(); defer f.mu.Unlock(); return f.w, f.h }
func (f *fakeWindow) Position() (int, int) { f.mu.Lock(); defer f.mu.Unlock(); return f.x, f.y }
func (f *fakeWindow) Maximised() bool      { f.mu.Lock(); defer f.mu.Unlock(); return f.maximised }
func (f *fakeWindow) Minimised() bool      { f.mu.Lock(); defer f.mu.Unlock(); return f.minimised }
func (f *fakeWindow) Screens() []WindowSize {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.screens
}
func (f *fakeWindow) SetPosition(x, y int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.moved = append(f.moved, x, y)
	apply := func() { f.x, f.y = x+f.offX, y+f.offY }
	if f.stuck {
		return
	}
	if f.lag == 0 {
		apply()
		return
	}
	time.AfterFunc(f.lag, func() { f.set(func(*fakeWindow) { apply() }) })
}
func (f *fakeWindow) SetSize(w, h int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.w, f.h = w, h
	f.resized = append(f.resized, w, h)
}
func (f *fakeWindow) set(fn func(*fakeWindow)) { f.mu.Lock(); defer f.mu.Unlock(); fn(f) }
func (f *fakeWindow) movedTo() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]int(nil), f.moved...)
}

var (
	defSize = WindowSize{Width: 1280, Height: 800}
	minSize = WindowSize{Width: 1024, Height: 680}
	oneFHD  = []WindowSize{{Width: 1920, Height: 1080}}
)

func memory(t *testing.T, path string, w *fakeWindow) *WindowMemory {
	t.Helper()
	m := NewWindowMemory(path, defSize, minSize, slog.New(slog.DiscardHandler))
	m.Every = 5 * time.Millisecond
	m.driver = func(context.Context) windowDriver { return w }
	return m
}

func readState(t *testing.T, path string) WindowState {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s WindowState
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// waitAt waits (up to 5 s) for the window to be at x, y as Position reads it.
func waitAt(t *testing.T, w *fakeWindow, x, y int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		gx, gy := w.Position()
		if gx == x && gy == y {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the window is at %d,%d, want %d,%d (moved to %v)", gx, gy, x, y, w.movedTo())
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestWindowReopensWhereItWasLeft(t *testing.T) {
	path := filepath.Join(t.TempDir(), WindowFileName)

	// First start: no file, the default size, centred (not moved).
	first := &fakeWindow{w: 1280, h: 800, x: 320, y: 140, screens: oneFHD}
	m := memory(t, path, first)
	if w, h, st := m.Options(); w != 1280 || h != 800 || st != options.Normal {
		t.Fatalf("first start: %dx%d state %v", w, h, st)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m.DomReady(ctx)
	// The user moves and resizes it: saved while it runs, without a close.
	first.set(func(f *fakeWindow) { f.w, f.h, f.x, f.y = 1500, 900, 200, 60 })
	waitFor(t, "the moved window saved", func() bool {
		_, err := os.Stat(path)
		return err == nil && readState(t, path) == WindowState{Width: 1500, Height: 900, X: 200, Y: 60}
	})
	if len(first.movedTo()) != 0 {
		t.Fatalf("a first start moved the window: %v", first.movedTo())
	}
	first.set(func(f *fakeWindow) { f.x, f.y = 210, 70 })
	m.BeforeClose(ctx)
	if got := readState(t, path); got != (WindowState{Width: 1500, Height: 900, X: 210, Y: 70}) {
		t.Fatalf("at close: %+v", got)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("window.json mode %v, want 0600", fi.Mode().Perm())
	}

	// Next start: that size, and the window put back where it was.
	second := &fakeWindow{w: 1500, h: 900, x: 210, y: 90, screens: oneFHD}
	m2 := memory(t, path, second)
	if w, h, st := m2.Options(); w != 1500 || h != 900 || st != options.Normal {
		t.Fatalf("second start: %dx%d state %v", w, h, st)
	}
	m2.DomReady(ctx)
	waitFor(t, "the window moved back", func() bool { return len(second.movedTo()) == 2 })
	if got := second.movedTo(); got[0] != 210 || got[1] != 70 {
		t.Fatalf("moved to %v, want 210,70", got)
	}
	m2.DomReady(ctx) // a page reload does not move it again
	time.Sleep(20 * time.Millisecond)
	if got := second.movedTo(); len(got) != 2 {
		t.Fatalf("moved again on a reload: %v", got)
	}
}

func TestMaximisedWindowKeepsItsNormalSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), WindowFileName)
	if err := writeWindowState(path, WindowState{Width: 1300, Height: 820, X: 40, Y: 30}); err != nil {
		t.Fatal(err)
	}
	w := &fakeWindow{w: 1300, h: 820, x: 310, y: 130, screens: oneFHD}
	m := memory(t, path, w)
	ctx := context.Background()
	m.DomReady(ctx)
	waitFor(t, "restore", func() bool { return len(w.movedTo()) == 2 })
	// Maximised: the screen's size is not what "Restaurar" should give back.
	w.set(func(f *fakeWindow) { f.maximised, f.w, f.h, f.x, f.y = true, 1920, 1050, 0, 0 })
	m.BeforeClose(ctx)
	if got := readState(t, path); got != (WindowState{Width: 1300, Height: 820, X: 40, Y: 30, Maximised: true}) {
		t.Fatalf("maximised saved as %+v", got)
	}
	next := &fakeWindow{screens: oneFHD}
	m2 := memory(t, path, next)
	if wd, ht, st := m2.Options(); wd != 1300 || ht != 820 || st != options.Maximised {
		t.Fatalf("after a maximised close: %dx%d state %v", wd, ht, st)
	}
	m2.DomReady(ctx)
	time.Sleep(20 * time.Millisecond)
	if got := next.movedTo(); len(got) != 0 {
		t.Fatalf("a maximised window was moved: %v", got)
	}
	// A minimised window at close changes nothing.
	next.set(func(f *fakeWindow) { f.minimised, f.x, f.y = true, -32000, -32000 })
	m2.BeforeClose(ctx)
	if got := readState(t, path); got.X != 40 || !got.Maximised {
		t.Fatalf("minimised window recorded: %+v", got)
	}
}

func TestSavedPositionOffEveryScreenIsIgnored(t *testing.T) {
	cases := []struct {
		name    string
		state   WindowState
		screens []WindowSize
		moved   bool
	}{
		{"on the screen", WindowState{Width: 1280, Height: 800, X: 100, Y: 50}, oneFHD, true},
		{"on the second monitor", WindowState{Width: 1280, Height: 800, X: 2500, Y: 100}, []WindowSize{{1920, 1080}, {1920, 1080}}, true},
		{"second monitor unplugged", WindowState{Width: 1280, Height: 800, X: 2500, Y: 100}, oneFHD, false},
		{"above the screen", WindowState{Width: 1280, Height: 800, X: 100, Y: -500}, oneFHD, false},
		{"below the screen", WindowState{Width: 1280, Height: 800, X: 100, Y: 1070}, oneFHD, false},
		{"left of the screen", WindowState{Width: 1280, Height: 800, X: -1270, Y: 100}, oneFHD, false},
		{"no screen known", WindowState{Width: 1280, Height: 800, X: 100, Y: 50}, nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), WindowFileName)
			if err := writeWindowState(path, c.state); err != nil {
				t.Fatal(err)
			}
			w := &fakeWindow{w: 1280, h: 800, x: 320, y: 140, screens: c.screens}
			m := memory(t, path, w)
			m.Every = time.Hour
			m.DomReady(context.Background())
			if c.moved {
				waitFor(t, "restore", func() bool { return len(w.movedTo()) == 2 })
			} else {
				time.Sleep(30 * time.Millisecond)
				if got := w.movedTo(); len(got) != 0 {
					t.Fatalf("moved to %v, want left centred", got)
				}
			}
		})
	}
}

func TestUnreadableWindowFileMeansFirstStart(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"garbage": "{not json", "zero": `{"width":0,"height":0}`} {
		path := filepath.Join(dir, name+".json")
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		m := NewWindowMemory(path, defSize, minSize, slog.New(slog.DiscardHandler))
		if w, h, st := m.Options(); w != 1280 || h != 800 || st != options.Normal {
			t.Fatalf("%s: %dx%d %v", name, w, h, st)
		}
	}
	// A size under the minimum (a file edited by hand) opens at the minimum.
	path := filepath.Join(dir, "small.json")
	if err := writeWindowState(path, WindowState{Width: 300, Height: 200}); err != nil {
		t.Fatal(err)
	}
	if w, h, _ := NewWindowMemory(path, defSize, minSize, slog.New(slog.DiscardHandler)).Options(); w != 1024 || h != 680 {
		t.Fatalf("small: %dx%d", w, h)
	}
}

func TestWindowSavedOnABiggerMonitorFitsTheScreen(t *testing.T) {
	path := filepath.Join(t.TempDir(), WindowFileName)
	if err := writeWindowState(path, WindowState{Width: 2400, Height: 1300, X: 100, Y: 40}); err != nil {
		t.Fatal(err)
	}
	laptop := []WindowSize{{Width: 1366, Height: 768}}
	w := &fakeWindow{w: 2400, h: 1300, screens: laptop}
	m := memory(t, path, w)
	m.Every = time.Hour
	m.DomReady(context.Background())
	waitFor(t, "the window fitted", func() bool { return len(w.movedTo()) == 2 })
	w.mu.Lock()
	defer w.mu.Unlock()
	// A tenth of the screen left for the title bar and panels, never under the minimum.
	if len(w.resized) != 2 || w.resized[0] != 1229 || w.resized[1] != 691 {
		t.Fatalf("resized to %v, want 1229x691", w.resized)
	}
	// Centred on the screen: (1366-1229)/2, (768-691)/2.
	if w.moved[0] != 68 || w.moved[1] != 38 {
		t.Fatalf("moved to %v, want 68,38", w.moved)
	}
}

// Wails sets a position from another origin than it reads it from (on
// Windows the work area's, after a taskbar at the top or left): the window
// must still reopen where it was left, start after start, not creep by the
// taskbar's size each time.
func TestWindowReopensWhereItWasLeftWhenWailsSetsFromAnotherOrigin(t *testing.T) {
	cases := []struct {
		name       string
		offX, offY int
		lag        time.Duration
	}{
		{"taskbar at the top", 0, 40, 0},
		{"taskbar on the left", 62, 0, 0},
		{"taskbar at the top, the move shown late", 0, 40, 60 * time.Millisecond},
		{"no offset", 0, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), WindowFileName)
			left := WindowState{Width: 1280, Height: 800, X: 200, Y: 60}
			if err := writeWindowState(path, left); err != nil {
				t.Fatal(err)
			}
			for start := 1; start <= 3; start++ {
				// Wails opens it centred, then the page comes up.
				w := &fakeWindow{w: 1280, h: 800, x: 320, y: 140, screens: oneFHD, offX: c.offX, offY: c.offY, lag: c.lag}
				m := memory(t, path, w)
				m.Every = time.Hour
				ctx, cancel := context.WithCancel(context.Background())
				m.DomReady(ctx)
				waitAt(t, w, left.X, left.Y)
				// Nothing moves it afterwards (a late correction would).
				time.Sleep(3*c.lag + 20*time.Millisecond)
				if x, y := w.Position(); x != left.X || y != left.Y {
					t.Fatalf("start %d: the window is at %d,%d, left at %d,%d", start, x, y, left.X, left.Y)
				}
				m.BeforeClose(ctx)
				cancel()
				if got := readState(t, path); got != left {
					t.Fatalf("start %d: closed untouched, saved as %+v, want %+v", start, got, left)
				}
			}
		})
	}
}

// The window fitted to a smaller screen is centred on it whatever origin
// Wails sets positions from.
func TestWindowFittedToTheScreenIsCentredWhenWailsSetsFromAnotherOrigin(t *testing.T) {
	path := filepath.Join(t.TempDir(), WindowFileName)
	if err := writeWindowState(path, WindowState{Width: 2400, Height: 1300, X: 100, Y: 40}); err != nil {
		t.Fatal(err)
	}
	w := &fakeWindow{w: 2400, h: 1300, screens: []WindowSize{{Width: 1366, Height: 768}}, offX: 0, offY: 40}
	m := memory(t, path, w)
	m.Every = time.Hour
	m.DomReady(context.Background())
	waitAt(t, w, 68, 38) // (1366-1229)/2, (768-691)/2
}

// A desktop that ignores moves (Wayland) shows no difference to correct:
// the window is not sent anywhere else on a guess.
func TestWindowThatCannotBeMovedIsNotMovedAgain(t *testing.T) {
	path := filepath.Join(t.TempDir(), WindowFileName)
	if err := writeWindowState(path, WindowState{Width: 1280, Height: 800, X: 200, Y: 60}); err != nil {
		t.Fatal(err)
	}
	w := &fakeWindow{w: 1280, h: 800, x: 320, y: 140, screens: oneFHD, stuck: true}
	m := memory(t, path, w)
	m.Every = time.Hour
	m.moveFor = 50 * time.Millisecond
	m.DomReady(context.Background())
	waitFor(t, "the move asked", func() bool { return len(w.movedTo()) >= 2 })
	time.Sleep(m.moveFor + 100*time.Millisecond)
	if got := w.movedTo(); len(got) != 2 || got[0] != 200 || got[1] != 60 {
		t.Fatalf("moves asked: %v, want only 200,60", got)
	}
}
