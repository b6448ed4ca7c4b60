#!/usr/bin/env bash
# The PDF preview in the PRODUCTION window (WebKitGTK under Xvfb), where an
# <object type="application/pdf"> showed only its fallback link: from an
# empty data folder, as a user does with the mouse, Painel → "Carregar dados
# de exemplo" → Reservas → the first reservation → Gerar contratos →
# Visualizar. Then a screenshot, and the check that pdf.js drew the page:
#  - the page area (the middle of the preview) is a white sheet with at
#    least MIN_TEXT_LINES lines of dark text (the fallback link is one line,
#    an error message is a red box, a blank or grey area has none);
#  - the thumbnail column holds a drawn page, framed as the current page
#    (Selo's pdf.js viewer; WebKitGTK 2.50's own viewer, which an <object>
#    gets on this machine, has no thumbnail column).
# The check is first shown to reject a blank area and a one-line link.
# Clicks use window coordinates of Selo's 1280x800 layout; the screenshots
# left in the artifact folder show where a failed run stopped.
# Usage: preview-window.sh [BINARY]   (default build/bin/selo, make build)
# Env:   SMOKE_ARTIFACTS (default build/bin/artifacts)
set -euo pipefail
. "$(dirname "$(realpath "$0")")/lib-window.sh"
window_script preview-window "$@"
artifacts=${SMOKE_ARTIFACTS:-build/bin/artifacts}
need_tools "" \
  xvfb-run dbus-run-session gnome-keyring-daemon dbus-send openbox wmctrl xdotool import convert compare
in_window_session 1366x900 "$self" "$bin"

mkdir -p "$artifacts"
window_tmp
fail() {
  echo "preview-window: FAIL: $*" >&2
  import -window root "$artifacts/preview-window-fail.png" 2>/dev/null && echo "preview-window: screen: $artifacts/preview-window-fail.png" >&2
  cat "$tmp/app.log" "$SELO_DATA_DIR"/logs/* >"$artifacts/preview-window-app.log" 2>/dev/null || true
  exit 1
}

MIN_TEXT_LINES=${MIN_TEXT_LINES:-4}

# text_lines FILE CROP: how many separate lines of dark text the CROP of
# FILE holds: its rows averaged to one column, a row with dark pixels counted
# as ink, runs of ink rows counted.
text_lines() {
  convert "$1" -crop "$2" +repage -colorspace gray -threshold 55% -negate -scale "1x$(cut -dx -f2 <<<"${2%%+*}")!" \
    -depth 8 txt:- | awk -F'[(),]' 'NR > 1 { ink = ($3 + 0) > 6; if (ink && !prev) n++; prev = ink } END { print n + 0 }'
}

# white_sheet FILE CROP: succeeds when most of CROP is near white (a page).
white_sheet() {
  local mean
  mean=$(convert "$1" -crop "$2" +repage -colorspace gray -format '%[fx:mean]' info:)
  awk -v m="$mean" 'BEGIN { exit !(m >= 0.85) }'
}

# framed FILE CROP: how many pixels of CROP have the colour of the frame
# Selo's viewer draws round the current page's thumbnail (PdfViewer.vue).
# WebKitGTK's own PDF viewer (which recent versions show in an <object>)
# has no such frame; this is what tells the two apart.
frame_colour='#1d6f5f'
framed() {
  convert "$1" -crop "$2" +repage -fuzz 12% -fill '#ff0000' -opaque "$frame_colour" -fill black +opaque '#ff0000' \
    -format '%[fx:round(w*h*mean.r)]' info:
}
MIN_FRAME_PIXELS=${MIN_FRAME_PIXELS:-300}

# page_drawn FILE CROP: the whole check of a page area; prints what it measured.
page_drawn() {
  local lines
  lines=$(text_lines "$1" "$2")
  echo "  $(basename "$1") [$2]: $lines text lines (need >= $MIN_TEXT_LINES)"
  not_blank "$1" "$2" && white_sheet "$1" "$2" && [ "$lines" -ge "$MIN_TEXT_LINES" ]
}

# The check must reject what a failed preview looks like: an empty area, and
# a white area with one line of link text (the old fallback).
convert -size 600x400 'xc:rgb(250,250,252)' "$tmp/empty.png"
convert -size 600x400 xc:white -fill '#2060c0' -pointsize 15 -annotate +20+40 'Este visualizador não mostra PDFs. Baixar' "$tmp/link.png"
for f in empty link; do
  if page_drawn "$tmp/$f.png" 600x400+0+0 >/dev/null; then
    echo "preview-window: FAIL: the check accepted a preview that drew nothing ($f)" >&2
    exit 1
  fi
done
echo "preview-window: an empty area and a one-line link are rejected, as they should be"

# The sample data keeps a Simulador local key in the keyring.
start_keyring selo-preview
start_wm
open_drawn_window "$bin"
settle_screen
# Window coordinates → screen, for crops of root screenshots.
eval "$(xdotool getwindowgeometry --shell "$wid")"
wx=$X wy=$Y

step=0
click() {
  xdotool mousemove --window "$wid" "$1" "$2" click 1
  sleep 0.3
  settle_screen
  step=$((step + 1))
  import -window root "$artifacts/preview-window-step$step.png"
}

if [ -n "${PREVIEW_WINDOW_EXPLORE:-}" ]; then
  import -window root "$artifacts/preview-window-step0.png"
  for xy in $PREVIEW_WINDOW_EXPLORE; do click "${xy%,*}" "${xy#*,}"; done
  echo "preview-window: explored; screens in $artifacts"
  exit 0
fi

# Painel → Carregar dados de exemplo → Confirmar → Reservas → the first
# reservation → Gerar contratos → Visualizar on the first contract.
click 443 698
click 791 444
click 95 157
click 421 266
click 1038 455
start=$SECONDS
click 1034 610

# The page area (right of the thumbnails, under the toolbar) and the first
# thumbnail, in window coordinates, as screen crops.
crop() { echo "$3x$4+$((wx + $1))+$((wy + $2))"; }
page_area=$(crop 340 170 730 480)
thumb_area=$(crop 196 166 108 148)
frame_area=$(crop 186 150 140 180)
shot=$artifacts/preview-window.png
ok=""
for _ in $(seq 1 90); do
  kill -0 "$pid" 2>/dev/null || fail "Selo exited while the preview opened"
  import -window root "$shot"
  if page_drawn "$shot" "$page_area" >"$tmp/measure.txt" && white_sheet "$shot" "$thumb_area" &&
    [ "$(text_lines "$shot" "$thumb_area")" -ge 1 ] && [ "$(framed "$shot" "$frame_area")" -ge "$MIN_FRAME_PIXELS" ]; then
    ok=1
    break
  fi
  sleep 1
done
cat "$tmp/measure.txt"
echo "  thumbnail [$thumb_area]: $(text_lines "$shot" "$thumb_area") text lines; current-page frame [$frame_area]: $(framed "$shot" "$frame_area") pixels (need >= $MIN_FRAME_PIXELS)"
echo "preview-window: screenshot: $(realpath "$shot")"
[ -n "$ok" ] || fail "no page drawn by Selo's pdf.js viewer within 90 s (see $shot)"
echo "preview-window: page drawn by pdf.js $((SECONDS - start)) s after Visualizar"

close_window || fail "$close_error"
echo "preview-window: ok"
