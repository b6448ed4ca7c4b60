#!/usr/bin/env bash
# Send-path benchmark: Selo's real document preparation (what "Enviar
# contratos" does: pdfs.Prepare reads, checks, fills and strips each PDF once,
# then Batch.Merge merges and writes once) against
# `qpdf --empty --pages <files> -- out.pdf`, on the merge set of
# /work/shared/bench/merge-set.txt (10 PDFs, 488 pages, 6.3 MB).
#
# Runs are PAIRED: each run times ours and qpdf back to back (alternating
# which goes first), so a background load that drifts hits both alike; the
# ratio is taken per pair and its median reported. Each command is a child
# process timed the same way (date +%s%N around it; /usr/bin/time for CPU
# and peak RSS). It fails when an output fails `qpdf --check` or the page
# counts differ. Output: one `name: value` line per figure.
#
# Usage: backend/pdfs/bench.sh            (from the module root or anywhere)
#        RUNS=15 backend/pdfs/bench.sh
# Needs: go, qpdf, GNU time (`apt-get install -y qpdf time`).
set -euo pipefail

RUNS=${RUNS:-9}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

for tool in go qpdf /usr/bin/time; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "bench.sh: $tool not found (apt-get install -y qpdf time)" >&2
		exit 2
	fi
done

if [[ -n "${PDFCPU_TESTDATA:-}" ]]; then
	data=$PDFCPU_TESTDATA
else
	(cd "$root" && go mod download github.com/pdfcpu/pdfcpu)
	data="$(cd "$root" && go list -m -f '{{.Dir}}' github.com/pdfcpu/pdfcpu)/pkg/testdata"
fi
files=(BuildingWebappsWithGo.pdf TheGoProgrammingLanguageCh1.pdf GoForOptimization.pdf
	ECSTR11-01.pdf RA_CI.pdf T4.pdf go-lecture.pdf golang.pdf read.go.pdf Walden.pdf)
inputs=()
for f in "${files[@]}"; do
	if [[ ! -f "$data/$f" ]]; then
		echo "bench.sh: missing $data/$f" >&2
		exit 2
	fi
	inputs+=("$data/$f")
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -o "$work/mergecmd" ./backend/pdfs/internal/mergecmd)

# run NAME CMD...: one measured run, appending "wall_us cpu_s peak_kib" to $work/NAME.
run() {
	local name=$1
	shift
	local t0 t1
	t0=$(date +%s%N)
	/usr/bin/time -f '%U %S %M' -o "$work/$name.rss" "$@" >/dev/null 2>"$work/$name.err" || {
		echo "bench.sh: $name failed:" >&2
		cat "$work/$name.err" >&2
		exit 1
	}
	t1=$(date +%s%N)
	echo "$(((t1 - t0) / 1000)) $(tail -n1 "$work/$name.rss" | awk '{printf "%.3f %d", $1 + $2, $3}')" >>"$work/$name"
}

ours() { run ours "$work/mergecmd" -o "$work/ours.pdf" "${inputs[@]}"; }
qpdf_() { run qpdf qpdf --empty --pages "${inputs[@]}" -- "$work/qpdf.pdf"; }

# check FILE: qpdf --check must pass (exit 0: no errors, no warnings).
check() {
	if ! qpdf --check "$1" >"$work/check.out" 2>&1; then
		echo "bench.sh: $1 fails qpdf --check:" >&2
		tail -n 20 "$work/check.out" >&2
		exit 1
	fi
}

# One warm-up pair so the page cache holds the inputs and binaries; its
# output is checked before any figure is taken.
ours
qpdf_
check "$work/ours.pdf"
rm -f "$work/ours" "$work/qpdf"

for ((i = 0; i < RUNS; i++)); do
	if ((i % 2 == 0)); then
		ours
		qpdf_
	else
		qpdf_
		ours
	fi
done
check "$work/ours.pdf"

# median FILE COLUMN
median() { awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

paste -d' ' "$work/ours" "$work/qpdf" | awk '{printf "%.4f %.4f\n", $1 / $4, $2 / $5}' >"$work/ratios"
w_ours=$(median "$work/ours" 1); c_ours=$(median "$work/ours" 2); m_ours=$(median "$work/ours" 3)
w_qpdf=$(median "$work/qpdf" 1); c_qpdf=$(median "$work/qpdf" 2); m_qpdf=$(median "$work/qpdf" 3)
r_wall=$(median "$work/ratios" 1); r_cpu=$(median "$work/ratios" 2)

pages_ours=$(qpdf --show-npages "$work/ours.pdf")
pages_qpdf=$(qpdf --warning-exit-0 --show-npages "$work/qpdf.pdf" 2>/dev/null)
if [[ "$pages_ours" != "$pages_qpdf" ]]; then
	echo "bench.sh: page count differs: ours $pages_ours, qpdf $pages_qpdf" >&2
	exit 1
fi

awk -v wo="$w_ours" -v wq="$w_qpdf" -v co="$c_ours" -v cq="$c_qpdf" -v mo="$m_ours" -v mq="$m_qpdf" \
	-v rw="$r_wall" -v rc="$r_cpu" -v runs="$RUNS" -v pages="$pages_ours" -v cpus="$(nproc)" \
	-v load="$(cut -d' ' -f1 /proc/loadavg)" -v so="$(stat -c %s "$work/ours.pdf")" 'BEGIN {
	printf "send_prep_paired_runs: %d\n", runs
	printf "send_prep_cpus: %d\n", cpus
	printf "send_prep_loadavg_1m: %s\n", load
	printf "send_prep_pages: %d\n", pages
	printf "send_prep_wall_s: %.3f\n", wo / 1e6
	printf "send_prep_qpdf_wall_s: %.3f\n", wq / 1e6
	printf "send_prep_wall_ratio_median_paired: %.2f\n", rw
	printf "send_prep_target_wall_ratio_max: 1.00\n"
	printf "send_prep_target_met: %s\n", (rw <= 1.0) ? "yes" : "no"
	printf "send_prep_cpu_s: %.3f\n", co
	printf "send_prep_qpdf_cpu_s: %.3f\n", cq
	printf "send_prep_cpu_ratio_median_paired: %.2f\n", rc
	printf "send_prep_peak_mib: %.1f\n", mo / 1024
	printf "send_prep_qpdf_peak_mib: %.1f\n", mq / 1024
	printf "send_prep_qpdf_check: ok\n"
	printf "send_prep_out_mib: %.2f\n", so / 1048576
}'
