#!/usr/bin/env bash
# The window's weight and first paint (issue #18), Selo against a bare Wails
# v2 window (build/bare, the vanilla template's size), both built in this run
# with the production tags and opened in a real window under Xvfb, each with
# a fresh data folder:
#   - window_js_first_paint_kb: JavaScript the page loads before its first
#     paint (Vite's manifest: entry chunk + its static imports);
#   - window_first_paint_ms_*: process start -> first meaningful paint (Selo:
#     the Painel's title drawn; bare: its body drawn), reported by the page
#     from a task queued in the animation frame after mounting (so once that
#     frame is drawn) and written by Go to stderr when
#     SELO_REPORT_PAINT=1; median of RUNS paired runs, bare and Selo
#     alternating;
#   - window_pss_mib_*: total PSS (the Go process and every WebKit process
#     under it, Pss of /proc/PID/smaps_rollup) AT_S seconds after start,
#     Selo on the Painel at rest; medians over the same paired runs, and
#     window_pss_over_bare_mib the median of the per-run differences;
#   - the same with 10,000 reservations in Selo's data folder and the
#     Reservas screen opened by a click on the sidebar (xdotool), measured
#     AT_S seconds after the click; median of RUNS_10K paired runs.
# The page cache of both binaries is dropped before each start, so each
# start reads its binary from disk as after a reboot and every later start
# maps the same pages. A file just written (go build, cp, an upgrade by
# dpkg) sits in the page cache in large folios that a start maps whole,
# which makes the Go process look some MiB heavier until the cache is
# dropped; one pair started that way is reported apart
# (window_*_just_written), so the difference stays visible.
# Prints `name: value` lines (bench.sh records them). Figures are measured,
# not asserted. Needs: xvfb xauth dbus gnome-keyring openbox xdotool
# imagemagick, node, and the Go/WebKitGTK 4.1 build dependencies.
# Env: RUNS (5), RUNS_10K (3), AT_S (8), BENCH_WINDOW_KEEP=1 keeps the
# screenshots;
# for trying a change quickly: SELO_BIN / BARE_BIN (prebuilt binaries, no
# build), NO_10K=1 (skip the 10,000-reservation pair).
set -euo pipefail
self=$(realpath "$0")
cd "$(dirname "$self")/../.."
root=$PWD

RUNS=${RUNS:-5}
RUNS_10K=${RUNS_10K:-3}
AT_S=${AT_S:-8}

if [ -z "${SELO_WINDOW_SESSION:-}" ]; then
  for tool in xvfb-run dbus-run-session gnome-keyring-daemon openbox xdotool import node; do
    command -v "$tool" >/dev/null || { echo "bench-window: $tool not found" >&2; exit 1; }
  done
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  echo "bench-window: building the frontend, Selo and the bare window (tags desktop,production,webkit2_41)" >&2
  if [ -n "${SELO_BIN:-}" ]; then
    cp "$SELO_BIN" "$work/selo"
  else
    (cd frontend && npx vite build >"$work/vite.log" 2>&1) || { cat "$work/vite.log" >&2; exit 1; }
    node build/scripts/firstpaint-js.mjs frontend/dist
    go build -tags desktop,production,webkit2_41 -o "$work/selo" .
  fi
  if [ -n "${BARE_BIN:-}" ]; then
    cp "$BARE_BIN" "$work/bare"
  else
    go build -tags desktop,production,webkit2_41 -o "$work/bare" ./build/bare
  fi
  # 10,000 reservations, seeded once through Selo's own store and copied
  # into a fresh folder for each run.
  [ "${NO_10K:-}" = 1 ] || SELO_BENCH_SEED_DIR="$work/seed10k" SELO_BENCH_SEED_RESERVATIONS=10000 \
    go test -count=1 -run '^TestSeedWindowBench$' ./app/ >"$work/seed.log" 2>&1 || { cat "$work/seed.log" >&2; exit 1; }
  # A private X display, session bus and unlocked keyring (Selo reads its
  # keys from the Secret Service at start, as on a desktop).
  # Other Xvfb servers may start at the same moment (parallel CI jobs): begin
  # the search for a free display at a random number, so two runs rarely
  # race for the same one. WebKit's and D-Bus' chatter is left out of stderr.
  { env SELO_WINDOW_SESSION=1 BENCH_WORK="$work" NO_10K="${NO_10K:-}" RUNS_10K="$RUNS_10K" XDG_DATA_HOME="$work/xdg" \
    xvfb-run -a -n $((100 + RANDOM % 800)) -s "-screen 0 1366x900x24" dbus-run-session -- "$self" 2>&1 1>&3 |
    { grep -v -e 'SpiRegistry daemon' -e 'Failed to set fd limit' -e '^dbus-daemon\[' -e 'gnome-keyring-daemon' || true; } >&2; } 3>&1
  exit
