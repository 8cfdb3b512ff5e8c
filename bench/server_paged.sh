#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Server CPU of serving a paginated result: a generated ROWS x 6-column query (no collection
# needed: WITH RECURSIVE), first page 10,000 rows, then every page of 10,000 rows read in
# order, as the driver does. Prints the server's CPU seconds (utime + stime from
# /proc/PID/stat) and rows/s of server CPU; with two binaries, interleaved rounds, medians and
# the ratio new/old. Not a timed test.
#   bench/server_paged.sh [-n ROWS] [-r ROUNDS] [-c DOCS [-q QUERIES] [-b BUILD]] NEW_BIN [OLD_BIN]
# With -c DOCS it serves the issue's query instead, SELECT n, k, m, x, y, s, cat, flag, ts, obj
# FROM bench.docs over DOCS documents of bench/engine_data.py (loaded once per binary, kept
# under $TMPDIR/server_paged_docs), QUERIES times (default 3) in one server, and prints each
# query's user and system CPU apart (the first queries after a start were reported to cost
# several times the later ones); the summary is the median of the queries after the first.
# With -b BUILD (and -c) each query is a bench/odbc_fetch of BUILD through the driver instead
# (build it with `make bench/odbc_fetch`): the end-to-end path, DESCRIBE included.
set -eu
# shellcheck source=bench/lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
rows=1000000
rounds=1
docs=0
queries=3
odbc=""
while [ $# -gt 0 ]; do
  case "$1" in
    -n) rows=$2; shift 2 ;;
    -r) rounds=$2; shift 2 ;;
    -c) docs=$2; shift 2 ;;
    -q) queries=$2; shift 2 ;;
    -b) odbc=$(cd "$2" && pwd); shift 2 ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || { echo "usage: $0 [-n ROWS] [-r ROUNDS] [-c DOCS [-q QUERIES] [-b BUILD]] NEW_BIN [OLD_BIN]" >&2; exit 2; }
key=benchkey0123456789abcdef
tmp=$(mktemp -d "${TMPDIR:-/tmp}/server_paged.XXXXXX")
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT

# -c: the collection's data directory of binary $1 (loaded on first use), in $_data.
docs_data() {
  keep=${TMPDIR:-/tmp}/server_paged_docs
  mkdir -p "$keep"
  [ -s "$keep/docs-$docs.jsonl" ] || { python3 "$(dirname "$0")/engine_data.py" "$docs" \
    >"$keep/docs-$docs.tmp" && mv "$keep/docs-$docs.tmp" "$keep/docs-$docs.jsonl"; }
  _data="$keep/data-$(printf %s "$1" | cksum | cut -d' ' -f1)-$docs"
  [ -f "$_data/.loaded" ] && return
  rm -rf "$_data"
  "$1" load --data-dir "$_data" bench.docs "$keep/docs-$docs.jsonl" >"$tmp/load.log" 2>&1 ||
    { cat "$tmp/load.log"; exit 1; }
  touch "$_data/.loaded"
}

# -b: the queries through the driver (bench/odbc_fetch of BUILD, PageSize 10000, rowset
# 1000), each a new ODBC connection as an application's would be: the driver DESCRIBEs the
# collection on a connection's first read of it. Prints the median of queries 2.. as one().
odbc_queries() {
  : >"$tmp/odbc"
  for q in $(seq "$queries"); do
    c0=$(awk '{print $14, $15}' "/proc/$pid/stat")
    "$odbc/bench/odbc_fetch" -b 1000 "fetch$q" \
      "Driver=$odbc/driver/.libs/librocksetodbc.so;Server=http://127.0.0.1:$port;ApiKey=$key;PageSize=10000" \
      "SELECT n, k, m, x, y, s, cat, flag, ts, obj FROM bench.docs" >"$tmp/fetch" ||
      { cat "$tmp/fetch"; exit 1; }
    c1=$(awk '{print $14, $15}' "/proc/$pid/stat")
    grep -q "rows=$docs " "$tmp/fetch" || { cat "$tmp/fetch"; exit 1; }
    echo "$c0 $c1" | awk -v q="$q" -v t="$(getconf CLK_TCK)" \
      '{ printf "  query %d (driver): user %.2f s  sys %.2f s\n", q, ($3-$1)/t, ($4-$2)/t }' >&2
    [ "$q" = 1 ] && [ "$queries" -gt 1 ] ||
      echo "$c0 $c1" | awk -v t="$(getconf CLK_TCK)" '{ print ($3-$1+$4-$2)/t }' >>"$tmp/odbc"
  done
  s=$(med <"$tmp/odbc")
  awk -v s="$s" -v r="$docs" 'BEGIN { printf "%.2f %.0f 0\n", s, r / s }'
}

