#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Server CPU of serving a paginated result: a generated ROWS x 6-column query (no collection
# needed: WITH RECURSIVE), first page 10,000 rows, then every page of 10,000 rows read in
# order, as the driver does. Prints the server's CPU seconds (utime + stime from
# /proc/PID/stat) and rows/s of server CPU; with two binaries, interleaved rounds, medians and
# the ratio new/old. Not a timed test.
#   bench/server_paged.sh [-n ROWS] [-r ROUNDS] NEW_BIN [OLD_BIN]
set -eu
# shellcheck source=bench/lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
rows=1000000
rounds=1
while [ $# -gt 0 ]; do
  case "$1" in
    -n) rows=$2; shift 2 ;;
    -r) rounds=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || { echo "usage: $0 [-n ROWS] [-r ROUNDS] NEW_BIN [OLD_BIN]" >&2; exit 2; }
key=benchkey0123456789abcdef
tmp=$(mktemp -d "${TMPDIR:-/tmp}/server_paged.XXXXXX")
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT

one() {
  rm -rf "$tmp/data"
  "$1" --data-dir "$tmp/data" --port 0 --api-key "$key" >"$tmp/log" 2>&1 &
  pid=$!
  bench_listen_port "$tmp/log"
  port=$_port
  python3 - "$port" "$key" "$rows" "$pid" "$tmp/data" <<'PY'
import http.client, json, os, sys
port, key, rows, pid, data = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
tick = os.sysconf("SC_CLK_TCK")
def cpu():
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / tick
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
t0 = cpu()
a = call("POST", "/v1/orgs/self/queries",
         {"sql": {"query": sql, "paginate": True, "initial_paginate_response_doc_count": 10000}})
got, link = len(a["results"]), a["pagination"].get("next_page_link")
while link:
    p = call("GET", link)
    got += len(p["results"])
    link = p["pagination"].get("next_page_link")
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
echo "paged $rows rows x 6 columns, pages of 10000: server CPU s, rows/s of server CPU, rockset.db MB after"
echo "new: $(cut -d' ' -f1 "$tmp/new" | med) s  $(cut -d' ' -f2 "$tmp/new" | med) rows/s  $(cut -d' ' -f3 "$tmp/new" | med) MB"
if [ $# -ge 2 ]; then
  echo "old: $(cut -d' ' -f1 "$tmp/old" | med) s  $(cut -d' ' -f2 "$tmp/old" | med) rows/s  $(cut -d' ' -f3 "$tmp/old" | med) MB"
  awk -v a="$(cut -d' ' -f1 "$tmp/new" | med)" -v b="$(cut -d' ' -f1 "$tmp/old" | med)" \
    'BEGIN { printf "ratio of server CPU new/old %.3f\n", a / b }'
fi
