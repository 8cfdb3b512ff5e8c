#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Server CPU per point query: N POSTs of `SELECT 1` over one keep-alive connection to a fresh
# rockset-local, the server's CPU (utime + stime from /proc/PID/stat) divided by N. Give one
# binary, or two to compare (interleaved rounds, medians, the ratio new/old):
#   bench/server_point.sh [-n N] [-r ROUNDS] NEW_BIN [OLD_BIN]
# e.g. bench/server_point.sh _build/server/rockset-local ../wt-base/_build/server/rockset-local
# Not a timed test: a figure to compare with a peer binary in the same session.
set -eu
# shellcheck source=bench/lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
n=5000
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    -n) n=$2; shift 2 ;;
    -r) rounds=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || { echo "usage: $0 [-n N] [-r ROUNDS] NEW_BIN [OLD_BIN]" >&2; exit 2; }
key=benchkey0123456789abcdef
tmp=$(mktemp -d "${TMPDIR:-/tmp}/server_point.XXXXXX")
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT

# One round: prints the server's CPU ms per query.
one() {
  bin=$1
  rm -rf "$tmp/data"
  "$bin" --data-dir "$tmp/data" --port 0 --api-key "$key" >"$tmp/log" 2>&1 &
  pid=$!
  bench_listen_port "$tmp/log"
  port=$_port
  python3 - "$port" "$key" "$n" "$pid" <<'PY'
import http.client, json, os, sys
port, key, n, pid = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
tick = os.sysconf("SC_CLK_TCK")
def cpu():
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / tick
c = http.client.HTTPConnection("127.0.0.1", port)
body = json.dumps({"sql": {"query": "SELECT 1"}})
hdr = {"Authorization": "ApiKey " + key, "Content-Type": "application/json"}
def post(k):
    for _ in range(k):
        c.request("POST", "/v1/orgs/self/queries", body, hdr)
        r = c.getresponse()
        data = r.read()
        if r.status != 200:
            sys.exit(f"status {r.status}: {data[:200]}")
post(200)                       # warm: pool, caches, first-use costs
t0 = cpu()
post(n)
print("%.4f" % ((cpu() - t0) * 1000 / n))
PY
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

: >"$tmp/new"; : >"$tmp/old"
for _ in $(seq "$rounds"); do
  one "$1" >>"$tmp/new"
  [ $# -ge 2 ] && one "$2" >>"$tmp/old"
done
new=$(median <"$tmp/new")
echo "SELECT 1 x $n, server CPU ms/query (median of $rounds): new $new  [$(tr '\n' ' ' <"$tmp/new")]"
if [ $# -ge 2 ]; then
  old=$(median <"$tmp/old")
  echo "                                                   old $old  [$(tr '\n' ' ' <"$tmp/old")]"
  awk -v a="$new" -v b="$old" 'BEGIN { printf "ratio new/old %.3f\n", a / b }'
fi
