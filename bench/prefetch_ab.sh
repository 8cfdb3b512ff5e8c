#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Background page reading, before and after: the same ROWS rows (default 200,000) read through
# bench/odbc_fetch from one rockset-local with the driver of build OLD and of build NEW,
# interleaved, REPS times each (default 3), at PageSize 10000 and PageSize 0. Prints each run
# and the medians' ratios NEW/OLD (rows/s: higher is better; peak RSS: lower is better).
# Wall rows/s: the figure the overlap of fetching and converting changes.
# Usage: bench/prefetch_ab.sh OLD_BUILD_DIR NEW_BUILD_DIR [ROWS] [REPS]
set -eu
old=$(cd "$1" && pwd)
new=$(cd "$2" && pwd)
rows=${3:-200000}
reps=${4:-3}
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$top/bench/lib.sh"
for b in "$old" "$new"; do
  make -C "$b" -s driver/librocksetodbc.la bench/odbc_fetch server/rockset-local
done
work=$(mktemp -d /tmp/rs-prefetch.XXXXXX)
cleanup() {
  bench_rs_stop
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
bench_rows "$rows" json > "$work/rows.jsonl"
bench_rs_load "$new/server/rockset-local" "$work/data" "$work/rows.jsonl" "$work/load.log"
bench_rs_start "$new/server/rockset-local" "$work/data" "$work/server.log"
: > "$work/results"
for i in $(seq 1 "$reps"); do
  for ps in 10000 0; do
    for side in old new; do
      eval "b=\$$side"
      out=$("$b/bench/odbc_fetch" "$side-ps$ps" "Driver=$b/driver/.libs/librocksetodbc.so;$rs_conn;PageSize=$ps" "$bench_sql")
      echo "$out"
      [ "$(bench_field "$out" rows)" = "$rows" ] || { echo "prefetch_ab.sh: wrong row count" >&2; exit 1; }
      echo "$side $ps $(bench_field "$out" rows_per_s) $(bench_field "$out" peak_rss_kb)" >> "$work/results"
    done
  done
done
echo
for ps in 10000 0; do
  for side in old new; do
    r=$(awk -v s="$side" -v p="$ps" '$1 == s && $2 == p { print $3 }' "$work/results" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    m=$(awk -v s="$side" -v p="$ps" '$1 == s && $2 == p { print $4 }' "$work/results" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    eval "r_$side=$r; m_$side=$m"
    printf "PageSize %-6s %-3s median rows/s %8s  peak RSS %7.1f MB\n" "$ps" "$side" "$r" "$(echo "$m" | awk '{ print $1 / 1024 }')"
  done
  # shellcheck disable=SC2154 # r_old, r_new, m_old, m_new are set by the eval above
  awk -v a="$r_new" -v b="$r_old" -v c="$m_new" -v d="$m_old" -v p="$ps" 'BEGIN {
    printf "PageSize %-6s new/old: rows/s %.2f  peak RSS %.2f\n", p, a / b, c / d }'
done
