#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# A query whose client went away stops (#11.10). A driver that cancels before it knows the
# query's id can only close its connection; rockset-local used to run such a query to its end
# on the request thread, so eight abandoned endless queries took every thread and the server
# answered nobody. Here twelve clients send an endless query and hang up after a second; then
# a plain query must still be answered, at once.
# Run by make check through tests/with-server.sh (RS_SERVER, RS_APIKEY).
set -u
if [ -z "${RS_SERVER:-}" ]; then
  exec "${top_srcdir:-$(cd "$(dirname "$0")/../../.." && pwd)}/tests/with-server.sh" "$0" "$@"
fi
endless='{"sql":{"query":"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) AS n FROM c"}}'
pids=""
i=0
while [ $i -lt 12 ]; do
  curl -s -o /dev/null --max-time 1 -H "Authorization: ApiKey $RS_APIKEY" \
    -H 'Content-Type: application/json' -d "$endless" "$RS_SERVER/v1/orgs/self/queries" &
  pids="$pids $!"
  i=$((i + 1))
done
for p in $pids; do wait "$p"; done
sleep 0.3
out=$(curl -s -w ' %{http_code}' --max-time 5 -H "Authorization: ApiKey $RS_APIKEY" \
  -H 'Content-Type: application/json' -d '{"sql":{"query":"SELECT 1 AS one"}}' \
  "$RS_SERVER/v1/orgs/self/queries")
case "$out" in
  *'"one":1'*' 200') echo "PASS: a query is answered after twelve abandoned endless ones" ;;
  *) echo "FAIL: after twelve abandoned endless queries, SELECT 1 answered: ${out:-nothing}"; exit 1 ;;
esac
