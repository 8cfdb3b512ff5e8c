#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Static cursors do not hold the result (issue #15): ROWS documents (default 1,000,000) loaded
# into a throwaway rockset-local, read through the driver by bench/odbc_scroll once with a
# forward-only cursor, and once with a static cursor that goes over every row forward, every
# row backward (SQL_FETCH_PRIOR), 2,000 random SQL_FETCH_ABSOLUTE jumps, 1,000 from the end,
# 2,000 SQL_FETCH_RELATIVE moves, 200 bookmarks fetched back and FIRST/LAST: every orientation
# over the whole result, each position checked. Prints both peak RSS figures and their ratio, which must stay under 2.
# Not a timed test; the times printed are for information.
# Usage: bench/scroll_memory.sh [ROWS]   (RS_BUILD_DIR: a configured build tree, default _build)
set -eu
rows=${1:-1000000}
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$top/bench/lib.sh"
build=$(cd "${RS_BUILD_DIR:-$top/_build}" && pwd)
server="$build/server/rockset-local"
driver="$build/driver/.libs/librocksetodbc.so"
prog="$build/bench/odbc_scroll"
make -C "$build" -s server/rockset-local driver/librocksetodbc.la bench/odbc_scroll

work=$(mktemp -d /tmp/rs-scroll.XXXXXX)
cleanup() {
  bench_rs_stop
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "generating and loading $rows documents"
bench_rows "$rows" json > "$work/rows.jsonl"
bench_rs_load "$server" "$work/data" "$work/rows.jsonl" "$work/load.log"
bench_rs_start "$server" "$work/data" "$work/server.log"
sql="SELECT n, name, x, flag FROM bench.rows ORDER BY n"
fwd=$("$prog" forward "Driver=$driver;$rs_conn" "$sql")
echo "$fwd"
scr=$("$prog" scroll "Driver=$driver;$rs_conn" "$sql")
echo "$scr"
for out in "$fwd" "$scr"; do
  [ "$(bench_field "$out" rows)" = "$rows" ] || { echo "scroll_memory.sh: wrong row count" >&2; exit 1; }
done
f=$(bench_field "$fwd" peak_rss_kb)
s=$(bench_field "$scr" peak_rss_kb)
awk -v f="$f" -v s="$s" 'BEGIN {
  printf "peak client RSS: forward-only %.1f MB, static cursor back and forth %.1f MB, ratio %.2f\n",
    f / 1024, s / 1024, s / f
  if (s > 2 * f) { print "scroll_memory.sh: the static cursor needs more than twice the memory"; exit 1 } }'
