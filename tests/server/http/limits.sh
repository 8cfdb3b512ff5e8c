#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The limits of issue #12, each hit and not hit, against servers started with small limits
# (RS_SERVER_ARGS of tests/with-server.sh) and one with the defaults: requests per second per
# API key and per organization (429 RATELIMITEXCEEDED with Retry-After), documents per write
# request (400 naming the limit), request body size (413) and the query timeout (the default
# for a query without one, the ceiling for one asking more).
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../../.." && pwd)}
export top_srcdir
if [ $# -eq 0 ]; then
  st=0
  run() { RS_SERVER_ARGS="$1" sh "$top_srcdir/tests/with-server.sh" sh "$0" "$2" || st=1; }
  run "" defaults
  run "--rate-limit 2" key_rate
  run "--org-rate-limit 3" org_rate
  run "--max-docs 3 --max-body-size 1000" sizes
  run "--query-timeout 300" timeout
  exit $st
fi
fails=0
out=$(mktemp) || exit 99
hdr=$(mktemp) || exit 99
trap 'rm -f "$out" "$hdr"' EXIT
KEY=$RS_APIKEY
# call METHOD PATH [BODY]: sets code; the body is in $out, the headers in $hdr
call() {
  code=$(curl -s -o "$out" -D "$hdr" -w '%{http_code}' -X "$1" -H "Authorization: ApiKey $KEY" \
    -H 'Content-Type: application/json' ${3:+--data-binary "$3"} "$RS_SERVER$2")
}
# expect CODE TEXT WHAT: the last answer had status CODE and its body holds TEXT
expect() {
  if [ "$code" != "$1" ] || ! grep -qF -- "$2" "$out"; then
    echo "FAIL: $3: want $1 with '$2', got $code: $(head -c 300 "$out")"
    fails=$((fails + 1))
  else
    echo "ok: $3"
  fi
}
# docs N: {"data":[{"_id":"d1"},...]} with N documents
docs() {
  awk -v n="$1" 'BEGIN { printf "{\"data\":["; for (i = 1; i <= n; i++)
    printf "%s{\"_id\":\"d%d\",\"v\":%d}", (i > 1 ? "," : ""), i, i; printf "]}" }'
}
# burst R KEY1 KEY2: requests alternating the two keys until one is refused (at most 20, far
# more than R/s lets through in the time they take); the first R (a full bucket) must pass.
burst() {
  i=0
  while [ $i -lt 20 ]; do
    if [ $((i % 2)) = 0 ]; then KEY=$2; else KEY=$3; fi
    call GET /v1/orgs/self/ws
    [ "$code" = 429 ] && break
    i=$((i + 1))
  done
  KEY=$RS_APIKEY
  [ $i -ge "$1" ] && echo "ok: $i requests of the burst passed (at least $1)" ||
    { echo "FAIL: only $i requests passed before the 429, want at least $1"; fails=$((fails + 1)); }
}
D=/v1/orgs/self/ws/commons/collections/sample/docs
Q=/v1/orgs/self/queries
endless='WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) AS n FROM c'

case "$1" in
defaults)
  # No rate limit by default: the test suite sends bursts with one key.
  n=0
  for i in $(seq 40); do call GET /v1/orgs/self/ws; [ "$code" = 200 ] && n=$((n + 1)); done
  [ $n = 40 ] && echo "ok: 40 requests at once, no 429 by default" ||
    { echo "FAIL: only $n of 40 requests answered 200 by default"; fails=$((fails + 1)); }
  docs 20001 > "$out.big"
  code=$(curl -s -o "$out" -w '%{http_code}' -X POST -H "Authorization: ApiKey $KEY" \
    -H 'Content-Type: application/json' --data-binary "@$out.big" "$RS_SERVER$D")
  rm -f "$out.big"
  expect 400 'maximum allowed limit of 20,000 documents' "20,001 documents by default"
  grep -qF '"message_key":"RECEIVER_REQUEST_MAX_DOCUMENT_LIMIT"' "$out" ||
    { echo "FAIL: no message_key RECEIVER_REQUEST_MAX_DOCUMENT_LIMIT"; fails=$((fails + 1)); }
  head -c 10485761 /dev/zero | tr '\0' ' ' > "$out.big"
  code=$(curl -s -o "$out" -w '%{http_code}' -X POST -H "Authorization: ApiKey $KEY" \
    -H 'Content-Type: application/json' --data-binary "@$out.big" "$RS_SERVER$D")
  rm -f "$out.big"
  expect 413 'Payload size exceeds limit of 10485760 bytes' "10 MiB + 1 byte by default"
  ;;
key_rate)
  burst 2 "$KEY" "$KEY"
  expect 429 '"type":"RATELIMITEXCEEDED"' "a request over 2/s is refused"
  grep -qi '^Retry-After: 1' "$hdr" && echo "ok: Retry-After: 1" ||
    { echo "FAIL: no Retry-After: 1 in $(cat "$hdr")"; fails=$((fails + 1)); }
  n=0
  for i in 1 2 3 4 5; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$RS_SERVER/")" = 200 ] && n=$((n + 1))
  done
  [ $n = 5 ] && echo "ok: the ping is not limited" ||
    { echo "FAIL: $n of 5 pings answered"; fails=$((fails + 1)); }
  sleep 1
  call POST /v1/orgs/self/users/self/apikeys '{"name":"second"}'
  expect 200 '"key"' "after Retry-After the key is served again"
  k2=$(sed -n 's/.*"key":"\([^"]*\)".*/\1/p' "$out")
  burst 1 "$KEY" "$KEY" # the key creation took one of the two
  expect 429 'This API key is limited to 2 requests per second' "the first key is at its limit"
  KEY=$k2
  call GET /v1/orgs/self/ws; expect 200 '"data"' "another key has its own budget"
  ;;
