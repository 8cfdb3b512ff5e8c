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
need=""
for p in postgresql odbc-postgresql; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
  echo "installing the peer:$need"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi
RS_DEPS=build "$top/scripts/build.sh"
make -C "$build" -s bench/odbc_fetch

work=$(mktemp -d /tmp/rockset-bench.XXXXXX)
chmod 755 "$work"
pgpid=""
cleanup() {
  [ -n "$pgpid" ] && su postgres -c "$pglib/pg_ctl -D $work/pg -m fast stop" >/dev/null 2>&1
  bench_rs_stop
  rm -rf "$work"
}
trap cleanup EXIT

echo "generating $rows rows"
bench_rows "$rows" json > "$work/rows.jsonl"
bench_rows "$rows" tsv > "$work/rows.tsv"
chmod 644 "$work"/rows.*

# The peer: a throwaway PostgreSQL cluster on a private port.
pglib=$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)
mkdir "$work/pg" && chown postgres "$work/pg"
su postgres -c "$pglib/initdb -D $work/pg -A trust" >/dev/null
su postgres -c "$pglib/pg_ctl -D $work/pg -o '-p 55432 -k $work/pg' -l $work/pg/server.log -w start" >/dev/null
pgpid=1
psql -h "$work/pg" -p 55432 -U postgres -q -c "CREATE TABLE rows(_id text, n bigint, name text, x double precision, flag boolean)"
psql -h "$work/pg" -p 55432 -U postgres -q -c "\\copy rows FROM '$work/rows.tsv'"
psqlodbc=$(ls /usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so)

# rockset-local with the same rows.
bench_rs_load "$build/server/rockset-local" "$work/rs" "$work/rows.jsonl" "$work/rs-load.log"
bench_rs_start "$build/server/rockset-local" "$work/rs" "$work/rs.log"
fetch="$build/bench/odbc_fetch"
rs=$("$fetch" rockset "Driver=$build/driver/.libs/librocksetodbc.so;$rs_conn" "$bench_sql")
bench_rs_stop
pg=$("$fetch" psqlodbc "Driver=$psqlodbc;Servername=$work/pg;Port=55432;Database=postgres;Username=postgres" "SELECT _id, n, name, x, flag FROM rows")
pgc=$("$fetch" psql-cur "Driver=$psqlodbc;Servername=$work/pg;Port=55432;Database=postgres;Username=postgres;UseDeclareFetch=1;Fetch=10000" "SELECT _id, n, name, x, flag FROM rows")
echo "$rs"; echo "$pg"; echo "$pgc"
awk -v a="$(bench_field "$rs" rows_per_s)" -v b="$(bench_field "$pg" rows_per_s)" \
    -v c="$(bench_field "$pgc" rows_per_s)" -v ra="$(bench_field "$rs" peak_rss_kb)" \
    -v rb="$(bench_field "$pg" peak_rss_kb)" -v rc="$(bench_field "$pgc" peak_rss_kb)" 'BEGIN {
  printf "ratio rows/s   rockset/psqlodbc = %.2f   rockset/psqlodbc(declare-fetch) = %.2f\n", a / b, a / c
  printf "ratio peak RSS rockset/psqlodbc = %.2f   rockset/psqlodbc(declare-fetch) = %.2f\n", ra / rb, ra / rc }'