fi

work=$BENCH_WORK
mkdir -p "$XDG_DATA_HOME"
echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
openbox --sm-disable >"$work/openbox.log" 2>&1 &
wm=$!
for _ in $(seq 1 40); do xdotool getactivewindow >/dev/null 2>&1 && break; xprop -root _NET_SUPPORTED >/dev/null 2>&1 && break; sleep 0.25; done
trap 'kill $wm 2>/dev/null || true' EXIT

now_ms() { date +%s%3N; }

# tree PID: PID and all its descendants.
tree() {
  local p=$1 c
  echo "$p"
  for c in $(pgrep -P "$p" 2>/dev/null || true); do tree "$c"; done
}

# pss PID: "total_kib go_kib web_kib net_kib uss_kib" over PID's process
# tree. USS (private pages only) is printed beside PSS: PSS splits each
# shared library page among every process mapping it, so another WebKit
# window on the machine lowers it; USS does not move with that.
pss() {
  local p kib name total=0 go=0 web=0 net=0 uss=0
  for p in $(tree "$1"); do
    uss=$((uss + $(awk '/^Private_(Clean|Dirty):/ {s += $2} END {print s + 0}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)))
    kib=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    name=$(cat "/proc/$p/comm" 2>/dev/null || echo '?')
    total=$((total + kib))
    case $name in
      WebKitWebProces*) web=$((web + kib)) ;;
      WebKitNetworkPr*) net=$((net + kib)) ;;
      *) [ "$p" = "$1" ] && go=$((go + kib)) ;;
    esac
  done
  echo "$total $go $web $net $uss"
}

# uncache FILE: drop FILE from the page cache (written back first: dirty
# pages cannot be dropped), so the next start reads it from disk.
uncache() {
  sync "$1"
  dd if="$1" iflag=nocache count=0 status=none
}

