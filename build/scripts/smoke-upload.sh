#!/usr/bin/env bash
# Uploads real-sized contract templates through the PRODUCTION window under
# Xvfb, as a user does: Contratos → Enviar modelo, a name, then
#  1. a 20 MB PDF through Selo's native dialog (Go reads the path), and
#  2. a 5 MB PDF through the page's own file chooser (a click on the drop
#     zone; the bytes are posted to the asset server on the webview's scheme),
# each chosen in the real GTK dialog with the keyboard (Ctrl+L, path, Enter).
# Checks each template is in the database with its exact size and its file
# stored, prints "upload window-<way> <size>: <ms>" (Enviar → row saved), and
# that the window still closes cleanly. The PDFs are generated here.
# Clicks use window coordinates of Selo's 1280x800 layout (the sidebar's
# Contratos item, the page's Enviar modelo button, the drop zone); the
# screenshots left in the artifact folder show where a failed run stopped.
# Usage: smoke-upload.sh [BINARY]   (default build/bin/selo)
# Env:   SMOKE_ARTIFACTS (default build/bin/artifacts)
set -euo pipefail
self=$(realpath "$0")
bin=${1:-$(dirname "$self")/../bin/selo}
[ -e "$bin" ] && bin=$(realpath "$bin")
cd "$(dirname "$self")/../.."

artifacts=${SMOKE_ARTIFACTS:-build/bin/artifacts}
[ -x "$bin" ] || { echo "smoke-upload: $bin not found (make build)" >&2; exit 1; }
for tool in xvfb-run dbus-run-session openbox wmctrl xdotool import sqlite3 node; do
  command -v "$tool" >/dev/null || { echo "smoke-upload: $tool not found" >&2; exit 1; }
done

if [ -z "${SELO_WINDOW_SESSION:-}" ]; then
  exec env SELO_WINDOW_SESSION=1 xvfb-run -a -s "-screen 0 1366x900x24" \
    dbus-run-session -- "$self" "$bin" 2> >(grep --line-buffered -v -e 'SpiRegistry daemon' -e 'Failed to set fd limit' -e '^dbus-daemon\[' >&2)
fi

