#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Fetch benchmark: the same N rows (default 1,000,000) read through ODBC from rockset-local with
# rockset-odbc, and from PostgreSQL with psqlODBC (the peer), in one session, by the same program
# (bench/odbc_fetch: block cursor of 256 rows, every column bound as SQL_C_CHAR).
# Prints rows/s and peak RSS for each, and the ratios. Usage: bench/run.sh [ROWS]
set -e
rows=${1:-1000000}
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$top/bench/lib.sh"
build=${RS_BUILD_DIR:-$top/_build}
bench_install_peers postgresql odbc-postgresql
RS_DEPS=build "$top/scripts/build.sh"
make -C "$build" -s bench/odbc_fetch

work=$(mktemp -d /tmp/rockset-bench.XXXXXX)
chmod 755 "$work"
cleanup() {
  bench_pg_stop
  bench_rs_stop
  rm -rf "$work"
}
trap cleanup EXIT

echo "generating $rows rows"
bench_rows "$rows" json > "$work/rows.jsonl"
bench_rows "$rows" tsv > "$work/rows.tsv"
chmod 644 "$work"/rows.*

# The peer: a throwaway PostgreSQL cluster on a private port.
bench_pg_start "$work/pg" 55432
bench_pg_sql "CREATE TABLE rows(_id text, n bigint, name text, x double precision, flag boolean)"
bench_pg_sql "\\copy rows FROM '$work/rows.tsv'"

# rockset-local with the same rows.
bench_rs_load "$build/server/rockset-local" "$work/rs" "$work/rows.jsonl" "$work/rs-load.log"
bench_rs_start "$build/server/rockset-local" "$work/rs" "$work/rs.log"
fetch="$build/bench/odbc_fetch"
rs=$("$fetch" rockset "Driver=$build/driver/.libs/librocksetodbc.so;$rs_conn" "$bench_sql")
bench_rs_stop
pg=$("$fetch" psqlodbc "Driver=$psqlodbc;$pg_conn" "SELECT _id, n, name, x, flag FROM rows")
pgc=$("$fetch" psql-cur "Driver=$psqlodbc;$pg_conn;UseDeclareFetch=1;Fetch=10000" "SELECT _id, n, name, x, flag FROM rows")
echo "$rs"; echo "$pg"; echo "$pgc"
awk -v a="$(bench_field "$rs" rows_per_s)" -v b="$(bench_field "$pg" rows_per_s)" \
    -v c="$(bench_field "$pgc" rows_per_s)" -v ra="$(bench_field "$rs" peak_rss_kb)" \
    -v rb="$(bench_field "$pg" peak_rss_kb)" -v rc="$(bench_field "$pgc" peak_rss_kb)" 'BEGIN {
  printf "ratio rows/s   rockset/psqlodbc = %.2f   rockset/psqlodbc(declare-fetch) = %.2f\n", a / b, a / c
  printf "ratio peak RSS rockset/psqlodbc = %.2f   rockset/psqlodbc(declare-fetch) = %.2f\n", ra / rb, ra / rc }'
