#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The streaming proof: ROWS documents (default 1,000,000) loaded into a throwaway rockset-local,
# read through the DRIVER (bench/odbc_fetch: unixODBC, block cursor, every column as text) with
# PageSize 1000, 10000 and 100000, then the same query with LIMIT ROWS/10 at PageSize 10000;
# then PageSize 0 (one answer with every row, read in batches) for both.
# Peak RSS of the client must follow the page size and not the number of rows: the driver holds
# one decoded page at a time. make check runs it through tests/integration/client-memory.sh.
# Usage: bench/stream_client.sh [ROWS]   (RS_BUILD_DIR: a configured build tree, default _build)
set -eu
rows=${1:-1000000}
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$top/bench/lib.sh"
build=$(cd "${RS_BUILD_DIR:-$top/_build}" && pwd)
server="$build/server/rockset-local"
driver="$build/driver/.libs/librocksetodbc.so"
fetch="$build/bench/odbc_fetch"

# RS_NO_MAKE: run from make check, where everything is built already
if [ -z "${RS_NO_MAKE:-}" ]; then
  make -C "$build" -s server/rockset-local driver/librocksetodbc.la bench/odbc_fetch
fi

work=$(mktemp -d /tmp/rs-stream.XXXXXX)
cleanup() {
  bench_rs_stop
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "generating $rows documents"
bench_rows "$rows" json > "$work/rows.jsonl"
echo "loading them into rockset-local"
t0=$(date +%s)
bench_rs_load "$server" "$work/data" "$work/rows.jsonl" "$work/load.log"
echo "loaded in $(( $(date +%s) - t0 )) s"
bench_rs_start "$server" "$work/data" "$work/server.log"

sql=$bench_sql
results="$work/results"
: > "$results"
run() { # LABEL PAGESIZE SQL EXPECTED-ROWS
  out=$("$fetch" "$1" "Driver=$driver;$rs_conn;PageSize=$2" "$3")
  echo "$out"
  got=$(bench_field "$out" rows)
  if [ "$got" != "$4" ]; then
    echo "stream_client.sh: $1 fetched $got rows, expected $4" >&2
    exit 1
  fi
  echo "$1 $2 $4 $(bench_field "$out" rows_per_s) $(bench_field "$out" peak_rss_kb)" >> "$results"
}
for ps in 1000 10000 100000; do
  run "page$ps" "$ps" "$sql" "$rows"
done
small=$((rows / 10))
run "limit$small" 10000 "$sql LIMIT $small" "$small"
run "all" 0 "$sql" "$rows"
run "all-limit$small" 0 "$sql LIMIT $small" "$small"

echo
echo "peak client RSS by page size (rows fetched through the driver, every row checked):"
awk '{ printf "  PageSize %-7s rows %-8s rows/s %-8s peak RSS %6.1f MB\n", $2, $3, $4, $5 / 1024 }' "$results"
# bounded: at PageSize 10000 the full result and a tenth of it need about the same memory
awk 'NR == 2 { full = $5 } NR == 4 { part = $5 } END {
  printf "PageSize 10000: %d rows vs %d rows -> peak RSS ratio %.2f (1.00 = independent of the row count)\n",
    rows, small, full / part
  if (full > 1.5 * part) { print "stream_client.sh: memory grows with the row count"; exit 1 } }' \
  rows="$rows" small="$small" "$results"
# PageSize 0 too: the one answer is read in batches, so memory does not follow the rows either
awk 'NR == 5 { full = $5 } NR == 6 { part = $5 } END {
  printf "PageSize 0: %d rows vs %d rows -> peak RSS ratio %.2f (1.00 = independent of the row count)\n",
    rows, small, full / part
  if (full > 1.5 * part) { print "stream_client.sh: PageSize 0 memory grows with the row count"; exit 1 } }' \
  rows="$rows" small="$small" "$results"