org_rate)
  sleep 1
  call POST /v1/orgs/self/users/self/apikeys '{"name":"second"}'
  expect 200 '"key"' "a second key"
  k2=$(sed -n 's/.*"key":"\([^"]*\)".*/\1/p' "$out")
  sleep 1
  burst 3 "$KEY" "$k2"
  expect 429 'Your organization is limited to 3 requests per second' "a request over 3/s is refused"
  grep -qi '^Retry-After: 1' "$hdr" && echo "ok: Retry-After: 1" ||
    { echo "FAIL: no Retry-After in $(cat "$hdr")"; fails=$((fails + 1)); }
  ;;
sizes)
  call POST $D "$(docs 3)"; expect 200 '"status":"ADDED"' "3 documents with --max-docs 3"
  call POST $D "$(docs 4)"
  expect 400 'maximum allowed limit of 3 documents' "4 documents are refused"
  call PATCH $D '{"data":[{"_id":"d1","patch":[]},{"_id":"d2","patch":[]},{"_id":"d3","patch":[]},{"_id":"d4","patch":[]}]}'
  expect 400 'maximum allowed limit of 3 documents' "4 patches are refused"
  call DELETE $D '{"data":[{"_id":"d1"},{"_id":"d2"},{"_id":"d3"},{"_id":"d4"}]}'
  expect 400 'maximum allowed limit of 3 documents' "4 deletes are refused"
  call POST $Q "{\"sql\":{\"query\":\"SELECT COUNT(*) AS n FROM commons.sample WHERE _id IN ('d1','d2','d3','d4')\"}}"
  expect 200 '"n":3' "the refused requests changed nothing"
  b=$(awk 'BEGIN { s = "{\"data\":[{\"_id\":\"x\",\"p\":\""; while (length(s) < 996) s = s "a";
    printf "%s\"}]}", s }')
  [ ${#b} = 1000 ] || echo "FAIL: body of ${#b} bytes"
  call POST $D "$b"; expect 200 '"_id":"x"' "a body of exactly 1000 bytes"
  call POST $D "$b "; expect 413 'Payload size exceeds limit of 1000 bytes' "1001 bytes"
  code=$(printf '%s  ' "$b" | curl -s -o "$out" -w '%{http_code}' -X POST \
    -H "Authorization: ApiKey $KEY" -H 'Transfer-Encoding: chunked' \
    -H 'Content-Type: application/json' --data-binary @- "$RS_SERVER$D")
  expect 413 'Payload size exceeds limit of 1000 bytes' "1002 bytes chunked (no Content-Length)"
  ;;
timeout)
  call POST $Q "{\"sql\":{\"query\":\"$endless\"}}"
  expect 408 'QUERY_TIMEOUT' "no timeout_ms: the server's 300 ms apply"
  call POST $Q "{\"sql\":{\"query\":\"$endless\"},\"timeout_ms\":0}"
  expect 408 'QUERY_TIMEOUT' "timeout_ms 0 is the default too"
  t0=$(date +%s)
  call POST $Q "{\"sql\":{\"query\":\"$endless\"},\"timeout_ms\":600000}"
  expect 408 'QUERY_TIMEOUT' "timeout_ms 600000 is lowered to 300"
  [ $(( $(date +%s) - t0 )) -lt 30 ] || { echo "FAIL: not lowered"; fails=$((fails + 1)); }
  call POST $Q "{\"sql\":{\"query\":\"$endless\",\"timeout_ms\":600000}}"
  expect 408 'QUERY_TIMEOUT' "sql.timeout_ms 600000 is lowered too"
  call POST $Q '{"sql":{"query":"SELECT 1 AS one"}}'
  expect 200 '"one":1' "a quick query within the default"
  call POST $Q "{\"sql\":{\"query\":\"SELECT 1\"},\"timeout_ms\":-1}"
  expect 400 'timeout_ms must be a whole number' "a bad timeout_ms still answers 400"
  call POST /v1/orgs/self/ws/commons/lambdas "{\"name\":\"slow\",\"sql\":{\"query\":\"$endless\"}}"
  v=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' "$out")
  call POST "/v1/orgs/self/ws/commons/lambdas/slow/versions/$v"
  expect 408 'QUERY_TIMEOUT' "a Query Lambda execution without a body gets the default"
  call POST "/v1/orgs/self/ws/commons/lambdas/slow/tags/latest" '{"timeout_ms":999999}'
  expect 408 'QUERY_TIMEOUT' "a tag execution asking more is lowered"
  ;;
esac
[ $fails = 0 ] || { echo "limits.sh $1: $fails failed"; exit 1; }
echo "limits.sh $1: all passed"