one() {
  data=$tmp/data
  if [ "$docs" -gt 0 ]; then docs_data "$1"; data=$_data; else rm -rf "$data"; fi
  "$1" --data-dir "$data" --port 0 --api-key "$key" >"$tmp/log" 2>&1 &
  pid=$!
  bench_listen_port "$tmp/log"
  port=$_port
  [ -z "$odbc" ] || { odbc_queries; kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; return; }
  python3 - "$port" "$key" "$rows" "$pid" "$data" "$docs" "$queries" <<'PY'
import http.client, json, os, sys
port, key, rows, pid, data = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
docs, queries = int(sys.argv[6]), int(sys.argv[7])
tick = os.sysconf("SC_CLK_TCK")
def cpu2():
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(f[11]) / tick, int(f[12]) / tick
def cpu():
    return sum(cpu2())
c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
hdr = {"Authorization": "ApiKey " + key, "Content-Type": "application/json"}
def call(m, p, b=None):
    c.request(m, p, json.dumps(b) if b is not None else None, hdr)
    r = c.getresponse(); d = r.read()
    if r.status != 200: sys.exit(f"{p}: {r.status} {d[:200]}")
    return json.loads(d)
sql = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %d)"
       " SELECT x AS id, x * 7 AS n, 'name-' || CAST(x AS string) AS name, x / 3.0 AS f, x %% 2 = 0 AS b,"
       " 'some text of a row ' || CAST(x AS string) AS t FROM c" % rows)
def paged(sql):
    # as the driver reads it: the first page with the POST, then next_cursor until null
    a = call("POST", "/v1/orgs/self/queries",
             {"sql": {"query": sql, "paginate": True, "initial_paginate_response_doc_count": 10000}})
    got, cur = len(a["results"]), a["pagination"].get("next_cursor")
    while cur:
        p = call("GET", f"/v1/orgs/self/queries/{a['query_id']}/pages?cursor={cur}&docs=10000&offset=0")
        got += len(p["results"])
        cur = p["pagination"].get("next_cursor")
    return got
if docs:
    sql, rows = "SELECT n, k, m, x, y, s, cat, flag, ts, obj FROM bench.docs", docs
    later = []
    for q in range(queries):
        u0, s0 = cpu2()
        got = paged(sql)
        u1, s1 = cpu2()
        if got != rows: sys.exit(f"read {got} rows of {rows}")
        print(f"  query {q + 1}: user {u1 - u0:.2f} s  sys {s1 - s0:.2f} s", file=sys.stderr)
        if q or queries == 1: later.append(u1 - u0 + s1 - s0)
    s = sorted(later)[len(later) // 2]
    print("%.2f %.0f 0" % (s, rows / s))
    sys.exit(0)
t0 = cpu()
got = paged(sql)
s = cpu() - t0
if got != rows: sys.exit(f"read {got} rows of {rows}")
size = sum(os.path.getsize(os.path.join(data, f)) for f in os.listdir(data) if f.startswith("rockset.db"))
print("%.2f %.0f %.1f" % (s, rows / s, size / 1e6))
PY
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

med() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
: >"$tmp/new"; : >"$tmp/old"
for _ in $(seq "$rounds"); do
  one "$1" >>"$tmp/new"
  [ $# -ge 2 ] && one "$2" >>"$tmp/old"
done
if [ "$docs" -gt 0 ]; then
  echo "paged $docs documents x 10 fields, pages of 10000: server CPU s (median of queries 2..$queries), rows/s of server CPU"
else
  echo "paged $rows rows x 6 columns, pages of 10000: server CPU s, rows/s of server CPU, rockset.db MB after"
fi
echo "new: $(cut -d' ' -f1 "$tmp/new" | med) s  $(cut -d' ' -f2 "$tmp/new" | med) rows/s  $(cut -d' ' -f3 "$tmp/new" | med) MB"
if [ $# -ge 2 ]; then
  echo "old: $(cut -d' ' -f1 "$tmp/old" | med) s  $(cut -d' ' -f2 "$tmp/old" | med) rows/s  $(cut -d' ' -f3 "$tmp/old" | med) MB"
  awk -v a="$(cut -d' ' -f1 "$tmp/new" | med)" -v b="$(cut -d' ' -f1 "$tmp/old" | med)" \
    'BEGIN { printf "ratio of server CPU new/old %.3f\n", a / b }'
fi
