#!/usr/bin/env bash
# Runs Selo's benchmarks and records their figures: each one prints
# `name: value` lines (for scripts), and the whole run is written as a
# markdown table with the machine and the commands to build/bench-results.md.
# Figures are measured, never asserted: a benchmark is not a timed test.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=build/bench-results.md
lines=$(mktemp)
trap 'rm -f "$lines"' EXIT

run() {
  local title=$1
  shift
  echo "== $title: $*" >&2
  "$@" | grep -E '^[a-z0-9_]+: ' | grep -vE '^(goos|goarch|pkg|cpu): ' | tee -a "$lines" | sed "s|^|  |" >&2
  echo "$title|$*" >>"$lines.cmds"
}
: >"$lines.cmds"

run "Send-path PDF preparation (check + fill + strip + merge) vs qpdf, paired runs (10 PDFs, 488 pages)" ./backend/pdfs/bench.sh
run "Reservations list and search (10,000 rows, bound call)" env SELO_BENCH=1 go test -count=1 -v -run '^TestReservationsListLatency$' ./app/
run "Sync pass over 500 running envelopes, 10 changed (sandbox rate limit)" env SELO_BENCH=1 go test -count=1 -v -run '^TestSyncRequestsScaleWithChanges$' ./backend/signing/
run "JivoChat webhook burst (1,000 events on loopback)" go test -run '^$' -bench '^BenchmarkBurst$' -benchtime 1x ./backend/inbound/
run "Send with 3 signers (simulator, +100 ms per request)" env SELO_BENCH=1 go test -count=1 -v -run '^TestSendBench$' ./backend/signing/

{
  echo "# Benchmark results"
  echo
  echo "Made by \`make bench\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "- Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "- Load average when it started: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Go: $(go version | cut -d' ' -f3), qpdf: $(qpdf --version | head -1 | awk '{print $3}')"
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
rm -f "$lines.cmds"
cat "$lines"
echo "bench: table written to $out" >&2
