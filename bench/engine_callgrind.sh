#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Instructions rockset-local spends per row on one query, binary against binary (callgrind,
# steadier than any clock on a shared machine):
#
#   bench/engine_callgrind.sh [-n DOCS] [-d WORKDIR] [-t TOP] -q SQL SERVER_A SERVER_B [...]
#
# Loads DOCS documents of bench/engine_data.py (default 20,000) into a data directory per
# binary (kept under WORKDIR, default /tmp/engine_callgrind), starts each binary under
# valgrind --tool=callgrind with instrumentation off, switches it on for one POST of SQL
# (after a warm-up run of the same query), and prints the instructions counted, per document
# and as a ratio to SERVER_A, then the TOP (default 0) most expensive functions of each
# (inclusive). Not a test; builds nothing. The collection is bench.docs.
set -e
docs=20000 work=/tmp/engine_callgrind top=0 sql=""
while getopts n:d:t:q: o; do
  case $o in
    n) docs=$OPTARG ;;
    d) work=$OPTARG ;;
    t) top=$OPTARG ;;
    q) sql=$OPTARG ;;
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
