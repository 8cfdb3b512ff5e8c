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
# A paginated answer is not abandoned when the connection of its first page closes: the rest
# is stored for page requests on other connections (each curl is a connection of its own).
n=300000
big="{\"sql\":{\"query\":\"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $n) SELECT x FROM c\",\"paginate\":true,\"initial_paginate_response_doc_count\":100}}"
first=$(curl -s --max-time 30 -H "Authorization: ApiKey $RS_APIKEY" -H 'Content-Type: application/json' \
  -d "$big" "$RS_SERVER/v1/orgs/self/queries")
id=$(printf '%s' "$first" | sed -n 's/.*"query_id":"\([^"]*\)".*/\1/p')
cursor=$(printf '%s' "$first" | sed -n 's/.*"next_cursor":"\([^"]*\)".*/\1/p')
rows=100
sleep 0.2
while [ -n "$cursor" ]; do
  page=$(curl -s --max-time 30 -H "Authorization: ApiKey $RS_APIKEY" \
    "$RS_SERVER/v1/orgs/self/queries/$id/pages?cursor=$cursor&docs=100000")
  got=$(printf '%s' "$page" | grep -o '"x":' | wc -l)
  [ "$got" -gt 0 ] || { echo "FAIL: page at $cursor: $(printf '%s' "$page" | head -c 300)"; exit 1; }
  rows=$((rows + got))
  cursor=$(printf '%s' "$page" | sed -n 's/.*"next_cursor":"\([^"]*\)".*/\1/p')
done
[ "$rows" -eq "$n" ] || { echo "FAIL: $rows of $n rows after the first connection closed"; exit 1; }
echo "PASS: all $n rows of a paginated answer after its first connection closed"
