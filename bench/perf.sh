#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The benchmark of issue #14, one command: every figure beside its peer from the same run.
#   bench/perf.sh [-o FILE] [-r RUNS] [-e E2E-RUNS] [--profile] [--smoke] [ROWS]
# ROWS (default 1,000,000) rows of ten mixed columns (bench/engine_data.py: ints, floats,
# strings, a bool, a timestamp, a nested object) go into rockset-local and into a throwaway
# PostgreSQL. A replay server of our own (bench/replay) first captures rockset-local's answers
# to the driver's requests, then serves those bytes back, so the driver is measured alone;
# bench/curl_floor makes the same requests with libcurl + yajl and nothing else (the floor).
# Fetch (bound SQL_C_CHAR rowset 1000 / SQLGetData / rowset 1) on the replay and end to end,
# psqlODBC (UseDeclareFetch=1;Fetch=10000) the same three ways, PageSize 0 on the replay, point
# queries (SELECT 1), the catalog (SQLTables + SQLColumns over 200 collections / tables).
# Medians of RUNS (default 3) interleaved rounds; the end-to-end fetches on rockset-local run
# E2E-RUNS times (default 1). Prints a Markdown table (also to FILE with -o). --smoke: 2,000
# rows, one round, 50 point queries, 10 collections, and checks the table is complete.
# --profile: then also `perf record -e cpu-clock` of the driver on the replay and of
# rockset-local serving the fetch and the point queries; their top functions follow the table.
# Needs root (installs the peers with apt-get, runs PostgreSQL as the postgres user).
# RS_BUILD_DIR: the build tree (default _build); RS_NO_MAKE=1: use it as it is.
set -eu
rows=1000000 runs=3 e2e_runs=1 out="" smoke=0 points=2000 ncat=200 profile=0
while [ $# -gt 0 ]; do
  case $1 in
    -o) out=$2; shift 2 ;;
    -r) runs=$2; shift 2 ;;
    -e) e2e_runs=$2; shift 2 ;;
    --profile) profile=1; shift ;;
    --smoke) smoke=1 rows=2000 runs=1 points=50 ncat=10; shift ;;
    -h|--help) sed -n '3,20p' "$0"; exit 0 ;;
    *) rows=$1; shift ;;
  esac
done
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$top/bench/lib.sh"
build=${RS_BUILD_DIR:-$top/_build}
if [ -z "${RS_NO_MAKE:-}" ]; then
  bench_install_peers postgresql odbc-postgresql libyajl-dev
  [ "$profile" = 0 ] || bench_install_peers linux-perf
  RS_DEPS=build "$top/scripts/build.sh"
  make -C "$build" -s server/rockset-local driver/librocksetodbc.la bench/odbc_fetch \
    bench/replay bench/curl_floor
fi
build=$(cd "$build" && pwd)
server="$build/server/rockset-local"
drv="Driver=$build/driver/.libs/librocksetodbc.so"
fetch="$build/bench/odbc_fetch"
floor="$build/bench/curl_floor"

work=$(mktemp -d /tmp/rs-perf.XXXXXX)
chmod 755 "$work"
rp_pid=""
replay_stop() {
  if [ -n "$rp_pid" ]; then
    kill "$rp_pid" 2>/dev/null || true
    wait "$rp_pid" 2>/dev/null || true
    rp_pid=""
  fi
}
# shellcheck disable=SC2317 # called by the trap
cleanup() {
  replay_stop
  bench_rs_stop
  bench_pg_stop
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
t_start=$(date +%s)
note() { echo "[$(( $(date +%s) - t_start )) s] $*" >&2; }

cols="n, k, m, x, y, s, cat, flag, ts, obj"
rs_sql="SELECT $cols FROM bench.rows"
pg_sql="SELECT $cols FROM rows"
note "generating $rows rows"
python3 "$top/bench/engine_data.py" "$rows" --tsv "$work/rows.tsv" > "$work/docs.jsonl"
chmod 644 "$work/docs.jsonl" "$work/rows.tsv"

note "PostgreSQL: loading the rows and $ncat catalog tables"
bench_pg_start "$work/pg" $((50000 + $$ % 10000))
bench_pg_sql "CREATE TABLE rows(n bigint, k int, m int, x double precision, y double precision,
  s text, cat text, flag boolean, ts timestamp, obj json)"
