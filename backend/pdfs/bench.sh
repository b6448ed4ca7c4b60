#!/usr/bin/env bash
# Merge benchmark: Selo's pdfs.Merge vs qpdf (and pdfcpu's stock MergeRaw as
# the baseline on record) on the merge set of /work/shared/bench/merge-set.txt,
# in the same run, each as a child process measured the same way:
#   wall time  = median of RUNS runs (date +%s%N around the process)
#   peak RSS   = median of /usr/bin/time's "maximum resident set size"
# Runs are interleaved (ours, qpdf, raw; then rotated) so background load hits
# all three alike. Output: one `name: value` line per figure.
#
# Usage: backend/pdfs/bench.sh            (from the module root or anywhere)
#        RUNS=9 backend/pdfs/bench.sh
# Needs: go, qpdf, GNU time (`apt-get install -y qpdf time`).
set -euo pipefail

RUNS=${RUNS:-7}
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
	data="$(cd "$root" && go env GOMODCACHE)/github.com/pdfcpu/pdfcpu@v0.15.0/pkg/testdata"
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

# run NAME CMD...: one measured run, appending "wall_s peak_kib" to $work/NAME.
run() {
	local name=$1
	shift
	local t0 t1
	t0=$(date +%s%N)
	/usr/bin/time -f '%M' -o "$work/$name.rss" "$@" >/dev/null 2>"$work/$name.err" || {
		echo "bench.sh: $name failed:" >&2
		cat "$work/$name.err" >&2
		exit 1
	}
	t1=$(date +%s%N)
	echo "$(( (t1 - t0) / 1000 )) $(tail -n1 "$work/$name.rss")" >>"$work/$name"
}

ours() { run pdfcpu "$work/mergecmd" -o "$work/ours.pdf" "${inputs[@]}"; }
qpdf_() { run qpdf qpdf --empty --pages "${inputs[@]}" -- "$work/qpdf.pdf"; }
raw() { run mergeraw "$work/mergecmd" -raw -o "$work/raw.pdf" "${inputs[@]}"; }

# One warm-up round so the page cache holds the inputs and binaries.
ours; qpdf_; raw
rm -f "$work/pdfcpu" "$work/qpdf" "$work/mergeraw"

for ((i = 0; i < RUNS; i++)); do
	case $((i % 3)) in
	0) ours; qpdf_; raw ;;
	1) qpdf_; raw; ours ;;
	2) raw; ours; qpdf_ ;;
	esac
done

# median FILE COLUMN
median() { awk -v c="$2" '{print $c}' "$1" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

w_ours=$(median "$work/pdfcpu" 1); m_ours=$(median "$work/pdfcpu" 2)
w_qpdf=$(median "$work/qpdf" 1); m_qpdf=$(median "$work/qpdf" 2)
w_raw=$(median "$work/mergeraw" 1); m_raw=$(median "$work/mergeraw" 2)

# --warning-exit-0: a warning must not abort the figures; it is reported.
pages_ours=$(qpdf --warning-exit-0 --show-npages "$work/ours.pdf" 2>/dev/null)
pages_qpdf=$(qpdf --warning-exit-0 --show-npages "$work/qpdf.pdf" 2>/dev/null)
if qpdf --check "$work/ours.pdf" >"$work/check.out" 2>&1; then
	check=ok
elif grep -qi warn "$work/check.out"; then
	check=warnings
else
	check=errors
fi
if [[ "$pages_ours" != "$pages_qpdf" ]]; then
	echo "bench.sh: page count differs: ours $pages_ours, qpdf $pages_qpdf" >&2
	exit 1
fi

awk -v wo="$w_ours" -v wq="$w_qpdf" -v wr="$w_raw" -v mo="$m_ours" -v mq="$m_qpdf" -v mr="$m_raw" \
	-v runs="$RUNS" -v pages="$pages_ours" -v cpus="$(nproc)" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
	-v check="$check" -v so="$(stat -c %s "$work/ours.pdf")" -v sq="$(stat -c %s "$work/qpdf.pdf")" 'BEGIN {
	printf "merge_runs: %d\n", runs
	printf "merge_cpus: %d\n", cpus
	printf "merge_loadavg_1m: %s\n", load
	printf "merge_pages: %d\n", pages
	printf "merge_pdfcpu_wall_s: %.3f\n", wo / 1e6
	printf "merge_qpdf_wall_s: %.3f\n", wq / 1e6
	printf "merge_mergeraw_wall_s: %.3f\n", wr / 1e6
	printf "merge_wall_ratio: %.2f\n", wo / wq
	printf "merge_pdfcpu_peak_mib: %.1f\n", mo / 1024
	printf "merge_qpdf_peak_mib: %.1f\n", mq / 1024
	printf "merge_mergeraw_peak_mib: %.1f\n", mr / 1024
	printf "merge_peak_ratio: %.2f\n", mo / mq
	printf "merge_pdfcpu_qpdf_check: %s\n", check
	printf "merge_pdfcpu_out_mib: %.2f\n", so / 1048576
	printf "merge_qpdf_out_mib: %.2f\n", sq / 1048576
}'
