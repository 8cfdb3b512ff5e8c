#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Instructions rockset-local spends per row on one query, binary against binary (callgrind,
# steadier than any clock on a shared machine):
#
#   bench/engine_callgrind.sh [-n DOCS] [-d WORKDIR] [-t TOP] [-p PAGE] -q SQL SERVER_A SERVER_B [...]
#
# Loads DOCS documents of bench/engine_data.py (default 20,000) into a data directory per
# binary (kept under WORKDIR, default /tmp/engine_callgrind), starts each binary under
# valgrind --tool=callgrind with instrumentation off, switches it on for one POST of SQL
# (after a warm-up run of the same query), and prints the instructions counted, per document
# and as a ratio to SERVER_A, then the TOP (default 0) most expensive functions of each
# (inclusive). With -p PAGE the query runs paged as the driver reads it: the POST asks for
# pagination with a first page of PAGE documents, then every page of PAGE documents is read
# by GET until next_cursor is null (the counted run covers all of it). Not a test; builds
# nothing. The collection is bench.docs.
set -e
docs=20000 work=/tmp/engine_callgrind top=0 sql="" page=0
while getopts n:d:t:q:p: o; do
  case $o in
    n) docs=$OPTARG ;;
    d) work=$OPTARG ;;
    t) top=$OPTARG ;;
    q) sql=$OPTARG ;;
    p) page=$OPTARG ;;
    *) sed -n '5,6p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] && [ -n "$sql" ] || { sed -n '5,6p' "$0"; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
mkdir -p "$work"
data="$work/docs-$docs.jsonl"
[ -s "$data" ] || { python3 "$here/engine_data.py" "$docs" >"$data.tmp" && mv "$data.tmp" "$data"; }
body=$(python3 -c 'import json,sys; print(json.dumps({"sql": {"query": sys.argv[1]}}))' "$sql")

# The paged protocol of the driver; writes {"results": [every row]} like one answer would.
paged_post() {
  python3 - "$port" "$sql" "$page" "$work/answer-$i.json" <<'PY'
import http.client, json, sys
port, sql, page, out = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
c = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)
hdr = {"Authorization": "ApiKey benchkey", "Content-Type": "application/json"}
def call(m, p, b=None):
    c.request(m, p, json.dumps(b) if b is not None else None, hdr)
    r = c.getresponse(); d = r.read()
    if r.status != 200: sys.exit(f"{p}: {r.status} {d[:200]}")
    return json.loads(d)
a = call("POST", "/v1/orgs/self/queries", {"sql": {"query": sql, "paginate": True,
         "initial_paginate_response_doc_count": page}})
rows, cur = len(a["results"]), a["pagination"].get("next_cursor")
qid = a["query_id"]
while cur:
    p = call("GET", f"/v1/orgs/self/queries/{qid}/pages?cursor={cur}&docs={page}&offset=0")
    rows += len(p["results"])
    cur = p["pagination"].get("next_cursor")
json.dump({"results": [None] * rows}, open(out, "w"))
PY
}

pid=""
cleanup() { [ -z "$pid" ] || { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; }
trap cleanup EXIT INT TERM
first=""
i=0
for bin in "$@"; do
  i=$((i + 1))
  bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
  sum=$(printf %s "$bin" | cksum | cut -d' ' -f1)
  dir="$work/data-$sum-$docs"
  if [ ! -f "$dir/.loaded" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    "$bin" load --data-dir "$dir" bench.docs "$data" >"$work/load-$i.log" 2>&1 ||
      { cat "$work/load-$i.log"; exit 1; }
    touch "$dir/.loaded"
  fi
  out="$work/callgrind.out.$i" log="$work/server-$i.log"
  rm -f "$out"*
  valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$out" \
    "$bin" --data-dir "$dir" --port 0 --api-key benchkey >"$log" 2>&1 &
  pid=$!
  bench_listen_port "$log" 60     # valgrind starts slowly
  port=$_port
  post() {
    [ "$page" = 0 ] || { paged_post; return; }
    curl -sf -o "$work/answer-$i.json" -H 'Authorization: ApiKey benchkey' \
      -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port/v1/orgs/self/queries"
  }
  post
  callgrind_control -i on "$pid" >/dev/null
  post
  callgrind_control -i off "$pid" >/dev/null
  callgrind_control -d "$pid" >/dev/null
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  file=$(ls -S "$out"* | head -1)             # the dump, not the empty file at exit
  ir=$(callgrind_annotate "$file" 2>/dev/null | sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' | tr -d ,)
  rows=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["results"]))' \
    "$work/answer-$i.json")
  [ -n "$first" ] || first=$ir
  python3 -c 'import sys; ir, d, f, r = map(int, sys.argv[1:5]); print("%-50s %14d Ir  %8.0f Ir/doc  rows %d  ratio %.3f" % (sys.argv[5][-50:], ir, ir / d, r, ir / f))' \
    "$ir" "$docs" "$first" "$rows" "$bin"
  [ "$top" = 0 ] || callgrind_annotate --inclusive=yes "$file" 2>/dev/null |
    sed -n '/^-* *$/d; /file:function/,$p' | sed -n "2,$((top + 1))p"
done
