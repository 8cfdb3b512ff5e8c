# SPDX-License-Identifier: Apache-2.0
# Sourced (sh) by each tests/clients/test-*.sh. Defines:
#   rs_clients_begin NAME "$@"  re-runs the calling script under tests/with-server.sh when no
#                               server is running yet; exits 77 (skip) when RS_SKIP_CLIENTS
#                               names NAME; sets up the private ODBC ini folder and the test
#                               data (collection commons.clients_types, lambda commons.lam).
#   rs_need CMD...              fails the test (not skips) when a command is missing.
#   rs_fail MSG                 prints and exits 1.
# The expected values every client asserts are the documents in tests/clients/data/.

rs_fail() { echo "FAIL: $*" >&2; exit 1; }

rs_need() {
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 || rs_fail "$c is not installed: run scripts/deps-clients.sh, or list the client in RS_SKIP_CLIENTS"
  done
}

rs_clients_skipped() {
  case " $(echo "${RS_SKIP_CLIENTS:-}" | tr ',' ' ') " in *" $1 "*) return 0 ;; esac
  return 1
}

# curl with the API key passed in a header file, so it never shows on a command line.
rs_api() { # METHOD PATH [JSON-BODY]  -> prints the body; returns non-zero unless 2xx/409
  _hdr="$RS_ODBC_DIR/api-headers"
  [ -f "$_hdr" ] || { printf 'Authorization: ApiKey %s\nContent-Type: application/json\n' "$RS_APIKEY" > "$_hdr"; chmod 600 "$_hdr"; }
  _out="$RS_ODBC_DIR/api-out"
  if [ -n "${3:-}" ]; then
    _code=$(curl -sS -o "$_out" -w '%{http_code}' -X "$1" -H @"$_hdr" --data-binary "$3" "$RS_SERVER$2") || return 1
  else
    _code=$(curl -sS -o "$_out" -w '%{http_code}' -X "$1" -H @"$_hdr" "$RS_SERVER$2") || return 1
  fi
  cat "$_out"
  case "$_code" in 2??|409) return 0 ;; esac
  echo "rs_api: $1 $2 answered HTTP $_code" >&2
  return 1
}

# Test data: a collection holding one document of every type, and a lambda over it.
rs_clients_data() {
  _data="$top_srcdir/tests/clients/data"
  rs_api POST /v1/orgs/self/ws/commons/collections '{"name":"clients_types"}' >/dev/null \
    || rs_fail "cannot create collection commons.clients_types"
  rs_api POST /v1/orgs/self/ws/commons/collections/clients_types/docs "$(cat "$_data/types-docs.json")" >/dev/null \
    || rs_fail "cannot add the documents of commons.clients_types"
  rs_api POST /v1/orgs/self/ws/commons/lambdas "$(cat "$_data/lambda.json")" >/dev/null \
    || rs_fail "cannot create the lambda commons.lam"
  # Ingest may be asynchronous: wait (bounded) until a query sees both documents.
  _i=0
  while [ $_i -lt 50 ]; do
    rs_api POST /v1/orgs/self/queries \
      '{"sql":{"query":"SELECT COUNT(*) AS n FROM commons.clients_types"}}' 2>/dev/null \
      | grep -q '"n":2' && return 0
    _i=$((_i + 1)); sleep 0.2
  done
  rs_fail "the documents of commons.clients_types never became visible to queries"
}

rs_clients_begin() {
  _name=$1; shift
  if rs_clients_skipped "$_name"; then
    echo "SKIP: $_name is listed in RS_SKIP_CLIENTS"; exit 77
  fi
  : "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
  : "${top_builddir:=$(pwd)}"
  export top_srcdir top_builddir
  if [ -z "${RS_SERVER:-}" ]; then
    [ -x "$top_srcdir/tests/with-server.sh" ] || rs_fail "tests/with-server.sh is missing"
    exec "$top_srcdir/tests/with-server.sh" "$0" "$@"
  fi
  rs_need curl
  . "$top_srcdir/tests/odbc-env.sh"
  rs_clients_data
}