. build/scripts/lib-window.sh
mkdir -p "$artifacts"
tmp=$(mktemp -d)
export SELO_DATA_DIR=$tmp/data
db=$SELO_DATA_DIR/selo.db
pid="" wm=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  [ -n "$wm" ] && kill "$wm" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "smoke-upload: FAIL: $*" >&2
  import -window root "$artifacts/smoke-upload-fail.png" 2>/dev/null && echo "smoke-upload: screen: $artifacts/smoke-upload-fail.png" >&2
  cat "$tmp/app.log" "$SELO_DATA_DIR"/logs/* >"$artifacts/smoke-upload-app.log" 2>/dev/null || true
  tail -20 "$tmp/app.log" >&2 || true
  exit 1
}
now_ms() { date +%s%3N; }

# One folder per file: the GTK location entry completes names inline.
mkdir -p "$tmp/native" "$tmp/input"
node -e "import('./frontend/e2e/bigpdf.mjs').then((m) => { m.writeFormPDF(process.argv[1], 20 * 2 ** 20); m.writeFormPDF(process.argv[2], 5 * 2 ** 20) })" \
  "$tmp/native/modelo-janela-20mb.pdf" "$tmp/input/modelo-janela-5mb.pdf"

# settle: waits (up to 15 s) until the screen stops changing, so the next
# click or key lands on what has finished drawing on a busy machine. A few
# pixels may differ: a text caret blinks.
settle() {
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

openbox --sm-disable >"$tmp/openbox.log" 2>&1 &
wm=$!
for _ in $(seq 1 40); do wmctrl -m >/dev/null 2>&1 && break; sleep 0.25; done

"$bin" >"$tmp/app.log" 2>&1 &
pid=$!
wid=""
for _ in $(seq 1 120); do
  kill -0 "$pid" 2>/dev/null || fail "$bin exited before showing its window"
  [ -n "$wid" ] || wid=$(xdotool search --onlyvisible --name '^Selo$' 2>/dev/null | head -1 || true)
  if [ -n "$wid" ]; then
    geom=$(xdotool getwindowgeometry --shell "$wid" | awk -F= '{v[$1]=$2} END {printf "%sx%s+%s+%s", v["WIDTH"], v["HEIGHT"], v["X"], v["Y"]}')
    import -window root "$tmp/shot.png"
    not_blank "$tmp/shot.png" "$geom" >/dev/null && break
  fi
  sleep 0.5
done
[ -n "$wid" ] || fail "no Selo window"
settle

click() { xdotool mousemove --window "$wid" "$1" "$2" click 1; sleep 0.3; settle; }

# waits for a dialog whose title matches $1 (not the main window) and picks
# path $2 in it with the keyboard.
pick_in_dialog() {
  local d="" i
  for i in $(seq 1 60); do
    d=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | grep -vx "$wid" | head -1 || true)
    [ -n "$d" ] && break
    sleep 0.25
  done
  [ -n "$d" ] || fail "no file dialog matching '$1' opened"
  echo "smoke-upload: dialog \"$(xdotool getwindowname "$d")\""
  sleep 0.5
  xdotool windowfocus --sync "$d"
  xdotool key --clearmodifiers ctrl+l
  sleep 0.3
  xdotool type --delay 2 "$2"
  sleep 0.3
  xdotool key Return
  for i in $(seq 1 40); do xdotool search --onlyvisible --name "$1" 2>/dev/null | grep -qx "$d" || break; sleep 0.25; done
  settle
}

# saved NAME SIZE: waits for the template's row and its stored file; prints ms since $t0.
saved() {
  local row="" i
  for i in $(seq 1 600); do
    row=$(sqlite3 "file:$db?mode=ro" "SELECT size_bytes || ' ' || sha256 FROM contract_templates WHERE name = '$1'" 2>/dev/null || true)
    [ -n "$row" ] && break
    sleep 0.1
  done
  [ -n "$row" ] || fail "template '$1' not saved within 60s"
  local elapsed=$(($(now_ms) - t0))
  read -r size sum <<<"$row"
  [ "$size" = "$2" ] || fail "template '$1' saved with $size bytes, want $2"
  [ "$(stat -c %s "$SELO_DATA_DIR/files/templates/$sum.pdf")" = "$2" ] || fail "stored file of '$1' has the wrong size"
  echo "$elapsed"
}

open_form() {
  click 95 252   # sidebar: Contratos
  click 1188 40  # Enviar modelo (top right of the page)
  # The name field has the focus when the form opens.
  xdotool type --delay 5 "$1"
  settle
}

# 1. 20 MB through Selo's native dialog: Tab to the drop zone, Enter opens it.
open_form "Contrato janela 20 MB"
xdotool key Tab
sleep 0.3
xdotool key Return
pick_in_dialog 'Escolher modelo de contrato' "$tmp/native/modelo-janela-20mb.pdf"
import -window root "$artifacts/smoke-upload-chosen.png"
# Back to the name field; Enter submits the form.
xdotool key shift+Tab
sleep 0.3
t0=$(now_ms)
xdotool key Return
ms=$(saved "Contrato janela 20 MB" $((20 * 1024 * 1024)))
echo "upload window-native 20 MB: $ms ms"
settle
import -window root "$artifacts/smoke-upload-native.png"
xdotool key Escape   # close the template's detail
sleep 0.3
settle

# 2. 5 MB through the page's file chooser: a click on the drop zone's text.
open_form "Contrato janela 5 MB"
click 639 423
pick_in_dialog '.' "$tmp/input/modelo-janela-5mb.pdf"
import -window root "$artifacts/smoke-upload-input-chosen.png"
xdotool key shift+Tab
sleep 0.3
t0=$(now_ms)
xdotool key Return
ms=$(saved "Contrato janela 5 MB" $((5 * 1024 * 1024)))
echo "upload window-input 5 MB: $ms ms"
settle
import -window root "$artifacts/smoke-upload-input.png"
# The detail's preview (read from the asset server) is further down.
for _ in 1 2 3 4 5 6 7 8 9 10; do xdotool mousemove --window "$wid" 860 500 click 5; done
settle
import -window root "$artifacts/smoke-upload-preview.png"
# A posted file leaves the temporary folder once saved.
[ -z "$(ls -A "$SELO_DATA_DIR/uploads" 2>/dev/null)" ] || fail "posted file left in $SELO_DATA_DIR/uploads"

wmctrl -i -c "$wid"
for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
rc=0
wait "$pid" || rc=$?
pid=""
[ "$rc" = 0 ] || fail "exit code $rc after the close request"
echo "smoke-upload: ok (screens in $artifacts)"
