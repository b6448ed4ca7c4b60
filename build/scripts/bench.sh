#!/usr/bin/env bash
# Runs Selo's benchmarks and records their figures: each one prints
# `name: value` lines (for scripts), and the whole run is written as a
# markdown table with the machine and the commands to build/bench-results.md.
# Figures are measured, never asserted: a benchmark is not a timed test.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=build/bench-results.md
lines=$(mktemp)
# A throwaway PostgreSQL for the office figures (…_postgres, desktops_20_*),
# stopped whatever happens. Its parent must be reachable by the 'postgres'
# user when this runs as root (pg.sh runs the server as that user).
pgdir=$(mktemp -d)
chmod 755 "$pgdir"
cleanup() {
  bash build/scripts/pg.sh stop "$pgdir/pg" >/dev/null 2>&1 || echo "bench: could not stop the PostgreSQL in $pgdir/pg" >&2
  rm -rf "$pgdir"
  rm -f "$lines" "$lines.cmds"
}
trap cleanup EXIT
SELO_TEST_POSTGRES=$(bash build/scripts/pg.sh start "$pgdir/pg")
export SELO_TEST_POSTGRES
# How long the 20 simulated desktops run (seconds); shorten it for a quick look.
export SELO_BENCH_DESKTOPS_SECONDS=${SELO_BENCH_DESKTOPS_SECONDS:-60}

run() {
  local title=$1
  shift
  echo "== $title: $*" >&2
  # A bench that prints no figure (e.g. a test not written yet) is not an
  # error; a bench that fails is.
  "$@" | { grep -E '^[a-z0-9_]+: ' || true; } | { grep -vE '^(goos|goarch|pkg|cpu|testing): ' || true; } | tee -a "$lines" | sed "s|^|  |" >&2
  echo "$title|$*" >>"$lines.cmds"
}
: >"$lines.cmds"

run "Send-path PDF preparation (check + fill + strip + merge) vs qpdf, paired runs (10 PDFs, 488 pages)" ./backend/pdfs/bench.sh
run "Reservations list and search (100,000 rows, bound call, SQLite and PostgreSQL)" env SELO_BENCH=1 go test -count=1 -v -run '^TestReservationsListLatency$' ./app/
run "Painel summary (10,000 envelopes, bound call, SQLite and PostgreSQL)" env SELO_BENCH=1 go test -count=1 -v -run '^TestBoardSummaryLatency$' ./app/
run "20 simulated desktops on one PostgreSQL (own pools, own Senders, Clicksign simulator, ${SELO_BENCH_DESKTOPS_SECONDS} s)" env SELO_BENCH=1 go test -count=1 -v -timeout 30m -run '^TestTwentyDesktops$' ./app/
run "Live update from PC A to PC B (PostgreSQL)" env SELO_BENCH=1 go test -count=1 -v -run '^TestLiveUpdateLatency$' ./backend/sqlstore/
run "Sync pass over 500 running envelopes, 10 changed (sandbox rate limit)" env SELO_BENCH=1 go test -count=1 -v -run '^TestSyncRequestsScaleWithChanges$' ./backend/signing/
run "JivoChat webhook burst (1,000 events on loopback)" go test -run '^$' -bench '^BenchmarkBurst$' -benchtime 1x ./backend/inbound/
run "selo server: sustained JivoChat intake at p99 time-to-200 < 100 ms with nothing lost, and its memory (VmRSS/VmHWM), ~30 s" env SELO_BENCH=1 go test -count=1 -v -run '^TestBenchServerIntake$' .
run "Send with 3 signers (simulator, +100 ms per request)" env SELO_BENCH=1 go test -count=1 -v -run '^TestSendBench$' ./backend/signing/
run "DocuSign: requests per send, and one listStatusChanges pass over 500 envelopes with 10 changed (client against the DocuSign simulator)" go test -count=1 -v -run '^(TestRequestsPerSend|TestStatusPassOver500Envelopes)$' ./backend/docusign/
run "DocuSign status pass over 500 running envelopes, 10 changed, through the sync (simulator, default limits)" go test -count=1 -v -run '^TestDocuSignStatusPassRequests$' ./backend/signing/
run "DocuSign send with 3 signers (DocuSign simulator, +100 ms per request)" env SELO_BENCH=1 go test -count=1 -v -run '^TestDocuSignSendBench$' ./backend/signing/
run "Window weight and first paint: Selo vs a bare Wails window (build/bare), production builds under Xvfb, JS before first paint, PSS 8 s after start, first paint median of 5 paired runs, 10,000 reservations listed" ./build/scripts/bench-window.sh

psql_version() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    [ -x "$d/postgres" ] && { "$d/postgres" --version | awk '{print $3}'; return; }
  done
  echo unknown
}

{
  echo "# Benchmark results"
  echo
  echo "Made by \`make bench\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "- Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "- Load average when it started: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Go: $(go version | cut -d' ' -f3), qpdf: $(qpdf --version | head -1 | awk '{print $3}'), PostgreSQL: $(psql_version)"
  echo
  echo "| figure | value |"
  echo "|---|---|"
  sed 's/: /|/; s/^/|/; s/$/|/' "$lines"
  echo
  echo "The same figures as \`name: value\` lines, for scripts:"
  echo
  echo '```'
  cat "$lines"
  echo '```'
  echo
  echo "Commands:"
  echo
  while IFS='|' read -r title cmd; do echo "- $title: \`$cmd\`"; done <"$lines.cmds"
} >"$out"
cat "$lines"
echo "bench: table written to $out" >&2
