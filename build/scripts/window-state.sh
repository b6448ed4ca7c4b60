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
self=$(realpath "$0")
bin=${1:-$(dirname "$self")/../bin/selo}
[ -e "$bin" ] && bin=$(realpath "$bin")
cd "$(dirname "$self")/../.."

[ -x "$bin" ] || { echo "window-state: $bin not found (make build)" >&2; exit 1; }
for tool in xvfb-run dbus-run-session openbox wmctrl xdotool xprop; do
  command -v "$tool" >/dev/null || {
    echo "window-state: $tool not found (apt-get install xvfb xauth dbus openbox wmctrl xdotool x11-utils)" >&2
    exit 1
  }
done

SCREEN_W=1366
SCREEN_H=900
if [ -z "${SELO_WINDOW_SESSION:-}" ]; then
  exec env SELO_WINDOW_SESSION=1 xvfb-run -a -s "-screen 0 ${SCREEN_W}x${SCREEN_H}x24" \
    dbus-run-session -- "$self" "$bin" 2> >(grep -v -e 'SpiRegistry daemon' -e 'Failed to set fd limit' -e '^dbus-daemon\[' >&2)
fi

tmp=$(mktemp -d)
export SELO_DATA_DIR=$tmp/data
pid="" wm="" wid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  [ -n "$wm" ] && kill "$wm" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "window-state: FAIL: $*" >&2
  [ -f "$tmp/app.log" ] && tail -15 "$tmp/app.log" >&2
  exit 1
}

openbox --sm-disable >"$tmp/openbox.log" 2>&1 &
wm=$!
for _ in $(seq 1 40); do wmctrl -m >/dev/null 2>&1 && break; sleep 0.25; done

# geometry: the client area as X sees it, "WxH+X+Y".
geometry() {
  xdotool getwindowgeometry --shell "$wid" | awk -F= '{v[$1]=$2} END {printf "%sx%s+%s+%s", v["WIDTH"], v["HEIGHT"], v["X"], v["Y"]}'
}
maximised() { xprop -id "$wid" _NET_WM_STATE | grep -q '_NET_WM_STATE_MAXIMIZED_VERT.*_NET_WM_STATE_MAXIMIZED_HORZ\|_NET_WM_STATE_MAXIMIZED_HORZ.*_NET_WM_STATE_MAXIMIZED_VERT'; }

# start: runs Selo and waits for its window and for its page: the position
# is put back once the page is up, and the log then says "window placed".
start() {
  wid=""
  "$bin" >"$tmp/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || fail "Selo exited before showing its window"
    [ -n "$wid" ] || wid=$(xdotool search --onlyvisible --name '^Selo$' 2>/dev/null | head -1 || true)
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
close() {
  wmctrl -i -c "$wid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && fail "still running 15s after the close request"
  local rc=0
  wait "$pid" || rc=$?
  pid=""
  [ "$rc" = 0 ] || fail "exit code $rc after the close request"
}

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