bench_pg_sql "\\copy rows FROM '$work/rows.tsv'"
bench_pg_sql "VACUUM ANALYZE rows"
bench_pg_sql "CREATE SCHEMA cat"
bench_pg_sql "DO \$\$ BEGIN FOR i IN 1..$ncat LOOP EXECUTE format('CREATE TABLE cat.c%s (n bigint,
  k int, m int, x double precision, y double precision, s text, cat text, flag boolean,
  ts timestamp, obj json)', lpad(i::text, 3, '0')); END LOOP; END \$\$"
pg_odbc="Driver=$psqlodbc;$pg_conn;UseDeclareFetch=1;Fetch=10000"

note "rockset-local: loading the rows and $ncat catalog collections"
bench_rs_load "$server" "$work/rs" "$work/docs.jsonl" "$work/rs-load.log"
bench_rs_start "$server" "$work/rs" "$work/rs.log"
rs_url=${rs_conn#Server=}
rs_url=${rs_url%%;*}
head -n 1 "$work/docs.jsonl" | python3 "$top/bench/perf_report.py" --make-collections \
  "$rs_url" benchkey cat "$ncat"

# The replay: capture the driver's requests and rockset-local's answers, then serve them.
replay_start() { # LOG [UPSTREAM]
  "$build/bench/replay" -d "$work/capture" ${2:+-u "$2"} >"$1" 2>&1 &
  rp_pid=$!
  bench_listen_port "$1"
  rp_url="http://127.0.0.1:$_port"
}
results="$work/results"
: > "$results"
# m KEY SERVER(none|rs|pg) COMMAND...: runs a bench program (its first argument after the
# options is the label: KEY), adds the server's CPU over the run to its line in the results.
m() {
  _key=$1 _srv=$2
  shift 2
  case $_srv in rs) _c0=$(bench_cpu "$rs_pid") ;; pg) _c0=$(bench_pg_cpu) ;; *) _c0=0 ;; esac
  _line=$("$@") || { echo "perf.sh: $_key failed" >&2; exit 1; }
  case $_srv in
    rs) _c1=$(bench_cpu "$rs_pid") ;;
    pg) sleep 0.3; _c1=$(bench_pg_cpu) ;; # the backend exits after the client: reaped then
    *) _c1=0 ;;
  esac
  echo "$_line server_cpu_s=$(echo "$_c0 $_c1" | awk '{ printf "%.3f", $2 - $1 }')" >> "$results"
  echo "$_line" >&2
}
note "capturing rockset-local's answers"
replay_start "$work/capture.log" "$rs_url"
rp_conn="$drv;Server=$rp_url;ApiKey=benchkey"
# the capture passes also give rockset-local's own cost, paged and unpaged (through the proxy)
m cap_paged rs "$fetch" -b 1000 cap_paged "$rp_conn;PageSize=10000" "$rs_sql"
m cap_one rs "$fetch" -b 1000 cap_one "$rp_conn;PageSize=0" "$rs_sql"
"$fetch" capture "$rp_conn;PageSize=10000" "SELECT 1" >&2
replay_stop
replay_start "$work/replay.log"
rp_conn="$drv;Server=$rp_url;ApiKey=benchkey"
# body_of HAS [HAS2 [NOT]]: the captured body of the driver's POST /queries that holds HAS (and
# HAS2, and not NOT): the floor sends the driver's exact bytes, so the replay knows them.
body_of() {
  for _k in "$work"/capture/*.key; do
    [ "$(head -n 1 "$_k")" = "POST /v1/orgs/self/queries" ] || continue
    _b=$(tail -n +2 "$_k")
    printf '%s' "$_b" | grep -qF -- "$1" || continue
    [ -z "${2:-}" ] || printf '%s' "$_b" | grep -qF -- "$2" || continue
    [ -z "${3:-}" ] || ! printf '%s' "$_b" | grep -qF -- "$3" || continue
    printf '%s\n' "$_b"
    return
  done
  echo "perf.sh: no captured query holds $1 $2" >&2
  exit 1
}
body_paged=$(body_of "\"$rs_sql\"" '"max_initial_results":10000')
body_one=$(body_of "\"$rs_sql\"" "" max_initial_results)
body_point=$(body_of '"SELECT 1"')

for r in $(seq 1 "$runs"); do
  note "round $r of $runs: replay, floor, psqlODBC, point queries, catalog"
  m floor_paged none "$floor" -p 10000 floor_paged "$rp_url" benchkey "$body_paged"
  m rp_bound none "$fetch" -b 1000 rp_bound "$rp_conn;PageSize=10000" "$rs_sql"
  m pg_bound pg "$fetch" -b 1000 pg_bound "$pg_odbc" "$pg_sql"
  m rp_getdata none "$fetch" -m getdata rp_getdata "$rp_conn;PageSize=10000" "$rs_sql"
  m pg_getdata pg "$fetch" -m getdata pg_getdata "$pg_odbc" "$pg_sql"
  m rp_row1 none "$fetch" -b 1 rp_row1 "$rp_conn;PageSize=10000" "$rs_sql"
  m pg_row1 pg "$fetch" -b 1 pg_row1 "$pg_odbc" "$pg_sql"
  m floor_one none "$floor" -p 0 floor_one "$rp_url" benchkey "$body_one"
  m rp_one none "$fetch" -b 1000 rp_one "$rp_conn;PageSize=0" "$rs_sql"
  m pt_floor none "$floor" -n "$points" pt_floor "$rp_url" benchkey "$body_point"
  m pt_rp none "$fetch" -n "$points" pt_rp "$rp_conn;PageSize=10000" "SELECT 1"
  m pt_rs rs "$fetch" -n "$points" pt_rs "$drv;$rs_conn" "SELECT 1"
  m pt_pg pg "$fetch" -n "$points" pt_pg "$pg_odbc" "SELECT 1"
  m cat_rs rs "$fetch" -c cat_rs "$drv;$rs_conn" cat
  m cat_pg pg "$fetch" -c cat_pg "$pg_odbc" cat
done
for r in $(seq 1 "$e2e_runs"); do
  note "end to end on rockset-local, round $r of $e2e_runs"
  m rs_bound rs "$fetch" -b 1000 rs_bound "$drv;$rs_conn;PageSize=10000" "$rs_sql"
  m rs_getdata rs "$fetch" -m getdata rs_getdata "$drv;$rs_conn;PageSize=10000" "$rs_sql"
  m rs_row1 rs "$fetch" -b 1 rs_row1 "$drv;$rs_conn;PageSize=10000" "$rs_sql"
done
# top_functions PERF-DATA TITLE: the 15 functions with the most samples, for the table's notes
top_functions() {
  printf '\n### %s\n\n```\n' "$2"
  perf report -i "$1" --stdio --no-children --sort dso,sym 2>/dev/null |
    grep -v '^#' | grep -v '^$' | head -n 15
  printf '```\n'
}
: > "$work/profile.md"
if [ "$profile" = 1 ]; then
  note "profiling with perf record -e cpu-clock"
  perf record -q -e cpu-clock -o "$work/driver.perf" -- "$fetch" -b 1000 prof \
    "$rp_conn;PageSize=10000" "$rs_sql" >/dev/null 2>&1
  top_functions "$work/driver.perf" "rockset-odbc on the replay, bound rowset 1000 (the client)" \
    >> "$work/profile.md"
  # prof_server NAME COMMAND...: records rockset-local while COMMAND runs
  prof_server() {
    _n=$1
    shift
    perf record -q -e cpu-clock -p "$rs_pid" -o "$work/$_n.perf" >/dev/null 2>&1 &
    _pp=$!
    sleep 1
    "$@" >/dev/null
    kill -INT "$_pp"
    wait "$_pp" || true
  }
  prof_server server "$fetch" -b 1000 prof "$drv;$rs_conn;PageSize=10000" "$rs_sql"
  top_functions "$work/server.perf" "rockset-local serving the fetch, PageSize 10000" \
    >> "$work/profile.md"
  prof_server point "$fetch" -n "$points" prof "$drv;$rs_conn" "SELECT 1"
  top_functions "$work/point.perf" "rockset-local serving $points x SELECT 1" >> "$work/profile.md"
fi
note "done"
[ -z "$out" ] || cp "$results" "$out.raw"
rc=0
check=--no-check
[ "$smoke" = 0 ] || check=--check
python3 "$top/bench/perf_report.py" --table "$results" "$rows" "$points" "$ncat" "$runs" \
  "$e2e_runs" "$check" > "$work/table.md" || rc=$?
cat "$work/profile.md" >> "$work/table.md"
cat "$work/table.md"
[ -z "$out" ] || cp "$work/table.md" "$out"
exit "$rc"
