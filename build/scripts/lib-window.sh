# Shared by smoke.sh and deb-test.sh (sourced, not run): open a Selo binary
# in a real window on the current X display (Xvfb), screenshot it, check the
# picture is not blank, close the window the way a user does (the window
# manager's close request) and check the exit code and the database.
# Needs Debian packages: xvfb xauth dbus openbox wmctrl xdotool imagemagick sqlite3.

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

  openbox --sm-disable >"$tmp/openbox.log" 2>&1 &
  wm=$!
  for i in $(seq 1 40); do wmctrl -m >/dev/null 2>&1 && break; sleep 0.25; done

  local start=$SECONDS
  "$bin" >"$tmp/app.log" 2>&1 &
  pid=$!
  local ok=""
  for i in $(seq 1 60); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "window: FAIL: $bin exited before showing its window" >&2
      break
    fi
    [ -n "$wid" ] || wid=$(xdotool search --onlyvisible --name '^Selo$' 2>/dev/null | head -1 || true)
    if [ -n "$wid" ]; then
      geom=$(xdotool getwindowgeometry --shell "$wid" | awk -F= '{v[$1]=$2} END {printf "%sx%s+%s+%s", v["WIDTH"], v["HEIGHT"], v["X"], v["Y"]}')
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

  # A close request through the window manager (_NET_CLOSE_WINDOW, which
  # openbox turns into WM_DELETE_WINDOW), as the title bar's X does.
  wmctrl -i -c "$wid"
  for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "window: FAIL: still running 15s after the close request" >&2
    kill "$pid" 2>/dev/null || true
  fi
  rc=0
  wait "$pid" || rc=$?
  kill "$wm" 2>/dev/null || true
  wait "$wm" 2>/dev/null || true
  if [ "$rc" != 0 ]; then
    echo "window: FAIL: exit code $rc after the close request" >&2
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
