# Sourced (not run) by the scripts that check the production window under
# Xvfb (smoke.sh, window-state.sh, preview-window.sh, smoke-upload.sh): the
# private X display and session bus, a fresh data folder, the window manager,
# the keyring, finding Selo's window and waiting for it to be drawn or to
# hold still, the title bar's close, and window_session, smoke.sh's whole
# check (open a Selo binary, screenshot it, check the picture is not blank,
# close it the way a user does and check the exit code and the database).
# The scripts source it first, then call window_script.
# Needs Debian packages: xvfb xauth dbus openbox wmctrl xdotool imagemagick
# sqlite3 (gnome-keyring for start_keyring, x11-utils for window-state.sh).
#
# Globals the helpers share with the script: who (the script's name), self,
# bin, tmp (the temporary folder), pid (Selo's process), wm (the window
# manager's), wid (Selo's window).

# window_script WHO [BINARY]: what every window script does first. WHO
# names the script in its messages; self is the script, bin the binary to
# check (BINARY, default build/bin/selo, which make build builds), the
# repository root becomes the working folder. Stops when bin is missing.
window_script() {
  who=$1
  self=$(realpath "$0")
  bin=${2:-$(dirname "$self")/../bin/selo}
  [ -e "$bin" ] && bin=$(realpath "$bin")
  cd "$(dirname "$self")/../.."
  [ -x "$bin" ] || { echo "$who: $bin not found (make build)" >&2; exit 1; }
}

# need_tools HINT TOOL...: stops the script, naming the first TOOL not
# installed (and HINT, what to install, when not empty).
need_tools() {
  local hint=$1 tool
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || {
      echo "$who: $tool not found${hint:+ ($hint)}" >&2
      exit 1
    }
  done
}

# in_window_session WxH SCRIPT ARG...: outside a window session, runs
# SCRIPT ARG... again inside a private X display of WxH pixels and a session
# bus of its own, in place of this shell, without the chatter WebKit and
# D-Bus print on stderr. Inside it (SELO_WINDOW_SESSION set), returns.
in_window_session() {
  [ -n "${SELO_WINDOW_SESSION:-}" ] && return 0
  local screen=$1
  shift
  exec env SELO_WINDOW_SESSION=1 xvfb-run -a -s "-screen 0 ${screen}x24" \
    dbus-run-session -- "$@" 2> >(grep --line-buffered -v -e 'SpiRegistry daemon' -e 'Failed to set fd limit' -e '^dbus-daemon\[' >&2)
}

# window_tmp: a temporary folder ($tmp) holding a fresh data folder
# (SELO_DATA_DIR); at exit Selo and the window manager, if still running,
# are stopped and the folder removed.
window_tmp() {
  tmp=$(mktemp -d)
  export SELO_DATA_DIR=$tmp/data
  pid="" wm="" wid=""
  trap window_cleanup EXIT
}
window_cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  [ -n "$wm" ] && kill "$wm" 2>/dev/null || true
  rm -rf "$tmp"
}

# start_wm: a window manager (openbox), as on a desktop: it places the
# window, draws its title bar and turns the title bar's X into a close
# request. Waits (up to 10 s) until it answers.
start_wm() {
  openbox --sm-disable >"$tmp/openbox.log" 2>&1 &
  wm=$!
  local i
  for i in $(seq 1 40); do wmctrl -m >/dev/null 2>&1 && break; sleep 0.25; done
}

# start_keyring PASSWORD: a fresh, unlocked keyring in $tmp, as on a
# logged-in desktop (Selo keeps its keys in the Secret Service). Waits
# until the daemon owns the Secret Service name: asked before, D-Bus would
# start a second daemon that waits on a prompt.
start_keyring() {
  export XDG_DATA_HOME=$tmp/keyring
  mkdir -p "$XDG_DATA_HOME"
  echo -n "$1" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  local i
  for i in $(seq 1 50); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
      string:org.freedesktop.secrets 2>/dev/null | grep -q true && break
    sleep 0.1
  done
}

# selo_window: the id of Selo's visible window, empty while there is none.
selo_window() { xdotool search --onlyvisible --name '^Selo$' 2>/dev/null | head -1 || true; }

# window_geometry WID: the window's client area as X sees it, "WxH+X+Y".
window_geometry() {
  xdotool getwindowgeometry --shell "$1" | awk -F= '{v[$1]=$2} END {printf "%sx%s+%s+%s", v["WIDTH"], v["HEIGHT"], v["X"], v["Y"]}'
}

# open_drawn_window BIN: starts BIN ($pid, its output in $tmp/app.log) and
# waits (up to a minute) for its window ($wid) to be drawn (not blank in a
# screenshot). Calls the script's fail when BIN exits or no window shows.
open_drawn_window() {
  "$1" >"$tmp/app.log" 2>&1 &
  pid=$!
  wid=""
  local i geom
  for i in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || fail "$1 exited before showing its window"
    [ -n "$wid" ] || wid=$(selo_window)
    if [ -n "$wid" ]; then
      geom=$(window_geometry "$wid")
      import -window root "$tmp/shot.png"
      not_blank "$tmp/shot.png" "$geom" >/dev/null && break
    fi
    sleep 0.5
  done
  [ -n "$wid" ] || fail "no Selo window"
}

# settle_screen: waits (up to 15 s) until the screen stops changing, so the
# next click or key lands on what has finished drawing on a busy machine. A
# few pixels may differ: a text caret blinks.
settle_screen() {
  local i n
  import -window root "$tmp/settle-a.png"
  for i in $(seq 1 50); do
    sleep 0.3
    import -window root "$tmp/settle-b.png"
    n=$(compare -metric AE -fuzz 2% "$tmp/settle-a.png" "$tmp/settle-b.png" null: 2>&1 || true)
    [ "${n%%.*}" -lt 200 ] 2>/dev/null && return 0
    mv "$tmp/settle-b.png" "$tmp/settle-a.png"
  done
}

