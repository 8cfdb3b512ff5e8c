#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Numbers in query requests at the ends of their range (issue #11): page cursors and offsets,
# page sizes, timeout_ms, initial_paginate_response_doc_count and max_initial_results. Each
# answers a page or a 400 naming the number, never an overflow (the sanitizer build's server
# aborts on one, and the next request then fails).
set -u
if [ -z "${RS_SERVER:-}" ]; then
  exec sh "${top_srcdir:-.}/tests/with-server.sh" sh "$0" "$@"
fi
fails=0
out=$(mktemp) || exit 99
trap 'rm -f "$out"' EXIT
# call METHOD PATH [BODY]: sets code, the body is in $out
call() {
  code=$(curl -s -o "$out" -w '%{http_code}' -X "$1" -H "Authorization: ApiKey $RS_APIKEY" \
    -H 'Content-Type: application/json' ${3:+--data "$3"} "$RS_SERVER$2")
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
q='{"sql":{"query":"SELECT _id FROM commons.sample ORDER BY _id"'
call POST /v1/orgs/self/queries "$q,\"initial_paginate_response_doc_count\":1},\"paginate\":true}"
expect 200 '"next_cursor":"c1"' "a paginated query"
id=$(sed -n 's/.*"query_id":"\([^"]*\)".*/\1/p' "$out")
p=/v1/orgs/self/queries/$id/pages
call GET "$p?cursor=c1&offset=1&docs=1"
expect 200 '"start_cursor":"c2"' "cursor plus offset"
call GET "$p?cursor=c1&offset=99999999999999999999"
expect 400 "Invalid offset '99999999999999999999'" "offset past int64"
call GET "$p?cursor=c1&offset=-1"
expect 400 "Invalid offset '-1'" "negative offset"
call GET "$p?cursor=c1&offset=9007199254740991"
expect 400 "Invalid offset" "cursor plus offset past 2^53 - 1"
call GET "$p?cursor=c9223372036854775807"
expect 400 "Invalid cursor" "cursor at int64 max (start + docs overflowed)"
call GET "$p/c9007199254740991?docs=100000"
expect 200 '"current_page_doc_count":0' "the furthest cursor: an empty page"
call GET "$p?cursor=c-5"
expect 400 "Invalid cursor" "negative cursor"
call GET "$p?docs=99999999999999999999"
expect 200 '"start_cursor":"c0"' "a huge page size is the maximum"
call GET "$p?docs=-99999999999999999999"
expect 200 '"start_cursor":"c0"' "a hugely negative page size is the default"
call GET "$p?docs=12abc"
expect 400 "Invalid docs" "a page size that is no number"
for k in timeout_ms initial_paginate_response_doc_count max_initial_results default_row_limit; do
  for v in 9223372036854775807 1e300 -1 2.5 '"10"'; do
    call POST /v1/orgs/self/queries "$q,\"$k\":$v}}"
    expect 400 "sql.$k must be a whole number from 0 to 9007199254740991" "sql.$k=$v"
  done
  call POST /v1/orgs/self/queries "$q},\"$k\":-9223372036854775808}"
  expect 400 "$k must be a whole number" "$k=-2^63 in the body"
  call POST /v1/orgs/self/queries "$q},\"$k\":9007199254740991}"
  expect 200 '"status":"COMPLETED"' "$k=2^53-1 works"
done
call POST /v1/orgs/self/queries "$q,\"timeout_ms\":null}}"
expect 200 '"status":"COMPLETED"' "timeout_ms null is no timeout"
# a Query Lambda's execution takes the same numbers, with the same bounds
call POST /v1/orgs/self/ws/commons/lambdas '{"name":"rn","sql":{"query":"SELECT 1 AS one"}}'
expect 200 '"name":"rn"' "create a lambda"
v=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' "$out")
call POST "/v1/orgs/self/ws/commons/lambdas/rn/versions/$v" '{"timeout_ms":-5}'
expect 400 "timeout_ms must be a whole number" "lambda timeout_ms=-5"
call POST "/v1/orgs/self/ws/commons/lambdas/rn/versions/$v" '{"timeout_ms":1e300}'
expect 400 "timeout_ms must be a whole number" "lambda timeout_ms=1e300"
call POST "/v1/orgs/self/ws/commons/lambdas/rn/versions/$v" '{"timeout_ms":5000}'
expect 200 '"one":1' "lambda timeout_ms=5000"
# the server is still up and answering
call POST /v1/orgs/self/queries "$q}}"
expect 200 '"status":"COMPLETED"' "the server survived"
[ $fails -eq 0 ] || { echo "request_numbers.sh: $fails failed"; exit 1; }
echo "request_numbers.sh: all passed"