# session NAME BIN DATA_SEED CLICK: one start of BIN with a fresh data folder
# (a copy of DATA_SEED when given), its binary read from disk unless
# JUST_WRITTEN=1. Prints "paint_ms total go web net uss".
session() {
  local name=$1 bin=$2 seed=$3 click=$4 dir log start pid paint="" wid="" t0 i geom
  dir=$(mktemp -d "$work/run.XXXX")
  [ -n "$seed" ] && cp -a "$seed" "$dir/data"
  [ "${JUST_WRITTEN:-}" = 1 ] || uncache "$bin"
  log=$dir/stderr.log
  # Created here, not by the redirection below: the loop may read it before
  # the background process has opened it.
  : >"$log"
  start=$(now_ms)
  SELO_DATA_DIR=$dir/data SELO_REPORT_PAINT=1 "$bin" 2>"$log" >/dev/null &
  pid=$!
  for i in $(seq 1 600); do
    paint=$(awk '/^paint_unix_ms: / {print $2; exit}' "$log" || true)
    [ -n "$paint" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$paint" ]; then
    echo "bench-window: $name reported no paint within 60 s" >&2
    tail -20 "$log" >&2
    kill "$pid" 2>/dev/null || true
    return 1
  fi
  t0=$start
  if [ "$click" = reservations ]; then
    # The sidebar's second entry, "Reservas" (232 px wide sider; measured on
    # the 1280x800 window). The screenshot after it is kept as evidence.
    wid=$(xdotool search --onlyvisible --name '^Selo$' | head -1)
    eval "$(xdotool getwindowgeometry --shell "$wid")"
    xdotool mousemove --sync $((X + 100)) $((Y + ${RES_Y:-124})) click 1
    t0=$(now_ms)
  fi
  while [ $(($(now_ms) - t0)) -lt $((AT_S * 1000)) ]; do sleep 0.1; done
  read -r total go web net uss < <(pss "$pid")
  if [ "${BENCH_WINDOW_KEEP:-}" = 1 ] || [ "$click" = reservations ]; then
    mkdir -p build/bin/artifacts
    import -window root "build/bin/artifacts/bench-window-$name.png" 2>/dev/null || true
  fi
  # Close: the children (WebKit) go with their parent; clean any left over.
  local all
  all=$(tree "$pid")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  # shellcheck disable=SC2086
  kill $all 2>/dev/null || true
  rm -rf "$dir"
  echo "$((paint - start)) $total $go $web $net $uss"
}

median() { sort -n | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k/1024}'; }

# First, the pair with both binaries as just written (see the header).
read -r _ jb _ _ _ _ < <(JUST_WRITTEN=1 session bare-written "$work/bare" "" "")
read -r _ js jgo _ _ _ < <(JUST_WRITTEN=1 session selo-written "$work/selo" "" "")

# pairs TAG N SEED CLICK: N paired starts, bare then Selo (Selo with the
# data SEED and the CLICK of session), one line each in
# $work/bare$TAG.txt and $work/selo$TAG.txt.
pairs() {
  local tag=$1 n=$2 seed=$3 click=$4 r
  : >"$work/bare$tag.txt"
  : >"$work/selo$tag.txt"
  for r in $(seq 1 "$n"); do
    session "bare$tag" "$work/bare" "" "" >>"$work/bare$tag.txt"
    session "selo$tag" "$work/selo" "$seed" "$click" >>"$work/selo$tag.txt"
    echo "bench-window: ${tag:+$tag }run $r: bare $(tail -1 "$work/bare$tag.txt"), selo $(tail -1 "$work/selo$tag.txt") (paint_ms, PSS total go web net, USS; KiB)" >&2
  done
}
pairs "" "$RUNS" "" ""
col() { awk -v c="$2" '{print $c}' "$1" | median; }
# paired TAG COL: the median of the runs' Selo - bare differences in column
# COL (6 columns a line), so a slow moment or another WebKit process on the
# machine moves both sides of a difference together.
paired() { paste "$work/bare$1.txt" "$work/selo$1.txt" | awk -v c="$2" '{print $(c + 6) - $c}' | median; }
fb=$(col "$work/bare.txt" 1)
fs=$(col "$work/selo.txt" 1)
fd=$(paired "" 1)
echo "window_runs: $RUNS"
echo "window_first_paint_ms_bare: $fb"
echo "window_first_paint_ms_selo: $fs"
echo "window_first_paint_over_bare_ms: $fd"
echo "window_first_paint_over_bare_target_ms_max: 500"
pb=$(col "$work/bare.txt" 2)
ps=$(col "$work/selo.txt" 2)
echo "window_pss_mib_bare: $(mib "$pb")"
echo "window_pss_mib_selo: $(mib "$ps")"
# PSS shares each library page among every process mapping it.
echo "window_pss_over_bare_mib: $(mib "$(paired "" 2)")"
echo "window_pss_over_bare_target_mib_max: 50"
echo "window_pss_go_mib_bare: $(mib "$(col "$work/bare.txt" 3)")"
echo "window_pss_go_mib_selo: $(mib "$(col "$work/selo.txt" 3)")"
echo "window_pss_webprocess_mib_bare: $(mib "$(col "$work/bare.txt" 4)")"
echo "window_pss_webprocess_mib_selo: $(mib "$(col "$work/selo.txt" 4)")"
echo "window_pss_networkprocess_mib_bare: $(mib "$(col "$work/bare.txt" 5)")"
echo "window_pss_networkprocess_mib_selo: $(mib "$(col "$work/selo.txt" 5)")"
echo "window_uss_mib_bare: $(mib "$(col "$work/bare.txt" 6)")"
echo "window_uss_mib_selo: $(mib "$(col "$work/selo.txt" 6)")"
echo "window_uss_over_bare_mib: $(mib "$(paired "" 6)")"
echo "window_pss_over_bare_mib_just_written: $(mib $((js - jb)))"
echo "window_pss_go_mib_selo_just_written: $(mib "$jgo")"

[ "${NO_10K:-}" = 1 ] && exit 0
# 10,000 reservations, the Reservas screen open: RUNS_10K pairs, the
# median of their differences (one pair moved by up to 20 MiB between runs).
pairs 10k "$RUNS_10K" "$work/seed10k" reservations
echo "window_runs_10k_reservations: $RUNS_10K"
echo "window_pss_mib_bare_10k_reservations: $(mib "$(col "$work/bare10k.txt" 2)")"
echo "window_pss_mib_selo_10k_reservations: $(mib "$(col "$work/selo10k.txt" 2)")"
echo "window_pss_over_bare_mib_10k_reservations: $(mib "$(paired 10k 2)")"
echo "window_pss_over_bare_target_mib_max_10k_reservations: 80"
echo "window_pss_go_mib_selo_10k_reservations: $(mib "$(col "$work/selo10k.txt" 3)")"
echo "window_pss_webprocess_mib_selo_10k_reservations: $(mib "$(col "$work/selo10k.txt" 4)")"
echo "window_uss_over_bare_mib_10k_reservations: $(mib "$(paired 10k 6)")"
