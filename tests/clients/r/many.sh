# SPDX-License-Identifier: Apache-2.0
# Sourced (sh) by tests/clients/test-r.sh and test-qt.sh after rs_clients_begin: loads
# commons.clients_many, a result of several pages for the clients' default fetch loops:
#   25,000 documents {"_id": "mNNNNN", "k": N, "m": N}, N = 1..25000, except the last one,
#   {"_id": "m25000", "k": 25000, "m": "last", "x": "only here"}: so m is a mixed-type field
#   (int and string: VARCHAR in the catalog and in query results) and x is a field only the
#   last document has (the 25th page at PageSize=1000).
# Added through the REST API in 5 batches of 5,000 (each body from a file: a 5,000-document
# body is larger than one command-line argument may be), then waits until queries see all.
RS_MANY_ROWS=25000

rs_clients_many() {
  rs_api POST /v1/orgs/self/ws/commons/collections '{"name":"clients_many"}' >/dev/null \
    || rs_fail "cannot create collection commons.clients_many"
  _from=1
  while [ $_from -le $RS_MANY_ROWS ]; do
    _to=$((_from + 4999))
    awk -v from=$_from -v to=$_to -v last=$RS_MANY_ROWS 'BEGIN {
      printf "{\"data\":["
      for (n = from; n <= to; n++) {
        if (n > from) printf ","
        if (n == last) printf "{\"_id\":\"m%05d\",\"k\":%d,\"m\":\"last\",\"x\":\"only here\"}", n, n
        else printf "{\"_id\":\"m%05d\",\"k\":%d,\"m\":%d}", n, n, n
      }
      printf "]}"
    }' > "$RS_ODBC_DIR/many-docs.json"
    _code=$(curl -sS -o "$RS_ODBC_DIR/api-out" -w '%{http_code}' -X POST -H @"$RS_ODBC_DIR/api-headers" \
      --data-binary @"$RS_ODBC_DIR/many-docs.json" \
      "$RS_SERVER/v1/orgs/self/ws/commons/collections/clients_many/docs") \
      || rs_fail "cannot add documents $_from..$_to to commons.clients_many"
    case "$_code" in 2??) ;; *) rs_fail "adding documents $_from..$_to to commons.clients_many: HTTP $_code" ;; esac
    _from=$((_to + 1))
  done
  rm -f "$RS_ODBC_DIR/many-docs.json"
  _i=0
  while [ $_i -lt 100 ]; do
    rs_api POST /v1/orgs/self/queries \
      '{"sql":{"query":"SELECT COUNT(*) AS n FROM commons.clients_many"}}' 2>/dev/null \
      | grep -q "\"n\":${RS_MANY_ROWS}[^0-9]" && return 0
    _i=$((_i + 1)); sleep 0.2
  done
  rs_fail "the $RS_MANY_ROWS documents of commons.clients_many never became visible to queries"
}
