#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# On demand (not in `make check`: it takes a while): shows that a large answer streams.
# Runs a 1,000,000-row query without pagination against a fresh rockset-local and checks
# that the server's peak RSS grows by far less than the size of the answer.
#   top_builddir=BUILD tests/server/query/stream_memory.sh [ROWS]
set -u
if [ -z "${RS_SERVER:-}" ]; then
  exec "${top_srcdir:-$(cd "$(dirname "$0")/../../.." && pwd)}/tests/with-server.sh" "$0" "$@"
fi
rows=${1:-1000000}
pid=""
for p in /proc/[0-9]*; do
  if { tr "\\0" " " <"$p/cmdline"; } 2>/dev/null | grep -q -- "--data-dir $RS_DATADIR "; then
    pid=${p#/proc/}
    break
  fi
done
[ -n "$pid" ] || { echo "stream_memory.sh: server process not found" >&2; exit 99; }
hwm() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status"; }
q() {
  curl -sS -H "Authorization: ApiKey $RS_APIKEY" -H 'Content-Type: application/json' \
    -X POST "$RS_SERVER/v1/orgs/self/queries" -d "$1"
}
q '{"sql":{"query":"SELECT 1 AS warm"}}' >/dev/null
before=$(hwm)
sql="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $rows)"
sql="$sql SELECT x, 'a string to make every row about sixty bytes long' AS s FROM c"
bytes=$(q "{\"sql\":{\"query\":\"$sql\"}}" | tee /tmp/stream_memory.$$ | wc -c)
tail -c 200 /tmp/stream_memory.$$ | grep -q "\"results_total_doc_count\":$rows" || {
  echo "stream_memory.sh: the answer is incomplete:"; tail -c 300 /tmp/stream_memory.$$
  rm -f /tmp/stream_memory.$$; exit 1; }
rm -f /tmp/stream_memory.$$
after=$(hwm)
grow=$((after - before))
echo "answer: $bytes bytes for $rows rows; server peak RSS ${before} kB -> ${after} kB (+${grow} kB)"
# Whole-answer buffering would add at least the answer's size; allow 16 MB of noise.
if [ "$grow" -gt 16384 ]; then
  echo "stream_memory.sh: FAIL: peak RSS grew by ${grow} kB" >&2
  exit 1
fi
echo "stream_memory.sh: PASS"
