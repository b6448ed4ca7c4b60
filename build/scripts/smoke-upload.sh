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
. "$(dirname "$(realpath "$0")")/lib-window.sh"
window_script smoke-upload "$@"
artifacts=${SMOKE_ARTIFACTS:-build/bin/artifacts}
need_tools "" xvfb-run dbus-run-session openbox wmctrl xdotool import sqlite3 node
in_window_session 1366x900 "$self" "$bin"

mkdir -p "$artifacts"
window_tmp
db=$SELO_DATA_DIR/selo.db
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

start_wm
open_drawn_window "$bin"
settle_screen

click() { xdotool mousemove --window "$wid" "$1" "$2" click 1; sleep 0.3; settle_screen; }

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
  settle_screen
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
  settle_screen
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
settle_screen
import -window root "$artifacts/smoke-upload-native.png"
xdotool key Escape   # close the template's detail
sleep 0.3
settle_screen

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
settle_screen
import -window root "$artifacts/smoke-upload-input.png"
# The detail's preview (read from the asset server) is further down.
for _ in 1 2 3 4 5 6 7 8 9 10; do xdotool mousemove --window "$wid" 860 500 click 5; done
settle_screen
import -window root "$artifacts/smoke-upload-preview.png"
# A posted file leaves the temporary folder once saved.
[ -z "$(ls -A "$SELO_DATA_DIR/uploads" 2>/dev/null)" ] || fail "posted file left in $SELO_DATA_DIR/uploads"

close_window || fail "$close_error"
echo "smoke-upload: ok (screens in $artifacts)"