# close_window: the title bar's X on $wid (_NET_CLOSE_WINDOW, which openbox
# turns into WM_DELETE_WINDOW), then Selo ($pid) must exit with code 0
# within 15 s. Otherwise it is stopped, close_error says what went wrong
# and close_window fails.
close_error=""
close_window() {
  local i rc=0
  close_error=""
  wmctrl -i -c "$wid"
  for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$pid" 2>/dev/null; then
    close_error="still running 15s after the close request"
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=""
    return 1
  fi
  wait "$pid" || rc=$?
  pid=""
  [ "$rc" = 0 ] || { close_error="exit code $rc after the close request"; return 1; }
}

# A window counts as drawn when its area of the screenshot has at least this
# many distinct colours and this standard deviation (0..1). A blank Xvfb
# screen has 1 colour and 0; an empty white web view about 1 colour.
MIN_COLOURS=${MIN_COLOURS:-32}
MIN_STDDEV=${MIN_STDDEV:-0.02}

# not_blank FILE [CROP]: succeeds when the picture (or its CROP, WxH+X+Y) is
# not blank; prints what it measured.
not_blank() {
  local file=$1 crop=${2:-} stats colours stddev
  if [ -n "$crop" ]; then
    stats=$(convert "$file" -crop "$crop" +repage -format '%k %[fx:standard_deviation]' info:)
  else
    stats=$(convert "$file" -format '%k %[fx:standard_deviation]' info:)
  fi
  read -r colours stddev <<<"$stats"
  echo "  $(basename "$file")${crop:+ [$crop]}: $colours colours, stddev $stddev (need >= $MIN_COLOURS, >= $MIN_STDDEV)"
  awk -v c="$colours" -v s="$stddev" -v mc="$MIN_COLOURS" -v ms="$MIN_STDDEV" 'BEGIN { exit !(c >= mc && s >= ms) }'
}

# window_session BINARY ARTIFACT: the whole check. Runs BINARY with a fresh
# SELO_DATA_DIR; leaves the screenshot at ARTIFACT.
window_session() {
  local bin=$1 artifact=$2 tmp pid wid="" wm geom i rc db
  tmp=$(mktemp -d)
  export SELO_DATA_DIR=$tmp/data
  echo "window: display $DISPLAY, data folder $SELO_DATA_DIR"

  # The check must reject a blank screen: prove it on this empty display.
  import -window root "$tmp/blank.png"
  if not_blank "$tmp/blank.png"; then
    echo "window: FAIL: the blank-screen check accepted an empty screen" >&2
    rm -rf "$tmp"
    return 1
  fi
  # ...and a window of nothing but the app's background colour (an empty web view).
  convert -size 1280x800 'xc:rgb(250,250,252)' -fill '#1d6f5f' -draw 'rectangle 0,0 1279,1' "$tmp/empty-view.png"
  if not_blank "$tmp/empty-view.png"; then
    echo "window: FAIL: the blank-screen check accepted an empty web view" >&2
    rm -rf "$tmp"
    return 1
  fi
  echo "window: an empty screen and an empty web view are rejected as blank, as they should be"

  start_wm

  local start=$SECONDS
  "$bin" >"$tmp/app.log" 2>&1 &
  pid=$!
  local ok=""
  for i in $(seq 1 60); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "window: FAIL: $bin exited before showing its window" >&2
      break
    fi
    [ -n "$wid" ] || wid=$(selo_window)
    if [ -n "$wid" ]; then
      geom=$(window_geometry "$wid")
      import -window root "$tmp/shot.png"
      if not_blank "$tmp/shot.png" "$geom" >"$tmp/measure.txt"; then
        ok=1
        break
      fi
    fi
    sleep 0.5
  done
  [ -f "$tmp/measure.txt" ] && cat "$tmp/measure.txt"
  if [ -f "$tmp/shot.png" ]; then
    mkdir -p "$(dirname "$artifact")"
    cp "$tmp/shot.png" "$artifact"
    echo "window: screenshot: $(realpath "$artifact")"
  fi
  if [ -z "$ok" ]; then
    echo "window: FAIL: no drawn Selo window within 30s (window id: ${wid:-none})" >&2
    tail -20 "$tmp/app.log" >&2
    kill "$pid" 2>/dev/null || true
    kill "$wm" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -rf "$tmp"
    return 1
  fi
  echo "window: drawn window $wid ($geom) after $((SECONDS - start))s"

  rc=0
  close_window || rc=1
  kill "$wm" 2>/dev/null || true
  wait "$wm" 2>/dev/null || true
  if [ "$rc" != 0 ]; then
    echo "window: FAIL: $close_error" >&2
    tail -20 "$tmp/app.log" >&2
    rm -rf "$tmp"
    return 1
  fi
  echo "window: closed on request, exit code 0"

  db=$SELO_DATA_DIR/selo.db
  local integrity=""
  [ -f "$db" ] && integrity=$(sqlite3 "file:$db?mode=ro" 'PRAGMA integrity_check;' 2>&1)
  if [ "$integrity" != ok ]; then
    echo "window: FAIL: database integrity_check: ${integrity:-no database at $db}" >&2
    rm -rf "$tmp"
    return 1
  fi
  # A clean close checkpoints the write-ahead log and removes it.
  if [ -s "$db-wal" ]; then
    echo "window: FAIL: $db-wal left behind: the database was not closed" >&2
    rm -rf "$tmp"
    return 1
  fi
  echo "window: database integrity_check = ok, no write-ahead log left"
  rm -rf "$tmp"
}
