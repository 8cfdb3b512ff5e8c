#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# rockset-local's SQL engine against itself: the same queries over the same 1M documents, served
# by two (or more) rockset-local binaries, e.g. before and after a change of the translator.
#
#   bench/engine_scan.sh [-n DOCS] [-r RUNS] [-d WORKDIR] [-q WORD] [-f] SERVER_A SERVER_B [...]
#
# Builds nothing. Generates DOCS documents (bench/engine_data.py, default 1,000,000) once in
# WORKDIR (default /tmp/engine_scan), loads them with each binary's own `load` into its own
# data directory (kept: a second run with the same WORKDIR and binary paths reuses them; -f
# loads again), starts every server, then times each query RUNS times (default 5) interleaved:
# query by query, run by run, server by server, so that load from other processes spreads
# over all of them (-q: only the queries whose name holds WORD). A time
# is the wall clock of one POST /queries, response read in full, as a client sees it. Prints,
# per query, each server's best and median time in ms and their ratios to SERVER_A.
# Not a test: nothing here is asserted, and make check does not run it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
docs=1000000
runs=5
work=/tmp/engine_scan
force=0
only=""
while getopts n:r:d:q:f o; do
  case $o in
    n) docs=$OPTARG ;;
    r) runs=$OPTARG ;;
    d) work=$OPTARG ;;
    q) only=$OPTARG ;;
    f) force=1 ;;
    *) sed -n '5,6p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || { sed -n '5,6p' "$0"; exit 2; }
mkdir -p "$work"
data="$work/docs-$docs.jsonl"
if [ ! -s "$data" ]; then
  python3 "$here/engine_data.py" "$docs" >"$data.tmp" && mv "$data.tmp" "$data"
fi

pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
urls=""
i=0
for bin in "$@"; do
  i=$((i + 1))
  # one data directory per binary path and document count (-f: load again, e.g. after a
  # change of the store's format)
  bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
  sum=$(printf %s "$bin" | cksum | cut -d' ' -f1)
  dir="$work/data-$sum-$docs"
  if [ "$force" = 1 ] || [ ! -f "$dir/.loaded" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    "$bin" load --data-dir "$dir" bench.docs "$data" >"$work/load-$i.log" 2>&1 ||
      { cat "$work/load-$i.log"; exit 1; }
    touch "$dir/.loaded"
  fi
  log="$work/server-$i.log"
  "$bin" --data-dir "$dir" --port 0 --api-key benchkey >"$log" 2>&1 &
  pids="$pids $!"
  port=""
  for _ in $(seq 1 100); do
    port=$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "$bin did not start:"; cat "$log"; exit 1; }
  urls="$urls http://127.0.0.1:$port"
done

# shellcheck disable=SC2086 # urls is a list
python3 - "$runs" "$only" $urls <<'PY'
import json
import statistics
import sys
import time
import urllib.request

runs = int(sys.argv[1])
only = sys.argv[2]
urls = sys.argv[3:]
C = "bench.docs"
queries = [
    ("count n > 100000", f"SELECT COUNT(*) AS c FROM {C} WHERE n > 100000"),
    ("count s = 'name5'", f"SELECT COUNT(*) AS c FROM {C} WHERE s = 'name5'"),
    ("count WHERE flag", f"SELECT COUNT(*) AS c FROM {C} WHERE flag"),
    ("n, s WHERE x < 0.5", f"SELECT n, s FROM {C} WHERE x < 0.5"),
    ("* LIMIT 100000", f"SELECT * FROM {C} LIMIT 100000"),
    ("GROUP BY cat", f"SELECT cat, COUNT(*) AS c FROM {C} GROUP BY cat"),
    ("ORDER BY n LIMIT 10", f"SELECT _id, n, s FROM {C} ORDER BY n DESC LIMIT 10"),
    ("count n IN (3 values)", f"SELECT COUNT(*) AS c FROM {C} WHERE n IN (5, 500, 50000)"),
    ("count n BETWEEN", f"SELECT COUNT(*) AS c FROM {C} WHERE n BETWEEN 1000 AND 200000"),
    ("count s LIKE", f"SELECT COUNT(*) AS c FROM {C} WHERE s LIKE 'name5%'"),
]
queries = [q for q in queries if only in q[0]]
HEAD = {"Authorization": "ApiKey benchkey", "Content-Type": "application/json"}


def run(url, sql):
    body = json.dumps({"sql": {"query": sql}}).encode()
    req = urllib.request.Request(url + "/v1/orgs/self/queries", data=body, headers=HEAD,
                                 method="POST")
    t0 = time.perf_counter()
    with urllib.request.urlopen(req, timeout=600) as r:
        raw = r.read()
    dt = (time.perf_counter() - t0) * 1000
    return dt, raw


times = {(q, u): [] for q, _ in queries for u in urls}
answers = {}
for name, sql in queries:
    for u in urls:                                   # warm up: pages into the OS cache
        _, raw = run(u, sql)
        doc = json.loads(raw)
        if doc.get("status") == "ERROR" or "results" not in doc:
            sys.exit("%s on %s: %s" % (name, u, raw[:300]))
        res = doc["results"]                         # what each server answered, to compare
        answers.setdefault(name, []).append(
            res[0]["c"] if len(res) == 1 and "c" in res[0] else len(res))
    for _ in range(runs):
        for u in urls:
            times[(name, u)].append(run(u, sql)[0])

labels = [chr(ord("A") + i) for i in range(len(urls))]
hdr = "| query | answer | " + " | ".join("%s best | %s median" % (l, l) for l in labels)
hdr += "".join(" | %s/A best | %s/A median" % (l, l) for l in labels[1:]) + " |"
print(hdr)
print("|" + "---|" * (hdr.count("|") - 1))
for name, _ in queries:
    a = times[(name, urls[0])]
    cells = ["%s" % "/".join(str(n) for n in sorted(set(answers[name])))]
    for u in urls:
        t = times[(name, u)]
        cells += ["%.0f" % min(t), "%.0f" % statistics.median(t)]
    for u in urls[1:]:
        t = times[(name, u)]
        cells += ["%.2f" % (min(t) / min(a)), "%.2f" % (statistics.median(t) / statistics.median(a))]
    print("| %s | %s |" % (name, " | ".join(cells)))
PY
