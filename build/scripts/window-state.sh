#!/usr/bin/env bash
# The production window remembers its size, position and maximised state:
# under Xvfb with a window manager (openbox), as a user would,
#   1. start Selo on a fresh data folder, move and resize its window, close it
#      (the window manager's close request), start again: same place and size;
#   2. maximise, close, start again: maximised; "Restaurar" (unmaximise) gives
#      back the size of step 1;
#   3. a saved position off every screen (a monitor since unplugged) is
#      ignored: the window opens centred, with the saved size;
#   4. a size saved on a bigger monitor is fitted to this screen.
# Usage: window-state.sh [BINARY]   (default build/bin/selo, which make build builds)
set -euo pipefail
. "$(dirname "$(realpath "$0")")/lib-window.sh"
window_script window-state "$@"
need_tools "apt-get install xvfb xauth dbus openbox wmctrl xdotool x11-utils" \
  xvfb-run dbus-run-session openbox wmctrl xdotool xprop

SCREEN_W=1366
SCREEN_H=900
in_window_session "${SCREEN_W}x${SCREEN_H}" "$self" "$bin"

window_tmp
fail() {
  echo "window-state: FAIL: $*" >&2
  [ -f "$tmp/app.log" ] && tail -15 "$tmp/app.log" >&2
  exit 1
}

start_wm

geometry() { window_geometry "$wid"; }
maximised() { xprop -id "$wid" _NET_WM_STATE | grep -q '_NET_WM_STATE_MAXIMIZED_VERT.*_NET_WM_STATE_MAXIMIZED_HORZ\|_NET_WM_STATE_MAXIMIZED_HORZ.*_NET_WM_STATE_MAXIMIZED_VERT'; }

# start: runs Selo and waits for its window and for its page: the position
# is put back once the page is up, and the log then says "window placed".
start() {
  wid=""
  "$bin" >"$tmp/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || fail "Selo exited before showing its window"
    [ -n "$wid" ] || wid=$(selo_window)
    [ -n "$wid" ] && grep -rqs 'window placed' "$tmp/app.log" "$SELO_DATA_DIR/logs" && return 0
    sleep 0.25
  done
  fail "no Selo window within 30s"
}

# settle: waits until the window's geometry holds still for a second.
settle() {
  local last="" now same=0
  for _ in $(seq 1 80); do
    now=$(geometry)$(maximised && echo M || true)
    if [ "$now" = "$last" ]; then
      same=$((same + 1))
      [ $same -ge 4 ] && return 0
    else
      same=0
      last=$now
    fi
    sleep 0.25
  done
}

# close: the title bar's X (the window manager's close request), then exit 0.
close() { close_window || fail "$close_error"; }

# 1. Move and resize, close, start again.
start
settle
first=$(geometry)
echo "window-state: first start at $first (default size, centred)"
wmctrl -i -r "$wid" -e 0,37,41,1111,733
settle
moved=$(geometry)
[ "$moved" != "$first" ] || fail "the window manager did not move the window"
echo "window-state: moved and resized to $moved"
close
[ -f "$SELO_DATA_DIR/window.json" ] || fail "no window.json after the close"
echo "window-state: saved $(cat "$SELO_DATA_DIR/window.json")"
start
settle
again=$(geometry)
echo "window-state: second start at $again"
[ "$again" = "$moved" ] || fail "reopened at $again, left at $moved"
maximised && fail "reopened maximised, closed normal"

# 2. Maximise, close, start again; Restaurar gives the size of step 1 back.
wmctrl -i -r "$wid" -b add,maximized_vert,maximized_horz
settle
maximised || fail "the window manager did not maximise the window"
echo "window-state: maximised to $(geometry)"
close
echo "window-state: saved $(cat "$SELO_DATA_DIR/window.json")"
start
settle
maximised || fail "reopened not maximised, closed maximised ($(geometry))"
echo "window-state: third start maximised at $(geometry)"
wmctrl -i -r "$wid" -b remove,maximized_vert,maximized_horz
settle
restored=$(geometry)
[ "${restored%%+*}" = "${moved%%+*}" ] || fail "Restaurar gave $restored, the normal size was $moved"
echo "window-state: Restaurar gives back ${restored%%+*}"
close

# 3. A position off every screen is ignored: centred, with the saved size.
printf '{"width":1111,"height":733,"x":%d,"y":120,"maximised":false}' $((SCREEN_W + 1500)) >"$SELO_DATA_DIR/window.json"
start
settle
off=$(geometry)
x=${off#*+}
x=${x%%+*}
[ "${off%%+*}" = 1111x733 ] || fail "saved size not used with an off-screen position: $off"
[ "$x" -ge 0 ] && [ "$x" -lt $((SCREEN_W - 100)) ] || fail "opened off the screen at $off"
echo "window-state: a position off every screen is ignored: opened at $off"
close

# 4. A size saved on a bigger monitor fits this screen.
echo '{"width":2400,"height":1300,"x":10,"y":10,"maximised":false}' >"$SELO_DATA_DIR/window.json"
start
settle
big=$(geometry)
IFS='x+' read -r w h bx by <<<"$big"
[ "$bx" -ge 0 ] && [ "$by" -ge 0 ] && [ $((bx + w)) -le $SCREEN_W ] && [ $((by + h)) -le $SCREEN_H ] ||
  fail "a window saved at 2400x1300 opened at $big, over the edge of a ${SCREEN_W}x${SCREEN_H} screen"
echo "window-state: a size saved on a bigger monitor fits the screen: $big"
close
echo "window-state: ok"
